/**
 * Matching and preview for imported records (here from .lrmx files; the
 * shape is IncomingCadre, so an Excel row can go through the same code).
 *
 * Matching is the Excel importer's rule, from the same module
 * (import/match.ts): by 身份证号, else 姓名 + 出生年月. Two records of the
 * batch that are the same person, a match that is ambiguous, or an ID held
 * by a cadre in the 回收站 are errors.
 *
 * Modes, as the Excel importer has them (shared/contract/routes/imports.ts): update —
 * add the new, update the matched (blank never erases; the merged record is
 * checked again); add — add the new, matched ones are not imported and each
 * gets a warning; skip — add the new, matched ones are skipped silently.
 *
 * The preview says, per record: new, update (each changed field old → new),
 * unchanged, skipped, or error (with the reasons). Its fingerprint lets the
 * commit refuse when the database changed after the preview.
 */
import { createHash } from 'node:crypto';
import type { FamilyMember } from '../../../shared/contract/api';
import { formatAssessments } from '../../../shared/domain/assessment/text';
import { cadreFieldLabel, checkCadreRecord, normalizeCadreField, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import { formatDate } from '../../../shared/domain/common/dates';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import type { Database } from '../../db/database';
import { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS } from '../roster/api';
import { RosterMatcher } from '../import/api';
import type { IncomingCadre, IncomingProblem } from './incoming';

export { IMPORT_MODES, type ImportMode } from '../../../shared/contract/routes/imports';
import type { ImportMode } from '../../../shared/contract/routes/imports';
export type PlanAction = 'new' | 'update' | 'unchanged' | 'skip' | 'error';

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface PlannedRecord {
  index: number;
  file: string;
  name: string;
  idNumber: string;
  action: PlanAction;
  match?: { id: number; name: string; by: 'idNumber' | 'nameBirth' };
  changes: FieldChange[];
  problems: IncomingProblem[];
}

export interface ImportPlan {
  mode: ImportMode;
  records: PlannedRecord[];
  counts: Record<PlanAction, number>;
  fingerprint: string;
}

/** One input: a record read from a source, or null when the source could not be read. */
export interface PlanInput {
  file: string;
  record: IncomingCadre | null;
  problems: IncomingProblem[];
}

export const COLUMN_OF: Record<EditableCadreField, string> = { ...CADRE_SCALAR_COLUMNS, ...CADRE_FORM_COLUMNS } as Record<EditableCadreField, string>;
const DATE_FIELDS = new Set<string>(['birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

interface CurrentCadre {
  id: number;
  row: Record<string, unknown>;
  family: FamilyMember[];
  assessments: { year: number; grade: string; note: string }[];
  photo: Buffer | null;
}

export function loadCurrent(db: Database, id: number): CurrentCadre {
  const row = db.prepare('SELECT * FROM cadres WHERE id = ?').get(id) as Record<string, unknown>;
  return {
    id,
    row,
    family: db
      .prepare('SELECT relation, name, birth, political_status AS politicalStatus, work FROM cadre_family WHERE cadre_id = ? ORDER BY seq, id')
      .all(id) as FamilyMember[],
    assessments: db.prepare('SELECT year, grade, note FROM cadre_assessments WHERE cadre_id = ? ORDER BY year').all(id) as CurrentCadre['assessments'],
    photo: (row.photo as Buffer | null) ?? null,
  };
}

/**
 * Whether writing `incoming` would change the stored value: not when they are
 * equal once the stored one is normalised by the same field rule (a resume
 * typed before the rules existed, '汉' for 汉族), nor when a stored
 * 1985-03-12 meets a month-only 1985-03 (the file just says less).
 */
export function sameStoredValue(field: EditableCadreField, stored: string, incoming: string): boolean {
  if (stored === incoming) return true;
  if (DATE_FIELDS.has(field) && /^\d{4}-\d{2}$/.test(incoming) && stored.startsWith(`${incoming}-`)) return true;
  const normalised = normalizeCadreField(field, stored);
  return normalised.ok && normalised.value === incoming;
}

const familyText = (list: FamilyMember[]) =>
  list.length ? list.map(m => [m.relation, m.name, formatDate(m.birth), m.politicalStatus, m.work].filter(Boolean).join(' ')).join('；') : '（无）';

/** Assessments after merging: incoming years replace stored ones, other stored years stay. */
export function mergedAssessments(stored: CurrentCadre['assessments'], incoming: CurrentCadre['assessments']): CurrentCadre['assessments'] {
  const byYear = new Map(stored.map(a => [a.year, a]));
  for (const a of incoming) byYear.set(a.year, a);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** 备注 with the unreadable 年度考核结果 text kept (once). */
export function remarksWithAssessmentText(remarks: string, text: string): string {
  if (remarks.includes(text)) return remarks;
  return `${remarks}${remarks ? '；' : ''}年度考核结果：${text}`;
}

/** What committing `record` would change on the stored cadre. */
export function diffRecord(current: CurrentCadre, record: IncomingCadre): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(record.fields) as [EditableCadreField, string][]) {
    const stored = String(current.row[COLUMN_OF[field]] ?? '');
    if (!sameStoredValue(field, stored, value)) {
      const show = (v: string) => (DATE_FIELDS.has(field) ? formatDate(v) : v);
      changes.push({ field, label: cadreFieldLabel(field), before: show(stored), after: show(value) });
    }
  }
  if (record.assessmentText !== undefined && !('remarks' in record.fields)) {
    const stored = String(current.row.remarks ?? '');
    const after = remarksWithAssessmentText(stored, record.assessmentText);
    if (after !== stored) changes.push({ field: 'remarks', label: fieldLabel('remarks'), before: stored, after });
  }
  if (record.family) {
    if (JSON.stringify(record.family) !== JSON.stringify(current.family)) {
      changes.push({ field: 'family', label: fieldLabel('family'), before: familyText(current.family), after: familyText(record.family) });
    }
  }
  if (record.assessments) {
    const after = mergedAssessments(current.assessments, record.assessments);
    if (JSON.stringify(after) !== JSON.stringify(current.assessments)) {
      changes.push({
        field: 'assessments',
        label: fieldLabel('assessments'),
        before: formatAssessments(current.assessments) || '（无）',
        after: formatAssessments(after),
      });
    }
  }
  if (record.photo && !(current.photo && Buffer.compare(current.photo, record.photo) === 0)) {
    changes.push({ field: 'photo', label: fieldLabel('photo'), before: current.photo ? '有照片' : '（无）', after: '新照片' });
  }
  return changes;
}

/** Stored values overlaid with the incoming ones (blanks never erase), for the cross-field rules. */
function mergedFields(current: CurrentCadre, record: IncomingCadre): Partial<Record<EditableCadreField, string>> {
  const out: Partial<Record<EditableCadreField, string>> = {};
  for (const [field, col] of Object.entries(COLUMN_OF) as [EditableCadreField, string][]) {
    const v = record.fields[field] ?? current.row[col];
    if (typeof v === 'string' && v !== '') out[field] = v;
  }
  return out;
}

interface Match {
  id: number;
  name: string;
  by: 'idNumber' | 'nameBirth';
}

function findMatch(matcher: RosterMatcher, record: IncomingCadre): { match?: Match; error?: string; warning?: IncomingProblem } {
  const found = matcher.match(record.fields);
  if (found.kind === 'error') return { error: found.error.message };
  if (found.kind === 'new') return found.warning ? { warning: { severity: 'warning', field: found.warning.field, message: found.warning.message } } : {};
  return { match: { id: found.cadre.id, name: found.cadre.name, by: found.by } };
}

/** The same person twice in one batch: by 身份证号, else 姓名 + 出生年月. */
function personKey(record: IncomingCadre): string | null {
  if (record.fields.idNumber) return `id:${record.fields.idNumber}`;
  if (record.fields.name && record.fields.birth) return `nb:${record.fields.name}|${record.fields.birth.slice(0, 7)}`;
  return null;
}

export function planImport(db: Database, inputs: PlanInput[], mode: ImportMode): ImportPlan {
  const matcher = RosterMatcher.load(db);
  const seen = new Map<string, string>();
  const claimed = new Map<number, string>();
  const records = inputs.map((input, index): PlannedRecord => {
    const r = input.record;
    const planned: PlannedRecord = {
      index,
      file: input.file,
      name: r?.fields.name ?? '',
      idNumber: r?.fields.idNumber ?? '',
      action: 'error',
      changes: [],
      problems: [...input.problems],
    };
    const error = (message: string) => planned.problems.push({ severity: 'error', message });
    if (!r) {
      if (!planned.problems.some(p => p.severity === 'error')) error('文件无法读取');
      return planned;
    }
    const key = personKey(r);
    if (key) {
      const twin = seen.get(key);
      if (twin !== undefined) error(`与「${twin}」是同一人（${key.startsWith('id:') ? '身份证号相同' : '姓名和出生年月相同'}），同一批次只能导入一次`);
      else seen.set(key, input.file);
    }
    const found = findMatch(matcher, r);
    if (found.error) error(found.error);
    if (found.warning) planned.problems.push(found.warning);
    if (found.match) {
      const other = claimed.get(found.match.id);
      if (other !== undefined) error(`与「${other}」匹配到同一名已有干部「${found.match.name}」（编号 ${found.match.id}）`);
      else claimed.set(found.match.id, input.file);
      planned.match = found.match;
      planned.changes = diffRecord(loadCurrent(db, found.match.id), r);
    }
    if (found.match && mode === 'update' && planned.changes.length) {
      // The record as it will be: the cross-field rules again, on stored + incoming values
      // (as the Excel importer does); only what the file alone did not already raise.
      const merged = mergedFields(loadCurrent(db, found.match.id), r);
      const own = new Set(checkCadreRecord(r.fields).map(p => p.message));
      for (const p of checkCadreRecord(merged)) {
        if (!own.has(p.message)) planned.problems.push({ severity: p.severity, field: p.field, message: `${p.message}（与库中已有信息合并后）` });
      }
    }
    if (planned.problems.some(p => p.severity === 'error')) return planned;
    if (!found.match) planned.action = 'new';
    else if (mode !== 'update') {
      planned.action = 'skip';
      if (mode === 'add') {
        const how = found.match.by === 'idNumber' ? '身份证号相同' : '姓名和出生年月相同';
        const diff = planned.changes.length
          ? `，其中 ${planned.changes.length} 项与库中不同（${planned.changes
              .slice(0, 3)
              .map(c => c.label)
              .join('、')}${planned.changes.length > 3 ? '等' : ''}）`
          : '';
        planned.problems.push({
          severity: 'warning',
          field: found.match.by === 'idNumber' ? 'idNumber' : 'name',
          message: `库中已有此人「${found.match.name}」（编号 ${found.match.id}，${how}），按“仅新增”方式不导入${diff}；如需更新请选择“更新已有”`,
        });
      }
    } else planned.action = planned.changes.length ? 'update' : 'unchanged';
    return planned;
  });
  const counts: Record<PlanAction, number> = { new: 0, update: 0, unchanged: 0, skip: 0, error: 0 };
  for (const r of records) counts[r.action]++;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(records.map(r => [r.file, r.action, r.match?.id ?? null, r.changes])))
    .digest('hex')
    .slice(0, 32);
  return { mode, records, counts, fingerprint };
}
