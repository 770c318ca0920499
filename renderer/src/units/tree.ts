/** The unit list as a tree: children per parent in order, flattened with depths, and subtrees. */
import type { Unit } from '../../../shared/contract/api';

export function childrenOf(units: readonly Unit[]): Map<number | null, Unit[]> {
  const map = new Map<number | null, Unit[]>();
  for (const u of units) map.set(u.parentId, [...(map.get(u.parentId) ?? []), u]);
  for (const list of map.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  return map;
}

/** Every unit in tree order with its depth (0 = top level). */
export function flattenTree(units: readonly Unit[]): { unit: Unit; depth: number }[] {
  const children = childrenOf(units);
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Every unit as an option of an indented select (a full-width space per level before its name). */
export function unitOptions(units: readonly Unit[]): { id: number; label: string; name: string }[] {
  return flattenTree(units).map(({ unit, depth }) => ({ id: unit.id, label: `${'　'.repeat(depth)}${unit.name}`, name: unit.name }));
}

/** The unit and every unit below it. */
export function subtreeIds(units: readonly Unit[], id: number): Set<number> {
  const children = childrenOf(units);
  const ids = new Set<number>();
  const walk = (u: number) => {
    ids.add(u);
    for (const c of children.get(u) ?? []) walk(c.id);
  };
  walk(id);
  return ids;
}

/** '滨江市 / 教育局': the unit's name after its ancestors'. */
export function unitPathOf(units: readonly Unit[], id: number | null): string {
  const byId = new Map(units.map(u => [u.id, u]));
  const names: string[] = [];
  for (let u = id === null ? undefined : byId.get(id); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) names.unshift(u.name);
  return names.join(' / ');
}
