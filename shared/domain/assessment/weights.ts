/**
 * Weights: percent within their level. The 一级 weights of a set sum to 100,
 * and the 二级 weights under each 一级 that has children sum to 100. Checked
 * on integer hundredths; the message says by how much the sum is off, e.g.
 * “一级指标权重合计 95，差 5”.
 */
import { formatNumber, hundredths } from './numbers';

export interface WeightNode {
  name: string;
  weight: number;
  children?: readonly WeightNode[];
}

/** Sum and difference of one level, or null when it sums to exactly 100. */
export function weightGap(weights: readonly number[]): { sum: number; diff: number } | null {
  const sum = weights.reduce((s, w) => s + hundredths(w), 0);
  return sum === 10000 ? null : { sum: sum / 100, diff: (sum - 10000) / 100 };
}

function levelMessage(label: string, gap: { sum: number; diff: number }): string {
  return `${label}权重合计 ${formatNumber(gap.sum)}，${gap.diff < 0 ? '差' : '多'} ${formatNumber(Math.abs(gap.diff))}`;
}

/** Every level that does not sum to 100, in Chinese; empty when the tree is right. */
export function checkWeights(tree: readonly WeightNode[]): string[] {
  const problems: string[] = [];
  const top = weightGap(tree.map(n => n.weight));
  if (top) problems.push(levelMessage('一级指标', top));
  for (const n of tree) {
    if (!n.children || n.children.length === 0) continue;
    const gap = weightGap(n.children.map(c => c.weight));
    if (gap) problems.push(levelMessage(`「${n.name}」下的二级指标`, gap));
  }
  return problems;
}
