/**
 * A drill-down (a click on a number of a structure table, a chart or a team) as WHERE terms for
 * the roster: the scope's terms plus `category IN (…)` on the very CASE expression the number was
 * counted with (sql.ts), so the roster lists exactly the people the number counted.
 */
import { AppError } from '../../../shared/contract/errors';
import { GROUP_CATEGORIES, GROUP_LABELS, LEVEL_COLUMNS } from '../../../shared/domain/stats/categories';
import type { StatsDrill } from '../../../shared/domain/stats/scope';
import type { Database } from '../../db/database';
import { scopeTerms, type Terms } from './scope';
import { categorySql, monthIndexOf, SqlParams } from './sql';

export function drillTerms(db: Database, drill: StatsDrill): Terms {
  const scope = scopeTerms(db, drill.scope, drill.refDate);
  const ref = monthIndexOf(drill.refDate);
  // Its own parameter prefix: the roster page's other terms use :p…, :unitId, :q, :f….
  const P = new SqlParams('sd');
  const where = [...scope.where];
  if (drill.group && drill.categories) {
    const known = GROUP_CATEGORIES[drill.group];
    const unknown = drill.categories.find(c => !known.includes(c));
    if (unknown !== undefined) throw new AppError('VALIDATION', `「${GROUP_LABELS[drill.group]}」没有「${unknown}」这一类`);
    where.push(`${categorySql(drill.group, ref, P)} IN (${P.list(drill.categories)})`);
  }
  if (drill.level !== undefined) {
    if (!LEVEL_COLUMNS.includes(drill.level)) throw new AppError('VALIDATION', `「领导职务层次」没有「${drill.level}」这一类`);
    where.push(`${categorySql('level', ref, P)} = ${P.p(drill.level)}`);
  }
  if (drill.gender) where.push(`c.gender = ${P.p(drill.gender)}`);
  return { ctes: scope.ctes, where, params: { ...scope.params, ...P.values } };
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
