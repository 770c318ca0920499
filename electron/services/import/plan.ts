/**
 * Matching the file's rows to the roster and deciding what each row will do.
 *
 * Who a row is: match.ts (by 身份证号, else 姓名 + 出生年月; the .lrmx
 * importer uses the same rule). Then, by mode:
 *   add    — rows that match nobody are inserted; matched rows are not imported and
 *            each is reported as a warning (the user said these were new people);
 *   update — matched rows are updated (cells that differ and are not blank; a blank
 *            cell never erases stored data) and the rest inserted;
 *   skip   — rows that match nobody are inserted; matched rows are left untouched and
 *            counted as skipped, without a warning.
 * The same function runs for the preview (in the worker, on a read-only
 * connection) and again inside the commit's transaction.
 */
import type { AssessmentEntry } from '../../../shared/domain/assessment/text';
import { formatAssessments } from '../../../shared/domain/assessment/text';
import { checkCadreRecord, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import { formatDate } from '../../../shared/domain/common/dates';
import type { ImportField, ImportIssue, ParsedPlanOptions, PlanAction, PreviewRow } from '../../../shared/contract/routes/imports';
import type { FamilyMember } from '../../../shared/contract/routes/roster';
import type { Database } from '../../db/database';
import { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS } from '../roster/api';
import { fieldLabel } from './mapping';
import { RosterMatcher, type StoredCadre } from './match';
import { makeIssue } from './rows';
import type { FieldChange, ImportPlan, PlanCounts, PlanRow, RowRecord, SheetMeta, Tick, UnitRef, UnitToCreate } from './types';

export const COLUMN_OF: Record<EditableCadreField, string> = { ...CADRE_SCALAR_COLUMNS, ...CADRE_FORM_COLUMNS };

const DATE_FIELDS = new Set<string>(['birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

interface UnitRow {
  id: number;
  parentId: number | null;
  name: string;
}

const unitKey = (name: string) => name.replace(/[\s\u3000]+/g, '');

export interface PlanInput {
  file: { name: string; sha256: string };
  options: ParsedPlanOptions;
  sheets: SheetMeta[];
  records: RowRecord[];
  fileIssues: ImportIssue[];
}

export function buildPlan(db: Database, input: PlanInput, tick: Tick = () => {}): ImportPlan {
  const { options, records } = input;
  const file = input.file.name;
  const dbIssues: ImportIssue[] = [];
  const issue = (severity: ImportIssue['severity'], rec: RowRecord | null, field: ImportField | null, message: string) =>
    dbIssues.push(makeIssue(severity, file, rec?.sheet ?? null, rec?.row ?? null, rec && field ? (rec.columns[field] ?? null) : null, field, message));

  const matcher = RosterMatcher.load(db);

  // Units by name (names are not unique in a tree: 办公室 under every bureau).
  const units = db.prepare('SELECT id, parent_id AS parentId, name FROM units WHERE abolished_at IS NULL').all() as UnitRow[]; // abolished units take no one
  const unitById = new Map(units.map(u => [u.id, u]));
  const unitsByName = new Map<string, UnitRow[]>();
  for (const u of units) {
    const k = unitKey(u.name);
    const list = unitsByName.get(k);
    if (list) list.push(u);
    else unitsByName.set(k, [u]);
  }
  const parentId = options.newUnitParentId;
  const parent = parentId === null ? null : (unitById.get(parentId) ?? null);
  if (parentId !== null && !parent) issue('error', null, null, `选择的上级单位（编号 ${parentId}）不存在`);
  let fixedUnit: UnitRow | null = null;
  if (typeof options.defaultUnit === 'object') {
    fixedUnit = unitById.get(options.defaultUnit.id) ?? null;
    if (!fixedUnit) issue('error', null, null, `选择的默认单位（编号 ${options.defaultUnit.id}）不存在`);
  }
  const toCreate = new Map<string, UnitToCreate & { first: RowRecord }>();
  /** Units named by the text: a plain name, or a path '市教育局/办公室' from any level down. */
  const lookupUnit = (text: string): UnitRow[] => {
    const segments = text
      .split(/[/\\／]/)
      .map(unitKey)
      .filter(Boolean);
    let candidates = unitsByName.get(segments[0]) ?? [];
    for (const seg of segments.slice(1)) {
      const ids = new Set(candidates.map(c => c.id));
      candidates = (unitsByName.get(seg) ?? []).filter(u => u.parentId !== null && ids.has(u.parentId));
    }
    return candidates;
  };
  // Resolved once per distinct text (a roster repeats its units thousands of times).
  const resolved = new Map<string, UnitRow[]>();
  const resolveUnit = (rec: RowRecord): UnitRef | null | 'error' => {
    if (rec.unit === null) return fixedUnit ? { id: fixedUnit.id } : null;
    const text = rec.unit;
    let candidates = resolved.get(text);
    if (!candidates) {
      candidates = lookupUnit(text);
      resolved.set(text, candidates);
    }
    if (candidates.length === 1) return { id: candidates[0].id };
    if (candidates.length > 1) {
      const parents = candidates
        .slice(0, 3)
        .map(c => (c.parentId !== null ? (unitById.get(c.parentId)?.name ?? '') : '（顶层）'))
        .join('、');
      issue(
        'error',
        rec,
        'unit',
        `单位「${text}」在单位树中有 ${candidates.length} 个同名单位（上级分别为 ${parents}），无法确定是哪一个；请写明上级单位，如「${parents.split('、')[0]}/${text}」`,
      );
      return 'error';
    }
    if (options.unknownUnits === 'refuse') {
      issue('error', rec, 'unit', `单位「${text}」不在单位树中（已选择不新建单位）；请先在单位树中添加，或改正单位名称`);
      return 'error';
    }
    const key = unitKey(text);
    const entry = toCreate.get(key);
    if (entry) entry.rows++;
    else toCreate.set(key, { name: text, parentId, parentName: parent?.name ?? '（顶层）', rows: 1, first: rec });
    return { create: key };
  };

  // Current values of matched cadres, for the diff.
  const selectRow = db.prepare('SELECT * FROM cadres WHERE id = ?');
  const selectTags = db.prepare('SELECT tag FROM cadre_tags WHERE cadre_id = ? ORDER BY tag').pluck();
  const selectFamily = db.prepare(
    'SELECT relation, name, birth, political_status AS politicalStatus, work FROM cadre_family WHERE cadre_id = ? ORDER BY seq, id',
  );
  const selectAssessments = db.prepare('SELECT year, grade, note FROM cadre_assessments WHERE cadre_id = ? ORDER BY year');

  const rows: PlanRow[] = [];
  const claimed = new Map<number, PlanRow[]>();
  const total = records.length;
  records.forEach((rec, i) => {
    if (i % 1000 === 0) tick({ phase: '正在与已有干部比对', done: i, total });
    const row: PlanRow = { i, action: 'error', cadreId: null, matchedBy: null, unit: null, changes: [] };
    rows.push(row);
    const unit = resolveUnit(rec);
    if (unit === 'error') rec = { ...rec, hasError: true };
    else row.unit = unit;
    if (rec.hasError) return;

    // Match.
    const found = matcher.match(rec.values);
    if (found.kind === 'error') {
      issue('error', rec, found.error.field, found.error.message);
      return;
    }
    if (found.kind === 'new') {
      if (found.warning) issue('warning', rec, found.warning.field, found.warning.message);
      row.action = 'new';
      return;
    }
    const match: StoredCadre = found.cadre;
    row.matchedBy = found.by;
    row.cadreId = match.id;
    const list = claimed.get(match.id);
    if (list) list.push(row);
    else claimed.set(match.id, [row]);

    // Diff against the stored record.
    const current = selectRow.get(match.id) as Record<string, unknown>;
    const changes: FieldChange[] = [];
    for (const [field, value] of Object.entries(rec.values) as [EditableCadreField, string][]) {
      const old = String(current[COLUMN_OF[field]] ?? '');
      if (old === value) continue;
      // A sheet that shows 1985.03 does not overwrite a stored 1985-03-12.
      if (DATE_FIELDS.has(field) && value.length === 7 && old.startsWith(value)) continue;
      changes.push({ field, old, new: value });
    }
    if (row.unit) {
      const oldId = (current.unit_id as number | null) ?? null;
      if ('id' in row.unit ? row.unit.id !== oldId : true) {
        const newName = 'id' in row.unit ? (unitById.get(row.unit.id)?.name ?? '') : `${rec.unit}（新建）`;
        changes.push({ field: 'unit', old: oldId === null ? '' : (unitById.get(oldId)?.name ?? ''), new: newName });
      }
    }
    if (rec.tags) {
      const old = selectTags.all(match.id) as string[];
      const next = [...rec.tags].sort();
      if (old.join('\u0000') !== next.join('\u0000')) changes.push({ field: 'tags', old: old.join('、'), new: rec.tags.join('、') });
    }
    if (rec.family) {
      const old = selectFamily.all(match.id) as FamilyMember[];
      if (familyText(old) !== familyText(rec.family)) changes.push({ field: 'family', old: familyText(old), new: familyText(rec.family) });
    }
    if (rec.assessments) {
      const old = selectAssessments.all(match.id) as AssessmentEntry[];
      const merged = new Map(old.map(a => [a.year, a]));
      for (const a of rec.assessments) merged.set(a.year, a);
      const next = [...merged.values()].sort((a, b) => a.year - b.year);
      if (formatAssessments(old) !== formatAssessments(next)) {
        changes.push({ field: 'assessments', old: formatAssessments(old), new: formatAssessments(next) });
        row.assessments = next;
      }
    }
    row.changes = changes;

    if (options.mode === 'update') {
      // The record as it will be: the cross-field rules again, on stored + imported values.
      if (changes.length) {
        const mergedRecord: Partial<Record<EditableCadreField, string>> = {};
        for (const [field, col] of Object.entries(COLUMN_OF) as [EditableCadreField, string][]) {
          const v = rec.values[field] ?? current[col];
          if (typeof v === 'string' && v !== '') mergedRecord[field] = v;
        }
        const own = new Set(checkCadreRecord(rec.values).map(p => p.message));
        let blocked = false;
        for (const p of checkCadreRecord(mergedRecord)) {
          if (own.has(p.message)) continue;
          issue(p.severity, rec, p.field, `${p.message}（与库中已有信息合并后）`);
          if (p.severity === 'error') blocked = true;
        }
        if (blocked) return;
      }
      row.action = changes.length ? 'update' : 'unchanged';
    } else {
      row.action = 'skip';
      if (options.mode === 'add') {
        const how = row.matchedBy === 'idNumber' ? '身份证号相同' : '姓名和出生年月相同';
        const diff = changes.length
          ? `，其中 ${changes.length} 项与库中不同（${changes
              .slice(0, 3)
              .map(c => fieldLabel(c.field))
              .join('、')}${changes.length > 3 ? '等' : ''}）`
          : '';
        issue(
          'warning',
          rec,
          row.matchedBy === 'idNumber' ? 'idNumber' : 'name',
          `库中已有此人「${match.name}」（编号 ${match.id}，${how}），按“仅新增”方式不导入本行${diff}；如需更新请选择“更新已有”`,
        );
      }
    }
  });

  // Two rows of the file that land on the same stored cadre.
  for (const list of claimed.values()) {
    if (list.length < 2) continue;
    for (const row of list) {
      const rec = records[row.i];
      const others = list.filter(r => r !== row).map(r => `「${records[r.i].sheet}」第 ${records[r.i].row} 行`);
      issue('error', rec, 'name', `与${others.join('、')}对应库中同一名干部（编号 ${row.cadreId}），请核对后删除重复的行`);
      row.action = 'error';
    }
  }
  // Rows whose only problem was found here (units, matching) become error rows.
  const errorAt = new Set(dbIssues.filter(x => x.severity === 'error' && x.row !== null).map(x => `${x.sheet}\u0000${x.row}`));
  for (const row of rows) {
    const rec = records[row.i];
    if (row.action !== 'error' && errorAt.has(`${rec.sheet}\u0000${rec.row}`)) row.action = 'error';
  }
  for (const u of toCreate.values()) {
    issue('warning', u.first, 'unit', `单位「${u.name}」不在单位树中，导入时将在「${u.parentName}」下新建（共 ${u.rows} 行）`);
  }
  // Units only rows that will be written need.
  const needed = new Set<string>();
  for (const row of rows) if ((row.action === 'new' || row.action === 'update') && row.unit && 'create' in row.unit) needed.add(row.unit.create);
  const unitsToCreate = [...toCreate.entries()].filter(([k]) => needed.has(k)).map(([, { first: _first, ...u }]) => u);

  tick({ phase: '正在与已有干部比对', done: total, total });
  const counts = countPlan(input.sheets, rows, input.fileIssues, dbIssues);
  return { file: input.file, options, sheets: input.sheets, records, fileIssues: input.fileIssues, dbIssues, rows, unitsToCreate, counts };
}

export function countPlan(sheets: SheetMeta[], rows: PlanRow[], fileIssues: ImportIssue[], dbIssues: ImportIssue[]): PlanCounts {
  const counts: PlanCounts = { rows: rows.length, new: 0, update: 0, unchanged: 0, skip: 0, errorRows: 0, errors: 0, warnings: 0, layoutSkipped: 0 };
  for (const r of rows) {
    if (r.action === 'error') counts.errorRows++;
    else counts[r.action]++;
  }
  for (const x of fileIssues) x.severity === 'error' ? counts.errors++ : counts.warnings++;
  for (const x of dbIssues) x.severity === 'error' ? counts.errors++ : counts.warnings++;
  for (const s of sheets) counts.layoutSkipped += s.layoutSkipped;
  return counts;
}

export function familyText(list: readonly FamilyMember[]): string {
  return list.map(f => [f.relation, f.name, formatDate(f.birth), f.politicalStatus, f.work].filter(Boolean).join(' ')).join('；');
}

/** Field values shown in the preview as users write them. */
export function shownValue(field: string, value: string): string {
  return DATE_FIELDS.has(field) ? formatDate(value) : value;
}

export function planIssues(plan: ImportPlan): ImportIssue[] {
  const all = [...plan.fileIssues, ...plan.dbIssues];
  return all.sort((a, b) => sev(a) - sev(b) || (a.sheet ?? '').localeCompare(b.sheet ?? '') || (a.row ?? 0) - (b.row ?? 0));
}
const sev = (x: ImportIssue) => (x.severity === 'error' ? 0 : 1);

/** One preview row, built on demand from the plan (the plan itself stays lean). */
export function previewRow(plan: ImportPlan, row: PlanRow): PreviewRow {
  const rec = plan.records[row.i];
  const values: PreviewRow['values'] = [];
  if (row.action === 'new' || row.action === 'error') {
    for (const [field, value] of Object.entries(rec.values) as [EditableCadreField, string][]) {
      values.push({ field, label: fieldLabel(field), value: shownValue(field, value) });
    }
    if (rec.unit) values.push({ field: 'unit', label: '单位', value: row.unit && 'create' in row.unit ? `${rec.unit}（新建）` : rec.unit });
    if (rec.tags) values.push({ field: 'tags', label: fieldLabel('tags'), value: rec.tags.join('、') });
    if (rec.family) values.push({ field: 'family', label: fieldLabel('family'), value: familyText(rec.family) });
    if (rec.assessments) values.push({ field: 'assessments', label: fieldLabel('assessments'), value: formatAssessments(rec.assessments) });
  }
  return {
    sheet: rec.sheet,
    row: rec.row,
    action: row.action,
    cadreId: row.cadreId,
    name: rec.values.name ?? '',
    matchedBy: row.matchedBy,
    values,
    changes: row.changes.map(c => ({ field: c.field, label: fieldLabel(c.field), old: shownValue(c.field, c.old), new: shownValue(c.field, c.new) })),
  };
}

export function previewRows(plan: ImportPlan, action: PlanAction | undefined, offset: number, limit: number): { total: number; rows: PreviewRow[] } {
  const list = action ? plan.rows.filter(r => r.action === action) : plan.rows;
  return { total: list.length, rows: list.slice(offset, offset + limit).map(r => previewRow(plan, r)) };
}
