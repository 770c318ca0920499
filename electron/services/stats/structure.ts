/**
 * The structure table (结构分析表) of a scope at a reference date, in one pass: one statement
 * reads the stored fields the categories need for the scope's cadres, and each row is counted
 * into every group by category × column (总体, its 领导职务层次, its gender) with the sum of the
 * ages. Each distinct value is classified once (values.ts); no query per cadre, no per-row SQL
 * expressions (measured in test/bench/stats.ts: several times faster than CASE expressions and
 * GROUP BYs in SQLite).
 */
import { completedAge } from '../../../shared/domain/common/age';
import { percent, roundHalfUp } from '../../../shared/domain/common/percent';
import {
  GENDER_COLUMNS,
  GROUP_CATEGORIES,
  GROUP_FIELDS,
  GROUP_KEYS,
  GROUP_LABELS,
  isCatchAll,
  LEVEL_COLUMNS,
  type CadreFacts,
} from '../../../shared/domain/stats/categories';
import type { StatsScope } from '../../../shared/domain/stats/scope';
import { ALL_COLUMN, genderColumn, levelColumn, type Column, type StructureTable } from '../../../shared/domain/stats/table';
import type { Database } from '../../db/database';
import { scopeTerms } from './scope';
import { Classifier, columnOf } from './values';

/** The columns of every table: 总体, each 领导职务层次, each gender. */
const COLUMN_KEYS = [ALL_COLUMN, ...LEVEL_COLUMNS.map(levelColumn), ...GENDER_COLUMNS.map(genderColumn)];
const FIRST_LEVEL = 1;
const FIRST_GENDER = 1 + LEVEL_COLUMNS.length;

/** The fields read: the gender and every group's fields, each once. */
const FIELDS: (keyof CadreFacts)[] = [...new Set<keyof CadreFacts>(['gender', ...GROUP_KEYS.flatMap(g => GROUP_FIELDS[g])])];

const average = (sum: number, n: number) => (n ? roundHalfUp(String(sum / n), 1) : null);

export function structureTable(db: Database, scope: StatsScope, refDate: string): StructureTable {
  const terms = scopeTerms(db, scope, refDate);
  const ncol = COLUMN_KEYS.length;
  const classifiers = GROUP_KEYS.map(g => new Classifier(g, refDate));
  // Where each group's one or two fields sit in a row (-1: no second field).
  const first = GROUP_KEYS.map(g => FIELDS.indexOf(GROUP_FIELDS[g][0]));
  const second = GROUP_KEYS.map(g => (GROUP_FIELDS[g].length > 1 ? FIELDS.indexOf(GROUP_FIELDS[g][1]) : -1));
  const counts = GROUP_KEYS.map(g => new Int32Array(GROUP_CATEGORIES[g].length * ncol));
  const levelGroup = GROUP_KEYS.indexOf('level');
  const genderAt = FIELDS.indexOf('gender');
  const birthAt = FIELDS.indexOf('birth');
  const totals = new Int32Array(ncol);
  const ageSums = new Float64Array(ncol);
  const aged = new Int32Array(ncol);
  const ages = new Map<string, number | null>();

  const statement = db
    .prepare(
      `${terms.ctes.length ? `WITH RECURSIVE ${terms.ctes.join(',')}` : ''}
       SELECT ${FIELDS.map(columnOf).join(', ')} FROM cadres c WHERE ${terms.where.map(w => `(${w})`).join(' AND ')}`,
    )
    .raw();
  const cols = [0, 0, -1];
  for (const row of statement.iterate(terms.params) as Iterable<string[]>) {
    const category = (g: number) => classifiers[g].index(row[first[g]], second[g] < 0 ? undefined : row[second[g]]);
    cols[1] = FIRST_LEVEL + category(levelGroup);
    const gender = GENDER_COLUMNS.indexOf(row[genderAt] as (typeof GENDER_COLUMNS)[number]);
    cols[2] = gender < 0 ? -1 : FIRST_GENDER + gender;
    let age = ages.get(row[birthAt]);
    if (age === undefined) ages.set(row[birthAt], (age = completedAge(row[birthAt], refDate)));
    for (const c of cols) {
      if (c < 0) continue;
      totals[c]++;
      if (age !== null) {
        ageSums[c] += age;
        aged[c]++;
      }
    }
    for (let g = 0; g < GROUP_KEYS.length; g++) {
      const base = category(g) * ncol;
      for (const c of cols) if (c >= 0) counts[g][base + c]++;
    }
  }

  const columns: Column[] = COLUMN_KEYS.map((key, i) => ({
    key,
    band: i === 0 ? 'all' : i < FIRST_GENDER ? 'level' : 'gender',
    label: i === 0 ? '总体' : key.slice(key.indexOf(':') + 1),
    total: totals[i],
    averageAge: average(ageSums[i], aged[i]),
  }));
  const groups = GROUP_KEYS.map((key, g) => ({
    key,
    label: GROUP_LABELS[key],
    rows: GROUP_CATEGORIES[key]
      .map((category, k) => ({
        category,
        cells: COLUMN_KEYS.map((_, c) => ({ count: counts[g][k * ncol + c], pct: percent(counts[g][k * ncol + c], totals[c]) })),
      }))
      .filter(r => !isCatchAll(key, r.category) || r.cells[0].count > 0),
  }));
  return { scope, scopeLabel: terms.label, refDate, total: totals[0], averageAge: columns[0].averageAge, columns, groups };
}
