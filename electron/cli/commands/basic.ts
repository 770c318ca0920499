import type { Command } from '../command';
import { UsageError, json, printList } from '../command';

export const basicCommands: Command[] = [
  {
    words: ['demo'],
    createsData: true,
    summary: '载入示例数据（已有数据时拒绝，除非加 --force）',
    options: { force: { kind: 'flag', help: '清空现有数据后载入' }, json },
    async run(ctx, opts) {
      const counts = await ctx.call('loadDemo', { force: !!opts.force });
      if (opts.json) ctx.printJson(counts);
      else ctx.print(`已载入示例数据：${counts.units} 个单位，${counts.cadres} 名干部（${ctx.dbPath}）`);
    },
  },
  {
    words: ['list', 'cadres'],
    summary: '列出名册中的干部（每条记录含任免审批表的全部字段）；--query 按组合查询条件筛选；--status history 列出历史库',
    options: {
      json,
      query: { kind: 'value', arg: 'JSON', help: '组合查询，与“保存的查询方案”同一格式' },
      status: { kind: 'value', arg: 'history', help: 'history：列出历史库（已退休、调出、辞职、去世的干部）' },
    },
    async run(ctx, opts) {
      if (opts.status !== undefined && opts.status !== 'history') throw new UsageError(`--status 只能是 history：${String(opts.status)}`);
      let query: unknown;
      if (typeof opts.query === 'string') {
        try {
          query = JSON.parse(opts.query);
        } catch {
          throw new UsageError(`--query 不是有效的 JSON：${opts.query.slice(0, 80)}`);
        }
      }
      const rows = await ctx.call('listCadreRecords', { ...(query === undefined ? {} : { query }), ...(opts.status ? { status: 'history' } : {}) });
      printList(ctx, opts, rows, [
        ['id', '编号'],
        ['name', '姓名'],
        ['gender', '性别'],
        ['birth', '出生年月'],
        ['unit', '单位'],
        ['post', '现任职务'],
        ['rank', '职级'],
        ['status', '状态'],
      ]);
    },
  },
  {
    words: ['list', 'units'],
    summary: '列出单位',
    options: { json },
    async run(ctx, opts) {
      const units = await ctx.call('listUnits', {});
      printList(ctx, opts, units, [
        ['id', '编号'],
        ['parentId', '上级编号'],
        ['name', '名称'],
        ['kind', '类别'],
      ]);
    },
  },
  {
    words: ['status'],
    summary: '显示数据文件与记录数',
    options: { json },
    async run(ctx, opts) {
      const s = await ctx.call('getStatus', {});
      if (opts.json) ctx.printJson(s);
      else ctx.print(`数据文件：${s.dbPath}\n数据格式版本：${s.schemaVersion}\n单位：${s.counts.units}\n干部：${s.counts.cadres}`);
    },
  },
];
