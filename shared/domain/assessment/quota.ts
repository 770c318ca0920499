/**
 * The 优秀 quota: in each group at most `percent`% of those assessed may be
 * 优秀. places = percent × assessed / 100, rounded half up (四舍五入) or up
 * (进一法). Computed on integers (assessed × percent is a whole number of
 * hundredths of a person), so 18 × 20% = 3.6 → 4 / 4, 12 × 20% = 2.4 → 2 / 3,
 * 10 × 25% = 2.5 → 3 / 3, 5 × 20% = 1.0 → 1 / 1 exactly, never 2.4999….
 *
 * Kept here rather than in a general percent helper on purpose: this rule is
 * the one the finalise refusal quotes, so its rounding lives beside its text.
 */
export type Rounding = '四舍五入' | '进一法';

export interface QuotaPlaces {
  /** assessed × percent, in hundredths of a person. */
  product: number;
  /** The exact product as text with at least one decimal: '3.6', '1.0', '1.05'. */
  exact: string;
  places: number;
}

export function quotaPlaces(assessed: number, percent: number, rounding: Rounding): QuotaPlaces {
  if (!Number.isInteger(assessed) || assessed < 0) throw new RangeError(`assessed must be a whole number ≥ 0, got ${assessed}`);
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`percent must be a whole number 0..100, got ${percent}`);
  const product = assessed * percent;
  const places = rounding === '进一法' ? Math.floor((product + 99) / 100) : Math.floor((product + 50) / 100);
  return { product, exact: exactText(product), places };
}

/** Hundredths as a decimal: 360 → '3.6', 100 → '1.0', 105 → '1.05'. */
function exactText(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return `${whole}.0`;
  return frac % 10 === 0 ? `${whole}.${frac / 10}` : `${whole}.${String(frac).padStart(2, '0')}`;
}

export interface QuotaCheck {
  group: string;
  assessed: number;
  quotaPercent: number;
  rounding: Rounding;
  exact: string;
  places: number;
  excellent: number;
  over: number;
  explanation: string;
  message: string | null;
}

/** '18 人 × 20% = 3.6，四舍五入为 4 人' */
export function quotaExplanation(assessed: number, percent: number, rounding: Rounding): string {
  const q = quotaPlaces(assessed, percent, rounding);
  return `${assessed} 人 × ${percent}% = ${q.exact}，${rounding}为 ${q.places} 人`;
}

/**
 * One group's check. The message, when over, names the group and the excess:
 * “正处组优秀 5 人，超出名额 1 人（18 人 × 20% = 3.6，四舍五入为 4 人）”.
 */
export function checkQuota(group: string, assessed: number, excellent: number, percent: number, rounding: Rounding): QuotaCheck {
  const q = quotaPlaces(assessed, percent, rounding);
  const explanation = quotaExplanation(assessed, percent, rounding);
  const over = Math.max(0, excellent - q.places);
  return {
    group,
    assessed,
    quotaPercent: percent,
    rounding,
    exact: q.exact,
    places: q.places,
    excellent,
    over,
    explanation,
    message: over > 0 ? `${group}优秀 ${excellent} 人，超出名额 ${over} 人（${explanation}）` : null,
  };
}
