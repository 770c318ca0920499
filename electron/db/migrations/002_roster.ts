import type { Migration } from './migration';

/**
 * Schema v2, the roster's working tables:
 * - cadres.name_keys: the pinyin sort and search keys of the name
 *   ('zhang san|zhangsan zs'), kept by triggers through the app's SQL
 *   function cadre_name_keys() whoever writes the name, so search and
 *   pinyin sorting stay in SQL;
 * - saved_views: named combined-condition queries with columns and sort;
 * - operations / operation_rows: the undo/redo log. An operation holds the
 *   before and after image of every cadre it touched (as JSON of the whole
 *   record with its child rows), so one edit, one paste of 300 rows or one
 *   import is undone or redone as a single step.
 */
export const m002Roster: Migration = {
  version: 2,
  name: 'roster',
  up(db) {
    db.exec(`
      ALTER TABLE cadres ADD COLUMN name_keys TEXT NOT NULL DEFAULT '';

      CREATE INDEX cadres_name_keys ON cadres(name_keys);
      UPDATE cadres SET name_keys = cadre_name_keys(name);
      CREATE TRIGGER cadres_name_keys_insert AFTER INSERT ON cadres BEGIN
        UPDATE cadres SET name_keys = cadre_name_keys(NEW.name) WHERE id = NEW.id;
      END;
      CREATE TRIGGER cadres_name_keys_update AFTER UPDATE OF name ON cadres BEGIN
        UPDATE cadres SET name_keys = cadre_name_keys(NEW.name) WHERE id = NEW.id;
      END;

      CREATE TABLE saved_views (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        query       TEXT NOT NULL DEFAULT '{}',
        columns     TEXT NOT NULL DEFAULT '[]',
        sort        TEXT NOT NULL DEFAULT '[]',
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );

      CREATE TABLE operations (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        operator  TEXT NOT NULL,
        kind      TEXT NOT NULL,
        label     TEXT NOT NULL,
        undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
      );

      CREATE TABLE operation_rows (
        operation_id  INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,
        cadre_id      INTEGER NOT NULL,
        before        TEXT,
        after         TEXT,
        PRIMARY KEY (operation_id, cadre_id)
      ) WITHOUT ROWID;
    `);
  },
};
