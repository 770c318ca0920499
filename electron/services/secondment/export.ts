/**
 * A batch's member list as the official styled roster (第四批沈阳赴北京挂职干部名册):
 * the same title / 填报单位 line / bold bordered frozen header / A4 landscape
 * sheet as the roster export (common/xlsx-table.ts). The
 * column headers are ones the member import recognises, so a list exported
 * here can be filled in elsewhere and imported back.
 */
import { todayCanonical, formatDate } from '../../../shared/domain/common/dates';
import type { ParsedInputOf } from '../../../shared/contract/api';
import type { SecondmentMember } from '../../../shared/contract/routes/secondment';
import { periodText } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import { deliver, safeFileName, XLSX_MIME } from '../common/files';
import { buildTableXlsx, type TableColumn } from '../common/xlsx-table';
import { reportingUnitName } from '../common/settings';
import { getBatch } from './programmes';
import { listMembers } from './members';

type MemberColumn = TableColumn & { value: (m: SecondmentMember, index: number) => string | number };

export const MEMBER_EXPORT_COLUMNS: MemberColumn[] = [
  { header: '序号', width: 6, wrap: false, value: (_m, i) => i + 1 },
  { header: '姓名', width: 10, wrap: false, value: m => m.name },
  { header: '性别', width: 6, wrap: false, value: m => m.gender },
  { header: '出生年月', width: 10, wrap: false, value: m => formatDate(m.birth) },
  { header: '身份证号', width: 20, wrap: false, text: true, value: m => m.idNumber },
  { header: '全日制学历', width: 10, wrap: false, value: m => m.ftEducation },
  { header: '职级', width: 12, wrap: false, value: m => m.rank },
  { header: '派出单位', width: 22, wrap: true, value: m => m.homeUnit },
  { header: '原任职务', width: 18, wrap: true, value: m => m.homePost },
  { header: '挂职单位', width: 22, wrap: true, value: m => m.hostUnit },
  { header: '挂任职务', width: 18, wrap: true, value: m => m.hostPost },
  { header: '挂职时间', width: 18, wrap: false, value: m => (m.startDate ? periodText({ start: m.startDate, end: m.endDate }) : '') },
  { header: '临时党支部职务', width: 10, wrap: false, value: m => m.branchRole },
  { header: '结对帮带', width: 10, wrap: false, value: m => m.pairName },
  { header: '状态', width: 8, wrap: false, value: m => m.status },
  {
    header: '备注',
    width: 20,
    wrap: true,
    value: m => [m.replacesName ? `接替${m.replacesName}（${m.replacementReason}）` : '', m.notes].filter(Boolean).join('；'),
  },
];

const shortPlace = (place: string) => place.trim().replace(/(市|省|自治区|特别行政区)$/, '');

/** 第四批沈阳赴北京挂职干部名册 (派出) / 第四批北京来沈阳挂职干部名册 (接收). */
export function defaultBatchTitle(b: { name: string; programme: string; direction: string; sendingPlace: string; receivingPlace: string }): string {
  const from = shortPlace(b.sendingPlace);
  const to = shortPlace(b.receivingPlace);
  if (!from || !to) return `${b.programme}${b.name}挂职干部名册`;
  return b.direction === '接收' ? `${b.name}${from}来${to}挂职干部名册` : `${b.name}${from}赴${to}挂职干部名册`;
}

export async function exportBatch(db: Database, input: ParsedInputOf<'exportSecondmentBatch'>) {
  const batch = getBatch(db, input.batchId);
  const members = listMembers(db, batch.id, input.includeReplaced);
  const title = input.title?.trim() || defaultBatchTitle(batch);
  const date = input.date ?? todayCanonical();
  const bytes = await buildTableXlsx({
    title,
    reportingUnit: input.reportingUnit ?? reportingUnitName(db),
    date,
    columns: MEMBER_EXPORT_COLUMNS,
    rows: members.map((m, r) => MEMBER_EXPORT_COLUMNS.map(c => c.value(m, r))),
  });
  const fileName = `${safeFileName(title, '挂职干部名册')}_${date.replaceAll('-', '')}.xlsx`;
  // The suggested name even when written elsewhere: the page names the download by it.
  return { ...deliver(fileName, XLSX_MIME, bytes, input.outPath, ['.xlsx']), fileName, rows: members.length };
}
