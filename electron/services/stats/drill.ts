/**
 * A drill-down (a click on a number of a structure table, a chart or a team) as WHERE terms for
 * the roster: the scope's terms plus, for the row's group and the column's 领导职务层次, the
 * stored values that have the categories (values.ts), so the roster lists exactly the people
 * the number counted.
 */
import { AppError } from '../../../shared/contract/errors';
import { GROUP_CATEGORIES, GROUP_LABELS, type GroupKey } from '../../../shared/domain/stats/categories';
import type { StatsDrill } from '../../../shared/domain/stats/scope';
import type { Database } from '../../db/database';
import { scopeTerms, type Terms } from './scope';
import { valueSql, valuesOf } from './values';

export function drillTerms(db: Database, drill: StatsDrill): Terms {
  const scope = scopeTerms(db, drill.scope, drill.refDate);
  // Parameters of their own (:sd…): the roster page's other terms use :p…, :unitId, :q, :f….
  const where = [...scope.where];
  const params: Record<string, unknown> = { ...scope.params };
  const having = (group: GroupKey, categories: readonly string[]) => {
    const unknown = categories.find(c => !GROUP_CATEGORIES[group].includes(c));
    if (unknown !== undefined) throw new AppError('VALIDATION', `「${GROUP_LABELS[group]}」没有「${unknown}」这一类`);
    const name = `sdValues${where.length}`;
    params[name] = JSON.stringify(valuesOf(db, group, categories, drill.refDate));
    where.push(`${valueSql(group)} IN (SELECT value FROM json_each(:${name}))`);
  };
  if (drill.group && drill.categories) having(drill.group, drill.categories);
  if (drill.level !== undefined) having('level', [drill.level]);
  if (drill.gender) {
    where.push('c.gender = :sdGender');
    params.sdGender = drill.gender;
  }
  return { ctes: scope.ctes, where, params };
}

/** The roster's extra WHERE terms (a 组合查询's, or none) with a drill-down's added. */
export function withDrill(
  db: Database,
  drill: StatsDrill | undefined,
  extra: { ctes?: string[]; where: string[]; params?: Record<string, unknown> } | undefined,
): { ctes: string[]; where: string[]; params: Record<string, unknown> } | undefined {
  if (!drill) return extra && { ctes: extra.ctes ?? [], where: extra.where, params: extra.params ?? {} };
  const d = drillTerms(db, drill);
  return {
    ctes: [...(extra?.ctes ?? []), ...d.ctes],
    where: [...(extra?.where ?? []), ...d.where],
    params: { ...(extra?.params ?? {}), ...d.params },
  };
}
