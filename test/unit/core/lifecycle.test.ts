/**
 * The one start-up sequence (services/core/lifecycle.ts) the app, the web
 * host and the CLI share: which file, the quick check with the recovery
 * hook, the open, the start snapshot and the exit snapshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listSnapshots, takeSnapshot } from '../../../electron/services/backup/backup';
import { afterOpen, checkDataFile, dataFile, exitSnapshot, openData, prepareDataFolder, type Damaged } from '../../../electron/services/core/lifecycle';
import { addCadres, corruptPage } from '../../support/backup-db';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  tmp.cleanup();
  vi.restoreAllMocks();
});

describe('dataFile', () => {
  it('takes --db over --data-dir over CADRE_DATA_DIR, and creates nothing', () => {
    const dir = path.join(tmp.dir, 'a', 'b');
    expect(dataFile({ argv: ['--data-dir', dir], env: {} })).toEqual({ dataDir: dir, dbPath: path.join(dir, 'cadre-desk.db') });
    expect(dataFile({ env: { CADRE_DATA_DIR: dir } }).dbPath).toBe(path.join(dir, 'cadre-desk.db'));
    expect(dataFile({ dbPath: '/x/y.db', dataDir: dir }).dbPath).toBe('/x/y.db');
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('prepareDataFolder', () => {
  it('creates a missing folder owner-only and leaves nothing in it', () => {
    const dir = path.join(tmp.dir, 'a', 'b');
    prepareDataFolder(dir);
    expect(fs.readdirSync(dir)).toEqual([]);
    if (process.platform !== 'win32') expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('a file in its place: STORAGE in Chinese with the folder and --data-dir, the system error in details', () => {
    const dir = path.join(tmp.dir, 'data');
    fs.writeFileSync(dir, 'x');
    let caught: unknown;
    try {
      prepareDataFolder(dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({
      code: 'STORAGE',
      message: expect.stringMatching(new RegExp(`^无法使用数据文件夹「${dir}」：这个位置（或它的上级）是一个文件，不是文件夹。\n.*--data-dir`)),
      details: { code: 'EEXIST', message: expect.stringContaining('EEXIST') },
    });
  });
});

describe('checkDataFile and openData', () => {
  it('opens a missing or sound file without asking; refuses a folder in Chinese', async () => {
    const { dataDir, dbPath } = dataFile({ dataDir: tmp.dir });
    const hook = vi.fn(() => false);
    expect(await checkDataFile(dbPath, hook)).toBe(true);
    openData({ dataDir, dbPath, appVersion: 'test' }).close();
    expect(await checkDataFile(dbPath, hook)).toBe(true);
    expect(hook).not.toHaveBeenCalled();
    const folder = path.join(tmp.dir, 'folder.db');
    fs.mkdirSync(folder);
    expect(() => openData({ dbPath: folder, appVersion: 'test' })).toThrow(/是目录/);
  });

  it('a damaged file is offered the newest good snapshot; recovering replaces it', async () => {
    const { dataDir, dbPath } = dataFile({ dataDir: tmp.dir });
    const core = openData({ dataDir, dbPath, appVersion: 'test' });
    addCadres(core.db, 30);
    const snap = await takeSnapshot(core.db, 'daily', { dbPath, now: new Date(2026, 10, 20, 8, 30, 0) });
    addCadres(core.db, 10, '后来');
    core.close();
    corruptPage(dbPath);

    let seen: Damaged | undefined;
    expect(await checkDataFile(dbPath, d => ((seen = d), false))).toBe(false);
    expect(seen).toMatchObject({ dbPath, reason: expect.stringMatching(/已损坏/), found: { file: snap.file, counts: { cadres: 30 } } });
    expect(await checkDataFile(dbPath, d => (d.recover(), true))).toBe(true);
    const again = openData({ dataDir, dbPath, appVersion: 'test' });
    expect(again.db.prepare('SELECT count(*) AS n FROM cadres').get()).toEqual({ n: 30 });
    again.close();
    expect(fs.readdirSync(tmp.dir).some(f => f.includes('.damaged-'))).toBe(true);
  });
});

describe('afterOpen and exitSnapshot', () => {
  it('takes the day’s first snapshot in the background, and one at exit', async () => {
    const { dataDir, dbPath } = dataFile({ dataDir: tmp.dir });
    const core = openData({ dataDir, dbPath, appVersion: 'test' });
    addCadres(core.db, 5);
    const hooks = { networkWarning: vi.fn(), snapshotFailed: vi.fn() };
    afterOpen(core, dbPath, hooks);
    await vi.waitFor(() => expect(listSnapshots(path.join(dataDir, 'backups')).map(s => s.kind)).toEqual(['daily']));
    await exitSnapshot(core);
    // The rotation keeps a day's newest automatic snapshot.
    expect(listSnapshots(path.join(dataDir, 'backups')).map(s => s.kind)).toEqual(['exit']);
    expect(hooks.networkWarning).not.toHaveBeenCalled();
    expect(hooks.snapshotFailed).not.toHaveBeenCalled();
    core.close();
  });

  it('closed before the start snapshot ran (the app quit at once): no snapshot, and no failure reported', async () => {
    const { dataDir, dbPath } = dataFile({ dataDir: tmp.dir });
    const core = openData({ dataDir, dbPath, appVersion: 'test' });
    addCadres(core.db, 5);
    const hooks = { networkWarning: vi.fn(), snapshotFailed: vi.fn() };
    afterOpen(core, dbPath, hooks);
    core.close();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(listSnapshots(path.join(dataDir, 'backups'))).toEqual([]);
    expect(hooks.snapshotFailed).not.toHaveBeenCalled();
  });
});

describe('the data folder temp area', () => {
  it('a copy left by a killed check is removed at the next start; one of a running process is kept', () => {
    const { dataDir, dbPath } = dataFile({ dataDir: tmp.dir });
    const area = path.join(dataDir, '.cadre-tmp');
    fs.mkdirSync(path.join(area, 'check-999999999-abc123'), { recursive: true });
    fs.writeFileSync(path.join(area, 'check-999999999-abc123', 'candidate.db'), 'x');
    fs.mkdirSync(path.join(area, `check-${process.pid}-def456`));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    openData({ dataDir, dbPath, appVersion: 'test' }).close();
    expect(fs.readdirSync(area)).toEqual([`check-${process.pid}-def456`]);
  });
});
