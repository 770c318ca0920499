/**
 * Feeds the pure statistics (shared/domain/secondment/stats.ts) from the database:
 * a batch's members, a programme's batches, a rotation's assignments.
 */
import { AppError } from '../../../shared/contract/errors';
import type { RotationStats, SecondmentStats } from '../../../shared/contract/routes/secondment';
import { rotationStats, secondmentStats, type RotationReplacement, type StatsAssignment, type StatsMember } from '../../../shared/domain/secondment/stats';
import type { Database } from '../../db/database';
import { listBatches } from './programmes';

const MEMBER_FACTS = `
  SELECT c.birth, c.gender, c.ft_education AS ftEducation, c.rank, c.leadership_level AS leadershipLevel,
         m.status, m.outcome, m.return_date AS returnDate, b.start_date AS refDate
    FROM secondment_members m
    JOIN cadres c ON c.id = m.cadre_id
    JOIN secondment_batches b ON b.id = m.batch_id`;

export function batchStats(db: Database, batchId: number, youngThreshold?: number): SecondmentStats {
  if (!db.prepare('SELECT 1 FROM secondment_batches WHERE id = ?').get(batchId)) throw new AppError('NOT_FOUND', `找不到编号为 ${batchId} 的挂职批次`);
  return secondmentStats(db.prepare(`${MEMBER_FACTS} WHERE m.batch_id = ?`).all(batchId) as StatsMember[], youngThreshold);
}

export function programmeStats(db: Database, programmeId: number, youngThreshold?: number) {
  if (!db.prepare('SELECT 1 FROM secondment_programmes WHERE id = ?').get(programmeId)) {
    throw new AppError('NOT_FOUND', `找不到编号为 ${programmeId} 的挂职项目`);
  }
  const all = db.prepare(`${MEMBER_FACTS} WHERE b.programme_id = ?`).all(programmeId) as StatsMember[];
  return {
    ...secondmentStats(all, youngThreshold),
    batches: listBatches(db, { programmeId }).map(b => ({ batchId: b.id, seq: b.seq, name: b.name, stats: batchStats(db, b.id, youngThreshold) })),
  };
}

export function rotationStatsOf(db: Database, rotationId: number, youngThreshold?: number): RotationStats {
  if (!db.prepare('SELECT 1 FROM village_rotations WHERE id = ?').get(rotationId)) throw new AppError('NOT_FOUND', `找不到编号为 ${rotationId} 的驻村轮次`);
  const rows = db
    .prepare(
      `SELECT a.kind, a.status, a.role, a.village_id AS villageId, v.kind AS villageKind, c.gender, c.birth,
              coalesce(nullif(a.start_date, ''), r.start_date) AS refDate
         FROM village_assignments a
         JOIN village_rotations r ON r.id = a.rotation_id
         JOIN villages v ON v.id = a.village_id
         JOIN cadres c ON c.id = a.cadre_id
        WHERE a.rotation_id = ?`,
    )
    .all(rotationId) as StatsAssignment[];
  const replacements = db
    .prepare(
      `SELECT a.id AS assignmentId, c.name, coalesce(oc.name, '') AS replacesName, v.county || v.township || v.name AS village,
              a.replacement_reason AS reason, a.sending_unit AS sendingUnit, a.start_date AS date
         FROM village_assignments a
         JOIN cadres c ON c.id = a.cadre_id
         JOIN villages v ON v.id = a.village_id
         LEFT JOIN village_assignments o ON o.id = a.replaces_assignment_id
         LEFT JOIN cadres oc ON oc.id = o.cadre_id
        WHERE a.rotation_id = ? AND a.kind = '调换'
        ORDER BY a.id`,
    )
    .all(rotationId) as RotationReplacement[];
  return rotationStats(rows, replacements, youngThreshold);
}
