/**
 * Shares and rounding as reports print them: 四舍五入 (half away from zero) on
 * the decimal digits, never on binary floating point, so 15/18 → 83.3,
 * 1/8 → 12.5, 2/3 → 66.7, 1/6 → 16.7 and roundHalfUp(1.005, 2) → 1.01
 * (Math.round(1.005 * 100) / 100 gives 1).
 */

/** A finite number or a decimal string as its digits: sign, integer digits, fraction digits. */
function decimalParts(x: number | string): { negative: boolean; digits: string; point: number } {
  const s = typeof x === 'number' ? String(x) : x.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal number: ${s}`);
  const intPart = m[2] || '0';
  const frac = m[3] ?? '';
  // The decimal point sits after `point` digits of `digits` (may be negative or past the end).
  return { negative: m[1] === '-', digits: intPart + frac, point: intPart.length + Number(m[4] ?? 0) };
}

/**
 * Rounds half away from zero to `decimals` places, working on the decimal
 * representation (a number's shortest round-trip form, or the string given).
 */
export function roundHalfUp(x: number | string, decimals = 0): number {
  if (typeof x === 'number' && !Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) throw new RangeError(`decimals must be 0–15: ${decimals}`);
  const { negative, digits, point } = decimalParts(x);
  // Pad so that the kept digits and the one after them exist.
  const padLeft = Math.max(0, 1 - point);
  const padded = '0'.repeat(padLeft) + digits + '0'.repeat(Math.max(0, point + decimals + 1 - digits.length));
  const keep = point + padLeft + decimals;
  let kept = BigInt(padded.slice(0, keep) || '0');
  if (Number(padded[keep] ?? '0') >= 5) kept += 1n;
  const value = Number(kept) / 10 ** decimals;
  return negative && value !== 0 ? -value : value;
}

/**
 * n of d as a percentage rounded half-up to `decimals` places (default one):
 * percent(15, 18) → 83.3. A share of nothing (d = 0) is 0. Integer counts are
 * computed exactly in integers.
 */
export function percent(n: number, d: number, decimals = 1): number {
  if (d === 0) return 0;
  if (Number.isSafeInteger(n) && Number.isSafeInteger(d) && Number.isInteger(decimals) && decimals >= 0 && decimals <= 10) {
    const negative = n < 0 !== d < 0 && n !== 0;
    const num = BigInt(Math.abs(n)) * 100n * 10n ** BigInt(decimals);
    const den = BigInt(Math.abs(d));
    // floor(num / den + 1/2) = floor((2 num + den) / (2 den))
    const q = (2n * num + den) / (2n * den);
    const value = Number(q) / 10 ** decimals;
    return negative ? -value : value;
  }
  return roundHalfUp(String((n * 100) / d), decimals);
}

/** '83.3%' — for plain-text output. */
export function percentText(n: number, d: number, decimals = 1): string {
  return `${percent(n, d, decimals).toFixed(decimals)}%`;
}
