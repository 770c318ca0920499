/**
 * Rules of one cadre event (职务变动): what it needs, whether it opens a 试用期
 * and when that ends, and what the cadre's 现任职务 becomes.
 */
import { daysInMonth, formatDate } from '../common/dates';
import { leadershipOrder } from '../roster/codes';
import { isLeaving, type EventKind } from './kinds';

/** How long a 试用期 runs (《党政领导干部选拔任用工作条例》: one year). */
export const PROBATION_YEARS = 1;

/**
 * Posts filled by election (选任制), which carry no 试用期: local Party committee
 * secretaries, deputies and standing members (not a 党组, which is appointed), the
 * heads of 人大常委会 and 政协, government heads and deputies (区长, 副县长, 镇长…)
 * and the 监委主任. A hint for the dialog's default; the user decides.
 */
const ELECTED_POST = /(?<!党组副?)书记|常委(?!会)|人大常委会(?:副)?主任|政协.*(?:副)?主席|(?<![局处科室])(?:区|县|市|乡|镇|州|旗)长|监察委员会主任|监委主任/;

export function looksElected(post: string): boolean {
  return ELECTED_POST.test(post.replace(/\s+/g, ''));
}

/** 县处级副职 or above (正厅, 副厅, 正处, 副处). */
export function atLeastCountyLevel(level: string): boolean {
  const i = leadershipOrder(level);
  return i >= 0 && i <= leadershipOrder('副处');
}

/**
 * The dialog's default: a 试用期 opens when a non-elected post at 县处级 or above
 * is taken by promotion (提任).
 */
export function probationByDefault(e: { kind: EventKind; leadershipLevel: string; post: string }): boolean {
  return e.kind === '提任' && atLeastCountyLevel(e.leadershipLevel) && !looksElected(e.post);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * When a 试用期 that starts on `date` ends: one year later. A day-precise start
 * ends the day before its anniversary (2026.11.06 → 2027.11.05; a 29 February
 * start → 28 February); a month-precise start ends in the same month a year
 * later (2026.11 → 2027.11).
 */
export function probationEnd(date: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!m) throw new RangeError(`probation start must be canonical: ${date}`);
  const year = Number(m[1]) + PROBATION_YEARS;
  const month = Number(m[2]);
  if (m[3] === undefined) return `${year}-${m[2]}`;
  // The anniversary (1 March when 29 February has none), then the day before.
  const day = Number(m[3]);
  const anniversary = day > daysInMonth(year, month) ? new Date(Date.UTC(year, month, 1)) : new Date(Date.UTC(year, month - 1, day));
  const end = new Date(anniversary.getTime() - 86_400_000);
  return `${end.getUTCFullYear()}-${pad2(end.getUTCMonth() + 1)}-${pad2(end.getUTCDate())}`;
}

/** The parts of a 现任职务 text: '区委常委、常务副区长' → ['区委常委', '常务副区长']. */
function postParts(post: string): string[] {
  return post
    .split(/[、，,；;]/)
    .map(p => p.trim())
    .filter(Boolean);
}

/**
 * The 现任职务 after 免 `removed`: the part(s) naming it taken out ('区委常委、常务副区长'
 * 免 '常务副区长' → '区委常委'); the whole text when it is exactly the removed post.
 */
export function postWithout(current: string, removed: string): string {
  const r = removed.trim();
  if (!r) return current;
  if (current.trim() === r) return '';
  const parts = postParts(current);
  const kept = parts.filter(p => p !== r && !r.endsWith(p) && !p.endsWith(r));
  return kept.length === parts.length ? current : kept.join('、');
}

export interface EventDraft {
  kind: EventKind;
  /** Canonical 'YYYY-MM' or 'YYYY-MM-DD'. */
  date: string;
  post: string;
  removedPost: string;
  rank: string;
}

/** What an event must name, as Chinese sentences (empty when it is complete). */
export function eventProblems(e: EventDraft): string[] {
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(e.date)) problems.push('请填写时间（如 2026.11 或 2026.11.06）');
  if (['任职', '提任', '调任', '转任', '轮换'].includes(e.kind) && !e.post.trim()) problems.push(`${e.kind}须填写所任职务`);
  if (e.kind === '挂职锻炼' && !e.post.trim()) problems.push('挂职锻炼须填写挂职单位及职务');
  if (e.kind === '免职' && !e.removedPost.trim()) problems.push('免职须填写所免职务');
  if (e.kind === '职级晋升' && !e.rank.trim()) problems.push('职级晋升须填写晋升后的职级');
  return problems;
}

/** One line for lists and messages: '2026.11 提任 区发改局局长（免 区发改局副局长）'. */
export function describeEvent(e: { kind: string; date: string; post: string; removedPost: string; rank: string }): string {
  const what = isLeaving(e.kind)
    ? ''
    : e.kind === '职级晋升'
      ? e.rank
      : [e.post, e.removedPost && (e.post ? `（免 ${e.removedPost}）` : e.removedPost)].filter(Boolean).join('');
  return [formatDate(e.date), e.kind, what].filter(Boolean).join(' ');
}
