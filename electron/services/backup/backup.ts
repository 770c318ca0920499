/**
 * Backups and restore (issue 7). Plain Node: no `electron` import, so the
 * Electron main process, the loopback web host, the CLI and the tests share it.
 *
 * Snapshots
 *   A snapshot is a complete copy of the database made with SQLite's online
 *   backup API (better-sqlite3 `db.backup()`, which copies page by page between
 *   event-loop turns and never blocks the app). It is written to
 *   `<name>.partial`, switched to a plain rollback-journal file (so it opens in
 *   any SQLite tool and a read-only open leaves no -wal/-shm beside it),
 *   quick-checked, fsynced and only then renamed to its final name
 *   `cadre-desk-2026-11-22T083015-daily.db`. Listing, rotation and restore only
 *   ever look at final names, so a snapshot interrupted at any point (power
 *   cut, SIGKILL, USB drive pulled) never looks complete.
 *
 * Rotation (automatic kinds 'daily' and 'exit' only; 'manual' and
 * 'pre-restore' snapshots are never deleted automatically)
 *   A snapshot survives when it is the newest snapshot of
 *     - one of the 7 most recent calendar days (local time) that have snapshots, or
 *     - one of the 4 most recent ISO weeks that have snapshots, or
 *     - one of the 12 most recent calendar months that have snapshots.
 *   "That have snapshots" makes a fortnight's holiday cost nothing: the last 7
 *   working days stay kept. Every other automatic snapshot is deleted.
 *
 * Restore
 *   validate the candidate → keep the current database as a 'pre-restore'
 *   snapshot → copy the candidate beside the live file → migrate it there →
 *   integrity-check it → close the live handle, keep a byte copy of the live
 *   file, rename the candidate over it, reopen. Any failure before the rename
 *   leaves the live file untouched; a failure after it renames the byte copy
 *   back. The live handle belongs to the core, so restore works through a
 *   `LiveDatabase` (the core's `reopen`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { formatSnapshotTime } from '../../../shared/domain/backup/format';
import { SNAPSHOT_NAME_PATTERN, type DataCounts, type SnapshotKind } from '../../../shared/contract/routes/backup';
import { AppError, type ErrorCode } from '../../../shared/contract/errors';
import { APPLICATION_ID, SCHEMA_VERSION, openDatabase, type Database } from '../../db/database';
import { audit, recordBackup } from '../common/audit';
import { getSetting, OPERATOR_SETTING, operatorName, savedOperatorName, setSetting } from '../common/settings';
import { ensurePrivateDir, makePrivate } from '../../db/private-files';

export type { DataCounts, SnapshotKind };

/** How many of each period the rotation keeps. */
export const RETENTION = { daily: 7, weekly: 4, monthly: 12 } as const;
export type Retention = { daily: number; weekly: number; monthly: number };

/** The settings key of a user-chosen backup folder (absent: the default). */
export const BACKUP_DIR_SETTING = 'backupDir';

const AUTOMATIC: readonly SnapshotKind[] = ['daily', 'exit'];
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const PARTIAL = '.partial';

// ───────────────────────────── names and times ─────────────────────────────

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** '2026-11-22T083015' in local time (the user's clock, as the file name shows it). */
export function fileStamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** 'YYYY-MM-DD' of a local date. */
function dayKeyOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** ISO 8601 week of a calendar date: '2026-W47' (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(year: number, month: number, day: number): string {
  const t = new Date(Date.UTC(year, month - 1, day));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const isoYear = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${pad(week)}`;
}

export interface SnapshotName {
  name: string;
  kind: SnapshotKind;
  /** Local 'YYYY-MM-DDTHH:MM:SS'. */
  takenAt: string;
  /** 'YYYY-MM-DD', 'YYYY-Www', 'YYYY-MM': the rotation's buckets. */
  day: string;
  week: string;
  month: string;
  /** 1, or 2, 3… for a second snapshot of the same kind within one second. */
  seq: number;
}

export function parseSnapshotName(name: string): SnapshotName | null {
  const m = SNAPSHOT_NAME_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, kind, seq] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return {
    name,
    kind: kind as SnapshotKind,
    takenAt: `${y}-${mo}-${d}T${h}:${mi}:${s}`,
    day: `${y}-${mo}-${d}`,
    week: isoWeekKey(year, month, day),
    month: `${y}-${mo}`,
    seq: seq ? Number(seq) : 1,
  };
}

/** Newest first: by time, then sequence, then name (stable). */
function newestFirst(a: SnapshotName, b: SnapshotName): number {
  if (a.takenAt !== b.takenAt) return a.takenAt < b.takenAt ? 1 : -1;
  if (a.seq !== b.seq) return b.seq - a.seq;
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

/** Our snapshot files in `dir` (final names only), newest first; [] for a missing folder. */
export function snapshotNamesIn(dir: string): SnapshotName[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .map(parseSnapshotName)
    .filter((s): s is SnapshotName => s !== null)
    .sort(newestFirst);
}

// ───────────────────────────────── rotation ─────────────────────────────────

/**
 * Which snapshots the rotation keeps (see the header). Pure: the same list
 * always gives the same answer, and applying it twice changes nothing.
 */
export function planRotation(snapshots: readonly SnapshotName[], keep: Retention = RETENTION): { keep: string[]; remove: string[] } {
  const automatic = snapshots.filter(s => AUTOMATIC.includes(s.kind)).sort(newestFirst);
  const kept = new Set<string>(snapshots.filter(s => !AUTOMATIC.includes(s.kind)).map(s => s.name));
  const rule = (bucket: (s: SnapshotName) => string, count: number) => {
    const seen = new Set<string>();
    for (const s of automatic) {
      const key = bucket(s);
      if (seen.has(key)) continue; // an older snapshot of a bucket already represented
      if (seen.size === count) break;
      seen.add(key);
      kept.add(s.name); // newest first, so the first of each bucket is its newest
    }
  };
  rule(s => s.day, keep.daily);
  rule(s => s.week, keep.weekly);
  rule(s => s.month, keep.monthly);
  return {
    keep: snapshots.filter(s => kept.has(s.name)).map(s => s.name),
    remove: automatic.filter(s => !kept.has(s.name)).map(s => s.name),
  };
}

/** Deletes the automatic snapshots the rotation does not keep; returns their names. */
export function rotateSnapshots(dir: string, keep: Retention = RETENTION): string[] {
  const { remove } = planRotation(snapshotNamesIn(dir), keep);
  const removed: string[] = [];
  for (const name of remove) {
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch (err) {
      console.error(`[cadre] could not delete old snapshot ${name}:`, err);
    }
  }
  return removed;
}

// ─────────────────────────────── the folder ───────────────────────────────

export function defaultBackupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

/** The folder snapshots of this database go to: the setting, else `<data folder>/backups`. */
export function backupDirOf(db: Database, dbPath: string): string {
  const chosen = getSetting(db, BACKUP_DIR_SETTING);
  return chosen && chosen.trim() ? chosen : defaultBackupDir(dbPath);
}

/** A Chinese sentence for a failed file operation in the backup folder. */
export function folderError(dir: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new AppError('NOT_FOUND', `备份文件夹「${dir}」不存在。如果它在 U 盘或移动硬盘上，请插好后重试，或在“数据与备份”页改用其他文件夹。`);
    case 'ENOTDIR':
      return new AppError('VALIDATION', `「${dir}」不是文件夹，无法存放备份。`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('CONFLICT', `备份文件夹「${dir}」无法写入（没有写入权限或为只读介质）。请检查权限，或改用其他文件夹。`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('CONFLICT', `备份文件夹「${dir}」所在磁盘空间不足，备份未完成。`);
    default:
      return new AppError('INTERNAL', `无法写入备份文件夹「${dir}」：${(err as Error)?.message ?? String(err)}`);
  }
}

/** Makes sure `dir` can take a snapshot: the default folder is created; a chosen one must exist. */
function prepareDir(dir: string, isDefault: boolean): void {
  try {
    if (isDefault) ensurePrivateDir(dir);
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    throw folderError(dir, err);
  }
}

/** Why `dir` cannot take a snapshot now (Chinese), or null. Writes and removes a small probe file. */
export function backupDirProblem(dir: string, isDefault = false): string | null {
  try {
    if (!fs.existsSync(dir)) {
      if (isDefault) return null; // created with the first snapshot
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    }
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    const probe = path.join(dir, `.cadre-desk-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
    return null;
  } catch (err) {
    return folderError(dir, err).message;
  }
}

/** Sets the backup folder (an absolute folder that exists and is writable), or back to the default with null. */
export function setBackupDir(db: Database, dir: string | null): void {
  const before = getSetting(db, BACKUP_DIR_SETTING) ?? null;
  const logged = (after: string | null) => {
    if (after !== before) audit(db, { entity: 'settings', action: 'backupDir', before: { backupDir: before }, after: { backupDir: after } });
  };
  if (dir === null || dir.trim() === '') {
    db.transaction(() => {
      db.prepare('DELETE FROM settings WHERE key = ?').run(BACKUP_DIR_SETTING);
      logged(null);
    })();
    return;
  }
  const trimmed = dir.trim();
  if (!path.isAbsolute(trimmed)) {
    throw new AppError('VALIDATION', `备份文件夹需要完整路径（例如 E:\\干部工作台备份 或 /media/U盘/备份），「${trimmed}」不是。`);
  }
  const resolved = path.resolve(trimmed);
  const problem = backupDirProblem(resolved, false);
  if (problem) throw new AppError('VALIDATION', problem);
  db.transaction(() => {
    setSetting(db, BACKUP_DIR_SETTING, resolved);
    logged(resolved);
  })();
}

/** Removes leftovers of interrupted snapshots (older than an hour, so a concurrent writer is not disturbed). */
function removeStalePartials(dir: string, pattern = /^cadre-desk-.*\.db\.partial(-journal|-wal|-shm)?$/, now = Date.now()): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (!pattern.test(e)) continue;
    const file = path.join(dir, e);
    try {
      if (now - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
    } catch {
      // gone already, or not ours to delete
    }
  }
}

// ─────────────────────────────── file helpers ───────────────────────────────

const SIDECARS = ['-wal', '-shm', '-journal'] as const;

function removeWithSidecars(file: string): void {
  for (const f of [file, ...SIDECARS.map(s => file + s)]) fs.rmSync(f, { force: true });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable (POSIX); Windows has no directory handles to sync. */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some file systems (e.g. FAT on a USB drive) refuse: the rename is still done
  }
}

/** The same file, symlinks and (on Windows) case aside. */
export function samePath(a: string, b: string): boolean {
  const norm = (p: string) => {
    let r = path.resolve(p);
    try {
      r = fs.realpathSync(r);
    } catch {
      // not there (yet)
    }
    return process.platform === 'win32' ? r.toLowerCase() : r;
  };
  return norm(a) === norm(b);
}

/** Copies a database file and the -wal / -journal beside it (they hold part of its content). */
function copyDatabaseFile(from: string, to: string): void {
  removeWithSidecars(to);
  fs.copyFileSync(from, to);
  for (const s of ['-wal', '-journal']) {
    if (fs.existsSync(from + s)) fs.copyFileSync(from + s, to + s);
  }
}

function tempName(dir: string, base: string, tag: string): string {
  return path.join(dir, `${base}.${tag}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}

// ───────────────────────────── counts and checks ─────────────────────────────

function tableExists(db: Database, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);
}

/**
 * Cadres, secondment batches and assessment rounds in a database of any
 * schema version. The batch and round tables arrive with later migrations
 * (issues 5 and 6), so an older file — or this build, before those land —
 * lacks them: we look for them in sqlite_schema by name
 * ('secondment_batches', 'assessment_rounds') and count 0 when absent.
 */
export function dataCounts(db: Database): DataCounts {
  const count = (table: string, where = '') =>
    tableExists(db, table) ? (db.prepare(`SELECT count(*) AS n FROM "${table}" ${where}`).get() as { n: number }).n : 0;
  const cadresHaveDeleted = tableExists(db, 'cadres') && db.prepare("SELECT 1 FROM pragma_table_info('cadres') WHERE name = 'deleted_at'").get() !== undefined;
  return {
    // In the roster, as every roster count (roster/api.ts IN_ROSTER); status is as old as the table.
    cadres: count('cadres', cadresHaveDeleted ? "WHERE deleted_at IS NULL AND status = '在职'" : "WHERE status = '在职'"),
    batches: count('secondment_batches'),
    rounds: count('assessment_rounds'),
  };
}

function hasData(db: Database): boolean {
  return (
    (tableExists(db, 'cadres') && !!db.prepare('SELECT 1 FROM cadres LIMIT 1').get()) ||
    (tableExists(db, 'units') && !!db.prepare('SELECT 1 FROM units LIMIT 1').get())
  );
}

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function sqliteErrorCode(err: unknown): string {
  return String((err as { code?: unknown })?.code ?? '');
}

/**
 * The data folder's own temp area for private copies (`.cadre-tmp`, owner-only). A copy
 * left by a killed process is removed at the next start (cleanDataTemp), never in /tmp.
 */
export function dataTempDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), '.cadre-tmp');
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, another user's
  }
};

/** Removes copies in the temp area whose process is gone (the name carries the pid); returns their names. */
export function cleanDataTemp(dbPath: string): string[] {
  const dir = dataTempDir(dbPath);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const e of entries) {
    const pid = Number(/^check-(\d+)-/.exec(e)?.[1]);
    if (pid && alive(pid)) continue; // a check running beside us
    try {
      fs.rmSync(path.join(dir, e), { recursive: true, force: true });
      removed.push(e);
    } catch {
      // not ours to delete
    }
  }
  return removed;
}

/**
 * Runs `fn` on a connection to `file` that never changes the file or creates
 * anything beside it. A plain (rollback-journal) file without a hot journal
 * is opened read-only in place; a WAL-mode file, or one with a -wal/-journal
 * beside it, is copied (with its sidecars) into a private folder under
 * `workDir` first, because even a read-only open of those writes -shm/-wal
 * files next to them.
 */
function withReadableCopy<T>(file: string, workDir: string | undefined, fn: (db: Database) => T): T {
  const header = readHeader(file);
  const walMode = header.length >= 20 && (header[18] === 2 || header[19] === 2);
  const sidecar = ['-wal', '-journal'].some(s => fs.existsSync(file + s));
  if (!walMode && !sidecar) {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return fn(db);
    } finally {
      db.close();
    }
  }
  if (workDir) ensurePrivateDir(workDir);
  const dir = fs.mkdtempSync(path.join(workDir ?? os.tmpdir(), workDir ? `check-${process.pid}-` : '.cadre-check-'));
  try {
    const copy = path.join(dir, 'candidate.db');
    copyDatabaseFile(file, copy);
    const db = new BetterSqlite3(copy, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return fn(db);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `fn` on the live database itself, never writing: with a -wal beside it (the app
 * running, or killed) read-only, so SQLite neither checkpoints nor removes the WAL; a
 * cleanly closed file read-write but query-only, so closing removes the -wal/-shm the
 * open made (a read-only open would leave them behind).
 */
function withLiveConnection<T>(file: string, fn: (db: Database) => T): T {
  const inUse = fs.existsSync(`${file}-wal`);
  const db = new BetterSqlite3(file, { readonly: inUse, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    if (!inUse) db.pragma('query_only = ON');
    return fn(db);
  } finally {
    db.close();
  }
}

export type ValidationCode = 'MISSING' | 'NOT_SQLITE' | 'TRUNCATED' | 'FOREIGN' | 'TOO_NEW' | 'CORRUPT';
export type Validation = { ok: true; schemaVersion: number; counts: DataCounts } | { ok: false; code: ValidationCode; reason: string };

export interface ValidateOptions {
  /** Where a private copy may be made (see withReadableCopy); default the OS temp folder. */
  workDir?: string;
  /**
   * The live database (ours, maybe in use): read through SQLite in place, WAL included,
   * never copied. While it has a -wal the header's page count is not compared with the
   * file size (below): a checkpoint in progress has page 1 ahead of the pages not yet written.
   */
  live?: boolean;
}

/**
 * Is `file` a complete, undamaged Cadre Desk database this build can open?
 * Checks, in order: the SQLite header bytes, the size the header promises,
 * application_id, the schema version (older is fine: restore migrates it;
 * newer is refused) and `PRAGMA integrity_check`. Never changes the file.
 */
export function validateDatabaseFile(file: string, opts: ValidateOptions = {}): Validation {
  const fail = (code: ValidationCode, reason: string): Validation => ({ ok: false, code, reason });
  const shown = `文件「${file}」`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return fail('MISSING', `${shown}不存在。`);
  }
  if (stat.isDirectory()) return fail('NOT_SQLITE', `「${file}」是文件夹，不是数据文件。`);
  if (stat.size === 0) return fail('NOT_SQLITE', `${shown}是空文件（0 字节），不是干部工作台的数据文件。`);

  let header: Buffer;
  try {
    header = readHeader(file);
  } catch (err) {
    return fail('MISSING', `无法读取${shown}：${(err as Error).message}`);
  }
  const magicLength = Math.min(header.length, SQLITE_MAGIC.length);
  if (!header.subarray(0, magicLength).equals(SQLITE_MAGIC.subarray(0, magicLength))) {
    return fail('NOT_SQLITE', `${shown}不是 SQLite 数据库（可能是 Excel 表格、文本或其他类型的文件），不是干部工作台的数据文件。`);
  }
  if (header.length < 100) return fail('TRUNCATED', `${shown}不完整：只有 ${stat.size} 字节，连数据库文件头都不全，可能在复制或写入时被中断。`);

  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return fail('CORRUPT', `${shown}已损坏：数据库文件头中的页大小（${rawPageSize}）无效。`);
  }
  if (stat.size % pageSize !== 0) {
    return fail('TRUNCATED', `${shown}不完整：大小 ${stat.size} 字节不是页大小 ${pageSize} 的整数倍，可能在复制或写入时被中断。`);
  }
  const pageCount = header.readUInt32BE(28);
  const headerSizeValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  // With a -wal or -journal beside it the file alone is not the database: SQLite judges it below.
  const sidecar = ['-wal', '-journal'].some(x => fs.existsSync(file + x));
  if (!sidecar && headerSizeValid && pageCount > 0 && stat.size < pageCount * pageSize) {
    return fail('TRUNCATED', `${shown}不完整：应有 ${pageCount * pageSize} 字节，实际只有 ${stat.size} 字节，可能在复制或写入时被中断。`);
  }

  const inspect = (db: Database): Validation => {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      return fail('FOREIGN', `${shown}是 SQLite 数据库，但不是干部工作台的数据文件（属于其他程序或为空库）。`);
    }
    if (version > SCHEMA_VERSION) {
      return fail('TOO_NEW', `${shown}由更新版本的干部工作台创建（数据格式版本 ${version}，本程序支持到 ${SCHEMA_VERSION}），请先升级程序。`);
    }
    const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    const messages = rows.map(r => r.integrity_check);
    if (!(messages.length === 1 && messages[0] === 'ok')) {
      return fail('CORRUPT', `${shown}已损坏，完整性检查未通过：${messages.slice(0, 3).join('；')}${messages.length > 3 ? ` 等 ${messages.length} 处` : ''}`);
    }
    return { ok: true, schemaVersion: version, counts: dataCounts(db) };
  };

  try {
    if (opts.live) return withLiveConnection(file, inspect);
    return withReadableCopy(file, opts.workDir, inspect);
  } catch (err) {
    const code = sqliteErrorCode(err);
    if (code === 'SQLITE_NOTADB') return fail('CORRUPT', `${shown}已损坏：无法作为数据库读取（文件头或首页被破坏）。`);
    if (code.startsWith('SQLITE_CORRUPT')) return fail('CORRUPT', `${shown}已损坏：数据页损坏（${(err as Error).message}）。`);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return fail('CORRUPT', `${shown}正被其他程序独占，无法检查，请关闭相关程序后重试。`);
    return fail('CORRUPT', `无法检查${shown}：${(err as Error)?.message ?? String(err)}`);
  }
}

export type Health = { ok: true; missing?: boolean } | { ok: false; reason: string };

/**
 * The start-up check: `PRAGMA quick_check` on the live file (a missing file is
 * fine: a new one is created). Only damage is reported; a foreign or newer
 * file, or a permission problem, is left for openDatabase to explain.
 */
export function quickCheck(dbPath: string): Health {
  if (!fs.existsSync(dbPath)) return { ok: true, missing: true };
  const damaged = (why: string): Health => ({ ok: false, reason: `数据文件「${dbPath}」已损坏：${why}` });
  try {
    const header = readHeader(dbPath);
    if (header.length === 0) return { ok: true };
    const n = Math.min(header.length, SQLITE_MAGIC.length);
    if (!header.subarray(0, n).equals(SQLITE_MAGIC.subarray(0, n)) || header.length < 100) {
      return damaged('文件开头不是 SQLite 数据库格式（可能被截断或被其他数据覆盖）。');
    }
  } catch {
    return { ok: true }; // unreadable: openDatabase gives the permission message
  }
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(dbPath, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const rows = db.pragma('quick_check(10)') as { quick_check: string }[];
    const messages = rows.map(r => r.quick_check);
    if (messages.length === 1 && messages[0] === 'ok') return { ok: true };
    return damaged(`快速完整性检查未通过（${messages.slice(0, 3).join('；')}）。`);
  } catch (err) {
    const code = sqliteErrorCode(err);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return damaged(`无法作为数据库读取（${(err as Error).message}）。`);
    return { ok: true };
  } finally {
    try {
      db?.close();
    } catch {
      // closing a damaged file may fail too
    }
  }
}

// ───────────────────────────── network locations ─────────────────────────────

const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'sshfs', 'fuse.sshfs']);

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

function readMounts(): string | null {
  try {
    return fs.readFileSync('/proc/mounts', 'utf8');
  } catch {
    return null;
  }
}

/** The real path of `file`'s folder: symlinks resolved up to the nearest existing folder, the rest kept as written. */
function realDir(file: string): string {
  let dir = path.dirname(path.resolve(file));
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(dir), ...rest);
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return path.join(dir, ...rest);
      rest.unshift(path.basename(dir));
      dir = up;
    }
  }
}

/**
 * Is `file` on a network location? An honest, simple heuristic:
 *   - Windows: a UNC path (\\server\share\…, also \\?\UNC\…). A mapped drive
 *     letter (Z:) cannot be told apart without a native call and is missed.
 *   - Linux: the file system that holds the folder, from /proc/mounts (longest
 *     matching mount point), is nfs/nfs4/cifs/smb3/smbfs/sshfs/fuse.sshfs —
 *     wherever it is mounted (/mnt, /media, a home folder on NFS).
 * Returns a description of the location, or null.
 */
export function networkLocation(
  file: string,
  platform: NodeJS.Platform = process.platform,
  mounts: string | null = platform === 'linux' ? readMounts() : null,
): string | null {
  if (platform === 'win32') {
    const p = file.replace(/\//g, '\\');
    if (/^\\\\\?\\UNC\\/i.test(p)) return '网络共享文件夹（UNC 路径）';
    if (/^\\\\[^\\?.]/.test(p)) return '网络共享文件夹（UNC 路径）';
    return null;
  }
  if (platform !== 'linux' || !mounts) return null;
  const dir = realDir(file);
  let best: { point: string; type: string; source: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [source, point, type] = line.split(' ');
    if (!point || !type) continue;
    const mp = unescapeMount(point);
    const inside = mp === '/' || dir === mp || dir.startsWith(mp.endsWith('/') ? mp : `${mp}/`);
    if (inside && (!best || mp.length >= best.point.length)) best = { point: mp, type, source: unescapeMount(source) };
  }
  if (best && NETWORK_FS.has(best.type)) return `网络文件系统 ${best.type}（${best.source} 挂载于 ${best.point}）`;
  return null;
}

/** The Chinese warning for a database on a network location, with the way out; null when local. */
export function networkWarning(dbPath: string, platform: NodeJS.Platform = process.platform, mounts?: string | null): string | null {
  const where = networkLocation(dbPath, platform, mounts === undefined ? (platform === 'linux' ? readMounts() : null) : mounts);
  if (!where) return null;
  const example = platform === 'win32' ? 'D:\\干部工作台数据' : '~/干部工作台数据';
  return (
    `数据文件「${dbPath}」位于${where}。数据库的预写日志（WAL）在网络文件夹上不安全：断网或多人同时打开都可能损坏数据。` +
    `请把数据移到本机磁盘：先“立即备份”，退出程序，把数据文件夹复制到本机（例如 ${example}），再用 --data-dir 指定该文件夹启动。` +
    '备份文件夹可以放在网络位置或 U 盘上。'
  );
}

// ───────────────────────────────── snapshots ─────────────────────────────────

export interface SnapshotInfo {
  name: string;
  file: string;
  kind: SnapshotKind;
  takenAt: string;
  size: number;
  schemaVersion: number | null;
  counts: DataCounts | null;
  problem?: string;
}

export type BackupStage = 'copy' | 'verify' | 'sync' | 'rename' | 'done';
export interface BackupProgress {
  stage: BackupStage;
  totalPages?: number;
  remainingPages?: number;
}

export interface WriteOptions {
  onProgress?: (p: BackupProgress) => void;
  /** Pages copied per step of the online backup (default 256). */
  pagesPerStep?: number;
}

/**
 * Writes a consistent copy of `db` to `target`: online backup into
 * `target.partial`, switched to rollback-journal mode, quick-checked, fsynced,
 * renamed. `target` exists only once it is complete.
 */
export async function writeSnapshotFile(db: Database, target: string, opts: WriteOptions = {}): Promise<void> {
  const partial = target + PARTIAL;
  const dir = path.dirname(target);
  try {
    removeWithSidecars(partial);
    // Created owner-only before SQLite opens it: its -journal takes the same mode.
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    makePrivate(partial, false);
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        opts.onProgress?.({ stage: 'copy', totalPages, remainingPages });
        return opts.pagesPerStep ?? 256;
      },
    });
    opts.onProgress?.({ stage: 'verify' });
    const check = new BetterSqlite3(partial, { fileMustExist: true });
    try {
      check.pragma('journal_mode = DELETE');
      const result = check.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new AppError('INTERNAL', `备份文件写入后校验未通过（${String(result)}），备份未完成。`);
    } finally {
      check.close();
    }
    opts.onProgress?.({ stage: 'sync' });
    fsyncFile(partial);
    opts.onProgress?.({ stage: 'rename' });
    fs.renameSync(partial, target);
    fsyncDir(dir);
    opts.onProgress?.({ stage: 'done' });
  } catch (err) {
    try {
      removeWithSidecars(partial);
    } catch {
      // the folder itself may be gone (USB drive pulled)
    }
    if (err instanceof TypeError && /directory does not exist/.test(err.message)) {
      throw folderError(dir, Object.assign(new Error(err.message), { code: 'ENOENT' }));
    }
    throw folderError(dir, err);
  }
}

/** Size, schema version and counts of one snapshot, read from the file opened read-only. */
export function describeSnapshot(dir: string, name: string): SnapshotInfo {
  const parsed = parseSnapshotName(name);
  if (!parsed) throw new AppError('VALIDATION', `「${name}」不是备份文件名。`);
  const file = path.join(dir, name);
  const info: SnapshotInfo = { name, file, kind: parsed.kind, takenAt: parsed.takenAt, size: 0, schemaVersion: null, counts: null };
  try {
    info.size = fs.statSync(file).size;
  } catch {
    return { ...info, problem: '文件已不存在' };
  }
  try {
    withReadableCopy(file, undefined, db => {
      if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) throw new AppError('FOREIGN_DB', '不是干部工作台的数据文件');
      info.schemaVersion = db.pragma('user_version', { simple: true }) as number;
      info.counts = dataCounts(db);
    });
  } catch (err) {
    info.problem = `无法读取：${err instanceof AppError ? err.message : sqliteErrorCode(err) ? '文件已损坏' : (err as Error).message}`;
  }
  return info;
}

/** Every snapshot in `dir`, newest first, with size and counts. */
export function listSnapshots(dir: string): SnapshotInfo[] {
  return snapshotNamesIn(dir).map(s => describeSnapshot(dir, s.name));
}

/** A free final name for a snapshot taken at `now`. */
function allocateName(dir: string, kind: SnapshotKind, now: Date): string {
  const base = `cadre-desk-${fileStamp(now)}-${kind}`;
  for (let i = 1; i < 10_000; i++) {
    const name = i === 1 ? `${base}.db` : `${base}-${i}.db`;
    if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, name + PARTIAL))) return name;
  }
  throw new AppError('CONFLICT', `备份文件夹「${dir}」中同一秒内的备份过多。`);
}

/** One backup or restore at a time per database file, within this process. */
const queues = new Map<string, Promise<unknown>>();
function exclusive<T>(dbPath: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(dbPath);
  const prev = queues.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

export interface SnapshotOptions extends WriteOptions {
  /** The live database file (its folder holds the default backup folder). */
  dbPath: string;
  /** The clock (tests pass a fake one). */
  now?: Date;
  /** Overrides the backup folder setting. */
  dir?: string;
  retention?: Retention;
}

async function snapshotUnlocked(db: Database, kind: SnapshotKind, opts: SnapshotOptions): Promise<SnapshotInfo> {
  const dir = opts.dir ?? backupDirOf(db, opts.dbPath);
  prepareDir(dir, opts.dir === undefined && !getSetting(db, BACKUP_DIR_SETTING)?.trim());
  removeStalePartials(dir);
  const name = allocateName(dir, kind, opts.now ?? new Date());
  await writeSnapshotFile(db, path.join(dir, name), opts);
  return describeSnapshot(dir, name);
}

/** A snapshot of `kind` in the backup folder (manual and pre-restore ones are never rotated away). */
export function takeSnapshot(db: Database, kind: SnapshotKind, opts: SnapshotOptions): Promise<SnapshotInfo> {
  return exclusive(opts.dbPath, async () => {
    const snap = await snapshotUnlocked(db, kind, opts);
    if (AUTOMATIC.includes(kind)) rotateSnapshots(path.dirname(snap.file), opts.retention);
    // Copies asked for are audited; automatic ones (and the pre-restore copy, part of the restore's entry) are not.
    if (kind === 'manual') recordBackup(db, { name: snap.name });
    return snap;
  });
}

export type AutoSnapshotResult = { made: true; snapshot: SnapshotInfo; removed: string[] } | { made: false; why: 'empty' | 'already-today' };

/**
 * At start: one 'daily' snapshot on the first start of each calendar day
 * (a day that already has a daily or exit snapshot in the folder is done),
 * then the rotation. An empty database (no units, no cadres) is not copied.
 * Throws AppError when the folder is missing or not writable.
 */
export function snapshotOnStart(db: Database, opts: SnapshotOptions): Promise<AutoSnapshotResult> {
  return exclusive(opts.dbPath, async () => {
    const dir = opts.dir ?? backupDirOf(db, opts.dbPath);
    // Snapshots written before files were made owner-only are tightened once a day, at start.
    for (const s of snapshotNamesIn(dir)) makePrivate(path.join(dir, s.name));
    if (!hasData(db)) return { made: false, why: 'empty' } as const;
    const today = dayKeyOf(opts.now ?? new Date());
    if (snapshotNamesIn(dir).some(s => AUTOMATIC.includes(s.kind) && s.day === today)) return { made: false, why: 'already-today' } as const;
    const snapshot = await snapshotUnlocked(db, 'daily', opts);
    return { made: true, snapshot, removed: rotateSnapshots(path.dirname(snapshot.file), opts.retention) } as const;
  });
}

/** At exit: an 'exit' snapshot, then the rotation. */
export function snapshotOnExit(db: Database, opts: SnapshotOptions): Promise<AutoSnapshotResult> {
  return exclusive(opts.dbPath, async () => {
    if (!hasData(db)) return { made: false, why: 'empty' } as const;
    const snapshot = await snapshotUnlocked(db, 'exit', opts);
    return { made: true, snapshot, removed: rotateSnapshots(path.dirname(snapshot.file), opts.retention) } as const;
  });
}

/** `cadre backup --out FILE`: a snapshot to a file of the user's choosing (never over an existing file). */
export function backupToFile(db: Database, dbPath: string, out: string, opts: WriteOptions = {}): Promise<void> {
  const target = path.resolve(out);
  return exclusive(dbPath, async () => {
    if (samePath(target, dbPath)) throw new AppError('VALIDATION', '备份目标不能是当前数据文件本身。');
    if (fs.existsSync(target)) throw new AppError('CONFLICT', `文件「${target}」已存在，为避免覆盖，请换一个文件名。`);
    const dir = path.dirname(target);
    if (!fs.existsSync(dir)) throw folderError(dir, Object.assign(new Error('missing'), { code: 'ENOENT' }));
    await writeSnapshotFile(db, target, opts);
    recordBackup(db, { name: path.basename(target), file: target });
  });
}

// ────────────────────────────────── restore ──────────────────────────────────

/** The live database as the core holds it. */
export interface LiveDatabase {
  readonly db: Database;
  readonly dbPath: string;
  /**
   * Closes the handle, runs `swap` (which may replace the file) and opens the
   * file again, returning the new handle. If `swap` throws, the file as it
   * then is gets reopened and the error rethrown; if opening fails, the error
   * is thrown with the handle closed (call reopen again to recover).
   */
  reopen(swap?: () => void): Database;
}

export type RestoreStep = 'validate' | 'pre-restore' | 'copy' | 'migrate' | 'integrity' | 'close' | 'keep' | 'swap' | 'reopen';
export const RESTORE_STEPS: readonly RestoreStep[] = ['validate', 'pre-restore', 'copy', 'migrate', 'integrity', 'close', 'keep', 'swap', 'reopen'];

export interface RestoreOptions {
  now?: Date;
  /** Overrides the backup folder for the pre-restore snapshot. */
  dir?: string;
  /** Called before each step; tests throw here to prove that a failed step changes nothing. */
  beforeStep?: (step: RestoreStep) => void;
}

export interface RestoreResult {
  /** Schema version of the candidate before migration. */
  fromSchemaVersion: number;
  preRestore: SnapshotInfo;
  /** Counts of the database now in place. */
  counts: DataCounts;
}

function validationError(v: Extract<Validation, { ok: false }>): AppError {
  const code: ErrorCode = v.code === 'FOREIGN' ? 'FOREIGN_DB' : v.code === 'TOO_NEW' ? 'DB_TOO_NEW' : v.code === 'MISSING' ? 'NOT_FOUND' : 'VALIDATION';
  return new AppError(code, `无法恢复：${v.reason}当前数据未被改动。`);
}

function inUse(): AppError {
  return new AppError('CONFLICT', '无法恢复：数据文件正被其他程序（例如另一个干部工作台窗口或 cadre 命令行）使用，请关闭后重试。当前数据未被改动。');
}

function wrapRestoreError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('INTERNAL', `恢复失败：${(err as Error)?.message ?? String(err)}。当前数据未被改动。`);
}

interface RestoreRecord {
  /** The operator at the machine, carried over: the name belongs to the person, not to the data restored. */
  operator: string | null;
  /** The snapshot or file restored from (its name). */
  from: string;
  /** The snapshot the replaced data was saved as (none when a damaged file was recovered). */
  preRestore: string | null;
  /** True when the live file was damaged and replaced without a snapshot of it. */
  recovered?: boolean;
}

/**
 * Written into the restored database before it replaces the live one, so the
 * restore and its entry land (or fail) together.
 */
function recordRestore(db: Database, r: RestoreRecord): void {
  db.transaction(() => {
    if (r.operator) setSetting(db, OPERATOR_SETTING, r.operator);
    audit(db, {
      operator: r.operator ?? operatorName(db),
      entity: 'database',
      action: 'restore',
      after: { from: r.from, preRestore: r.preRestore, cadres: dataCounts(db).cadres, ...(r.recovered ? { recovered: true } : {}) },
    });
  })();
}

/**
 * Brings `candidate` (a copy beside the live file) to this build's schema,
 * carries the machine's backup folder setting over, and checks it again.
 */
function prepareCandidate(file: string, temp: string, backupDir: string | undefined, record: RestoreRecord, step: (s: RestoreStep) => void): void {
  step('copy');
  copyDatabaseFile(file, temp);
  step('migrate');
  const db = openDatabase(temp); // WAL, foreign keys, migrations
  try {
    // The backup folder belongs to this machine, not to the data being restored.
    if (backupDir) setSetting(db, BACKUP_DIR_SETTING, backupDir);
    else db.prepare('DELETE FROM settings WHERE key = ?').run(BACKUP_DIR_SETTING);
    // The restore's audit entry goes into the data being installed, so both land or neither.
    recordRestore(db, record);
  } finally {
    db.close();
  }
  step('integrity');
  const check = validateDatabaseFile(temp, { live: true });
  if (!check.ok) throw new AppError('VALIDATION', `无法恢复：迁移后的数据未通过检查（${check.reason}）。当前数据未被改动。`);
  if (check.schemaVersion !== SCHEMA_VERSION)
    throw new AppError('INTERNAL', `无法恢复：迁移后数据格式版本为 ${check.schemaVersion}，应为 ${SCHEMA_VERSION}。当前数据未被改动。`);
  for (const s of SIDECARS) {
    if (fs.existsSync(temp + s)) throw new AppError('INTERNAL', '无法恢复：临时文件未能完整关闭。当前数据未被改动。');
  }
}

/**
 * Replaces the live database with `file` (see the header). Throws AppError
 * with a Chinese reason on failure; the live database is then as it was.
 */
export function restoreFrom(live: LiveDatabase, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const dbPath = path.resolve(live.dbPath);
  return exclusive(dbPath, async () => {
    try {
      return await restoreUnlocked(live, dbPath, path.resolve(file), opts);
    } catch (err) {
      throw wrapRestoreError(err);
    }
  });
}

async function restoreUnlocked(live: LiveDatabase, dbPath: string, source: string, opts: RestoreOptions): Promise<RestoreResult> {
  const step = (s: RestoreStep) => opts.beforeStep?.(s);
  const dataDir = path.dirname(dbPath);

  step('validate');
  if (samePath(source, dbPath)) throw new AppError('VALIDATION', '不能用当前数据文件本身恢复。当前数据未被改动。');
  const v = validateDatabaseFile(source, { workDir: dataTempDir(dbPath) });
  if (!v.ok) throw validationError(v);

  // Another program holding the file is found before the pre-restore snapshot is written: closing
  // our handle leaves -wal/-shm behind only while someone else has it open (checked again at the swap).
  const db = live.reopen(() => {
    if (SIDECARS.some(s => fs.existsSync(dbPath + s))) throw inUse();
  });

  step('pre-restore');
  const backupDir = getSetting(db, BACKUP_DIR_SETTING)?.trim() || undefined;
  const operator = savedOperatorName(db);
  let preRestore: SnapshotInfo;
  try {
    preRestore = await snapshotUnlocked(db, 'pre-restore', { dbPath, now: opts.now, dir: opts.dir });
  } catch (err) {
    throw new AppError(
      (err as AppError).code ?? 'INTERNAL',
      `无法恢复：恢复前需要先为当前数据保存快照，但未能完成（${(err as Error).message}）。当前数据未被改动。`,
    );
  }

  // Leftovers of a restore interrupted by a crash (never the live file: it has no .tmp suffix).
  removeStalePartials(dataDir, /\.restore-\d+-[0-9a-f]+\.tmp(-journal|-wal|-shm)?$/);
  const temp = tempName(dataDir, path.basename(dbPath), 'restore');
  const keep = `${dbPath}.before-restore`;
  let swapped = false;
  let keepNeeded = false;
  let current: Database;
  try {
    prepareCandidate(source, temp, backupDir, { operator, from: path.basename(source), preRestore: preRestore.name }, step);
    try {
      current = live.reopen(() => {
        step('close');
        if (SIDECARS.some(s => fs.existsSync(dbPath + s))) {
          throw inUse();
        }
        step('keep');
        fs.copyFileSync(dbPath, keep);
        fsyncFile(keep);
        step('swap');
        fs.renameSync(temp, dbPath);
        swapped = true;
        fsyncDir(dataDir);
        step('reopen');
      });
    } catch (err) {
      if (swapped) {
        // The candidate is in place but could not be opened (or a later step failed): put the old file back.
        try {
          live.reopen(() => {
            fs.renameSync(keep, dbPath);
            fsyncDir(dataDir);
          });
        } catch (putBackErr) {
          keepNeeded = true;
          console.error('[cadre] restore failed, then putting the old file back failed:', err, putBackErr);
          throw new AppError(
            'INTERNAL',
            `恢复失败，且未能自动放回原来的数据（${(putBackErr as Error).message}）。原来的数据完整保存在「${keep}」，另有恢复前备份「${preRestore.file}」；请勿删除它们，并联系管理员。`,
          );
        }
      }
      throw err;
    }
  } finally {
    removeWithSidecars(temp);
    if (!keepNeeded) fs.rmSync(keep, { force: true });
  }
  // Done: from here on nothing may report the old data as still in place.
  let counts = v.counts;
  try {
    counts = dataCounts(current);
  } catch (err) {
    console.error('[cadre] counting the restored data failed:', err);
  }
  return { fromSchemaVersion: v.schemaVersion, preRestore, counts };
}

/**
 * Recovery without an open database (the live file is damaged or missing):
 * the same checks and migration as restoreFrom, but the damaged file and its
 * -wal are kept as byte copies `cadre-desk.db.damaged-<time>` instead of a
 * snapshot (a damaged file cannot be read page by page).
 */
export function recoverFromSnapshot(dbPath: string, file: string, opts: { now?: Date } = {}): { damagedCopy: string | null; counts: DataCounts } {
  const live = path.resolve(dbPath);
  const dataDir = path.dirname(live);
  const source = path.resolve(file);
  if (samePath(source, live)) throw new AppError('VALIDATION', '不能用当前数据文件本身恢复。');
  const v = validateDatabaseFile(source, { workDir: dataTempDir(dbPath) });
  if (!v.ok) throw validationError(v);
  fs.mkdirSync(dataDir, { recursive: true });
  const temp = tempName(dataDir, path.basename(live), 'restore');
  try {
    prepareCandidate(source, temp, readBackupDirSetting(live), { operator: null, from: path.basename(source), preRestore: null, recovered: true }, () => {});
    let damagedCopy: string | null = null;
    if (fs.existsSync(live)) {
      damagedCopy = `${live}.damaged-${fileStamp(opts.now ?? new Date())}`;
      fs.copyFileSync(live, damagedCopy);
      if (fs.existsSync(live + '-wal')) fs.copyFileSync(live + '-wal', damagedCopy + '-wal');
      fsyncFile(damagedCopy);
    }
    // A stale -wal beside the new file would be replayed into it: remove the old sidecars first.
    for (const s of SIDECARS) fs.rmSync(live + s, { force: true });
    fs.renameSync(temp, live);
    fsyncDir(dataDir);
    return { damagedCopy, counts: v.counts };
  } catch (err) {
    throw wrapRestoreError(err);
  } finally {
    removeWithSidecars(temp);
  }
}

/** The backup folder setting of a (possibly damaged) database, if it can be read. */
function readBackupDirSetting(dbPath: string): string | undefined {
  if (!fs.existsSync(dbPath)) return undefined;
  try {
    return withReadableCopy(dbPath, dataTempDir(dbPath), db => {
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(BACKUP_DIR_SETTING) as { value: string } | undefined;
      return row?.value?.trim() || undefined;
    });
  } catch {
    return undefined;
  }
}

/**
 * The newest snapshot that passes validateDatabaseFile, looking in the
 * database's own backup folder setting (when it can still be read) and in the
 * default `<data folder>/backups`. Null when there is none.
 */
export function findRecoverySnapshot(dbPath: string): (SnapshotInfo & { schemaVersion: number; counts: DataCounts }) | null {
  const dirs = [...new Set([readBackupDirSetting(dbPath), defaultBackupDir(dbPath)].filter((d): d is string => !!d))];
  const all = dirs.flatMap(dir => snapshotNamesIn(dir).map(s => ({ dir, s }))).sort((a, b) => newestFirst(a.s, b.s));
  for (const { dir, s } of all) {
    const file = path.join(dir, s.name);
    const v = validateDatabaseFile(file, { workDir: dataTempDir(dbPath) });
    if (v.ok) {
      const size = fs.statSync(file).size;
      return { name: s.name, file, kind: s.kind, takenAt: s.takenAt, size, schemaVersion: v.schemaVersion, counts: v.counts };
    }
  }
  return null;
}

/** '2026.11.22 08:30', as users write a date and time. */
export const shownTime = formatSnapshotTime;
