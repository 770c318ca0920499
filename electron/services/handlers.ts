/**
 * The implementation of every route in shared/api.ts. `Handlers` makes a
 * missing or misspelt method a type error.
 */
import type { AppStatus } from '../../shared/api';
import type { Database } from '../db/database';
import type { Handlers } from './dispatcher';
import { countCadres, getCadre, listCadres } from './cadres';
import { loadDemo } from './demo/load';
import { getSetting, setSetting } from './settings';
import { listUnits } from './units';

export interface HandlerContext {
  db: Database;
  dbPath: string;
  appVersion: string;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const { db } = ctx;
  const status = (): AppStatus => {
    const cadres = countCadres(db);
    return {
      appVersion: ctx.appVersion,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      dbPath: ctx.dbPath,
      started: cadres > 0 || getSetting(db, 'started') === '1',
      counts: {
        units: (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n,
        cadres,
      },
    };
  };
  return {
    getStatus: status,
    beginWith: ({ choice }) => {
      db.transaction(() => {
        if (choice === 'demo') loadDemo(db);
        setSetting(db, 'started', '1');
      })();
      return status();
    },
    loadDemo: ({ force }) => loadDemo(db, { force }),
    listUnits: () => listUnits(db),
    listCadres: filter => listCadres(db, filter),
    getCadre: ({ id }) => getCadre(db, id),
  };
}
