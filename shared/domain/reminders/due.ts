/**
 * What falls due (工作提醒): the rules that turn a cadre's dates into reminders for a
 * reference date and a horizon. The service reads the rows in one pass and asks these.
 *
 * An item is listed when it falls due between the reference date and the end of the
 * horizon. Items already past due (逾期) are listed only while the obligation is still
 * open and visible in the data: past retirement age and still in the roster, 10 years in
 * the same post and not moved, a secondment past its end and still 在岗, an assessment
 * round past its period and not finalised. Passing a 5-year mark, a probation end or a
 * promotion minimum is a moment, not a standing duty, so those show only in the horizon.
 *
 * Dates are canonical ('YYYY-MM' or 'YYYY-MM-DD'); a month-precision date is due for the
 * whole of that month.
 */
import { retirementBaseAge, retirementDate } from '../common/age';
import { daysInMonth, formatDate, yearMonthOf } from '../common/dates';
import { rankOrder, RANKS } from '../roster/codes';
import { monthIndex } from '../secondment/rules';

/** In the order a clerk reads them when two fall due in the same month. */
export const REMINDER_KINDS = ['到龄退休', '试用期满', '任职满10年', '任职满5年', '职级晋升', '挂职期满', '考核未完成'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const DEFAULT_HORIZON_MONTHS = 12;
export const MAX_HORIZON_MONTHS = 120;

/** The window: from the reference date to the end of the horizon, both canonical 'YYYY-MM-DD'. */
export interface Horizon {
  ref: string;
  until: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Month index → 'YYYY-MM'. */
const monthText = (index: number) => `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;

/** The month `months` after a canonical date's month, as 'YYYY-MM' ('' for an unreadable date). */
export function monthsAfter(canonical: string, months: number): string {
  const at = monthIndex(canonical);
  return at === null ? '' : monthText(at + months);
}

/** The reference date and `months` later (the day kept, or the month's last day: 08-31 + 6 → 02-28). */
export function horizonOf(ref: string, months: number): Horizon {
  const start = yearMonthOf(ref);
  const day = Number(ref.slice(8, 10));
  if (!start || !/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new RangeError(`reference date must be YYYY-MM-DD: ${ref}`);
  const end = monthsAfter(ref, months);
  const last = daysInMonth(Number(end.slice(0, 4)), Number(end.slice(5, 7)));
  return { ref, until: `${end}-${pad2(Math.min(day, last))}` };
}

/**
 * Where a due date stands in the window, compared at its own precision (a month is due all
 * month): 'overdue' before the reference, 'due' up to the end of the horizon, else null.
 */
export function dueStatus(due: string, h: Horizon): 'overdue' | 'due' | null {
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(due)) return null;
  const n = due.length;
  if (due < h.ref.slice(0, n)) return 'overdue';
  return due <= h.until.slice(0, n) ? 'due' : null;
}

/** One reminder as the rules see it; the service adds who it is about. */
export interface DueItem {
  kind: ReminderKind;
  due: string;
  overdue: boolean;
  detail: string;
}

/** Past-due first, then by due date, then by kind. */
export function compareDue(a: DueItem, b: DueItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  return REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind);
}

const retiringBirths = new WeakMap<Horizon, string>();

/** Nobody retires before the lowest base age (55): anyone born after this month is not due by the horizon's end. */
function latestRetiringBirth(h: Horizon): string {
  let month = retiringBirths.get(h);
  if (month === undefined) {
    month = monthsAfter(h.until, -12 * Math.min(retirementBaseAge('男'), retirementBaseAge('女')));
    retiringBirths.set(h, month);
  }
  return month;
}

/**
 * 到龄退休 by the 2025 reform table (common/age.ts): men from 60, women cadres from 55,
 * delayed by the month of the original retirement date. Past it and still in the roster is 逾期.
 */
export function retirementDue(c: { birth: string; gender: string }, h: Horizon): DueItem | null {
  if (c.gender !== '男' && c.gender !== '女') return null;
  if (c.birth.slice(0, 7) > latestRetiringBirth(h)) return null; // most of a roster: no need to work it out
  const base = retirementBaseAge(c.gender);
  const due = retirementDate(c.birth, c.gender, base);
  const status = due ? dueStatus(due, h) : null;
  if (!status) return null;
  const delay = monthIndex(due)! - (monthIndex(c.birth)! + base * 12);
  const why = `${formatDate(c.birth.slice(0, 7))} 出生，${c.gender}，法定退休年龄 ${base} 岁${delay > 0 ? `，按渐进式延迟退休推迟 ${delay} 个月` : ''}`;
  return { kind: '到龄退休', due, overdue: status === 'overdue', detail: status === 'overdue' ? `${why}；已到龄，仍在名册中` : why };
}

/** 试用期满: a decided event's probation end within the horizon (an end already passed is not tracked). */
export function probationDue(e: { probationEnd: string; kind: string; date: string; post: string }, h: Horizon): DueItem | null {
  if (dueStatus(e.probationEnd, h) !== 'due') return null;
  const what = [formatDate(e.date), e.kind, e.post].filter(Boolean).join(' ');
  return { kind: '试用期满', due: e.probationEnd, overdue: false, detail: `${what}，试用期 ${formatDate(e.probationEnd)} 期满` };
}

/** The event kinds that put a cadre in a post (with its post text); the others leave the post as it was. */
export const POST_EVENT_KINDS = ['任职', '提任', '调任', '转任', '轮换'] as const;

/** A recorded event that put the cadre in a post (POST_EVENT_KINDS), in date order. */
export interface PostEvent {
  date: string;
  unitId: number | null;
  post: string;
}

/**
 * The month the cadre began the current post. The events count back to the last change of
 * unit or post: a transfer or a new post restarts the count, a re-appointment to the same post
 * (same unit, same post text) does not. 任现职时间 wins only when it is later than every event
 * (the post was changed by hand since). '' when neither says.
 */
export function currentPostStart(postDate: string, events: readonly PostEvent[]): string {
  const stated = yearMonthOf(postDate) ? postDate.slice(0, 7) : '';
  if (events.length === 0) return stated;
  let start = events[0].date.slice(0, 7);
  for (let i = 1; i < events.length; i++) {
    const [a, b] = [events[i - 1], events[i]];
    if (a.unitId !== b.unitId || a.post.trim() !== b.post.trim()) start = b.date.slice(0, 7);
  }
  const last = events[events.length - 1].date.slice(0, 7);
  return stated > last ? stated : start;
}

/**
 * 任职满10年 (must rotate: 《党政领导干部交流工作规定》; past it is 逾期) or, short of that,
 * 任职满5年 (key posts should rotate) falling due within the horizon. The rule is about
 * leaders: a cadre with a 领导职务层次.
 */
export function tenureDue(c: { leadershipLevel: string; start: string }, h: Horizon): DueItem | null {
  if (!c.leadershipLevel.trim() || !yearMonthOf(c.start)) return null;
  const since = `${formatDate(c.start)} 起任现职`;
  const ten = monthsAfter(c.start, 120);
  const tenStatus = dueStatus(ten, h);
  if (tenStatus) {
    const overdue = tenStatus === 'overdue';
    return { kind: '任职满10年', due: ten, overdue, detail: `${since}，${overdue ? '已' : '将'}满 10 年，应当交流` };
  }
  const five = monthsAfter(c.start, 60);
  if (dueStatus(five, h) !== 'due') return null;
  return { kind: '任职满5年', due: five, overdue: false, detail: `${since}，将满 5 年，重要岗位宜交流` };
}

/** Grades that let a year count toward the minimum years in a rank. */
export const COUNTING_GRADES: ReadonlySet<string> = new Set(['优秀', '称职']);

/** The rank above and the minimum years in this one: 一级科员 3 years, each step above 2; null at the top, for 二级科员 and unknown ranks. */
export function promotionStep(rank: string): { next: string; years: number } | null {
  return PROMOTION_STEPS.get(rank) ?? PROMOTION_STEPS.get(RANKS[rankOrder(rank)]?.name) ?? null;
}

/** Each rank's step, by name (asked for every cadre of the roster). */
const PROMOTION_STEPS = new Map(
  RANKS.slice(1)
    .filter(r => r.name !== '二级科员')
    .map((r, i) => [r.name, { next: RANKS[i].name, years: r.name === '一级科员' ? 3 : 2 }]),
);

/**
 * 职级晋升: the month the minimum years in the current rank are served, within the horizon.
 * The years counted are the annual assessments from the year of 任现职级时间 on, one per
 * required year; a year graded 基本称职 or 不定等次 does not count and adds a year; a year graded
 * 不称职 rules the promotion out. `grades` needs only the years graded below 称职: a year graded
 * 称职 or 优秀, or not yet graded, counts.
 */
export function promotionDue(c: { rank: string; rankDate: string }, grades: ReadonlyMap<number, string>, h: Horizon): DueItem | null {
  const step = promotionStep(c.rank);
  const since = yearMonthOf(c.rankDate);
  if (!step || !since) return null;
  const notCounted: string[] = [];
  let needed = step.years;
  for (let year = since.year; year < since.year + needed; year++) {
    const grade = grades.get(year);
    if (grade === '不称职') return null;
    if (grade !== undefined && !COUNTING_GRADES.has(grade)) {
      notCounted.push(`${year} 年度${grade}`);
      needed++;
    }
  }
  const due = monthText(since.year * 12 + since.month - 1 + needed * 12);
  if (dueStatus(due, h) !== 'due') return null;
  const note = notCounted.length ? `（${notCounted.join('、')}，不计入任职年限）` : '';
  return { kind: '职级晋升', due, overdue: false, detail: `${formatDate(c.rankDate.slice(0, 7))} 任${c.rank}，满 ${step.years} 年可晋升${step.next}${note}` };
}

/** 挂职期满: a member still 在岗 whose period ends within the horizon, or has ended (逾期). */
export function secondmentDue(m: { end: string; batch: string; hostUnit: string; hostPost: string }, h: Horizon): DueItem | null {
  const status = dueStatus(m.end, h);
  if (!status) return null;
  const where = m.hostUnit || m.hostPost ? `，挂任${m.hostUnit}${m.hostPost}` : '';
  const overdue = status === 'overdue';
  return { kind: '挂职期满', due: m.end, overdue, detail: `${m.batch}${where}${overdue ? '；已过期满时间，仍为在岗' : ''}` };
}

/** 考核未完成: a round not finalised by the end of its period (the round's year-end when it has none). */
export function roundDue(r: { name: string; set: string; endDate: string; year: number }, h: Horizon): DueItem | null {
  const due = r.endDate || `${r.year}-12`;
  const status = dueStatus(due, h);
  if (!status) return null;
  const overdue = status === 'overdue';
  return {
    kind: '考核未完成',
    due,
    overdue,
    detail: `「${r.set}」${r.name}${overdue ? `考核期已于 ${formatDate(due)} 结束，尚未定等` : `考核期至 ${formatDate(due)}，尚未定等`}`,
  };
}
