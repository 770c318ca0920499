/** Handlers of shared/contract/routes/settings.ts: 本单位名称. */
import type { settingsRoutes } from '../../../shared/contract/routes/settings';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { reportingUnitName } from '../common/settings';
import { setReportingUnitName } from '../common/audit';

export function settingsHandlers({ db }: ServiceContext): HandlersOf<typeof settingsRoutes> {
  return {
    getUnitName: () => ({ name: reportingUnitName(db) }),
    setUnitName: ({ name }) => ({ name: setReportingUnitName(db, name) }),
  };
}
