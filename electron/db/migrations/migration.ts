import type BetterSqlite3 from 'better-sqlite3';

/** One schema change; index.ts lists them in order. */
export interface Migration {
  /** The user_version after this migration; migrations[i].version === i + 1. */
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
  /** Rebuilds a table (a changed CHECK): runs with foreign keys off, checked before commit. */
  rebuildsTables?: boolean;
}
