import { useMemo, useState } from 'react';
import type { Unit } from '../../../shared/contract/api';

interface Props {
  units: Unit[];
  selected: number | null;
  onSelect: (id: number | null) => void;
}

/** The unit tree beside the grid: choosing a unit shows it and its sub-units. */
export function UnitTree({ units, selected, onSelect }: Props) {
  const children = useMemo(() => {
    const map = new Map<number | null, Unit[]>();
    for (const u of units) map.set(u.parentId, [...(map.get(u.parentId) ?? []), u]);
    for (const list of map.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    return map;
  }, [units]);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (id: number) =>
    setOpen(prev => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const render = (parent: number | null, depth: number) =>
    (children.get(parent) ?? []).map(u => {
      const kids = children.get(u.id)?.length ?? 0;
      return (
        <li key={u.id} role="treeitem" aria-expanded={kids ? open.has(u.id) : undefined} aria-selected={selected === u.id}>
          <div className="unit-row" style={{ paddingLeft: 8 + depth * 14 }}>
            {kids ? (
              <button className="twisty" aria-label={open.has(u.id) ? '收起' : '展开'} onClick={() => toggle(u.id)}>
                {open.has(u.id) ? '▾' : '▸'}
              </button>
            ) : (
              <span className="twisty" />
            )}
            <button className="unit-name" onClick={() => onSelect(u.id)}>
              {u.name}
            </button>
          </div>
          {kids > 0 && open.has(u.id) && <ul role="group">{render(u.id, depth + 1)}</ul>}
        </li>
      );
    });

  return (
    <nav className="unit-tree" aria-label="单位">
      <ul role="tree">
        <li role="treeitem" aria-selected={selected === null}>
          <div className="unit-row" style={{ paddingLeft: 8 }}>
            <span className="twisty" />
            <button className="unit-name" onClick={() => onSelect(null)}>
              全部单位
            </button>
          </div>
        </li>
        {render(null, 0)}
      </ul>
    </nav>
  );
}
