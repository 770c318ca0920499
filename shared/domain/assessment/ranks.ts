/**
 * Competition ranking ("1224"): higher totals first; equal totals (to two
 * decimals) share a rank and the next rank skips, so 95, 90, 90, 85 rank
 * 1, 2, 2, 4. Blank totals get no rank.
 */
import { hundredths } from './numbers';

export function competitionRanks(totals: readonly (number | null)[]): (number | null)[] {
  const keyed = totals.map(t => (t === null ? null : hundredths(t)));
  const sorted = keyed.filter((k): k is number => k !== null).sort((a, b) => b - a);
  const first = new Map<number, number>();
  sorted.forEach((k, i) => {
    if (!first.has(k)) first.set(k, i + 1);
  });
  return keyed.map(k => (k === null ? null : first.get(k)!));
}
