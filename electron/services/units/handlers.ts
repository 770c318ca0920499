/** Handlers of shared/contract/routes/units.ts: the unit tree and its 职数. */
import type { UnitDetail, unitRoutes } from '../../../shared/contract/api';
import type { Database } from '../../db/database';
import { deliver, XLSX_MIME } from '../common/files';
import { historyState } from '../common/operation-log';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { countInUnit } from '../roster/api';
import { quotaFigures, quotaTotals } from './quota';
import { quotaXlsx, setQuota } from './quota-edit';
import { abolishUnit, createUnit, mergeUnit, moveUnit, updateUnit } from './tree';
import { unitPath, unitRow } from './units';

function unitDetail(db: Database, id: number): UnitDetail {
  const u = unitRow(db, id);
  return {
    id: u.id,
    parentId: u.parent_id,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    level: u.level,
    path: unitPath(db, id),
    abolishedAt: u.abolished_at,
    earlierNames: db.prepare('SELECT name, until FROM unit_names WHERE unit_id = ? ORDER BY until DESC, id DESC').all(id) as UnitDetail['earlierNames'],
    cadres: countInUnit(db, id),
    subUnits: db.prepare('SELECT count(*) FROM units WHERE parent_id = ? AND abolished_at IS NULL').pluck().get(id) as number,
  };
}

export function unitHandlers({ db }: ServiceContext): HandlersOf<typeof unitRoutes> {
  const history = () => ({ history: historyState(db) });
  return {
    getUnit: ({ id }) => unitDetail(db, id),
    createUnit: ({ parentId, index, ...fields }) => ({ id: createUnit(db, parentId, fields, index), ...history() }),
    updateUnit: ({ id, renamedOn, ...fields }) => {
      updateUnit(db, id, fields, renamedOn);
      return history();
    },
    moveUnit: ({ id, parentId, index }) => {
      moveUnit(db, id, parentId, index);
      return history();
    },
    mergeUnit: ({ id, into, date }) => ({ ...mergeUnit(db, id, into, date), ...history() }),
    abolishUnit: ({ id, date }) => {
      abolishUnit(db, id, date);
      return history();
    },
    setQuota: q => {
      setQuota(db, q);
      return history();
    },
    quotaReport: ({ unitId }) => {
      const rows = quotaFigures(db, unitId);
      return { rows, total: quotaTotals(rows) };
    },
    exportQuotaReport: async ({ unitId, outPath }) => {
      const { fileName, bytes } = await quotaXlsx(db, unitId);
      return deliver(fileName, XLSX_MIME, bytes, outPath, ['.xlsx']);
    },
  };
}
