/**
 * 职数: approved leader posts (核定领导职数) per unit and 领导职务层次, against those
 * filled (实配, counted from the roster). 超职数配备 is forbidden: an appointment that
 * would take a level past its approved number is refused unless a reason is recorded.
 */
import { LEADERSHIP_LEVELS } from '../roster/codes';

/** The levels a 职数 is set for, high to low. */
export const QUOTA_LEVELS = LEADERSHIP_LEVELS.map(l => l.name);

export interface QuotaFigures {
  approved: number;
  filled: number;
}

/** 空缺 and 超配 of one unit and level. */
export function quotaBalance(q: QuotaFigures): { vacant: number; over: number } {
  return { vacant: Math.max(0, q.approved - q.filled), over: Math.max(0, q.filled - q.approved) };
}

export interface QuotaCheck extends QuotaFigures {
  unit: string;
  level: string;
  /** How many more the change puts into this unit and level. */
  entering: number;
}

/** The refusal when the change takes filled past approved; null when it fits. */
export function quotaRefusal(c: QuotaCheck): string | null {
  if (c.entering <= 0 || c.filled + c.entering <= c.approved) return null;
  return `「${c.unit}」${c.level}职数已满：核定 ${c.approved} 名，实配 ${c.filled} 名${c.entering > 1 ? `，本次拟新增 ${c.entering} 名` : ''}。如确需超职数配备，请填写超职数理由`;
}
