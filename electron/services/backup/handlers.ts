import fs from 'node:fs';
import path from 'node:path';
import type { BackupSettings, backupRoutes, SnapshotInfo as ApiSnapshot } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import {
  backupDirOf,
  backupDirProblem,
  backupToFile,
  dataCounts,
  defaultBackupDir,
  describeSnapshot,
  listSnapshots,
  networkWarning,
  parseSnapshotName,
  restoreFrom,
  RETENTION,
  setBackupDir,
  takeSnapshot,
  type SnapshotInfo,
} from './backup';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';

/** The contract's view of a snapshot: its name, never its path. */
function toApi(s: SnapshotInfo): ApiSnapshot {
  const out: ApiSnapshot = { name: s.name, kind: s.kind, takenAt: s.takenAt, size: s.size, schemaVersion: s.schemaVersion, counts: s.counts };
  if (s.problem) out.problem = s.problem;
  return out;
}

/** How the page names the backup folder: never its path. */
function dirName(dir: string, isDefaultDir: boolean): string {
  return isDefaultDir ? '数据文件夹中的 backups' : path.basename(dir) || dir;
}

/** Browser mode: the folder is set where paths are typed, on the command line. */
const SET_DIR_HINT = '浏览器模式下不能在页面上选择备份文件夹。请在命令行设置：npx cadre backup --set-dir 文件夹（恢复默认：npx cadre backup --default-dir）。';

export function backupSettings({ db, dbPath, chooseFolder }: ServiceContext): BackupSettings {
  const dir = backupDirOf(db, dbPath);
  const isDefaultDir = path.resolve(dir) === path.resolve(defaultBackupDir(dbPath));
  return {
    dirName: dirName(dir, isDefaultDir),
    isDefaultDir,
    canChooseDir: !!chooseFolder,
    dirProblem: backupDirProblem(dir, isDefaultDir),
    networkWarning: networkWarning(dbPath),
    counts: dataCounts(db),
    retention: { ...RETENTION },
  };
}

export function backupHandlers(ctx: ServiceContext): HandlersOf<typeof backupRoutes> {
  const { db, dbPath } = ctx;
  /** The live database a restore swaps: only a core that can reopen its file has one. */
  const live = () => {
    const reopen = ctx.reopen;
    if (!reopen) throw new AppError('INTERNAL', '此处无法恢复数据：数据库未由程序核心打开。');
    return { db, dbPath, reopen };
  };
  return {
    getBackupSettings: () => backupSettings(ctx),
    listSnapshots: () => {
      const dir = backupDirOf(db, dbPath);
      const isDefaultDir = path.resolve(dir) === path.resolve(defaultBackupDir(dbPath));
      return { dirName: dirName(dir, isDefaultDir), snapshots: listSnapshots(dir).map(toApi) };
    },
    backupNow: async () => toApi(await takeSnapshot(db, 'manual', { dbPath })),
    restoreSnapshot: async ({ name }) => {
      // The name is checked by the route's pattern (no separators, no '..'); check again here.
      if (!parseSnapshotName(name) || path.basename(name) !== name) throw new AppError('VALIDATION', `「${name}」不是备份文件名。`);
      const dir = backupDirOf(db, dbPath);
      if (!fs.existsSync(path.join(dir, name))) throw new AppError('NOT_FOUND', `备份文件夹「${dir}」中没有「${name}」。`);
      const restored = describeSnapshot(dir, name);
      const result = await restoreFrom(live(), path.join(dir, name));
      return { restored: toApi(restored), preRestore: toApi(result.preRestore), counts: result.counts };
    },
    chooseBackupDir: async ({ path: named }) => {
      let dir = named ?? null;
      if (named === undefined) {
        if (!ctx.chooseFolder) throw new AppError('VALIDATION', SET_DIR_HINT);
        dir = await ctx.chooseFolder('选择备份文件夹');
      }
      if (dir) setBackupDir(db, dir);
      return { ...backupSettings(ctx), changed: !!dir };
    },
    useDefaultBackupDir: () => {
      setBackupDir(db, null);
      return backupSettings(ctx);
    },
    backupDirPath: () => ({ path: backupDirOf(db, dbPath) }),
    backupToFile: async ({ outPath }) => {
      const target = path.resolve(outPath);
      // Like every export's file, only the expected kind: a SQLite file any tool recognises.
      if (path.extname(target).toLowerCase() !== '.db')
        throw new AppError('VALIDATION', `备份文件名应以 .db 结尾（收到「${path.basename(target)}」），例如 干部备份.db`);
      await backupToFile(db, dbPath, target);
      return { path: target, size: fs.statSync(target).size };
    },
    restoreFromFile: async ({ path: file }) => {
      const r = await restoreFrom(live(), path.resolve(file));
      return { preRestore: r.preRestore.file, counts: r.counts, fromSchemaVersion: r.fromSchemaVersion };
    },
  };
}
