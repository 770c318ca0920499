/**
 * main.ts's start-up failures under a fake `electron` and a real core: every
 * path ends in a window or in a Chinese error box and exit(1), with the
 * database closed and the data folder's lock released; a data folder that
 * cannot be made or written is refused before the single-instance lock; a
 * launch during the exit snapshot is told that the data is being saved.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../electron/services/core/core';
import { takeSnapshot } from '../../../electron/services/backup/backup';
import { addCadres, corruptPage } from '../../support/backup-db';
import { resetFakeElectron, type FakeElectron } from '../../support/fake-electron';

const h = vi.hoisted(() => ({}) as FakeElectron);

vi.mock('electron', async () => (await import('../../support/fake-electron')).fakeElectron(h));

let tmp: string;
let dataDir: string;
let dbPath: string;
const argv = process.argv;

beforeEach(() => {
  vi.resetModules();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-main-start-'));
  dataDir = path.join(tmp, 'data');
  dbPath = path.join(dataDir, 'cadre-desk.db');
  resetFakeElectron(h);
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  h.appEvents?.emit('will-quit'); // closes a core a test left open
  process.argv = argv;
  h.appEvents?.removeAllListeners();
  fs.rmSync(tmp, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function startMain(folder = dataDir) {
  process.argv = [...argv.slice(0, 2), '--data-dir', folder];
  await import('../../../electron/main');
  await new Promise(resolve => setTimeout(resolve, 0));
}

/** A data folder with cadres in it, closed. */
function someData(n = 5): void {
  const core = openCore({ dataDir, appVersion: 'test' });
  addCadres(core.db, n);
  core.close();
}

const lockFile = () => path.join(dataDir, 'cadre-desk.lock');

/** The one error box: its title, and its text split into lines. */
function theErrorBox(): { title: string; lines: string[] } {
  expect(h.errorBoxes).toHaveLength(1);
  const [title, text] = h.errorBoxes[0];
  return { title, lines: text.split('\n') };
}

describe('main.ts: an exception during start-up ends in a Chinese error box and exit(1)', () => {
  it.each([
    ['the window cannot be made', 'new BrowserWindow'],
    ['app:// cannot be served', 'protocol.handle:app'],
  ])('%s (after the database is open): the database is closed and the folder lock released', async (_what, step) => {
    someData();
    h.throwAt = step;
    await startMain();
    await vi.waitFor(() => expect(h.exitCode).toBe(1));
    const box = theErrorBox();
    expect(box.title).toBe('干部工作台无法启动');
    expect(box.lines[0]).toBe('启动时出错，程序已停止，数据未被修改。');
    expect(box.lines).toContain(`数据文件夹：${dataDir}`);
    expect(box.lines).toContain(`技术信息：${step} failed (fake)`);
    expect(h.windows.filter(w => w.shown)).toHaveLength(0);
    // Closed: the WAL was checkpointed away and the lock file is gone, so the next start gets in.
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
    expect(fs.existsSync(lockFile())).toBe(false);

    vi.resetModules();
    resetFakeElectron(h);
    h.appEvents.removeAllListeners();
    await startMain();
    expect(h.windows).toHaveLength(1);
    expect(h.errorBoxes).toEqual([]);
    expect(h.exitCode).toBeNull();
  });

  it('before ready (the privileged scheme refused): the box waits for ready, then exit(1)', async () => {
    h.throwAt = 'registerSchemesAsPrivileged';
    await startMain();
    await vi.waitFor(() => expect(h.exitCode).toBe(1));
    expect(h.log).toContain('whenReady');
    expect(theErrorBox().lines).toContain('技术信息：registerSchemesAsPrivileged failed (fake)');
    expect(h.log.some(l => l.startsWith('openCore'))).toBe(false);
    expect(h.windows).toHaveLength(0);
  });

  it('in the recovery screen’s continuation: restored, then the window fails: the box and exit(1), the restored data kept', async () => {
    const core = openCore({ dataDir, appVersion: 'test' });
    addCadres(core.db, 30);
    await takeSnapshot(core.db, 'daily', { dbPath, now: new Date(2026, 10, 20, 8, 30, 0) });
    core.close();
    corruptPage(dbPath);
    // The recovery screen's first button: 从最新备份恢复.
    h.throwAt = 'new BrowserWindow';
    await startMain();
    await vi.waitFor(() => expect(h.exitCode).toBe(1));
    expect(h.messageBoxes.map(b => b.title)).toContain('数据文件已损坏');
    expect(theErrorBox().title).toBe('干部工作台无法启动');
    expect(fs.existsSync(lockFile())).toBe(false);
    const check = openCore({ dataDir, appVersion: 'test' });
    expect(check.db.prepare('SELECT count(*) AS n FROM cadres').get()).toEqual({ n: 30 });
    check.close();
  });

  it('a page that fails to load before the window shows: the box and exit(1), not an invisible window', async () => {
    someData();
    await startMain();
    expect(h.windows).toHaveLength(1);
    const wc = h.windows[0].webContents;
    wc.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://cadre/index.html', true);
    await vi.waitFor(() => expect(h.exitCode).toBe(1));
    const box = theErrorBox();
    expect(box.lines[0]).toBe('程序界面无法加载，程序文件可能不完整，请重新安装干部工作台。');
    expect(box.lines).toContain('技术信息：app://cadre/index.html: -6 ERR_FILE_NOT_FOUND');
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('a subframe failing, or the page failing after the window was shown, is not fatal', async () => {
    someData();
    await startMain();
    const win = h.windows[0];
    win.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'app://cadre/frame.html', false);
    win.emit('ready-to-show');
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://cadre/index.html', true);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(h.errorBoxes).toEqual([]);
    expect(h.exitCode).toBeNull();
  });

  it.each([
    [
      "Error: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.33' not found (required by /opt/干部工作台/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node)",
      /^本机的系统库版本过旧（缺少 GLIBC_2\.33），数据库组件无法加载；重新安装同一个安装包不能解决。/,
    ],
    [
      "The module '/opt/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140.",
      /^数据库组件与本程序的 Electron 版本不匹配，请重新安装干部工作台。$/,
    ],
    ['libstdc++.so.6: cannot open shared object file: No such file or directory', /^本机缺少系统库 libstdc\+\+\.so\.6/],
    ['/opt/x/better_sqlite3.node: wrong ELF class: ELFCLASS64', /^数据库组件与本机的处理器架构不符/],
  ])('the database module cannot load: the box names the real cause, the loader’s words on the 技术信息 line (%#)', async (loader, first) => {
    vi.doMock('../../../electron/services/core/core', () => ({
      openCore: () => {
        throw new Error(loader);
      },
    }));
    try {
      await startMain();
      await vi.waitFor(() => expect(h.exitCode).toBe(1));
      const box = theErrorBox();
      expect(box.lines[0]).toMatch(first);
      expect(box.lines.at(-1)).toBe(`技术信息：${loader}`);
      expect(fs.existsSync(lockFile())).toBe(false);
    } finally {
      vi.doUnmock('../../../electron/services/core/core');
    }
  });
});

/**
 * A folder this process cannot create anything in: a 0555 temporary folder, or, for root (whom
 * file modes do not stop), Linux's /sys, which refuses even root. Null where neither holds.
 */
function readOnlyParent(): string | null {
  const dir = path.join(tmp, 'read-only');
  fs.mkdirSync(dir);
  fs.chmodSync(dir, 0o555);
  try {
    fs.mkdirSync(path.join(dir, 'probe'));
  } catch {
    return dir;
  }
  if (process.platform !== 'linux' || !fs.existsSync('/sys/kernel')) return null;
  try {
    fs.mkdirSync('/sys/cadre-probe');
    fs.rmdirSync('/sys/cadre-probe');
    return null;
  } catch {
    return '/sys';
  }
}

describe('main.ts: a data folder that cannot be made or written is refused before the single-instance lock', () => {
  /** The box says, in Chinese, which folder, why, and what to do; the lock was never asked for. */
  async function refused(folder: string, cause: RegExp) {
    await startMain(folder);
    await vi.waitFor(() => expect(h.exitCode).toBe(1));
    const box = theErrorBox();
    expect(box.title).toBe('干部工作台无法启动');
    expect(box.lines[0]).toMatch(new RegExp(`^无法使用数据文件夹「${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}」：`));
    expect(box.lines[0]).toMatch(cause);
    expect(box.lines[1]).toMatch(/用 --data-dir 指定另一个可以写入的文件夹启动/);
    expect(box.lines.at(-1)).toMatch(/^技术信息：E[A-Z]+: /);
    expect(h.log).not.toContain('lock');
    expect(h.log).not.toContain('setPath:userData');
    expect(h.log.some(l => l.startsWith('openCore'))).toBe(false);
    expect(h.windows).toHaveLength(0);
  }

  it('a file stands where the data folder should be', async () => {
    fs.writeFileSync(dataDir, '不是文件夹');
    await refused(dataDir, /这个位置（或它的上级）是一个文件，不是文件夹/);
    expect(fs.readFileSync(dataDir, 'utf8')).toBe('不是文件夹');
  });

  it('a file stands where a parent folder should be', async () => {
    fs.writeFileSync(path.join(tmp, 'parent'), 'x');
    await refused(path.join(tmp, 'parent', 'data'), /是一个文件，不是文件夹/);
  });

  it('the parent folder is read-only (policy, permissions)', async context => {
    const parent = readOnlyParent();
    if (!parent) {
      context.skip(); // no folder here refuses this process: neither file modes nor a read-only system folder
      return;
    }
    try {
      await refused(path.join(parent, 'cadre-data'), /没有权限|只读/);
      expect(fs.existsSync(path.join(parent, 'cadre-data'))).toBe(false);
    } finally {
      if (parent.startsWith(tmp)) fs.chmodSync(parent, 0o755);
    }
  });

  it('a writable folder leaves no probe behind', async () => {
    await startMain();
    expect(h.windows).toHaveLength(1);
    expect(fs.readdirSync(dataDir).filter(f => f.startsWith('.cadre-write-test'))).toEqual([]);
  });
});

describe('main.ts: launching again during the exit snapshot', () => {
  const beforeQuit = () => {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    h.appEvents.emit('before-quit', event);
    return event;
  };

  it('the second launch is told that the data is being saved; the notice closes and the app quits when the snapshot is written', async () => {
    someData(200);
    await startMain();
    const win = h.windows[0];
    win.emit('ready-to-show');
    win.emit('close');
    expect(beforeQuit().defaultPrevented).toBe(true);

    // The second instance (its requestSingleInstanceLock answered false) wakes this one.
    h.appEvents.emit('second-instance', {}, ['cadre-desk'], tmp);
    h.appEvents.emit('second-instance', {}, ['cadre-desk'], tmp); // a third launch: still one notice
    const notices = h.messageBoxes.filter(b => b.message === '正在保存数据，请稍候…');
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe('干部工作台');
    expect(notices[0].detail).toMatch(/退出前的自动备份还在写入。完成后程序会自动关闭/);
    expect(notices[0].signal!.aborted).toBe(false);
    // Another quit while saving waits too.
    expect(beforeQuit().defaultPrevented).toBe(true);

    await vi.waitFor(() => expect(h.quitCalled).toBe(1));
    expect(notices[0].signal!.aborted).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter(f => /-exit(-\d+)?\.db$/.test(f))).toHaveLength(1);
    expect(beforeQuit().defaultPrevented).toBe(false);
    h.appEvents.emit('will-quit');
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('outside the exit snapshot a second launch brings the window up, with no notice', async () => {
    someData();
    await startMain();
    const win = h.windows[0];
    h.appEvents.emit('second-instance', {}, ['cadre-desk'], tmp);
    expect(win.shown).toBe(true);
    expect(h.messageBoxes.filter(b => b.message === '正在保存数据，请稍候…')).toEqual([]);
  });
});
