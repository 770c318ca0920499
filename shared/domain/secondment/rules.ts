/**
 * Rules of secondments (挂职) and village assignments (驻村) that both sides
 * use: the names of batches, the periods a placement occupies and when two
 * overlap, the field checks of the member grid, and the 简历 line a finished
 * secondment adds.
 *
 * Overlap is decided at month granularity on half-open periods [start, end):
 * the month a placement ends is the month the next one may start (a batch
 * ending 2022.03 and the next starting 2022.03 do not overlap; the 简历
 * writes them the same way: 2021.03--2022.03, 2022.03--). An open end runs
 * forever (to date); a placement that starts and ends in the same month still
 * occupies that month. A placement without a start date is not yet dated and
 * overlaps nothing.
 */
import { formatDate, parseDateInput, yearMonthOf } from '../common/dates';
import type { ResumeLine } from '../roster/resume';

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 14 → 十四, 23 → 二十三 (1–99; larger numbers as digits). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 第四批 */
export function defaultBatchName(seq: number): string {
  return `第${chineseNumber(seq)}批`;
}

/** 「京沈对口合作干部交流 第三批」 as messages name a batch. */
export function batchLabel(programme: string, batch: string): string {
  return [programme, batch].filter(Boolean).join(' ');
}

/** Months since year 0 of a canonical date, or null. */
export function monthIndex(canonical: string): number | null {
  const ym = yearMonthOf(canonical);
  return ym ? ym.year * 12 + ym.month - 1 : null;
}

export interface Period {
  /** Canonical; '' = not dated. */
  start: string;
  /** Canonical; '' = open (to date). */
  end: string;
}

/** The half-open month interval a period occupies, or null when it has no start. */
function monthsOf(p: Period): [number, number] | null {
  const s = monthIndex(p.start);
  if (s === null) return null;
  const e = monthIndex(p.end);
  return [s, e === null ? Number.POSITIVE_INFINITY : Math.max(e, s + 1)];
}

export function periodsOverlap(a: Period, b: Period): boolean {
  const x = monthsOf(a);
  const y = monthsOf(b);
  return x !== null && y !== null && x[0] < y[1] && y[0] < x[1];
}

/** （2021.03—2022.03）, （2021.03—至今） */
export function periodText(p: Period): string {
  return `${formatDate(p.start.slice(0, 7)) || '未定'}—${p.end ? formatDate(p.end.slice(0, 7)) : '至今'}`;
}

export type PlacementKind = '挂职' | '驻村';

/** 该干部已在「京沈对口合作干部交流 第三批」挂职（2021.03—2022.03），时间重叠 */
export function overlapMessage(kind: PlacementKind, where: string, period: Period, who = '该干部'): string {
  return `${who}已在「${where}」${kind}（${periodText(period)}），时间重叠`;
}

export type FieldCheck = { ok: true; value: string } | { ok: false; message: string };

/** A date cell of the grid: anything parseDateInput reads; stored canonical. */
export function checkDateCell(raw: unknown): FieldCheck {
  if (raw === null || raw === undefined) return { ok: true, value: '' };
  const parsed = parseDateInput(typeof raw === 'string' ? raw.trim() : raw);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message };
}

/** A text cell: trimmed, at most `max` characters. */
export function checkTextCell(raw: unknown, max = 200): FieldCheck {
  const value = raw === null || raw === undefined ? '' : String(raw).trim();
  return value.length > max ? { ok: false, message: `不能超过 ${max} 个字` } : { ok: true, value };
}

/** One of a code list (blank allowed when the list has ''). */
export function checkChoiceCell(raw: unknown, allowed: readonly string[]): FieldCheck {
  const value = raw === null || raw === undefined ? '' : String(raw).replace(/\s/g, '');
  if (allowed.includes(value)) return { ok: true, value };
  return { ok: false, message: `应为 ${allowed.filter(Boolean).join('、')} 之一${allowed.includes('') ? '（或留空）' : ''}，不能是「${value}」` };
}

/** Start must not be after end (both canonical, either may be ''). */
export function checkPeriodOrder(start: string, end: string): string | null {
  const s = monthIndex(start);
  const e = monthIndex(end);
  return s !== null && e !== null && e < s ? `结束时间 ${formatDate(end)} 早于开始时间 ${formatDate(start)}` : null;
}

/**
 * The 简历 line of a finished secondment: '2023.03--2024.03  挂任北京市××区××局副局长'.
 * Null when the period has no start or the host post is unknown.
 */
export function secondmentResumeLine(m: { startDate: string; endDate: string; hostUnit: string; hostPost: string }): ResumeLine | null {
  const start = m.startDate.slice(0, 7);
  const end = m.endDate.slice(0, 7);
  if (monthIndex(start) === null || (end !== '' && monthIndex(end) === null)) return null;
  const unit = m.hostUnit.trim();
  const post = m.hostPost.trim();
  if (!unit && !post) return null;
  // A post already written with its unit ('北京市××区××局副局长') is not prefixed twice.
  const where = unit && post.startsWith(unit) ? post : unit + post;
  return { start, end, text: `挂任${where}`, notes: [] };
}
