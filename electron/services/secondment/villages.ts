/**
 * Village-stationed cadres (驻村): villages, rotations (轮次) and the
 * assignments of 第一书记 / 工作队队长 / 队员, kept on (留任), newly sent
 * (新选派) or sent as a replacement (调换). Every write is one undoable,
 * audited operation; the overlap rule covers assignments and secondments.
 */
import { AppError } from '../../../shared/contract/errors';
import type { ParsedInputOf } from '../../../shared/contract/api';
import {
  ASSIGNMENT_EDITABLE_FIELDS,
  ASSIGNMENT_FIELD_LABELS,
  ASSIGNMENT_KINDS,
  ASSIGNMENT_STATUSES,
  VILLAGE_ROLES,
  type Village,
  type VillageAssignment,
  type VillageRotation,
} from '../../../shared/contract/routes/secondment';
import { checkChoiceCell, checkDateCell, checkPeriodOrder, checkTextCell, type FieldCheck } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import { cadreName, liveCadreName, type CellProblem } from '../roster/api';
import { withOperation } from '../common/operation-log';
import { overlapProblem } from './overlap';

type AssignmentField = (typeof ASSIGNMENT_EDITABLE_FIELDS)[number];
type CellValue = string | number | null;

export function listVillages(db: Database, search?: string): Village[] {
  const q = search?.trim() ?? '';
  return db
    .prepare(
      `SELECT v.id, v.name, v.township, v.county, v.kind,
              (SELECT count(*) FROM village_assignments a WHERE a.village_id = v.id) AS assignments
         FROM villages v
        WHERE :q = '' OR instr(v.name, :q) > 0 OR instr(v.township, :q) > 0 OR instr(v.county, :q) > 0 OR instr(v.kind, :q) > 0
        ORDER BY v.county, v.township, v.name, v.id`,
    )
    .all({ q }) as Village[];
}

function getVillage(db: Database, id: number): Village {
  const v = db
    .prepare('SELECT v.*, (SELECT count(*) FROM village_assignments a WHERE a.village_id = v.id) AS assignments FROM villages v WHERE v.id = ?')
    .get(id) as Village | undefined;
  if (!v) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的村`);
  return { id: v.id, name: v.name, township: v.township, county: v.county, kind: v.kind, assignments: v.assignments };
}

export function saveVillage(db: Database, input: ParsedInputOf<'saveVillage'>): Village {
  const v = { name: input.name.trim(), township: input.township.trim(), county: input.county.trim(), kind: input.kind.trim() };
  const twin = db
    .prepare('SELECT id FROM villages WHERE county = :county AND township = :township AND name = :name AND id IS NOT :id')
    .get({ ...v, id: input.id ?? null });
  if (twin) throw new AppError('VALIDATION', `已有「${v.county}${v.township}${v.name}」`);
  const id = withOperation(db, { kind: 'village', scope: 'villages', label: `${input.id ? '修改' : '新增'}村「${v.name}」` }, op => {
    if (input.id === undefined) {
      const newId = Number(db.prepare('INSERT INTO villages(name, township, county, kind) VALUES (:name, :township, :county, :kind)').run(v).lastInsertRowid);
      op.createdRow('villages', newId);
      return { id: newId };
    }
    getVillage(db, input.id);
    op.touchRow('villages', input.id);
    db.prepare('UPDATE villages SET name = :name, township = :township, county = :county, kind = :kind WHERE id = :id').run({ ...v, id: input.id });
    return { id: input.id };
  }).id;
  return getVillage(db, id);
}

export function deleteVillage(db: Database, id: number): boolean {
  const v = db.prepare('SELECT name FROM villages WHERE id = ?').get(id) as { name: string } | undefined;
  if (!v) return false;
  const n = (db.prepare('SELECT count(*) AS n FROM village_assignments WHERE village_id = ?').get(id) as { n: number }).n;
  if (n > 0) throw new AppError('CONFLICT', `「${v.name}」有 ${n} 条驻村记录，不能删除`);
  withOperation(db, { kind: 'village', scope: 'villages', label: `删除村「${v.name}」` }, op => {
    op.touchRow('villages', id);
    db.prepare('DELETE FROM villages WHERE id = ?').run(id);
  });
  return true;
}

const ROTATION_SELECT = `
  SELECT r.id, r.programme, r.seq, r.name, r.start_date AS startDate, r.end_date AS endDate, r.notes,
         (SELECT count(*) FROM village_assignments a WHERE a.rotation_id = r.id AND a.status <> '已调换') AS headcount,
         (SELECT count(DISTINCT a.village_id) FROM village_assignments a WHERE a.rotation_id = r.id AND a.status <> '已调换') AS villages
    FROM village_rotations r`;

export function listRotations(db: Database): VillageRotation[] {
  return db.prepare(`${ROTATION_SELECT} ORDER BY r.programme, r.seq, r.id`).all() as VillageRotation[];
}

function getRotation(db: Database, id: number): VillageRotation {
  const r = db.prepare(`${ROTATION_SELECT} WHERE r.id = ?`).get(id) as VillageRotation | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的驻村轮次`);
  return r;
}

export function saveRotation(db: Database, input: ParsedInputOf<'saveVillageRotation'>): VillageRotation {
  const start = checkDateCell(input.startDate);
  const end = checkDateCell(input.endDate);
  if (!start.ok) throw new AppError('VALIDATION', `「开始时间」：${start.message}`);
  if (!end.ok) throw new AppError('VALIDATION', `「结束时间」：${end.message}`);
  const order = checkPeriodOrder(start.value, end.value);
  if (order) throw new AppError('VALIDATION', `「结束时间」：${order}`);
  const values = { programme: input.programme.trim(), seq: input.seq, name: input.name.trim(), start: start.value, end: end.value, notes: input.notes };
  const twin = db
    .prepare('SELECT id FROM village_rotations WHERE programme = :programme AND seq = :seq AND id IS NOT :id')
    .get({ ...values, id: input.id ?? null });
  if (twin) throw new AppError('VALIDATION', `「${values.programme || '驻村工作'}」已有第 ${values.seq} 轮`);
  const id = withOperation(db, { kind: 'village', scope: 'villages', label: `${input.id ? '修改' : '新建'}驻村轮次「${values.name}」` }, op => {
    if (input.id === undefined) {
      const newId = Number(
        db
          .prepare('INSERT INTO village_rotations(programme, seq, name, start_date, end_date, notes) VALUES (:programme, :seq, :name, :start, :end, :notes)')
          .run(values).lastInsertRowid,
      );
      op.createdRow('village_rotations', newId);
      return { id: newId };
    }
    getRotation(db, input.id);
    op.touchRow('village_rotations', input.id);
    db.prepare(
      `UPDATE village_rotations SET programme = :programme, seq = :seq, name = :name, start_date = :start, end_date = :end, notes = :notes,
              updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`,
    ).run({ ...values, id: input.id });
    return { id: input.id };
  }).id;
  return getRotation(db, id);
}

export function deleteRotation(db: Database, id: number): boolean {
  const r = db.prepare('SELECT name FROM village_rotations WHERE id = ?').get(id) as { name: string } | undefined;
  if (!r) return false;
  const n = (db.prepare('SELECT count(*) AS n FROM village_assignments WHERE rotation_id = ?').get(id) as { n: number }).n;
  if (n > 0) throw new AppError('CONFLICT', `驻村轮次「${r.name}」有 ${n} 条驻村记录，不能删除`);
  withOperation(db, { kind: 'village', scope: 'villages', label: `删除驻村轮次「${r.name}」` }, op => {
    op.touchRow('village_rotations', id);
    db.prepare('DELETE FROM village_rotations WHERE id = ?').run(id);
  });
  return true;
}

const ASSIGNMENT_SELECT = `
  SELECT a.id, a.rotation_id AS rotationId, a.village_id AS villageId, v.name AS village, v.township, v.county, v.kind AS villageKind,
         a.cadre_id AS cadreId, c.name, c.gender, c.birth, c.ft_education AS ftEducation, c.rank, c.post,
         a.role, a.sending_unit AS sendingUnit, a.start_date AS startDate, a.end_date AS endDate, a.kind, a.status,
         a.replaces_assignment_id AS replacesAssignmentId, coalesce(oc.name, '') AS replacesName, a.replacement_reason AS replacementReason,
         (SELECT max(x.id) FROM village_assignments x WHERE x.replaces_assignment_id = a.id) AS replacedByAssignmentId, a.notes
    FROM village_assignments a
    JOIN villages v ON v.id = a.village_id
    JOIN cadres c ON c.id = a.cadre_id
    LEFT JOIN village_assignments o ON o.id = a.replaces_assignment_id
    LEFT JOIN cadres oc ON oc.id = o.cadre_id`;

export function listAssignments(db: Database, rotationId: number): VillageAssignment[] {
  getRotation(db, rotationId);
  return db.prepare(`${ASSIGNMENT_SELECT} WHERE a.rotation_id = ? ORDER BY v.county, v.township, v.name, a.id`).all(rotationId) as VillageAssignment[];
}

export function assignmentsById(db: Database, ids: number[]): VillageAssignment[] {
  if (!ids.length) return [];
  return db.prepare(`${ASSIGNMENT_SELECT} WHERE a.id IN (${ids.map(Number).join(',')}) ORDER BY a.id`).all() as VillageAssignment[];
}

const COLUMN: Record<AssignmentField, string> = {
  villageId: 'village_id',
  cadreId: 'cadre_id',
  role: 'role',
  sendingUnit: 'sending_unit',
  startDate: 'start_date',
  endDate: 'end_date',
  kind: 'kind',
  status: 'status',
  notes: 'notes',
};

function checkAssignmentField(db: Database, field: AssignmentField, raw: CellValue): { ok: true; value: string | number } | { ok: false; message: string } {
  switch (field) {
    case 'villageId':
    case 'cadreId': {
      const n = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
      const exists = (id: number) =>
        field === 'villageId' ? !!db.prepare('SELECT 1 FROM villages WHERE id = ?').get(id) : liveCadreName(db, id) !== undefined;
      const ok = Number.isSafeInteger(n) && n > 0 && exists(n);
      return ok ? { ok: true, value: n } : { ok: false, message: `找不到编号为 ${String(raw)} 的${field === 'villageId' ? '村' : '干部'}` };
    }
    case 'role':
      return checkChoiceCell(raw, VILLAGE_ROLES);
    case 'kind':
      return checkChoiceCell(raw, ASSIGNMENT_KINDS);
    case 'status':
      return checkChoiceCell(raw, ASSIGNMENT_STATUSES);
    case 'startDate':
    case 'endDate':
      return checkDateCell(raw);
    default:
      return checkTextCell(raw, field === 'notes' ? 2000 : 200) as FieldCheck;
  }
}

function refuseAssignments(problems: CellProblem[]): never {
  const text = problems
    .slice(0, 3)
    .map(p => `第 ${p.row + 1} 行「${ASSIGNMENT_FIELD_LABELS[p.field as AssignmentField] ?? p.field}」：${p.message}`)
    .join('；');
  throw new AppError('VALIDATION', `未保存：${text}${problems.length > 3 ? `，共 ${problems.length} 处问题` : ''}`, { problems });
}

function assignmentColumns(db: Database, values: Partial<Record<string, CellValue>>, row: number, id: number | undefined, problems: CellProblem[]) {
  const cols: Record<string, string | number> = {};
  for (const [field, raw] of Object.entries(values)) {
    if (!(ASSIGNMENT_EDITABLE_FIELDS as readonly string[]).includes(field)) {
      problems.push({ row, id, field, message: `「${field}」不是可编辑的字段` });
      continue;
    }
    const r = checkAssignmentField(db, field as AssignmentField, raw ?? null);
    if (r.ok) cols[COLUMN[field as AssignmentField]] = r.value;
    else problems.push({ row, id, field, message: r.message });
  }
  return cols;
}

function checkWrittenAssignments(db: Database, rows: { row: number; id: number }[]): void {
  const problems: CellProblem[] = [];
  for (const { row, id } of rows) {
    const a = db.prepare('SELECT start_date AS s, end_date AS e, cadre_id AS cadreId FROM village_assignments WHERE id = ?').get(id) as
      { s: string; e: string; cadreId: number } | undefined;
    if (!a) continue;
    const order = checkPeriodOrder(a.s, a.e);
    if (order) problems.push({ row, id, field: 'endDate', message: order });
    const overlap = overlapProblem(db, '驻村', id, `「${cadreName(db, a.cadreId)}」`);
    if (overlap) problems.push({ row, id, field: 'startDate', message: overlap });
  }
  if (problems.length) refuseAssignments(problems);
}

/** New rows and edits of a rotation's grid, all-or-nothing. Returns the ids written (updates first). */
export function saveAssignments(db: Database, input: ParsedInputOf<'saveVillageAssignments'>): number[] {
  const rotation = getRotation(db, input.rotationId);
  const problems: CellProblem[] = [];
  const updates = input.updates.map((u, row) => {
    const owner = db.prepare('SELECT rotation_id AS r FROM village_assignments WHERE id = ?').get(u.id) as { r: number } | undefined;
    if (!owner || owner.r !== rotation.id) problems.push({ row, id: u.id, field: 'id', message: `本轮次没有编号为 ${u.id} 的驻村记录` });
    return { row, id: u.id, cols: assignmentColumns(db, u.values, row, u.id, problems) };
  });
  const creates = input.creates.map((c, j) => {
    const row = updates.length + j;
    const cols = assignmentColumns(db, c.values, row, undefined, problems);
    for (const field of ['villageId', 'cadreId', 'role'] as const) {
      if (!(COLUMN[field] in cols) && !problems.some(p => p.row === row && p.field === field)) {
        problems.push({ row, field, message: `请填写${ASSIGNMENT_FIELD_LABELS[field]}` });
      }
    }
    return { row, cols };
  });
  if (problems.length) refuseAssignments(problems);
  const label = `驻村轮次「${rotation.name}」${creates.length ? `新增 ${creates.length} 人` : ''}${creates.length && updates.length ? '，' : ''}${updates.length ? `修改 ${updates.length} 人` : ''}`;
  return withOperation(db, { kind: 'village', scope: 'villages', label }, op => {
    const written: { row: number; id: number }[] = [];
    for (const u of updates) {
      const names = Object.keys(u.cols);
      if (!names.length) continue;
      op.touchRow('village_assignments', u.id);
      db.prepare(
        `UPDATE village_assignments SET ${names.map(n => `${n} = :${n}`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`,
      ).run({ ...u.cols, id: u.id });
      written.push({ row: u.row, id: u.id });
    }
    for (const c of creates) {
      const row = { start_date: rotation.startDate, end_date: rotation.endDate, ...c.cols, rotation_id: rotation.id };
      const names = Object.keys(row);
      const id = Number(
        db.prepare(`INSERT INTO village_assignments(${names.join(', ')}) VALUES (${names.map(n => ':' + n).join(', ')})`).run(row).lastInsertRowid,
      );
      op.createdRow('village_assignments', id);
      written.push({ row: c.row, id });
    }
    checkWrittenAssignments(db, written);
    return { ids: written.map(w => w.id) };
  }).ids;
}

export function removeAssignments(db: Database, ids: number[]): number {
  const rows = assignmentsById(db, [...new Set(ids)]);
  if (rows.length !== new Set(ids).size) throw new AppError('NOT_FOUND', '部分驻村记录已不存在，请刷新');
  for (const a of rows) {
    if (a.replacesAssignmentId !== null || a.replacedByAssignmentId !== null) {
      throw new AppError('CONFLICT', `「${a.name}」在调换记录中，不能移除；如属误操作请撤销`);
    }
  }
  withOperation(db, { kind: 'village', scope: 'villages', label: `移除 ${rows.length} 条驻村记录` }, op => {
    for (const a of rows) {
      op.touchRow('village_assignments', a.id);
      db.prepare('DELETE FROM village_assignments WHERE id = ?').run(a.id);
    }
  });
  return rows.length;
}

/** 调换: returns the new assignment's id. */
export function replaceAssignment(db: Database, id: number, cadreId: number, dateText: string, reason: string, sendingUnit: string): number {
  const [old] = assignmentsById(db, [id]);
  if (!old) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的驻村记录`);
  if (old.status !== '在岗' && old.status !== '召回') throw new AppError('CONFLICT', `「${old.name}」的状态是${old.status}，不能调换`);
  const date = checkDateCell(dateText);
  if (!date.ok || date.value === '') throw new AppError('VALIDATION', `「调换时间」：${date.ok ? '请填写调换时间' : date.message}`);
  const order = checkPeriodOrder(old.startDate, date.value);
  if (order) throw new AppError('VALIDATION', `「调换时间」早于驻村开始时间`);
  const name = liveCadreName(db, cadreId);
  if (name === undefined) throw new AppError('NOT_FOUND', `找不到编号为 ${cadreId} 的干部（可能已删除）`);
  if (cadreId === old.cadreId) throw new AppError('VALIDATION', '接替的干部不能是被调换的本人');
  return withOperation(db, { kind: 'village', scope: 'villages', label: `驻村调换：「${name}」接替「${old.name}」` }, op => {
    op.touchRow('village_assignments', old.id);
    db.prepare(`UPDATE village_assignments SET status = '已调换', end_date = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`).run(
      date.value,
      old.id,
    );
    const newId = Number(
      db
        .prepare(
          `INSERT INTO village_assignments(rotation_id, village_id, cadre_id, role, sending_unit, start_date, end_date, kind, status,
             replaces_assignment_id, replacement_reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, '调换', '在岗', ?, ?)`,
        )
        .run(old.rotationId, old.villageId, cadreId, old.role, sendingUnit.trim() || old.sendingUnit, date.value, old.endDate, old.id, reason.trim())
        .lastInsertRowid,
    );
    op.createdRow('village_assignments', newId);
    checkWrittenAssignments(db, [{ row: 0, id: newId }]);
    return { newId };
  }).newId;
}
