/**
 * The roster (干部名册) as a target: rows of a roster workbook and persons of
 * .lrmx files become cadres.
 *
 * Who a record is: the one RosterMatcher. Then, by mode:
 *   add    — records that match nobody are inserted; matched ones are not imported and
 *            each is reported as a warning (the user said these were new people);
 *   update — matched cadres are updated (values that differ and are not blank; a blank
 *            never erases stored data) and the rest inserted;
 *   skip   — records that match nobody are inserted; matched ones are left untouched and
 *            counted as skipped, without a warning.
 * Units are found by name (or a path 市教育局/办公室) in the tree; unknown ones are
 * created under the chosen parent or refused. New cadres take the bulk path: each is
 * inserted from the image the undo log keeps (built from the values written, never
 * read back).
 */
import { formatAssessments, type AssessmentEntry } from '../../../../shared/domain/assessment/text';
import { checkCadreRecord, normalizeCadreField, type EditableCadreField } from '../../../../shared/domain/roster/cadre-rules';
import { formatDate } from '../../../../shared/domain/common/dates';
import { nameSortAndSearchKeys } from '../../../../shared/domain/common/pinyin';
import type { FamilyMember } from '../../../../shared/contract/routes/roster';
import type { PreviewRow } from '../../../../shared/contract/routes/imports';
import type { Database } from '../../../db/database';
import { audit } from '../../common/audit';
import { withOperation } from '../../common/operation-log';
import {
  CADRE_FORM_COLUMNS,
  CADRE_SCALAR_COLUMNS,
  insertCadreImages,
  lastCadreSortOrder,
  readCadreImage,
  withCadreIndexesDeferred,
  writeCadreImage,
  type CadreImage,
} from '../../roster/api';
import { fieldLabel, isEditableField } from '../mapping';
import { RosterMatcher } from '../match';
import { IMPORT_FIELDS } from '../../../../shared/contract/routes/imports';
import { personVocabulary } from '../person';
import { defaultShown, matchRecords, shownValue } from '../plan';
import type { PlanInput, Target, Vocabulary } from '../target';
import type { FieldChange, ImportPlan, PlanRow, RowRecord, UnitRef, UnitToCreate } from '../types';

export const COLUMN_OF: Record<EditableCadreField, string> = { ...CADRE_SCALAR_COLUMNS, ...CADRE_FORM_COLUMNS };

const DATE_FIELDS = new Set<string>(['birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

interface UnitRow {
  id: number;
  parentId: number | null;
  name: string;
}

const unitKey = (name: string) => name.replace(/[\s\u3000]+/g, '');

/**
 * Whether writing `incoming` would change the stored value: not when they are equal once
 * the stored one is read by the same field rule (a resume typed before the rules existed,
 * '汉' for 汉族), nor when a stored 1985-03-12 meets 1985-03 (the file just says less).
 */
export function sameStoredValue(field: EditableCadreField, stored: string, incoming: string): boolean {
  if (stored === incoming) return true;
  if (DATE_FIELDS.has(field) && /^\d{4}-\d{2}$/.test(incoming) && stored.startsWith(`${incoming}-`)) return true;
  const normalised = normalizeCadreField(field, stored);
  return normalised.ok && normalised.value === incoming;
}

/** 备注 with the unreadable 年度考核结果 text of an .lrmx file kept (once). */
export function remarksWithAssessmentText(remarks: string, text: string): string {
  if (remarks.includes(text)) return remarks;
  return `${remarks}${remarks ? '；' : ''}年度考核结果：${text}`;
}

export function familyText(list: readonly FamilyMember[]): string {
  return list.map(f => [f.relation, f.name, formatDate(f.birth), f.politicalStatus, f.work].filter(Boolean).join(' ')).join('；');
}

/** Stored years merged with the file's: a year in the file replaces the stored one, the others stay. */
export function mergeAssessments(stored: readonly AssessmentEntry[], incoming: readonly AssessmentEntry[]): AssessmentEntry[] {
  const byYear = new Map(stored.map(a => [a.year, { year: a.year, grade: a.grade, note: a.note }]));
  for (const a of incoming) byYear.set(a.year, { year: a.year, grade: a.grade, note: a.note });
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export const rosterTarget: Target<{ db: Database }> = {
  kind: 'roster',
  load: db => ({ db }),
  info: () => ({
    kind: 'roster',
    title: '干部名册',
    actions: { new: '新增', update: '更新', unchanged: '不变', skip: '跳过', history: '历史库中已有', error: '错误' },
    modes: true,
    units: true,
  }),
  vocabulary: (_ctx, splits) => personVocabulary({ fields: IMPORT_FIELDS, years: 'grades', checkRecord: true, splits, duplicates: true }),
  people: { matcher: db => RosterMatcher.load(db), nameAlone: false },
  plan: (db, _ctx, input) => planRoster(db, input),
  commit: (db, _ctx, plan, meta) => commitRoster(db, plan, meta.label),
  shown: shownNew,
};

function planRoster(db: Database, input: PlanInput): { rows: PlanRow[]; unitsToCreate: UnitToCreate[] } {
  const { records, options, issue, tick } = input;
  const outcomes = matchRecords(RosterMatcher.load(db), input, false);

  // Units by name (names are not unique in a tree: 办公室 under every bureau).
  const units = db.prepare('SELECT id, parent_id AS parentId, name FROM units WHERE abolished_at IS NULL').all() as UnitRow[];
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

  // Current values of matched cadres, for the diff: the record as the undo log sees it.
  const familyOf = (image: CadreImage): FamilyMember[] =>
    image.family.map(f => ({
      relation: String(f.relation),
      name: String(f.name),
      birth: String(f.birth),
      politicalStatus: String(f.political_status),
      work: String(f.work),
    }));

  const rows: PlanRow[] = [];
  const total = records.length;
  records.forEach((rec, i) => {
    if (i % 1000 === 0) tick({ phase: '正在与已有干部比对', done: i, total });
    const row: PlanRow = { i, action: 'error', cadreId: null, matchedBy: null, unit: null, changes: [] };
    rows.push(row);
    const unit = resolveUnit(rec);
    if (unit === 'error') return;
    row.unit = unit;
    const found = outcomes[i];
    if (rec.hasError || found === null) return;
    if (found === 'new') {
      row.action = 'new';
      return;
    }
    const match = found.cadre;
    row.matchedBy = found.by;
    row.cadreId = match.id;

    // Diff against the stored record.
    const image = readCadreImage(db, match.id)!;
    const current = image.row;
    const changes: FieldChange[] = [];
    const change = (field: string, old: string, value: string) => changes.push({ field, label: fieldLabel(field as EditableCadreField), old, new: value });
    for (const [field, value] of Object.entries(rec.values) as [string, string][]) {
      if (!isEditableField(field)) continue;
      const old = String(current[COLUMN_OF[field]] ?? '');
      if (!sameStoredValue(field, old, value)) change(field, old, value);
    }
    if (rec.assessmentText !== undefined && rec.values.remarks === undefined) {
      const old = String(current.remarks ?? '');
      const next = remarksWithAssessmentText(old, rec.assessmentText);
      if (next !== old) change('remarks', old, next);
    }
    if (row.unit) {
      const oldId = (current.unit_id as number | null) ?? null;
      if ('id' in row.unit ? row.unit.id !== oldId : true) {
        const newName = 'id' in row.unit ? (unitById.get(row.unit.id)?.name ?? '') : `${rec.unit}（新建）`;
        change('unit', oldId === null ? '' : (unitById.get(oldId)?.name ?? ''), newName);
      }
    }
    if (rec.tags) {
      const old = image.tags;
      const next = [...rec.tags].sort();
      if (old.join('\u0000') !== next.join('\u0000')) change('tags', old.join('、'), rec.tags.join('、'));
    }
    if (rec.family) {
      const old = familyOf(image);
      if (familyText(old) !== familyText(rec.family)) change('family', familyText(old), familyText(rec.family));
    }
    if (rec.assessments) {
      const old = image.assessments as unknown as AssessmentEntry[];
      const next = mergeAssessments(old, rec.assessments);
      if (formatAssessments(old) !== formatAssessments(next)) {
        change('assessments', formatAssessments(old), formatAssessments(next));
        row.assessments = next;
      }
    }
    if (rec.photo && (current.photo as { base64: string } | null)?.base64 !== rec.photo) {
      change('photo', current.photo ? '有照片' : '', '新照片');
    }
    // 重新调入: the person of the 历史库 comes back into the roster, whatever the mode.
    if (found.returning) change('status', String(current.status), '在职');
    row.changes = changes;

    if (options.mode === 'update' || found.returning) {
      // The record as it will be: the cross-field rules again, on stored + imported values.
      if (changes.length) {
        const merged: Partial<Record<EditableCadreField, string>> = {};
        for (const [field, col] of Object.entries(COLUMN_OF) as [EditableCadreField, string][]) {
          const v = rec.values[field] ?? current[col];
          if (typeof v === 'string' && v !== '') merged[field] = v;
        }
        const own = new Set(checkCadreRecord(rec.values).map(p => p.message));
        let blocked = false;
        for (const p of checkCadreRecord(merged)) {
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
              .map(c => c.label)
              .join('、')}${changes.length > 3 ? '等' : ''}）`
          : '';
        issue(
          'warning',
          rec,
          row.matchedBy === 'idNumber' ? 'idNumber' : 'name',
          `库中已有此人「${match.name}」（编号 ${match.id}，${how}），按“仅新增”方式不导入${rec.row === null ? '' : '本行'}${diff}；如需更新请选择“更新已有”`,
        );
      }
    }
  });

  for (const u of toCreate.values()) {
    issue('warning', u.first, 'unit', `单位「${u.name}」不在单位树中，导入时将在「${u.parentName}」下新建（共 ${u.rows} 行）`);
  }
  // Units only rows that will be written need.
  const needed = new Set<string>();
  for (const row of rows) if ((row.action === 'new' || row.action === 'update') && row.unit && 'create' in row.unit) needed.add(row.unit.create);
  const unitsToCreate = [...toCreate.entries()].filter(([k]) => needed.has(k)).map(([, { first: _first, ...u }]) => u);
  tick({ phase: '正在与已有干部比对', done: total, total });
  return { rows, unitsToCreate };
}

/** A record that will be added: its values, unit, tags, family and annual results as written. */
function shownNew(rec: RowRecord, row: PlanRow, vocabulary: Vocabulary): PreviewRow['values'] {
  const values = defaultShown(rec, vocabulary);
  if (rec.unit) values.push({ field: 'unit', label: '单位', value: row.unit && 'create' in row.unit ? `${rec.unit}（新建）` : rec.unit });
  if (rec.tags) values.push({ field: 'tags', label: fieldLabel('tags'), value: rec.tags.join('、') });
  if (rec.family) values.push({ field: 'family', label: fieldLabel('family'), value: familyText(rec.family) });
  if (rec.assessments) values.push({ field: 'assessments', label: fieldLabel('assessments'), value: formatAssessments(rec.assessments) });
  if (rec.photo) values.push({ field: 'photo', label: '照片', value: '有照片' });
  return values.map(v => ({ ...v, value: shownValue(v.field, v.value) }));
}

/** New cadres built and inserted at a time. */
const INSERT_BATCH = 1000;

function commitRoster(db: Database, plan: ImportPlan, label: string) {
  // Units first: the inserts point at them.
  const unitIds = new Map<string, number>();
  const insertUnit = db.prepare(
    `INSERT INTO units(parent_id, name, kind, sort_order)
     VALUES (?, ?, '', (SELECT coalesce(max(sort_order), 0) + 1 FROM units WHERE parent_id IS ?))`,
  );
  for (const u of plan.unitsToCreate) {
    const id = Number(insertUnit.run(u.parentId, u.name, u.parentId).lastInsertRowid);
    unitIds.set(unitKey(u.name), id);
    audit(db, { entity: 'unit', entityId: id, action: 'import', after: { name: u.name, parentId: u.parentId, file: plan.files[0]?.name ?? '' } });
  }
  const unitIdOf = (ref: UnitRef | null | undefined): number | null | undefined => {
    if (ref === null || ref === undefined) return undefined;
    return 'id' in ref ? ref.id : (unitIds.get(ref.create) ?? null);
  };

  const inserting = plan.rows.filter(r => r.action === 'new');
  const updating = plan.rows.filter(r => r.action === 'update');
  const written = withOperation(db, { kind: 'import', label }, op => {
    for (const id of unitIds.values()) op.unitCreated(id);
    let sortOrder = lastCadreSortOrder(db);
    const now = new Date().toISOString(); // the schema's strftime('%Y-%m-%dT%H:%M:%fZ') form
    const keys = nameKeys();
    withCadreIndexesDeferred(db, inserting.length, () => {
      // In batches: multi-row statements, and no more than a batch of images in memory at once.
      for (let at = 0; at < inserting.length; at += INSERT_BATCH) {
        const images = inserting
          .slice(at, at + INSERT_BATCH)
          .map(row => newCadreImage(plan.records[row.i], unitIdOf(row.unit) ?? null, ++sortOrder, now, keys));
        insertCadreImages(db, images).forEach((id, k) => op.inserted(id, images[k]));
      }
    });
    const apply = updater(db);
    for (const row of updating) {
      op.touch(row.cadreId!);
      apply(plan.records[row.i], row, unitIdOf(row.unit));
    }
    return { inserted: inserting.length, updated: updating.length };
  });
  return { inserted: written.inserted, updated: written.updated, unitsCreated: unitIds.size, operation: written.operation ?? null };
}

/**
 * The row a new cadre is inserted with, as the undo log keeps it: only the columns given
 * (the others hold their defaults, '' for text), status 在职 unless the file says
 * otherwise, tags, family and assessments.
 */
function newCadreImage(rec: RowRecord, unitId: number | null, sortOrder: number, now: string, keys: (name: string) => string): CadreImage {
  const row: Record<string, unknown> = { unit_id: unitId, sort_order: sortOrder };
  for (const field in COLUMN_OF) {
    const value = rec.values[field];
    if (value) row[COLUMN_OF[field as EditableCadreField]] = value;
  }
  row.name ??= '';
  // Given here, the insert trigger leaves it (migration 010): the row is written once.
  row.name_keys = keys(String(row.name));
  if (rec.assessmentText !== undefined) row.remarks = remarksWithAssessmentText(String(row.remarks ?? ''), rec.assessmentText);
  if (rec.photo) row.photo = { base64: rec.photo };
  row.created_at = now;
  row.updated_at = now;
  return {
    row,
    tags: [...new Set(rec.tags ?? [])].sort(),
    family: familyRows(rec.family ?? []),
    assessments: [...(rec.assessments ?? [])].sort((a, b) => a.year - b.year).map(a => ({ year: a.year, grade: a.grade, note: a.note })),
  };
}

/** The pinyin keys of names (cadres.name_keys), each distinct name spelled once per import. */
function nameKeys(): (name: string) => string {
  const seen = new Map<string, string>();
  return name => {
    let k = seen.get(name);
    if (k === undefined) seen.set(name, (k = nameSortAndSearchKeys(name)));
    return k;
  };
}

/** Applies one matched record's changes (only fields that differ; blanks never erase) by writing its record back as the roster does. */
function updater(db: Database): (rec: RowRecord, row: PlanRow, unitId: number | null | undefined) => void {
  return (rec, row, unitId) => {
    const id = row.cadreId!;
    const image = readCadreImage(db, id)!;
    const next: CadreImage = { ...image, row: { ...image.row } };
    const changed = new Set(row.changes.map(c => c.field));
    for (const change of row.changes) {
      if (Object.hasOwn(COLUMN_OF, change.field)) next.row[COLUMN_OF[change.field as EditableCadreField]] = change.new;
    }
    if (changed.has('unit') && unitId !== undefined) next.row.unit_id = unitId;
    if (rec.photo && changed.has('photo')) next.row.photo = { base64: rec.photo };
    if (rec.tags && changed.has('tags')) next.tags = [...new Set(rec.tags)].sort();
    if (rec.family && changed.has('family')) next.family = familyRows(rec.family);
    if (row.assessments) next.assessments = row.assessments.map(a => ({ year: a.year, grade: a.grade, note: a.note }));
    next.row.updated_at = new Date().toISOString(); // the schema's strftime('%Y-%m-%dT%H:%M:%fZ') form
    writeCadreImage(db, id, next);
  };
}

/** Family members as the image (and cadre_family) holds them. */
function familyRows(family: readonly FamilyMember[]): Record<string, unknown>[] {
  return family.map((f, k) => ({ seq: k + 1, relation: f.relation, name: f.name, birth: f.birth, political_status: f.politicalStatus, work: f.work }));
}
