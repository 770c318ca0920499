/**
 * cadre backup | restore | check: the 数据与备份 page's routes (backupNow, chooseBackupDir,
 * useDefaultBackupDir) and the CLI's own routes (backupToFile, restoreFromFile, backupDirPath), all
 * through the dispatcher. Two things stay outside it, as no core can be opened for them: a
 * restore over a damaged or missing data file (the start-up recovery, recoverFromSnapshot),
 * and `check`, which reads any file without opening it as the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatSize } from '../../../shared/domain/backup/format';
import { dataTempDir, networkWarning, quickCheck, recoverFromSnapshot, samePath, shownTime, validateDatabaseFile } from '../../services/backup/api';
import { UsageError, type Command, type CommandContext, json } from '../command';

export const backupCommands: Command[] = [
  {
    words: ['backup'],
    summary:
      '备份数据：--out 写到指定的 .db 文件（不覆盖已有文件）；不加 --out 则在备份文件夹中生成一份手动备份；--set-dir 设置备份文件夹（浏览器模式只能在这里设置），--default-dir 恢复默认',
    options: {
      out: { kind: 'value', arg: '文件', help: '备份文件（.db）' },
      'set-dir': { kind: 'value', arg: '文件夹', help: '以后的备份存放到该文件夹（须已存在且可写入），不做备份' },
      'default-dir': { kind: 'flag', help: '备份文件夹恢复为数据文件夹中的 backups，不做备份' },
      json,
    },
    async run(ctx, opts) {
      if (typeof opts['set-dir'] === 'string' || opts['default-dir']) {
        if (opts['default-dir'] && opts['set-dir'] !== undefined) throw new UsageError('--set-dir 与 --default-dir 不能同时使用');
        if (opts['default-dir']) await ctx.call('useDefaultBackupDir', {});
        else await ctx.call('chooseBackupDir', { path: path.resolve(opts['set-dir'] as string) });
        const dir = await backupDir(ctx);
        if (opts.json) ctx.printJson({ backupDir: dir });
        else ctx.print(`备份文件夹已设为「${dir}」。`);
        return;
      }
      if (typeof opts.out === 'string') {
        const { path: file, size } = await ctx.call('backupToFile', { outPath: path.resolve(opts.out) });
        if (opts.json) ctx.printJson({ file, size });
        else ctx.print(`已备份到「${file}」（${formatSize(size)}）`);
        return;
      }
      const snap = await ctx.call('backupNow', {});
      const file = path.join(await backupDir(ctx), snap.name);
      if (opts.json) ctx.printJson({ ...snap, file });
      else ctx.print(`已备份到「${file}」（${formatSize(snap.size)}，${shownTime(snap.takenAt)}）`);
    },
  },
  {
    words: ['restore'],
    createsData: true,
    args: '文件',
    positional: { min: 1, max: 1 },
    summary: '从备份文件恢复：先检查该文件，并把当前数据另存为“恢复前”备份，再替换',
    options: { json },
    async run(ctx, opts, [file]) {
      const source = path.resolve(file);
      // Not a route: a damaged or missing data file cannot be opened as a core to serve one.
      const health = quickCheck(ctx.dbPath);
      if (!health.ok || !fs.existsSync(ctx.dbPath)) {
        // No usable current database: nothing to snapshot, so install the file directly (a damaged one is kept as a copy).
        const r = recoverFromSnapshot(ctx.dbPath, source);
        if (opts.json) ctx.printJson({ restored: source, dbPath: ctx.dbPath, damagedCopy: r.damagedCopy, counts: r.counts });
        else {
          if (!health.ok) ctx.print(health.reason);
          ctx.print(`已从「${source}」恢复到「${ctx.dbPath}」：干部 ${r.counts.cadres} 名。`);
          if (r.damagedCopy) ctx.print(`损坏的原文件已另存为「${r.damagedCopy}」。`);
        }
        return;
      }
      const r = await ctx.call('restoreFromFile', { path: source });
      if (opts.json) ctx.printJson({ restored: source, dbPath: ctx.core().dbPath, ...r });
      else {
        ctx.print(`已从「${source}」恢复：干部 ${r.counts.cadres} 名，挂职批次 ${r.counts.batches} 个，考核轮次 ${r.counts.rounds} 个。`);
        ctx.print(`恢复前的数据已保存为「${r.preRestore}」。`);
      }
    },
  },
  {
    words: ['check'],
    args: '[文件]',
    positional: { min: 0, max: 1 },
    summary: '检查数据文件（或指定的备份文件）是否完整、是否属于本程序；有问题时退出码为 1',
    options: { json },
    async run(ctx, opts, positional) {
      // Not a route: opening a core migrates and needs a sound file; check reads any file as it is.
      const file = path.resolve(positional[0] ?? ctx.dbPath);
      // The live file, however named, is read through SQLite with its WAL; any other file is
      // copied (when it needs a copy) into the data folder's temp area, never /tmp.
      const isLive = samePath(file, ctx.dbPath);
      const v = validateDatabaseFile(file, isLive ? { live: true } : { workDir: dataTempDir(ctx.dbPath) });
      const warning = isLive ? networkWarning(file) : null;
      if (!v.ok) {
        if (opts.json) ctx.printJson({ ok: false, file, code: v.code, reason: v.reason });
        console.error(v.reason);
        return 1;
      }
      if (opts.json) {
        ctx.printJson({ ok: true, file, schemaVersion: v.schemaVersion, counts: v.counts, networkWarning: warning });
      } else {
        ctx.print(
          `ok：「${file}」完好（数据格式版本 ${v.schemaVersion}；干部 ${v.counts.cadres} 名，挂职批次 ${v.counts.batches} 个，考核轮次 ${v.counts.rounds} 个）`,
        );
        if (warning) ctx.print(`注意：${warning}`);
      }
      return 0;
    },
  },
];

/** The backup folder's path: the routes give pages only its name; the CLI prints where the files are. */
async function backupDir(ctx: CommandContext): Promise<string> {
  return (await ctx.call('backupDirPath', {})).path;
}
