/**
 * A grid's column layout as the user left it (widths, order, shown or hidden),
 * kept per grid in localStorage (where the app keeps its UI state) and laid
 * over the page's column definitions the next time the grid opens. Pinned
 * columns stay pinned where the page puts them.
 */
import type { ColDef, ColumnState } from 'ag-grid-community';

const PREFIX = 'cadre.grid.';

/** What is kept of each column. */
export interface SavedColumn {
  colId: string;
  width?: number;
  hide?: boolean;
}

export function readSavedColumns(gridKey: string): SavedColumn[] | null {
  try {
    const raw = JSON.parse(localStorage.getItem(PREFIX + gridKey) ?? 'null') as unknown;
    if (!Array.isArray(raw)) return null;
    return raw.filter((c): c is SavedColumn => typeof c === 'object' && c !== null && typeof (c as SavedColumn).colId === 'string');
  } catch {
    return null;
  }
}

/** Keeps the grid's layout (AG Grid's own selection column left out). */
export function saveColumns(gridKey: string, state: readonly ColumnState[]): void {
  const kept: SavedColumn[] = state
    .filter(s => !s.colId.startsWith('ag-Grid-'))
    .map(s => ({ colId: s.colId, ...(s.width ? { width: s.width } : {}), ...(s.hide ? { hide: true } : {}) }));
  localStorage.setItem(PREFIX + gridKey, JSON.stringify(kept));
}

/**
 * The page's columns with the saved widths, visibility and order laid over
 * them: saved columns first in their saved order, columns the page added
 * since at their own place after the column they followed. Columns in
 * `fixed` (the row number, 姓名) are never hidden.
 */
export function withSavedColumns<T>(columns: ColDef<T>[], gridKey: string, fixed: readonly string[] = []): ColDef<T>[] {
  const saved = readSavedColumns(gridKey);
  if (!saved) return columns;
  const byId = new Map(saved.map((s, i) => [s.colId, { ...s, at: i }]));
  const laid = columns.map(c => {
    const s = c.colId ? byId.get(c.colId) : undefined;
    if (!s) return c;
    return { ...c, ...(s.width ? { width: s.width } : {}), hide: fixed.includes(c.colId!) ? c.hide : !!s.hide };
  });
  // Order: saved columns by their saved place; a new column keeps the place after its predecessor.
  const rank = new Map<ColDef<T>, number>();
  let last = -1;
  for (const c of laid) {
    const s = c.colId ? byId.get(c.colId) : undefined;
    last = s ? s.at : last + 0.001;
    rank.set(c, last);
  }
  return [...laid].sort((a, b) => rank.get(a)! - rank.get(b)!);
}
