/**
 * The field rules of a cadre record: one home for inline editing, paste and the Excel
 * importer. Each rule calls the module that owns it (dates, idcard, codes, age, resume,
 * pinyin); nothing here re-implements a check.
 */
import { completedAge } from '../common/age';
import {
  CADRE_STATUSES,
  LEADERSHIP_LEVELS,
  POLITICAL_STATUSES,
  RANKS,
  leadershipOrder,
  normalizeEducation,
  normalizeEthnicity,
  normalizeGender,
  rankOrder,
} from './codes';
import { formatDate, parseDateInput, parseYearMonth, todayCanonical } from '../common/dates';
import { fieldLabel } from './fields';
import { checkIdAgainstRecord, looksLikeNumericId, parseIdNumber } from '../common/idcard';
import { normalizePersonName } from '../common/pinyin';
import { parseResume, renderResume } from './resume';
import type { Cadre, FamilyMember } from './cadre';

type StringFieldOf<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/** Every string field of a cadre record that a user edits, in the order of the form. */
export const EDITABLE_CADRE_FIELDS = [
  'name',
  'gender',
  'birth',
  'ethnicity',
  'nativePlace',
  'birthplace',
  'partyDate',
  'workDate',
  'politicalStatus',
  'health',
  'professionalTitle',
  'expertise',
  'ftEducation',
  'ftDegree',
  'ftEduSchool',
  'ftDegreeSchool',
  'ptEducation',
  'ptDegree',
  'ptEduSchool',
  'ptDegreeSchool',
  'post',
  'leadershipLevel',
  'rank',
  'postDate',
  'rankDate',
  'idNumber',
  'status',
  'remarks',
  'proposedPost',
  'proposedRemoval',
  'rewards',
  'appointmentReason',
  'resume',
] as const satisfies readonly StringFieldOf<Cadre>[];

export type EditableCadreField = (typeof EDITABLE_CADRE_FIELDS)[number];

/** The Chinese label of an editable field, as the form names it. */
export function cadreFieldLabel(key: EditableCadreField): string {
  return fieldLabel(key);
}

export type FieldResult = { ok: true; value: string; warning?: string } | { ok: false; message: string };

const DATE_FIELDS = new Set<EditableCadreField>(['birth', 'workDate', 'postDate', 'rankDate']);
const LONG_TEXT_FIELDS = new Set<EditableCadreField>(['resume', 'rewards']);
const MAX_TEXT = 2000;
const MAX_LONG_TEXT = 20000;

/** Full-width ASCII (１, Ａ, （) → half-width, whitespace dropped: for codes and numbers. */
function compactHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, '');
}

const HAS_CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/**
 * Free text: trimmed; full-width digits and Latin letters half-width; round brackets made
 * one kind — full-width （） in Chinese text (as the national form prints them), half-width
 * in text without Chinese — so '常务副区长(正处级）' and '常务副区长（正处级）' are the same.
 */
function normalizeText(s: string): string {
  const t = s.trim().replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return HAS_CJK.test(t) ? t.replace(/\(/g, '（').replace(/\)/g, '）') : t.replace(/（/g, '(').replace(/）/g, ')');
}

/** A cell value as text; null for what no text field can hold (a Date, an object). */
function asText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  return null;
}

/** The raw value quoted back to the user, shortened. */
function shown(raw: unknown): string {
  const s = (raw instanceof Date ? raw.toISOString() : String(raw)).trim();
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

const ok = (value: string, warning?: string): FieldResult => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = (message: string): FieldResult => ({ ok: false, message });

/** Short names of the democratic parties; each POLITICAL_STATUSES member name starts with one. */
const PARTY_SHORT_NAMES = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟'];
const PARTY_OFFICIAL_NAMES = ['中国国民党革命委员会', '中国民主同盟', '中国民主建国会', '中国民主促进会', '中国农工民主党', '中国致公党', '台湾民主自治同盟'];
const PARTY_MEMBER_STATUSES = POLITICAL_STATUSES.map(s => s.name).filter(name => PARTY_SHORT_NAMES.some(short => name.startsWith(short)));
/** What 入党时间 may hold instead of a date for a member of a democratic party. */
const PARTY_NAMES = new Set([...PARTY_SHORT_NAMES, ...PARTY_MEMBER_STATUSES, ...PARTY_OFFICIAL_NAMES]);

const POLITICAL_ALIASES = new Map<string, string>([
  ['党员', '中共党员'],
  ['共产党员', '中共党员'],
  ['中国共产党党员', '中共党员'],
  ['中共正式党员', '中共党员'],
  ['正式党员', '中共党员'],
  ['预备党员', '中共预备党员'],
  ['团员', '共青团员'],
  ['无党派', '无党派人士'],
  // 民盟 → 民盟盟员, …: the democratic parties by their short names.
  ...PARTY_SHORT_NAMES.map((short): [string, string] => [short, PARTY_MEMBER_STATUSES.find(n => n.startsWith(short))!]),
]);

function normalizePoliticalStatus(s: string): string | null {
  const byCode = /^\d{1,2}$/.test(s) ? POLITICAL_STATUSES.find(p => p.code === s.padStart(2, '0')) : undefined;
  const name = byCode?.name ?? POLITICAL_ALIASES.get(s) ?? s;
  return POLITICAL_STATUSES.some(p => p.name === name) ? name : null;
}

/** 正县级 / 正县处级 / 副局级 / 正乡科级 → 正处 / 正处 / 副厅 / 正科, then leadershipOrder's own forms. */
function normalizeLeadershipLevel(s: string): string | null {
  const t = s
    .replace(/^([正副])(?:县处|县)级?$/, '$1处')
    .replace(/^([正副])(?:厅局|局)级?$/, '$1厅')
    .replace(/^([正副])(?:乡科|乡镇|乡)级?$/, '$1科');
  const i = leadershipOrder(t);
  return i === -1 ? null : LEADERSHIP_LEVELS[i].name;
}

const names = (list: readonly { name: string }[]) => list.map(i => i.name).join('、');

/** The 年月 fields are stored as year-month whatever the source gives (dates.ts parseYearMonth). */
function normalizeDateField(label: string, raw: unknown): FieldResult {
  const parsed = parseYearMonth(raw);
  if (!parsed.ok) return fail(`${label}：${parsed.message}`);
  return ok(parsed.value, parsed.ambiguous ? `${label}：${parsed.ambiguous}` : undefined);
}

function normalizeIdField(raw: unknown): FieldResult {
  if (looksLikeNumericId(raw)) return fail('身份证号被 Excel 存成了数字，后几位已丢失，请把该列设为文本后重新录入');
  const text = asText(raw);
  if (text === null) return fail(`身份证号「${shown(raw)}」不是文本`);
  if (text.trim() === '') return ok('');
  const parsed = parseIdNumber(text);
  if (!parsed.ok) return fail(`${parsed.message}（填写的是「${shown(text)}」）`);
  return ok(parsed.id, parsed.info.kind === 15 ? '身份证号是 15 位旧号码，请核对后改为 18 位' : undefined);
}

/**
 * One field as a user typed or a sheet holds it → the stored value, or why not. Empty is
 * allowed everywhere but 姓名. Unknown 民族 and 学历 are kept with a warning (the lists are
 * national, the sheets are not); coded fields outside their list are errors.
 */
export function normalizeCadreField(key: EditableCadreField, raw: unknown): FieldResult {
  const label = cadreFieldLabel(key);
  // 入党时间 may hold a party name, but a date cell or a number is a date.
  if (DATE_FIELDS.has(key) || (key === 'partyDate' && (raw instanceof Date || typeof raw === 'number'))) return normalizeDateField(label, raw);
  if (key === 'idNumber') return normalizeIdField(raw);

  const text = asText(raw);
  if (text === null) return fail(`${label}「${shown(raw)}」无法识别`);
  const code = compactHalfWidth(text);

  switch (key) {
    case 'name': {
      const name = normalizePersonName(text);
      if (name === '') return fail('姓名不能为空');
      if (name.length > 50) return fail(`姓名「${shown(name)}」过长`);
      return ok(name, /\d/.test(name) ? `姓名「${name}」中有数字，请核对是否填错了列` : undefined);
    }
    case 'gender': {
      if (code === '') return ok('');
      const gender = normalizeGender(code);
      return gender ? ok(gender) : fail(`性别「${shown(text)}」无法识别，应为“男”或“女”`);
    }
    case 'partyDate': {
      if (PARTY_NAMES.has(code)) return ok(code);
      const date = normalizeDateField(label, raw);
      return date.ok ? date : fail(`${date.message}；民主党派成员可填写党派名称，如“民盟”`);
    }
    case 'ethnicity': {
      if (code === '') return ok('');
      const e = normalizeEthnicity(code);
      return ok(e.value, e.known ? undefined : `民族「${e.value}」不在国家标准（GB/T 3304）民族名称中，请核对`);
    }
    case 'ftEducation':
    case 'ptEducation': {
      if (code === '') return ok('');
      const e = normalizeEducation(code);
      return ok(e.value, e.known ? undefined : `${label}「${e.value}」不在学历代码表中，请核对`);
    }
    case 'politicalStatus': {
      if (code === '') return ok('');
      const status = normalizePoliticalStatus(code);
      return status ? ok(status) : fail(`政治面貌「${shown(text)}」无法识别，应为：${names(POLITICAL_STATUSES)}`);
    }
    case 'leadershipLevel': {
      if (code === '') return ok('');
      const level = normalizeLeadershipLevel(code);
      return level ? ok(level) : fail(`领导职务层次「${shown(text)}」无法识别，应为：${names(LEADERSHIP_LEVELS)}`);
    }
    case 'rank': {
      if (code === '') return ok('');
      const i = rankOrder(code);
      return i === -1 ? fail(`职级「${shown(text)}」无法识别，应为：${names(RANKS)}`) : ok(RANKS[i].name);
    }
    case 'status': {
      if (code === '') return ok('');
      return CADRE_STATUSES.some(s => s.name === code) ? ok(code) : fail(`状态「${shown(text)}」无法识别，应为：${names(CADRE_STATUSES)}`);
    }
    case 'resume': {
      const { lines, problems } = parseResume(normalizeText(text));
      if (problems.length > 0) {
        const [first] = problems;
        const more = problems.length > 1 ? `（共 ${problems.length} 处问题）` : '';
        return fail(`简历第 ${first.line} 行：${first.message}${more}`);
      }
      return withinLength(label, renderResume(lines), MAX_LONG_TEXT);
    }
    default:
      return withinLength(label, normalizeText(text), LONG_TEXT_FIELDS.has(key) ? MAX_LONG_TEXT : MAX_TEXT);
  }
}

function withinLength(label: string, value: string, max: number): FieldResult {
  return value.length > max ? fail(`${label}过长：${value.length} 个字符，最多 ${max} 个`) : ok(value);
}

export interface CadreIssue {
  field: EditableCadreField;
  message: string;
  severity: 'error' | 'warning';
}

/** A stored date ('' when the value is empty, a party name or unreadable). */
function dateOf(value: string | undefined): string {
  const parsed = parseDateInput(value ?? '');
  return parsed.ok ? parsed.value : '';
}

/**
 * Rules across fields of one record (values as normalizeCadreField returns them; raw ones
 * are read the same way). Errors: the ID disagrees with 出生年月 or 性别 (reported on
 * idNumber), 出生年月 after today. Warnings: 参加工作时间 before the 16th birthday, 入党时间
 * (when a date) before the 18th, 任现职时间 / 任现职级时间 before 参加工作时间.
 */
export function checkCadreRecord(record: Partial<Record<EditableCadreField, string>>, today: Date = new Date()): CadreIssue[] {
  const issues: CadreIssue[] = [];
  const birth = dateOf(record.birth);
  const work = dateOf(record.workDate);
  const party = dateOf(record.partyDate);

  if (record.idNumber?.trim()) {
    const gender = normalizeGender(record.gender ?? '') ?? '';
    for (const message of checkIdAgainstRecord(record.idNumber, { birth, gender })) {
      issues.push({ field: 'idNumber', message, severity: 'error' });
    }
  }
  if (birth && birth > todayCanonical(today).slice(0, birth.length)) {
    issues.push({ field: 'birth', message: `出生年月 ${formatDate(birth)} 晚于今天`, severity: 'error' });
  }
  const youngerThan = (at: string, years: number) => {
    const age = completedAge(birth, at);
    return age === null || age < years;
  };
  if (birth && work && youngerThan(work, 16)) {
    issues.push({
      field: 'workDate',
      message: `参加工作时间 ${formatDate(work)} 时未满 16 周岁（出生年月 ${formatDate(birth)}）`,
      severity: 'warning',
    });
  }
  if (birth && party && youngerThan(party, 18)) {
    issues.push({
      field: 'partyDate',
      message: `入党时间 ${formatDate(party)} 时未满 18 周岁（出生年月 ${formatDate(birth)}）`,
      severity: 'warning',
    });
  }
  for (const field of ['postDate', 'rankDate'] as const) {
    const date = dateOf(record[field]);
    if (date && work && date.slice(0, 7) < work.slice(0, 7)) {
      issues.push({
        field,
        message: `${cadreFieldLabel(field)} ${formatDate(date)} 早于参加工作时间 ${formatDate(work)}`,
        severity: 'warning',
      });
    }
  }
  return issues;
}

/**
 * A row of 家庭主要成员及重要社会关系: a row with anything filled needs 称谓 and 姓名;
 * 出生年月, when given, must read as a date. Empty list = fine. (Ages are computed, never stored.)
 */
export function checkFamilyMember(m: Partial<Record<keyof FamilyMember, unknown>>): string[] {
  const text = (v: unknown) => String(v ?? '').trim();
  if ([m.relation, m.name, m.birth, m.politicalStatus, m.work].every(v => text(v) === '')) return [];
  const problems: string[] = [];
  if (text(m.relation) === '') problems.push('称谓不能为空');
  if (normalizePersonName(text(m.name)) === '') problems.push('姓名不能为空');
  const birth = parseDateInput(m.birth);
  if (!birth.ok) problems.push(`出生年月：${birth.message}`);
  return problems;
}

export type FamilyResult = { ok: true; value: FamilyMember } | { ok: false; problems: string[] };

/**
 * A 家庭成员 row as it is stored: checked by checkFamilyMember, 出生年月 as year-month,
 * 政治面貌 by its standard name when known, texts trimmed. Imports (Excel cells, .lrmx) use it.
 */
export function normalizeFamilyMember(m: Partial<Record<keyof FamilyMember, unknown>>): FamilyResult {
  const problems = checkFamilyMember(m);
  if (problems.length) return { ok: false, problems };
  const text = (v: unknown) => String(v ?? '').trim();
  const birth = parseYearMonth(m.birth);
  const status = normalizeCadreField('politicalStatus', text(m.politicalStatus));
  const work = normalizeCadreField('post', text(m.work));
  return {
    ok: true,
    value: {
      relation: text(m.relation).replace(/\s+/g, ''),
      name: normalizePersonName(text(m.name)),
      birth: birth.ok ? birth.value : text(m.birth),
      politicalStatus: status.ok ? status.value : text(m.politicalStatus),
      work: work.ok ? work.value : text(m.work),
    },
  };
}
