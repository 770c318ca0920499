/** The unit tree (单位树) and its 职数: the same routes the 干部名册 page's tree calls. */
import type { Command, OptionValues } from '../command';
import { idArg, UsageError, json, printList } from '../command';
import { UNIT_KINDS } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';

const date = { kind: 'value', arg: '日期', help: '生效日期，如 2026.11（默认今天）' } as const;

const text = (v: OptionValues[string]) => (typeof v === 'string' ? v : undefined);

function kindOption(raw: OptionValues[string]) {
  const kind = text(raw);
  if (kind === undefined) return undefined;
  if (!(UNIT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind 应为：${UNIT_KINDS.join('、')}`);
  return kind as (typeof UNIT_KINDS)[number];
}

/** --parent ID, or 'none' / 0 for the top level. */
function parentOption(raw: OptionValues[string]): number | null | undefined {
  const v = text(raw);
  if (v === undefined) return undefined;
  return v === 'none' || v === '0' ? null : idArg(v, '上级单位');
}

export const unitCommands: Command[] = [
  {
    words: ['units', 'add'],
    args: '名称',
    positional: { min: 1, max: 1 },
    summary: '新增单位（默认在顶层）',
    options: {
      json,
      parent: { kind: 'value', arg: '编号', help: '上级单位编号' },
      kind: { kind: 'value', arg: '类别', help: `单位类别：${UNIT_KINDS.join('、')}` },
      short: { kind: 'value', arg: '简称', help: '单位简称' },
      level: { kind: 'value', arg: '级别', help: '单位级别，如 正处级' },
    },
    async run(ctx, opts, [name]) {
      const r = await ctx.call('createUnit', {
        parentId: parentOption(opts.parent) ?? null,
        name,
        kind: kindOption(opts.kind),
        shortName: text(opts.short),
        level: text(opts.level),
      });
      if (opts.json) ctx.printJson({ id: r.id });
      else ctx.print(`已新增单位「${name}」（编号 ${r.id}）`);
    },
  },
  {
    words: ['units', 'rename'],
    args: '编号 新名称',
    positional: { min: 2, max: 2 },
    summary: '单位更名（原名称连同更名日期保留在名称变更记录中）',
    options: { json, date },
    async run(ctx, opts, [id, name]) {
      const unitId = idArg(id, '单位');
      await ctx.call('updateUnit', { id: unitId, name, renamedOn: text(opts.date) });
      const unit = await ctx.call('getUnit', { id: unitId });
      if (opts.json) ctx.printJson(unit);
      else ctx.print(`已更名为「${unit.name}」；曾用名：${unit.earlierNames.map(n => `${n.name}（至 ${formatDate(n.until)}）`).join('、')}`);
    },
  },
  {
    words: ['units', 'move'],
    args: '编号',
    positional: { min: 1, max: 1 },
    summary: '把单位移到另一上级单位之下（--parent none 移到顶层），或用 --index 调整顺序',
    options: {
      json,
      parent: { kind: 'value', arg: '编号', help: '新的上级单位编号（none 表示顶层；不写则不变）' },
      index: { kind: 'value', arg: '位置', help: '在同级单位中的位置，从 1 起' },
    },
    async run(ctx, opts, [id]) {
      const unitId = idArg(id, '单位');
      const current = await ctx.call('getUnit', { id: unitId });
      const parent = parentOption(opts.parent);
      const index = text(opts.index);
      if (parent === undefined && index === undefined) throw new UsageError('请用 --parent 或 --index 指定移到哪里');
      if (index !== undefined && !/^[1-9]\d{0,4}$/.test(index)) throw new UsageError(`--index 应为正整数：${index}`);
      await ctx.call('moveUnit', {
        id: unitId,
        parentId: parent === undefined ? current.parentId : parent,
        index: index === undefined ? undefined : Number(index) - 1,
      });
      const unit = await ctx.call('getUnit', { id: unitId });
      if (opts.json) ctx.printJson(unit);
      else ctx.print(`已移动：${unit.path}`);
    },
  },
  {
    words: ['units', 'merge'],
    args: '编号',
    positional: { min: 1, max: 1 },
    summary: '把单位合并到另一单位（干部和下级单位随之转入，原单位撤销）',
    options: { json, date, into: { kind: 'value', arg: '编号', help: '并入的单位编号' } },
    async run(ctx, opts, [id]) {
      const into = text(opts.into);
      if (into === undefined) throw new UsageError('请用 --into 指定并入的单位');
      const r = await ctx.call('mergeUnit', { id: idArg(id, '单位'), into: idArg(into, '并入单位'), date: text(opts.date) });
      if (opts.json) ctx.printJson({ cadres: r.cadres, units: r.units });
      else ctx.print(`已合并：转入干部 ${r.cadres} 名、下级单位 ${r.units} 个`);
    },
  },
  {
    words: ['units', 'delete'],
    args: '编号',
    positional: { min: 1, max: 1 },
    summary: '撤销单位（单位中还有干部或下级单位时拒绝）',
    options: { json, date },
    async run(ctx, opts, [id]) {
      const unitId = idArg(id, '单位');
      await ctx.call('abolishUnit', { id: unitId, date: text(opts.date) });
      const unit = await ctx.call('getUnit', { id: unitId });
      if (opts.json) ctx.printJson(unit);
      else ctx.print(`已撤销单位「${unit.path}」`);
    },
  },
  {
    words: ['quota', 'set'],
    args: '单位编号',
    positional: { min: 1, max: 1 },
    summary: '核定单位某一领导职务层次的职数（--count none 取消）',
    options: {
      json,
      level: { kind: 'value', arg: '层次', help: '领导职务层次，如 副处' },
      count: { kind: 'value', arg: '名数', help: '核定职数' },
      doc: { kind: 'value', arg: '文件', help: '三定文件名称' },
      'doc-date': { kind: 'value', arg: '日期', help: '三定文件日期' },
    },
    async run(ctx, opts, [id]) {
      const level = text(opts.level);
      const count = text(opts.count);
      if (!level || count === undefined) throw new UsageError('请用 --level 和 --count 指定领导职务层次和职数');
      if (count !== 'none' && !/^\d{1,5}$/.test(count)) throw new UsageError(`--count 应为非负整数：${count}`);
      const unitId = idArg(id, '单位');
      await ctx.call('setQuota', { unitId, level, approved: count === 'none' ? null : Number(count), doc: text(opts.doc), docDate: text(opts['doc-date']) });
      const report = await ctx.call('quotaReport', { unitId });
      const rows = report.rows.filter(r => r.unitId === unitId);
      if (opts.json) ctx.printJson(rows);
      else ctx.print(`已设置：${rows.map(r => `${r.level} 核定 ${r.approved ?? '未核定'}、实配 ${r.filled}`).join('；')}`);
    },
  },
  {
    words: ['quota', 'report'],
    summary: '职数配备情况：每个单位和领导职务层次的核定、实配、空缺、超配',
    options: { json, unit: { kind: 'value', arg: '编号', help: '只看该单位及其下级单位' }, out: { kind: 'value', arg: '文件', help: '导出为 .xlsx' } },
    async run(ctx, opts) {
      const unitId = text(opts.unit) === undefined ? undefined : idArg(text(opts.unit)!, '单位');
      const out = text(opts.out);
      if (out) {
        const file = await ctx.call('exportQuotaReport', { unitId, outPath: out });
        if (opts.json) ctx.printJson({ path: file.path });
        else ctx.print(`已导出：${file.path}`);
        return;
      }
      const report = await ctx.call('quotaReport', { unitId });
      const rows = report.rows.map(r => ({
        unitId: r.unitId,
        unit: r.unit,
        level: r.level,
        approved: r.approved,
        filled: r.filled,
        vacant: r.vacant,
        over: r.over,
        reasons: r.reasons,
      }));
      printList(
        ctx,
        opts,
        rows,
        [
          ['unitId', '单位编号'],
          ['unit', '单位'],
          ['level', '层次'],
          ['approved', '核定'],
          ['filled', '实配'],
          ['vacant', '空缺'],
          ['over', '超配'],
          ['reasons', '超配理由'],
        ],
        r => ({ ...r, approved: r.approved ?? '未核定', reasons: r.reasons.map(x => `${x.name}：${x.reason}`).join('；') }),
      );
    },
  },
];
