import type { rosterRoutes } from '../../shared/api';
import { cadreAuditLog } from './audit';
import { applyCadreChanges, setCadresDeleted } from './cadre-writes';
import { getCadre, listCadres, selectCadreRows } from './cadres';
import type { ServiceContext } from './context';
import type { HandlersOf } from './dispatcher';
import { historyState, stepHistory } from './history';
import { rosterPage } from './roster-page';
import { listUnits } from './units';

export function rosterHandlers({ db }: ServiceContext): HandlersOf<typeof rosterRoutes> {
  /** The rows as they are now, including any that just moved to the 回收站. */
  const rowsById = (ids: number[]) =>
    ids.length ? selectCadreRows(db, { where: [`c.id IN (${ids.map(Number).join(',')})`] }) : [];
  return {
    listUnits: () => listUnits(db),
    listCadres: filter => listCadres(db, filter),
    getCadre: ({ id }) => getCadre(db, id),
    queryCadrePage: req => rosterPage(db, req),
    saveCadres: changes => {
      const result = applyCadreChanges(db, changes);
      return {
        updated: result.updated,
        created: result.created,
        warnings: result.warnings,
        rows: rowsById([...result.updated, ...result.created]),
        history: historyState(db),
      };
    },
    setCadresDeleted: ({ ids, deleted }) => ({ count: setCadresDeleted(db, ids, deleted).count, history: historyState(db) }),
    listDeletedCadres: () => listCadres(db, { deleted: true }),
    getHistory: () => historyState(db),
    stepHistory: ({ direction }) => ({ ...stepHistory(db, direction), history: historyState(db) }),
    cadreAuditLog: ({ id }) => cadreAuditLog(db, id),
  };
}
