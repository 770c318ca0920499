import type { Database } from '../db/database';
import { operatorName } from './settings';

export interface AuditEntry {
  entity: string;
  entityId?: number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Records one change; call inside the same transaction as the change itself. */
export function audit(db: Database, entry: AuditEntry): void {
  db.prepare(
    'INSERT INTO audit_log(operator, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    operatorName(db),
    entry.entity,
    entry.entityId ?? null,
    entry.action,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}
