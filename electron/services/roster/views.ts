/** Saved views: a named 组合查询 with the grid's columns and sort. */
import type { SavedView } from '../../../shared/contract/api';
import type { Database } from '../../db/database';

interface ViewRow {
  id: number;
  name: string;
  query: string;
  columns: string;
  sort: string;
}

const toView = (r: ViewRow): SavedView => ({
  id: r.id,
  name: r.name,
  query: JSON.parse(r.query) as SavedView['query'],
  columns: JSON.parse(r.columns) as string[],
  sort: JSON.parse(r.sort) as SavedView['sort'],
});

export function listViews(db: Database): SavedView[] {
  return (db.prepare('SELECT id, name, query, columns, sort FROM saved_views ORDER BY name').all() as ViewRow[]).map(toView);
}

/** Inserts, or replaces the view of the same name. */
export function saveView(db: Database, v: Omit<SavedView, 'id'>): SavedView {
  const row = db
    .prepare(
      `INSERT INTO saved_views(name, query, columns, sort) VALUES (:name, :query, :columns, :sort)
       ON CONFLICT(name) DO UPDATE SET query = excluded.query, columns = excluded.columns, sort = excluded.sort,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       RETURNING id, name, query, columns, sort`,
    )
    .get({ name: v.name.trim(), query: JSON.stringify(v.query), columns: JSON.stringify(v.columns), sort: JSON.stringify(v.sort) }) as ViewRow;
  return toView(row);
}

export function deleteView(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM saved_views WHERE id = ?').run(id).changes > 0;
}
