/**
 * The backup routes through the dispatcher every transport uses: snapshots by
 * name only, never by path; the backup folder setting with Chinese errors;
 * the network-drive heuristic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routes } from '../../../shared/contract/api';
import { openCore, type Core } from '../../../electron/services/core/core';
import { pageDispatch } from '../../../electron/services/core/dispatcher';
import { setBackupDir } from '../../../electron/services/backup/backup';
import { networkLocation, networkWarning } from '../../../electron/services/backup/backup';
import { addCadres } from '../../support/backup-db';
import { routeData } from '../../support/dispatch';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  addCadres(core.db, 12);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

async function call(method: string, input: unknown = {}) {
  return core.dispatch(method, input);
}
const ok = <T = any>(method: string, input: unknown = {}) => routeData<T>(core, method, input);

describe('backup routes', () => {
  it('getBackupSettings: the default folder, counts, retention, no problem, no network warning', async () => {
    const s = await ok('getBackupSettings');
    expect(s).toEqual({
      dirName: '数据文件夹中的 backups',
      isDefaultDir: true,
      canChooseDir: false,
      dirProblem: null,
      networkWarning: null,
      counts: { cadres: 12, batches: 0, rounds: 0 },
      retention: { daily: 7, weekly: 4, monthly: 12 },
    });
  });

  it('backupNow, then listSnapshots shows it with size and counts; restoreSnapshot brings it back', async () => {
    expect(await ok('listSnapshots')).toEqual({ dirName: '数据文件夹中的 backups', snapshots: [] });
    const snap = await ok('backupNow');
    expect(snap).toMatchObject({ kind: 'manual', counts: { cadres: 12, batches: 0, rounds: 0 } });
    expect(snap.name).toMatch(/^cadre-desk-\d{4}-\d{2}-\d{2}T\d{6}-manual(-\d+)?\.db$/);
    expect(snap).not.toHaveProperty('file'); // the renderer gets names, never paths
    const listed = await ok('listSnapshots');
    expect(listed.snapshots).toEqual([snap]);

    addCadres(core.db, 5, '新');
    const r = await ok('restoreSnapshot', { name: snap.name });
    expect(r.counts).toEqual({ cadres: 12, batches: 0, rounds: 0 });
    expect(r.restored).toEqual(snap);
    expect(r.preRestore).toMatchObject({ kind: 'pre-restore', counts: { cadres: 17 } });
    expect((await ok('getStatus')).counts.cadres).toBe(12);
    const after = await ok('listSnapshots');
    expect(after.snapshots.map((s: { kind: string }) => s.kind).sort()).toEqual(['manual', 'pre-restore']);
  });

  it('restoreSnapshot accepts snapshot names only: no paths, no traversal, no other files', async () => {
    fs.mkdirSync(path.join(tmp.dir, 'backups'));
    fs.copyFileSync(core.dbPath, path.join(tmp.dir, 'backups', 'other.db'));
    for (const name of [
      '../cadre-desk.db',
      '/etc/passwd',
      'other.db',
      'cadre-desk-2026-11-22T083015-daily.db/../../x.db',
      '..\\..\\x.db',
      'cadre-desk-2026-11-22T083015-evil.db',
    ]) {
      const r = await call('restoreSnapshot', { name });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    const missing = await call('restoreSnapshot', { name: 'cadre-desk-2026-11-22T083015-daily.db' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(missing.ok === false && missing.error.message).toMatch(/没有/);
    expect(routes.restoreSnapshot.input.safeParse({ name: 'cadre-desk-2026-11-22T083015-manual-2.db' }).success).toBe(true);
  });

  it('setBackupDir (CLI side): a folder that exists is used; missing, relative, a file or unwritable is refused in Chinese', async () => {
    const usb = path.join(tmp.dir, 'U盘', '备份');
    fs.mkdirSync(usb, { recursive: true });
    setBackupDir(core.db, usb);
    const s = await ok('getBackupSettings');
    expect(s).toMatchObject({ dirName: '备份', isDefaultDir: false, dirProblem: null, canChooseDir: false });
    const snap = await ok('backupNow');
    expect(fs.existsSync(path.join(usb, snap.name))).toBe(true);

    const refuse = (dir: string, pattern: RegExp) => expect(() => setBackupDir(core.db, dir)).toThrow(pattern);
    refuse(path.join(tmp.dir, 'no-such-folder'), /不存在/);
    refuse('relative/folder', /完整路径/);
    fs.writeFileSync(path.join(tmp.dir, 'a-file'), 'x');
    refuse(path.join(tmp.dir, 'a-file'), /不是文件夹/);
    if (process.platform === 'linux') refuse('/sys', /无法写入/); // not writable even for root
    expect((await ok('getBackupSettings')).dirName).toBe('备份'); // unchanged by the refusals

    // the USB drive is pulled: the page says so, and 立即备份 explains
    fs.rmSync(usb, { recursive: true });
    expect((await ok('getBackupSettings')).dirProblem).toMatch(/不存在.*U 盘/);
    const failed = await call('backupNow');
    expect(failed).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const back = await ok('useDefaultBackupDir');
    expect(back).toMatchObject({ dirName: '数据文件夹中的 backups', isDefaultDir: true });
  });

  it('a page never names the backup folder: no route takes a path, the settings show a display name only', async () => {
    const usb = path.join(tmp.dir, 'U盘备份');
    fs.mkdirSync(usb);
    const r = await call('setBackupDir', { dir: usb });
    expect(r.ok).toBe(false);
    expect(core.db.prepare("SELECT count(*) FROM settings WHERE key = 'backupDir'").pluck().get()).toBe(0);
    for (const method of ['getBackupSettings', 'listSnapshots']) expect(JSON.stringify(await ok(method))).not.toContain(tmp.dir);
    // browser mode (no folder dialog): the refusal says how to change it
    const browser = await call('chooseBackupDir');
    expect(browser).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cadre backup --set-dir/) } });
  });

  it('the CLI names paths through the same dispatcher (chooseBackupDir path, backupToFile, restoreFromFile, backupDirPath); a page naming or asking one is refused', async () => {
    const usb = path.join(tmp.dir, 'U盘备份');
    fs.mkdirSync(usb);
    const fromPage = pageDispatch(core.dispatch);
    const out = path.join(usb, '备份.db');
    for (const [method, input] of [
      ['chooseBackupDir', { path: usb }],
      ['backupToFile', { outPath: out }],
      ['restoreFromFile', { path: out }],
      ['backupDirPath', {}],
    ] as const) {
      expect(await fromPage(method, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(fs.readdirSync(usb)).toEqual([]);
    expect((await ok('getBackupSettings')).isDefaultDir).toBe(true);

    expect(await ok('chooseBackupDir', { path: usb })).toMatchObject({ changed: true, isDefaultDir: false, dirName: 'U盘备份' });
    expect(await ok('backupDirPath')).toEqual({ path: usb });
    expect(await call('chooseBackupDir', { path: path.join(tmp.dir, 'missing') })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/不存在/) },
    });

    expect(await call('backupToFile', { outPath: path.join(usb, '备份.xlsx') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/\.db 结尾/) },
    });
    expect(await call('backupToFile', { outPath: '备份.db' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/完整路径/) },
    });
    expect(fs.readdirSync(usb)).toEqual([]);
    const copy = await ok('backupToFile', { outPath: out });
    expect(copy).toEqual({ path: out, size: fs.statSync(out).size });
    expect(await call('backupToFile', { outPath: out })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/已存在/) } });

    addCadres(core.db, 5, '新');
    const r = await ok('restoreFromFile', { path: out });
    expect(r).toMatchObject({ counts: { cadres: 12, batches: 0, rounds: 0 }, fromSchemaVersion: expect.any(Number) });
    expect(path.dirname(r.preRestore)).toBe(usb);
    expect(path.basename(r.preRestore)).toMatch(/-pre-restore\.db$/);
    expect((await ok('getStatus')).counts.cadres).toBe(12);
  });

  it("chooseBackupDir: the door's folder dialog picks the folder (the main process keeps the path); cancel changes nothing", async () => {
    const usb = path.join(tmp.dir, 'U盘备份');
    fs.mkdirSync(usb);
    const answers: (string | null)[] = [null, usb];
    const app = openCore({
      dbPath: path.join(tmp.dir, 'app', 'cadre-desk.db'),
      appVersion: 'test',
      checkOutput: true,
      chooseFolder: async () => answers.shift() ?? null,
    });
    try {
      const cancelled = await app.dispatch('chooseBackupDir', {});
      expect(cancelled).toMatchObject({ ok: true, data: { changed: false, isDefaultDir: true, canChooseDir: true } });
      const chosen = await app.dispatch('chooseBackupDir', {});
      expect(chosen).toMatchObject({ ok: true, data: { changed: true, isDefaultDir: false, dirName: 'U盘备份' } });
      expect(JSON.stringify(chosen)).not.toContain(tmp.dir);
    } finally {
      app.close();
    }
  });

  it('a half-written snapshot is never listed', async () => {
    const dir = path.join(tmp.dir, 'backups');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cadre-desk-2026-11-22T083015-daily.db.partial'), Buffer.alloc(4096));
    fs.writeFileSync(path.join(dir, 'notes.txt'), '备注');
    expect((await ok('listSnapshots')).snapshots).toEqual([]);
  });

  it('a damaged snapshot is listed with its problem, not hidden', async () => {
    const dir = path.join(tmp.dir, 'backups');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cadre-desk-2026-11-22T083015-manual.db'), '不是数据库'.repeat(1000));
    const [s] = (await ok('listSnapshots')).snapshots;
    expect(s).toMatchObject({ name: 'cadre-desk-2026-11-22T083015-manual.db', counts: null, schemaVersion: null });
    expect(s.problem).toMatch(/无法读取/);
  });
});

describe('network location heuristic', () => {
  const mounts = [
    '/dev/vda1 / ext4 rw,relatime 0 0',
    'proc /proc proc rw 0 0',
    'nas:/export/office /mnt/nas nfs4 rw,vers=4.2 0 0',
    '//fileserver/组织部 /media/smb\\040share cifs rw 0 0',
    'user@host:/data /home/u/remote fuse.sshfs rw 0 0',
    '/dev/sdb1 /media/usb vfat rw 0 0',
    'nas:/export/home /mnt/nas/local-inside ext4 rw 0 0',
  ].join('\n');

  it('Linux: nfs, cifs (with an escaped space) and sshfs mounts are network; local disks and USB drives are not', () => {
    expect(networkLocation('/mnt/nas/CadreDesk/cadre-desk.db', 'linux', mounts)).toMatch(/nfs4.*\/mnt\/nas/);
    expect(networkLocation('/media/smb share/干部/cadre-desk.db', 'linux', mounts)).toMatch(/cifs/);
    expect(networkLocation('/home/u/remote/cadre-desk.db', 'linux', mounts)).toMatch(/fuse\.sshfs/);
    expect(networkLocation('/media/usb/cadre-desk.db', 'linux', mounts)).toBeNull();
    expect(networkLocation('/home/u/.config/CadreDesk/cadre-desk.db', 'linux', mounts)).toBeNull();
    // the longest mount point wins
    expect(networkLocation('/mnt/nas/local-inside/cadre-desk.db', 'linux', mounts)).toBeNull();
    expect(networkLocation('/mnt/nas2/cadre-desk.db', 'linux', mounts)).toBeNull();
  });

  it('Windows: UNC paths are network; drive letters and \\\\?\\C: are not', () => {
    expect(networkLocation('\\\\fileserver\\组织部\\CadreDesk\\cadre-desk.db', 'win32')).toMatch(/UNC/);
    expect(networkLocation('//fileserver/share/cadre-desk.db', 'win32')).toMatch(/UNC/);
    expect(networkLocation('\\\\?\\UNC\\fileserver\\share\\cadre-desk.db', 'win32')).toMatch(/UNC/);
    expect(networkLocation('\\\\?\\C:\\Users\\张三\\cadre-desk.db', 'win32')).toBeNull();
    expect(networkLocation('C:\\Users\\张三\\AppData\\Roaming\\CadreDesk\\cadre-desk.db', 'win32')).toBeNull();
  });

  it('the warning is Chinese and names the way out', () => {
    const w = networkWarning('\\\\fileserver\\share\\cadre-desk.db', 'win32');
    expect(w).toMatch(/网络/);
    expect(w).toContain('--data-dir');
    expect(w).toContain('D:\\干部工作台数据');
    expect(networkWarning('C:\\data\\cadre-desk.db', 'win32')).toBeNull();
  });
});
