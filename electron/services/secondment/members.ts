/**
 * The members of a secondment batch: added from the roster or as new people
 * who join it, edited and pasted in the grid (all-or-nothing), paired,
 * recalled, replaced (调换, the old row kept as 已调换), finished (with the
 * 简历 line through the roster's write path) and followed up after return.
 * Every action is one transaction and one undoable, audited operation; the
 * overlap rule is checked inside it, after the rows are written.
 */
import { AppError } from '../../../shared/contract/errors';
import { formatDate } from '../../../shared/domain/common/dates';
import { parseResume, renderResume, appendResumeLine } from '../../../shared/domain/roster/resume';
import {
  BRANCH_ROLES,
  MEMBER_EDITABLE_FIELDS,
  MEMBER_FIELD_LABELS,
  OUTCOMES,
  type MemberEditableField,
  type SecondmentMember,
} from '../../../shared/contract/routes/secondment';
import {
  batchLabel,
  checkChoiceCell,
  checkDateCell,
  checkPeriodOrder,
  checkTextCell,
  periodText,
  secondmentResumeLine,
  type FieldCheck,
} from '../../../shared/domain/secondment/rules';
import type { EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { applyCadreChanges, cadreName, cadreResume, cadreSummary, type CadreSummary, type CellProblem, type FieldValues } from '../roster/api';
import { withOperation, type OperationRecorder } from '../common/operation-log';
import { overlapProblem } from './overlap';

type CellValue = string | number | null;
export type MemberValues = Partial<Record<MemberEditableField, CellValue>>;

/** Each editable member field's column. */
export const MEMBER_COLUMN: Readonly<Record<MemberEditableField, string>> = {
  homeUnit: 'home_unit',
  homePost: 'home_post',
  hostUnit: 'host_unit',
  hostPost: 'host_post',
  startDate: 'start_date',
  endDate: 'end_date',
  branchRole: 'branch_role',
  outcome: 'outcome',
  outcomeDate: 'outcome_date',
  outcomePost: 'outcome_post',
  notes: 'notes',
};

const DATE_FIELDS = new Set<MemberEditableField>(['startDate', 'endDate', 'outcomeDate']);

export function checkMemberField(field: MemberEditableField, raw: unknown): FieldCheck {
  if (DATE_FIELDS.has(field)) return checkDateCell(raw);
  if (field === 'branchRole') return checkChoiceCell(raw, BRANCH_ROLES);
  if (field === 'outcome') return checkChoiceCell(raw, OUTCOMES);
  return checkTextCell(raw, field === 'notes' ? 2000 : 200);
}

export const MEMBER_SELECT = `
  SELECT m.id, m.batch_id AS batchId, m.cadre_id AS cadreId,
         c.name, c.gender, c.birth, c.ft_education AS ftEducation, c.pt_education AS ptEducation,
         c.leadership_level AS leadershipLevel, c.rank, c.post, c.id_number AS idNumber,
         m.home_unit AS homeUnit, m.home_post AS homePost, m.host_unit AS hostUnit, m.host_post AS hostPost,
         m.start_date AS startDate, m.end_date AS endDate, m.status, m.branch_role AS branchRole,
         m.pair_member_id AS pairMemberId, coalesce(pc.name, '') AS pairName,
         m.recall_date AS recallDate, m.recall_reason AS recallReason,
         m.replaces_member_id AS replacesMemberId, coalesce(rc.name, '') AS replacesName, m.replacement_reason AS replacementReason,
         nm.id AS replacedByMemberId, coalesce(nc.name, '') AS replacedByName,
         m.return_date AS returnDate, m.outcome, m.outcome_date AS outcomeDate, m.outcome_post AS outcomePost,
         m.resume_line AS resumeLine, m.notes, m.sort_order AS sortOrder
    FROM secondment_members m
    JOIN cadres c ON c.id = m.cadre_id
    LEFT JOIN secondment_members pm ON pm.id = m.pair_member_id
    LEFT JOIN cadres pc ON pc.id = pm.cadre_id
    LEFT JOIN secondment_members rm ON rm.id = m.replaces_member_id
    LEFT JOIN cadres rc ON rc.id = rm.cadre_id
    LEFT JOIN secondment_members nm ON nm.id = (SELECT max(x.id) FROM secondment_members x WHERE x.replaces_member_id = m.id)
    LEFT JOIN cadres nc ON nc.id = nm.cadre_id`;

export function listMembers(db: Database, batchId: number, includeReplaced = true): SecondmentMember[] {
  batchRow(db, batchId);
  return db
    .prepare(`${MEMBER_SELECT} WHERE m.batch_id = ? ${includeReplaced ? '' : "AND m.status <> '已调换'"} ORDER BY m.sort_order, m.id`)
    .all(batchId) as SecondmentMember[];
}

/** The cadres of a batch's members, replaced ones (已调换) left out, in member order. */
export function batchMemberCadreIds(db: Database, batchId: number): number[] {
  return db
    .prepare("SELECT cadre_id FROM secondment_members WHERE batch_id = ? AND status <> '已调换' GROUP BY cadre_id ORDER BY min(sort_order), min(id)")
    .pluck()
    .all(batchId) as number[];
}

export function membersById(db: Database, ids: number[]): SecondmentMember[] {
  if (!ids.length) return [];
  return db.prepare(`${MEMBER_SELECT} WHERE m.id IN (${ids.map(Number).join(',')}) ORDER BY m.sort_order, m.id`).all() as SecondmentMember[];
}

export function getMember(db: Database, id: number): SecondmentMember {
  const m = db.prepare(`${MEMBER_SELECT} WHERE m.id = ?`).get(id) as SecondmentMember | undefined;
  if (!m) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的挂职成员`);
  return m;
}

interface BatchRow {
  id: number;
  name: string;
  programme: string;
  start_date: string;
  planned_end_date: string;
  actual_end_date: string;
}

function batchRow(db: Database, id: number): BatchRow {
  const b = db
    .prepare(
      `SELECT b.id, b.name, p.name AS programme, b.start_date, b.planned_end_date, b.actual_end_date
         FROM secondment_batches b JOIN secondment_programmes p ON p.id = b.programme_id WHERE b.id = ?`,
    )
    .get(id) as BatchRow | undefined;
  if (!b) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的挂职批次`);
  return b;
}

const problemText = (p: CellProblem, firstRow: number) =>
  `第 ${firstRow + p.row} 行「${MEMBER_FIELD_LABELS[p.field as MemberEditableField] ?? p.field}」：${p.message}`;

/** Refuses the whole request with every problem (row and field named; rows counted from the grid row `firstRow`). */
export function refuse(problems: CellProblem[], firstRow = 1): never {
  const first = problems
    .slice(0, 3)
    .map(p => problemText(p, firstRow))
    .join('；');
  throw new AppError('VALIDATION', `未保存：${first}${problems.length > 3 ? `，共 ${problems.length} 处问题` : ''}`, { problems });
}

/** Checks one row's values into columns; problems carry the request's row index. */
function memberColumns(values: MemberValues, row: number, id: number | undefined, problems: CellProblem[]): Record<string, string> {
  const cols: Record<string, string> = {};
  for (const [field, raw] of Object.entries(values) as [string, CellValue][]) {
    if (!(MEMBER_EDITABLE_FIELDS as readonly string[]).includes(field)) {
      problems.push({ row, id, field, message: `「${field}」不是可编辑的字段` });
      continue;
    }
    const r = checkMemberField(field as MemberEditableField, raw);
    if (r.ok) cols[MEMBER_COLUMN[field as MemberEditableField]] = r.value;
    else problems.push({ row, id, field, message: r.message });
  }
  return cols;
}

const touchRow = (op: OperationRecorder, id: number) => op.touchRow('secondment_members', id);

/** After writing: start ≤ end and no overlap, for each row (index in the request). */
/**
 * `fields`: what the request wrote in that row (a paste's columns); a period
 * problem is then named under the date the user pasted.
 */
function checkWritten(db: Database, rows: { row: number; id: number; fields?: string[] }[], firstRow = 1): void {
  const problems: CellProblem[] = [];
  for (const { row, id, fields } of rows) {
    const dateField = (preferred: 'startDate' | 'endDate') =>
      !fields || fields.includes(preferred) ? preferred : (['startDate', 'endDate'].find(f => fields.includes(f)) ?? preferred);
    const m = db.prepare('SELECT start_date AS s, end_date AS e, cadre_id AS cadreId FROM secondment_members WHERE id = ?').get(id) as
      { s: string; e: string; cadreId: number } | undefined;
    if (!m) continue;
    const order = checkPeriodOrder(m.s, m.e);
    if (order) problems.push({ row, id, field: dateField('endDate'), message: order });
    const overlap = overlapProblem(db, '挂职', id, `「${cadreName(db, m.cadreId)}」`);
    if (overlap) problems.push({ row, id, field: dateField('startDate'), message: overlap });
  }
  if (problems.length) refuse(problems, firstRow);
}

/** Inserts a member row with the batch's dates and the cadre's unit and post unless given. */
function insertMember(
  db: Database,
  op: OperationRecorder,
  batch: BatchRow,
  cadre: CadreSummary,
  cols: Record<string, string>,
  extra: Record<string, unknown> = {},
): number {
  const next = (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM secondment_members WHERE batch_id = ?').get(batch.id) as { n: number }).n;
  const row: Record<string, unknown> = {
    home_unit: cadre.unit,
    home_post: cadre.post,
    start_date: batch.start_date,
    end_date: batch.planned_end_date,
    ...cols,
    ...extra,
    batch_id: batch.id,
    cadre_id: cadre.id,
    sort_order: next,
  };
  const names = Object.keys(row);
  const id = Number(db.prepare(`INSERT INTO secondment_members(${names.join(', ')}) VALUES (${names.map(n => ':' + n).join(', ')})`).run(row).lastInsertRowid);
  op.createdRow('secondment_members', id);
  return id;
}

/** Places a cadre in a batch with already-checked member values (the import); call inside an operation. */
export function insertMemberFor(db: Database, op: OperationRecorder, batchId: number, cadreId: number, values: MemberValues): number {
  const problems: CellProblem[] = [];
  const cols = memberColumns(values, 0, undefined, problems);
  if (problems.length) refuse(problems);
  return insertMember(db, op, batchRow(db, batchId), cadreSummary(db, cadreId)!, cols);
}

/** The checks every write runs after writing (period order, overlap), for rows in request order. */
export function checkMembersWritten(db: Database, ids: number[]): void {
  checkWritten(
    db,
    ids.map((id, row) => ({ row, id })),
  );
}

/** The 撤销 scope of a batch's page: every write there is one of its steps. */
export const batchScope = (batchId: number) => `batch:${batchId}`;

/** The batch page the members belong to (the first member's, for a request from one page). */
export function batchScopeOf(db: Database, memberIds: number[]): string | undefined {
  const row = db.prepare('SELECT batch_id FROM secondment_members WHERE id = ?').get(memberIds[0] ?? 0) as { batch_id: number } | undefined;
  return row ? batchScope(row.batch_id) : undefined;
}

export function addMembers(db: Database, batchId: number, cadreIds: number[], values: MemberValues = {}): number[] {
  const batch = batchRow(db, batchId);
  const problems: CellProblem[] = [];
  const cols = memberColumns(values, 0, undefined, problems);
  const cadres = cadreIds.map((cid, row) => {
    const c = cadreSummary(db, cid);
    if (!c || c.deleted) problems.push({ row, field: 'cadreId', message: `找不到编号为 ${cid} 的干部（可能已删除）` });
    return c;
  });
  if (new Set(cadreIds).size !== cadreIds.length) problems.push({ row: 0, field: 'cadreId', message: '同一名干部选了两次' });
  if (problems.length) refuse(problems);
  const label = `「${batchLabel(batch.programme, batch.name)}」加入 ${cadreIds.length === 1 ? cadres[0]!.name : `${cadreIds.length} 名干部`}`;
  return withOperation(db, { kind: 'secondment', label, scope: batchScope(batchId) }, op => {
    const ids = cadres.map(c => insertMember(db, op, batch, c!, cols));
    checkWritten(
      db,
      ids.map((id, row) => ({ row, id })),
    );
    return { ids };
  }).ids;
}

/** A person not on the roster: validated and written by the roster's write path, then placed, in one step. */
export function addNewPerson(
  db: Database,
  batchId: number,
  cadre: Record<string, string | number | null>,
  values: MemberValues = {},
): { cadreId: number; memberId: number; warnings: CellProblem[] } {
  const batch = batchRow(db, batchId);
  const problems: CellProblem[] = [];
  const cols = memberColumns(values, 0, undefined, problems);
  if (problems.length) refuse(problems);
  let memberId = 0;
  const result = applyCadreChanges(
    db,
    {
      creates: [{ values: cadre as FieldValues }],
      kind: 'secondment',
      label: `新增干部「${String(cadre.name ?? '')}」并加入「${batch.name}」`,
      scope: batchScope(batchId),
    },
    (op, written) => {
      const basics = cadreSummary(db, written.created[0])!;
      memberId = insertMember(db, op, batch, basics, cols);
      checkWritten(db, [{ row: 0, id: memberId }]);
    },
  );
  return { cadreId: result.created[0], memberId, warnings: result.warnings };
}

export function saveMembers(db: Database, updates: { id: number; values: MemberValues }[], label?: string, firstRow = 1): number[] {
  const problems: CellProblem[] = [];
  const prepared = updates.map((u, row) => {
    if (!db.prepare('SELECT 1 FROM secondment_members WHERE id = ?').get(u.id)) {
      problems.push({ row, id: u.id, field: 'id', message: `找不到编号为 ${u.id} 的挂职成员` });
    }
    return { row, id: u.id, cols: memberColumns(u.values, row, u.id, problems) };
  });
  if (problems.length) refuse(problems, firstRow);
  const fields = [...new Set(updates.flatMap(u => Object.keys(u.values)))];
  const defaultLabel =
    updates.length === 1
      ? `修改挂职成员 ${fields.map(f => MEMBER_FIELD_LABELS[f as MemberEditableField] ?? f).join('、')}`
      : `修改 ${updates.length} 名挂职成员`;
  withOperation(
    db,
    {
      kind: 'secondment',
      label: label ?? defaultLabel,
      scope: batchScopeOf(
        db,
        updates.map(u => u.id),
      ),
    },
    op => {
      for (const p of prepared) {
        const names = Object.keys(p.cols);
        if (!names.length) continue;
        touchRow(op, p.id);
        db.prepare(
          `UPDATE secondment_members SET ${names.map(n => `${n} = :${n}`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`,
        ).run({ ...p.cols, id: p.id });
      }
      checkWritten(
        db,
        prepared.map(p => ({ row: p.row, id: p.id, fields: Object.keys(updates[p.row].values) })),
        firstRow,
      );
    },
  );
  return updates.map(u => u.id);
}

export function removeMembers(db: Database, ids: number[]): number {
  const unique = [...new Set(ids)];
  const members = membersById(db, unique);
  const missing = unique.filter(id => !members.some(m => m.id === id));
  if (missing.length) throw new AppError('NOT_FOUND', `找不到编号为 ${missing.join('、')} 的挂职成员`);
  for (const m of members) {
    if (m.replacesMemberId !== null || m.replacedByMemberId !== null) {
      throw new AppError(
        'CONFLICT',
        `「${m.name}」在调换记录中（${m.replacesMemberId !== null ? `接替${m.replacesName}` : `由${m.replacedByName}接替`}），不能移除；如属误操作请撤销`,
      );
    }
  }
  withOperation(db, { kind: 'secondment', label: `移除 ${members.length} 名挂职成员`, scope: batchScopeOf(db, unique) }, op => {
    for (const m of members) {
      if (m.pairMemberId !== null) {
        touchRow(op, m.pairMemberId);
        db.prepare('UPDATE secondment_members SET pair_member_id = NULL WHERE id = ?').run(m.pairMemberId);
      }
      touchRow(op, m.id);
      db.prepare('DELETE FROM secondment_members WHERE id = ?').run(m.id);
    }
  });
  return members.length;
}

/** Pairs two members both ways (each leaves any previous partner), or unpairs. Returns the rows that changed. */
export function pairMembers(db: Database, memberId: number, partnerId: number | null): number[] {
  const a = getMember(db, memberId);
  const b = partnerId === null ? null : getMember(db, partnerId);
  if (b) {
    if (b.id === a.id) throw new AppError('VALIDATION', '不能与自己结对');
    if (b.batchId !== a.batchId) throw new AppError('VALIDATION', `「${a.name}」与「${b.name}」不在同一批次，不能结对`);
    for (const m of [a, b]) if (m.status === '已调换') throw new AppError('VALIDATION', `「${m.name}」已调换，不能结对`);
  }
  const touched = new Set<number>([a.id]);
  withOperation(db, { kind: 'secondment', label: b ? `「${a.name}」与「${b.name}」结对` : `「${a.name}」解除结对`, scope: batchScope(a.batchId) }, op => {
    const unpair = (id: number) => {
      touched.add(id);
      touchRow(op, id);
      db.prepare('UPDATE secondment_members SET pair_member_id = NULL WHERE id = ?').run(id);
    };
    for (const m of b ? [a, b] : [a]) {
      if (m.pairMemberId !== null) unpair(m.pairMemberId);
      unpair(m.id);
    }
    if (b) {
      db.prepare('UPDATE secondment_members SET pair_member_id = ? WHERE id = ?').run(b.id, a.id);
      db.prepare('UPDATE secondment_members SET pair_member_id = ? WHERE id = ?').run(a.id, b.id);
    }
  });
  return [...touched];
}

function requireDate(raw: string, label: string, field: string): string {
  const r = checkDateCell(raw);
  if (!r.ok) throw new AppError('VALIDATION', `「${label}」：${r.message}`, { problems: [{ row: 0, field, message: r.message }] });
  if (r.value === '') throw new AppError('VALIDATION', `请填写${label}`, { problems: [{ row: 0, field, message: `请填写${label}` }] });
  return r.value;
}

/** The member's first month (its own start, else the batch's). */
function startOf(db: Database, m: SecondmentMember): string {
  return m.startDate || batchRow(db, m.batchId).start_date;
}

function notBefore(start: string, date: string, label: string): void {
  const wrong = checkPeriodOrder(start, date);
  if (wrong) throw new AppError('VALIDATION', `「${label}」：${formatDate(date)} 早于挂职开始时间 ${formatDate(start)}`);
}

export function recallMember(db: Database, id: number, dateText: string, reason: string): void {
  const m = getMember(db, id);
  if (m.status !== '在岗') throw new AppError('CONFLICT', `「${m.name}」的状态是${m.status}，只有在岗的成员可以召回`);
  const date = requireDate(dateText, '召回时间', 'date');
  notBefore(startOf(db, m), date, '召回时间');
  withOperation(db, { kind: 'secondment', label: `提前召回「${m.name}」`, scope: batchScope(m.batchId) }, op => {
    touchRow(op, id);
    db.prepare(
      `UPDATE secondment_members SET status = '提前召回', recall_date = ?, recall_reason = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    ).run(date, reason.trim(), id);
  });
}

/** 调换: returns the new member's id. */
export function replaceMember(db: Database, id: number, cadreId: number, dateText: string, reason: string, values: MemberValues = {}): number {
  const old = getMember(db, id);
  if (old.status !== '在岗' && old.status !== '提前召回') throw new AppError('CONFLICT', `「${old.name}」的状态是${old.status}，不能调换`);
  const date = requireDate(dateText, '调换时间', 'date');
  notBefore(startOf(db, old), date, '调换时间');
  const cadre = cadreSummary(db, cadreId);
  if (!cadre || cadre.deleted) throw new AppError('NOT_FOUND', `找不到编号为 ${cadreId} 的干部（可能已删除）`);
  if (cadre.id === old.cadreId) throw new AppError('VALIDATION', '接替的干部不能是被调换的本人');
  const problems: CellProblem[] = [];
  const cols = memberColumns(values, 0, undefined, problems);
  if (problems.length) refuse(problems);
  const batch = batchRow(db, old.batchId);
  return withOperation(db, { kind: 'secondment', label: `调换：「${cadre.name}」接替「${old.name}」`, scope: batchScope(old.batchId) }, op => {
    touchRow(op, old.id);
    if (old.pairMemberId !== null) {
      touchRow(op, old.pairMemberId);
      db.prepare('UPDATE secondment_members SET pair_member_id = NULL WHERE id = ?').run(old.pairMemberId);
    }
    // The old row keeps its data; its period ends where the replacement's begins.
    db.prepare(
      `UPDATE secondment_members SET status = '已调换', end_date = ?, pair_member_id = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    ).run(date, old.id);
    const newId = insertMember(
      db,
      op,
      batch,
      cadre,
      { host_unit: old.hostUnit, host_post: old.hostPost, start_date: date, end_date: old.endDate, ...cols },
      { replaces_member_id: old.id, replacement_reason: reason.trim() },
    );
    checkWritten(db, [{ row: 0, id: newId }]);
    return { newId };
  }).newId;
}

function resumeLineFor(db: Database, m: SecondmentMember, returnDate: string) {
  return secondmentResumeLine({ startDate: startOf(db, m), endDate: returnDate, hostUnit: m.hostUnit, hostPost: m.hostPost });
}

function resumeOf(db: Database, cadreId: number): string {
  return cadreResume(db, cadreId) ?? '';
}

function hasLine(resume: string, line: { start: string; end: string; text: string }): boolean {
  return parseResume(resume).lines.some(l => l.start === line.start && l.end === line.end && l.text === line.text);
}

export function previewResumeLine(db: Database, id: number, returnDateText: string): { line: string; alreadyPresent: boolean } {
  const m = getMember(db, id);
  const line = resumeLineFor(db, m, requireDate(returnDateText, '返岗时间', 'returnDate'));
  if (!line) return { line: '', alreadyPresent: false };
  return { line: renderResume([line]), alreadyPresent: hasLine(resumeOf(db, m.cadreId), line) };
}

/**
 * 期满 / 返岗. With appendResume the cadre's 简历 gets the line (once) through the
 * roster's write path, in the same undoable step as the member's new status; the
 * exchange (交流类别 挂职锻炼) is written to the cadre's 修改记录 either way.
 */
export function finishMember(
  db: Database,
  id: number,
  returnDateText: string,
  status: '期满' | '已返岗',
  appendResume: boolean,
): { resumeLine: string; resumeAppended: boolean } {
  const m = getMember(db, id);
  if (m.status === '已调换' || m.status === '提前召回' || m.status === '已返岗') {
    throw new AppError('CONFLICT', `「${m.name}」的状态是${m.status}，不能再办理期满返岗`);
  }
  const returnDate = requireDate(returnDateText, '返岗时间', 'returnDate');
  const start = startOf(db, m);
  notBefore(start, returnDate, '返岗时间');
  const batch = batchRow(db, m.batchId);
  const line = resumeLineFor(db, m, returnDate);
  if (appendResume && !line) throw new AppError('VALIDATION', `「${m.name}」缺少挂职开始时间或挂职单位及职务，无法生成简历行`);
  const lineText = line ? renderResume([line]) : '';
  const finish = (op: OperationRecorder) => {
    touchRow(op, id);
    db.prepare(
      `UPDATE secondment_members SET status = ?, return_date = ?, resume_line = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    ).run(status, returnDate, appendResume ? lineText : m.resumeLine, id);
    audit(db, {
      entity: 'cadre',
      entityId: m.cadreId,
      action: 'exchange',
      after: {
        交流类别: '挂职锻炼',
        挂职批次: batchLabel(batch.programme, batch.name),
        挂职单位及职务: `${m.hostUnit}${m.hostPost}`,
        挂职时间: periodText({ start, end: returnDate }),
        返岗状态: status,
      },
    });
  };
  const label = `「${m.name}」挂职${status === '期满' ? '期满' : '返岗'}${appendResume ? '，简历追加挂职经历' : ''}`;
  if (appendResume && line) {
    const resume = resumeOf(db, m.cadreId);
    const appended = !hasLine(resume, line);
    const values: Partial<Record<EditableCadreField, string>> = appended ? { resume: appendResumeLine(resume, line) } : {};
    applyCadreChanges(db, { updates: [{ id: m.cadreId, values }], kind: 'exchange', label, scope: batchScope(m.batchId) }, op => finish(op));
    return { resumeLine: lineText, resumeAppended: appended };
  }
  withOperation(db, { kind: 'exchange', label, scope: batchScope(m.batchId) }, finish);
  return { resumeLine: lineText, resumeAppended: false };
}

export function setOutcome(db: Database, id: number, outcome: string, dateText: string, post: string): void {
  const m = getMember(db, id);
  const outcomeCheck = checkChoiceCell(outcome, OUTCOMES);
  if (!outcomeCheck.ok) throw new AppError('VALIDATION', `「返岗后使用情况」：${outcomeCheck.message}`);
  const date = checkDateCell(dateText);
  if (!date.ok) throw new AppError('VALIDATION', `「使用时间」：${date.message}`);
  if (outcome && m.status !== '已返岗' && m.status !== '期满' && m.status !== '提前召回') {
    throw new AppError('CONFLICT', `「${m.name}」尚未返岗，不能登记返岗后的使用情况`);
  }
  withOperation(db, { kind: 'secondment', label: `登记「${m.name}」返岗后使用情况`, scope: batchScope(m.batchId) }, op => {
    touchRow(op, id);
    db.prepare(
      `UPDATE secondment_members SET outcome = ?, outcome_date = ?, outcome_post = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    ).run(outcome, date.value, post.trim(), id);
  });
}

/** The 调换 chain through a member: back to the first placement, then forward. */
export function replacementHistory(db: Database, id: number) {
  let first = getMember(db, id);
  const seen = new Set<number>([first.id]);
  while (first.replacesMemberId !== null && !seen.has(first.replacesMemberId)) {
    seen.add(first.replacesMemberId);
    first = getMember(db, first.replacesMemberId);
  }
  const chain: SecondmentMember[] = [first];
  const done = new Set<number>([first.id]);
  for (let next = chain[0].replacedByMemberId; next !== null && !done.has(next);) {
    done.add(next);
    const m = getMember(db, next);
    chain.push(m);
    next = m.replacedByMemberId;
  }
  return chain.map(m => ({
    memberId: m.id,
    cadreId: m.cadreId,
    name: m.name,
    startDate: m.startDate,
    endDate: m.endDate,
    status: m.status,
    reason: m.replacementReason,
  }));
}
