/** Routes of 数据与备份: snapshots, restore, the backup folder. */
import { z } from 'zod';
import { noInput } from './common';

export const SNAPSHOT_KINDS = ['daily', 'exit', 'manual', 'pre-restore'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** How the page names each kind. */
export const SNAPSHOT_KIND_LABELS: Record<SnapshotKind, string> = {
  daily: '每日自动',
  exit: '退出时自动',
  manual: '手动',
  'pre-restore': '恢复前',
};

/**
 * A snapshot's file name: `cadre-desk-2026-11-22T083015-daily.db` (local time),
 * with `-2`, `-3`… when two are taken in the same second. Only names of this
 * shape are listed, rotated or restored; the half-written `….db.partial` never
 * matches. Groups: year, month, day, hour, minute, second, kind, sequence.
 */
export const SNAPSHOT_NAME_PATTERN = /^cadre-desk-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})-(daily|exit|manual|pre-restore)(?:-(\d{1,4}))?\.db$/;

export const dataCountsSchema = z.object({
  cadres: z.number().int(),
  /** 挂职批次; 0 until the secondment tables exist. */
  batches: z.number().int(),
  /** 考核轮次; 0 until the assessment tables exist. */
  rounds: z.number().int(),
});
export type DataCounts = z.infer<typeof dataCountsSchema>;

export const snapshotSchema = z.object({
  /** The file name inside the backup folder (the only handle the renderer gets). */
  name: z.string(),
  kind: z.enum(SNAPSHOT_KINDS),
  /** Local time 'YYYY-MM-DDTHH:MM:SS', from the file name. */
  takenAt: z.string(),
  /** Bytes. */
  size: z.number().int(),
  schemaVersion: z.number().int().nullable(),
  /** null when the file could not be read (then `problem` says why). */
  counts: dataCountsSchema.nullable(),
  problem: z.string().optional(),
});
export type SnapshotInfo = z.infer<typeof snapshotSchema>;

export const backupSettingsSchema = z.object({
  /** Where snapshots go, as the page shows it: the folder's name, never its path (the main process keeps that). */
  dirName: z.string(),
  isDefaultDir: z.boolean(),
  /** The app can open the OS folder dialog (chooseBackupDir); false in browser mode, where the CLI sets it. */
  canChooseDir: z.boolean(),
  /** Chinese: why the folder cannot take a snapshot now (missing, not writable), else null. */
  dirProblem: z.string().nullable(),
  /** Chinese: the database lies on a network location, and the way out; else null. */
  networkWarning: z.string().nullable(),
  counts: dataCountsSchema,
  retention: z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

const snapshotName = z.string().max(100).regex(SNAPSHOT_NAME_PATTERN, '不是备份文件名');
/**
 * A file or folder on disk, named by the CLI only (pageDispatch refuses any `path` or `outPath`
 * from a page): a full path as the CLI resolves it, never one relative to the process's folder.
 */
const cliPath = z
  .string()
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, '需要完整路径')
  .regex(/^[^\u0000-\u001f\u007f]*$/, '路径不能包含控制字符');

export const backupRoutes = {
  getBackupSettings: { input: noInput, output: backupSettingsSchema },
  /** Snapshots in the backup folder, newest first. */
  listSnapshots: {
    input: noInput,
    output: z.object({ dirName: z.string(), snapshots: z.array(snapshotSchema) }),
  },
  /** 立即备份: a manual snapshot (never rotated away). */
  backupNow: { input: noInput, output: snapshotSchema },
  /**
   * 从备份恢复: by file name within the backup folder only, never a path. The
   * current data is kept as a 'pre-restore' snapshot first.
   */
  restoreSnapshot: {
    input: z.strictObject({ name: snapshotName }),
    output: z.object({ restored: snapshotSchema, preRestore: snapshotSchema, counts: dataCountsSchema }),
  },
  /**
   * The backup folder, chosen in the OS folder dialog the main process opens, or named by the
   * CLI (`cadre backup --set-dir`: `path`); a page never names a path. Cancelled: unchanged.
   * Browser mode has no dialog and refuses, pointing to the CLI.
   */
  chooseBackupDir: { input: z.strictObject({ path: cliPath.optional() }), output: backupSettingsSchema.extend({ changed: z.boolean() }) },
  /** Back to `<data folder>/backups`. */
  useDefaultBackupDir: { input: noInput, output: backupSettingsSchema },
  /**
   * The CLI's: where the backup files are, to print beside a backup (a page sees only the
   * folder's name; the page door refuses this route).
   */
  backupDirPath: { input: noInput, output: z.object({ path: z.string() }) },
  /** The CLI's `cadre backup --out`: a complete copy of the data in the file named (never overwriting one). */
  backupToFile: { input: z.strictObject({ outPath: cliPath }), output: z.object({ path: z.string(), size: z.number().int() }) },
  /**
   * The CLI's `cadre restore FILE`: any backup file, checked, the current data kept as a
   * 'pre-restore' snapshot first (its path returned), then swapped in as restoreSnapshot does.
   */
  restoreFromFile: {
    input: z.strictObject({ path: cliPath }),
    output: z.object({ preRestore: z.string(), counts: dataCountsSchema, fromSchemaVersion: z.number().int() }),
  },
} as const;
