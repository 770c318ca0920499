/**
 * The start-up and exit sequence, written once for the three doors (the
 * Electron main process, the loopback web host, the CLI). Plain Node: what
 * only a door can do (a dialog, a window, a printed hint) comes in as hooks.
 *
 *  1. dataFile: which database file, from --db / --data-dir / CADRE_DATA_DIR
 *     (paths.ts); prepareDataFolder creates the folder and proves it writable
 *     before anything else takes it (a lock, Electron's own files).
 *  2. checkDataFile: the quick integrity check of the file before it is
 *     opened; a damaged file is never opened, the door is shown the newest
 *     good snapshot (onDamaged) and either recovers (start again without a
 *     second check) or stops: never a crash loop.
 *  3. openData: the core over the file (migrations run there).
 *  4. afterOpen: the day's first snapshot in the background and the
 *     network-drive warning (once the door can show it).
 *  5. exitSnapshot before the core closes.
 * The app and the web host first take the data folder's lock (lockDataFolder), so
 * two of them never share one folder (撤销 in one would undo the other's edit).
 * The CLI does 1 and 3 only: a command is not an app session, and its writes wait
 * for the app's (IMMEDIATE transactions), so it may run beside them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { ensurePrivateDir } from '../../db/private-files';
import { dbPathIn, resolveDataDir } from '../../paths';
import {
  cleanDataTemp,
  findRecoverySnapshot,
  networkWarning,
  quickCheck,
  recoverFromSnapshot,
  shownTime,
  snapshotOnExit,
  snapshotOnStart,
} from '../backup/api';
import { openCore, type Core, type CoreOptions } from './core';

export { shownTime };

export interface DataFile {
  dataDir: string;
  dbPath: string;
}

/**
 * The data folder and file: an explicit file (the CLI's --db) wins, then
 * --data-dir in argv, CADRE_DATA_DIR, the per-user default.
 */
export function dataFile(opts: { argv?: readonly string[]; env?: NodeJS.ProcessEnv; dbPath?: string; dataDir?: string }): DataFile {
  const dataDir = opts.dataDir ?? resolveDataDir(opts.argv ?? [], opts.env ?? process.env);
  return { dataDir, dbPath: opts.dbPath ?? dbPathIn(dataDir) };
}

/** Why a folder cannot be made or written, in words a clerk can act on. */
function folderCause(err: unknown): string {
  const { code, syscall } = err as NodeJS.ErrnoException;
  if ((code === 'EEXIST' && syscall === 'mkdir') || code === 'ENOTDIR') return '这个位置（或它的上级）是一个文件，不是文件夹';
  if (code === 'EACCES' || code === 'EPERM') return '没有权限在这里创建或写入文件（可能是系统策略或文件夹权限所限）';
  if (code === 'ENOSPC' || code === 'EDQUOT') return '所在磁盘已满';
  if (code === 'EROFS') return '所在磁盘是只读的';
  if (code === 'ENOENT') return '路径中的磁盘或上级文件夹不存在';
  return '无法创建或写入';
}

/**
 * Creates the data folder (owner-only) when missing and proves it writable with a
 * probe file, before a lock or Electron's own files go there. Refused: AppError
 * STORAGE naming the folder, the cause and the way out (--data-dir); the system's
 * error in details.
 */
export function prepareDataFolder(dataDir: string): void {
  const probe = path.join(dataDir, `.cadre-write-test-${process.pid}`);
  try {
    ensurePrivateDir(dataDir);
    fs.writeFileSync(probe, 'cadre-desk\n');
    fs.rmSync(probe);
  } catch (err) {
    try {
      fs.rmSync(probe, { force: true }); // a probe cut short by a full disk
    } catch {
      // nothing there, or not ours to remove
    }
    const { code, message } = err as NodeJS.ErrnoException;
    throw new AppError(
      'STORAGE',
      `无法使用数据文件夹「${dataDir}」：${folderCause(err)}。\n` +
        '请检查该文件夹及其所在磁盘；或用 --data-dir 指定另一个可以写入的文件夹启动（例如在快捷方式的“目标”末尾加上 --data-dir "D:\\干部数据"）。',
      { code: code ?? '', message: message ?? String(err) },
    );
  }
}

export type RecoverySnapshot = NonNullable<ReturnType<typeof findRecoverySnapshot>>;

export interface Damaged {
  dbPath: string;
  /** Chinese: what is wrong with the file. */
  reason: string;
  /** The newest snapshot that passes validation, or null. */
  found: RecoverySnapshot | null;
  /** Replaces the damaged file with `found` (a byte copy of the damaged file is kept). */
  recover(): void;
}

/**
 * The quick check before opening. Resolves true when the file may be opened
 * (sound, missing, or replaced by onDamaged's recovery), false to stop.
 */
export async function checkDataFile(dbPath: string, onDamaged: (d: Damaged) => boolean | Promise<boolean>): Promise<boolean> {
  const health = quickCheck(dbPath);
  if (health.ok) return true;
  let found: RecoverySnapshot | null = null;
  try {
    found = findRecoverySnapshot(dbPath);
  } catch (err) {
    console.error('[cadre] looking for snapshots failed:', err);
  }
  return onDamaged({
    dbPath,
    reason: health.reason,
    found,
    recover: () => {
      if (found) recoverFromSnapshot(dbPath, found.file);
    },
  });
}

/**
 * Opens the core over the file; a folder where the file should be is refused in Chinese.
 * `mustExist`: a missing file is refused rather than created (a CLI command that only
 * reads or changes data: a mistyped --db must not leave an empty database behind).
 */
export function openData(opts: CoreOptions & { dbPath: string; mustExist?: boolean }): Core {
  if (opts.mustExist && !fs.existsSync(opts.dbPath)) {
    const dir = path.dirname(path.resolve(opts.dbPath));
    const where = fs.existsSync(dir) ? '' : `（文件夹「${dir}」也不存在）`;
    throw new AppError(
      'NOT_FOUND',
      `数据文件「${opts.dbPath}」不存在${where}，未创建新文件。请检查 --db 或 --data-dir 是否写对；要新建数据，请用 cadre demo、cadre import 或 cadre restore。`,
    );
  }
  // The core takes dbPath over dataDir; both are passed on as given.
  if (fs.existsSync(opts.dbPath) && fs.statSync(opts.dbPath).isDirectory()) {
    throw new AppError('VALIDATION', `「${opts.dbPath}」是目录，需要一个数据库文件`);
  }
  // Copies a killed check or restore left in the data folder's temp area.
  const removed = cleanDataTemp(opts.dbPath);
  if (removed.length) console.warn(`[cadre] removed ${removed.length} leftover temporary copies in ${path.dirname(opts.dbPath)}/.cadre-tmp`);
  return openCore(opts);
}

export interface AfterOpenHooks {
  /** The database is on a network location (Chinese warning with the way out). */
  networkWarning(text: string): void;
  snapshotFailed(err: unknown): void;
}

/** The day's first snapshot (in the background) and the network-drive warning. */
export function afterOpen(core: Core, dbPath: string, hooks: AfterOpenHooks): void {
  void Promise.resolve()
    .then(() => snapshotOnStart(core.db, { dbPath }))
    // Closed before it ran (the app quit at once): nothing failed, the exit snapshot covers it.
    .catch(err => core.db.open && hooks.snapshotFailed(err));
  const warning = networkWarning(dbPath);
  if (warning) hooks.networkWarning(warning);
}

/** The exit snapshot; the caller closes the core after it (also when it failed). */
export async function exitSnapshot(core: Core): Promise<void> {
  await snapshotOnExit(core.db, { dbPath: core.dbPath });
}

// ───────────────────────────── the data folder lock ─────────────────────────────

export type LockKind = 'app' | 'web';
const LOCK_FILE = 'cadre-desk.lock';
const KIND_TEXT: Record<LockKind, string> = { app: '干部工作台窗口', web: '浏览器模式（npm run web）' };

interface LockOwner {
  pid: number;
  kind: LockKind;
  startedAt: string;
}

export interface DataLock {
  readonly file: string;
  /** Removes the lock file if it is still ours (idempotent). */
  release(): void;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return Number.isInteger(o.pid) && (o.kind === 'app' || o.kind === 'web') && typeof o.startedAt === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const localTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.getFullYear()}.${pad(d.getMonth() + 1)}.${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * Takes the data folder for one app window or web host: a lock file with pid, program
 * kind and start time, created exclusively. A lock whose process is gone (or that cannot
 * be read) is stale and taken over. Held by a live process: AppError CONFLICT saying who.
 */
export function lockDataFolder(dataDir: string, kind: LockKind, now: Date = new Date()): DataLock {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockOwner = { pid: process.pid, kind, startedAt: now.toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine) + '\n', { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    const owner = readOwner(file);
    if (owner && running(owner.pid)) {
      throw new AppError(
        'CONFLICT',
        `数据文件夹「${dataDir}」正被另一个${KIND_TEXT[owner.kind]}使用（进程号 ${owner.pid}，${localTime(owner.startedAt)} 启动）。` +
          '同一份数据同时开在两处，撤销会互相干扰：请先关闭那个程序，或用 --data-dir 打开其他数据文件夹。',
      );
    }
    console.warn(`[cadre] taking over a stale lock in ${dataDir}${owner ? ` (pid ${owner.pid} is gone)` : ''}`);
    fs.rmSync(file, { force: true });
  }
  const release = () => {
    if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    process.removeListener('exit', release);
  };
  process.once('exit', release); // a crash or process.exit still lets the next start in without a warning
  return { file, release };
}
