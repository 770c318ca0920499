/** A unit picker: the live tree as an indented list (a subtree can be left out, e.g. where a unit cannot move). */
import { useMemo } from 'react';
import type { Unit } from '../../../shared/contract/api';
import { flattenTree, subtreeIds } from './tree';

export function UnitSelect({
  units,
  value,
  onChange,
  none,
  exclude,
  label,
  id,
}: {
  units: readonly Unit[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** The text of the empty choice (e.g. 顶层, 不变); no empty choice when absent. */
  none?: string;
  /** A unit whose subtree is not offered. */
  exclude?: number;
  label?: string;
  id?: string;
}) {
  const options = useMemo(() => {
    const skip = exclude === undefined ? new Set<number>() : subtreeIds(units, exclude);
    return flattenTree(units).filter(o => !skip.has(o.unit.id));
  }, [units, exclude]);
  return (
    <select id={id} aria-label={label} value={value ?? ''} onChange={e => onChange(e.target.value ? Number(e.target.value) : null)}>
      {none !== undefined && <option value="">{none}</option>}
      {none === undefined && value === null && <option value="">请选择单位</option>}
      {options.map(({ unit, depth }) => (
        <option key={unit.id} value={unit.id}>
          {'　'.repeat(depth)}
          {unit.name}
        </option>
      ))}
    </select>
  );
}
