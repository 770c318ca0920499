/**
 * The fake `electron` module main.ts runs against in unit tests (the real binary is
 * exercised by test/electron/smoke.spec.ts). The state lives in the test file's
 * vi.hoisted object, so it survives vi.resetModules() between tests:
 *
 *   const h = vi.hoisted(() => ({}) as FakeElectron);
 *   vi.mock('electron', async () => (await import('../../support/fake-electron')).fakeElectron(h));
 *   beforeEach(() => resetFakeElectron(h));
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { vi } from 'vitest';

export interface FakeMessageBox {
  type?: string;
  title?: string;
  message?: string;
  detail?: string;
  buttons?: string[];
  /** Closes the box from the program's side (main.ts's 正在保存数据 notice). */
  signal?: AbortSignal;
}

export interface FakeElectron {
  /** Start-up steps in the order main.ts took them. */
  log: string[];
  userData: string;
  /** What requestSingleInstanceLock answers. */
  lock: boolean;
  /** A start-up step (as logged: 'setPath:userData', 'lock', 'registerSchemesAsPrivileged', 'protocol.handle:app', 'new BrowserWindow') that throws. */
  throwAt: string | null;
  ipc: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  protocolHandlers: Map<string, (req: Request) => Promise<Response>>;
  privileged: unknown[];
  windows: any[];
  appEvents: EventEmitter;
  errorBoxes: [string, string][];
  messageBoxes: any[];
  /** Which button (index) the user clicks in a message box. */
  answer: (box: FakeMessageBox) => number;
  exitCode: number | null;
  quitCalled: number;
  menu: unknown;
}

/** Fresh state before each test (the maps are cleared in place; handlers keep the same ones). */
export function resetFakeElectron(h: FakeElectron): void {
  Object.assign(h, {
    log: [],
    userData: '',
    lock: true,
    throwAt: null,
    privileged: [],
    windows: [],
    errorBoxes: [],
    messageBoxes: [],
    answer: () => 0,
    exitCode: null,
    quitCalled: 0,
    menu: null,
  });
  h.ipc ??= new Map();
  h.protocolHandlers ??= new Map();
  h.ipc.clear();
  h.protocolHandlers.clear();
}

export function fakeElectron(h: FakeElectron) {
  /** Logs a start-up step; the one named by h.throwAt fails as a real API might. */
  const step = (name: string) => {
    h.log.push(name);
    if (h.throwAt === name) throw new Error(`${name} failed (fake)`);
  };
  const appEvents = new EventEmitter();
  h.appEvents = appEvents;
  class FakeSession extends EventEmitter {
    webRequest = { onBeforeRequest: vi.fn() };
    setPermissionRequestHandler = vi.fn();
    setPermissionCheckHandler = vi.fn();
    setDevicePermissionHandler = vi.fn();
    setUSBProtectedClassesHandler = vi.fn();
    setDisplayMediaRequestHandler = vi.fn();
    setBluetoothPairingHandler = vi.fn();
    setSpellCheckerEnabled = vi.fn();
  }
  const defaultSession = new FakeSession();
  class BrowserWindow extends EventEmitter {
    options: any;
    webContents: any;
    loaded: string[] = [];
    shown = false;
    constructor(options: any) {
      super();
      step('new BrowserWindow');
      this.options = options;
      const wc = new EventEmitter() as any;
      wc.mainFrame = { url: 'app://cadre/index.html', parent: null, processId: 7, routingId: 1 };
      wc.session = defaultSession;
      wc.setWindowOpenHandler = vi.fn();
      this.webContents = wc;
      h.windows.push(this);
      appEvents.emit('web-contents-created', {}, wc);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isVisible() {
      return this.shown;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1200, height: 800 };
    }
    show() {
      this.shown = true;
    }
    focus() {}
    restore() {}
    maximize() {}
    static getAllWindows() {
      return h.windows;
    }
  }
  return {
    app: {
      isPackaged: false,
      on: (name: string, fn: (...a: unknown[]) => void) => appEvents.on(name, fn),
      setPath: (name: string, value: string) => {
        step(`setPath:${name}`);
        if (name === 'userData') h.userData = value;
      },
      getPath: (name: string) => (name === 'userData' ? h.userData : os.tmpdir()),
      requestSingleInstanceLock: () => {
        step('lock');
        return h.lock;
      },
      whenReady: () => {
        h.log.push('whenReady');
        return Promise.resolve();
      },
      enableSandbox: () => h.log.push('enableSandbox'),
      setAppUserModelId: vi.fn(),
      getVersion: () => '0.1.0',
      quit: () => {
        h.quitCalled++;
      },
      exit: (code: number) => {
        h.exitCode = code;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => {
        step('registerSchemesAsPrivileged');
        h.privileged.push(...s);
      },
      handle: (scheme: string, fn: (req: Request) => Promise<Response>) => {
        step(`protocol.handle:${scheme}`);
        h.protocolHandlers.set(scheme, fn);
      },
    },
    ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => h.ipc.set(channel, fn) },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => h.errorBoxes.push([title, content]),
      // Called as (options) or (window, options). A box the program can close (signal) stays open until it does.
      showMessageBox: vi.fn(async (a: FakeMessageBox, b?: FakeMessageBox) => {
        const box = b ?? a;
        h.messageBoxes.push(box);
        const signal = box.signal;
        if (signal && !signal.aborted) await new Promise(resolve => signal.addEventListener('abort', resolve, { once: true }));
        return { response: h.answer(box) };
      }),
    },
    Menu: {
      buildFromTemplate: (t: unknown) => ({ template: t }),
      setApplicationMenu: (m: unknown) => {
        h.menu = m;
      },
    },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    session: { defaultSession },
  };
}
