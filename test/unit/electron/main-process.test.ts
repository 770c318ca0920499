/**
 * main.ts run against a fake `electron` module and a fake core: the startup
 * order, the window's webPreferences, the app:// handler, the IPC sender check
 * and the Chinese error on a data file that cannot be opened. (The real
 * binary is exercised by test/electron/smoke.spec.ts where one exists.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, methods } from '../../../shared/contract/api';
import { AppError, type ApiResult } from '../../../shared/contract/errors';
import { resetFakeElectron, type FakeElectron } from '../../support/fake-electron';

const h = vi.hoisted(
  () =>
    ({}) as FakeElectron & {
      openCoreError: unknown;
      dispatch: ReturnType<typeof import('vitest').vi.fn>;
      coreClosed: number;
    },
);

vi.mock('electron', async () => (await import('../../support/fake-electron')).fakeElectron(h));

vi.mock('../../../electron/services/core/core', () => ({
  openCore: (opts: { dataDir: string; appVersion: string }) => {
    h.log.push(`openCore:${opts.dataDir}:${opts.appVersion}`);
    if (h.openCoreError) throw h.openCoreError;
    return {
      dispatch: h.dispatch,
      // An open database that cannot be read: the start snapshot fails and says so (main logs it).
      db: { open: true },
      close: () => {
        h.coreClosed++;
      },
    };
  },
}));

let dataDir: string;
const argv = process.argv;

beforeEach(() => {
  vi.resetModules();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-main-'));
  resetFakeElectron(h);
  Object.assign(h, {
    openCoreError: null,
    coreClosed: 0,
    dispatch: vi.fn(async (method: string, input: unknown): Promise<ApiResult<unknown>> => ({ ok: true, data: { method, input } })),
  });
  process.argv = [...argv.slice(0, 2), '--data-dir', dataDir];
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  process.argv = argv;
  h.appEvents?.removeAllListeners();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function startMain() {
  await import('../../../electron/main');
  // Let whenReady().then(start) run.
  await new Promise(resolve => setTimeout(resolve, 0));
}

describe('main.ts under a fake Electron', () => {
  it('starts in the right order and opens one hardened window on app://cadre/', async () => {
    await startMain();
    expect(h.userData).toBe(path.resolve(dataDir));
    const order = (name: string) => h.log.findIndex(l => l.startsWith(name));
    expect(order('setPath:userData')).toBeLessThan(order('lock'));
    expect(order('lock')).toBeLessThan(order('registerSchemesAsPrivileged'));
    expect(order('registerSchemesAsPrivileged')).toBeLessThan(order('whenReady'));
    expect(order('enableSandbox')).toBeLessThan(order('whenReady'));
    expect(order('openCore')).toBeLessThan(order('protocol.handle:app'));
    expect(h.log).toContain(`openCore:${path.resolve(dataDir)}:0.1.0`);
    expect(h.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

    expect(h.windows).toHaveLength(1);
    const win = h.windows[0];
    expect(win.options.title).toBe('干部工作台');
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(path.basename(win.options.webPreferences.preload)).toBe('preload.cjs');
    expect(win.loaded).toEqual(['app://cadre/index.html']);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);

    // The page cannot retitle the window.
    const titleEvent = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    win.emit('page-title-updated', titleEvent, 'other');
    expect(titleEvent.defaultPrevented).toBe(true);

    // Window state is saved on close into the data folder.
    win.emit('close');
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });

    // The menu is the Chinese one.
    expect(JSON.stringify(h.menu)).toContain('关于干部工作台');

    // will-quit closes the database once.
    h.appEvents.emit('will-quit');
    h.appEvents.emit('will-quit');
    expect(h.coreClosed).toBe(1);
  });

  it('registers IPC for every method and checks the sender frame', async () => {
    await startMain();
    expect([...h.ipc.keys()]).toEqual(methods.map(m => ipcChannel(m)));
    const wc = h.windows[0].webContents;

    const ok = await h.ipc.get(ipcChannel('getStatus'))!({ sender: wc, senderFrame: wc.mainFrame }, {});
    expect(ok).toEqual({ ok: true, data: { method: 'getStatus', input: {} } });

    const refused = [
      { sender: wc, senderFrame: null },
      { sender: wc, senderFrame: { ...wc.mainFrame, parent: wc.mainFrame, routingId: 3 } },
      { sender: wc, senderFrame: { ...wc.mainFrame, url: 'https://evil.example/' } },
      { sender: {}, senderFrame: wc.mainFrame },
    ];
    for (const event of refused) {
      expect(await h.ipc.get(ipcChannel('getStatus'))!(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(h.dispatch).toHaveBeenCalledTimes(1);
  });

  it('serves the renderer over app:// with the CSP', async () => {
    await startMain();
    const handler = h.protocolHandlers.get('app')!;
    const res = await handler(new Request('app://cadre/../../package.json'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
  });

  it('a data file it cannot open: a Chinese error box and exit(1), no window, no crash loop', async () => {
    h.openCoreError = new AppError('FOREIGN_DB', '文件「x.db」不是干部工作台的数据文件，已拒绝打开，文件未被修改。');
    await startMain();
    expect(h.errorBoxes).toHaveLength(1);
    expect(h.errorBoxes[0][0]).toBe('干部工作台无法启动');
    expect(h.errorBoxes[0][1]).toContain('不是干部工作台的数据文件');
    expect(h.errorBoxes[0][1]).toContain(path.resolve(dataDir));
    expect(h.exitCode).toBe(1);
    expect(h.windows).toHaveLength(0);
    expect(h.ipc.size).toBe(0);
  });

  it('an English low-level error is wrapped in a Chinese explanation', async () => {
    h.openCoreError = new Error("The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115");
    await startMain();
    expect(h.errorBoxes[0][1]).toMatch(/^数据库组件与本程序的 Electron 版本不匹配/);
    expect(h.exitCode).toBe(1);
  });

  it('a second instance on the same data folder quits at once', async () => {
    h.lock = false;
    await startMain();
    expect(h.quitCalled).toBe(1);
    expect(h.log).not.toContain('whenReady');
    expect(h.log.some(l => l.startsWith('openCore'))).toBe(false);
    expect(h.windows).toHaveLength(0);
  });

  it('a web host holding the data folder: a Chinese error box naming it and exit(1), the database not opened', async () => {
    const { lockDataFolder } = await import('../../../electron/services/core/lifecycle');
    const web = lockDataFolder(dataDir, 'web');
    try {
      await startMain();
      expect(h.errorBoxes).toHaveLength(1);
      expect(h.errorBoxes[0][1]).toMatch(/正被另一个浏览器模式（npm run web）使用（进程号 \d+/);
      expect(h.exitCode).toBe(1);
      expect(h.log.some(l => l.startsWith('openCore'))).toBe(false);
      expect(h.windows).toHaveLength(0);
    } finally {
      web.release();
    }
  });
});
