/**
 * A native drop-down as the grid's cell editor: it opens focused, and
 * choosing ends the edit (AG Grid Community's select editor needs another
 * click to open its list).
 */
import { useEffect, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';

export function SelectEditor(props: CustomCellEditorProps & { values: string[] }) {
  const [chosen, setChosen] = useState(false);
  // Stop only after the grid has taken the new value.
  useEffect(() => {
    if (chosen) props.stopEditing();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chosen]);
  return (
    <select
      className="as-select-editor"
      aria-label={props.colDef.headerName}
      autoFocus
      value={String(props.value ?? '')}
      onChange={e => {
        props.onValueChange(e.target.value);
        setChosen(true);
      }}
    >
      {!props.values.includes(String(props.value ?? '')) && <option value={String(props.value ?? '')}>{String(props.value ?? '')}</option>}
      {props.values.map(v => (
        <option key={v} value={v}>
          {v || '（空）'}
        </option>
      ))}
    </select>
  );
}
