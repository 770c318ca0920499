/** The data folder and the database with its -wal and -shm files are owner-only (POSIX). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { tempDir } from '../../support/temp';

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private files', () => {
  it('a new data folder is 0700 and the database, -wal and -shm are 0600 under a permissive umask', () => {
    const tmp = tempDir();
    const old = process.umask(0o022);
    try {
      const dir = path.join(tmp.dir, 'CadreDesk');
      const file = path.join(dir, 'cadre-desk.db');
      const db = openDatabase(file);
      db.prepare("INSERT INTO settings(key, value) VALUES ('k', 'v')").run();
      expect(modeOf(dir)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      db.close();
    } finally {
      process.umask(old);
      tmp.cleanup();
    }
  });

  it('an existing world-readable database is tightened at open; an existing folder is left alone', () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'cadre-desk.db');
      openDatabase(file).close();
      fs.chmodSync(file, 0o644);
      fs.chmodSync(tmp.dir, 0o755);
      openDatabase(file).close();
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(tmp.dir)).toBe(0o755);
    } finally {
      tmp.cleanup();
    }
  });
});
