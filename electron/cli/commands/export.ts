/**
 * cadre export roster | export lrmx | template | import-lrmx: the roster and
 * template exports and the national appointment-form files (.lrmx).
 * (The Excel `cadre import` command lives with the Excel importer.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { ensurePrivateDir } from '../../db/private-files';
import { parseCadreQuery, type CadreQuery } from '../../../shared/domain/roster/query';
import { todayCanonical } from '../../../shared/domain/common/dates';
import { DEFAULT_EXPORT_COLUMNS, isRosterColumnKey, ROSTER_COLUMN_LABELS, type RosterColumnKey } from '../../services/export/cells';
import { collectLrmxFiles, type LrmxSourceFile } from '../../services/lrmx/files';
import { IMPORT_MODES, type ImportMode } from '../../services/lrmx/plan';
import { DEFAULT_XML_LIMITS } from '../../services/lrmx/xml';
import { UsageError, type Command, type CommandContext, type OptionValues } from '../command';

const json = { kind: 'flag', help: '输出 JSON' } as const;

/** A long value on one short line, for the text preview. */
const oneLine = (s: string) => {
  const t = s.replace(/\s*\n\s*/g, ' / ');
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
};

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

/** The files an import names, as the page would upload them; a file too large to read is sent cut short, so it is reported as too large. */
function uploads(files: LrmxSourceFile[]): { name: string; base64: string }[] {
  return files.map(f => ({
    name: f.name,
    base64: (f.size !== undefined && f.size > DEFAULT_XML_LIMITS.maxBytes ? Buffer.alloc(DEFAULT_XML_LIMITS.maxBytes + 1) : f.bytes).toString('base64'),
  }));
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
  {
    words: ['import-lrmx'],
    createsData: true,
    args: '路径…',
    positional: { min: 1, max: 5000 },
    summary: '导入任免审批表文件（.lrmx）：可给一个或多个文件，或文件夹；按身份证号（无则按姓名+出生年月）匹配已有干部',
    options: {
      mode: { kind: 'value', arg: 'add|update|skip', help: 'add 仅新增（已有的报警告、不导入）；update 更新已有并新增；skip 新增、跳过已有（默认 update）' },
      'dry-run': { kind: 'flag', help: '只预览，不写入' },
      'unit-id': { kind: 'value', arg: '编号', help: '新增干部归入的单位' },
      'skip-invalid': { kind: 'flag', help: '有错误的文件跳过，其余照常导入（默认：有错误则全部不导入）' },
      json,
    },
    async run(ctx, opts, paths) {
      const mode = (typeof opts.mode === 'string' ? opts.mode : 'update') as ImportMode;
      if (!IMPORT_MODES.includes(mode)) throw new UsageError(`--mode 应为 ${IMPORT_MODES.join('、')} 之一`);
      let unitId: number | null = null;
      if (typeof opts['unit-id'] === 'string') {
        unitId = Number(opts['unit-id']);
        if (!Number.isSafeInteger(unitId) || unitId <= 0) throw new UsageError('--unit-id 应为单位编号');
      }
      const files = collectLrmxFiles(paths.map(p => path.resolve(p)));
      const dryRun = !!opts['dry-run'];
      const skipInvalid = !!opts['skip-invalid'];
      const { planId, plan } = await ctx.call('planLrmx', { files: uploads(files), mode });
      // The same issue shape as `cadre import` (sheet/row/column are Excel places: null here), plus the .lrmx element.
      const issue = (file: string, p: { field?: string; element?: string; message: string }) => ({
        file,
        sheet: null,
        row: null,
        column: null,
        field: p.field ?? null,
        element: p.element ?? null,
        message: p.message,
      });
      const errors = plan.records.flatMap(r => r.problems.filter(p => p.severity === 'error').map(p => issue(r.file, p)));
      const warnings = plan.records.flatMap(r => r.problems.filter(p => p.severity === 'warning').map(p => issue(r.file, p)));
      const blocked = errors.length > 0 && !skipInvalid;
      let counts = {
        inserted: plan.counts.new,
        updated: mode === 'update' ? plan.counts.update : 0,
        unchanged: plan.counts.unchanged,
        skipped: plan.counts.skip,
      };
      let operation: { id: number; label: string } | undefined;
      if (blocked) counts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
      else if (!dryRun) {
        const r = await ctx.call('commitLrmx', { planId, mode, unitId, fingerprint: plan.fingerprint, skipInvalid });
        counts = { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, skipped: r.skipped };
        // The import's undo step, when it wrote anything, is now the latest one.
        const undo = r.inserted + r.updated > 0 ? r.history.undo : null;
        operation = undo ? { id: undo.id, label: undo.label } : undefined;
      }
      const records = plan.records.map(r => ({
        file: r.file,
        name: r.name,
        action: r.action,
        matchId: r.match?.id ?? null,
        matchedBy: r.match?.by ?? null,
        changes: r.changes,
      }));
      if (opts.json) {
        ctx.printJson({ dryRun, mode, files: files.length, ...counts, blocked, errors, warnings, records, ...(operation ? { operation } : {}) });
      } else {
        for (const r of plan.records) {
          const what = { new: '新增', update: '更新', unchanged: '无变化', skip: '跳过（已有）', error: '错误' }[r.action];
          ctx.print(
            `${r.file}\t${r.name || '（无姓名）'}\t${what}${r.changes.length && r.action !== 'new' ? `：${r.changes.map(c => `${c.label} ${oneLine(c.before) || '（空）'} → ${oneLine(c.after)}`).join('；')}` : ''}`,
          );
          for (const p of r.problems) ctx.print(`  ${p.severity === 'error' ? '错误' : '提示'}：${p.message}`);
        }
        const head = blocked ? '有错误，未导入任何文件。' : dryRun ? '预览（未写入）：' : '已导入：';
        ctx.print(
          `${head}新增 ${counts.inserted} 名，更新 ${counts.updated} 名，无变化 ${counts.unchanged} 名，跳过 ${counts.skipped} 名，错误 ${errors.length} 处。`,
        );
      }
      return blocked ? 1 : 0;
    },
  },
];
