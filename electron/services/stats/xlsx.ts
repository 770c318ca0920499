/**
 * Structure reports and the team list as files: the styled .xlsx of common/xlsx-table.ts in the
 * report layout (title, 填报单位 and 统计截止日期 line, a two-level header 总体 → 人数/比率,
 * 项目 merged down its categories, the 注 line) and CSV with a BOM for other programs.
 */
import { formatDate } from '../../../shared/domain/common/dates';
import { itemRuns, reportRows, type ReportCell, type ReportRow, type Series } from '../../../shared/domain/stats/report';
import { AGE_NOTE, PERCENT_NOTE } from '../../../shared/domain/stats/table';
import type { GroupKey } from '../../../shared/domain/stats/categories';
import type { Team } from '../../../shared/domain/stats/teams';
import type { Database } from '../../db/database';
import { csvField } from '../export/api';
import { reportingUnitName } from '../common/settings';
import { buildTablesXlsx, chineseDate, type TableColumn, type TableValue } from '../common/xlsx-table';

/** Shares are written as numbers (83.3) shown with one decimal and a % sign. */
const PCT_FORMAT = '0.0"%"';

function infoLine(db: Database, refDate: string): string {
  return `填报单位：${reportingUnitName(db)}    统计截止日期：${chineseDate(refDate)}`;
}

const isAverage = (c: ReportCell): c is { average: number | null } => 'average' in c;
/** A series' two values in a row: 人数 and 比率 (平均年龄 fills the first, leaves the second blank). */
const values = (c: ReportCell): TableValue[] => (isAverage(c) ? [c.average, null] : [c.count, c.pct]);

export interface ReportFile {
  title: string;
  refDate: string;
  series: Series[];
  groups: readonly GroupKey[];
  keyFigures: boolean;
}

export function reportXlsx(db: Database, report: ReportFile): Promise<Buffer> {
  const rows = reportRows(report.series, report.groups, report.keyFigures);
  const columns: TableColumn[] = [
    { header: '项目', width: 14 },
    { header: '类别', width: 16 },
    ...report.series.flatMap(() => [
      { header: '人数', width: 8 },
      { header: '比率', width: 9, numFmt: PCT_FORMAT },
    ]),
  ];
  return buildTablesXlsx([
    {
      title: report.title,
      sheet: '结构分析',
      info: infoLine(db, report.refDate),
      columns,
      headerGroups: [{ label: '', span: 1 }, { label: '', span: 1 }, ...report.series.map(s => ({ label: s.label, span: 2 }))],
      rows: rows.map(r => [r.item, r.category, ...r.cells.flatMap(values)]),
      bodyMerges: itemRuns(rows).map(([row, n]) => ({ row, column: 0, rows: n })),
      notes: [PERCENT_NOTE, `　　${AGE_NOTE}。`],
    },
  ]);
}

/** CSV per RFC 4180 with a BOM: one header line (总体人数, 总体比率, …), then the rows; shares as 83.3. */
export function reportCsv(report: ReportFile): Buffer {
  const rows: ReportRow[] = reportRows(report.series, report.groups, report.keyFigures);
  const header = ['项目', '类别', ...report.series.flatMap(s => [`${s.label}人数`, `${s.label}比率(%)`])];
  const text = (v: TableValue) => (v === null ? '' : typeof v === 'number' ? String(v) : csvField(v));
  const lines = [header.map(csvField).join(','), ...rows.map(r => [r.item, r.category, ...r.cells.flatMap(values)].map(text).join(','))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** The team analysis: the teams missing a requirement (with what they miss), then every team. */
export function teamsXlsx(db: Database, teams: Team[], refDate: string): Promise<Buffer> {
  const columns: TableColumn[] = [
    { header: '序号', width: 6 },
    { header: '单位', width: 22, wrap: true },
    { header: '单位类别', width: 10 },
    { header: '班子人数', width: 8 },
    { header: '核定职数', width: 8 },
    { header: '空缺', width: 6 },
    { header: '最大年龄', width: 8 },
    { header: '最小年龄', width: 8 },
    { header: '平均年龄', width: 8, numFmt: '0.0' },
    { header: '40岁及以下', width: 9 },
    { header: '45岁及以下', width: 9 },
    { header: '女干部', width: 7 },
    { header: '党外干部', width: 8 },
    { header: '全日制本科以上占比', width: 11, numFmt: PCT_FORMAT },
    { header: '正职', width: 10 },
    { header: '正职任现职年限', width: 10 },
    { header: '未达到的配备要求', width: 40, wrap: true },
  ];
  const row = (t: Team, i: number): TableValue[] => [
    i + 1,
    t.unit,
    t.kind,
    t.size,
    t.quota?.approved ?? null,
    t.quota?.vacant ?? null,
    t.oldest,
    t.youngest,
    t.averageAge,
    t.under40,
    t.under45,
    t.women,
    t.nonCpc,
    t.bachelorPct,
    t.head?.name ?? '',
    t.head?.years ?? null,
    t.unmet.join('；') || '无',
  ];
  const info = infoLine(db, refDate);
  const unmet = teams.filter(t => t.unmet.length);
  const notes = [`注：年龄、任现职年限按统计截止日期 ${formatDate(refDate)} 计算周岁（按月）；百分比按四舍五入取值。`];
  return buildTablesXlsx([
    { title: '未达到配备要求的领导班子', sheet: '未达要求', info, columns, rows: unmet.map(row), notes },
    { title: '领导班子结构分析', sheet: '全部班子', info, columns, rows: teams.map(row), notes },
  ]);
}
