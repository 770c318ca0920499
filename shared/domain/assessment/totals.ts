/**
 * Weighted totals over the tree. A 一级 indicator without children earns
 * weight × its ratio; a 一级 with children earns weight × Σ(二级 weight / 100 ×
 * 二级 ratio): 二级 weights count within their 一级. Blank inputs count 0 and
 * are listed as missing. A cadre's tree is the set's indicators with their
 * personal overrides (weight, target) applied, plus their extra indicators.
 */
import { round2 } from './numbers';
import { scoreIndicator, type IndicatorInputs, type IndicatorScore, type ScoringIndicator } from './scoring';

export interface TreeIndicator extends ScoringIndicator {
  /** null: the set's own; a cadre id: an extra of that cadre. */
  cadreId: number | null;
  sortOrder: number;
}

export interface PersonalOverride {
  indicatorId: number;
  weight: number | null;
  target: number | null;
}

/** The indicators that apply to one cadre, with their overrides applied, in order. */
export function personalTree<T extends TreeIndicator>(
  all: readonly T[],
  cadreId: number,
  overrides: readonly PersonalOverride[],
): (T & { personalised: boolean })[] {
  const byId = new Map(overrides.map(o => [o.indicatorId, o]));
  return all
    .filter(i => i.cadreId === null || i.cadreId === cadreId)
    .map(i => {
      const o = byId.get(i.id);
      return {
        ...i,
        weight: o?.weight ?? i.weight,
        target: o?.target ?? i.target,
        personalised: i.cadreId !== null || (o !== undefined && (o.weight !== null || o.target !== null)),
      };
    });
}

/** The tree shape of a flat list, for the weight check. */
export function asWeightTree(list: readonly TreeIndicator[]): { name: string; weight: number; children: { name: string; weight: number }[] }[] {
  const top = list.filter(i => i.parentId === null);
  return top.map(t => ({ name: t.name, weight: t.weight, children: list.filter(c => c.parentId === t.id) }));
}

export interface TotalResult {
  /** Two decimals; null when no indicator has any input. */
  total: number | null;
  vetoed: boolean;
  /** Names of the indicators with a missing input. */
  missing: string[];
  /** By indicator id. */
  scores: Map<number, IndicatorScore>;
}

export function weightedTotal(tree: readonly ScoringIndicator[], inputs: (ind: ScoringIndicator) => IndicatorInputs): TotalResult {
  const scores = new Map<number, IndicatorScore>();
  for (const ind of tree) scores.set(ind.id, scoreIndicator(ind, inputs(ind)));
  const missing: string[] = [];
  let vetoed = false;
  let any = false;
  let total = 0;
  const childrenOf = (id: number) => tree.filter(c => c.parentId === id);
  const leafRatio = (ind: ScoringIndicator): number => {
    const s = scores.get(ind.id)!;
    if (s.vetoed) vetoed = true;
    if (s.missing) missing.push(ind.name);
    if (s.ratio !== null) any = true;
    return s.ratio ?? 0;
  };
  for (const top of tree.filter(i => i.parentId === null)) {
    const kids = childrenOf(top.id);
    const ratio = kids.length === 0 ? leafRatio(top) : kids.reduce((sum, k) => sum + (k.weight / 100) * leafRatio(k), 0);
    total += top.weight * ratio;
  }
  return { total: any ? round2(total) : null, vetoed, missing, scores };
}
