/**
 * Number helpers of the assessment rules. Scores and weights have at most two
 * decimals as people type them; comparisons that decide something (weights
 * summing to 100, ties between totals) are made on integer hundredths so that
 * 0.1 + 0.2 never differs from 0.3.
 */

/** To integer hundredths, half away from zero (the tiny nudge absorbs binary fractions such as 79.99999999999999). */
export function hundredths(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-7);
}

/** Rounded to two decimals, half up: 79.99999999999999 → 80, 83.335 → 83.34. */
export function round2(x: number): number {
  return hundredths(x) / 100;
}

/** As people write it: 95, 92.5, 3.25 (no trailing zeros). */
export function formatNumber(x: number): string {
  return String(round2(x));
}
