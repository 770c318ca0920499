/**
 * A cadre cannot be in two secondments or village assignments at once. The
 * periods come from the rows as stored (checked after a write, inside its
 * transaction, so rows written by the same request are compared with each
 * other too); the rule itself is shared/domain/secondment/rules.ts periodsOverlap.
 */
import { batchLabel, overlapMessage, periodsOverlap, type Period, type PlacementKind } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';

export interface Placement {
  kind: PlacementKind;
  id: number;
  cadreId: number;
  /** 「京沈对口合作干部交流 第三批」 / 「第二轮驻村 ××县××镇××村」 */
  where: string;
  period: Period;
}

interface MemberPeriodRow {
  id: number;
  cadreId: number;
  status: string;
  start: string;
  end: string;
  recall: string;
  returned: string;
  batchStart: string;
  batchPlanned: string;
  batchActual: string;
  programme: string;
  batch: string;
}

/**
 * A member occupies from its start (else the batch's) to: the recall date when
 * recalled, its end when replaced (the replacement date), else its return date,
 * its end, the batch's actual or planned end, or to date.
 */
export function memberPeriod(
  r: Pick<MemberPeriodRow, 'status' | 'start' | 'end' | 'recall' | 'returned' | 'batchStart' | 'batchPlanned' | 'batchActual'>,
): Period {
  const start = r.start || r.batchStart;
  if (r.status === '提前召回') return { start, end: r.recall || r.end };
  if (r.status === '已调换') return { start, end: r.end };
  return { start, end: r.returned || r.end || r.batchActual || r.batchPlanned };
}

const MEMBER_SQL = `
  SELECT m.id, m.cadre_id AS cadreId, m.status, m.start_date AS start, m.end_date AS "end", m.recall_date AS recall,
         m.return_date AS returned, b.start_date AS batchStart, b.planned_end_date AS batchPlanned,
         b.actual_end_date AS batchActual, p.name AS programme, b.name AS batch
    FROM secondment_members m
    JOIN secondment_batches b ON b.id = m.batch_id
    JOIN secondment_programmes p ON p.id = b.programme_id`;

const ASSIGNMENT_SQL = `
  SELECT a.id, a.cadre_id AS cadreId, a.start_date AS start, a.end_date AS "end", r.start_date AS rotStart, r.end_date AS rotEnd,
         r.programme, r.name AS rotation, v.county, v.township, v.name AS village
    FROM village_assignments a
    JOIN village_rotations r ON r.id = a.rotation_id
    JOIN villages v ON v.id = a.village_id`;

interface AssignmentPeriodRow {
  id: number;
  cadreId: number;
  start: string;
  end: string;
  rotStart: string;
  rotEnd: string;
  programme: string;
  rotation: string;
  county: string;
  township: string;
  village: string;
}

const toMemberPlacement = (r: MemberPeriodRow): Placement => ({
  kind: '挂职',
  id: r.id,
  cadreId: r.cadreId,
  where: batchLabel(r.programme, r.batch),
  period: memberPeriod(r),
});

const toAssignmentPlacement = (r: AssignmentPeriodRow): Placement => ({
  kind: '驻村',
  id: r.id,
  cadreId: r.cadreId,
  where: `${batchLabel(r.programme, r.rotation)} ${r.county}${r.township}${r.village}`.trim(),
  period: { start: r.start || r.rotStart, end: r.end || r.rotEnd },
});

/** Every placement of a cadre, secondments first. */
export function placementsOf(db: Database, cadreId: number): Placement[] {
  return [
    ...(cachedStatement(db, `${MEMBER_SQL} WHERE m.cadre_id = ? ORDER BY m.id`).all(cadreId) as MemberPeriodRow[]).map(toMemberPlacement),
    ...(cachedStatement(db, `${ASSIGNMENT_SQL} WHERE a.cadre_id = ? ORDER BY a.id`).all(cadreId) as AssignmentPeriodRow[]).map(toAssignmentPlacement),
  ];
}

export function placementOf(db: Database, kind: PlacementKind, id: number): Placement | null {
  const row =
    kind === '挂职'
      ? (cachedStatement(db, `${MEMBER_SQL} WHERE m.id = ?`).get(id) as MemberPeriodRow | undefined)
      : (cachedStatement(db, `${ASSIGNMENT_SQL} WHERE a.id = ?`).get(id) as AssignmentPeriodRow | undefined);
  if (!row) return null;
  return kind === '挂职' ? toMemberPlacement(row as MemberPeriodRow) : toAssignmentPlacement(row as AssignmentPeriodRow);
}

/**
 * The message for the first other placement of the same cadre that overlaps
 * this one, or null. `who` names the cadre in the message (default 该干部).
 */
export function overlapProblem(db: Database, kind: PlacementKind, id: number, who?: string): string | null {
  const self = placementOf(db, kind, id);
  if (!self) return null;
  for (const other of placementsOf(db, self.cadreId)) {
    if (other.kind === kind && other.id === id) continue;
    if (periodsOverlap(self.period, other.period)) return overlapMessage(other.kind, other.where, other.period, who);
  }
  return null;
}
