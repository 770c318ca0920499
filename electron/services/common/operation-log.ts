/**
 * Undo and redo across edits, pastes, deletes, restores and imports: every
 * change to cadres runs inside `withOperation`, which records the before and
 * after image of each cadre it touched (see cadre-image.ts) and writes one
 * audit-log entry per changed cadre, all in the same transaction as the
 * change itself. Undo writes the before images back, redo the after images.
 *
 * Bulk inserts (an import) hand over the image of each new cadre as written
 * (`inserted`): nothing to read before (it did not exist) nor after. The log
 * and audit rows are then written with multi-row statements.
 *
 * Units an operation created (an import's new units) are logged in the same
 * table under the negative unit id (operation_rows.cadre_id = −units.id, the
 * after image being the units row): undo removes such a unit when nothing
 * refers to it any more (no cadre, also none in the 回收站, no child unit, no
 * other table's foreign key), redo recreates it with the same id.
 *
 * Rows of the other undoable tables (secondments, village assignments; see
 * row-image.ts) are logged in operation_records with their own images, and so
 * are images an area reads and writes itself (an ImageKind: a cadre's inputs
 * in an assessment round).
 *
 * Each operation records its scope: the page whose 撤销/重做 steps it
 * ('roster', 'batch:4', 'villages', 'secondment', 'round:7'). A page steps
 * through its own scope only (the batch list also through its batches'), so
 * its buttons never offer another page's step. The 操作历史 lists every
 * operation and undoes back to a chosen one, newest first. A step is refused,
 * naming the later operation, when a later operation that is not undone
 * changed the same records (or refers to a record the step would remove):
 * writing the old images back would silently overwrite that later work.
 */
import { AppError } from '../../../shared/contract/errors';
import { formatAuditTime } from '../../../shared/domain/audit/text';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import { auditMany, type AuditRecord } from './audit';
import { readCadreImage, writeCadreImage, type CadreImage } from './cadre-image';
import { isUndoableTable, readRowImage, rowChanges, UNAUDITED_TABLES, writeRowImage, type RowImage, type UndoableTable } from './row-image';
import { operatorName } from './settings';

export interface OperationMeta {
  /** Machine name: 'edit', 'paste', 'delete', 'restore', 'import', … */
  kind: string;
  /** What the user sees in 撤销 / 重做: '粘贴 3 行', '删除 2 名干部'. */
  label: string;
  /** Where it belongs ('round:7'); derived from what it touched when absent (deriveScope). */
  scope?: string;
}

/**
 * An undoable image its area reads and writes itself (not one row of a
 * row-image.ts table), stored in operation_records under `name`.
 */
export interface ImageKind {
  /** operation_records.tbl; never one of UNDOABLE_TABLES. */
  readonly name: string;
  /** Makes the stored data equal the image; `id` is the record's row_id. */
  write(db: Database, id: number, image: RowImage): void;
  /** The audit entries of an operation or a step over these records (default: one per record). */
  audit?(records: ImageChange[], action: string, label: string): Omit<AuditRecord, 'operator'>[];
}
export interface ImageChange {
  id: number;
  before: RowImage | null;
  after: RowImage | null;
}

const imageKinds = new Map<string, ImageKind>();

/** Registers a kind (at its module's load) so that a step can write its images back. */
export function defineImageKind<K extends ImageKind>(kind: K): K {
  imageKinds.set(kind.name, kind);
  return kind;
}

/** The scope of the roster's pages (the grid, the form, imports): the default stack. */
export const ROSTER_SCOPE = 'roster';

/**
 * The SQL condition selecting the operations a page's 撤销/重做 steps through:
 * its own scope; the batch list (scope 'secondment') also each batch's.
 */
function stackOf(scope: string = ROSTER_SCOPE): { where: string; params: unknown[] } {
  if (scope === 'secondment') return { where: "(scope = 'secondment' OR scope GLOB 'batch:*')", params: [] };
  return { where: 'scope = ?', params: [scope] };
}

type ScopeGuard = (db: Database, scope: string, direction: 'undo' | 'redo') => void;
const scopeGuards: { pattern: RegExp; guard: ScopeGuard }[] = [];

/**
 * Registers a check every step of matching scopes runs first, wherever it is
 * asked for (the page's button or the 操作历史): a locked round refuses.
 */
export function defineScopeGuard(pattern: RegExp, guard: ScopeGuard): void {
  scopeGuards.push({ pattern, guard });
}

export interface OperationRecorder {
  /** Call before changing an existing cadre. */
  touch(id: number): void;
  /** Call right after inserting a new cadre. */
  created(id: number): void;
  /**
   * Bulk path: a cadre just inserted, with its image as written (a compact
   * image may leave out default columns, see cadre-image.ts). Not read back.
   */
  inserted(id: number, image: CadreImage): void;
  /** A unit this operation created (undone with it when nothing else refers to it). */
  unitCreated(id: number): void;
  /** Call before changing or deleting a row of another undoable table (row-image.ts). */
  touchRow(table: UndoableTable, id: number): void;
  /** Call right after inserting such a row. */
  createdRow(table: UndoableTable, id: number): void;
  /** Call before changing what an image of `kind` covers; `read` gives the image now (null: nothing). */
  touchImage(kind: ImageKind, id: number, read: () => RowImage | null): void;
  /** Facts of the change (an event's kind, 文号, reason) written into this cadre's audit entry. */
  note(id: number, facts: Record<string, unknown>): void;
}

export interface OperationSummary {
  id: number;
  label: string;
  changed: number;
}

const SKIPPED = new Set(['updated_at', 'name_keys']);
/** Columns whose default is NULL rather than '' (what a compact image's missing column stands for). */
const NULL_DEFAULT = new Set(['photo', 'deleted_at', 'unit_id']);
const absent = (row: Record<string, unknown>, k: string) => (k in row ? null : NULL_DEFAULT.has(k) ? null : '');

/** A record's non-empty fields, for the audit entry of a cadre created or removed entirely. */
function presentFields(image: CadreImage, photoText: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in image.row) {
    const v = image.row[k];
    if (v === null || v === undefined || v === '' || SKIPPED.has(k)) continue;
    out[k] = k === 'photo' ? photoText : v;
  }
  for (const part of ['tags', 'family', 'assessments'] as const) if (image[part].length) out[part] = image[part];
  return out;
}

/**
 * What the audit log records for a change: the scalar columns that differ
 * (the photo is noted, not copied), or for a record created or removed, its
 * non-empty fields on the side where it exists.
 */
function changedFields(before: CadreImage | null, after: CadreImage | null): { before?: Record<string, unknown>; after?: Record<string, unknown> } {
  if (!before) return after ? { after: presentFields(after, '[新照片]') } : {};
  if (!after) return { before: presentFields(before, '[原照片]') };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before.row), ...Object.keys(after.row)]);
  for (const k of keys) {
    if (SKIPPED.has(k)) continue;
    // A compact image leaves out empty columns: absent and '' are the same value.
    const bv = before.row[k] ?? absent(before.row, k);
    const av = after.row[k] ?? absent(after.row, k);
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    // The photo itself is kept in the undo log, not copied into the audit log.
    b[k] = k === 'photo' ? (before.row.photo ? '[原照片]' : null) : bv;
    a[k] = k === 'photo' ? (after.row.photo ? '[新照片]' : null) : av;
  }
  for (const part of ['tags', 'family', 'assessments'] as const) {
    if (JSON.stringify(before[part]) !== JSON.stringify(after[part])) {
      b[part] = before[part];
      a[part] = after[part];
    }
  }
  return { before: b, after: a };
}

/** Rows of one table in statements of up to 100 rows each (cached per size). */
export function insertRows(db: Database, table: string, columns: readonly string[], rows: readonly unknown[][]): void {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < rows.length; at += 100) {
    const chunk = rows.slice(at, at + 100);
    const stmt = cachedStatement(db, `INSERT INTO ${table}(${columns.join(', ')}) VALUES ${Array(chunk.length).fill(one).join(', ')}`);
    stmt.run(chunk.flat());
  }
}

/**
 * Runs `fn` as one undoable operation in one transaction. If it throws,
 * nothing is written. An operation that changed nothing leaves no trace.
 */
export function withOperation<T>(db: Database, meta: OperationMeta, fn: (op: OperationRecorder) => T): T & { operation?: OperationSummary } {
  return db.transaction(() => {
    const before = new Map<number, CadreImage | null>();
    const inserted = new Set<number>();
    const units: number[] = [];
    const log = operationLog(db, meta);
    const recordsBefore = new Map<string, { table: string; id: number; image: RowImage | null; read: () => RowImage | null }>();
    const noteRow = (table: string, id: number, read: () => RowImage | null, existed = true) => {
      const key = `${table}:${id}`;
      if (!recordsBefore.has(key)) recordsBefore.set(key, { table, id, image: existed ? read() : null, read });
    };
    const images = new Map<ImageKind, ImageChange[]>();
    const notes = new Map<number, Record<string, unknown>>();
    const recorder: OperationRecorder = {
      note: (id, facts) => void notes.set(id, { ...notes.get(id), ...facts }),
      touchRow: (table, id) => noteRow(table, id, () => readRowImage(db, table, id)),
      createdRow: (table, id) => noteRow(table, id, () => readRowImage(db, table, id), false),
      touchImage: (kind, id, read) => {
        if (!images.has(kind)) images.set(kind, []);
        noteRow(kind.name, id, read);
      },
      touch: id => {
        if (!before.has(id) && !inserted.has(id)) before.set(id, readCadreImage(db, id));
      },
      created: id => {
        if (!before.has(id) && !inserted.has(id)) before.set(id, null);
      },
      // Logged at once: a 100,000-row import keeps no image in memory.
      inserted: (id, image) => {
        if (before.has(id) || inserted.has(id)) return;
        inserted.add(id);
        log.add(id, null, image);
      },
      unitCreated: id => void units.push(id),
    };
    const result = fn(recorder);
    for (const [id, b] of before) {
      const after = readCadreImage(db, id);
      if (JSON.stringify(b) === JSON.stringify(after)) continue;
      log.add(id, b, after, notes.get(id));
      notes.delete(id);
    }
    const logged: ScopeRecord[] = [];
    for (const r of recordsBefore.values()) {
      const after = r.read();
      if (JSON.stringify(r.image) === JSON.stringify(after)) continue;
      logged.push({ table: r.table, image: after ?? r.image });
      const kind = imageKinds.get(r.table);
      log.addRecord(r.table, r.id, r.image, after, !kind?.audit && !UNAUDITED_TABLES.has(r.table));
      if (kind) images.get(kind)!.push({ id: r.id, before: r.image, after });
    }
    for (const [kind, changes] of images) if (kind.audit && changes.length) log.audit(kind.audit(changes, meta.kind, meta.label));
    // Facts about a cadre whose record did not change: an entry of their own, when the operation changed anything.
    if (logged.length) log.audit([...notes].map(([id, facts]) => ({ entity: 'cadre', entityId: id, action: meta.kind, after: facts })));
    const unitRow = cachedStatement(db, 'SELECT * FROM units WHERE id = ?');
    for (const id of units) {
      const row = unitRow.get(id);
      if (row) log.addUnit(id, row);
    }
    const summary = log.finish(meta.scope ?? deriveScope(before.size + inserted.size + units.length > 0, logged));
    if (!summary) return result as T & { operation?: OperationSummary };
    return (typeof result === 'object' && result !== null ? { ...result, operation: summary } : result) as T & { operation?: OperationSummary };
  })();
}

interface ScopeRecord {
  table: string;
  image: RowImage | null;
}

/**
 * The scope of an operation that did not name one, from what it changed:
 * cadres or units → 'roster'; only 驻村 tables → 'villages'; rows of one
 * secondment batch → 'batch:<id>'; other secondment rows → 'secondment'.
 * Migration 008 gave the operations logged before it the same scopes.
 */
export function deriveScope(cadres: boolean, records: readonly ScopeRecord[]): string {
  if (cadres || records.length === 0) return 'roster';
  if (records.every(r => r.table === 'villages' || r.table.startsWith('village_'))) return 'villages';
  const batches = new Set<unknown>();
  for (const r of records) {
    if (r.table === 'secondment_members') batches.add(r.image?.batch_id);
    else if (r.table === 'secondment_batches') batches.add(r.image?.id);
    else if (r.table.startsWith('secondment_')) return 'secondment';
    else return 'roster';
  }
  const [batch] = batches;
  return batches.size === 1 && typeof batch === 'number' ? `batch:${batch}` : 'secondment';
}

/**
 * The operation's rows in the undo log and its audit entries, written in
 * batches as they come. The operation itself is created with its first row,
 * so an operation that changed nothing leaves no trace.
 */
function operationLog(db: Database, meta: OperationMeta) {
  let opId = 0;
  let operator = '';
  let changed = 0;
  let rows: unknown[][] = [];
  let audits: AuditRecord[] = [];
  const open = () => {
    if (opId) return;
    operator = operatorName(db);
    opId = Number(
      db.prepare('INSERT INTO operations(operator, kind, label, scope) VALUES (?, ?, ?, ?)').run(operator, meta.kind, meta.label, meta.scope ?? 'roster')
        .lastInsertRowid,
    );
  };
  const flush = () => {
    insertRows(db, 'operation_rows', ['operation_id', 'cadre_id', 'before', 'after'], rows);
    auditMany(db, audits);
    rows = [];
    audits = [];
  };
  return {
    add(id: number, before: CadreImage | null, after: CadreImage | null, note?: Record<string, unknown>): void {
      open();
      changed++;
      rows.push([opId, id, before && JSON.stringify(before), after && JSON.stringify(after)]);
      const fields = changedFields(before, after);
      audits.push({ operator, entity: 'cadre', entityId: id, action: meta.kind, ...fields, ...(note && { after: { ...fields.after, ...note } }) });
      if (rows.length >= 500) flush();
    },
    /** A row of another undoable table (row-image.ts) or an ImageKind's image, logged (and audited) at once. */
    addRecord(table: string, id: number, before: RowImage | null, after: RowImage | null, audited: boolean): void {
      open();
      changed++;
      cachedStatement(db, 'INSERT INTO operation_records(operation_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)').run(
        opId,
        table,
        id,
        before && JSON.stringify(before),
        after && JSON.stringify(after),
      );
      if (audited) audits.push({ operator, entity: table, entityId: id, action: meta.kind, ...rowChanges(before, after) });
    },
    audit(entries: Omit<AuditRecord, 'operator'>[]): void {
      for (const e of entries) audits.push({ operator, ...e });
    },
    addUnit(id: number, row: unknown): void {
      open();
      rows.push([opId, -id, null, JSON.stringify(row)]);
    },
    finish(scope: string): OperationSummary | null {
      if (!opId) return null;
      flush();
      if (scope !== (meta.scope ?? 'roster')) cachedStatement(db, 'UPDATE operations SET scope = ? WHERE id = ?').run(scope, opId);
      // A new change ends the redo branch of its page.
      cachedStatement(db, 'DELETE FROM operations WHERE undone = 1 AND scope = ? AND id < ?').run(scope, opId);
      return { id: opId, label: meta.label, changed };
    },
  };
}

/**
 * Removes a unit an undone operation had created, unless something still
 * refers to it: a cadre (also one in the 回收站), a child unit or any other
 * table's foreign key. Checked by hand because a step defers key checks to
 * its commit.
 */
function removeUnitIfUnused(db: Database, id: number): boolean {
  const refs = db
    .prepare('SELECT m.name AS tbl, f."from" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = \'table\' AND f."table" = \'units\'')
    .all() as { tbl: string; col: string }[];
  for (const r of refs) if (db.prepare(`SELECT 1 FROM "${r.tbl}" WHERE "${r.col}" = ? LIMIT 1`).get(id)) return false;
  return cachedStatement(db, 'DELETE FROM units WHERE id = ?').run(id).changes > 0;
}

/** Recreates a unit on redo, with its id (cadres refer to it); under the top level if its parent is gone. */
function recreateUnit(db: Database, row: Record<string, unknown>): boolean {
  if (cachedStatement(db, 'SELECT 1 FROM units WHERE id = ?').get(row.id)) return false;
  const values = { ...row };
  if (values.parent_id !== null && !cachedStatement(db, 'SELECT 1 FROM units WHERE id = ?').get(values.parent_id)) values.parent_id = null;
  const cols = Object.keys(values);
  db.prepare(`INSERT INTO units(${cols.join(', ')}) VALUES (${cols.map(c => ':' + c).join(', ')})`).run(values);
  return true;
}

export interface HistoryState {
  undo: { id: number; label: string; at: string } | null;
  redo: { id: number; label: string; at: string } | null;
}

/** The next undo and redo of the page `scope` (the roster's when absent). */
export function historyState(db: Database, scope?: string): HistoryState {
  const { where, params } = stackOf(scope);
  const undo = cachedStatement(db, `SELECT id, label, at FROM operations WHERE undone = 0 AND ${where} ORDER BY id DESC LIMIT 1`).get(...params) as
    HistoryState['undo'] | undefined;
  const redo = cachedStatement(db, `SELECT id, label, at FROM operations WHERE undone = 1 AND ${where} ORDER BY id ASC LIMIT 1`).get(...params) as
    HistoryState['redo'] | undefined;
  return { undo: undo ?? null, redo: redo ?? null };
}

export interface StepOptions {
  /** The page whose stack to step (the roster's when absent). */
  scope?: string;
  /** Runs first, inside the step's transaction (a locked round refuses). */
  guard?: () => void;
  /** The refusal when there is nothing to step. */
  nothing?: { undo: string; redo: string };
}

interface StoredOperation {
  id: number;
  label: string;
  at: string;
  operator: string;
  scope: string;
}

/** Undoes the latest operation of a page's stack (or redoes its earliest undone one). */
export function stepHistory(db: Database, direction: 'undo' | 'redo', opts: StepOptions = {}): { label: string; cadreIds: number[] } {
  return refusingForeignKeys(direction, () =>
    db.transaction(() => {
      opts.guard?.();
      const state = historyState(db, opts.scope);
      const next = direction === 'undo' ? state.undo : state.redo;
      if (!next) throw new AppError('CONFLICT', (opts.nothing ?? { undo: '没有可以撤销的操作', redo: '没有可以重做的操作' })[direction]);
      return applyStep(db, storedOperation(db, next.id), direction);
    })(),
  );
}

/**
 * The 操作历史's 撤销到此步: undoes every operation from the newest back to
 * `id` (inclusive) that is not undone yet, across all pages, newest first, in
 * one transaction: all of them or, when one is refused, none.
 */
export function undoBackTo(db: Database, id: number): { labels: string[]; cadreIds: number[] } {
  return refusingForeignKeys('undo', () =>
    db.transaction(() => {
      const target = cachedStatement(db, 'SELECT id, undone, label FROM operations WHERE id = ?').get(id) as
        { id: number; undone: number; label: string } | undefined;
      if (!target) throw new AppError('NOT_FOUND', '这一步已不在操作历史中（可能已被新的操作取代），请刷新后再试');
      const ids = (cachedStatement(db, 'SELECT id FROM operations WHERE undone = 0 AND id >= ? ORDER BY id DESC').all(id) as { id: number }[]).map(r => r.id);
      if (!ids.length) throw new AppError('CONFLICT', `「${target.label}」及其后的操作都已撤销`);
      const labels: string[] = [];
      const cadreIds = new Set<number>();
      for (const opId of ids) {
        const r = applyStep(db, storedOperation(db, opId), 'undo');
        labels.push(r.label);
        for (const c of r.cadreIds) cadreIds.add(c);
      }
      return { labels, cadreIds: [...cadreIds] };
    })(),
  );
}

function refusingForeignKeys<T>(direction: 'undo' | 'redo', fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    // Keys are checked at commit: a record the step would remove or change is
    // still used by a later record outside the undo log (e.g. assessment scores).
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new AppError('CONFLICT', `无法${direction === 'undo' ? '撤销' : '重做'}：其中的干部或记录已被其他数据（如考核评分）引用，请先处理那些数据`);
    }
    throw err;
  }
}

function storedOperation(db: Database, id: number): StoredOperation {
  return cachedStatement(db, 'SELECT id, label, at, operator, scope FROM operations WHERE id = ?').get(id) as StoredOperation;
}

/**
 * The newest later operation, not undone, that a step of `op` would trample:
 * it changed one of the same records, or it refers to a record `op` created
 * (undo would remove it) through a foreign key of an undoable table.
 */
function laterDependent(db: Database, op: StoredOperation, direction: 'undo' | 'redo'): StoredOperation | null {
  const sameRecords = `
    EXISTS (SELECT 1 FROM operation_rows b WHERE b.operation_id = o.id AND b.cadre_id > 0
              AND EXISTS (SELECT 1 FROM operation_rows a WHERE a.operation_id = :op AND a.cadre_id = b.cadre_id))
    OR EXISTS (SELECT 1 FROM operation_records b WHERE b.operation_id = o.id
              AND EXISTS (SELECT 1 FROM operation_records a WHERE a.operation_id = :op AND a.tbl = b.tbl AND a.row_id = b.row_id))`;
  const refs = direction === 'undo' ? createdRecordReferences() : [];
  const sql = `SELECT o.id, o.label, o.at, o.operator, o.scope FROM operations o
                WHERE o.id > :op AND o.undone = 0 AND (${[sameRecords, ...refs].join(' OR ')})
                ORDER BY o.id DESC LIMIT 1`;
  return (cachedStatement(db, sql).get({ op: op.id }) as StoredOperation | undefined) ?? null;
}

/**
 * SQL terms (over a later operation `o` and the operation :op) for the
 * foreign keys of the undoable tables: `o` wrote a row whose key points at a
 * cadre or row that :op created. Built once from the schema of the tables.
 */
let createdRefTerms: string[] | null = null;
function createdRecordReferences(): string[] {
  if (createdRefTerms) return createdRefTerms;
  const terms: string[] = [];
  for (const [table, keys] of Object.entries(UNDOABLE_FOREIGN_KEYS)) {
    for (const [column, parent] of Object.entries(keys)) {
      const created =
        parent === 'cadres'
          ? `SELECT 1 FROM operation_rows a WHERE a.operation_id = :op AND a.before IS NULL AND a.cadre_id = json_extract(coalesce(b.after, b.before), '$.${column}')`
          : `SELECT 1 FROM operation_records a WHERE a.operation_id = :op AND a.tbl = '${parent}' AND a.before IS NULL AND a.row_id = json_extract(coalesce(b.after, b.before), '$.${column}')`;
      terms.push(`EXISTS (SELECT 1 FROM operation_records b WHERE b.operation_id = o.id AND b.tbl = '${table}' AND EXISTS (${created}))`);
    }
  }
  createdRefTerms = terms;
  return terms;
}

/** Which columns of the undoable tables point at cadres or at each other (see migration 005). */
const UNDOABLE_FOREIGN_KEYS: Partial<Record<UndoableTable, Record<string, 'cadres' | UndoableTable>>> = {
  secondment_batches: { programme_id: 'secondment_programmes', leader_cadre_id: 'cadres', branch_secretary_id: 'cadres' },
  secondment_members: { batch_id: 'secondment_batches', cadre_id: 'cadres' },
  village_assignments: { rotation_id: 'village_rotations', village_id: 'villages', cadre_id: 'cadres' },
};

/** Writes one operation's before (undo) or after (redo) images back, with its audit entries. */
function applyStep(db: Database, op: StoredOperation, direction: 'undo' | 'redo'): { label: string; cadreIds: number[] } {
  const verb = direction === 'undo' ? '撤销' : '重做';
  for (const g of scopeGuards) if (g.pattern.test(op.scope)) g.guard(db, op.scope, direction);
  const later = laterDependent(db, op, direction);
  if (later) {
    throw new AppError(
      'CONFLICT',
      `无法${verb}「${op.label}」：之后的「${later.label}」（${formatAuditTime(later.at)}，${later.operator}）${direction === 'undo' ? '改动了同样的记录或用到了它新增的记录' : '改动了同样的记录'}；请先撤销「${later.label}」`,
      { later: { id: later.id, label: later.label } },
    );
  }
  const all = db.prepare('SELECT cadre_id AS id, before, after FROM operation_rows WHERE operation_id = ?').all(op.id) as {
    id: number;
    before: string | null;
    after: string | null;
  }[];
  const rows = all.filter(r => r.id > 0);
  // Units in the order they were created; undone in reverse (a child before its parent).
  const units = all
    .filter(r => r.id < 0)
    .sort((a, b) => b.id - a.id)
    .map(r => JSON.parse(r.after ?? 'null') as Record<string, unknown>);
  const operator = operatorName(db);
  const audits: AuditRecord[] = [];
  // Rows of other tables point at cadres and at each other: check the keys once, at commit.
  db.pragma('defer_foreign_keys = ON');
  const records = (
    db.prepare('SELECT tbl, row_id AS id, before, after FROM operation_records WHERE operation_id = ?').all(op.id) as {
      tbl: string;
      id: number;
      before: string | null;
      after: string | null;
    }[]
  ).map(r => ({ ...r, target: JSON.parse((direction === 'undo' ? r.before : r.after) ?? 'null') as RowImage | null }));
  // Deletions first, so an ON DELETE SET NULL cannot undo a row written back just before.
  records.sort((a, b) => Number(a.target !== null) - Number(b.target !== null));
  const images = new Map<ImageKind, ImageChange[]>();
  for (const r of records) {
    const kind = imageKinds.get(r.tbl);
    if (kind) {
      if (!images.has(kind)) images.set(kind, []);
      images.get(kind)!.push({ id: r.id, before: null, after: r.target });
      if (r.target) kind.write(db, r.id, r.target);
      if (!kind.audit) audits.push({ operator, entity: r.tbl, entityId: r.id, action: direction, after: r.target });
      continue;
    }
    if (!isUndoableTable(r.tbl)) throw new Error(`unknown undo record kind: ${r.tbl}`);
    const current = readRowImage(db, r.tbl, r.id);
    writeRowImage(db, r.tbl, r.id, r.target);
    if (!UNAUDITED_TABLES.has(r.tbl)) audits.push({ operator, entity: r.tbl, entityId: r.id, action: direction, ...rowChanges(current, r.target) });
  }
  for (const [kind, changes] of images) if (kind.audit) for (const e of kind.audit(changes, direction, op.label)) audits.push({ operator, ...e });
  // Units exist before the cadres in them are redone, and go after the cadres are undone.
  if (direction === 'redo') {
    for (const u of units) if (recreateUnit(db, u)) audits.push({ operator, entity: 'unit', entityId: u.id as number, action: 'redo', after: u });
  }
  for (const r of rows) {
    const current = readCadreImage(db, r.id);
    const target = JSON.parse((direction === 'undo' ? r.before : r.after) ?? 'null') as CadreImage | null;
    writeCadreImage(db, r.id, target);
    audits.push({ operator, entity: 'cadre', entityId: r.id, action: direction, ...changedFields(current, target) });
  }
  if (direction === 'undo') {
    for (const u of [...units].reverse())
      if (removeUnitIfUnused(db, u.id as number)) audits.push({ operator, entity: 'unit', entityId: u.id as number, action: 'undo', before: u });
  }
  auditMany(db, audits);
  db.prepare('UPDATE operations SET undone = ? WHERE id = ?').run(direction === 'undo' ? 1 : 0, op.id);
  return { label: op.label, cadreIds: rows.map(r => r.id) };
}

export interface OperationEntry {
  id: number;
  at: string;
  operator: string;
  label: string;
  scope: string;
  undone: boolean;
}

/** The 操作历史: every operation of every page, newest first, a page at a time. */
export function listOperations(db: Database, page: { offset: number; limit: number }): { rows: OperationEntry[]; total: number } {
  const rows = cachedStatement(db, 'SELECT id, at, operator, label, scope, undone FROM operations ORDER BY id DESC LIMIT ? OFFSET ?').all(
    page.limit,
    page.offset,
  ) as (Omit<OperationEntry, 'undone'> & { undone: number })[];
  const total = (cachedStatement(db, 'SELECT count(*) AS n FROM operations').get() as { n: number }).n;
  return { rows: rows.map(r => ({ ...r, undone: r.undone === 1 })), total };
}

/** Forget the whole log (after replacing all data, e.g. loading the demo with force), or one scope's operations. */
export function clearHistory(db: Database, scope?: string): void {
  if (scope === undefined) db.prepare('DELETE FROM operations').run();
  else db.prepare('DELETE FROM operations WHERE scope = ?').run(scope);
}
