import os from 'node:os';
import type { Database } from '../db/database';

export function getSetting(db: Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Who stamps the audit log: the name set in settings, else the OS user. */
export function operatorName(db: Database): string {
  const named = getSetting(db, 'operator');
  if (named) return named;
  try {
    return os.userInfo().username || '未署名';
  } catch {
    return '未署名';
  }
}
