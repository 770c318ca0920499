/**
 * A grid's column layout as the user left it (widths, order, shown or hidden),
 * kept per grid in localStorage (where the app keeps its UI state) and laid
 * over the page's column definitions the next time the grid opens. Pinned
 * columns stay pinned where the page puts them.
 */
import type { ColumnState } from 'ag-grid-community';

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

/** What is read of a column definition or a column group (AG Grid's ColDef / ColGroupDef). */
interface LaidColumn {
  colId?: string;
  field?: unknown;
  width?: number;
  hide?: boolean | null;
  children?: LaidColumn[];
}

/** A column's id as AG Grid gives it: its colId, else its field. */
const idOf = (c: LaidColumn): string | undefined => c.colId ?? (typeof c.field === 'string' ? c.field : undefined);

/**
 * The page's columns with the saved widths, visibility and order laid over
 * them: saved columns first in their saved order, columns the page added
 * since at their own place after the column they followed. Columns in
 * `fixed` (the row number, 姓名) are never hidden. Which columns are shown is
 * restored only where the user chooses them (`shownByUser`, the roster's 选择列);
 * elsewhere the page decides (a round without groups hides 分组, an event kind
 * its unused fields). Inside a column group
 * (a score grid's indicators) widths and visibility are restored; the order
 * there stays the page's.
 */
export function withSavedColumns<C extends LaidColumn>(columns: C[], gridKey: string, fixed: readonly string[] = [], shownByUser = false): C[] {
  const saved = readSavedColumns(gridKey);
  if (!saved) return columns;
  const byId = new Map(saved.map((s, i) => [s.colId, { ...s, at: i }]));
  const lay = (c: C): C => {
    if (c.children) return { ...c, children: c.children.map(child => lay(child as C)) };
    const id = idOf(c);
    const s = id ? byId.get(id) : undefined;
    if (!s) return c;
    return { ...c, ...(s.width ? { width: s.width } : {}), hide: shownByUser && !fixed.includes(id!) ? !!s.hide : c.hide };
  };
  const laid = columns.map(lay);
  // Order: saved columns by their saved place; a new column (or a group) keeps the place after its predecessor.
  const rank = new Map<C, number>();
  let last = -1;
  for (const c of laid) {
    const id = c.children ? undefined : idOf(c);
    const s = id ? byId.get(id) : undefined;
    last = s ? s.at : last + 0.001;
    rank.set(c, last);
  }
  return [...laid].sort((a, b) => rank.get(a)! - rank.get(b)!);
}
