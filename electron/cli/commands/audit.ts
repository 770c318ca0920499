/** cadre audit: the 审计日志, filtered, as text, JSON or a styled .xlsx. */
import path from 'node:path';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, formatAuditTime, parseAuditKind } from '../../../shared/domain/audit/text';
import type { AuditFilter, AuditRow, OperationHistoryRow } from '../../../shared/contract/routes/audit';
import { writeExport } from '../../services/common/files';
import { idArg, json, tableText, UsageError, type Command, type OptionValues } from '../command';

const PAGE = 1000;

function text(opts: OptionValues, key: string): string | undefined {
  const v = opts[key];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function filterOf(opts: OptionValues): AuditFilter {
  const kindText = text(opts, 'kind');
  const kind = kindText === undefined ? undefined : parseAuditKind(kindText);
  if (kind === null) {
    throw new UsageError(`--kind 应为 ${AUDIT_KINDS.map(k => `${k}（${AUDIT_KIND_LABELS[k]}）`).join('、')} 之一（收到「${kindText}」）`);
  }
  return { cadre: text(opts, 'cadre'), operator: text(opts, 'operator'), from: text(opts, 'from'), to: text(opts, 'to'), kind };
}

/** A positive whole number option (--limit), or undefined when not given. */
function countOption(opts: OptionValues, key: string): number | undefined {
  const raw = text(opts, key);
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new UsageError(`--${key} 应为正整数（收到「${raw}」）`);
  return Number(raw);
}

export const auditCommands: Command[] = [
  {
    words: ['operations'],
    summary: '操作历史：各页面可撤销的操作，最新的在前（页面、操作、操作员、时间、是否已撤销）',
    options: {
      limit: { kind: 'value', arg: 'N', help: '只列出最新的 N 步' },
      json,
    },
    async run(ctx, opts) {
      const limit = countOption(opts, 'limit') ?? Number.MAX_SAFE_INTEGER;
      const rows: OperationHistoryRow[] = [];
      for (let offset = 0; rows.length < limit; offset += PAGE) {
        const page = await ctx.call('listOperationHistory', { offset, limit: Math.min(PAGE, limit - rows.length) });
        rows.push(...page.rows);
        if (rows.length >= page.total || !page.rows.length) break;
      }
      const shown = rows.map(r => ({ id: r.id, page: r.page, label: r.label, operator: r.operator, time: formatAuditTime(r.at), at: r.at, undone: r.undone }));
      if (opts.json) {
        ctx.printJson(shown);
        return;
      }
      ctx.print(
        tableText(
          shown.map(r => ({ ...r, state: r.undone ? '已撤销' : '有效' })),
          [
            ['id', '步骤编号'],
            ['time', '时间'],
            ['operator', '操作员'],
            ['page', '页面'],
            ['label', '操作'],
            ['state', '状态'],
          ],
        ),
      );
      ctx.print(`共 ${shown.length} 步`);
    },
  },
  {
    words: ['undo'],
    summary: '撤销到某一步（操作历史的“撤销到此步”）：该步及其后尚未撤销的操作全部撤销，有一步不能撤销则都不撤销',
    options: {
      to: { kind: 'value', arg: '步骤编号', help: '撤销到这一步（见 cadre operations）' },
      json,
    },
    async run(ctx, opts) {
      const raw = text(opts, 'to');
      if (raw === undefined) throw new UsageError('请用 --to 指定撤销到哪一步（步骤编号见 cadre operations）');
      const r = await ctx.call('undoOperationsTo', { id: idArg(raw, '步骤') });
      if (opts.json) ctx.printJson(r);
      else ctx.print(`已撤销 ${r.count} 步：${r.labels.join('；')}`);
    },
  },
  {
    words: ['audit'],
    summary: '审计日志：谁在何时做了哪些修改；可按干部、操作员、时间、类型筛选，--out 导出为 Excel',
    options: {
      cadre: { kind: 'value', arg: '编号|姓名', help: '干部编号，或姓名、拼音、身份证号' },
      operator: { kind: 'value', arg: '姓名', help: '操作员' },
      from: { kind: 'value', arg: '日期', help: '起始时间（含），如 2026.11.01 或 2026-11-01 08:30' },
      to: { kind: 'value', arg: '日期', help: '截止时间（含当天），如 2026.11.22' },
      kind: { kind: 'value', arg: '类型', help: `${AUDIT_KINDS.join('|')}，或中文：${Object.values(AUDIT_KIND_LABELS).join('、')}` },
      out: { kind: 'value', arg: '文件.xlsx', help: '导出为带格式的 Excel 文件' },
      json,
    },
    async run(ctx, opts) {
      const filter = filterOf(opts);
      if (opts.out !== undefined) {
        const out = text(opts, 'out');
        if (!out || path.extname(out).toLowerCase() !== '.xlsx') throw new UsageError('--out 应为以 .xlsx 结尾的文件');
        const file = await ctx.call('exportAuditLog', filter);
        const written = writeExport(out, ['.xlsx'], Buffer.from(file.base64, 'base64'));
        if (opts.json) ctx.printJson({ file: written, rows: file.rows });
        else ctx.print(`已导出审计日志 ${file.rows} 条到「${written}」`);
        return;
      }
      const rows: AuditRow[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await ctx.call('queryAuditLog', { ...filter, offset, limit: PAGE });
        rows.push(...page.rows);
        if (page.rows.length < PAGE) break;
      }
      if (opts.json) ctx.printJson(rows);
      else {
        const shown = rows.map(r => ({ ...r, time: formatAuditTime(r.at) }));
        ctx.print(
          tableText(shown, [
            ['time', '时间'],
            ['operator', '操作员'],
            ['kindText', '类型'],
            ['target', '对象'],
            ['summary', '内容'],
          ]),
        );
        ctx.print(`共 ${rows.length} 条`);
      }
    },
  },
];
