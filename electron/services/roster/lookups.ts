/**
 * Small reads of cadre data for other areas (names, summaries, who is in the roster), so that
 * no area outside roster/ writes its own SQL on `cadres` nor its own idea of "in the roster".
 */
import type { Database } from '../../db/database';
import { IN_ROSTER, NOT_DELETED } from './cadres';
import { UNIT_SUBTREE_CTE } from '../common/unit-tree';

/** A cadre as other areas show it in their lists. */
export interface CadreSummary {
  id: number;
  name: string;
  /** The unit's name ('' without one). */
  unit: string;
  post: string;
  leadershipLevel: string;
  idNumber: string;
  birth: string;
  /** In the 回收站. */
  deleted: boolean;
}

const json = (ids: readonly number[]) => JSON.stringify(ids);

/** Summaries by id (every cadre, the 回收站 included); ids that do not exist are absent. */
export function cadreSummaries(db: Database, ids: readonly number[]): Map<number, CadreSummary> {
  const rows = db
    .prepare(
      `SELECT c.id, c.name, coalesce(u.name, '') AS unit, c.post, c.leadership_level AS leadershipLevel, c.id_number AS idNumber, c.birth,
              c.deleted_at IS NOT NULL AS deleted
         FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(json(ids)) as (Omit<CadreSummary, 'deleted'> & { deleted: number })[];
  return new Map(rows.map(r => [r.id, { ...r, deleted: !!r.deleted }]));
}

export function cadreSummary(db: Database, id: number): CadreSummary | undefined {
  return cadreSummaries(db, [id]).get(id);
}

/** A cadre's name (the 回收站 included), undefined when no such cadre exists. */
export function cadreName(db: Database, id: number): string | undefined {
  return db.prepare('SELECT name FROM cadres WHERE id = ?').pluck().get(id) as string | undefined;
}

/** A cadre's name when it is not in the 回收站 (in the roster or the 历史库): who a record may name. */
export function liveCadreName(db: Database, id: number): string | undefined {
  return db.prepare(`SELECT c.name FROM cadres c WHERE c.id = ? AND ${NOT_DELETED}`).pluck().get(id) as string | undefined;
}

/** Those of `ids` not in the 回收站. */
export function liveCadreIds(db: Database, ids: readonly number[]): Set<number> {
  return new Set(db.prepare(`SELECT c.id FROM cadres c WHERE c.id IN (SELECT value FROM json_each(?)) AND ${NOT_DELETED}`).pluck().all(json(ids)) as number[]);
}

/** Those of `ids` in the roster (IN_ROSTER), in roster order (sort order, then id). */
export function inRosterIds(db: Database, ids: readonly number[]): number[] {
  return db
    .prepare(`SELECT c.id FROM cadres c WHERE c.id IN (SELECT value FROM json_each(?)) AND ${IN_ROSTER} ORDER BY c.sort_order, c.id`)
    .pluck()
    .all(json(ids)) as number[];
}

/** Who a scope names among the roster; no narrowing = the whole roster. */
export interface RosterScope {
  /** A unit and all its sub-units. */
  unitTree?: number;
  tag?: string;
  leadershipLevel?: string;
}

/** Ids of the cadres in the roster (IN_ROSTER) a scope names, in roster order (sort order, then id). */
export function rosterIds(db: Database, scope: RosterScope = {}): number[] {
  const where = [IN_ROSTER];
  if (scope.unitTree !== undefined) where.push('c.unit_id IN (SELECT id FROM unit_subtree)');
  if (scope.tag !== undefined) where.push('EXISTS (SELECT 1 FROM cadre_tags t WHERE t.cadre_id = c.id AND t.tag = :tag)');
  if (scope.leadershipLevel !== undefined) where.push('c.leadership_level = :leadershipLevel');
  const cte = scope.unitTree !== undefined ? `WITH RECURSIVE ${UNIT_SUBTREE_CTE}` : '';
  return db
    .prepare(`${cte} SELECT c.id FROM cadres c WHERE ${where.map(w => `(${w})`).join(' AND ')} ORDER BY c.sort_order, c.id`)
    .pluck()
    .all({ unitId: scope.unitTree ?? null, tag: scope.tag ?? null, leadershipLevel: scope.leadershipLevel ?? null }) as number[];
}

/** Cadres in the roster of one unit (not its sub-units), optionally of one 领导职务层次. */
export function countInUnit(db: Database, unitId: number, leadershipLevel?: string): number {
  const level = leadershipLevel === undefined ? '' : 'AND c.leadership_level = :level';
  return db
    .prepare(`SELECT count(*) FROM cadres c WHERE c.unit_id = :unitId AND ${IN_ROSTER} ${level}`)
    .pluck()
    .get({ unitId, level: leadershipLevel ?? null }) as number;
}

/** Cadres in the roster per unit and 领导职务层次 ('unitId:level' → count), of a unit's subtree or everywhere. */
export function countsByUnitAndLevel(db: Database, unitTree?: number): Map<string, number> {
  const scope = unitTree === undefined ? '' : `WITH RECURSIVE ${UNIT_SUBTREE_CTE}`;
  const rows = db
    .prepare(
      `${scope} SELECT c.unit_id AS unitId, c.leadership_level AS level, count(*) AS n FROM cadres c
        WHERE ${IN_ROSTER} AND c.leadership_level <> '' AND c.unit_id IS NOT NULL
        ${unitTree === undefined ? '' : 'AND c.unit_id IN (SELECT id FROM unit_subtree)'}
        GROUP BY c.unit_id, c.leadership_level`,
    )
    .raw()
    .all(unitTree === undefined ? {} : { unitId: unitTree }) as [number, string, number][];
  return new Map(rows.map(([u, level, n]) => [`${u}:${level}`, n]));
}

/** The 领导职务层次 held by a unit's own cadres in the roster (not its sub-units'). */
export function leadershipLevelsInUnit(db: Database, unitId: number): string[] {
  return db
    .prepare(`SELECT DISTINCT c.leadership_level FROM cadres c WHERE c.unit_id = ? AND ${IN_ROSTER} AND c.leadership_level <> ''`)
    .pluck()
    .all(unitId) as string[];
}

/** Where a cadre stands now: what an event (任免, 退休…) starts from and changes. */
export interface CadreStanding {
  id: number;
  name: string;
  unitId: number | null;
  post: string;
  level: string;
  rank: string;
  status: string;
  /** In the 回收站. */
  deleted: boolean;
  /** In the roster (IN_ROSTER), so counted in its unit's 职数. */
  inRoster: boolean;
  resume: string;
  proposedPost: string;
  proposedRemoval: string;
  appointmentReason: string;
}

export function cadreStanding(db: Database, id: number): CadreStanding | undefined {
  const row = db
    .prepare(
      `SELECT c.id, c.name, c.unit_id AS unitId, c.post, c.leadership_level AS level, c.rank, c.status, c.deleted_at IS NOT NULL AS deleted,
              (${IN_ROSTER}) AS inRoster, c.resume, c.proposed_post AS proposedPost, c.proposed_removal AS proposedRemoval,
              c.appointment_reason AS appointmentReason
         FROM cadres c WHERE c.id = ?`,
    )
    .get(id) as (Omit<CadreStanding, 'deleted' | 'inRoster'> & { deleted: number; inRoster: number }) | undefined;
  return row && { ...row, deleted: !!row.deleted, inRoster: !!row.inRoster };
}

/** 在职 cadres of one unit, in the roster or in the 回收站 (who would come back into it), in roster order. */
export function servingInUnit(db: Database, unitId: number): { id: number; deleted: boolean }[] {
  const rows = db
    .prepare("SELECT c.id, c.deleted_at IS NOT NULL AS deleted FROM cadres c WHERE c.unit_id = ? AND c.status = '在职' ORDER BY c.sort_order, c.id")
    .all(unitId) as { id: number; deleted: number }[];
  return rows.map(r => ({ id: r.id, deleted: !!r.deleted }));
}

export function cadreResume(db: Database, id: number): string | undefined {
  return db.prepare('SELECT resume FROM cadres WHERE id = ?').pluck().get(id) as string | undefined;
}

/** The photo: null without one, undefined when no such cadre exists. */
export function cadrePhoto(db: Database, id: number): Buffer | null | undefined {
  const row = db.prepare('SELECT photo FROM cadres WHERE id = ?').get(id) as { photo: Buffer | null } | undefined;
  return row?.photo;
}
