/**
 * What the editable grid decides without a DOM: which key means what, where a
 * pasted block lands, and which rows a fill-down reads and writes.
 */

export type GridKeyAction = 'undo' | 'redo' | 'fill' | null;

/** Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo, Ctrl+D fill-down (⌘ on a Mac); anything else is not the grid's. */
export function gridKeyAction(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey?: boolean }): GridKeyAction {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y') return 'redo';
  if (key === 'd' && !e.shiftKey) return 'fill';
  return null;
}

/** AG Grid's own columns (the row checkboxes) take no pasted values. */
export const isDataColumn = (colId: string) => !colId.startsWith('ag-Grid-');

export interface PasteTarget {
  /** The pasted block's width: its widest line. */
  width: number;
  /** The visible data columns the block's columns land on, left to right (fewer than width at the right edge). */
  colIds: string[];
  /** How many of the block's lines land on existing rows, and how many run past the last one. */
  existing: number;
  beyond: number;
}

/** Maps a block pasted at (rowIndex, focused column) onto the visible data columns and the rows below. */
export function pasteTarget(
  block: readonly (readonly string[])[],
  displayedColIds: readonly string[],
  focusedColId: string,
  rowIndex: number,
  rowCount: number,
): PasteTarget {
  const cols = displayedColIds.filter(isDataColumn);
  const width = block.reduce((w, line) => Math.max(w, line.length), 0);
  const start = cols.indexOf(focusedColId);
  const colIds = start < 0 ? [] : cols.slice(start, start + width);
  const existing = Math.max(0, Math.min(block.length, rowCount - rowIndex));
  return { width, colIds, existing, beyond: block.length - existing };
}

/** One pasted line as field → text, keeping only the columns the page lets the user edit. */
export function lineValues(colIds: readonly string[], cells: readonly string[], editable: (colId: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  colIds.forEach((colId, j) => {
    if (editable(colId)) out[colId] = cells[j] ?? '';
  });
  return out;
}

export type FillPlan = { mode: 'selection' | 'above'; source: number; targets: number[] } | null;

/**
 * Ctrl+D has one meaning everywhere: with two or more rows ticked, the first ticked
 * row's value goes into the other ticked rows; otherwise the focused cell takes the
 * value of the row above (as in Excel). Null when there is no row above.
 */
export function planFillDown(focusedRow: number, tickedRows: readonly number[]): FillPlan {
  const ticked = [...new Set(tickedRows)].sort((a, b) => a - b);
  if (ticked.length >= 2) return { mode: 'selection', source: ticked[0], targets: ticked.slice(1) };
  if (focusedRow > 0) return { mode: 'above', source: focusedRow - 1, targets: [focusedRow] };
  return null;
}

/** How pages describe Ctrl+D in their hint lines: the same words everywhere. */
export const FILL_KEY_TEXT = 'Ctrl+D 向下填充（勾选两行以上时填到勾选的行，否则取上一行的值）';

export const FILL_HINT = '向下填充（Ctrl+D）：勾选两行以上时，把第一行的值填到其余勾选行；否则把上一行的值填入当前单元格。请把光标放在可修改的列上';
