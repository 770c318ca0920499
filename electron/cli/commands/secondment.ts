/** Secondment batches (挂职) and village rotations (驻村): lists and statistics. */
import type { Command, CommandContext } from '../command';
import { idArg, tableText, UsageError, json, printList } from '../command';
import { formatDate } from '../../../shared/domain/common/dates';
import type { SecondmentStats } from '../../../shared/contract/routes/secondment';
import { DEFAULT_YOUNG_AGE } from '../../../shared/domain/secondment/codes';

const young = { kind: 'value', arg: '岁', help: `年轻干部的年龄界限（挂职开始时未满该年龄），默认 ${DEFAULT_YOUNG_AGE}` } as const;

function threshold(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,2}$/.test(raw)) throw new UsageError(`--young 应为 18–80 之间的整数：${String(raw)}`);
  return Number(raw);
}

/** The figures of a batch or programme, as lines of text. */
function statsText(ctx: CommandContext, title: string, s: SecondmentStats): void {
  ctx.print(
    [
      title,
      `人数：${s.headcount}（提前召回 ${s.recalled}，已调换 ${s.replaced}）`,
      `年轻干部（挂职开始时未满 ${s.youngThreshold} 岁）：${s.young}（${s.youngPct}%）`,
      `70后：${s.born1970s}（${s.born1970sPct}%）  80后：${s.born1980s}（${s.born1980sPct}%）  90后：${s.born1990s}（${s.born1990sPct}%）`,
      `女性：${s.female}（${s.femalePct}%）`,
      `已返岗：${s.returned}，其中提拔或重用：${s.promoted}（${s.promotedPct}%）`,
      `学历：${s.education.map(e => `${e.label} ${e.count}`).join('，')}`,
    ].join('\n'),
  );
}

export const secondmentCommands: Command[] = [
  {
    words: ['list', 'batches'],
    summary: '列出挂职批次（含人数）',
    options: { json, programme: { kind: 'value', arg: '编号', help: '只列出该挂职项目的批次' } },
    async run(ctx, opts) {
      const programmeId = typeof opts.programme === 'string' ? idArg(opts.programme, '挂职项目') : undefined;
      const batches = await ctx.call('listSecondmentBatches', programmeId === undefined ? {} : { programmeId });
      const rows = batches.map(b => ({
        id: b.id,
        programmeId: b.programmeId,
        programme: b.programme,
        seq: b.seq,
        name: b.name,
        direction: b.direction,
        status: b.status,
        startDate: b.startDate,
        plannedEndDate: b.plannedEndDate,
        headcount: b.headcount,
      }));
      printList(
        ctx,
        opts,
        rows,
        [
          ['id', '编号'],
          ['programme', '挂职项目'],
          ['name', '批次'],
          ['direction', '方向'],
          ['status', '状态'],
          ['period', '时间'],
          ['headcount', '人数'],
        ],
        r => ({ ...r, period: `${formatDate(r.startDate)}—${formatDate(r.plannedEndDate)}` }),
      );
    },
  },
  {
    words: ['stats', 'batch'],
    args: 'ID',
    positional: { min: 1, max: 1 },
    summary: '挂职批次的统计：人数、年轻干部、70后/80后/90后、性别、学历、职级、返岗后提拔重用',
    options: { json, young },
    async run(ctx, opts, [id]) {
      const batchId = idArg(id, '批次');
      const stats = await ctx.call('secondmentBatchStats', { id: batchId, youngThreshold: threshold(opts.young) });
      if (opts.json) ctx.printJson({ batchId, ...stats });
      else statsText(ctx, `挂职批次 ${batchId}`, stats);
    },
  },
  {
    words: ['stats', 'programme'],
    args: 'ID',
    positional: { min: 1, max: 1 },
    summary: '挂职项目（各批次合计）的统计',
    options: { json, young },
    async run(ctx, opts, [id]) {
      const programmeId = idArg(id, '挂职项目');
      const stats = await ctx.call('secondmentProgrammeStats', { id: programmeId, youngThreshold: threshold(opts.young) });
      if (opts.json) ctx.printJson({ programmeId, ...stats });
      else {
        statsText(ctx, `挂职项目 ${programmeId}（${stats.batches.length} 个批次）`, stats);
        ctx.print(
          tableText(
            stats.batches.map(b => ({ name: b.name, ...b.stats })),
            [
              ['name', '批次'],
              ['headcount', '人数'],
              ['young', '年轻干部'],
              ['born1980sPct', '80后占比%'],
              ['promoted', '提拔重用'],
            ],
          ),
        );
      }
    },
  },
  {
    words: ['list', 'rotations'],
    summary: '列出驻村轮次（含人数、覆盖村数）',
    options: { json },
    async run(ctx, opts) {
      const rotations = await ctx.call('listVillageRotations', {});
      printList(
        ctx,
        opts,
        rotations,
        [
          ['id', '编号'],
          ['programme', '项目'],
          ['name', '轮次'],
          ['start', '开始'],
          ['end', '结束'],
          ['headcount', '在岗人数'],
          ['villages', '覆盖村数'],
        ],
        r => ({ ...r, start: formatDate(r.startDate), end: formatDate(r.endDate) }),
      );
    },
  },
  {
    words: ['stats', 'rotation'],
    args: 'ID',
    positional: { min: 1, max: 1 },
    summary: '驻村轮次的统计：留任、新选派、调换、覆盖村数',
    options: { json, young },
    async run(ctx, opts, [id]) {
      const rotationId = idArg(id, '驻村轮次');
      const s = await ctx.call('villageRotationStats', { id: rotationId, youngThreshold: threshold(opts.young) });
      if (opts.json) ctx.printJson({ rotationId, ...s });
      else {
        ctx.print(`驻村轮次 ${rotationId}\n在岗人数：${s.headcount}\n留任：${s.kept}  新选派：${s.new}  调换：${s.replaced}\n覆盖村数：${s.villages}`);
        for (const r of s.replacements) ctx.print(`调换：${r.name} 接替 ${r.replacesName}（${r.village}，${r.sendingUnit}）：${r.reason}`);
      }
    },
  },
  {
    words: ['export', 'batch'],
    args: 'ID',
    positional: { min: 1, max: 1 },
    summary: '导出挂职批次的干部名册（.xlsx）',
    options: {
      out: { kind: 'value', arg: '文件', help: '写入的 .xlsx 文件' },
      title: { kind: 'value', arg: '标题', help: '默认如“第四批沈阳赴北京挂职干部名册”' },
      unit: { kind: 'value', arg: '单位', help: '填报单位' },
      json,
    },
    async run(ctx, opts, [id]) {
      if (typeof opts.out !== 'string') throw new UsageError('请用 --out 指定要写入的 .xlsx 文件');
      const r = await ctx.call('exportSecondmentBatch', {
        batchId: idArg(id, '批次'),
        outPath: opts.out,
        ...(typeof opts.title === 'string' ? { title: opts.title } : {}),
        ...(typeof opts.unit === 'string' ? { reportingUnit: opts.unit } : {}),
      });
      if (opts.json) ctx.printJson({ path: r.path, rows: r.rows });
      else ctx.print(`已导出 ${r.rows} 人：${r.path}`);
    },
  },
];
