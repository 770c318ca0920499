import type { Database } from '../../db/database';
import type { PlanStore } from '../common/plan-store';

/** What every area's handlers receive. */
export interface ServiceContext {
  db: Database;
  dbPath: string;
  appVersion: string;
  /** Closes, optionally replaces (restore) and reopens the database file; given by the core. */
  reopen?: (swap?: () => void) => Database;
  /** The door's OS folder dialog (the Electron main process); null when cancelled. Absent in browser mode. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** Import previews waiting for their commit: one store per opened core, so a reopen drops them. */
  plans: PlanStore;
}
