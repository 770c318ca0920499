/** cadre audit: the 审计日志, filtered, as text, JSON or a styled .xlsx. */
import path from 'node:path';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, formatAuditTime, parseAuditKind } from '../../../shared/domain/audit/text';
import type { AuditFilter, AuditRow } from '../../../shared/contract/routes/audit';
import { writeExport } from '../../services/common/files';
import { tableText, UsageError, type Command, type OptionValues, json } from '../command';

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

export const auditCommands: Command[] = [
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
