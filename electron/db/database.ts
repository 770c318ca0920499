/**
 * The only place that opens the SQLite file. Everything that writes goes
 * through the Database handle returned here (one writer per process).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/contract/errors';
import { nameSortAndSearchKeys } from '../../shared/domain/common/pinyin';
import { migrations, type Migration } from './migrations';
import { ensurePrivateDir, makePrivate } from './private-files';

export type Database = BetterSqlite3.Database;

/** 'CADR' as a big-endian int: marks the file as ours (PRAGMA application_id). */
export const APPLICATION_ID = 0x43414452;
export const SCHEMA_VERSION = migrations.length;

export interface OpenOptions {
  /** Open without migrating (used to inspect a file, e.g. a backup). */
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  if (!opts.readonly) ensurePrivateDir(path.dirname(file));
  const existed = fs.existsSync(file);
  const db = new BetterSqlite3(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  try {
    if (!opts.readonly) {
      // Before WAL: SQLite gives -wal and -shm the database file's permissions.
      for (const f of [file, `${file}-wal`, `${file}-shm`]) makePrivate(f, existed);
    }
    db.pragma('busy_timeout = 5000');
    assertOurs(db, file);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    immediateTransactions(db);
    registerFunctions(db);
    if (!opts.readonly) {
      migrate(db);
      // Fresh planner statistics where they are missing or stale (cheap when current). It may
      // write: on a full or read-only disk the data must still open for reading.
      try {
        db.pragma('optimize = 0x10002');
      } catch {
        /* statistics can wait for a writable disk */
      }
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Every transaction in the app writes, so each begins IMMEDIATE: it takes the write lock
 * first and busy_timeout waits for another writer (the CLI importing, say). A deferred
 * one read first and then failed at once with SQLITE_BUSY when the other writer had
 * committed meanwhile, which no timeout retries.
 */
function immediateTransactions(db: Database): void {
  const deferred = db.transaction.bind(db);
  db.transaction = (fn => deferred(fn).immediate) as Database['transaction'];
}

/** Refuses a SQLite file that belongs to another program, and one from a newer app. */
function assertOurs(db: Database, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) throw foreign(file);
  } else if (appId !== APPLICATION_ID) {
    throw foreign(file);
  }
  if (version > SCHEMA_VERSION) {
    throw new AppError(
      'DB_TOO_NEW',
      `数据文件「${file}」由更新版本的干部工作台创建（数据格式版本 ${version}，本程序支持到 ${SCHEMA_VERSION}），请升级程序后再打开。`,
    );
  }
}

function foreign(file: string): AppError {
  return new AppError('FOREIGN_DB', `文件「${file}」不是干部工作台的数据文件，已拒绝打开，文件未被修改。`);
}

/**
 * SQL functions the schema's triggers call. Another SQLite tool can read the
 * file, but renaming a cadre there fails for want of cadre_name_keys().
 */
export function registerFunctions(db: Database): void {
  db.function('cadre_name_keys', { deterministic: true }, (name: unknown) => nameSortAndSearchKeys(String(name ?? '')));
}

/** Applies pending migrations in order, each in its own transaction with its version. */
export function migrate(db: Database, upTo = SCHEMA_VERSION, list: readonly Migration[] = migrations): void {
  registerFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of list.slice(current, upTo)) {
    // A table rebuild must not cascade its DROP into the rows pointing at it; the pragma
    // is a no-op inside a transaction, so it is switched around it (SQLite's 12-step recipe).
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`migration ${m.version}: foreign keys broken`);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys}`);
    }
  }
}
