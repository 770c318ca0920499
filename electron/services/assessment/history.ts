/**
 * A round's inputs in the one undo log (common/operation-log.ts): an
 * operation on a round (a paste of many cells, a tally import, a grade
 * change) records the before and after image of each cadre's inputs in the
 * round (indicator values with notes, 民主测评 tallies, manual grade) under
 * the scope 'round:<id>', so it is one 撤销 step of that round's page.
 * Undo and redo are refused once the round is finalised. Each operation and
 * step writes one audit-log entry for the round.
 */
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import { defineImageKind, defineScopeGuard, historyState, stepHistory, withOperation, type ImageChange, type OperationSummary } from '../common/operation-log';
import { assertRoundOpen, getRound } from './rows';

export type RoundCadreImage = {
  round: number;
  scores: [number, number, string][];
  votes: [number, number, number, number, number] | null;
  grade: [string, string] | null;
};

export const roundScope = (roundId: number) => `round:${roundId}`;

// A finalised round refuses every step, also one asked for from the 操作历史.
defineScopeGuard(/^round:\d+$/, (db, scope, direction) => assertRoundOpen(getRound(db, Number(scope.slice(6))), direction === 'undo' ? '撤销' : '重做'));

export function readImage(db: Database, roundId: number, cadreId: number): RoundCadreImage {
  const scores = (
    cachedStatement(db, 'SELECT indicator_id, value, note FROM assessment_scores WHERE round_id = ? AND cadre_id = ? ORDER BY indicator_id').all(
      roundId,
      cadreId,
    ) as {
      indicator_id: number;
      value: number;
      note: string;
    }[]
  ).map(s => [s.indicator_id, s.value, s.note] as [number, number, string]);
  const v = cachedStatement(db, 'SELECT excellent, competent, basic, incompetent, unknown FROM assessment_votes WHERE round_id = ? AND cadre_id = ?').get(
    roundId,
    cadreId,
  ) as { excellent: number; competent: number; basic: number; incompetent: number; unknown: number } | undefined;
  const g = cachedStatement(db, 'SELECT grade, reason FROM assessment_grades WHERE round_id = ? AND cadre_id = ?').get(roundId, cadreId) as
    { grade: string; reason: string } | undefined;
  return {
    round: roundId,
    scores,
    votes: v ? [v.excellent, v.competent, v.basic, v.incompetent, v.unknown] : null,
    grade: g ? [g.grade, g.reason] : null,
  };
}

export function writeImage(db: Database, cadreId: number, image: RoundCadreImage): void {
  const roundId = image.round;
  cachedStatement(db, 'DELETE FROM assessment_scores WHERE round_id = ? AND cadre_id = ?').run(roundId, cadreId);
  const put = cachedStatement(
    db,
    'INSERT INTO assessment_scores(round_id, cadre_id, indicator_id, value, note) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM assessment_indicators WHERE id = ?)',
  );
  // An indicator removed since the operation is skipped: its scores went with it.
  for (const [ind, value, note] of image.scores) put.run(roundId, cadreId, ind, value, note, ind);
  cachedStatement(db, 'DELETE FROM assessment_votes WHERE round_id = ? AND cadre_id = ?').run(roundId, cadreId);
  if (image.votes)
    cachedStatement(db, 'INSERT INTO assessment_votes(round_id, cadre_id, excellent, competent, basic, incompetent, unknown) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      roundId,
      cadreId,
      ...image.votes,
    );
  cachedStatement(db, 'DELETE FROM assessment_grades WHERE round_id = ? AND cadre_id = ?').run(roundId, cadreId);
  if (image.grade)
    cachedStatement(db, 'INSERT INTO assessment_grades(round_id, cadre_id, grade, reason) VALUES (?, ?, ?, ?)').run(roundId, cadreId, ...image.grade);
}

/** The audit shows a round's inputs per cadre, without the round repeated in each. */
const shown = (image: RoundCadreImage | null) => {
  if (!image) return null;
  const { round: _round, ...inputs } = image;
  return inputs;
};

/** A cadre's inputs in one round; one audit entry per operation (or step) for the round. */
const roundInputs = defineImageKind({
  name: 'assessment_inputs',
  write: (db, id, image) => writeImage(db, id, image as unknown as RoundCadreImage),
  audit(records: ImageChange[], action: string, label: string) {
    const roundId = ((records[0].after ?? records[0].before) as unknown as RoundCadreImage).round;
    if (action === 'undo' || action === 'redo') {
      return [{ entity: 'assessment_round', entityId: roundId, action, after: { label, cadres: records.map(r => r.id) } }];
    }
    const side = (k: 'before' | 'after') => ({ label, cadres: Object.fromEntries(records.map(r => [r.id, shown(r[k] as RoundCadreImage | null)])) });
    return [{ entity: 'assessment_round', entityId: roundId, action, before: side('before'), after: side('after') }];
  },
});

export interface RoundOperationMeta {
  kind: string;
  label: string;
}

/**
 * Runs `fn` as one undoable operation on the round's inputs, in one
 * transaction; `touch(cadreId)` before changing a cadre's inputs. Refused
 * when the round is finalised. An operation that changed nothing leaves no trace.
 */
export function withRoundOperation<T>(
  db: Database,
  roundId: number,
  meta: RoundOperationMeta,
  fn: (touch: (cadreId: number) => void) => T,
): { result: T; changed: number; operation: OperationSummary | null } {
  const done = withOperation(db, { ...meta, scope: roundScope(roundId) }, op => {
    assertRoundOpen(getRound(db, roundId));
    const result = fn(cadreId => op.touchImage(roundInputs, cadreId, () => readImage(db, roundId, cadreId)));
    return { result };
  });
  return { result: done.result, changed: done.operation?.changed ?? 0, operation: done.operation ?? null };
}

export function roundHistory(db: Database, roundId: number) {
  return historyState(db, roundScope(roundId));
}

export function stepRoundHistory(db: Database, roundId: number, direction: 'undo' | 'redo'): string {
  return stepHistory(db, direction, {
    scope: roundScope(roundId),
    guard: () => assertRoundOpen(getRound(db, roundId), direction === 'undo' ? '撤销' : '重做'),
    nothing: { undo: '这一轮考核没有可以撤销的操作', redo: '这一轮考核没有可以重做的操作' },
  }).label;
}
