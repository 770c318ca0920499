/**
 * A statistics scope (统计范围) as WHERE terms over the alias `c`, built like the roster's own
 * filters (roster/api.ts IN_ROSTER and compileQuery, common/unit-tree.ts UNIT_SUBTREE_CTE) so that the
 * roster, given the same terms as a drill-down, lists the same people. Every scope counts the
 * roster only: not the 回收站, not the 历史库 (IN_ROSTER).
 *
 * Names are kept apart from the roster page's own terms (its unit_subtree/:unitId, a 组合查询's
 * query_unit_subtree/:p1…): the stats terms use stats_* CTEs and :st* parameters.
 */
import { AppError } from '../../../shared/contract/errors';
import type { StatsScope } from '../../../shared/domain/stats/scope';
import { teamFloor } from '../../../shared/domain/stats/teams';
import { describeQuery } from '../../../shared/domain/roster/query';
import { LEVEL_STEPS, levelOrder } from '../../../shared/domain/stats/categories';
import type { Database } from '../../db/database';
import { compileQuery, IN_ROSTER, leadershipLevelsInUnit, listViews } from '../roster/api';
import { UNIT_SUBTREE_CTE } from '../common/unit-tree';

export interface Terms {
  ctes: string[];
  where: string[];
  params: Record<string, unknown>;
}

export interface ScopeTerms extends Terms {
  /** How the page and the exports name the scope (市教育局（含下属单位）, 市教育局领导班子). */
  label: string;
}

/** UNIT_SUBTREE_CTE under names of its own (the roster page may add its own unit filter). */
const STATS_UNIT_CTE = rename(UNIT_SUBTREE_CTE, [
  ['unit_subtree', 'stats_unit_subtree'],
  [':unitId', ':stUnit'],
]);

function rename(sql: string, pairs: [string, string][]): string {
  const out = pairs.reduce((s, [from, to]) => s.replaceAll(from, to), sql);
  if (pairs.some(([from]) => !sql.includes(from))) throw new Error(`SQL changed shape: ${sql.slice(0, 60)}`);
  return out;
}

function unitRow(db: Database, unitId: number): { name: string; level: string } {
  const u = db.prepare('SELECT name, level FROM units WHERE id = ?').get(unitId) as { name: string; level: string } | undefined;
  if (!u) throw new AppError('NOT_FOUND', `找不到编号为 ${unitId} 的单位`);
  return u;
}

/** The stored spellings of the 领导职务层次 steps from the top down to `floor`. */
export function teamSpellings(floor: number | null): string[] {
  return floor === null ? [] : LEVEL_STEPS.filter((_, order) => order <= floor).flatMap(s => s.spellings);
}

/** The ladder order of the highest 领导职务层次 among a unit's own cadres in the roster, null when none. */
export function topOrderOf(db: Database, unitId: number): number | null {
  const orders = leadershipLevelsInUnit(db, unitId)
    .map(levelOrder)
    .filter(o => o >= 0);
  return orders.length ? Math.min(...orders) : null;
}

/** The terms of a unit's 领导班子 (shared/domain/stats/teams.ts says who is in it). */
function teamTerms(db: Database, unitId: number): Terms {
  const unit = unitRow(db, unitId);
  const spellings = teamSpellings(teamFloor(unit.level, topOrderOf(db, unitId)));
  if (!spellings.length) return { ctes: [], where: [IN_ROSTER, '0'], params: {} };
  const names = spellings.map((_, i) => `:stLevel${i}`);
  return {
    ctes: [],
    where: [IN_ROSTER, 'c.unit_id = :stUnit', `c.leadership_level IN (${names.join(', ')})`],
    params: { stUnit: unitId, ...Object.fromEntries(spellings.map((s, i) => [`stLevel${i}`, s])) },
  };
}

/** A 组合查询 compiled by the roster, its parameters and CTE renamed into the stats namespace. */
function queryTerms(query: Parameters<typeof compileQuery>[0], refDate: string): Terms {
  const compiled = compileQuery(query, { today: refDate });
  const names: [RegExp, string][] = [
    [/:p(\d+)\b/g, ':stq$1'],
    [/\bquery_unit_subtree\b/g, 'stats_query_unit_subtree'],
  ];
  const apply = (sql: string) => names.reduce((s, [re, to]) => s.replace(re, to), sql);
  return {
    ctes: compiled.ctes.map(apply),
    where: [IN_ROSTER, apply(compiled.sql)],
    params: Object.fromEntries(Object.entries(compiled.params).map(([k, v]) => [k.replace(/^p/, 'stq'), v])),
  };
}

export function scopeTerms(db: Database, scope: StatsScope, refDate: string): ScopeTerms {
  switch (scope.kind) {
    case 'all':
      return { ctes: [], where: [IN_ROSTER], params: {}, label: '全部干部' };
    case 'unit':
      return {
        ctes: [STATS_UNIT_CTE],
        where: [IN_ROSTER, 'c.unit_id IN (SELECT id FROM stats_unit_subtree)'],
        params: { stUnit: scope.unitId },
        label: `${unitRow(db, scope.unitId).name}（含下属单位）`,
      };
    case 'team':
      return { ...teamTerms(db, scope.unitId), label: `${unitRow(db, scope.unitId).name}领导班子` };
    case 'view': {
      const view = listViews(db).find(v => v.id === scope.viewId);
      if (!view) throw new AppError('NOT_FOUND', `找不到编号为 ${scope.viewId} 的查询方案`);
      return { ...queryTerms(view.query, refDate), label: `查询方案「${view.name}」` };
    }
    case 'query': {
      const unitName = scope.query.unitId === undefined ? undefined : unitRow(db, scope.query.unitId).name;
      const what = describeQuery(scope.query, { today: refDate, unitName });
      return { ...queryTerms(scope.query, refDate), label: scope.from === 'roster' ? `干部名册当前的组合查询（${what}）` : `组合查询（${what}）` };
    }
    case 'batch': {
      const batch = db
        .prepare('SELECT p.name AS programme, b.name FROM secondment_batches b JOIN secondment_programmes p ON p.id = b.programme_id WHERE b.id = ?')
        .get(scope.batchId) as { programme: string; name: string } | undefined;
      if (!batch) throw new AppError('NOT_FOUND', `找不到编号为 ${scope.batchId} 的挂职批次`);
      return {
        ctes: [],
        // Members replaced by 调换 are left out: their place counts through the replacement.
        where: [IN_ROSTER, "c.id IN (SELECT m.cadre_id FROM secondment_members m WHERE m.batch_id = :stBatch AND m.status <> '已调换')"],
        params: { stBatch: scope.batchId },
        label: `${batch.programme} ${batch.name}`,
      };
    }
    case 'tag':
      return {
        ctes: [],
        where: [IN_ROSTER, 'c.id IN (SELECT t.cadre_id FROM cadre_tags t WHERE t.tag = :stTag)'],
        params: { stTag: scope.tag },
        label: `干部类别「${scope.tag}」`,
      };
  }
}
