import type { Migration } from './migration';

/**
 * The Excel/CSV importer's tables:
 * - import_runs: every committed import (file name, SHA-256, sheets, mode,
 *   counts, operator, time) and the undoable operation it created (kept when
 *   the undo log forgets the operation);
 * - import_mappings: the column mapping a user edited, remembered for the next
 *   file with the same header set (keyed by a hash of the normalised headers).
 */
export const m004Imports: Migration = {
  version: 4,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE import_runs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        operator      TEXT NOT NULL,
        file_name     TEXT NOT NULL,
        file_hash     TEXT NOT NULL,
        sheets        TEXT NOT NULL DEFAULT '[]',
        mode          TEXT NOT NULL CHECK (mode IN ('add', 'update', 'skip')),
        inserted      INTEGER NOT NULL DEFAULT 0,
        updated       INTEGER NOT NULL DEFAULT 0,
        skipped       INTEGER NOT NULL DEFAULT 0,
        unchanged     INTEGER NOT NULL DEFAULT 0,
        errors        INTEGER NOT NULL DEFAULT 0,
        warnings      INTEGER NOT NULL DEFAULT 0,
        operation_id  INTEGER REFERENCES operations(id) ON DELETE SET NULL
      );
      CREATE INDEX import_runs_at ON import_runs(at);

      CREATE TABLE import_mappings (
        header_hash  TEXT PRIMARY KEY,
        headers      TEXT NOT NULL,
        mapping      TEXT NOT NULL,
        updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) WITHOUT ROWID;
    `);
  },
};
