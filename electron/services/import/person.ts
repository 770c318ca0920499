/**
 * The person columns every target with people shares: the roster's fields
 * read by the roster's own rules (shared/domain/roster/cadre-rules.ts), and
 * what needs the whole row:
 *
 *   - 性别 and 出生年月 left blank are taken from a valid ID number, with a
 *     warning (由身份证号推出); a row that disagrees with its ID stays an error;
 *   - 单位及职务 / 工作单位及职务 / 所在单位及职务 is split at the longest unit
 *     name of the tree it starts with; otherwise the whole text is the post and
 *     the unit comes from the user's choice or the sheet's 填报单位 (every row
 *     is reported, split or whole);
 *   - year columns (2023年, 2024年度考核, 2025年考核结果) holding grades are
 *     年度考核结果 for those years;
 *   - the same person twice in the file is an error.
 */
import { formatAssessments, parseAssessments, type AssessmentEntry } from '../../../shared/domain/assessment/text';
import { ASSESSMENT_GRADES } from '../../../shared/domain/roster/codes';
import {
  checkCadreRecord,
  normalizeCadreField,
  normalizeFamilyMember,
  type EditableCadreField,
  type FieldResult,
} from '../../../shared/domain/roster/cadre-rules';
import { formatDate } from '../../../shared/domain/common/dates';
import { parseIdNumber } from '../../../shared/domain/common/idcard';
import type { ImportField } from '../../../shared/contract/routes/imports';
import type { FamilyMember } from '../../../shared/contract/routes/roster';
import type { Database } from '../../db/database';
import { cellText } from './layout';
import { fieldLabel, isEditableField, isHeaderWord, matchRosterColumns, yearField, yearLabel, yearOfField, yearOfHeader } from './mapping';
import type { CellValue } from './read';
import type { FieldSpec, HeaderColumn, Note, SheetContext, Vocabulary, VocabularyEnv } from './target';
import type { RowRecord } from './types';

/** Tags as sheets write them: 选调生、年轻干部库 / 选调生,第一书记 / one per line. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、，,;；\s/|]+/)
        .map(t => t.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * 家庭主要成员 in one cell: one member per line (or separated by ；), fields separated by
 * spaces or commas in the form's order — 称谓 姓名 出生年月 政治面貌 工作单位及职务.
 */
export function parseFamilyText(text: string): { members: FamilyMember[]; problems: string[] } {
  const members: FamilyMember[] = [];
  const problems: string[] = [];
  const lines = text
    .split(/\r\n|\r|\n|[；;]/)
    .map(l => l.trim())
    .filter(Boolean);
  lines.forEach((line, i) => {
    const [relation = '', name = '', birth = '', politicalStatus = '', ...rest] = line.split(/[\s\u3000，,]+/).filter(Boolean);
    const r = normalizeFamilyMember({ relation, name, birth, politicalStatus, work: rest.join(' ') });
    if (r.ok) members.push(r.value);
    else problems.push(`第 ${i + 1} 位成员（${line.slice(0, 30)}）：${r.problems.join('；')}`);
  });
  return { members, problems };
}

const GRADES = ASSESSMENT_GRADES.map(g => g.name).sort((a, b) => b.length - a.length);
const GRADE_CELL = new RegExp(`^(${GRADES.join('|')})(?:\\s*[（(]([^（）()]*)[）)])?$`);

/** A grade as a year column holds it: 优秀, 称职, 基本称职, 不称职, 不定等次（reason）. */
export function readGrade(raw: CellValue, year: number): { entry: AssessmentEntry } | { error: string } {
  const text = cellText(raw).replace(/\s+/g, '');
  const m = GRADE_CELL.exec(text);
  if (m) return { entry: { year, grade: m[1], note: (m[2] ?? '').trim() } };
  const parsed = parseAssessments(text);
  const own = parsed.entries.find(e => e.year === year);
  if (own && parsed.entries.length === 1 && !parsed.rest) return { entry: own };
  return { error: `${yearLabel(year)}「${text.slice(0, 30)}」无法识别，应为：${GRADES.slice().reverse().join('、')}` };
}

/** Merges entries into the record's annual results (a year given twice keeps the last). */
export function addAssessments(rec: RowRecord, entries: readonly AssessmentEntry[]): void {
  const byYear = new Map((rec.assessments ?? []).map(a => [a.year, a]));
  for (const e of entries) byYear.set(e.year, e);
  rec.assessments = [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The tree's unit names for splitting 单位及职务: names held by one unit only, longest first. */
export class UnitNames {
  private unique = new Map<string, string>();
  private longest = 0;

  constructor(db: Database) {
    const count = new Map<string, number>();
    for (const { name } of db.prepare('SELECT name FROM units').all() as { name: string }[]) {
      const key = squeeze(name);
      count.set(key, (count.get(key) ?? 0) + 1);
      this.unique.set(key, name);
    }
    for (const [key, n] of count) if (n > 1) this.unique.delete(key);
    for (const key of this.unique.keys()) this.longest = Math.max(this.longest, key.length);
  }

  /** The longest unit name the text starts with, and what follows it. */
  split(text: string): { unit: string; post: string } | null {
    const t = squeeze(text);
    for (let n = Math.min(t.length - 1, this.longest); n > 0; n--) {
      const unit = this.unique.get(t.slice(0, n));
      if (unit) return { unit, post: t.slice(n).replace(/^[、，,/／\-—:：]+/, '') };
    }
    return null;
  }
}

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
/** Distinct values remembered per field (see normalizeCached). */
const MEMO_LIMIT = 5000;

export interface PersonOptions {
  /** The roster fields this target takes. */
  fields: readonly ImportField[];
  /** Year columns: 'always' for every year header, 'grades' only when the column holds grades, false: never. */
  years: 'always' | 'grades' | false;
  /** Check each record with the roster's cross-field rules (targets that write cadres). */
  checkRecord: boolean;
  /** Where 单位及职务 rows are reported; the tree's names are read when the field is mapped. */
  splits?: VocabularyEnv;
  /** The target's own columns, tried before the person ones. */
  own?: {
    fields: FieldSpec[];
    label(field: string): string | null;
    match(path: readonly string[]): string | 'ignore' | null;
    read(field: string, raw: CellValue, rec: RowRecord, note: Note): void;
    isHeaderWord?(text: string): boolean;
  };
  /** The same person twice in the file is an error (a long annual sheet repeats people). */
  duplicates: boolean;
}

/** The person vocabulary over the given roster fields, with the target's own columns first. */
export function personVocabulary(opts: PersonOptions): Vocabulary {
  const taken = new Set<string>(opts.fields);
  const derivedInSheet = new Map<string, { gender: number; birth: number }>();
  let unitNames: UnitNames | null = null;
  const fields: FieldSpec[] = [...(opts.own?.fields ?? []), ...opts.fields.map(f => ({ key: f, label: fieldLabel(f) }))];

  /**
   * The field rules, remembered per field and cell value: a roster repeats its units, 民族,
   * 学历, 职级 and dates thousands of times. A column of values that do not repeat (IDs,
   * names) stops being remembered once it has shown that.
   */
  const memo = new Map<string, Map<string | number, FieldResult>>();
  const normalizeCached = (field: EditableCadreField, raw: Exclude<CellValue, null>): FieldResult => {
    if (typeof raw !== 'string' && typeof raw !== 'number') return normalizeCadreField(field, raw);
    let seen = memo.get(field);
    if (!seen) memo.set(field, (seen = new Map()));
    let res = seen.get(raw);
    if (!res) {
      res = normalizeCadreField(field, raw);
      if (seen.size < MEMO_LIMIT) seen.set(raw, res);
    }
    return res;
  };

  const label = (field: string): string | null => {
    const own = opts.own?.label(field);
    if (own) return own;
    if (taken.has(field)) return fieldLabel(field as ImportField);
    const year = yearOfField(field);
    return year !== null && opts.years ? yearLabel(year) : null;
  };

  const matchColumns = (columns: readonly HeaderColumn[]) => {
    const roster = matchRosterColumns(columns);
    return columns.map((col, i) => {
      const own = opts.own?.match(col.path);
      if (own) return own;
      const year = opts.years ? yearOfHeader(col.path) : null;
      if (year !== null && (opts.years === 'always' || holdsGrades(col, year))) return yearField(year);
      const f = roster[i];
      return f === 'ignore' ? 'ignore' : f && taken.has(f) ? f : null;
    });
  };

  const read = (field: string, raw: CellValue, rec: RowRecord, note: Note) => {
    if (opts.own?.label(field)) return opts.own.read(field, raw, rec, note);
    if (isEditableField(field)) {
      const res = normalizeCached(field, raw ?? '');
      if (!res.ok) note('error', res.message);
      else {
        if (res.value !== '') rec.values[field] = res.value;
        if (res.warning) note('warning', res.warning);
      }
      return;
    }
    const year = yearOfField(field);
    if (year !== null) {
      const g = readGrade(raw, year);
      if ('error' in g) note('error', g.error);
      else addAssessments(rec, [g.entry]);
      return;
    }
    const text = cellText(raw);
    switch (field) {
      case 'unit':
        rec.unit = squeeze(text);
        break;
      case 'unitPost':
        rec.values.unitPost = text.trim();
        break;
      case 'tags':
        rec.tags = splitTags(text);
        break;
      case 'family': {
        const { members, problems } = parseFamilyText(text);
        for (const p of problems) note('error', `家庭主要成员：${p}`);
        rec.family = members;
        break;
      }
      case 'assessments': {
        const { entries, rest } = parseAssessments(text);
        if (rest) note('warning', `年度考核结果中「${rest.slice(0, 40)}」无法识别，这部分未导入；应写作“2023年度考核优秀；2024年度考核称职”`);
        addAssessments(rec, entries);
        break;
      }
    }
  };

  const finish = (rec: RowRecord, sheet: SheetContext, note: Note) => {
    deriveFromId(rec, sheet, note);
    const unitPost = rec.values.unitPost;
    if (unitPost !== undefined) {
      delete rec.values.unitPost;
      splitUnitPost(rec, unitPost, sheet);
    }
    if (opts.checkRecord && !sheet.checked) for (const p of checkCadreRecord(rec.values)) note(p.severity, p.message, p.field);
  };

  /** Blank 性别 / 出生年月 from a valid ID: per row when the sheet has the column, once per sheet when it has none. */
  const deriveFromId = (rec: RowRecord, sheet: SheetContext, note: Note) => {
    const id = rec.values.idNumber;
    if (!id || (rec.values.gender && rec.values.birth)) return;
    const parsed = parseIdNumber(id);
    if (!parsed.ok) return;
    const key = `${sheet.file}\u0000${sheet.sheet}`;
    const counts = derivedInSheet.get(key) ?? { gender: 0, birth: 0 };
    derivedInSheet.set(key, counts);
    const derived = { gender: parsed.info.gender, birth: parsed.info.birth.slice(0, 7) };
    for (const field of ['gender', 'birth'] as const) {
      if (rec.values[field] || !taken.has(field)) continue;
      rec.values[field] = derived[field];
      // Only targets that write the record say so; the others use it to match.
      if (!opts.checkRecord) continue;
      if (sheet.mapped.has(field)) note('warning', `${fieldLabel(field)}为空，由身份证号推出：${formatDate(derived[field])}`, field);
      else counts[field]++;
    }
  };

  const splitUnitPost = (rec: RowRecord, text: string, sheet: SheetContext) => {
    unitNames ??= opts.splits ? new UnitNames(opts.splits.db) : null;
    const column = rec.columns.unitPost ?? '';
    const hit =
      rec.unit === null ? unitNames?.split(text) : squeeze(text).startsWith(rec.unit) ? { unit: rec.unit, post: squeeze(text).slice(rec.unit.length) } : null;
    if (hit) {
      rec.unit ??= hit.unit;
      if (hit.post && !rec.values.post) rec.values.post = normalizedPost(hit.post);
    } else {
      if (!rec.values.post) rec.values.post = normalizedPost(text);
      if (rec.unit === null && !sheet.unitChosen && sheet.reportingUnit) rec.unit = squeeze(sheet.reportingUnit);
    }
    opts.splits?.splits.push({
      file: rec.file,
      sheet: rec.sheet ?? '',
      row: rec.row ?? 0,
      column,
      text,
      how: hit ? 'split' : 'whole',
      unit: rec.unit ?? (sheet.unitChosen ? '（所选默认单位）' : ''),
      post: rec.values.post ?? '',
    });
  };

  return {
    fields,
    label,
    isHeaderWord: text => isHeaderWord(text) || !!opts.own?.isHeaderWord?.(text),
    matchColumns,
    read,
    finish,
    sheetIssues(sheet) {
      const out: { severity: 'error' | 'warning'; message: string; field?: string }[] = [];
      // Targets that write the record need its 姓名; the others can tell people by ID alone.
      const identified = sheet.mapped.has('name') || (!opts.checkRecord && sheet.mapped.has('idNumber'));
      if (!identified) out.push({ severity: 'error', field: 'name', message: '没有对应“姓名”的列：请在列对应中为姓名指定一列' });
      const counts = derivedInSheet.get(`${sheet.file}\u0000${sheet.sheet}`);
      if (counts?.gender) out.push({ severity: 'warning', field: 'gender', message: `表中没有性别列：${counts.gender} 行的性别由身份证号推出` });
      if (counts?.birth) out.push({ severity: 'warning', field: 'birth', message: `表中没有出生年月列：${counts.birth} 行的出生年月由身份证号推出` });
      return out;
    },
    finishAll: opts.duplicates ? findDuplicates : undefined,
  };
}

function normalizedPost(text: string): string {
  const r = normalizeCadreField('post', text);
  return r.ok ? r.value : text.trim();
}

/** A year column is 年度考核结果 only when what it holds reads as grades (a roster's 2023年 may hold anything). */
function holdsGrades(col: HeaderColumn, year: number): boolean {
  let any = false;
  for (const v of col.values?.() ?? []) {
    if (cellText(v) === '') continue;
    if ('error' in readGrade(v, year)) return false;
    any = true;
  }
  return any;
}

/**
 * The same person twice in the file (across all chosen sheets): by 身份证号, else by
 * 姓名 + 出生年月. Every occurrence is an error naming the other rows.
 */
export function findDuplicates(records: RowRecord[], issue: (rec: RowRecord, field: string, message: string) => void): void {
  const byId = new Map<string, RowRecord[]>();
  const byNameBirth = new Map<string, RowRecord[]>();
  for (const rec of records) {
    const id = rec.values.idNumber;
    if (id) push(byId, id, rec);
    else if (rec.values.name && rec.values.birth) push(byNameBirth, `${rec.values.name}\u0000${rec.values.birth.slice(0, 7)}`, rec);
  }
  const where = (r: RowRecord, wide: boolean) => (r.row === null ? `「${r.file}」` : wide ? `「${r.sheet}」第 ${r.row} 行` : `第 ${r.row} 行`);
  const report = (groups: Map<string, RowRecord[]>, field: string, why: (r: RowRecord) => string) => {
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const wide = new Set(group.map(g => `${g.file}\u0000${g.sheet}`)).size > 1;
      for (const rec of group) {
        const others = group.filter(g => g !== rec).map(g => where(g, wide));
        issue(rec, field, `同一人在表中出现了 ${group.length} 次：与${others.join('、')}${why(rec)}，请删除重复的行`);
      }
    }
  };
  report(byId, 'idNumber', r => `的身份证号相同（${r.values.idNumber}）`);
  report(byNameBirth, 'name', r => `的姓名和出生年月相同（${r.values.name}，${formatDate(r.values.birth!.slice(0, 7))}）`);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export { formatAssessments };
