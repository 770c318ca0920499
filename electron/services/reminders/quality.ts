/**
 * 数据质量 (三龄两历) for the whole roster: one scan of the fields the checks read, each
 * record checked by the pure rules in shared/domain/reminders/quality.ts.
 */
import { QUALITY_KINDS, reviewRecord, type QualityKind } from '../../../shared/domain/reminders/quality';
import type { QualityRow } from '../../../shared/contract/routes/reminders';
import type { Database } from '../../db/database';
import { IN_ROSTER } from '../roster/api';

/** The columns the review reads, in the scan's order (also the bench's floor). */
export const QUALITY_SCAN_SQL = `SELECT c.id, c.name, c.unit_id, c.birth, c.gender, c.id_number, c.party_date, c.work_date, c.post_date, c.resume
  FROM cadres c WHERE ${IN_ROSTER} ORDER BY c.id`;
type Cells = [number, string, number | null, string, string, string, string, string, string, string];

export interface QualityReview {
  rows: QualityRow[];
  counts: { kind: QualityKind; count: number }[];
}

/** Every finding, grouped by kind in QUALITY_KINDS order, cadres by id within a kind. */
export function reviewQuality(db: Database): QualityReview {
  const units = new Map(db.prepare('SELECT id, name FROM units').raw().all() as [number, string][]);
  const byKind = new Map<QualityKind, QualityRow[]>(QUALITY_KINDS.map(k => [k, []]));
  for (const [cadreId, name, unitId, birth, gender, idNumber, partyDate, workDate, postDate, resume] of db.prepare(QUALITY_SCAN_SQL).raw().all() as Cells[]) {
    const findings = reviewRecord({ birth, gender, idNumber, partyDate, workDate, postDate, resume });
    if (findings.length === 0) continue;
    const unit = unitId === null ? '' : (units.get(unitId) ?? '');
    for (const f of findings) byKind.get(f.kind)!.push({ kind: f.kind, cadreId, name, unit, fields: f.fields, detail: f.detail });
  }
  return {
    rows: [...byKind.values()].flat(),
    counts: QUALITY_KINDS.map(kind => ({ kind, count: byKind.get(kind)!.length })),
  };
}
