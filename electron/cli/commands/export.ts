/**
 * cadre export roster | export lrmx | template: the roster and template
 * exports and the national appointment-form files (.lrmx). (Every import,
 * .lrmx files too, is `cadre import`, in commands/import.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { ensurePrivateDir } from '../../db/private-files';
import { parseCadreQuery, type CadreQuery } from '../../../shared/domain/roster/query';
import { todayCanonical } from '../../../shared/domain/common/dates';
import { DEFAULT_EXPORT_COLUMNS, isRosterColumnKey, ROSTER_COLUMN_LABELS, type RosterColumnKey } from '../../services/export/cells';
import { UsageError, type Command, type CommandContext, type OptionValues, json } from '../command';

function parseIds(raw: unknown): number[] | undefined {
  if (typeof raw !== 'string') return undefined;
  const parts = raw.split(/[,，\s]+/).filter(Boolean);
  const ids = parts.map(Number);
  if (!ids.length || ids.some(n => !Number.isSafeInteger(n) || n <= 0)) throw new UsageError(`--ids 应为逗号分隔的编号，如 1,2,3（收到「${raw}」）`);
  return ids;
}

function parseQuery(raw: unknown): CadreQuery | undefined {
  if (typeof raw !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new UsageError('--query 应为 JSON，例如 \'{"where":{"join":"and","items":[{"field":"gender","op":"in","value":["女"]}]}}\'');
  }
  return parseCadreQuery(value);
}

function parseColumns(raw: unknown): RosterColumnKey[] {
  if (typeof raw !== 'string') return DEFAULT_EXPORT_COLUMNS;
  const byLabel = new Map(Object.entries(ROSTER_COLUMN_LABELS).map(([k, v]) => [v, k as RosterColumnKey]));
  return raw
    .split(/[,，]/)
    .map(s => s.trim())
    .filter(Boolean)
    .map(s => {
      if (isRosterColumnKey(s)) return s;
      const key = byLabel.get(s);
      if (!key) throw new UsageError(`未知的列「${s}」；可用：${Object.keys(ROSTER_COLUMN_LABELS).join(', ')}`);
      return key;
    });
}

function requireOut(opts: OptionValues): string {
  if (typeof opts.out !== 'string' || !opts.out.trim()) throw new UsageError('缺少 --out');
  return path.resolve(opts.out);
}

/** An --out file: its folder is created (the routes write only into existing folders). */
function outFile(opts: OptionValues): string {
  const out = requireOut(opts);
  ensurePrivateDir(path.dirname(out));
  return out;
}

const ROSTER_BLOCK = 2000;

/** The roster's cadre ids (or a 组合查询's), in the grid's order, a block at a time through the grid's own route. */
async function rosterIds(ctx: CommandContext, query: CadreQuery | undefined): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const { rows, total } = await ctx.call('queryCadrePage', { query, offset: ids.length, limit: ROSTER_BLOCK });
    ids.push(...rows.map(r => r.id));
    if (rows.length === 0 || ids.length >= total) return ids;
  }
}

export const exportCommands: Command[] = [
  {
    words: ['export', 'roster'],
    summary: '导出干部名册：--out 以 .xlsx 结尾为带格式的 Excel（可直接打印），以 .csv 结尾为 CSV（UTF-8 带 BOM）',
    options: {
      out: { kind: 'value', arg: '文件', help: '输出文件（.xlsx 或 .csv）' },
      query: { kind: 'value', arg: 'JSON', help: '组合查询条件（JSON）' },
      ids: { kind: 'value', arg: '1,2,3', help: '只导出这些编号的干部（按给出的顺序）' },
      columns: { kind: 'value', arg: '列', help: '列（字段名或中文列名，逗号分隔）' },
      title: { kind: 'value', arg: '标题', help: '标题（默认：干部名册）' },
      unit: { kind: 'value', arg: '单位', help: '填报单位' },
      date: { kind: 'value', arg: 'YYYY-MM-DD', help: '填报日期（默认今天）' },
      'birth-with-age': { kind: 'flag', help: '出生年月后加年龄，如 1985.03(40岁)' },
      json,
    },
    async run(ctx, opts) {
      const ext = path.extname(requireOut(opts)).toLowerCase();
      if (ext !== '.xlsx' && ext !== '.csv') throw new UsageError('--out 应以 .xlsx 或 .csv 结尾');
      const date = typeof opts.date === 'string' ? opts.date : todayCanonical();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('--date 应写作 YYYY-MM-DD');
      const ids = parseIds(opts.ids);
      const query = parseQuery(opts.query);
      const columns = parseColumns(opts.columns).map(key => ({ key }));
      const out = outFile(opts);
      const { rows } = await ctx.call(ext === '.xlsx' ? 'exportRoster' : 'exportCsv', {
        columns,
        ids,
        view: query ? { query } : undefined,
        title: typeof opts.title === 'string' ? opts.title : undefined,
        reportingUnit: typeof opts.unit === 'string' ? opts.unit : undefined,
        date,
        birthWithAge: !!opts['birth-with-age'],
        outPath: out,
      });
      if (opts.json) ctx.printJson({ file: out, rows, columns: columns.map(c => c.key) });
      else ctx.print(`已导出 ${rows} 名干部到「${out}」`);
    },
  },
  {
    words: ['export', 'lrmx'],
    summary: '导出任免审批表文件（.lrmx）到文件夹，每人一个文件：姓名_身份证后4位.lrmx；不加 --ids/--query 则导出全部在册干部',
    options: {
      out: { kind: 'value', arg: '文件夹', help: '输出文件夹（不存在则创建）' },
      ids: { kind: 'value', arg: '1,2,3', help: '只导出这些编号的干部' },
      query: { kind: 'value', arg: 'JSON', help: '组合查询条件（JSON）' },
      json,
    },
    async run(ctx, opts) {
      const dir = requireOut(opts);
      const ids = parseIds(opts.ids) ?? (await rosterIds(ctx, parseQuery(opts.query)));
      if (!ids.length) throw new AppError('NOT_FOUND', '没有符合条件的干部，未导出任何文件');
      // The route writes one file per cadre into an existing folder.
      if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new AppError('VALIDATION', `「${dir}」不是文件夹`);
      ensurePrivateDir(dir);
      const r = await ctx.call('exportLrmx', { ids, outPath: dir });
      if (opts.json) ctx.printJson({ dir, count: r.files.length, files: r.files });
      else ctx.print(`已导出 ${r.files.length} 份任免审批表到「${dir}」`);
    },
  },
  {
    words: ['template'],
    summary: '生成干部信息导入模板（.xlsx）：标准表头、下拉选项和填写说明',
    options: { out: { kind: 'value', arg: '文件', help: '输出文件（.xlsx）' }, json },
    async run(ctx, opts) {
      if (path.extname(requireOut(opts)).toLowerCase() !== '.xlsx') throw new UsageError('--out 应以 .xlsx 结尾');
      const out = outFile(opts);
      await ctx.call('downloadTemplate', { outPath: out });
      if (opts.json) ctx.printJson({ file: out });
      else ctx.print(`已生成导入模板「${out}」`);
    },
  },
];
