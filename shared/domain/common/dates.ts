/**
 * Dates as cadre sheets write them. Stored canonically as 'YYYY-MM' (year-month, what
 * the appointment form records) or 'YYYY-MM-DD' (only when a day was given); shown
 * the way users write them: '1985.03' / '1985.03.12'.
 */

export type DateParse = { ok: true; value: string; ambiguous?: string } | { ok: false; message: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const MAX_EXCEL_SERIAL = 2958465; // 9999-12-31
const DAY_MS = 86_400_000;

const CANONICAL = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})?$/; // 198503, 19850312
const YEAR_MONTH = /^(\d{4})[.\-/年](\d{1,2})月?$/; // 1985.3, 1985-03, 1985/3, 1985年3月
const FULL_DATE = /^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$/; // 1985.03.12, 1985-3-1, 1985年3月12日

const pad2 = (n: number) => String(n).padStart(2, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Full-width ASCII (１９８５．０３, ／, －) to half-width, and no whitespace at all. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, '');
}

/** Range-checks the parts; `shown` is the raw input quoted back to the user. */
function build(shown: string, year: number, month: number, day?: number): DateParse {
  const fail = (why: string): DateParse => ({ ok: false, message: `无法识别的日期「${shown}」（${why}）` });
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
  if (month < 1 || month > 12) return fail('月份应在 1–12 之间');
  const ym = `${year}-${pad2(month)}`;
  if (day === undefined) return { ok: true, value: ym };
  if (day < 1 || day > daysInMonth(year, month)) return fail(`${year} 年 ${month} 月没有 ${day} 日`);
  return { ok: true, value: `${ym}-${pad2(day)}` };
}

function parseText(raw: string): DateParse {
  const s = halfWidth(raw);
  if (s === '') return { ok: true, value: '' };
  const m = COMPACT.exec(s) ?? FULL_DATE.exec(s) ?? YEAR_MONTH.exec(s);
  if (!m) return { ok: false, message: `无法识别的日期「${raw.trim()}」` };
  return build(raw.trim(), Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
}

/**
 * Excel serial → date. Serial 1 is 1900-01-01, and Excel believes in a 1900-02-29
 * (serial 60, a Lotus 1-2-3 bug it kept), so later serials are one day ahead.
 */
function parseSerial(serial: number, shown: string): DateParse {
  if (serial === 60) return { ok: false, message: `无法识别的日期「${shown}」（Excel 日期序号 60 对应并不存在的 1900-02-29）` };
  const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + serial * DAY_MS);
  return build(shown, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function parseNumber(n: number): DateParse {
  const shown = String(n);
  if (!Number.isFinite(n)) return { ok: false, message: `无法识别的日期「${shown}」` };
  if (Number.isInteger(n)) {
    // 198503 / 19850312 typed into a cell become numbers; no serial that large is in range.
    if (COMPACT.test(shown)) return parseText(shown);
    if (n < 1 || n > MAX_EXCEL_SERIAL) return { ok: false, message: `无法识别的日期「${shown}」` };
    const parsed = parseSerial(n, shown);
    // A bare year such as 1985 is also a valid serial (1905-06-07); say so rather than guess.
    if (parsed.ok && n >= MIN_YEAR && n <= MAX_YEAR) {
      return { ...parsed, ambiguous: `「${shown}」按 Excel 日期序号解读为 ${formatDate(parsed.value)}；如果这是年份，请补全月份` };
    }
    return parsed;
  }
  // 1985.03 typed as a number: String() gives the shortest form, so '1985.1' may have been
  // typed as 1985.10 (Excel drops the trailing zero). Only '.1' is ambiguous: 1985.20–.90 are no months.
  const m = /^(\d{4})\.(\d{1,2})$/.exec(shown);
  if (!m) return { ok: false, message: `无法识别的日期「${shown}」` };
  const parsed = build(shown, Number(m[1]), Number(m[2]));
  if (parsed.ok && m[2] === '1') return { ...parsed, ambiguous: `可能是 ${m[1]}.10 被 Excel 存成了 ${shown}，请核对` };
  return parsed;
}

/**
 * Date-only cells arrive as UTC midnight (ExcelJS) or local midnight (SheetJS); reading
 * UTC parts for the former and local parts otherwise gives the intended day in every zone.
 */
function parseDateObject(d: Date): DateParse {
  if (Number.isNaN(d.getTime())) return { ok: false, message: '无法识别的日期「Invalid Date」' };
  const utcMidnight = d.getTime() % DAY_MS === 0;
  return utcMidnight
    ? build(d.toISOString().slice(0, 10), d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
    : build(todayCanonical(d), d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** Parses anything a sheet cell or a user may hold into the canonical form ('' = no date). */
export function parseDateInput(raw: unknown): DateParse {
  if (raw === null || raw === undefined) return { ok: true, value: '' };
  if (typeof raw === 'string') return parseText(raw);
  if (typeof raw === 'number') return parseNumber(raw);
  if (raw instanceof Date) return parseDateObject(raw);
  return { ok: false, message: `无法识别的日期「${String(raw)}」` };
}

/**
 * A 年月 field (出生年月, 入党, 参加工作, 任现职, 任现职级, family births): anything
 * parseDateInput reads, stored as year-month. A day in the source is dropped: the form and
 * every roster show year.month, and the ID number keeps the full birth date.
 */
export function parseYearMonth(raw: unknown): DateParse {
  const parsed = parseDateInput(raw);
  return parsed.ok && parsed.value.length > 7 ? { ...parsed, value: parsed.value.slice(0, 7) } : parsed;
}

/** '1985-03' → '1985.03', '1985-03-12' → '1985.03.12'; anything else unchanged. */
export function formatDate(canonical: string): string {
  return CANONICAL.test(canonical) ? canonical.replaceAll('-', '.') : canonical;
}

export function yearMonthOf(canonical: string): { year: number; month: number } | null {
  const m = CANONICAL.exec(canonical);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

/** Today (or `d`) as 'YYYY-MM-DD' in local time: the user's calendar, not UTC's. */
export function todayCanonical(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** This month (or `d`'s) as 'YYYY-MM': the default date of an event, a recall, a return. */
export function thisMonthCanonical(d: Date = new Date()): string {
  return todayCanonical(d).slice(0, 7);
}

/** '1985-03' or '1985-03-12' → '198503' (the .lrmx ChuShengNianYue form); anything else unchanged. */
export function compactYearMonth(canonical: string): string {
  return CANONICAL.test(canonical) ? canonical.slice(0, 4) + canonical.slice(5, 7) : canonical;
}

/** '1985-03-12' → '19850312', '1985-03' → '198503'; anything else unchanged. */
export function compactDate(canonical: string): string {
  return CANONICAL.test(canonical) ? canonical.replaceAll('-', '') : canonical;
}
