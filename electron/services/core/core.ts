/**
 * One house, three doors: the Electron main process, the loopback web host
 * and the CLI each open the same core over the same data folder.
 */
import { dbPathIn } from '../../paths';
import { openDatabase, type Database } from '../../db/database';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { createHandlers } from './handlers';

export interface Core {
  /** The open handle; a new one after reopen() (restore), so read it each time. */
  readonly db: Database;
  dbPath: string;
  readonly handlers: Handlers;
  /** Stable for the core's lifetime (transports keep it); always calls the current handlers. */
  dispatch: Dispatch;
  close(): void;
  /**
   * Closes the database, runs `swap` (restore replaces the file there), opens
   * the file again and rebuilds the handlers over the new handle. If `swap`
   * throws, the file as it then is gets reopened and the error rethrown.
   */
  reopen(swap?: () => void): Database;
}

export interface CoreOptions {
  /** The data folder (see paths.ts); the database file lives inside it. */
  dataDir?: string;
  /** An explicit database file (the CLI's --db); wins over dataDir. */
  dbPath?: string;
  appVersion: string;
  /** Validate every output against the contract (tests turn this on). */
  checkOutput?: boolean;
  /** The OS folder dialog, where the door has one (see ServiceContext). */
  chooseFolder?: (title: string) => Promise<string | null>;
}

export function openCore(opts: CoreOptions): Core {
  const dbPath = opts.dbPath ?? (opts.dataDir ? dbPathIn(opts.dataDir) : undefined);
  if (!dbPath) throw new Error('openCore needs dataDir or dbPath');
  let db = openDatabase(dbPath);
  let handlers: Handlers;
  let dispatch: Dispatch;
  const build = () => {
    handlers = createHandlers({ db, dbPath, appVersion: opts.appVersion, reopen: swap => core.reopen(swap), chooseFolder: opts.chooseFolder });
    dispatch = createDispatcher(handlers, { checkOutput: opts.checkOutput });
  };
  const core: Core = {
    get db() {
      return db;
    },
    dbPath,
    get handlers() {
      return handlers;
    },
    dispatch: (method, input) => dispatch(method, input),
    close: () => db.close(),
    reopen(swap) {
      db.close();
      if (swap) {
        try {
          swap();
        } catch (err) {
          db = openDatabase(dbPath);
          build();
          throw err;
        }
      }
      db = openDatabase(dbPath);
      build();
      return db;
    },
  };
  build();
  return core;
}
