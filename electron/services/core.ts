/**
 * One house, three doors: the Electron main process, the loopback web host
 * and the CLI each open the same core over the same data folder.
 */
import { dbPathIn } from '../paths';
import { openDatabase, type Database } from '../db/database';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { createHandlers } from './handlers';

export interface Core {
  db: Database;
  dbPath: string;
  handlers: Handlers;
  dispatch: Dispatch;
  close(): void;
}

export interface CoreOptions {
  /** The data folder (see paths.ts); the database file lives inside it. */
  dataDir?: string;
  /** An explicit database file (the CLI's --db); wins over dataDir. */
  dbPath?: string;
  appVersion: string;
  /** Validate every output against the contract (tests turn this on). */
  checkOutput?: boolean;
}

export function openCore(opts: CoreOptions): Core {
  const dbPath = opts.dbPath ?? (opts.dataDir ? dbPathIn(opts.dataDir) : undefined);
  if (!dbPath) throw new Error('openCore needs dataDir or dbPath');
  const db = openDatabase(dbPath);
  const handlers = createHandlers({ db, dbPath, appVersion: opts.appVersion });
  return {
    db,
    dbPath,
    handlers,
    dispatch: createDispatcher(handlers, { checkOutput: opts.checkOutput }),
    close: () => db.close(),
  };
}
