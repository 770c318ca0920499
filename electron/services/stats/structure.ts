/**
 * The structure table (结构分析表) of a scope at a reference date, in one statement: the scope's
 * cadres are read once into a materialised table of their categories (one CASE per group, see
 * sql.ts), then one GROUP BY per group counts them by category × 领导职务层次 × 性别 with the
 * sum of their ages. Columns and shares are assembled here; no query per cadre.
 */
import { percent, roundHalfUp } from '../../../shared/domain/common/percent';
import { GENDER_COLUMNS, GROUP_CATEGORIES, GROUP_KEYS, GROUP_LABELS, isCatchAll, LEVEL_COLUMNS } from '../../../shared/domain/stats/categories';
import type { StatsScope } from '../../../shared/domain/stats/scope';
import { ALL_COLUMN, genderColumn, levelColumn, type Column, type StructureTable } from '../../../shared/domain/stats/table';
import type { Database } from '../../db/database';
import { scopeTerms } from './scope';
import { categorySql, monthIndexOf, SqlParams, yearsSql } from './sql';

interface Tally {
  g: number;
  k: string;
  lvl: string;
  gender: string;
  n: number;
  ages: number | null;
  aged: number;
}

const average = (sum: number, n: number) => (n ? roundHalfUp(String(sum / n), 1) : null);

/** The statement counting a scope's cadres (alias c, filtered by `where`) for every group. */
export function tallySql(refDate: string, ctes: string[], where: string[], P: SqlParams): string {
  const ref = monthIndexOf(refDate);
  const categories = GROUP_KEYS.map((g, i) => `${categorySql(g, ref, P)} AS g${i}`);
  const facts = `facts AS MATERIALIZED (
    SELECT ${categorySql('level', ref, P)} AS lvl, c.gender AS gender, ${yearsSql('c.birth', ref)} AS age, ${categories.join(', ')}
      FROM cadres c WHERE ${where.map(w => `(${w})`).join(' AND ')})`;
  const tallies = GROUP_KEYS.map(
    (_, i) => `SELECT ${i} AS g, g${i} AS k, lvl, gender, count(*) AS n, sum(age) AS ages, count(age) AS aged FROM facts GROUP BY g${i}, lvl, gender`,
  );
  return `WITH RECURSIVE ${[...ctes, facts].join(',\n')}\n${tallies.join('\nUNION ALL\n')}`;
}

export function structureTable(db: Database, scope: StatsScope, refDate: string): StructureTable {
  const terms = scopeTerms(db, scope, refDate);
  const P = new SqlParams();
  const sql = tallySql(refDate, terms.ctes, terms.where, P);
  const tallies = db.prepare(sql).all({ ...terms.params, ...P.values }) as Tally[];

  // Which columns a tally counts in: 总体, its 领导职务层次, its gender.
  const keys = [ALL_COLUMN, ...LEVEL_COLUMNS.map(levelColumn), ...GENDER_COLUMNS.map(genderColumn)];
  const index = new Map(keys.map((k, i) => [k, i]));
  const columnsOf = (t: Tally) => [0, index.get(levelColumn(t.lvl)), index.get(genderColumn(t.gender))].filter((i): i is number => i !== undefined);

  const totals = keys.map(() => ({ n: 0, ages: 0, aged: 0 }));
  const counts = GROUP_KEYS.map(() => new Map<string, number[]>());
  for (const t of tallies) {
    const cols = columnsOf(t);
    const row = counts[t.g].get(t.k) ?? keys.map(() => 0);
    for (const i of cols) row[i] += t.n;
    counts[t.g].set(t.k, row);
    if (t.g === 0) {
      for (const i of cols) {
        totals[i].n += t.n;
        totals[i].ages += t.ages ?? 0;
        totals[i].aged += t.aged;
      }
    }
  }

  const columns: Column[] = keys.map((key, i) => ({
    key,
    band: i === 0 ? 'all' : key.startsWith('level:') ? 'level' : 'gender',
    label: i === 0 ? '总体' : key.slice(key.indexOf(':') + 1),
    total: totals[i].n,
    averageAge: average(totals[i].ages, totals[i].aged),
  }));
  const groups = GROUP_KEYS.map((key, g) => {
    for (const category of counts[g].keys()) {
      if (!GROUP_CATEGORIES[key].includes(category)) throw new Error(`unknown ${key} category from SQL: ${category}`);
    }
    const rows = GROUP_CATEGORIES[key]
      .filter(category => !isCatchAll(key, category) || (counts[g].get(category)?.[0] ?? 0) > 0)
      .map(category => {
        const row = counts[g].get(category) ?? keys.map(() => 0);
        return { category, cells: row.map((count, i) => ({ count, pct: percent(count, totals[i].n) })) };
      });
    return { key, label: GROUP_LABELS[key], rows };
  });
  return {
    scope,
    scopeLabel: terms.label,
    refDate,
    total: totals[0].n,
    averageAge: columns[0].averageAge,
    columns,
    groups,
  };
}
