/**
 * The 操作历史: every undoable operation of every page, newest first, with
 * who and when and the page it belongs to in words, and 撤销到此步 (the undo
 * log's undoBackTo).
 */
import type { OperationHistoryRow } from '../../../shared/contract/routes/audit';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import { listOperations, undoBackTo } from '../common/operation-log';

/** Where a step was made, as the sidebar names the page: 干部名册, 挂职批次「第四批」, 驻村干部, 考核轮次「…」. */
export function scopeText(db: Database, scope: string): string {
  const [kind, ref] = scope.split(':');
  const name = (sql: string) => (cachedStatement(db, sql).get(Number(ref)) as { name: string } | undefined)?.name;
  switch (kind) {
    case 'roster':
      return '干部名册';
    case 'secondment':
      return '挂职批次';
    case 'villages':
      return '驻村干部';
    case 'batch': {
      const batch = name(
        "SELECT p.name || ' ' || b.name AS name FROM secondment_batches b JOIN secondment_programmes p ON p.id = b.programme_id WHERE b.id = ?",
      );
      return batch ? `挂职批次「${batch}」` : '挂职批次（已删除）';
    }
    case 'round': {
      const round = name('SELECT name FROM assessment_rounds WHERE id = ?');
      return round ? `考核轮次「${round}」` : '考核轮次（已删除）';
    }
    default:
      return '其他';
  }
}

export function operationHistory(db: Database, page: { offset: number; limit: number }): { rows: OperationHistoryRow[]; total: number } {
  const { rows, total } = listOperations(db, page);
  const places = new Map<string, string>();
  const place = (scope: string) => {
    if (!places.has(scope)) places.set(scope, scopeText(db, scope));
    return places.get(scope)!;
  };
  return { rows: rows.map(r => ({ id: r.id, at: r.at, operator: r.operator, label: r.label, page: place(r.scope), undone: r.undone })), total };
}

export function undoOperationsTo(db: Database, id: number): { count: number; labels: string[] } {
  const r = undoBackTo(db, id);
  return { count: r.labels.length, labels: r.labels };
}
