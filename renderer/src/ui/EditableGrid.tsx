/**
 * The one editable grid: AG Grid with the app's theme and locale, owning paste
 * from Excel/WPS (TSV), Ctrl+D fill-down and the undo/redo keys, the column
 * layout the user left (widths, order, shown columns, per grid) and what a
 * double-click means. Pages say what a pasted block, a fill, a history step or
 * opening a row means for their data; never key code.
 */
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import type { CellDoubleClickedEvent, ColDef, ColGroupDef, GridApi, GridReadyEvent, ModelUpdatedEvent } from 'ag-grid-community';
import { parseTsv } from '../../../shared/domain/common/tsv';
import { gridLocale, gridTheme } from '../grid';
import { FILL_HINT, gridKeyAction, pasteTarget, planFillDown, type PasteTarget } from './gridLogic';
import { saveColumns, withSavedColumns } from './gridColumns';

export interface PasteRequest<T> extends PasteTarget {
  block: string[][];
  /** Display index of the row the block starts at. */
  rowIndex: number;
  /** The row at a display index, when loaded. */
  rowAt: (index: number) => T | undefined;
  /** The column header users see, for messages. */
  header: (colId: string) => string;
  api: GridApi<T>;
}

export interface FillRequest<T> {
  colId: string;
  /** 'selection': first ticked row into the other ticked rows; 'above': the row above into the focused cell. */
  mode: 'selection' | 'above';
  source: T;
  targets: T[];
}

/** What a page's toolbar may ask of the grid (the 向下填充 button). */
export interface GridHandle {
  fill: () => Promise<void>;
}

export type EditableGridProps<T> = AgGridReactProps<T> & {
  wrapClassName?: string;
  /** Names the grid for assistive technology (and tests). */
  label?: string;
  handle?: React.RefObject<GridHandle | null>;
  /** The columns a fill may write; others get the fill hint. */
  editable?: (colId: string) => boolean;
  onPasteBlock?: (req: PasteRequest<T>) => void | Promise<unknown>;
  onFill?: (req: FillRequest<T>) => void | Promise<unknown>;
  onStep?: (direction: 'undo' | 'redo') => void | Promise<unknown>;
  /** Tells the user something (the fill hint). */
  onNotice?: (text: string) => void;
  /** Rows in the whole list, when not all are loaded (infinite row model). */
  rowCount?: () => number;
  /** Tick boxes in a pinned first column (Ctrl+D fills over ticked rows); `all` adds the header's tick-all box. */
  ticks?: 'rows' | 'all';
  /** The row of the focused cell, as the current one of the page's actions. */
  onFocusRow?: (row: T) => void;
  /** Remembers the user's column widths and order under this name (one per grid). */
  gridKey?: string;
  /** The page lets the user choose the columns shown (选择列): the choice is remembered too. */
  columnChooser?: boolean;
  /**
   * Opens a row (the cadre's 任免审批表) on a double-click in one of `openColumns`
   * (姓名, 序号). Editing then starts by typing, F2 or Enter, and a double-click
   * on another editable cell.
   */
  onOpenRow?: (row: T) => void;
  openColumns?: readonly string[];
  /**
   * What the grid says when its loaded list has no rows (an EmptyHint: why, and what to do
   * next), in place of AG Grid's own overlay.
   */
  empty?: ReactNode;
};

/** Columns resize and sort unless a page says otherwise. */
const DEFAULT_COL = { resizable: true, sortable: true };
/** For lists read in the order they come (the log, the reminders): columns resize, nothing sorts unless it says so. */
export const READ_ONLY_COL = { resizable: true, sortable: false };

/** Keys typed into a text field or a cell editor are theirs, not the grid's. */
export function typingIn(target: EventTarget | null, api: GridApi | null): boolean {
  return !!api?.getEditingCells().length || !!(target as HTMLElement | null)?.closest?.('input, textarea, select');
}

export function EditableGrid<T>({
  wrapClassName,
  label,
  handle,
  editable,
  onPasteBlock,
  onFill,
  onStep,
  onNotice,
  rowCount,
  ticks,
  onFocusRow,
  gridKey,
  columnChooser = false,
  onOpenRow,
  openColumns = [],
  onGridReady,
  onModelUpdated,
  columnDefs,
  empty,
  ...grid
}: EditableGridProps<T>) {
  const apiRef = useRef<GridApi<T> | null>(null);
  const [noRows, setNoRows] = useState(false);
  // A list still loading (rowData not given yet) is not an empty one; an infinite list has counted when its model updates.
  const showEmpty = empty !== undefined && noRows && (grid.rowModelType === 'infinite' || (grid.rowData !== undefined && grid.rowData !== null));
  const columns = useMemo(
    () => (gridKey && columnDefs ? withSavedColumns(columnDefs as (ColDef<T> | ColGroupDef<T>)[], gridKey, openColumns, columnChooser) : columnDefs),
    // The saved layout is read once per set of columns the page gives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columnDefs, gridKey],
  );
  const remember = gridKey ? () => apiRef.current && saveColumns(gridKey, apiRef.current.getColumnState()) : undefined;
  const onCellDoubleClicked = (e: CellDoubleClickedEvent<T>) => {
    const colId = e.column.getColId();
    // A pinned row (the roster's 新行) is no record yet: double-clicking it edits.
    if (openColumns.includes(colId) && !e.node.rowPinned) {
      if (e.data) onOpenRow?.(e.data);
    } else if (e.rowIndex !== null && e.column.isCellEditable(e.node)) {
      e.api.startEditingCell({ rowIndex: e.rowIndex, colKey: colId, rowPinned: e.node.rowPinned });
    }
  };

  const fill = useCallback(async () => {
    const g = apiRef.current;
    const focused = g?.getFocusedCell();
    if (!g || !focused || !onFill) return;
    const colId = focused.column.getColId();
    const ticked = g.getSelectedNodes().filter(n => n.data !== undefined && n.rowIndex !== null);
    const plan = planFillDown(
      focused.rowIndex,
      ticked.map(n => n.rowIndex!),
    );
    const at = (i: number) => ticked.find(n => n.rowIndex === i)?.data ?? g.getDisplayedRowAtIndex(i)?.data;
    const source = plan && at(plan.source);
    const targets = (plan?.targets ?? []).map(at).filter((r): r is T => r !== undefined);
    if (!plan || !source || !targets.length || (editable && !editable(colId))) return onNotice?.(FILL_HINT);
    await onFill({ colId, mode: plan.mode, source, targets });
  }, [editable, onFill, onNotice]);

  if (handle) handle.current = { fill };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const action = gridKeyAction(e);
    if (!action || typingIn(e.target, apiRef.current)) return;
    if (action === 'fill' ? !onFill : !onStep) return;
    // Marked handled, so a page-wide history key handler does not step a second time.
    e.preventDefault();
    if (action === 'fill') void fill();
    else void onStep!(action);
  };

  const onPaste = (e: React.ClipboardEvent) => {
    const g = apiRef.current;
    if (!g || !onPasteBlock || g.getEditingCells().length) return;
    const focused = g.getFocusedCell();
    const text = e.clipboardData.getData('text/plain');
    if (!focused || !text) return;
    e.preventDefault();
    const block = parseTsv(text);
    const colIds = g.getAllDisplayedColumns().map(c => c.getColId());
    const target = pasteTarget(block, colIds, focused.column.getColId(), focused.rowIndex, rowCount ? rowCount() : g.getDisplayedRowCount());
    void onPasteBlock({
      ...target,
      block,
      rowIndex: focused.rowIndex,
      rowAt: i => g.getDisplayedRowAtIndex(i)?.data,
      header: colId => g.getColumn(colId)?.getColDef().headerName ?? colId,
      api: g,
    });
  };

  return (
    <div className={wrapClassName ? `grid-wrap ${wrapClassName}` : 'grid-wrap'} aria-label={label} onPaste={onPaste} onKeyDown={onKeyDown}>
      <AgGridReact<T>
        theme={gridTheme}
        localeText={gridLocale}
        readOnlyEdit
        defaultColDef={DEFAULT_COL}
        {...(ticks && {
          rowSelection: { mode: 'multiRow', checkboxes: true, headerCheckbox: ticks === 'all', enableClickSelection: false },
          selectionColumnDef: { pinned: 'left', width: 44 },
        })}
        {...(onFocusRow && {
          onCellFocused: e => {
            const row = e.rowIndex === null || e.rowIndex === undefined ? undefined : e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
            if (row) onFocusRow(row);
          },
        })}
        {...(onOpenRow && { suppressClickEdit: true, onCellDoubleClicked })}
        {...(remember && {
          onColumnMoved: e => e.finished && remember(),
          onColumnResized: e => e.finished && e.source !== 'api' && e.source !== 'flex' && remember(),
          onColumnVisible: remember,
        })}
        {...(empty !== undefined && { suppressNoRowsOverlay: true })}
        {...grid}
        columnDefs={columns}
        onGridReady={(e: GridReadyEvent<T>) => {
          apiRef.current = e.api;
          onGridReady?.(e);
        }}
        onModelUpdated={(e: ModelUpdatedEvent<T>) => {
          setNoRows(e.api.getDisplayedRowCount() === 0);
          onModelUpdated?.(e);
        }}
      />
      {showEmpty && <div className="grid-empty">{empty}</div>}
    </div>
  );
}
