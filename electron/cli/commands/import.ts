/**
 * cadre import PATH…: every file the app reads (.xlsx .xls .et .csv .lrmx, a
 * folder, a .zip of them) into a target (the roster by default; a batch's
 * members, a round's scores, annual results, the unit tree), through the same
 * import routes the pages call (worker thread when the bundle has one).
 * `import-lrmx` is the same command under its old name.
 * Exit 1 when errors blocked the import (nothing written) or the files cannot
 * be read; 0 otherwise. --dry-run writes nothing.
 */
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import {
  IMPORT_MODES,
  planOptionsSchema,
  type ImportIssue,
  type ImportJob,
  type ImportMode,
  type ImportTarget,
  type PreviewRow,
} from '../../../shared/contract/routes/imports';
import { json, UsageError, type Command, type CommandContext, type OptionValues } from '../command';

interface CliIssue {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
}

const cliIssue = (i: ImportIssue): CliIssue => ({ file: i.file, sheet: i.sheet, row: i.row, column: i.column, field: i.field, message: i.message });

function where(i: CliIssue): string {
  const parts = [i.sheet ? `「${i.sheet}」` : `「${i.file}」`, i.row !== null ? `第 ${i.row} 行` : '', i.column ? ` ${i.column} 列` : ''].join('');
  return parts ? `${parts}：` : '';
}

const ACTIVE: ImportJob['state'][] = ['reading', 'planning', 'committing'];

/** Polls the job until it is no longer reading, planning or committing. */
async function settled(ctx: CommandContext, jobId: string): Promise<ImportJob> {
  for (;;) {
    const job = await ctx.call('importProgress', { jobId });
    if (!ACTIVE.includes(job.state)) return job;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** Every issue of the job's plan, page by page. */
async function allIssues(ctx: CommandContext, jobId: string): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];
  for (;;) {
    const page = await ctx.call('importIssues', { jobId, offset: issues.length, limit: 2000 });
    issues.push(...page.issues);
    if (page.issues.length === 0 || issues.length >= page.total) return issues;
  }
}

/** The rows that change stored data, with each change old → new. */
async function changedRows(ctx: CommandContext, jobId: string): Promise<PreviewRow[]> {
  const rows: PreviewRow[] = [];
  for (;;) {
    const page = await ctx.call('importPreviewRows', { jobId, action: 'update', offset: rows.length, limit: 2000 });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}

function parseTarget(raw: unknown): ImportTarget {
  if (raw === undefined || raw === 'roster') return { kind: 'roster' };
  if (raw === 'annual') return { kind: 'annual' };
  if (raw === 'units') return { kind: 'units' };
  const m = /^(batch|round):(\d+)$/.exec(String(raw));
  if (m && Number(m[2]) > 0) return m[1] === 'batch' ? { kind: 'batch', batchId: Number(m[2]) } : { kind: 'round', roundId: Number(m[2]) };
  throw new UsageError(`--into 应为 roster、batch:批次编号、round:考核轮次编号、annual 或 units（收到「${String(raw)}」）`);
}

function parseDefaultUnit(opts: OptionValues): 'none' | 'sheetName' | 'reportingUnit' | { id: number } {
  const raw = opts['default-unit'] ?? opts['unit-id'];
  if (raw === undefined) return 'none';
  if (raw === 'sheetName' || raw === 'reportingUnit' || raw === 'none') return raw;
  const id = Number(raw);
  if (Number.isSafeInteger(id) && id > 0) return { id };
  throw new UsageError(`--default-unit 应为 sheetName、reportingUnit 或单位编号（收到「${String(raw)}」）`);
}

const options: Command['options'] = {
  into: { kind: 'value', arg: 'roster|batch:编号|round:编号|annual|units', help: '导入到：干部名册（默认）、挂职批次成员、考核轮次成绩、年度考核结果、单位树' },
  sheet: { kind: 'multi', arg: '工作表', help: '只导入这些工作表（可重复）；默认所有识别出表头的可见工作表' },
  mode: { kind: 'value', arg: 'add|update|skip', help: 'add 仅新增（已有的报警告、不导入）；update 更新已有并新增；skip 新增、跳过已有（默认 update）' },
  'new-units': { kind: 'value', arg: 'create|refuse', help: '单位树中没有的单位：create 新建（默认），refuse 报错' },
  'unit-parent': { kind: 'value', arg: '编号', help: '新建单位的上级单位编号（默认顶层）' },
  'default-unit': { kind: 'value', arg: '来源', help: '单位为空的行：sheetName 用工作表名，reportingUnit 用“填报单位”，或一个单位编号' },
  'unit-id': { kind: 'value', arg: '编号', help: '同 --default-unit 单位编号（任免审批表不带单位）' },
  'return-from-history': {
    kind: 'flag',
    help: '重新调入：表中历史库里的人员（已退休、调出等）恢复为在职并导入（默认列出、不导入，也不另建新人）',
  },
  'skip-errors': { kind: 'flag', help: '跳过有误的任免审批表（.lrmx）文件：列出文件名和原因，导入其余的（默认有误即全部不导入）' },
  'dry-run': { kind: 'flag', help: '只检查并报告将发生的变化，不写入' },
  json,
};

async function runImport(ctx: CommandContext, opts: OptionValues, paths: string[]): Promise<number> {
  const mode = (opts.mode ?? 'update') as ImportMode;
  if (!IMPORT_MODES.includes(mode)) throw new UsageError(`--mode 应为 add、update 或 skip（收到「${String(opts.mode)}」）`);
  const newUnits = opts['new-units'] ?? 'create';
  if (newUnits !== 'create' && newUnits !== 'refuse') throw new UsageError(`--new-units 应为 create 或 refuse（收到「${String(newUnits)}」）`);
  const parentRaw = opts['unit-parent'];
  const parentId = parentRaw === undefined ? null : Number(parentRaw);
  if (parentId !== null && !(Number.isSafeInteger(parentId) && parentId > 0)) throw new UsageError('--unit-parent 应为单位编号');
  const target = parseTarget(opts.into);
  const plan = planOptionsSchema.parse({
    sheets: opts.sheet as string[] | undefined,
    mode,
    unknownUnits: newUnits,
    newUnitParentId: parentId,
    defaultUnit: parseDefaultUnit(opts),
    skipErrorFiles: !!opts['skip-errors'],
    returnFromHistory: !!opts['return-from-history'],
  });
  const dryRun = !!opts['dry-run'];
  const files = paths.map(p => path.basename(p));
  const head = { files, into: opts.into ?? 'roster', mode, dryRun };
  const zero = { inserted: 0, updated: 0, skipped: 0, unchanged: 0 };
  const out = (report: Record<string, unknown>, errors: CliIssue[], warnings: CliIssue[]) => {
    if (opts.json) ctx.printJson({ ...head, ...report, errors, warnings });
    else {
      if (errors.length) ctx.print(`错误 ${errors.length} 处：\n${errors.map(e => `  ${where(e)}${e.message}`).join('\n')}`);
      if (warnings.length) ctx.print(`警告 ${warnings.length} 处：\n${warnings.map(e => `  ${where(e)}${e.message}`).join('\n')}`);
    }
  };
  const refused = (message: string) => {
    out(
      { ...zero, unmapped: [], skippedRows: [], skippedFiles: [] },
      [{ file: files.join('、'), sheet: null, row: null, column: null, field: null, message }],
      [],
    );
    if (!opts.json) ctx.print('导入未执行，数据未修改。');
    return 1;
  };
  let jobId: string;
  try {
    ({ jobId } = await ctx.call('importStart', { sources: paths.map(p => ({ path: path.resolve(p) })), target, plan }));
  } catch (err) {
    if (err instanceof AppError) return refused(err.message);
    throw err;
  }
  try {
    const job = await settled(ctx, jobId);
    if (job.state !== 'planned') return refused(job.error?.message ?? '无法读取文件');
    const preview = job.preview!;
    const issues = (await allIssues(ctx, jobId)).map(i => ({ severity: i.severity, issue: cliIssue(i) }));
    const errors = issues.filter(i => i.severity === 'error').map(i => i.issue);
    const warnings = issues.filter(i => i.severity === 'warning').map(i => i.issue);
    const counts = preview.counts;
    const found = {
      target: job.inspection?.target.title,
      unmapped: preview.unmapped.map(u => ({ file: u.file, sheet: u.sheet, column: u.column, header: u.header, hasData: u.hasData })),
      skippedRows: preview.skippedRows.map(r => ({ file: r.file, sheet: r.sheet, row: r.row, reason: r.label })),
      skippedFiles: preview.skippedFiles,
      /** People of the 历史库 the files name, left out (each one is a warning); --return-from-history brings them back. */
      history: counts.history,
      splits: preview.splits,
    };
    if (!opts.json) {
      if (found.unmapped.length) ctx.print(`未导入的列：${found.unmapped.map(u => `「${u.sheet}」${u.column} 列「${u.header}」`).join('、')}`);
      if (found.skippedRows.length) ctx.print(`跳过的行：${found.skippedRows.map(r => `「${r.sheet}」第 ${r.row} 行（${r.reason}）`).join('、')}`);
      for (const f of found.skippedFiles) ctx.print(`跳过有误的文件「${f.file}」：${f.reason}`);
      if (found.history) ctx.print(`历史库中已有的人员 ${found.history} 名未导入；如需重新调入，请加 --return-from-history`);
      if (preview.splits.split + preview.splits.whole) {
        ctx.print(`单位及职务：按单位树拆分 ${preview.splits.split} 行，整段作为现任职务 ${preview.splits.whole} 行`);
      }
    }
    if (errors.length) {
      out({ ...zero, ...found, blocked: true }, errors, warnings);
      if (!opts.json) ctx.print(`导入未执行，数据未修改：请改正以上 ${errors.length} 处错误后重新导入。`);
      return 1;
    }
    const changed = (await changedRows(ctx, jobId)).map(r => ({ file: r.file, sheet: r.sheet, row: r.row, name: r.name, changes: r.changes }));
    if (dryRun) {
      out(
        {
          inserted: counts.new,
          updated: counts.update,
          skipped: counts.skip,
          unchanged: counts.unchanged,
          ...found,
          changed,
          unitsToCreate: preview.unitsToCreate,
        },
        errors,
        warnings,
      );
      if (!opts.json) ctx.print(`检查完成（未写入）：将新增 ${counts.new}，更新 ${counts.update}，跳过 ${counts.skip}，无变化 ${counts.unchanged}。`);
      return 0;
    }
    let result;
    try {
      result = await ctx.call('importCommit', { jobId });
    } catch (err) {
      if (err instanceof AppError) return refused(err.message);
      throw err;
    }
    out(
      {
        inserted: result.inserted,
        updated: result.updated,
        skipped: result.skipped,
        unchanged: result.unchanged,
        ...found,
        changed,
        unitsCreated: result.unitsCreated,
        runId: result.runId,
        operation: result.operation,
      },
      errors,
      warnings,
    );
    if (!opts.json) {
      ctx.print(
        `导入完成（${result.target}）：新增 ${result.inserted}，更新 ${result.updated}，跳过 ${result.skipped}，无变化 ${result.unchanged}` +
          `${result.unitsCreated ? `，新建单位 ${result.unitsCreated}` : ''}。${result.operation ? '可在程序中“撤销”这一步。' : ''}`,
      );
    }
    return 0;
  } finally {
    // Stops the job's worker unless the commit already did (a committed job refuses).
    await ctx.call('importCancel', { jobId }).catch(() => undefined);
  }
}

const summary =
  '导入文件：.xlsx .xls .et .csv .lrmx，或文件夹、.zip 压缩包；默认导入干部名册（--into 可导入挂职批次成员、考核成绩、年度考核结果、单位树），先检查、后写入，作为一步可撤销';

export const importCommands: Command[] = [
  { words: ['import'], createsData: true, args: '路径…', positional: { min: 1, max: 5000 }, summary, options, run: runImport },
  {
    words: ['import-lrmx'],
    createsData: true,
    args: '路径…',
    positional: { min: 1, max: 5000 },
    summary: '同 import（旧名称，用于任免审批表 .lrmx）',
    options,
    run: runImport,
  },
];
