/**
 * The undo log of a round's inputs. Mirrors the roster's withOperation
 * (history.ts), which records cadre records only: here an operation keeps the
 * before and after image of each cadre's inputs in the round (indicator
 * values with notes, 民主测评 tallies, manual grade), so a paste of many
 * cells, a tally import or a grade change is one 撤销 step. Undo and redo are
 * per round and refused once the round is finalised. Each operation also
 * writes one audit-log entry with the operator.
 */
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import { audit } from '../common/audit';
import { operatorName } from '../common/settings';
import { assertRoundOpen, getRound } from './rows';

export interface RoundCadreImage {
  scores: [number, number, string][];
  votes: [number, number, number, number, number] | null;
  grade: [string, string] | null;
}

export function readImage(db: Database, roundId: number, cadreId: number): RoundCadreImage {
  const scores = (cachedStatement(db, 'SELECT indicator_id, value, note FROM assessment_scores WHERE round_id = ? AND cadre_id = ? ORDER BY indicator_id').all(roundId, cadreId) as {
    indicator_id: number;
    value: number;
    note: string;
  }[]).map(s => [s.indicator_id, s.value, s.note] as [number, number, string]);
  const v = cachedStatement(db, 'SELECT excellent, competent, basic, incompetent, unknown FROM assessment_votes WHERE round_id = ? AND cadre_id = ?').get(roundId, cadreId) as
    | { excellent: number; competent: number; basic: number; incompetent: number; unknown: number }
    | undefined;
  const g = cachedStatement(db, 'SELECT grade, reason FROM assessment_grades WHERE round_id = ? AND cadre_id = ?').get(roundId, cadreId) as { grade: string; reason: string } | undefined;
  return {
    scores,
    votes: v ? [v.excellent, v.competent, v.basic, v.incompetent, v.unknown] : null,
    grade: g ? [g.grade, g.reason] : null,
  };
}

export function writeImage(db: Database, roundId: number, cadreId: number, image: RoundCadreImage): void {
  cachedStatement(db, 'DELETE FROM assessment_scores WHERE round_id = ? AND cadre_id = ?').run(roundId, cadreId);
  const put = cachedStatement(db, 'INSERT INTO assessment_scores(round_id, cadre_id, indicator_id, value, note) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM assessment_indicators WHERE id = ?)');
  // An indicator removed since the operation is skipped: its scores went with it.
  for (const [ind, value, note] of image.scores) put.run(roundId, cadreId, ind, value, note, ind);
  cachedStatement(db, 'DELETE FROM assessment_votes WHERE round_id = ? AND cadre_id = ?').run(roundId, cadreId);
  if (image.votes) cachedStatement(db, 'INSERT INTO assessment_votes(round_id, cadre_id, excellent, competent, basic, incompetent, unknown) VALUES (?, ?, ?, ?, ?, ?, ?)').run(roundId, cadreId, ...image.votes);
  cachedStatement(db, 'DELETE FROM assessment_grades WHERE round_id = ? AND cadre_id = ?').run(roundId, cadreId);
  if (image.grade) cachedStatement(db, 'INSERT INTO assessment_grades(round_id, cadre_id, grade, reason) VALUES (?, ?, ?, ?)').run(roundId, cadreId, ...image.grade);
}

export interface RoundOperationMeta {
  kind: string;
  label: string;
}

/**
 * Runs `fn` as one undoable operation on the round's inputs, in one
 * transaction; `touch(cadreId)` before changing a cadre's inputs. Refused
 * when the round is finalised. An operation that changed nothing leaves no trace.
 */
export function withRoundOperation<T>(db: Database, roundId: number, meta: RoundOperationMeta, fn: (touch: (cadreId: number) => void) => T): { result: T; changed: number } {
  return db.transaction(() => {
    assertRoundOpen(getRound(db, roundId));
    const before = new Map<number, RoundCadreImage>();
    const result = fn(cadreId => {
      if (!before.has(cadreId)) before.set(cadreId, readImage(db, roundId, cadreId));
    });
    const rows: { cadreId: number; before: RoundCadreImage; after: RoundCadreImage }[] = [];
    for (const [cadreId, b] of before) {
      const after = readImage(db, roundId, cadreId);
      if (JSON.stringify(b) !== JSON.stringify(after)) rows.push({ cadreId, before: b, after });
    }
    if (rows.length === 0) return { result, changed: 0 };
    db.prepare('DELETE FROM assessment_ops WHERE round_id = ? AND undone = 1').run(roundId);
    const operator = operatorName(db);
    const opId = Number(db.prepare('INSERT INTO assessment_ops(round_id, operator, kind, label) VALUES (?, ?, ?, ?)').run(roundId, operator, meta.kind, meta.label).lastInsertRowid);
    const insert = db.prepare('INSERT INTO assessment_op_rows(op_id, cadre_id, before, after) VALUES (?, ?, ?, ?)');
    for (const r of rows) insert.run(opId, r.cadreId, JSON.stringify(r.before), JSON.stringify(r.after));
    audit(db, {
      operator,
      entity: 'assessment_round',
      entityId: roundId,
      action: meta.kind,
      before: { label: meta.label, cadres: Object.fromEntries(rows.map(r => [r.cadreId, r.before])) },
      after: { label: meta.label, cadres: Object.fromEntries(rows.map(r => [r.cadreId, r.after])) },
    });
    return { result, changed: rows.length };
  })();
}

export function roundHistory(db: Database, roundId: number) {
  type Entry = { id: number; label: string; at: string };
  const undo = db.prepare('SELECT id, label, at FROM assessment_ops WHERE round_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1').get(roundId) as Entry | undefined;
  const redo = db.prepare('SELECT id, label, at FROM assessment_ops WHERE round_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1').get(roundId) as Entry | undefined;
  return { undo: undo ?? null, redo: redo ?? null };
}

export function stepRoundHistory(db: Database, roundId: number, direction: 'undo' | 'redo'): string {
  return db.transaction(() => {
    assertRoundOpen(getRound(db, roundId), direction === 'undo' ? '撤销' : '重做');
    const h = roundHistory(db, roundId);
    const op = direction === 'undo' ? h.undo : h.redo;
    if (!op) throw new AppError('CONFLICT', direction === 'undo' ? '这一轮考核没有可以撤销的操作' : '这一轮考核没有可以重做的操作');
    const rows = db.prepare('SELECT cadre_id, before, after FROM assessment_op_rows WHERE op_id = ?').all(op.id) as { cadre_id: number; before: string; after: string }[];
    for (const r of rows) writeImage(db, roundId, r.cadre_id, JSON.parse(direction === 'undo' ? r.before : r.after) as RoundCadreImage);
    db.prepare('UPDATE assessment_ops SET undone = ? WHERE id = ?').run(direction === 'undo' ? 1 : 0, op.id);
    audit(db, { entity: 'assessment_round', entityId: roundId, action: direction, after: { label: op.label, cadres: rows.map(r => r.cadre_id) } });
    return op.label;
  })();
}
