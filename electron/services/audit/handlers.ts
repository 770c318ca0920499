import type { auditRoutes, OperatorInfo } from '../../../shared/contract/routes/audit';
import { todayCanonical } from '../../../shared/domain/common/dates';
import type { Database } from '../../db/database';
import { setOperatorName } from '../common/audit';
import { auditOperators, auditPage } from './query';
import { buildAuditXlsx } from './xlsx';
import { operationHistory, undoOperationsTo } from './history';
import { XLSX_MIME } from '../common/files';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { savedOperatorName, suggestedOperatorName } from '../common/settings';

export function operatorInfo(db: Database): OperatorInfo {
  return { name: savedOperatorName(db), suggested: suggestedOperatorName() };
}

export function auditHandlers({ db }: ServiceContext): HandlersOf<typeof auditRoutes> {
  return {
    getOperator: () => operatorInfo(db),
    setOperator: ({ name }) => {
      setOperatorName(db, name);
      return operatorInfo(db);
    },
    queryAuditLog: input => auditPage(db, input),
    listAuditOperators: () => auditOperators(db),
    listOperationHistory: page => operationHistory(db, page),
    undoOperationsTo: ({ id }) => undoOperationsTo(db, id),
    exportAuditLog: async input => {
      const { bytes, rows } = await buildAuditXlsx(db, input);
      return { fileName: `审计日志_${todayCanonical().replaceAll('-', '')}.xlsx`, mime: XLSX_MIME, base64: bytes.toString('base64'), rows };
    },
  };
}
