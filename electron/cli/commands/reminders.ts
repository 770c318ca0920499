/** cadre due / cadre quality: 工作提醒 and the 数据质量 review, as text, JSON or a styled .xlsx. */
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { DEFAULT_HORIZON_MONTHS, MAX_HORIZON_MONTHS, QUALITY_KINDS, REMINDER_KINDS } from '../../../shared/contract/api';
import { formatDate, parseDateInput } from '../../../shared/domain/common/dates';
import { writeExport } from '../../services/common/files';
import { tableText, type Command, type CommandContext, type OptionValues, json } from '../command';

const out = { kind: 'value', arg: '文件.xlsx', help: '导出为带格式的 Excel 文件' } as const;

const refuse = (message: string) => new AppError('VALIDATION', message);

/** --date as users write it (2026-12-06, 2026.12.06) → 'YYYY-MM-DD'. */
function dateOption(raw: OptionValues[string]): string | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseDateInput(String(raw));
  if (!parsed.ok) throw refuse(`--date：${parsed.message}`);
  if (parsed.value.length !== 10) throw refuse(`--date 应写到日，如 2026-12-06（收到「${String(raw)}」）`);
  return parsed.value;
}

function monthsOption(raw: OptionValues[string]): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\d{1,3}$/.test(String(raw)) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_HORIZON_MONTHS)) throw refuse(`--months 应为 1–${MAX_HORIZON_MONTHS} 之间的整数（收到「${String(raw)}」）`);
  return n;
}

/** --kind, repeatable, each one of `kinds`. */
function kindsOption<K extends string>(raw: OptionValues[string], kinds: readonly K[]): K[] | undefined {
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [String(raw)]).map(k => k.trim());
  const wrong = list.find(k => !(kinds as readonly string[]).includes(k));
  if (wrong !== undefined) throw refuse(`--kind 应为 ${kinds.join('、')} 之一（收到「${wrong}」）`);
  return list as K[];
}

/** Writes a download route's bytes to --out and says so. */
function saveTo(ctx: CommandContext, file: string, base64: string | null, rows: number, what: string, asJson: unknown): void {
  if (path.extname(file).toLowerCase() !== '.xlsx') throw refuse('--out 应为以 .xlsx 结尾的文件');
  const written = writeExport(file, ['.xlsx'], Buffer.from(base64 ?? '', 'base64'));
  if (asJson) ctx.printJson({ file: written, rows });
  else ctx.print(`已导出${what} ${rows} 条到「${written}」`);
}

export const reminderCommands: Command[] = [
  {
    words: ['due'],
    summary: `工作提醒：到龄退休、试用期满、任职满5年/10年、职级晋升、挂职期满、考核未完成；逾期的在前。默认今天起 ${DEFAULT_HORIZON_MONTHS} 个月`,
    options: {
      date: { kind: 'value', arg: '日期', help: '参考日期，如 2026-12-06（默认今天）' },
      months: { kind: 'value', arg: '月数', help: `提前提醒的月数，1–${MAX_HORIZON_MONTHS}（默认 ${DEFAULT_HORIZON_MONTHS}）` },
      kind: { kind: 'multi', arg: '类别', help: `只列出这些类别：${REMINDER_KINDS.join('、')}` },
      out,
      json,
    },
    async run(ctx, opts) {
      const window = { date: dateOption(opts.date), months: monthsOption(opts.months) };
      const kinds = kindsOption(opts.kind, REMINDER_KINDS);
      if (typeof opts.out === 'string') {
        const file = await ctx.call('exportReminders', { ...window, kinds });
        saveTo(ctx, opts.out, file.base64, file.rows, '工作提醒', opts.json);
        return;
      }
      const list = await ctx.call('listReminders', window);
      const rows = kinds ? list.rows.filter(r => kinds.includes(r.kind)) : list.rows;
      if (opts.json) {
        ctx.printJson(rows);
        return;
      }
      ctx.print(`工作提醒：${formatDate(list.date)} 至 ${formatDate(list.until)}`);
      ctx.print(
        tableText(
          rows.map(r => ({ ...r, dueText: formatDate(r.due), overdueText: r.overdue ? '逾期' : '' })),
          [
            ['kind', '类别'],
            ['dueText', '到期时间'],
            ['overdueText', '逾期'],
            ['name', '姓名'],
            ['unit', '单位'],
            ['detail', '说明'],
          ],
        ),
      );
      const counts = list.counts.filter(c => c.count > 0 && (!kinds || kinds.includes(c.kind)));
      ctx.print(
        `共 ${rows.length} 条${counts.length ? `：${counts.map(c => `${c.kind} ${c.count}${c.overdue ? `（逾期 ${c.overdue}）` : ''}`).join('，')}` : ''}`,
      );
    },
  },
  {
    words: ['quality'],
    summary: '数据质量（三龄两历）：参加工作早于16岁、入党早于18岁、身份证号与出生年月或性别不符、简历重叠或断档、任现职时间与简历不符等',
    options: {
      kind: { kind: 'multi', arg: '类别', help: `只列出这些类别：${QUALITY_KINDS.join('、')}` },
      out,
      json,
    },
    async run(ctx, opts) {
      const kinds = kindsOption(opts.kind, QUALITY_KINDS);
      if (typeof opts.out === 'string') {
        const file = await ctx.call('exportQuality', { kinds });
        saveTo(ctx, opts.out, file.base64, file.rows, '数据质量问题', opts.json);
        return;
      }
      const review = await ctx.call('reviewQuality', {});
      const rows = kinds ? review.rows.filter(r => kinds.includes(r.kind)) : review.rows;
      if (opts.json) {
        ctx.printJson(rows);
        return;
      }
      ctx.print(
        tableText(
          rows.map(r => ({ ...r, fieldText: r.fields.map(f => `${f.label}：${f.value.replaceAll('\n', ' / ')}`).join('；') })),
          [
            ['kind', '问题类别'],
            ['name', '姓名'],
            ['unit', '单位'],
            ['fieldText', '涉及字段'],
            ['detail', '说明'],
          ],
        ),
      );
      const counts = review.counts.filter(c => c.count > 0 && (!kinds || kinds.includes(c.kind)));
      ctx.print(`共 ${rows.length} 条${counts.length ? `：${counts.map(c => `${c.kind} ${c.count}`).join('，')}` : ''}`);
    },
  },
];
