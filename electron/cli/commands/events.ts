/**
 * A cadre's life in the roster: add a cadre (the form's rules), record an event
 * (职务变动, 任免), list their history, leave the roster (退休/调出/辞职/去世, to the 历史库).
 * The same routes the 干部名册 page and the 职务变动 dialog call.
 */
import type { Command, OptionValues } from '../command';
import { idArg, UsageError, json, printList } from '../command';
import { EVENT_KINDS, LEAVING_KINDS, type CadreEvent, type EventKind, type EventNotice } from '../../../shared/contract/api';
import { describeEvent } from '../../../shared/domain/events/rules';

const text = (v: OptionValues[string]) => (typeof v === 'string' ? v : undefined);

function kindOf(raw: OptionValues[string], allowed: readonly string[]): EventKind {
  const kind = text(raw);
  if (!kind) throw new UsageError(`请用 --kind 指定类别：${allowed.join('、')}`);
  if (!allowed.includes(kind)) throw new UsageError(`--kind 应为：${allowed.join('、')}`);
  return kind as EventKind;
}

function printEvent(ctx: Parameters<Command['run']>[0], e: CadreEvent, asJson: unknown): void {
  if (asJson) ctx.printJson(e);
  else ctx.print(`已登记（编号 ${e.id}）：${describeEvent(e)}${e.resumeLine ? `\n简历：${e.resumeLine}` : ''}`);
}

export const eventCommands: Command[] = [
  {
    words: ['add'],
    summary: '新增一名干部（与任免审批表相同的规则；身份证号可补出生年月和性别）',
    options: {
      json,
      data: { kind: 'value', arg: 'JSON', help: '字段，如 {"name":"张三","idNumber":"…","unitId":3,"post":"…"}' },
    },
    async run(ctx, opts) {
      const raw = text(opts.data);
      if (raw === undefined) throw new UsageError('请用 --data 给出干部的字段（JSON）');
      let values: unknown;
      try {
        values = JSON.parse(raw);
      } catch {
        throw new UsageError(`--data 不是有效的 JSON：${raw.slice(0, 80)}`);
      }
      if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new UsageError('--data 应为一个 JSON 对象');
      const r = await ctx.call('saveCadres', { creates: [{ values }], kind: 'create', label: '新增干部' });
      const id = r.created[0];
      if (opts.json) ctx.printJson({ id, warnings: r.warnings.map(w => w.message) });
      else ctx.print([`已新增干部（编号 ${id}）`, ...r.warnings.map(w => `提示：${w.message}`)].join('\n'));
    },
  },
  {
    words: ['event'],
    args: '干部编号',
    positional: { min: 1, max: 1 },
    summary: '登记职务变动（任职、提任、调任、职级晋升……），更新干部信息并追加简历行',
    options: {
      json,
      kind: { kind: 'value', arg: '类别', help: EVENT_KINDS.join('、') },
      date: { kind: 'value', arg: '时间', help: '如 2026.11 或 2026.11.06' },
      unit: { kind: 'value', arg: '单位编号', help: '任职单位（默认不变）' },
      post: { kind: 'value', arg: '职务', help: '所任职务（现任职务的写法）' },
      removed: { kind: 'value', arg: '职务', help: '同时免去的职务（任 A 免 B）' },
      level: { kind: 'value', arg: '层次', help: '领导职务层次，如 副处' },
      rank: { kind: 'value', arg: '职级', help: '职级，如 四级调研员' },
      doc: { kind: 'value', arg: '文号', help: '任免文号，如 滨组干〔2026〕12号' },
      authority: { kind: 'value', arg: '机关', help: '任免机关' },
      probation: { kind: 'flag', help: '实行一年试用期' },
      'no-probation': { kind: 'flag', help: '不实行试用期（默认：提任县处级以上非选任职务时实行）' },
      reason: { kind: 'value', arg: '理由', help: '超职数配备的理由（超出核定职数时必填）' },
      resume: { kind: 'value', arg: '简历行', help: '代替自动生成的简历行（空字符串表示不写）' },
      note: { kind: 'value', arg: '说明', help: '备注' },
      plan: { kind: 'flag', help: '只作为拟任免（填入任免审批表的拟任、拟免职务）' },
    },
    async run(ctx, opts, [id]) {
      if (opts.probation && opts['no-probation']) throw new UsageError('--probation 与 --no-probation 只能选一个');
      const notice: EventNotice = {
        kind: kindOf(opts.kind, EVENT_KINDS),
        date: text(opts.date) ?? '',
        docNo: text(opts.doc),
        authority: text(opts.authority),
        planned: !!opts.plan,
        rows: [
          {
            cadreId: idArg(id, '干部'),
            unitId: text(opts.unit) === undefined ? undefined : idArg(text(opts.unit)!, '单位'),
            post: text(opts.post),
            removedPost: text(opts.removed),
            leadershipLevel: text(opts.level),
            rank: text(opts.rank),
            probation: opts.probation ? true : opts['no-probation'] ? false : undefined,
            resumeLine: text(opts.resume),
            quotaReason: text(opts.reason),
            note: text(opts.note),
          },
        ],
      };
      const r = await ctx.call('recordEvents', notice);
      printEvent(ctx, r.events[0], opts.json);
    },
  },
  {
    words: ['leave'],
    args: '干部编号',
    positional: { min: 1, max: 1 },
    summary: '离开名册（退休、调出、辞职、去世），转入历史库',
    options: {
      json,
      kind: { kind: 'value', arg: '类别', help: LEAVING_KINDS.join('、') },
      date: { kind: 'value', arg: '时间', help: '如 2026.11' },
      doc: { kind: 'value', arg: '文号', help: '文号' },
      note: { kind: 'value', arg: '说明', help: '备注' },
    },
    async run(ctx, opts, [id]) {
      const r = await ctx.call('recordEvents', {
        kind: kindOf(opts.kind, LEAVING_KINDS),
        date: text(opts.date) ?? '',
        docNo: text(opts.doc),
        rows: [{ cadreId: idArg(id, '干部'), note: text(opts.note) }],
      });
      printEvent(ctx, r.events[0], opts.json);
    },
  },
  {
    words: ['history'],
    args: '干部编号',
    positional: { min: 1, max: 1 },
    summary: '干部的职务变动记录（按时间顺序）',
    options: { json },
    async run(ctx, opts, [id]) {
      const events = await ctx.call('listEvents', { cadreId: idArg(id, '干部') });
      printList(
        ctx,
        opts,
        events,
        [
          ['id', '编号'],
          ['what', '职务变动'],
          ['docNo', '文号'],
          ['state', '状态'],
        ],
        e => ({ ...e, what: describeEvent(e), state: e.planned ? '拟任免' : '' }),
      );
    },
  },
];
