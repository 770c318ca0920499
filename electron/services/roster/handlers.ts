import type { rosterRoutes } from '../../../shared/contract/api';
import { cadreAuditLog } from '../common/audit';
import { applyCadreChanges, setCadresDeleted } from './writes';
import { getCadre, listCadres, selectCadreRows } from './cadres';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { historyState, stepHistory } from '../common/operation-log';
import { rosterPage } from './page';
import { listUnits } from '../units/api';
import { compileQuery, queryCadreIds } from './query';
import { deleteView, listViews, saveView } from './views';
import { todayCanonical } from '../../../shared/domain/common/dates';
import { withDrill } from '../stats/api';

export function rosterHandlers({ db }: ServiceContext): HandlersOf<typeof rosterRoutes> {
  /** The rows as they are now, including any that just moved to the 回收站. */
  const rowsById = (ids: number[]) => (ids.length ? selectCadreRows(db, { where: [`c.id IN (${ids.map(Number).join(',')})`] }) : []);
  return {
    listUnits: () => listUnits(db),
    listCadres: filter => listCadres(db, filter),
    getCadre: ({ id }) => getCadre(db, id),
    listCadreRecords: ({ query, status }) =>
      queryCadreIds(db, query ?? {}, { today: todayCanonical(), history: status === 'history' }).map(id => getCadre(db, id)),
    queryCadrePage: ({ query, drill, ...req }) => {
      const compiled = query ? compileQuery(query, { today: todayCanonical(), history: req.history }) : undefined;
      const extra = compiled && { ctes: compiled.ctes, where: [compiled.sql], params: compiled.params };
      return rosterPage(db, { ...req, extra: withDrill(db, drill, extra) });
    },
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
    getHistory: ({ scope }) => historyState(db, scope),
    stepHistory: ({ direction, scope }) => ({ ...stepHistory(db, direction, { scope }), history: historyState(db, scope) }),
    listViews: () => listViews(db),
    saveView: view => saveView(db, view),
    deleteView: ({ id }) => ({ deleted: deleteView(db, id) }),
    cadreAuditLog: ({ id }) => cadreAuditLog(db, id),
  };
}
