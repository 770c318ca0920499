/**
 * 工作提醒 and 数据质量 as the official styled table (common/xlsx-table.ts): title, the
 * 填报单位/填报日期 line, the bold frozen header, one item per row.
 */
import type { ParsedInputOf } from '../../../shared/contract/api';
import type { QualityRow, ReminderRow } from '../../../shared/contract/routes/reminders';
import { formatDate, todayCanonical } from '../../../shared/domain/common/dates';
import type { Database } from '../../db/database';
import { deliver, XLSX_MIME } from '../common/files';
import { reportingUnitName } from '../common/settings';
import { buildTableXlsx, type TableColumn } from '../common/xlsx-table';
import { listDue } from './due';
import { reviewQuality } from './quality';

type Column<R> = TableColumn & { value: (r: R, index: number) => string | number };

const REMINDER_COLUMNS: Column<ReminderRow>[] = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '提醒类别', width: 12, value: r => r.kind },
  { header: '到期时间', width: 12, value: r => formatDate(r.due) },
  { header: '逾期', width: 6, value: r => (r.overdue ? '逾期' : '') },
  { header: '姓名', width: 10, value: r => r.name },
  { header: '单位', width: 24, wrap: true, value: r => r.unit },
  { header: '现任职务', width: 24, wrap: true, value: r => r.post },
  { header: '说明', width: 50, wrap: true, value: r => r.detail },
];

const QUALITY_COLUMNS: Column<QualityRow>[] = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '问题类别', width: 20, value: r => r.kind },
  { header: '姓名', width: 10, value: r => r.name },
  { header: '单位', width: 24, wrap: true, value: r => r.unit },
  { header: '涉及字段', width: 40, wrap: true, value: r => r.fields.map(f => `${f.label}：${f.value}`).join('\n') },
  { header: '说明', width: 50, wrap: true, value: r => r.detail },
];

async function table<R>(db: Database, title: string, columns: Column<R>[], rows: R[], outPath: string | undefined) {
  const date = todayCanonical();
  const bytes = await buildTableXlsx({
    title,
    reportingUnit: reportingUnitName(db),
    date,
    columns,
    rows: rows.map((r, i) => columns.map(c => c.value(r, i))),
  });
  const fileName = `${title.replace(/（.*$/, '')}_${date.replaceAll('-', '')}.xlsx`;
  return { ...deliver(fileName, XLSX_MIME, bytes, outPath, ['.xlsx']), rows: rows.length };
}

export function exportReminders(db: Database, input: ParsedInputOf<'exportReminders'>) {
  const list = listDue(db, input);
  const rows = input.kinds ? list.rows.filter(r => input.kinds!.includes(r.kind)) : list.rows;
  return table(db, `工作提醒（${formatDate(list.date)} 至 ${formatDate(list.until)}）`, REMINDER_COLUMNS, rows, input.outPath);
}

export function exportQuality(db: Database, input: ParsedInputOf<'exportQuality'>) {
  const { rows } = reviewQuality(db);
  return table(db, '数据质量审核', QUALITY_COLUMNS, input.kinds ? rows.filter(r => input.kinds!.includes(r.kind)) : rows, input.outPath);
}
