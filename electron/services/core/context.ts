import type { Database } from '../../db/database';

/** What every area's handlers receive. */
export interface ServiceContext {
  db: Database;
  dbPath: string;
  appVersion: string;
  /** Closes, optionally replaces (restore) and reopens the database file; given by the core. */
  reopen?: (swap?: () => void) => Database;
}
