/** 统计分析 from the command line: a structure table (JSON, text, .xlsx or CSV) and the team analysis. */
import path from 'node:path';
import { parseDateInput, todayCanonical } from '../../../shared/domain/common/dates';
import { structureJson, type StatsScope, type StructureTable, type Team } from '../../../shared/contract/api';
import { tableText, UsageError, type Command, type OptionValues, json } from '../command';

const date = { kind: 'value', arg: 'YYYY-MM-DD', help: '统计截止日期（计算年龄、任现职年限），默认今天' } as const;

function idOption(opts: OptionValues, key: string, what: string): number | undefined {
  const raw = opts[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,15}$/.test(raw)) throw new UsageError(`--${key} 应为${what}编号（正整数）：${String(raw)}`);
  return Number(raw);
}

function refDate(opts: OptionValues): string {
  if (opts.date === undefined) return todayCanonical();
  const parsed = parseDateInput(String(opts.date));
  if (!parsed.ok || parsed.value.length !== 10) throw new UsageError(`--date 应为年月日，如 2026-11-01（收到「${String(opts.date)}」）`);
  return parsed.value;
}

/** The scope the options name: at most one of --unit (with --team), --query, --view, --batch, --tag; none = everyone. */
function scopeOf(opts: OptionValues): StatsScope {
  const unitId = idOption(opts, 'unit', '单位');
  const viewId = idOption(opts, 'view', '查询方案');
  const batchId = idOption(opts, 'batch', '挂职批次');
  const given = ['unit', 'query', 'view', 'batch', 'tag'].filter(k => opts[k] !== undefined);
  if (given.length > 1) throw new UsageError(`--${given.join('、--')} 只能选一个统计范围`);
  if (opts.team && unitId === undefined) throw new UsageError('--team 需要同时给出 --unit（统计该单位的领导班子）');
  if (unitId !== undefined) return { kind: opts.team ? 'team' : 'unit', unitId };
  if (viewId !== undefined) return { kind: 'view', viewId };
  if (batchId !== undefined) return { kind: 'batch', batchId };
  if (typeof opts.tag === 'string') return { kind: 'tag', tag: opts.tag };
  if (typeof opts.query === 'string') {
    try {
      return { kind: 'query', query: JSON.parse(opts.query) };
    } catch {
      throw new UsageError(`--query 不是有效的 JSON：${opts.query.slice(0, 80)}`);
    }
  }
  return { kind: 'all' };
}

function outFormat(out: string): 'xlsx' | 'csv' {
  const ext = path.extname(out).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new UsageError('--out 应以 .xlsx 或 .csv 结尾');
  return ext === '.xlsx' ? 'xlsx' : 'csv';
}

/** The 总体 column as text: 项目, 类别, 人数, 比率. */
function tableLines(t: StructureTable): string {
  const rows = [
    { item: '总数', category: '', count: String(t.total), pct: '' },
    { item: '平均年龄', category: '', count: t.averageAge === null ? '' : t.averageAge.toFixed(1), pct: '' },
    ...t.groups.flatMap(g => g.rows.map(r => ({ item: g.label, category: r.category, count: String(r.cells[0].count), pct: `${r.cells[0].pct.toFixed(1)}%` }))),
  ];
  return tableText(rows, [
    ['item', '项目'],
    ['category', '类别'],
    ['count', '人数'],
    ['pct', '比率'],
  ]);
}

export const statsCommands: Command[] = [
  {
    words: ['stats', 'structure'],
    summary:
      '干部结构统计（领导职务层次、民族、政治面貌、年龄段、出生年代、学历学位、职称、任现职年限）：按单位（含下属单位）、单位领导班子、组合查询、查询方案、挂职批次或干部类别；--out 导出 .xlsx 或 .csv',
    options: {
      unit: { kind: 'value', arg: '编号', help: '单位及其下属单位' },
      team: { kind: 'flag', help: '与 --unit 同用：该单位的领导班子' },
      query: { kind: 'value', arg: 'JSON', help: '组合查询，与“保存的查询方案”同一格式' },
      view: { kind: 'value', arg: '编号', help: '保存的查询方案' },
      batch: { kind: 'value', arg: '编号', help: '挂职批次的成员' },
      tag: { kind: 'value', arg: '类别', help: '干部类别，如 年轻干部库' },
      date,
      out: { kind: 'value', arg: '文件', help: '导出到 .xlsx（报表格式，可直接打印）或 .csv' },
      json,
    },
    async run(ctx, opts) {
      const scope = scopeOf(opts);
      const refDateValue = refDate(opts);
      if (opts.out !== undefined) {
        const out = String(opts.out);
        const file = await ctx.call('exportStatsStructure', { scope, refDate: refDateValue, format: outFormat(out), outPath: path.resolve(out) });
        if (opts.json) ctx.printJson({ file: file.path, total: file.total });
        else ctx.print(`已导出结构统计表（${file.total} 人）到「${file.path}」`);
        return;
      }
      const table = await ctx.call('statsStructure', { scope, refDate: refDateValue });
      if (opts.json) ctx.printJson(structureJson(table));
      else {
        ctx.print(`${table.scopeLabel}  统计截止日期：${table.refDate.replaceAll('-', '.')}`);
        ctx.print(tableLines(table));
        ctx.print('注：百分比按四舍五入取值');
      }
    },
  },
  {
    words: ['stats', 'teams'],
    summary: '领导班子结构分析：每个班子的人数与职数、年龄梯次、女干部、党外干部、全日制本科以上占比、正职任现职年限，及未达到的配备要求；--out 导出 .xlsx',
    options: { date, out: { kind: 'value', arg: '文件.xlsx', help: '导出为 Excel（未达要求的班子、全部班子）' }, json },
    async run(ctx, opts) {
      const refDateValue = refDate(opts);
      if (opts.out !== undefined) {
        const out = String(opts.out);
        if (outFormat(out) !== 'xlsx') throw new UsageError('--out 应以 .xlsx 结尾');
        const file = await ctx.call('exportStatsTeams', { refDate: refDateValue, outPath: path.resolve(out) });
        if (opts.json) ctx.printJson({ file: file.path, teams: file.teams, unmet: file.unmet });
        else ctx.print(`已导出 ${file.teams} 个领导班子（其中 ${file.unmet} 个未达到配备要求）到「${file.path}」`);
        return;
      }
      const r = await ctx.call('statsTeams', { refDate: refDateValue });
      if (opts.json) {
        ctx.printJson({ refDate: r.refDate, teams: r.teams });
        return;
      }
      const line = (t: Team) => ({
        unit: t.unit,
        size: t.quota ? `${t.size}/${t.quota.approved}` : String(t.size),
        ages: t.oldest === null ? '' : `${t.youngest}–${t.oldest}（平均 ${t.averageAge}）`,
        women: t.women,
        nonCpc: t.nonCpc,
        under40: t.under40,
        unmet: t.unmet.join('；'),
      });
      ctx.print(
        tableText(r.teams.map(line), [
          ['unit', '单位'],
          ['size', '人数/职数'],
          ['ages', '年龄'],
          ['women', '女'],
          ['nonCpc', '党外'],
          ['under40', '40岁及以下'],
          ['unmet', '未达到的要求'],
        ]),
      );
      ctx.print(`共 ${r.teams.length} 个班子，其中 ${r.teams.filter(t => t.unmet.length).length} 个未达到配备要求`);
    },
  },
];
