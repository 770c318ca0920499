/**
 * 民主测评: each vote is worth the score of its grade (优秀 95, 称职 85,
 * 基本称职 75, 不称职 65); 不了解 is not counted. The score is the average of
 * the counted votes, two decimals; null when nobody voted with a grade.
 */
import { round2 } from './numbers';

export interface VoteTally {
  excellent: number;
  competent: number;
  basic: number;
  incompetent: number;
  unknown: number;
}

export const VOTE_POINTS = { excellent: 95, competent: 85, basic: 75, incompetent: 65 } as const;
export const VOTE_LABELS = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职', unknown: '不了解' } as const;

export function democraticScore(t: VoteTally): number | null {
  const counted = t.excellent + t.competent + t.basic + t.incompetent;
  if (counted <= 0) return null;
  const points =
    t.excellent * VOTE_POINTS.excellent + t.competent * VOTE_POINTS.competent + t.basic * VOTE_POINTS.basic + t.incompetent * VOTE_POINTS.incompetent;
  return round2(points / counted);
}
