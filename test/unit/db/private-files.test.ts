/** The data folder and the database with its -wal and -shm files are owner-only (POSIX). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { backupToFile, snapshotOnStart, takeSnapshot } from '../../../electron/services/backup/backup';
import { writeExport } from '../../../electron/services/common/files';
import { exportLrmxToDir } from '../../../electron/services/lrmx/files';
import { addCadres } from '../../support/backup-db';
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

  it('snapshots (and their .partial while written), backups to a file, the default backup folder and exports are owner-only', async () => {
    const tmp = tempDir();
    const old = process.umask(0o022);
    try {
      const dbPath = path.join(tmp.dir, 'data', 'cadre-desk.db');
      const db = openDatabase(dbPath);
      addCadres(db, 50);
      const backups = path.join(tmp.dir, 'data', 'backups');
      const partialModes: number[] = [];
      const snap = await takeSnapshot(db, 'manual', {
        dbPath,
        onProgress: p => {
          if (p.stage === 'verify') partialModes.push(...fs.readdirSync(backups).map(f => modeOf(path.join(backups, f))));
        },
      });
      expect(partialModes.length).toBeGreaterThan(0);
      expect(partialModes.every(m => m === 0o600)).toBe(true);
      expect(modeOf(path.dirname(snap.file))).toBe(0o700);
      expect(modeOf(snap.file)).toBe(0o600);

      // A snapshot left world-readable by an older version is tightened at the next start.
      fs.chmodSync(snap.file, 0o644);
      await snapshotOnStart(db, { dbPath });
      expect(modeOf(snap.file)).toBe(0o600);

      const out = path.join(tmp.dir, 'usb.db');
      await backupToFile(db, dbPath, out);
      expect(modeOf(out)).toBe(0o600);

      const xlsx = writeExport(path.join(tmp.dir, '名册.xlsx'), ['.xlsx'], Buffer.from('x'));
      expect(modeOf(xlsx)).toBe(0o600);
      const lrmx = exportLrmxToDir(db, [1, 2], path.join(tmp.dir, 'lrmx', '任免表'));
      expect(modeOf(lrmx.dir)).toBe(0o700);
      for (const f of lrmx.files) expect(modeOf(path.join(lrmx.dir, f)), f).toBe(0o600);
      db.close();
    } finally {
      process.umask(old);
      tmp.cleanup();
    }
  });
});
