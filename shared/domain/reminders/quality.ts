/**
 * Data-quality review (干部人事档案专项审核, "三龄两历": age, 党龄, 工龄, 学历, 经历): the
 * contradictions one cadre's record can hold, each naming the fields and their values.
 * Pure and per record, so the service checks the whole roster in one pass.
 */
import { completedAge } from '../common/age';
import { formatDate, yearMonthOf } from '../common/dates';
import { checkIdAgainstRecord } from '../common/idcard';
import { fieldLabel } from '../roster/fields';
import { parseResume, renderResume, type ResumeLine } from '../roster/resume';

export const QUALITY_KINDS = [
  '参加工作早于16岁',
  '入党早于18岁',
  '身份证号与出生年月不符',
  '身份证号与性别不符',
  '简历时间重叠',
  '简历时间断档',
  '简历格式有误',
  '任现职时间与简历不符',
  '学历时间早于入学年龄',
] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

/** The legal minimum working age (劳动法) and the Party's minimum age (党章). */
export const MIN_WORK_AGE = 16;
export const MIN_PARTY_AGE = 18;
/** Compulsory schooling starts at 6; nobody starts 大学 or above before 15 (少年班 included). */
export const SCHOOL_AGE = 6;
export const COLLEGE_AGE = 15;
/** Months unaccounted for between two 简历 lines before it counts as 断档 (graduating in July and starting in September is not one). */
export const RESUME_GAP_MONTHS = 3;

/** The fields of a record the review reads (canonical dates). */
export interface QualityRecord {
  birth: string;
  gender: string;
  idNumber: string;
  partyDate: string;
  workDate: string;
  postDate: string;
  resume: string;
}
export type QualityFieldKey = keyof QualityRecord;

export interface QualityField {
  key: QualityFieldKey;
  /** The Chinese label (shared/domain/roster/fields.ts). */
  label: string;
  /** As shown: dates as 1985.03, a 简历 finding quotes its lines. */
  value: string;
}

export interface QualityFinding {
  kind: QualityKind;
  fields: QualityField[];
  detail: string;
}

const DATE_KEYS = new Set<QualityFieldKey>(['birth', 'partyDate', 'workDate', 'postDate']);
const STUDY = /学习|就读|读书|求学/;
const SECONDMENT = /挂任|挂职/;
const COLLEGE = /大学|学院|大专|专科|本科|研究生|硕士|博士|党校/;

function field(r: QualityRecord, key: QualityFieldKey, value?: string): QualityField {
  return { key, label: fieldLabel(key), value: value ?? (DATE_KEYS.has(key) ? formatDate(r[key]) : r[key]) };
}

/** A 简历 line's month ('YYYY-MM', as parseResume gives it) as year * 12 + month - 1, without a regex: this runs for every line of the roster. */
const lineMonth = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

function resumePair(r: QualityRecord, kind: QualityKind, a: ResumeLine, b: ResumeLine, what: string): QualityFinding {
  const [x, y] = [lineText(a), lineText(b)];
  return { kind, fields: [field(r, 'resume', `${x}\n${y}`)], detail: `「${x}」与「${y}」${what}` };
}

const lineText = (l: ResumeLine) => renderResume([{ ...l, notes: [] }]).replace(/\s{2,}/g, ' ');

/** Age at `date`; -1 when the date precedes the birth month; null when either is unknown. */
function ageAt(birth: string, date: string): number | null {
  const age = completedAge(birth, date);
  if (age !== null) return age;
  return yearMonthOf(birth) && yearMonthOf(date) ? -1 : null;
}

const ageWords = (age: number) => (age < 0 ? '尚未出生' : `年仅 ${age} 岁`);

function ageChecks(r: QualityRecord, out: QualityFinding[]): void {
  const work = ageAt(r.birth, r.workDate);
  if (work !== null && work < MIN_WORK_AGE) {
    out.push({
      kind: '参加工作早于16岁',
      fields: [field(r, 'workDate'), field(r, 'birth')],
      detail: `参加工作时间 ${formatDate(r.workDate)} 时${ageWords(work)}（出生年月 ${formatDate(r.birth)}）`,
    });
  }
  // 入党时间 may hold a democratic party's name instead of a date: only a date is checked.
  const party = ageAt(r.birth, r.partyDate);
  if (party !== null && party < MIN_PARTY_AGE) {
    out.push({
      kind: '入党早于18岁',
      fields: [field(r, 'partyDate'), field(r, 'birth')],
      detail: `入党时间 ${formatDate(r.partyDate)} 时${ageWords(party)}（出生年月 ${formatDate(r.birth)}）`,
    });
  }
}

function idChecks(r: QualityRecord, out: QualityFinding[]): void {
  if (!r.idNumber || checkIdAgainstRecord(r.idNumber, r).length === 0) return;
  // Asked once more per field, only for the few that disagree, to tell which field it is.
  for (const [kind, key] of [
    ['身份证号与出生年月不符', 'birth'],
    ['身份证号与性别不符', 'gender'],
  ] as const) {
    const [problem] = checkIdAgainstRecord(r.idNumber, { [key]: r[key] });
    if (problem) out.push({ kind, fields: [field(r, key), field(r, 'idNumber')], detail: problem });
  }
}

function resumeChecks(r: QualityRecord, out: QualityFinding[]): void {
  if (!r.resume.trim()) return;
  const { lines, problems } = parseResume(r.resume);
  if (problems.length) {
    out.push({
      kind: '简历格式有误',
      fields: [field(r, 'resume', problems.map(p => `第 ${p.line} 行`).join('、'))],
      detail: problems.map(p => `第 ${p.line} 行：${p.message}`).join('；'),
    });
    return; // a dropped line would show as a gap
  }
  // A 挂职 line may overlap the post held at home; the cover of all lines so far decides gaps.
  let main: { line: ResumeLine; end: number } | null = null;
  let cover: { line: ResumeLine; end: number } | null = null;
  for (const b of lines) {
    const start = lineMonth(b.start);
    const secondment = SECONDMENT.test(b.text);
    if (main && !secondment && start < main.end) {
      out.push(resumePair(r, '简历时间重叠', main.line, b, '时间重叠'));
    } else if (cover && start - cover.end - 1 >= RESUME_GAP_MONTHS) {
      out.push(resumePair(r, '简历时间断档', cover.line, b, `之间空缺 ${start - cover.end - 1} 个月`));
    }
    const end = b.end ? lineMonth(b.end) : Number.POSITIVE_INFINITY;
    if (!secondment && (!main || end >= main.end)) main = { line: b, end };
    if (!cover || end >= cover.end) cover = { line: b, end };
  }
  const post = yearMonthOf(r.postDate) ? r.postDate.slice(0, 7) : '';
  if (post && lines.length && !lines.some(l => l.start === post)) {
    const current = lines.find(l => l.end === '');
    out.push({
      kind: '任现职时间与简历不符',
      fields: [field(r, 'postDate'), field(r, 'resume', current ? lineText(current) : '')],
      detail: `任现职时间 ${formatDate(post)}，简历中没有从该月开始的经历${current ? `（至今一行为「${lineText(current)}」）` : ''}`,
    });
  }
  for (const l of lines) {
    if (!STUDY.test(l.text)) continue;
    const age = ageAt(r.birth, l.start);
    const min = COLLEGE.test(l.text) ? COLLEGE_AGE : SCHOOL_AGE;
    if (age !== null && age < min) {
      out.push({
        kind: '学历时间早于入学年龄',
        fields: [field(r, 'resume', lineText(l)), field(r, 'birth')],
        detail: `「${lineText(l)}」开始时${ageWords(age)}（出生年月 ${formatDate(r.birth)}）`,
      });
    }
  }
}

/** Every contradiction in one record, in the order of QUALITY_KINDS' groups. */
export function reviewRecord(r: QualityRecord): QualityFinding[] {
  const out: QualityFinding[] = [];
  ageChecks(r, out);
  idChecks(r, out);
  resumeChecks(r, out);
  return out;
}
