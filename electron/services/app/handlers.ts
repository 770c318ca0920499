import type { AppStatus, appRoutes } from '../../../shared/contract/api';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { countCadres } from '../roster/api';
import { loadDemo } from '../demo/api';
import { getSetting, setSetting } from '../common/settings';

export function appStatus({ db, dbPath, appVersion }: ServiceContext): AppStatus {
  const cadres = countCadres(db);
  return {
    appVersion,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    dbPath,
    started: cadres > 0 || getSetting(db, 'started') === '1',
    counts: {
      units: (db.prepare('SELECT count(*) AS n FROM units WHERE abolished_at IS NULL').get() as { n: number }).n,
      cadres,
    },
  };
}

export function appHandlers(ctx: ServiceContext): HandlersOf<typeof appRoutes> {
  const { db } = ctx;
  return {
    getStatus: () => appStatus(ctx),
    beginWith: ({ choice }) => {
      db.transaction(() => {
        if (choice === 'demo') loadDemo(db);
        setSetting(db, 'started', '1');
      })();
      return appStatus(ctx);
    },
    loadDemo: ({ force }) => loadDemo(db, { force }),
  };
}
