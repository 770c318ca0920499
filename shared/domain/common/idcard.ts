/**
 * 公民身份号码 (GB 11643-1999): the one home of the ID-number rules.
 */
import { daysInMonth, formatDate, todayCanonical } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of an 18-digit number. */
export function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export interface IdInfo {
  kind: 18 | 15;
  /** Canonical YYYY-MM-DD. */
  birth: string;
  gender: '男' | '女';
}

export type IdParse = { ok: true; id: string; info: IdInfo } | { ok: false; message: string };

/** Trimmed, no spaces, full-width digits/letters half-width, x upper-cased. */
export function normalizeIdNumber(raw: string): string {
  // Most numbers are already clean; a package or a roster holds thousands.
  if (typeof raw === 'string' && /^[\dX]*$/.test(raw)) return raw;
  return String(raw ?? '')
    .replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, '')
    .toUpperCase();
}

/**
 * True when Excel has stored an ID as a number: a JS number of 15+ digits, or the text
 * Excel shows for one ("2.10102E+17"). Past 15 significant digits Excel keeps zeros, so
 * such a cell must be reported as an error, never read as an ID.
 */
export function looksLikeNumericId(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) >= 1e14;
  if (typeof value !== 'string' || !/[eEｅＥ]/.test(value)) return false;
  const m = /^\d(?:\.\d+)?E\+?(\d+)$/.exec(normalizeIdNumber(value));
  return m !== null && Number(m[1]) >= 14;
}

/** YYYY-MM-DD when the digits are a real date between 1900-01-01 and `today`. */
function birthFrom(yyyymmdd: string, today: Date): string | null {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const birth = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return birth <= todayCanonical(today) ? birth : null;
}

/** Validates an 18-digit (or legacy 15-digit) number; the id comes back normalised. */
export function parseIdNumber(raw: string, today: Date = new Date()): IdParse {
  const id = normalizeIdNumber(raw);
  if (id === '') return { ok: false, message: '身份证号为空' };
  if (looksLikeNumericId(id)) {
    return { ok: false, message: `身份证号被 Excel 存成了数字（${id}），末尾几位已丢失，请把该列设为文本后重新填写` };
  }
  if (id.length !== 18 && id.length !== 15) {
    return { ok: false, message: `身份证号应为 18 位（或 15 位旧号码），现为 ${id.length} 位` };
  }
  const kind = id.length === 18 ? 18 : 15;
  if (kind === 18 ? !/^\d{17}[\dX]$/.test(id) : !/^\d{15}$/.test(id)) {
    return { ok: false, message: kind === 18 ? '身份证号前 17 位应为数字，最后一位应为数字或 X' : '15 位旧身份证号应全部为数字' };
  }
  // Legacy numbers carry YYMMDD of a 19xx birth and no check digit.
  const digits = kind === 18 ? id.slice(6, 14) : '19' + id.slice(6, 12);
  const birth = birthFrom(digits, today);
  if (!birth) return { ok: false, message: `身份证号中的出生日期无效（${digits}）` };
  if (kind === 18) {
    const expected = idCheckChar(id);
    if (id[17] !== expected) return { ok: false, message: `身份证号校验位错误（应为 ${expected}）` };
  }
  const genderDigit = Number(id[kind === 18 ? 16 : 14]);
  return { ok: true, id, info: { kind, birth, gender: genderDigit % 2 === 1 ? '男' : '女' } };
}

/**
 * True when an 18-digit number's birth digits (7–14) and sex digit (17) already agree with the
 * record: then checkIdAgainstRecord has nothing to say, valid number or not.
 */
function digitsAgree(id: string, record: { birth?: string; gender?: string }): boolean {
  if (id.length !== 18) return false;
  const birth = record.birth ?? '';
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(birth) && !id.startsWith(birth.replaceAll('-', ''), 6)) return false;
  const gender = record.gender?.trim();
  return (gender !== '男' && gender !== '女') || Number(id[16]) % 2 === (gender === '男' ? 1 : 0);
}

/**
 * Where a valid ID disagrees with the record's 出生年月 (compared to the day only when the
 * record has one) or 性别. An unparseable ID yields nothing here: parseIdNumber reports it.
 */
export function checkIdAgainstRecord(id: string, record: { birth?: string; gender?: string }): string[] {
  if (digitsAgree(id, record)) return []; // most records: no need to validate the number
  const parsed = parseIdNumber(id);
  if (!parsed.ok) return [];
  const { birth, gender } = parsed.info;
  const problems: string[] = [];
  const recordBirth = record.birth?.trim() ?? '';
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(recordBirth) && birth.slice(0, recordBirth.length) !== recordBirth) {
    problems.push(`身份证号中的出生日期 ${birth} 与出生年月 ${formatDate(recordBirth)} 不一致`);
  }
  const recordGender = record.gender?.trim();
  if ((recordGender === '男' || recordGender === '女') && recordGender !== gender) {
    problems.push(`身份证号显示性别为${gender}，与记录的性别${recordGender}不一致`);
  }
  return problems;
}

/**
 * 出生年月 (year-month, as the form records it) and 性别 that a valid ID gives, for
 * those the record leaves blank; nothing when the ID is not valid.
 */
export function fillFromIdNumber(id: string, record: { birth?: string; gender?: string }): { birth?: string; gender?: '男' | '女' } {
  const parsed = parseIdNumber(id);
  if (!parsed.ok) return {};
  const out: { birth?: string; gender?: '男' | '女' } = {};
  if (!record.birth?.trim()) out.birth = parsed.info.birth.slice(0, 7);
  if (!record.gender?.trim()) out.gender = parsed.info.gender;
  return out;
}

/**
 * A valid 18-digit number for demo data and tests. The last sequence digit is nudged to
 * the gender's parity. The birth is not calendar-checked, so tests can build invalid dates.
 */
export function makeIdNumber(areaCode6: string, birth: string, seq3: number, gender: '男' | '女'): string {
  if (!/^\d{6}$/.test(areaCode6)) throw new RangeError(`areaCode6 must be 6 digits: ${areaCode6}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birth)) throw new RangeError(`birth must be YYYY-MM-DD: ${birth}`);
  if (!Number.isInteger(seq3) || seq3 < 0 || seq3 > 999) throw new RangeError(`seq3 must be 0–999: ${seq3}`);
  const seq = seq3 - (seq3 % 2) + (gender === '男' ? 1 : 0);
  const body = areaCode6 + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  return body + idCheckChar(body);
}
