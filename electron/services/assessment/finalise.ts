/**
 * Finalising (定稿) and unlocking a round.
 *
 * Finalise is one transaction: it recomputes the grid, refuses when a group
 * is over its 优秀 quota (CONFLICT, the message names the group and the
 * excess) or a cadre has no grade, stores each cadre's group, total, rank and
 * grade (assessment_results), locks the round, and for a 年度 round writes the
 * grade into the cadre's 年度考核结果 (cadre_assessments: year, grade, and the
 * reason as the note for 不定等次), with an audit entry per cadre so the
 * change shows in their 修改记录.
 *
 * Unlock needs a reason (audit log). It reopens the round and drops the
 * stored results, but it does NOT delete the grades an annual round wrote
 * into 年度考核结果: those are the cadres' recorded results and other screens
 * and exports (任免审批表, .lrmx) may already have used them. Finalising again
 * overwrites them with the new grades; a cadre taken out of the round in the
 * meantime keeps the grade written earlier, which the unlock answer counts
 * (gradesKept) so the user knows.
 */
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { operatorName } from '../common/settings';
import { computeGrid } from './grid';
import { assertRoundOpen, getRound } from './rows';

/** Points where a test may stop the process (crash-safety test); no effect otherwise. */
export type FinaliseStage = 'checked' | 'results' | 'annual' | 'locked';

export function finaliseRound(db: Database, roundId: number, onStage: (stage: FinaliseStage, done: number) => void = () => {}) {
  return db.transaction(() => {
    const round = getRound(db, roundId);
    assertRoundOpen(round, '再次定稿');
    const grid = computeGrid(db, roundId);
    const over = grid.quota.filter(q => q.message);
    if (over.length) throw new AppError('CONFLICT', `不能定稿：${over.map(q => q.message).join('；')}`, { quota: grid.quota });
    if (!grid.canFinalise) throw new AppError('CONFLICT', `不能定稿：${grid.blockers.join('；')}`, { blockers: grid.blockers });
    onStage('checked', 0);

    const operator = operatorName(db);
    const putResult = db.prepare(
      'INSERT INTO assessment_results(round_id, cadre_id, seq, group_name, total, rank, proposed_grade, grade, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    db.prepare('DELETE FROM assessment_results WHERE round_id = ?').run(roundId);
    grid.rows.forEach((r, i) => {
      const note = r.override?.grade === '不定等次' ? r.override.reason : r.vetoed ? '一票否决' : '';
      putResult.run(roundId, r.cadreId, i + 1, r.group, r.total, r.rank, r.proposedGrade, r.grade!, note);
      if (i % 50 === 49) onStage('results', i + 1);
    });

    let annualWritten = 0;
    if (round.kind === '年度') {
      const read = db.prepare('SELECT year, grade, note FROM cadre_assessments WHERE cadre_id = ? ORDER BY year');
      const put = db.prepare(
        'INSERT INTO cadre_assessments(cadre_id, year, grade, note) VALUES (?, ?, ?, ?) ON CONFLICT(cadre_id, year) DO UPDATE SET grade = excluded.grade, note = excluded.note',
      );
      for (const r of grid.rows) {
        const before = read.all(r.cadreId);
        const note = r.grade === '不定等次' ? (r.override?.reason ?? '') : '';
        put.run(r.cadreId, round.year, r.grade, note);
        const after = read.all(r.cadreId);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          audit(db, {
            operator,
            entity: 'cadre',
            entityId: r.cadreId,
            action: 'assessment.finalise',
            before: { assessments: before },
            after: { assessments: after },
          });
        }
        annualWritten++;
        if (annualWritten % 50 === 0) onStage('annual', annualWritten);
      }
    }

    db.prepare(
      "UPDATE assessment_rounds SET status = 'finalised', finalised_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), finalised_by = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
    ).run(operator, roundId);
    audit(db, {
      operator,
      entity: 'assessment_round',
      entityId: roundId,
      action: 'finalise',
      after: {
        graded: grid.rows.length,
        annualWritten,
        quota: grid.quota.map(q => ({ group: q.group, places: q.places, excellent: q.excellent, explanation: q.explanation })),
      },
    });
    onStage('locked', grid.rows.length);
    return { round: getRound(db, roundId), graded: grid.rows.length, annualWritten, quota: grid.quota };
  })();
}

export function unlockRound(db: Database, roundId: number, reason: string) {
  return db.transaction(() => {
    const round = getRound(db, roundId);
    if (round.status !== 'finalised') throw new AppError('CONFLICT', `「${round.name}」尚未定稿，无需解锁`);
    const text = reason.trim();
    if (text.length < 2) throw new AppError('VALIDATION', '解锁须填写原因');
    const gradesKept =
      round.kind === '年度'
        ? (
            db
              .prepare(
                `SELECT count(*) AS n FROM assessment_results r JOIN cadre_assessments a ON a.cadre_id = r.cadre_id AND a.year = ? AND a.grade = r.grade WHERE r.round_id = ?`,
              )
              .get(round.year, roundId) as { n: number }
          ).n
        : 0;
    db.prepare('DELETE FROM assessment_results WHERE round_id = ?').run(roundId);
    db.prepare(
      "UPDATE assessment_rounds SET status = 'open', finalised_at = NULL, finalised_by = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
    ).run(roundId);
    audit(db, {
      entity: 'assessment_round',
      entityId: roundId,
      action: 'unlock',
      before: { status: 'finalised', finalisedAt: round.finalisedAt, finalisedBy: round.finalisedBy },
      after: { status: 'open', reason: text, gradesKept },
    });
    return { round: getRound(db, roundId), gradesKept };
  })();
}
