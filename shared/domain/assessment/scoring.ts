/**
 * Scoring methods: what one indicator's input is worth, on 0..maxScore.
 *
 * - score (直接评分): the points given, 0..maxScore.
 * - points (加减分): a base (default the full points) plus what was added
 *   and minus what was deducted (the cell's value plus the 日常考核 records),
 *   the added part capped at addCap and the deducted part at deductCap, the
 *   result kept within 0..maxScore. No entries means the base.
 * - target (目标完成率): achieved / target, capped at maxRatio (default 1),
 *   times the full points: target 3 亿元, achieved 2.4 → 80% of the points.
 * - passFail (合格/不合格): full points or none.
 * - veto (一票否决): carries no points; when triggered the grade is forced to
 *   the lowest (不称职) whatever the total.
 * - vote (民主测评): the democratic evaluation score (of 100) scaled to the
 *   indicator's points.
 */
import type { IndicatorMethod } from './codes';
import { formatNumber } from './numbers';

export type Method = IndicatorMethod;

export interface ScoringIndicator {
  id: number;
  parentId: number | null;
  name: string;
  weight: number;
  method: Method;
  maxScore: number;
  baseScore: number | null;
  addCap: number | null;
  deductCap: number | null;
  target: number | null;
  maxRatio: number | null;
}

export interface IndicatorInputs {
  /** The cell's value; null when blank. */
  raw: number | null;
  /** 日常考核 points (加减分 only). */
  daily?: number;
  /** The democratic evaluation score of 100 (民主测评 only). */
  democratic?: number | null;
}

export interface IndicatorScore {
  /** Points on 0..maxScore (a bonus ratio can exceed it); null when there is nothing to score. */
  score: number | null;
  /** score / maxScore: the share of the indicator's weight earned. */
  ratio: number | null;
  vetoed: boolean;
  /** An input is needed and absent. */
  missing: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function scoreIndicator(ind: ScoringIndicator, input: IndicatorInputs): IndicatorScore {
  const max = ind.maxScore;
  const none = (missing: boolean): IndicatorScore => ({ score: null, ratio: null, vetoed: false, missing });
  const of = (score: number): IndicatorScore => ({ score, ratio: score / max, vetoed: false, missing: false });
  switch (ind.method) {
    case 'score':
      return input.raw === null ? none(true) : of(clamp(input.raw, 0, max));
    case 'points': {
      const net = (input.raw ?? 0) + (input.daily ?? 0);
      const adj = net >= 0 ? Math.min(net, ind.addCap ?? Infinity) : -Math.min(-net, ind.deductCap ?? Infinity);
      return of(clamp((ind.baseScore ?? max) + adj, 0, max));
    }
    case 'target': {
      if (input.raw === null || ind.target === null || ind.target <= 0) return none(true);
      const ratio = clamp(input.raw / ind.target, 0, ind.maxRatio ?? 1);
      return { score: ratio * max, ratio, vetoed: false, missing: false };
    }
    case 'passFail':
      return input.raw === null ? none(true) : of(input.raw >= 1 ? max : 0);
    case 'veto':
      return { score: null, ratio: null, vetoed: input.raw !== null && input.raw >= 1, missing: false };
    case 'vote': {
      const d = input.democratic ?? null;
      return d === null ? none(true) : of(clamp((d / 100) * max, 0, max));
    }
  }
}

const YES = new Set(['1', '是', '√', '✓', '合格', '通过', '达标', '完成', 'y', 'yes', 'true', '否决', '一票否决', '触发']);
const NO = new Set(['0', '否', '×', '✗', '不合格', '未通过', '不达标', '未完成', 'n', 'no', 'false', '无', '未触发']);

export type CellParse = { ok: true; value: number | null } | { ok: false; message: string };

/** A number typed or pasted as text: '85', ' 92.5 ', '２.４', '2.4亿元', '-3分'. */
function numberOf(v: number | string): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = v.replace(/[\uFF10-\uFF19\uFF0E\uFF0D]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  const m = /^([+-]?\d+(?:\.\d+)?)(?:[%％]|[\u4e00-\u9fff]{0,4})$/.exec(t);
  return m ? Number(m[1]) : null;
}

/**
 * Checks what was typed or pasted into one cell for the indicator's method;
 * null or blank text clears the cell. The message names the indicator.
 */
export function parseCell(ind: Pick<ScoringIndicator, 'name' | 'method' | 'maxScore'>, value: number | string | null): CellParse {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return { ok: true, value: null };
  const label = `「${ind.name}」`;
  switch (ind.method) {
    case 'vote':
      return { ok: false, message: `${label}是民主测评指标，得分由测评票数计算，不能直接填写` };
    case 'passFail':
    case 'veto': {
      const t = String(value).trim().toLowerCase();
      if (YES.has(t)) return { ok: true, value: 1 };
      if (NO.has(t)) return { ok: true, value: 0 };
      return {
        ok: false,
        message:
          ind.method === 'veto'
            ? `${label}应填“是”（一票否决）或“否”，不能是“${String(value).slice(0, 20)}”`
            : `${label}应填“合格”或“不合格”，不能是“${String(value).slice(0, 20)}”`,
      };
    }
    default: {
      const n = numberOf(value);
      if (n === null) return { ok: false, message: `${label}应填数字，不能是“${String(value).slice(0, 20)}”` };
      if (ind.method === 'score' && (n < 0 || n > ind.maxScore))
        return { ok: false, message: `${label}的得分应在 0 到 ${formatNumber(ind.maxScore)} 之间，不能是 ${formatNumber(n)}` };
      if (ind.method === 'target' && n < 0) return { ok: false, message: `${label}的完成值不能为负数` };
      if (Math.abs(n) > 1e9) return { ok: false, message: `${label}的数值过大` };
      return { ok: true, value: n };
    }
  }
}
