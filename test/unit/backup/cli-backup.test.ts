/** `cadre backup`, `cadre restore`, `cadre check` through the built CLI (dist/electron/cli.cjs). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../../../electron/db/database';
import { addCadres, corruptPage, dumpRows } from '../../support/backup-db';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
let dataDir: string;
let dbPath: string;
beforeEach(() => {
  tmp = tempDir();
  dataDir = path.join(tmp.dir, 'data');
  dbPath = path.join(dataDir, 'cadre-desk.db');
});
afterEach(() => tmp.cleanup());

const cadre = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

const cadreCount = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cadres WHERE deleted_at IS NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('cadre backup / restore / check', () => {
  it('backup --out writes a complete file; it refuses to overwrite; without --out a manual snapshot', () => {
    expect(cadre('demo').code).toBe(0);
    const out = path.join(tmp.dir, 'U盘', '备份.db');
    fs.mkdirSync(path.dirname(out));
    const r = cadre('backup', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ file: out, size: fs.statSync(out).size });
    expect(cadreCount(out)).toBe(600);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['备份.db']); // no -journal, -wal or .partial left

    const again = cadre('backup', '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/已存在/);
    expect(cadre('backup', '--out', dbPath).code).toBe(1);
    const notDb = cadre('backup', '--out', path.join(tmp.dir, '备份.txt'));
    expect(notDb.code).toBe(1);
    expect(notDb.err).toMatch(/备份文件名应以 \.db 结尾/);
    expect(cadre('backup', '--out', path.join(tmp.dir, 'missing-folder', 'x.db')).err).toMatch(/不存在/);

    const manual = cadre('backup');
    expect(manual.code).toBe(0);
    expect(manual.out).toMatch(/已备份到「.*backups.*-manual\.db」/);
  });

  it('backup of a data folder with no database: exit 1, nothing created', () => {
    const r = cadre('backup', '--out', path.join(tmp.dir, 'x.db'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/不存在/);
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it('check: ok (text and --json) on a good file, exit 1 with the Chinese reason on a damaged or foreign one', () => {
    expect(cadre('demo').code).toBe(0);
    const ok = cadre('check');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^ok/);
    expect(ok.out).toContain('干部 588 名'); // in the roster: 12 of the demo's 600 are in the 历史库
    const okJson = JSON.parse(cadre('check', '--json').out);
    expect(okJson).toEqual({ ok: true, file: dbPath, schemaVersion: SCHEMA_VERSION, counts: { cadres: 588, batches: 4, rounds: 1 }, networkWarning: null });
    expect(fs.readdirSync(dataDir).filter(f => /-(wal|shm)$/.test(f))).toEqual([]); // a closed file stays closed

    const copy = path.join(tmp.dir, 'copy.db');
    expect(cadre('backup', '--out', copy).code).toBe(0);
    expect(cadre('check', copy).code).toBe(0);

    corruptPage(copy);
    const bad = cadre('check', copy);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/已损坏/);
    const badJson = cadre('check', copy, '--json');
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.out)).toMatchObject({ ok: false, code: 'CORRUPT' });

    const foreign = path.join(tmp.dir, 'foreign.db');
    const other = new BetterSqlite3(foreign);
    other.exec('CREATE TABLE invoices(id INTEGER PRIMARY KEY)');
    other.close();
    const f = cadre('check', foreign);
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/不是干部工作台的数据文件/);

    const text = path.join(tmp.dir, 'notes.txt');
    fs.writeFileSync(text, '这不是数据库');
    expect(cadre('check', text).code).toBe(1);
    expect(cadre('check', path.join(tmp.dir, 'nope.db')).err).toMatch(/不存在/);
  });

  it('restore FILE replaces the data and keeps a pre-restore snapshot; a foreign file exits 1 and changes nothing', () => {
    expect(cadre('demo').code).toBe(0);
    const small = path.join(tmp.dir, 'small.db');
    const s = new BetterSqlite3(small);
    s.close();
    // a backup of a different, smaller database: build it with the CLI itself
    const otherDir = path.join(tmp.dir, 'other');
    const o = openDatabase(path.join(otherDir, 'cadre-desk.db'));
    o.exec("INSERT INTO units(name) VALUES ('某县委组织部')");
    o.prepare('INSERT INTO cadres(unit_id, name) VALUES (1, ?)').run('王五');
    o.close();
    const out = path.join(tmp.dir, 'other-backup.db');
    expect(runCli(['--data-dir', otherDir, 'backup', '--out', out]).code).toBe(0);

    const before = dumpRows(dbPath);
    const refused = cadre('restore', small); // an empty SQLite file: not ours
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/无法恢复/);
    expect(dumpRows(dbPath)).toBe(before);

    const r = cadre('restore', out, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.counts).toEqual({ cadres: 1, batches: 0, rounds: 0 });
    expect(cadreCount(dbPath)).toBe(1);
    expect(path.basename(result.preRestore)).toMatch(/-pre-restore\.db$/);
    expect(cadreCount(result.preRestore)).toBe(600);
    expect(cadre('check').code).toBe(0);
  });

  it('restore onto a damaged data file keeps the damaged file as a copy and installs the backup', () => {
    expect(cadre('demo').code).toBe(0);
    const good = path.join(tmp.dir, 'good.db');
    expect(cadre('backup', '--out', good).code).toBe(0);
    corruptPage(dbPath);
    expect(cadre('check').code).toBe(1);
    const r = cadre('restore', good);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已损坏/);
    expect(r.out).toMatch(/另存为/);
    expect(fs.readdirSync(dataDir).some(f => /^cadre-desk\.db\.damaged-/.test(f))).toBe(true);
    expect(cadre('check').code).toBe(0);
    expect(cadreCount(dbPath)).toBe(600);
  });

  it('backup --set-dir sets the backup folder (browser mode has no other way); a missing folder is refused; --default-dir goes back', () => {
    expect(cadre('demo').code).toBe(0);
    const usb = path.join(tmp.dir, 'U盘备份');
    const missing = cadre('backup', '--set-dir', usb);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/不存在/);
    fs.mkdirSync(usb);
    const set = cadre('backup', '--set-dir', usb);
    expect(set.code).toBe(0);
    expect(set.out).toContain(`备份文件夹已设为「${usb}」`);
    expect(fs.readdirSync(usb)).toEqual([]); // setting the folder takes no snapshot
    expect(cadre('backup').code).toBe(0);
    expect(fs.readdirSync(usb).filter(f => f.endsWith('-manual.db'))).toHaveLength(1);
    expect(JSON.parse(cadre('backup', '--default-dir', '--json').out)).toEqual({ backupDir: path.join(dataDir, 'backups') });
    expect(cadre('backup', '--default-dir', '--set-dir', usb).code).toBe(2);
  });

  it('usage errors exit 2', () => {
    expect(cadre('restore').code).toBe(2);
    expect(cadre('check', 'a', 'b').code).toBe(2);
    expect(cadre('backup', '--out').code).toBe(2);
  });
});

/**
 * The state of a live WAL database while a checkpoint is half done: page 1 (with the new,
 * larger page count) is already in the main file, the pages beyond the old end are still only
 * in the WAL. SQLite reads it correctly through the WAL; the main file alone looks cut short.
 */
function checkpointHalfDone(file: string): void {
  const wal = fs.readFileSync(`${file}-wal`);
  const pageSize = wal.readUInt32BE(8);
  let page1: Buffer | null = null;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at) === 1) page1 = wal.subarray(at + 24, at + 24 + pageSize);
  }
  if (!page1) throw new Error('no page 1 in the WAL');
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, page1, 0, pageSize, 0);
  fs.closeSync(fd);
}

describe('cadre check on the live database', () => {
  it('a healthy live database whose WAL holds committed pages is ok, checked in place (nothing in /tmp, nothing left)', () => {
    openDatabase(dbPath).close();
    const app = openDatabase(dbPath); // the app, still running
    try {
      app.pragma('wal_autocheckpoint = 0');
      addCadres(app, 400);
      checkpointHalfDone(dbPath);
      const header = fs.readFileSync(dbPath).subarray(0, 100);
      expect(header.readUInt32BE(28) * header.readUInt16BE(16)).toBeGreaterThan(fs.statSync(dbPath).size);
      const tmpBefore = fs.readdirSync(os.tmpdir()).filter(f => f.startsWith('.cadre-check-'));
      const before = fs.readdirSync(dataDir).sort();

      const live = cadre('check', '--json');
      expect(live.err).toBe('');
      expect(live.code).toBe(0);
      expect(JSON.parse(live.out)).toMatchObject({ ok: true, counts: { cadres: 400 } });
      // named by its path, the live file is checked the same way
      expect(cadre('check', dbPath).code).toBe(0);

      expect(fs.readdirSync(os.tmpdir()).filter(f => f.startsWith('.cadre-check-'))).toEqual(tmpBefore);
      expect(fs.readdirSync(dataDir).sort()).toEqual(before);
      expect((app.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n).toBe(400);
    } finally {
      app.close();
    }
  });

  it('a closed file (a backup, or the live file with no -wal) still gets the header test: cut short is 不完整', () => {
    expect(cadre('demo').code).toBe(0);
    const copy = path.join(tmp.dir, 'cut.db');
    expect(cadre('backup', '--out', copy).code).toBe(0);
    fs.truncateSync(copy, Math.floor(fs.statSync(copy).size / 2 / 4096) * 4096);
    const r = cadre('check', copy);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/不完整/);
    // the live file, closed (no -wal): the same test
    fs.truncateSync(dbPath, Math.floor(fs.statSync(dbPath).size / 2 / 4096) * 4096);
    const live = cadre('check');
    expect(live.code).toBe(1);
    expect(live.err).toMatch(/不完整/);
  });
});
