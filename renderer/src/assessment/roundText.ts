/** Round settings in words, for lists and the round page's summary line. */
import { ROUND_GROUPING_LABELS, type Round } from '../../../shared/contract/api';
import { formatNumber } from '../../../shared/domain/assessment/numbers';

export function roundSummary(r: Round): string {
  const t = r.thresholds;
  return [
    `优秀 ≥ ${formatNumber(t.excellent)}、称职 ≥ ${formatNumber(t.competent)}、基本称职 ≥ ${formatNumber(t.basic)}`,
    `优秀比例 ${r.quotaPercent}%（${r.rounding}）`,
    ROUND_GROUPING_LABELS[r.grouping],
  ].join('；');
}
