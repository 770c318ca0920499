/**
 * Ages and retirement (到龄) at month precision, as the appointment form computes them.
 */
import { formatDate, yearMonthOf } from './dates';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Completed age at `ref` (both canonical). Month precision, as the national form does:
 * a birth month equal to the ref month counts as having had the birthday, whatever the days.
 * Null when either date is unknown or ref precedes the birth month.
 */
export function completedAge(birth: string, ref: string): number | null {
  const b = yearMonthOf(birth);
  const r = yearMonthOf(ref);
  if (!b || !r) return null;
  const age = r.year - b.year - (r.month < b.month ? 1 : 0);
  return age < 0 ? null : age;
}

/** '1985.03(40岁)', the form's 出生年月 cell; without a computable age just '1985.03'. */
export function formatBirthWithAge(birth: string, ref: string): string {
  const b = yearMonthOf(birth);
  if (!b) return formatDate(birth);
  const shown = `${b.year}.${pad2(b.month)}`;
  const age = completedAge(birth, ref);
  return age === null ? shown : `${shown}(${age}岁)`;
}

/** '80后' for anyone born 1980–1989, '00后' for 2000–2009; '' when unknown. */
export function generationOf(birth: string): string {
  const b = yearMonthOf(birth);
  return b ? `${pad2(Math.floor((b.year % 100) / 10) * 10)}后` : '';
}

export function retirementBaseAge(gender: '男' | '女', isCadreOrManagement = true): 60 | 55 | 50 {
  if (gender === '男') return 60;
  return isCadreOrManagement ? 55 : 50;
}

const REFORM_START = 2025 * 12; // 2025-01 as a month index (year * 12 + month - 1)

/**
 * 到龄年月 under the 2025 gradual-delay decision (全国人大常委会关于实施渐进式延迟法定退休年龄的决定).
 * The cohort whose original retirement month R falls in 2025-01 is delayed 1 month, and each
 * later `step` months of R add one more, up to the cap: base 60/55 → step 4, cap 36;
 * base 50 → step 2, cap 60. R before 2025-01 is not delayed. Returns '' for an unknown birth.
 * The delay depends on the base age alone; the gender is accepted for call-site clarity only.
 */
export function retirementDate(birth: string, _gender: '男' | '女', baseAge: 60 | 55 | 50): string {
  const b = yearMonthOf(birth);
  if (!b) return '';
  const original = b.year * 12 + b.month - 1 + baseAge * 12;
  const [step, cap] = baseAge === 50 ? [2, 60] : [4, 36];
  const delay = original < REFORM_START ? 0 : Math.min(cap, Math.floor((original - REFORM_START) / step) + 1);
  const at = original + delay;
  return `${Math.floor(at / 12)}-${pad2((at % 12) + 1)}`;
}
