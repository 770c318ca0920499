/**
 * The roster grid's 单位 cell editor: the unit tree as an indented drop-down that opens
 * focused; choosing ends the edit with the unit's id (the page saves it as unitId).
 */
import { useEffect, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { CadreRow, Unit } from '../../../shared/contract/api';
import { api } from '../api';
import { flattenTree } from './tree';
import './units.css';

export function UnitCellEditor(props: CustomCellEditorProps<CadreRow>) {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    api.listUnits({}).then(setUnits, () => setUnits([]));
  }, []);
  // Stop only after the grid has taken the new value.
  useEffect(() => {
    if (chosen) props.stopEditing();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chosen]);
  if (!units) return null;
  return (
    <select
      className="unit-cell-editor"
      aria-label="单位"
      autoFocus
      defaultValue={props.data?.unitId ?? ''}
      onChange={e => {
        props.onValueChange(e.target.value ? Number(e.target.value) : null);
        setChosen(true);
      }}
    >
      <option value="">（无单位）</option>
      {flattenTree(units).map(({ unit, depth }) => (
        <option key={unit.id} value={unit.id}>
          {'　'.repeat(depth)}
          {unit.name}
        </option>
      ))}
    </select>
  );
}
