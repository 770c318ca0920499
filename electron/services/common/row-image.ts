/**
 * Whole-row images of the non-cadre tables the undo log covers (secondments
 * and village assignments). Cadres have their own image with child rows
 * (cadre-image.ts); these tables are flat, so a row's image is the row.
 * Images an area reads and writes itself are an ImageKind (operation-log.ts).
 */
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';

/** Tables whose rows an operation may record; names are never taken from input. */
export const UNDOABLE_TABLES = [
  'secondment_programmes',
  'secondment_batches',
  'secondment_members',
  'villages',
  'village_rotations',
  'village_assignments',
  'units',
  'unit_names',
  'unit_quotas',
  'cadre_events',
] as const;
export type UndoableTable = (typeof UNDOABLE_TABLES)[number];

/**
 * Tables whose rows are undone with their operation but get no audit entry of their
 * own, because another entry of the operation tells the change: an earlier unit name
 * goes with the unit's rename, an event with its cadre's entry (OperationRecorder.note).
 */
export const UNAUDITED_TABLES: ReadonlySet<string> = new Set<UndoableTable>(['unit_names', 'cadre_events']);

export function isUndoableTable(name: string): name is UndoableTable {
  return (UNDOABLE_TABLES as readonly string[]).includes(name);
}

export type RowImage = Record<string, unknown>;

export function readRowImage(db: Database, table: UndoableTable, id: number): RowImage | null {
  return (cachedStatement(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as RowImage | undefined) ?? null;
}

/**
 * Makes the stored row equal the image (null deletes it). UPDATE when the row
 * exists: a REPLACE would delete first and cascade into the rows that point at it.
 */
export function writeRowImage(db: Database, table: UndoableTable, id: number, image: RowImage | null): void {
  if (image === null) {
    db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
    return;
  }
  const row = { ...image, id };
  const cols = Object.keys(row);
  if (db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
    db.prepare(
      `UPDATE ${table} SET ${cols
        .filter(c => c !== 'id')
        .map(c => `${c} = :${c}`)
        .join(', ')} WHERE id = :id`,
    ).run(row);
  } else {
    db.prepare(`INSERT INTO ${table}(${cols.join(', ')}) VALUES (${cols.map(c => ':' + c).join(', ')})`).run(row);
  }
}

/** The columns that differ, for the audit log (timestamps left out). */
export function rowChanges(before: RowImage | null, after: RowImage | null): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    if (k === 'updated_at' || k === 'created_at') continue;
    if (JSON.stringify(before?.[k]) === JSON.stringify(after?.[k])) continue;
    b[k] = before?.[k] ?? null;
    a[k] = after?.[k] ?? null;
  }
  return { before: b, after: a };
}
