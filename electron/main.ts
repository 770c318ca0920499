/**
 * The Electron main process. Bundled by esbuild into dist/electron/main.cjs
 * (CommonJS; `electron` and `better-sqlite3` external).
 *
 * Order matters:
 *  1. the data folder becomes Electron's userData (before ready, and before the
 *     single-instance lock, which Electron keys on userData: two different
 *     --data-dir folders may run side by side, the same folder only once);
 *  2. the single-instance lock;
 *  3. app:// registered as privileged, the hardening handlers installed;
 *  4. when ready: the start-up sequence of services/core/lifecycle.ts (quick
 *     integrity check: damaged, offer the newest good snapshot or quit, never
 *     a crash loop; open the core or explain in Chinese and quit), then serve
 *     dist/renderer over app://, register IPC, build the menu, open the
 *     window, and the day's first snapshot with the network-drive warning.
 *  At quit, one 'exit' snapshot before the database closes (before-quit).
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, type IpcMainInvokeEvent, type MessageBoxOptions, type OpenDialogOptions } from 'electron';
import { AppError } from '../shared/contract/errors';
import { createAppProtocolHandler } from './app-protocol';
import { APP_SCHEME, APP_START_URL } from './csp';
import { isTrustedSenderFrame, registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { hardenDefaultSession, installSecurityHandlers } from './security';
import type { Core } from './services/core/core';
import {
  afterOpen,
  checkDataFile,
  dataFile,
  exitSnapshot,
  lockDataFolder,
  openData,
  shownTime,
  type Damaged,
  type DataFile,
  type DataLock,
} from './services/core/lifecycle';
import { pageDispatch } from './services/core/dispatcher';
import { APP_VERSION } from './version';
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState, type Rect } from './window-state';

const APP_TITLE = '干部工作台';
const APP_ID = 'cn.cadredesk.app';

/** dist/electron/ at run time (this file is bundled to dist/electron/main.cjs). */
const BUNDLE_DIR = __dirname;
const RENDERER_DIR = path.join(BUNDLE_DIR, '..', 'renderer');
const PRELOAD = path.join(BUNDLE_DIR, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
/** The data folder's lock (the single-instance lock covers only other app windows, not the web host). */
let dataLock: DataLock | null = null;
/** The exit snapshot runs once; the quit that follows it goes through. */
let exitSnapshotDone = false;
/** Longest wait for the exit snapshot (a slow USB drive) before quitting anyway. */
const EXIT_SNAPSHOT_LIMIT_MS = 60_000;

function main(): void {
  // 1. One folder for our database and Electron's own files.
  const data = dataFile({ argv: process.argv, env: process.env, create: true });
  const { dataDir } = data;
  app.setPath('userData', dataDir);

  // 2. Single instance (per data folder).
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const win = mainWindow;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  // 3. Before ready: the privileged scheme and the hardening handlers.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  installSecurityHandlers();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', event => {
    const open = core;
    if (exitSnapshotDone || !open) return;
    exitSnapshotDone = true;
    event.preventDefault();
    const limit = setTimeout(() => app.quit(), EXIT_SNAPSHOT_LIMIT_MS);
    void Promise.resolve()
      .then(() => exitSnapshot(open))
      .catch(err => console.error('[cadre] exit snapshot failed:', err))
      .finally(() => {
        clearTimeout(limit);
        app.quit();
      });
  });
  app.on('will-quit', () => {
    if (core) {
      try {
        core.close();
      } catch (err) {
        console.error('[cadre] closing the database failed:', err);
      }
      core = null;
    }
    dataLock?.release();
    dataLock = null;
  });

  // 4. When ready.
  app
    .whenReady()
    .then(() => {
      // Another app window on this folder is caught by the single-instance lock; a web host only here.
      dataLock = lockDataFolder(dataDir, 'app');
      return checkDataFile(data.dbPath, damaged => offerRecovery(dataDir, damaged));
    })
    .then(ok => (ok ? start(data) : app.exit(1)))
    .catch(err => fatal(err, dataDir));
}

function start({ dataDir, dbPath }: DataFile): void {
  const appVersion = APP_VERSION !== '0.0.0-dev' ? APP_VERSION : app.getVersion();
  try {
    core = openData({ dataDir, dbPath, appVersion, chooseFolder: chooseBackupFolder });
  } catch (err) {
    fatal(err, dataDir);
    return;
  }
  const opened = core;

  hardenDefaultSession();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));

  const fromPage = pageDispatch((method, input) => opened.dispatch(method, input));
  registerIpc(ipcMain, fromPage, isTrustedSender);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isPackaged: app.isPackaged,
        onAbout: () => showAbout(appVersion, dataDir),
      }),
    ),
  );

  createWindow();
  afterOpen(opened, dbPath, {
    snapshotFailed: err => console.error('[cadre] start snapshot failed:', err),
    networkWarning: warning => {
      console.warn(`[cadre] ${warning}`);
      const win = mainWindow;
      const options: MessageBoxOptions = {
        type: 'warning',
        title: '数据文件位于网络位置',
        message: '数据文件位于网络位置',
        detail: warning,
        buttons: ['知道了'],
        noLink: true,
      };
      void (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
    },
  });
}

/**
 * The data file failed the quick check: a Chinese recovery screen offering
 * the newest snapshot that passes validation. Resolves true when the file was
 * replaced (start again), false to quit with code 1 (no restart, no loop).
 */
async function offerRecovery(dataDir: string, { reason, found, recover }: Damaged): Promise<boolean> {
  console.error(`[cadre] ${reason}`);
  if (!found) {
    dialog.showErrorBox(
      '数据文件已损坏',
      `${reason}\n\n没有找到可用的备份。损坏的文件保持原样，未做任何改动。\n请联系管理员，或用 --data-dir 指定另一个数据文件夹启动。\n\n数据文件夹：${dataDir}`,
    );
    return false;
  }
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: '数据文件已损坏',
    message: '数据文件已损坏，干部工作台无法安全打开它。',
    detail: [
      reason,
      '',
      `最新的完好备份：${shownTime(found.takenAt)}（干部 ${found.counts.cadres} 名）`,
      `备份文件：${found.file}`,
      '',
      '从备份恢复后，损坏的文件会另存一份（文件名以 .damaged- 加时间结尾），不会删除。',
      '该备份之后所做的修改将不在恢复后的数据中。',
    ].join('\n'),
    buttons: ['从最新备份恢复', '退出'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) return false;
  try {
    recover();
    return true;
  } catch (err) {
    dialog.showErrorBox('恢复失败', `${err instanceof Error ? err.message : String(err)}\n\n数据文件夹：${dataDir}`);
    return false;
  }
}

/** Only our window's main frame, showing app://cadre/, may call the core. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  return isTrustedSenderFrame(event.senderFrame, contents.mainFrame);
}

function createWindow(): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const primary = screen.getPrimaryDisplay().workArea;
  const workAreas: Rect[] = [primary, ...screen.getAllDisplays().map(d => d.workArea)];
  const state = loadWindowState(stateFile, { width: 1366, height: 860, maximized: false }, workAreas);

  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: Math.min(MIN_WIDTH, primary.width),
    minHeight: Math.min(MIN_HEIGHT, primary.height),
    title: APP_TITLE,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click (auxclick) on a link would ask for a new window; there is no reason to offer it.
      disableBlinkFeatures: 'Auxclick',
      preload: PRELOAD,
    },
  });
  mainWindow = win;

  // The window keeps its Chinese title whatever the page sets.
  win.on('page-title-updated', event => event.preventDefault());
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[cadre] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  win.webContents.on('did-fail-load', (_event, code, description, url) => {
    console.error(`[cadre] failed to load ${url}: ${code} ${description}`);
  });

  void win.loadURL(APP_START_URL);
}

function showAbout(appVersion: string, dataDir: string): void {
  const options: MessageBoxOptions = {
    type: 'info',
    title: '关于干部工作台',
    message: `${APP_TITLE} ${appVersion}`,
    detail: [
      `版本：${appVersion}`,
      `Electron：${process.versions.electron ?? '未知'}，Chromium：${process.versions.chrome ?? '未知'}`,
      `数据文件夹：${dataDir}`,
      '本程序完全离线运行，数据只保存在本机。',
    ].join('\n'),
    buttons: ['确定'],
    noLink: true,
  };
  const win = mainWindow;
  void (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** The OS folder dialog for the backup folder: the path stays in the main process. */
async function chooseBackupFolder(title: string): Promise<string | null> {
  const options: OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
  const win = mainWindow;
  const r = await (win && !win.isDestroyed() ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Explains a startup failure in Chinese and quits with a non-zero code (no restart loop). */
function fatal(err: unknown, dataDir: string): void {
  console.error('[cadre] startup failed:', err);
  dialog.showErrorBox('干部工作台无法启动', startupErrorMessage(err, dataDir));
  app.exit(1);
}

function startupErrorMessage(err: unknown, dataDir: string): string {
  const where = `\n\n数据文件夹：${dataDir}`;
  if (err instanceof AppError) return err.message + where;
  const text = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|better_sqlite3\.node/i.test(text)) {
    return `数据库组件与本程序的 Electron 版本不匹配，请重新安装干部工作台。\n\n技术信息：${text}${where}`;
  }
  if (/EACCES|EPERM|SQLITE_CANTOPEN|SQLITE_READONLY/i.test(text)) {
    return `无法读写数据文件夹，请检查该文件夹的访问权限或改用其他数据文件夹（--data-dir）。\n\n技术信息：${text}${where}`;
  }
  if (/[\u4e00-\u9fff]/.test(text)) return text + where;
  return `打开数据时出错，程序已停止，数据未被修改。\n\n技术信息：${text}${where}`;
}

main();
