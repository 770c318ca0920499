/**
 * The grade a total proposes, from the round's thresholds: total ≥ 优秀线 →
 * 优秀, ≥ 称职线 → 称职, ≥ 基本称职线 → 基本称职, else 不称职. A veto
 * (一票否决) forces 不称职 whatever the total. No total, no proposal.
 */
import { hundredths } from './numbers';

export type Grade = '优秀' | '称职' | '基本称职' | '不称职';
export interface Thresholds {
  excellent: number;
  competent: number;
  basic: number;
}

export const LOWEST_GRADE: Grade = '不称职';

export function proposeGrade(total: number | null, t: Thresholds, vetoed = false): Grade | null {
  if (vetoed) return LOWEST_GRADE;
  if (total === null) return null;
  const x = hundredths(total);
  if (x >= hundredths(t.excellent)) return '优秀';
  if (x >= hundredths(t.competent)) return '称职';
  if (x >= hundredths(t.basic)) return '基本称职';
  return '不称职';
}
