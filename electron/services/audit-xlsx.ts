/**
 * The filtered 审计日志 as a styled .xlsx: row 1 the title, row 2 the filter
 * and the export time, row 3 the bold bordered header (frozen, repeated on
 * printed pages), one entry per row below. Written with ExcelJS's streaming
 * writer, a few thousand entries at a time, so a long log stays small in
 * memory. Text that starts like a formula (= + - @) is written as text.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { AUDIT_KIND_LABELS, formatAuditTime } from '../../shared/audit-text';
import { AppError } from '../../shared/errors';
import type { AuditFilter, AuditRow } from '../../shared/routes/audit';
import type { Database } from '../db/database';
import { auditRows, auditWhere, countAudit, lastAuditId, summarizerFor, type AuditOrder } from './audit-query';
import { looksLikeFormula } from './export/cells';

export const AUDIT_TITLE = '审计日志';
export const AUDIT_HEADER_ROW = 3;
const MAX_ROWS = 1_048_576 - AUDIT_HEADER_ROW;
const CHUNK = 5000;
const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

interface AuditColumn {
  header: string;
  width: number;
  wrap?: boolean;
  value: (r: AuditRow) => string | number;
}

export const AUDIT_COLUMNS: AuditColumn[] = [
  { header: '时间', width: 20, value: r => formatAuditTime(r.at, true) },
  { header: '操作员', width: 12, value: r => r.operator },
  { header: '类型', width: 14, value: r => r.kindText },
  { header: '对象', width: 16, wrap: true, value: r => r.target },
  { header: '干部编号', width: 10, value: r => r.cadreId ?? '' },
  { header: '内容（修改前 → 修改后）', width: 90, wrap: true, value: r => r.summary },
];

/** The filter in words, for row 2 of the file. */
export function describeAuditFilter(f: AuditFilter): string {
  const parts: string[] = [];
  if (f.cadre?.trim()) parts.push(`干部「${f.cadre.trim()}」`);
  if (f.operator?.trim()) parts.push(`操作员「${f.operator.trim()}」`);
  if (f.from?.trim() || f.to?.trim()) parts.push(`时间 ${f.from?.trim() || '最早'} 至 ${f.to?.trim() || '现在'}`);
  if (f.kind) parts.push(`类型 ${AUDIT_KIND_LABELS[f.kind]}`);
  return parts.length ? parts.join('；') : '全部记录';
}

export async function buildAuditXlsx(db: Database, f: AuditFilter & { order?: AuditOrder }, now = new Date()): Promise<{ bytes: Buffer; rows: number }> {
  const w = auditWhere(f);
  w.where.push('a.id <= :lastId');
  w.params.lastId = lastAuditId(db);
  const total = countAudit(db, w);
  if (total > MAX_ROWS) throw new AppError('VALIDATION', `导出失败：共 ${total} 条记录，超过 Excel 的行数上限，请缩小时间范围后分次导出`);
  const words = summarizerFor(db);

  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = '干部工作台';
  wb.created = now;
  const ws = wb.addWorksheet(AUDIT_TITLE, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: AUDIT_HEADER_ROW, topLeftCell: `A${AUDIT_HEADER_ROW + 1}`, activeCell: `A${AUDIT_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${AUDIT_HEADER_ROW}:${AUDIT_HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = AUDIT_COLUMNS.map(c => ({ width: c.width }));
  const last = AUDIT_COLUMNS.length;

  const title = ws.getRow(1);
  title.getCell(1).value = AUDIT_TITLE;
  title.getCell(1).font = { name: FONT, size: 18, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 32;
  ws.mergeCells(1, 1, 1, last);
  title.commit();

  const info = ws.getRow(2);
  info.getCell(1).value = `筛选条件：${describeAuditFilter(f)}    导出时间：${formatAuditTime(now.toISOString())}    共 ${total} 条`;
  info.getCell(1).font = { name: FONT, size: 11 };
  info.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
  info.height = 20;
  ws.mergeCells(2, 1, 2, last);
  info.commit();

  const header = ws.getRow(AUDIT_HEADER_ROW);
  AUDIT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 24;
  header.commit();

  // One style object per column and its text twin: ExcelJS caches styles by identity.
  const styles = AUDIT_COLUMNS.map(c => {
    const base: Partial<ExcelJS.Style> = {
      font: { name: FONT, size: 10 },
      border: THIN,
      alignment: c.wrap ? { horizontal: 'left', vertical: 'middle', wrapText: true } : { horizontal: 'center', vertical: 'middle' },
    };
    return { plain: base, text: { ...base, numFmt: '@' } };
  });
  let written = 0;
  for (let offset = 0; offset < total; offset += CHUNK) {
    for (const r of auditRows(db, w, { offset, limit: CHUNK, order: f.order }, words)) {
      const row = ws.getRow(AUDIT_HEADER_ROW + 1 + written++);
      AUDIT_COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const v = c.value(r);
        cell.value = v;
        cell.style = (typeof v === 'string' && looksLikeFormula(v) ? styles[i].text : styles[i].plain) as ExcelJS.Style;
      });
      row.commit();
    }
    await new Promise(resolve => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
  await new Promise<void>((resolve, reject) => {
    if (sink.readableEnded) resolve();
    sink.on('end', () => resolve());
    sink.on('error', reject);
  });
  return { bytes: Buffer.concat(chunks), rows: written };
}
