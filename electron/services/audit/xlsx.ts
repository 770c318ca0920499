/**
 * The filtered 审计日志 as a styled .xlsx, on the common styled table
 * (common/xlsx-table.ts): row 1 the title, row 2 the filter
 * and the export time, row 3 the bold bordered header (frozen, repeated on
 * printed pages), one entry per row below. Text that starts like a formula
 * (= + - @) is written as text there.
 */
import { AUDIT_KIND_LABELS, formatAuditTime } from '../../../shared/domain/audit/text';
import { AppError } from '../../../shared/contract/errors';
import type { AuditFilter, AuditRow } from '../../../shared/contract/routes/audit';
import type { Database } from '../../db/database';
import { auditRows, auditWhere, countAudit, lastAuditId, summarizerFor, type AuditOrder } from './query';
import { buildTableXlsx, MAX_EXPORT_ROWS } from '../common/xlsx-table';
import { reportingUnitName } from '../common/settings';

export const AUDIT_TITLE = '审计日志';
const CHUNK = 5000;

interface AuditColumn {
  header: string;
  width: number;
  wrap?: boolean;
  value: (r: AuditRow) => string | number;
}

export const AUDIT_COLUMNS: AuditColumn[] = [
  { header: '时间', width: 20, value: r => formatAuditTime(r.at) },
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
  if (total > MAX_EXPORT_ROWS) throw new AppError('VALIDATION', `导出失败：共 ${total} 条记录，超过 Excel 的行数上限，请缩小时间范围后分次导出`);
  const words = summarizerFor(db);
  let written = 0;
  // Read a few thousand entries at a time, so a long log stays small in memory.
  function* rows() {
    for (let offset = 0; offset < total; offset += CHUNK) {
      for (const r of auditRows(db, w, { offset, limit: CHUNK, order: f.order }, words)) {
        written++;
        yield AUDIT_COLUMNS.map(c => c.value(r));
      }
    }
  }
  const bytes = await buildTableXlsx({
    title: AUDIT_TITLE,
    date: now.toISOString().slice(0, 10),
    info: `填报单位：${reportingUnitName(db)}    筛选条件：${describeAuditFilter(f)}    导出时间：${formatAuditTime(now.toISOString())}    共 ${total} 条`,
    columns: AUDIT_COLUMNS.map(c => ({ header: c.header, width: c.width, wrap: c.wrap ?? false })),
    rows: rows(),
  });
  return { bytes, rows: written };
}
