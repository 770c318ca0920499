/** Rounds (季度/半年/年度/专项) of a set: create, edit while open, delete while open. */
import type { z } from 'zod';
import type { roundInputSchema, Round } from '../../../shared/contract/routes/assessment';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { clearHistory } from '../common/operation-log';
import { roundScope } from './history';
import { assertRoundOpen, getRound, setExists } from './rows';

type RoundInput = z.output<typeof roundInputSchema>;

export function saveRound(db: Database, input: RoundInput): Round {
  const id = db.transaction(() => {
    setExists(db, input.setId);
    if (input.startDate && input.endDate && input.startDate > input.endDate) throw new AppError('VALIDATION', '考核期间的开始日期晚于结束日期');
    const params = {
      set_id: input.setId,
      name: input.name,
      kind: input.kind,
      year: input.year,
      period: input.period,
      start_date: input.startDate,
      end_date: input.endDate,
      excellent_min: input.thresholds.excellent,
      competent_min: input.thresholds.competent,
      basic_min: input.thresholds.basic,
      quota_percent: input.quotaPercent,
      rounding: input.rounding,
      grouping: input.grouping,
      notes: input.notes,
    };
    if (input.id !== undefined) {
      const before = getRound(db, input.id);
      assertRoundOpen(before);
      if (before.setId !== input.setId) throw new AppError('VALIDATION', '考核轮次不能改属其他指标体系');
      db.prepare(
        `UPDATE assessment_rounds SET name = :name, kind = :kind, year = :year, period = :period, start_date = :start_date, end_date = :end_date,
           excellent_min = :excellent_min, competent_min = :competent_min, basic_min = :basic_min, quota_percent = :quota_percent,
           rounding = :rounding, grouping = :grouping, notes = :notes, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`,
      ).run({ ...params, id: input.id });
      audit(db, { entity: 'assessment_round', entityId: input.id, action: 'update', before, after: getRound(db, input.id) });
      return input.id;
    }
    const newId = Number(
      db
        .prepare(
          `INSERT INTO assessment_rounds(set_id, name, kind, year, period, start_date, end_date, excellent_min, competent_min, basic_min, quota_percent, rounding, grouping, notes)
           VALUES (:set_id, :name, :kind, :year, :period, :start_date, :end_date, :excellent_min, :competent_min, :basic_min, :quota_percent, :rounding, :grouping, :notes)`,
        )
        .run(params).lastInsertRowid,
    );
    audit(db, { entity: 'assessment_round', entityId: newId, action: 'create', after: getRound(db, newId) });
    return newId;
  })();
  return getRound(db, id);
}

export function deleteRound(db: Database, id: number): boolean {
  return db.transaction(() => {
    const round = getRound(db, id);
    assertRoundOpen(round, '删除');
    db.prepare('DELETE FROM assessment_rounds WHERE id = ?').run(id);
    // Its undo log goes with it.
    clearHistory(db, roundScope(id));
    audit(db, { entity: 'assessment_round', entityId: id, action: 'delete', before: round });
    return true;
  })();
}
