import fs from 'node:fs';
import path from 'node:path';
import { formatSize } from '../../../shared/domain/backup/format';
import {
  backupDirOf,
  backupToFile,
  dataTempDir,
  networkWarning,
  quickCheck,
  recoverFromSnapshot,
  restoreFrom,
  samePath,
  setBackupDir,
  shownTime,
  takeSnapshot,
  validateDatabaseFile,
} from '../../services/backup/api';
import { UsageError, type Command } from '../command';

const json = { kind: 'flag', help: '输出 JSON' } as const;

export const backupCommands: Command[] = [
  {
    words: ['backup'],
    summary:
      '备份数据：--out 写到指定文件（不覆盖已有文件）；不加 --out 则在备份文件夹中生成一份手动备份；--set-dir 设置备份文件夹（浏览器模式只能在这里设置），--default-dir 恢复默认',
    options: {
      out: { kind: 'value', arg: '文件', help: '备份文件' },
      'set-dir': { kind: 'value', arg: '文件夹', help: '以后的备份存放到该文件夹（须已存在且可写入），不做备份' },
      'default-dir': { kind: 'flag', help: '备份文件夹恢复为数据文件夹中的 backups，不做备份' },
      json,
    },
    async run(ctx, opts) {
      const core = ctx.core();
      if (typeof opts['set-dir'] === 'string' || opts['default-dir']) {
        if (opts['default-dir'] && opts['set-dir'] !== undefined) throw new UsageError('--set-dir 与 --default-dir 不能同时使用');
        setBackupDir(core.db, opts['default-dir'] ? null : path.resolve(opts['set-dir'] as string));
        const dir = backupDirOf(core.db, core.dbPath);
        if (opts.json) ctx.printJson({ backupDir: dir });
        else ctx.print(`备份文件夹已设为「${dir}」。`);
        return;
      }
      if (typeof opts.out === 'string') {
        const out = path.resolve(opts.out);
        await backupToFile(core.db, core.dbPath, out);
        const size = fs.statSync(out).size;
        if (opts.json) ctx.printJson({ file: out, size });
        else ctx.print(`已备份到「${out}」（${formatSize(size)}）`);
        return;
      }
      const snap = await takeSnapshot(core.db, 'manual', { dbPath: core.dbPath });
      if (opts.json) ctx.printJson(snap);
      else ctx.print(`已备份到「${snap.file}」（${formatSize(snap.size)}，${shownTime(snap.takenAt)}）`);
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
      const core = ctx.core();
      const r = await restoreFrom(core, source);
      if (opts.json)
        ctx.printJson({ restored: source, dbPath: core.dbPath, preRestore: r.preRestore.file, counts: r.counts, fromSchemaVersion: r.fromSchemaVersion });
      else {
        ctx.print(`已从「${source}」恢复：干部 ${r.counts.cadres} 名，挂职批次 ${r.counts.batches} 个，考核轮次 ${r.counts.rounds} 个。`);
        ctx.print(`恢复前的数据已保存为「${r.preRestore.file}」。`);
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
