/**
 * Every user edit of cadre fields goes through here: an inline edit, a paste
 * of many rows, a fill-down, new rows. Each value is checked with the shared
 * field rules and every touched record with the cross-field rules; any error
 * refuses the whole change (nothing is written) and names the row and field.
 * Accepted changes run as one undoable, audited operation.
 */
import { checkCadreRecord, normalizeCadreField, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import { AppError } from '../../../shared/contract/errors';
import { fieldLabel as label } from '../../../shared/domain/roster/fields';
import { formatDate } from '../../../shared/domain/common/dates';
import { fillFromIdNumber } from '../../../shared/domain/common/idcard';
import type { Database } from '../../db/database';
import { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS } from '../common/cadre-columns';
import { withOperation, type OperationRecorder, type OperationSummary } from '../common/operation-log';

const COLUMN: Record<EditableCadreField, string> = { ...CADRE_SCALAR_COLUMNS, ...CADRE_FORM_COLUMNS } as Record<EditableCadreField, string>;

export type CellValue = string | number | null | string[];
export type FieldValues = Partial<Record<EditableCadreField | 'tags' | 'unitId', CellValue>>;

export interface CellProblem {
  /** Index of the row in the request (updates first, then creates). */
  row: number;
  /** The cadre's id for updates. */
  id?: number;
  field: string;
  message: string;
}

export interface CadreChanges {
  updates?: { id: number; values: FieldValues }[];
  creates?: { values: FieldValues }[];
  /** What 撤销 shows, e.g. '粘贴 3 行'; a sensible default otherwise. */
  label?: string;
  kind?: string;
  /** The page whose 撤销 the change is (the roster's when absent). */
  scope?: string;
  /** The row number the user sees for request row 0 (a paste's first row); refusals name rows by it. */
  firstRow?: number;
}

export interface ChangeResult {
  updated: number[];
  created: number[];
  warnings: CellProblem[];
  operation?: OperationSummary;
}

/** Tags arrive as a list or as text written with 、，, ; or spaces. */
function parseTags(v: CellValue): string[] {
  const list = Array.isArray(v) ? v : String(v ?? '').split(/[、，,;；\s]+/);
  return [...new Set(list.map(t => t.trim()).filter(Boolean))];
}

interface PreparedRow {
  index: number;
  id?: number;
  columns: Record<string, string>;
  tags?: string[];
  unitId?: number | null;
}

function prepare(db: Database, index: number, id: number | undefined, values: FieldValues, problems: CellProblem[], warnings: CellProblem[]): PreparedRow {
  const out: PreparedRow = { index, id, columns: {} };
  const fieldValues: Partial<Record<EditableCadreField, string>> = {};
  for (const [field, raw] of Object.entries(values) as [keyof FieldValues, CellValue][]) {
    if (field === 'tags') {
      out.tags = parseTags(raw);
    } else if (field === 'unitId') {
      if (raw === null || raw === '') out.unitId = null;
      else {
        const unit =
          typeof raw === 'number'
            ? (db.prepare('SELECT name, abolished_at FROM units WHERE id = ?').get(raw) as { name: string; abolished_at: string | null } | undefined)
            : undefined;
        if (!unit) problems.push({ row: index, id, field, message: `单位不存在（编号 ${String(raw)}）` });
        else if (unit.abolished_at !== null) problems.push({ row: index, id, field, message: `单位「${unit.name}」已撤销` });
        else out.unitId = raw as number;
      }
    } else if (field in COLUMN) {
      const r = normalizeCadreField(field, Array.isArray(raw) ? raw.join('、') : raw);
      if (!r.ok) problems.push({ row: index, id, field, message: r.message });
      else {
        fieldValues[field] = r.value;
        out.columns[COLUMN[field]] = r.value;
        if (r.warning) warnings.push({ row: index, id, field, message: r.warning });
      }
    } else {
      problems.push({ row: index, id, field, message: `「${field}」不是可编辑的字段` });
    }
  }
  return out;
}

/** The record as it will be after the change, in field keys, for the cross-field rules. */
function mergedRecord(db: Database, row: PreparedRow): Partial<Record<EditableCadreField, string>> {
  const current = row.id !== undefined ? (db.prepare('SELECT * FROM cadres WHERE id = ?').get(row.id) as Record<string, unknown> | undefined) : undefined;
  const rec: Partial<Record<EditableCadreField, string>> = {};
  for (const [field, col] of Object.entries(COLUMN) as [EditableCadreField, string][]) {
    const v = col in row.columns ? row.columns[col] : current?.[col];
    if (typeof v === 'string') rec[field] = v;
  }
  return rec;
}

/** Fields whose rule an ID-number check also speaks for (the number carries birth and gender). */
const ID_NUMBER_PARTS = ['birth', 'gender'];

/**
 * The field a cross-field problem is shown under: one the change wrote (an ID
 * number that no longer agrees with a pasted 出生年月 is a 出生年月 problem), or
 * null when the change wrote none of the fields involved. `given` is null for
 * a new record, where every field is the change's.
 */
function blamedField(field: string, given: string[] | null): string | null {
  if (given === null || given.includes(field)) return field;
  if (field === 'idNumber') return ID_NUMBER_PARTS.find(f => given.includes(f)) ?? null;
  return null;
}

/**
 * `alongside` runs inside the same operation after the cadres are written (e.g. a
 * secondment member added with the new person, or finished with the 简历 line), so
 * the whole action is one transaction and one undoable step.
 */
export function applyCadreChanges(
  db: Database,
  changes: CadreChanges,
  alongside?: (op: OperationRecorder, written: { updated: number[]; created: number[] }) => void,
): ChangeResult {
  const updates = changes.updates ?? [];
  const creates = changes.creates ?? [];
  const problems: CellProblem[] = [];
  const warnings: CellProblem[] = [];
  const rows: PreparedRow[] = [];
  /** The row as the user sees it: counted from the paste's first grid row when given. */
  const rowNo = (index: number) => (changes.firstRow ?? 1) + index;

  updates.forEach((u, i) => {
    if (!db.prepare('SELECT 1 FROM cadres WHERE id = ? AND deleted_at IS NULL').get(u.id)) {
      problems.push({ row: i, id: u.id, field: 'id', message: `找不到编号为 ${u.id} 的干部（可能已删除）` });
      return;
    }
    rows.push(prepare(db, i, u.id, u.values, problems, warnings));
  });
  creates.forEach((c, j) => {
    const row = prepare(db, updates.length + j, undefined, c.values, problems, warnings);
    if (!row.columns.name) problems.push({ row: row.index, field: 'name', message: '新增的干部必须填写姓名' });
    rows.push(row);
  });

  const given = (row: PreparedRow) => Object.keys((row.id === undefined ? creates[row.index - updates.length] : updates[row.index]).values);
  // Cross-field rules and ID-number uniqueness, against the merged records.
  const seenIds = new Map<string, number>();
  for (const row of rows) {
    const rec = mergedRecord(db, row);
    // A blank 出生年月 or 性别 is taken from the ID number the change brings (with a warning that it was derived).
    if (row.columns.id_number) {
      const derived = fillFromIdNumber(row.columns.id_number, rec);
      for (const [field, value] of Object.entries(derived) as ['birth' | 'gender', string][]) {
        row.columns[COLUMN[field]] = rec[field] = value;
        warnings.push({ row: row.index, id: row.id, field, message: `${label(field)}由身份证号得出：${field === 'birth' ? formatDate(value) : value}` });
      }
    }
    for (const p of checkCadreRecord(rec)) {
      const field = blamedField(p.field, row.id === undefined ? null : given(row));
      // A problem the stored record already had, in fields this change leaves alone, does not block it.
      const severity = field === null ? 'warning' : p.severity;
      (severity === 'error' ? problems : warnings).push({ row: row.index, id: row.id, field: field ?? p.field, message: p.message });
    }
    const idNumber = rec.idNumber;
    if (idNumber) {
      const other = db.prepare('SELECT id, name FROM cadres WHERE id_number = ? AND id IS NOT ?').get(idNumber, row.id ?? null) as
        { id: number; name: string } | undefined;
      if (other) {
        problems.push({ row: row.index, id: row.id, field: 'idNumber', message: `身份证号 ${idNumber} 与已有干部「${other.name}」（编号 ${other.id}）重复` });
      }
      const twin = seenIds.get(idNumber);
      if (twin !== undefined) problems.push({ row: row.index, id: row.id, field: 'idNumber', message: `身份证号 ${idNumber} 与第 ${rowNo(twin)} 行重复` });
      seenIds.set(idNumber, row.index);
    }
  }

  if (problems.length) {
    const first = problems
      .slice(0, 3)
      .map(p => `第 ${rowNo(p.row)} 行「${label(p.field)}」：${p.message}`)
      .join('；');
    throw new AppError('VALIDATION', `未保存：${first}${problems.length > 3 ? `，共 ${problems.length} 处问题` : ''}`, { problems, warnings });
  }

  const defaultLabel =
    updates.length && !creates.length
      ? updates.length === 1
        ? `修改 ${Object.keys(updates[0].values).map(label).join('、')}`
        : `修改 ${updates.length} 名干部`
      : `新增 ${creates.length} 名干部${updates.length ? `，修改 ${updates.length} 名` : ''}`;

  return withOperation(db, { kind: changes.kind ?? 'edit', label: changes.label ?? defaultLabel, scope: changes.scope }, op => {
    const updated: number[] = [];
    const created: number[] = [];
    const nextOrder = () => (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM cadres').get() as { n: number }).n;
    for (const row of rows) {
      const cols = { ...row.columns };
      if (row.unitId !== undefined) cols.unit_id = row.unitId as unknown as string;
      let id = row.id;
      if (id === undefined) {
        cols.sort_order = String(nextOrder());
        const names = Object.keys(cols);
        id = Number(db.prepare(`INSERT INTO cadres(${names.join(', ')}) VALUES (${names.map(n => ':' + n).join(', ')})`).run(cols).lastInsertRowid);
        op.created(id);
        created.push(id);
      } else {
        op.touch(id);
        const names = Object.keys(cols);
        if (names.length) {
          db.prepare(`UPDATE cadres SET ${names.map(n => `${n} = :${n}`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`).run({
            ...cols,
            id,
          });
        }
        updated.push(id);
      }
      if (row.tags) {
        db.prepare('DELETE FROM cadre_tags WHERE cadre_id = ?').run(id);
        const add = db.prepare('INSERT INTO cadre_tags(cadre_id, tag) VALUES (?, ?)');
        for (const t of row.tags) add.run(id, t);
      }
    }
    alongside?.(op, { updated, created });
    return { updated, created, warnings };
  });
}

/** Moves cadres into the 回收站 (or back out of it), as one undoable step. */
export function setCadresDeleted(db: Database, ids: number[], deleted: boolean): { count: number; operation?: OperationSummary } {
  const unique = [...new Set(ids)];
  return withOperation(db, { kind: deleted ? 'delete' : 'restore', label: `${deleted ? '删除' : '恢复'} ${unique.length} 名干部` }, op => {
    let count = 0;
    for (const id of unique) {
      const row = db.prepare('SELECT deleted_at FROM cadres WHERE id = ?').get(id) as { deleted_at: string | null } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的干部`);
      if ((row.deleted_at !== null) === deleted) continue;
      op.touch(id);
      db.prepare(`UPDATE cadres SET deleted_at = ${deleted ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" : 'NULL'} WHERE id = ?`).run(id);
      count++;
    }
    return { count };
  });
}
