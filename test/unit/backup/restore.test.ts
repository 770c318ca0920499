/**
 * Restore: the data is replaced, the current data is kept as a 'pre-restore'
 * snapshot first, and a restore that fails at any step leaves the live file
 * byte-for-byte and row-for-row as it was, with the core still working.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, SCHEMA_VERSION, type Database } from '../../../electron/db/database';
import { openCore, type Core } from '../../../electron/services/core/core';
import {
  findRecoverySnapshot,
  recoverFromSnapshot,
  restoreFrom,
  RESTORE_STEPS,
  snapshotNamesIn,
  takeSnapshot,
  validateDatabaseFile,
  type LiveDatabase,
} from '../../../electron/services/backup/backup';
import { getSetting, setSetting } from '../../../electron/services/common/settings';
import { AppError } from '../../../shared/contract/errors';
import { addCadres, corruptPage, dumpRows } from '../../support/backup-db';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let snapshotA: string;
let backups: string;

/** State A (40 cadres) is snapshotted; the live database then moves on to state B (40 + 25). */
beforeEach(async () => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  backups = path.join(tmp.dir, 'backups');
  addCadres(core.db, 40, '甲');
  snapshotA = (await takeSnapshot(core.db, 'manual', { dbPath: core.dbPath, now: new Date(2026, 10, 1, 9, 0, 0) })).file;
  addCadres(core.db, 25, '乙');
  quiet();
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

/**
 * A quiet moment: reopen (as the app does at start) and checkpoint, so the main
 * file holds everything and the WAL is empty. From here the main file changes
 * only if something writes and checkpoints. (Opening runs `PRAGMA optimize`,
 * which may refresh the planner statistics in sqlite_stat1; that lands in the
 * WAL, so it shows in neither the main file's bytes nor the rows compared.)
 */
function quiet() {
  core.reopen();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
}

const cadreCount = (db: Database) => (db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n;

function liveState() {
  return { bytes: fs.readFileSync(core.dbPath), rows: dumpRows(core.dbPath) };
}

/** Only the live file, its WAL sidecars and the backup folder: no temp or keep files left behind. */
function dataDirEntries(): string[] {
  return fs.readdirSync(tmp.dir).filter(e => !/^cadre-desk\.db(-wal|-shm)?$/.test(e) && e !== 'backups');
}

async function expectStatusCadres(n: number) {
  const status = await core.dispatch('getStatus', {});
  expect(status).toMatchObject({ ok: true, data: { counts: { cadres: n } } });
}

describe('restoreFrom', () => {
  it('replaces the data, keeps the current data as a pre-restore snapshot, and the core works on', async () => {
    const dispatch = core.dispatch;
    const rowsB = dumpRows(core.dbPath);
    const r = await restoreFrom(core, snapshotA, { now: new Date(2026, 10, 2, 10, 0, 0) });
    expect(r.counts).toEqual({ cadres: 40, batches: 0, rounds: 0 });
    expect(r.fromSchemaVersion).toBe(SCHEMA_VERSION);
    expect(cadreCount(core.db)).toBe(40);
    // the restored data is snapshot A plus one audit entry recording the restore itself
    const entries = core.db.prepare('SELECT entity, action, after FROM audit_log').all() as { entity: string; action: string; after: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity: 'database', action: 'restore' });
    expect(JSON.parse(entries[0].after)).toEqual({ from: path.basename(snapshotA), preRestore: 'cadre-desk-2026-11-02T100000-pre-restore.db', cadres: 40 });
    core.db.prepare('DELETE FROM audit_log').run();
    expect(dumpRows(core.dbPath)).toBe(dumpRows(snapshotA));

    // the pre-restore snapshot holds state B, row for row
    expect(r.preRestore.kind).toBe('pre-restore');
    expect(r.preRestore.name).toBe('cadre-desk-2026-11-02T100000-pre-restore.db');
    expect(r.preRestore.counts).toEqual({ cadres: 65, batches: 0, rounds: 0 });
    expect(dumpRows(r.preRestore.file)).toBe(rowsB);

    // the dispatcher the transports hold is the same function, and it sees the restored data
    expect(core.dispatch).toBe(dispatch);
    await expectStatusCadres(40);
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(dataDirEntries()).toEqual([]);
    expect(
      snapshotNamesIn(backups)
        .map(s => s.kind)
        .sort(),
    ).toEqual(['manual', 'pre-restore']);
  });

  it('migrates an older file and keeps this machine’s backup folder setting', async () => {
    const old = path.join(tmp.dir, 'old-v1.db');
    const raw = new BetterSqlite3(old);
    raw.pragma('journal_mode = DELETE');
    migrate(raw, 1);
    raw.exec("INSERT INTO units(name) VALUES ('市委组织部'); INSERT INTO cadres(unit_id, name) VALUES (1, '张三'), (1, '李四')");
    raw.prepare("INSERT INTO settings(key, value) VALUES ('backupDir', '/somewhere/else')").run();
    raw.close();
    const usb = path.join(tmp.dir, 'usb');
    fs.mkdirSync(usb);
    setSetting(core.db, 'backupDir', usb);

    const r = await restoreFrom(core, old);
    expect(r.fromSchemaVersion).toBe(1);
    expect(core.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(cadreCount(core.db)).toBe(2);
    expect(getSetting(core.db, 'backupDir')).toBe(usb);
    expect(path.dirname(r.preRestore.file)).toBe(usb);
    fs.rmSync(old);
  });

  describe('a failure at any step leaves the live database exactly as it was', () => {
    it.each(RESTORE_STEPS.map(s => [s]))('step %s', async step => {
      const before = liveState();
      const err = await restoreFrom(core, snapshotA, {
        beforeStep: s => {
          if (s === step) throw new Error(`injected failure at ${s}`);
        },
      }).catch(e => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toMatch(/[\u4e00-\u9fff]/);
      expect((err as AppError).message).toContain('当前数据未被改动');
      // the core reopened the same file and works
      await expectStatusCadres(65);
      const after = liveState();
      expect(after.rows).toBe(before.rows);
      expect(after.bytes.equals(before.bytes)).toBe(true);
      expect(dataDirEntries()).toEqual([]);
    });

    it('a candidate that fails validation: refused before anything is touched (no pre-restore snapshot)', async () => {
      const before = liveState();
      const foreign = path.join(tmp.dir, 'foreign.db');
      const other = new BetterSqlite3(foreign);
      other.exec('CREATE TABLE invoices(id INTEGER PRIMARY KEY)');
      other.close();
      await expect(restoreFrom(core, foreign)).rejects.toMatchObject({ code: 'FOREIGN_DB', message: expect.stringMatching(/不是干部工作台的数据文件/) });
      const damaged = path.join(tmp.dir, 'damaged.db');
      fs.copyFileSync(snapshotA, damaged);
      corruptPage(damaged);
      await expect(restoreFrom(core, damaged)).rejects.toMatchObject({ message: expect.stringMatching(/已损坏/) });
      await expect(restoreFrom(core, core.dbPath)).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(snapshotNamesIn(backups).map(s => s.kind)).toEqual(['manual']);
      fs.rmSync(foreign);
      fs.rmSync(damaged);
      expect(liveState().bytes.equals(before.bytes)).toBe(true);
    });

    it('the backup folder is gone (USB drive pulled): no pre-restore snapshot, so no restore', async () => {
      const usb = path.join(tmp.dir, 'usb');
      fs.mkdirSync(usb);
      setSetting(core.db, 'backupDir', usb);
      quiet();
      const before = liveState();
      fs.rmSync(usb, { recursive: true });
      await expect(restoreFrom(core, snapshotA)).rejects.toMatchObject({ message: expect.stringMatching(/恢复前需要先为当前数据保存快照.*不存在/) });
      const after = liveState();
      expect(after.rows).toBe(before.rows);
      expect(after.bytes.equals(before.bytes)).toBe(true);
    });

    it('another program has the database open: refused before the pre-restore snapshot, file untouched', async () => {
      const before = liveState();
      const other = new BetterSqlite3(core.dbPath);
      other.prepare('SELECT count(*) FROM cadres').get();
      const steps: string[] = [];
      try {
        await expect(restoreFrom(core, snapshotA, { beforeStep: s => void steps.push(s) })).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(/正被其他程序/),
        });
        expect(steps).toEqual(['validate']);
        expect(snapshotNamesIn(backups).map(s => s.kind)).toEqual(['manual']); // no pre-restore snapshot written
        expect(dataDirEntries()).toEqual([]);
        await expectStatusCadres(65);
        const after = liveState();
        expect(after.rows).toBe(before.rows);
        expect(after.bytes.equals(before.bytes)).toBe(true);
      } finally {
        other.close();
      }
    });

    it('the restored file cannot be opened: the old file is put back', async () => {
      core.close();
      let db = openDatabase(core.dbPath);
      db.pragma('wal_checkpoint(TRUNCATE)');
      let reopens = 0; // the first is the in-use probe, the second follows the swap and fails
      const live: LiveDatabase = {
        get db() {
          return db;
        },
        dbPath: core.dbPath,
        reopen(swap) {
          db.close();
          if (swap) {
            try {
              swap();
            } catch (err) {
              db = openDatabase(core.dbPath);
              throw err;
            }
          }
          if (++reopens === 2) throw new Error('simulated: cannot open the new file');
          db = openDatabase(core.dbPath);
          return db;
        },
      };
      const before = fs.readFileSync(core.dbPath);
      const rows = dumpRows(core.dbPath);
      await expect(restoreFrom(live, snapshotA)).rejects.toMatchObject({ message: expect.stringMatching(/cannot open the new file/) });
      expect(cadreCount(live.db)).toBe(65);
      expect(fs.readFileSync(core.dbPath).equals(before)).toBe(true);
      expect(dumpRows(core.dbPath)).toBe(rows);
      live.db.close();
      expect(dataDirEntries()).toEqual([]);
      core = openCore({ dataDir: tmp.dir, appVersion: 'test' }); // for afterEach
    });
  });
});

describe('recovery of a damaged database (no open handle)', () => {
  it('finds the newest good snapshot, skipping a damaged newer one, and installs it; the damaged file is kept', async () => {
    const newer = (await takeSnapshot(core.db, 'manual', { dbPath: core.dbPath, now: new Date(2026, 10, 5, 9, 0, 0) })).file;
    corruptPage(newer); // the newest snapshot is itself damaged
    core.close();
    corruptPage(core.dbPath);
    const damagedBytes = fs.readFileSync(core.dbPath);

    const found = findRecoverySnapshot(core.dbPath);
    expect(found?.file).toBe(snapshotA);
    expect(found?.counts.cadres).toBe(40);

    const r = recoverFromSnapshot(core.dbPath, found!.file, { now: new Date(2026, 10, 6, 8, 0, 0) });
    expect(r.counts.cadres).toBe(40);
    expect(r.damagedCopy).toBe(`${core.dbPath}.damaged-2026-11-06T080000`);
    expect(fs.readFileSync(r.damagedCopy!).equals(damagedBytes)).toBe(true);
    expect(validateDatabaseFile(core.dbPath, { live: true })).toMatchObject({ ok: true, counts: { cadres: 40 } });
    core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
    await expectStatusCadres(40);
  });

  it('no good snapshot: null', () => {
    core.close();
    fs.rmSync(backups, { recursive: true });
    expect(findRecoverySnapshot(core.dbPath)).toBeNull();
    core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  });
});
