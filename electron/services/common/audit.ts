import type { AuditEntry } from '../../../shared/contract/api';
import { normalizeOperatorName, normalizeUnitName } from '../../../shared/domain/audit/text';
import { AppError } from '../../../shared/contract/errors';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { AUDIT_TABLES, shownAuditKeys } from '../../../shared/domain/audit/fields';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS } from './cadre-columns';
import { OPERATOR_SETTING, operatorName, REPORTING_UNIT_SETTING, reportingUnitName, savedOperatorName, setSetting } from './settings';

/** Column name → field key, for showing audit entries with Chinese labels. */
export const FIELD_OF_COLUMN: Record<string, string> = {
  ...Object.fromEntries(Object.entries({ ...CADRE_SCALAR_COLUMNS, ...CADRE_FORM_COLUMNS }).map(([k, c]) => [c, k])),
  unit_id: 'unitId',
  deleted_at: 'deleted',
};

export interface AuditRecord {
  /** Who; defaults to the operator named in settings (pass it when writing many entries). */
  operator?: string;
  entity: string;
  entityId?: number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Records one change; call inside the same transaction as the change itself. */
export function audit(db: Database, entry: AuditRecord): void {
  cachedStatement(db, 'INSERT INTO audit_log(operator, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?)').run(
    entry.operator ?? operatorName(db),
    entry.entity,
    entry.entityId ?? null,
    entry.action,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}

/** 修改记录: one cadre's audit entries, newest first, with Chinese field labels. */
export function cadreAuditLog(db: Database, cadreId: number): AuditEntry[] {
  const rows = db
    .prepare("SELECT id, at, operator, action, before, after FROM audit_log WHERE entity = 'cadre' AND entity_id = ? ORDER BY id DESC")
    .all(cadreId) as { id: number; at: string; operator: string; action: string; before: string | null; after: string | null }[];
  return rows.map(r => {
    const before = (r.before ? JSON.parse(r.before) : {}) as Record<string, unknown>;
    const after = (r.after ? JSON.parse(r.after) : {}) as Record<string, unknown>;
    // Only what the audit map shows of a cadre: no id, sort order or timestamps.
    const fields = shownAuditKeys(AUDIT_TABLES.cadre, [...Object.keys(before), ...Object.keys(after)]);
    return {
      id: r.id,
      at: r.at,
      operator: r.operator,
      action: r.action,
      changes: fields.map(col => {
        const field = FIELD_OF_COLUMN[col] ?? col;
        return { field, label: fieldLabel(field), before: before[col] ?? null, after: after[col] ?? null };
      }),
    };
  });
}

/** Records many changes at once (bulk operations: an import audits every cadre it wrote). */
export function auditMany(db: Database, entries: readonly AuditRecord[]): void {
  if (!entries.length) return;
  const fallback = entries.some(e => e.operator === undefined) ? operatorName(db) : '';
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const columns = ['operator', 'entity', 'entity_id', 'action', 'before', 'after'];
  const one = '(?, ?, ?, ?, ?, ?)';
  for (let at = 0; at < entries.length; at += 100) {
    const chunk = entries.slice(at, at + 100);
    const values: unknown[] = [];
    for (const e of chunk) values.push(e.operator ?? fallback, e.entity, e.entityId ?? null, e.action, json(e.before), json(e.after));
    cachedStatement(db, `INSERT INTO audit_log(${columns.join(', ')}) VALUES ${Array(chunk.length).fill(one).join(', ')}`).run(values);
  }
}
/**
 * Saves a setting the user names (checked by `normalize`) and logs the change
 * under `auditKey`; nothing happens when it is unchanged. `stampedBy` signs the
 * entry (the new operator signs his own name).
 */
function saveNamedSetting(
  db: Database,
  raw: string,
  s: {
    key: string;
    auditKey: string;
    normalize: (raw: string) => { ok: true; value: string } | { ok: false; message: string };
    current: () => string | null;
    stampedBy?: (value: string) => string;
  },
): string {
  const name = s.normalize(raw);
  if (!name.ok) throw new AppError('VALIDATION', name.message);
  db.transaction(() => {
    const before = s.current();
    if (before === name.value) return;
    setSetting(db, s.key, name.value);
    audit(db, {
      operator: s.stampedBy?.(name.value),
      entity: 'settings',
      action: s.auditKey,
      before: { [s.auditKey]: before },
      after: { [s.auditKey]: name.value },
    });
  })();
  return name.value;
}

/** Sets the operator name (操作员姓名) that stamps every later change; the change itself is logged. */
export function setOperatorName(db: Database, raw: string): string {
  return saveNamedSetting(db, raw, {
    key: OPERATOR_SETTING,
    auditKey: 'operator',
    normalize: normalizeOperatorName,
    current: () => savedOperatorName(db),
    stampedBy: name => name,
  });
}

/** Sets 本单位名称 (the 填报单位 of every export); the change itself is logged. */
export function setReportingUnitName(db: Database, raw: string): string {
  return saveNamedSetting(db, raw, { key: REPORTING_UNIT_SETTING, auditKey: 'unitName', normalize: normalizeUnitName, current: () => reportingUnitName(db) });
}

/** A copy of all data taken on request (立即备份, `cadre backup`): who copied the personnel records, and where to. */
export function recordBackup(db: Database, copy: { name: string; file?: string }): void {
  audit(db, { entity: 'database', action: 'backup', after: copy });
}
