/**
 * 职数: approved leader posts per unit and 领导职务层次 (unit_quotas, from the 三定
 * plan) against those filled (实配), counted from the cadres in the roster
 * (IN_ROSTER) by their unit and 领导职务层次: never stored, so a merge, a move or a
 * departure is reflected at once. Reasons recorded for appointments past the
 * approved number are shown beside the figures while those cadres still fill it.
 * Read-only (what units/api.ts offers other areas); setting figures and the .xlsx are in
 * quota-edit.ts.
 */
import type { QuotaRow } from '../../../shared/contract/api';
import { QUOTA_LEVELS, quotaBalance } from '../../../shared/domain/events/quota';
import type { Database } from '../../db/database';
import { countInUnit, countsByUnitAndLevel, IN_ROSTER } from '../roster/api';
import { UNIT_ORDER_CTE, UNIT_SUBTREE_CTE } from '../common/unit-tree';
import { liveUnit } from './units';

/** Approved and filled of one unit and level (approved null when not set). */
export function quotaOf(db: Database, unitId: number, level: string): { approved: number | null; filled: number } {
  const approved = db.prepare('SELECT approved FROM unit_quotas WHERE unit_id = ? AND level = ?').pluck().get(unitId, level) as number | undefined;
  return { approved: approved ?? null, filled: countInUnit(db, unitId, level) };
}

/** An approved 职数 as stored (the 三定 document and its date beside it). */
export interface QuotaRecord {
  unitId: number;
  level: string;
  approved: number;
  doc: string;
  docDate: string;
}

/** Every approved 职数, by unit then in the order they were set: the one read of unit_quotas for lists. */
export function quotaRecords(db: Database): QuotaRecord[] {
  return db.prepare('SELECT unit_id AS unitId, level, approved, doc, doc_date AS docDate FROM unit_quotas ORDER BY unit_id, id').all() as QuotaRecord[];
}

/**
 * The 职数 table: per live unit (of `unitId`'s subtree, or all) and level, where a number
 * is approved or someone fills it, in tree order and level order. Other areas (team
 * analysis) read approved and filled per unit from here.
 */
export function quotaFigures(db: Database, unitId?: number): QuotaRow[] {
  if (unitId !== undefined) liveUnit(db, unitId);
  const filled = countsByUnitAndLevel(db, unitId);
  const ctes = [UNIT_ORDER_CTE, ...(unitId === undefined ? [] : [UNIT_SUBTREE_CTE])];
  const units = db
    .prepare(
      `WITH RECURSIVE ${ctes.join(',')}
       SELECT u.id, u.name, o.path FROM units u JOIN unit_order o ON o.id = u.id
        WHERE u.abolished_at IS NULL ${unitId === undefined ? '' : 'AND u.id IN (SELECT id FROM unit_subtree)'}
        ORDER BY o.path`,
    )
    .all(unitId === undefined ? {} : { unitId }) as { id: number; name: string; path: string }[];
  const quotas = new Map(quotaRecords(db).map(q => [`${q.unitId}:${q.level}`, q]));
  const topDepth = units.length ? units[0].path.split('/').length : 0;
  const rows: QuotaRow[] = [];
  for (const u of units) {
    for (const level of QUOTA_LEVELS) {
      const key = `${u.id}:${level}`;
      const q = quotas.get(key);
      const n = filled.get(key) ?? 0;
      if (!q && !n) continue;
      const balance = q ? quotaBalance({ approved: q.approved, filled: n }) : { vacant: 0, over: 0 };
      rows.push({
        unitId: u.id,
        unit: u.name,
        depth: u.path.split('/').length - topDepth,
        level,
        approved: q?.approved ?? null,
        filled: n,
        ...balance,
        doc: q?.doc ?? '',
        docDate: q?.docDate ?? '',
        reasons: balance.over ? overReasons(db, u.id, level) : [],
      });
    }
  }
  return rows;
}

/**
 * Why a unit and level is over: the reasons recorded on the events that put cadres still
 * filling it there (looked up for the few rows that are over, through the unit's cadres).
 */
function overReasons(db: Database, unitId: number, level: string): QuotaRow['reasons'] {
  return db
    .prepare(
      `SELECT c.id AS cadreId, c.name, e.quota_reason AS reason
         FROM cadres c JOIN cadre_events e ON e.cadre_id = c.id
        WHERE c.unit_id = ? AND c.leadership_level = ? AND ${IN_ROSTER}
          AND e.quota_reason <> '' AND e.planned = 0 AND e.unit_id = c.unit_id AND e.leadership_level = c.leadership_level
        ORDER BY e.date, e.id`,
    )
    .all(unitId, level) as QuotaRow['reasons'];
}

export function quotaTotals(rows: readonly QuotaRow[]): { approved: number; filled: number; vacant: number; over: number } {
  const t = { approved: 0, filled: 0, vacant: 0, over: 0 };
  for (const r of rows) {
    t.approved += r.approved ?? 0;
    t.filled += r.filled;
    t.vacant += r.vacant;
    t.over += r.over;
  }
  return t;
}
