import os from 'node:os';
import type { Database } from '../../db/database';

export function getSetting(db: Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The settings key of the operator name (操作员姓名), asked for at first start. */
export const OPERATOR_SETTING = 'operator';

/** What the first start proposes: the OS user name, else 操作员. */
export function suggestedOperatorName(): string {
  try {
    return os.userInfo().username.trim() || '操作员';
  } catch {
    return '操作员';
  }
}

/** The operator name the user set, or null before anyone has (the app then asks). */
export function savedOperatorName(db: Database): string | null {
  return getSetting(db, OPERATOR_SETTING)?.trim() || null;
}

/** Who stamps the audit log: the name set in settings, else the OS user. */
export function operatorName(db: Database): string {
  return savedOperatorName(db) ?? suggestedOperatorName();
}

/** The settings key of 本单位名称 (the 填报单位 of every export, the .lrmx ChengBaoDanWei). */
export const REPORTING_UNIT_SETTING = 'reporting_unit';

/** 本单位名称 as the user set it; '' before anyone has (the 填报单位 line is then left blank). */
export function reportingUnitName(db: Database): string {
  return getSetting(db, REPORTING_UNIT_SETTING)?.trim() ?? '';
}
