/**
 * The Electron main process. Bundled by esbuild into dist/electron/main.cjs
 * (CommonJS; `electron` and `better-sqlite3` external).
 *
 * Order matters:
 *  1. the data folder is created and proven writable (prepareDataFolder), then
 *     becomes Electron's userData (before ready, and before the single-instance
 *     lock, which Electron keys on userData: two different --data-dir folders
 *     may run side by side, the same folder only once);
 *  2. the single-instance lock;
 *  3. app:// registered as privileged, the hardening handlers installed;
 *  4. when ready: the start-up sequence of services/core/lifecycle.ts (quick
 *     integrity check: damaged, offer the newest good snapshot or quit, never
 *     a crash loop; open the core), then serve dist/renderer over app://,
 *     register IPC, build the menu, open the window, and the day's first
 *     snapshot with the network-drive warning.
 * Every start-up path ends in a window or in `fatal`: a Chinese dialog (the
 * system's words on a 技术信息 line), the database closed, the folder lock
 * released, exit(1). Never a process left running with no window.
 * At quit, one 'exit' snapshot before the database closes (before-quit); a
 * launch during it is told that the data is being saved.
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
  prepareDataFolder,
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
/** The exit snapshot: not begun, being written (quits wait for it), done (the quit that follows goes through). */
let exitPhase: 'running' | 'saving' | 'done' = 'running';
/** The 正在保存数据 box a launch during the exit snapshot opened; closed when the snapshot ends. */
let savingBox: AbortController | null = null;
/** Start-up failed: the fatal dialog is on its way (shown once). */
let failed = false;
/** Longest wait for the exit snapshot (a slow USB drive) before quitting anyway. */
const EXIT_SNAPSHOT_LIMIT_MS = 60_000;

function main(): void {
  let dataDir: string | undefined;
  try {
    // 1. One folder for our database and Electron's own files, usable before anything takes it.
    const data = dataFile({ argv: process.argv, env: process.env });
    dataDir = data.dataDir;
    prepareDataFolder(data.dataDir);
    app.setPath('userData', data.dataDir);

    // 2. Single instance (per data folder).
    if (!app.requestSingleInstanceLock()) {
      app.quit();
      return;
    }
    app.on('second-instance', onSecondInstance);

    // 3. Before ready: the privileged scheme and the hardening handlers.
    protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    installSecurityHandlers();
    if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

    app.on('window-all-closed', () => app.quit());
    app.on('before-quit', onBeforeQuit);
    app.on('will-quit', closeData);

    // 4. When ready.
    app
      .whenReady()
      .then(() => {
        // Another app window on this folder is caught by the single-instance lock; a web host only here.
        dataLock = lockDataFolder(data.dataDir, 'app');
        return checkDataFile(data.dbPath, damaged => offerRecovery(data.dataDir, damaged));
      })
      .then(ok => (ok ? start(data) : stop(1)))
      .catch(err => fatal(err, data.dataDir));
  } catch (err) {
    fatal(err, dataDir);
  }
}

function start({ dataDir, dbPath }: DataFile): void {
  const appVersion = APP_VERSION !== '0.0.0-dev' ? APP_VERSION : app.getVersion();
  core = openData({ dataDir, dbPath, appVersion, chooseFolder: chooseBackupFolder });
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

  createWindow(dataDir);
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

/** Another launch on this folder: bring the window up, or say that the exit snapshot is being saved. */
function onSecondInstance(): void {
  if (exitPhase === 'saving') {
    showSaving();
    return;
  }
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** The window is gone but the exit snapshot (up to a minute on a slow drive) is still being written. */
function showSaving(): void {
  if (savingBox) return;
  const box = new AbortController();
  savingBox = box;
  void dialog
    .showMessageBox({
      type: 'info',
      title: APP_TITLE,
      message: '正在保存数据，请稍候…',
      detail: '干部工作台正在退出，退出前的自动备份还在写入。完成后程序会自动关闭，之后再重新打开即可。',
      buttons: ['知道了'],
      noLink: true,
      signal: box.signal,
    })
    .catch(err => console.error('[cadre] the saving notice failed:', err))
    .finally(() => {
      if (savingBox === box) savingBox = null;
    });
}

/** The first quit waits for the exit snapshot (at most EXIT_SNAPSHOT_LIMIT_MS), then quits for real. */
function onBeforeQuit(event: Electron.Event): void {
  const open = core;
  if (exitPhase === 'done' || !open) return;
  event.preventDefault();
  if (exitPhase === 'saving') return;
  exitPhase = 'saving';
  const finish = () => {
    clearTimeout(limit);
    if (exitPhase === 'done') return;
    exitPhase = 'done';
    savingBox?.abort();
    app.quit();
  };
  const limit = setTimeout(finish, EXIT_SNAPSHOT_LIMIT_MS);
  void Promise.resolve()
    .then(() => exitSnapshot(open))
    .catch(err => console.error('[cadre] exit snapshot failed:', err))
    .finally(finish);
}

/** Closes the database and frees the data folder (will-quit, and every exit on the way). */
function closeData(): void {
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
}

/** Ends the process without the exit snapshot (a start that did not get to open the data). */
function stop(code: number): void {
  closeData();
  app.exit(code);
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

function createWindow(dataDir: string): void {
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
  // A page that never comes up would leave a process with no window: before the first show, that is fatal.
  const notShown = (technical: string) => {
    if (!win.isVisible()) fatal(new AppError('INTERNAL', '程序界面无法加载，程序文件可能不完整，请重新安装干部工作台。', { message: technical }), dataDir);
  };
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[cadre] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    notShown(`renderer ${details.reason} (exit code ${details.exitCode})`);
  });
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    console.error(`[cadre] failed to load ${url}: ${code} ${description}`);
    if (isMainFrame) notShown(`${url}: ${code} ${description}`);
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

/**
 * Every failed start ends here, once: a Chinese dialog (shown after ready, as
 * Linux shows none before), the database closed, the folder lock released,
 * exit(1). No restart, so no loop.
 */
function fatal(err: unknown, dataDir: string | undefined): void {
  console.error('[cadre] startup failed:', err);
  if (failed) return;
  failed = true;
  const show = () => {
    try {
      dialog.showErrorBox('干部工作台无法启动', startupErrorText(err, dataDir));
    } catch (boxErr) {
      console.error('[cadre] the error dialog failed:', boxErr);
    } finally {
      stop(1);
    }
  };
  app.whenReady().then(show, show);
}

/** The dialog's text: what happened and what to do in Chinese, the folder, and the system's own words on a 技术信息 line. */
function startupErrorText(err: unknown, dataDir: string | undefined): string {
  const { message, technical } = startupError(err);
  return [message, '', ...(dataDir ? [`数据文件夹：${dataDir}`] : []), ...(technical ? [`技术信息：${technical}`] : [])].join('\n');
}

function startupError(err: unknown): { message: string; technical: string } {
  if (err instanceof AppError) {
    const details = err.details as { message?: unknown } | undefined;
    return { message: err.message, technical: typeof details?.message === 'string' ? details.message : '' };
  }
  const text = err instanceof Error ? err.message : String(err);
  // The native database module failed to load: say which of the causes, since reinstalling fixes only some.
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/i.test(text)) {
    return { message: '数据库组件与本程序的 Electron 版本不匹配，请重新安装干部工作台。', technical: text };
  }
  const needs = /[`'‘]((?:GLIBC|GLIBCXX|CXXABI)_[\d.]+)['’]? not found/.exec(text);
  if (needs) {
    return {
      message: `本机的系统库版本过旧（缺少 ${needs[1]}），数据库组件无法加载；重新安装同一个安装包不能解决。请使用为本系统构建的干部工作台安装包，或升级操作系统。`,
      technical: text,
    };
  }
  const library = /([\w.+-]+\.so[\w.]*): cannot open shared object file/.exec(text);
  if (library) return { message: `本机缺少系统库 ${library[1]}，数据库组件无法加载。请安装该系统库，或联系管理员。`, technical: text };
  if (/invalid ELF header|wrong ELF class|not a valid Win32 application|Exec format error/i.test(text)) {
    return { message: '数据库组件与本机的处理器架构不符（如在 arm64 电脑上安装了 x64 安装包），请安装与本机相符的安装包。', technical: text };
  }
  if (/better_sqlite3\.node/i.test(text)) return { message: '数据库组件无法加载，程序文件可能不完整，请重新安装干部工作台。', technical: text };
  if (/EACCES|EPERM|SQLITE_CANTOPEN|SQLITE_READONLY/i.test(text)) {
    return { message: '无法读写数据文件夹，请检查该文件夹的访问权限或改用其他数据文件夹（--data-dir）。', technical: text };
  }
  if (/[\u4e00-\u9fff]/.test(text)) return { message: text, technical: '' };
  return { message: '启动时出错，程序已停止，数据未被修改。', technical: text };
}

main();
