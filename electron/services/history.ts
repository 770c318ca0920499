/**
 * Undo and redo across edits, pastes, deletes, restores and imports: every
 * change to cadres runs inside `withOperation`, which records the before and
 * after image of each cadre it touched (see cadre-image.ts) and writes one
 * audit-log entry per changed cadre, all in the same transaction as the
 * change itself. Undo writes the before images back, redo the after images.
 */
import { AppError } from '../../shared/errors';
import type { Database } from '../db/database';
import { audit } from './audit';
import { readCadreImage, writeCadreImage, type CadreImage } from './cadre-image';
import { readRowImage, rowChanges, writeRowImage, type RowImage, type UndoableTable } from './row-image';
import { operatorName } from './settings';

export interface OperationMeta {
  /** Machine name: 'edit', 'paste', 'delete', 'restore', 'import', … */
  kind: string;
  /** What the user sees in 撤销 / 重做: '粘贴 3 行', '删除 2 名干部'. */
  label: string;
}

export interface OperationRecorder {
  /** Call before changing an existing cadre. */
  touch(id: number): void;
  /** Call right after inserting a new cadre. */
  created(id: number): void;
  /** Call before changing or deleting a row of another undoable table (row-image.ts). */
  touchRow(table: UndoableTable, id: number): void;
  /** Call right after inserting such a row. */
  createdRow(table: UndoableTable, id: number): void;
}

export interface OperationSummary {
  id: number;
  label: string;
  changed: number;
}

/** Scalar columns compared for the audit log (the photo is noted, not copied). */
function changedFields(before: CadreImage | null, after: CadreImage | null): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before?.row ?? {}), ...Object.keys(after?.row ?? {})]);
  for (const k of keys) {
    if (k === 'updated_at' || k === 'name_keys') continue;
    if (JSON.stringify(before?.row[k]) === JSON.stringify(after?.row[k])) continue;
    // The photo itself is kept in the undo log, not copied into the audit log.
    b[k] = k === 'photo' ? (before?.row.photo ? '[原照片]' : null) : (before?.row[k] ?? null);
    a[k] = k === 'photo' ? (after?.row.photo ? '[新照片]' : null) : (after?.row[k] ?? null);
  }
  for (const part of ['tags', 'family', 'assessments'] as const) {
    if (JSON.stringify(before?.[part] ?? []) !== JSON.stringify(after?.[part] ?? [])) {
      b[part] = before?.[part] ?? [];
      a[part] = after?.[part] ?? [];
    }
  }
  return { before: b, after: a };
}

/**
 * Runs `fn` as one undoable operation in one transaction. If it throws,
 * nothing is written. An operation that changed nothing leaves no trace.
 */
export function withOperation<T>(db: Database, meta: OperationMeta, fn: (op: OperationRecorder) => T): T & { operation?: OperationSummary } {
  return db.transaction(() => {
    const before = new Map<number, CadreImage | null>();
    const recordsBefore = new Map<string, { table: UndoableTable; id: number; image: RowImage | null }>();
    const noteRow = (table: UndoableTable, id: number, image: () => RowImage | null) => {
      const key = `${table}:${id}`;
      if (!recordsBefore.has(key)) recordsBefore.set(key, { table, id, image: image() });
    };
    const recorder: OperationRecorder = {
      touchRow: (table, id) => noteRow(table, id, () => readRowImage(db, table, id)),
      createdRow: (table, id) => noteRow(table, id, () => null),
      touch: id => {
        if (!before.has(id)) before.set(id, readCadreImage(db, id));
      },
      created: id => {
        if (!before.has(id)) before.set(id, null);
      },
    };
    const result = fn(recorder);
    const rows: { id: number; before: CadreImage | null; after: CadreImage | null }[] = [];
    for (const [id, b] of before) {
      const after = readCadreImage(db, id);
      if (JSON.stringify(b) !== JSON.stringify(after)) rows.push({ id, before: b, after });
    }
    const records: { table: UndoableTable; id: number; before: RowImage | null; after: RowImage | null }[] = [];
    for (const r of recordsBefore.values()) {
      const after = readRowImage(db, r.table, r.id);
      if (JSON.stringify(r.image) !== JSON.stringify(after)) records.push({ table: r.table, id: r.id, before: r.image, after });
    }
    if (rows.length === 0 && records.length === 0) return result as T & { operation?: OperationSummary };
    // A new change ends the redo branch.
    db.prepare('DELETE FROM operations WHERE undone = 1').run();
    const operator = operatorName(db);
    const opId = Number(
      db.prepare('INSERT INTO operations(operator, kind, label) VALUES (?, ?, ?)').run(operator, meta.kind, meta.label).lastInsertRowid,
    );
    const insert = db.prepare('INSERT INTO operation_rows(operation_id, cadre_id, before, after) VALUES (?, ?, ?, ?)');
    for (const r of rows) {
      insert.run(opId, r.id, r.before && JSON.stringify(r.before), r.after && JSON.stringify(r.after));
      audit(db, { operator, entity: 'cadre', entityId: r.id, action: meta.kind, ...changedFields(r.before, r.after) });
    }
    const insertRecord = db.prepare('INSERT INTO operation_records(operation_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)');
    for (const r of records) {
      insertRecord.run(opId, r.table, r.id, r.before && JSON.stringify(r.before), r.after && JSON.stringify(r.after));
      audit(db, { operator, entity: r.table, entityId: r.id, action: meta.kind, ...rowChanges(r.before, r.after) });
    }
    const summary = { id: opId, label: meta.label, changed: rows.length + records.length };
    return (typeof result === 'object' && result !== null ? { ...result, operation: summary } : result) as T & { operation?: OperationSummary };
  })();
}

export interface HistoryState {
  undo: { id: number; label: string; at: string } | null;
  redo: { id: number; label: string; at: string } | null;
}

export function historyState(db: Database): HistoryState {
  const undo = db.prepare('SELECT id, label, at FROM operations WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as HistoryState['undo'] | undefined;
  const redo = db.prepare('SELECT id, label, at FROM operations WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as HistoryState['redo'] | undefined;
  return { undo: undo ?? null, redo: redo ?? null };
}

/** Undoes the latest operation (or redoes the earliest undone one). */
export function stepHistory(db: Database, direction: 'undo' | 'redo'): { label: string; cadreIds: number[] } {
  return db.transaction(() => {
    const state = historyState(db);
    const op = direction === 'undo' ? state.undo : state.redo;
    if (!op) throw new AppError('CONFLICT', direction === 'undo' ? '没有可以撤销的操作' : '没有可以重做的操作');
    const rows = db.prepare('SELECT cadre_id AS id, before, after FROM operation_rows WHERE operation_id = ?').all(op.id) as {
      id: number;
      before: string | null;
      after: string | null;
    }[];
    // Rows of other tables point at cadres and at each other: check the keys once, at commit.
    db.pragma('defer_foreign_keys = ON');
    const records = (
      db.prepare('SELECT tbl, row_id AS id, before, after FROM operation_records WHERE operation_id = ?').all(op.id) as {
        tbl: UndoableTable;
        id: number;
        before: string | null;
        after: string | null;
      }[]
    ).map(r => ({ ...r, target: JSON.parse((direction === 'undo' ? r.before : r.after) ?? 'null') as RowImage | null }));
    // Deletions first, so an ON DELETE SET NULL cannot undo a row written back just before.
    records.sort((a, b) => Number(a.target !== null) - Number(b.target !== null));
    for (const r of records) {
      const current = readRowImage(db, r.tbl, r.id);
      writeRowImage(db, r.tbl, r.id, r.target);
      audit(db, { entity: r.tbl, entityId: r.id, action: direction, ...rowChanges(current, r.target) });
    }
    for (const r of rows) {
      const current = readCadreImage(db, r.id);
      const target = JSON.parse((direction === 'undo' ? r.before : r.after) ?? 'null') as CadreImage | null;
      writeCadreImage(db, r.id, target);
      audit(db, { entity: 'cadre', entityId: r.id, action: direction, ...changedFields(current, target) });
    }
    db.prepare('UPDATE operations SET undone = ? WHERE id = ?').run(direction === 'undo' ? 1 : 0, op.id);
    return { label: op.label, cadreIds: rows.map(r => r.id) };
  })();
}

/** Forget the whole log (after replacing all data, e.g. loading the demo with force). */
export function clearHistory(db: Database): void {
  db.prepare('DELETE FROM operations').run();
}
