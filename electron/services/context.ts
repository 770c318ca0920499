import type { Database } from '../db/database';

/** What every area's handlers receive. */
export interface ServiceContext {
  db: Database;
  dbPath: string;
  appVersion: string;
}
