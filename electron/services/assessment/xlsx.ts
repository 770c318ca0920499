/**
 * The score sheet (评分表) and the grading table (考核等次表) as styled
 * .xlsx, laid out like the roster export (export/roster-xlsx.ts): title merged
 * across row 1, the 考核轮次/日期 line in row 2, a bold bordered grey header in
 * row 3 (frozen and repeated on every printed page), A4 landscape fitted to
 * one page wide, page numbers in the footer. Text that could be read as a
 * formula is written as a text cell (looksLikeFormula, the export guard).
 *
 * The score sheet's first sheet holds the raw inputs under the indicators'
 * names, so the same file can be filled in and imported back.
 */
import ExcelJS from 'exceljs';
import type { Indicator, ScoreGrid } from '../../../shared/contract/routes/assessment';
import { todayCanonical } from '../../../shared/domain/common/dates';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind export/api.ts
import { chineseDate, looksLikeFormula } from '../export/cells';

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
export const HEADER_ROW = 3;

interface Column {
  header: string;
  width: number;
  wrap?: boolean;
}

type Value = string | number | null;

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, info: string, columns: Column[], rows: Value[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = columns.map(c => ({ width: c.width }));
  const last = columns.length;
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  if (last > 1) ws.mergeCells(1, 1, 1, last);
  const i = ws.getCell(2, 1);
  i.value = info;
  i.font = { name: FONT, size: 11 };
  if (last > 1) ws.mergeCells(2, 1, 2, last);
  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, k) => {
    const cell = header.getCell(k + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 32;
  rows.forEach((values, r) => {
    const row = ws.getRow(HEADER_ROW + 1 + r);
    values.forEach((v, k) => {
      const cell = row.getCell(k + 1);
      cell.value = v;
      cell.font = { name: FONT, size: 10 };
      cell.border = THIN;
      cell.alignment = columns[k]?.wrap ? { horizontal: 'left', vertical: 'middle', wrapText: true } : { horizontal: 'center', vertical: 'middle' };
      if (typeof v === 'string' && (looksLikeFormula(v) || /^\d{15,}[\dXx]?$/.test(v))) cell.numFmt = '@';
    });
  });
  return ws;
}

/** The header of an indicator's input column: its name, with the unit or the accepted words. */
export function inputHeader(ind: Pick<Indicator, 'name' | 'method' | 'targetUnit'>): string {
  switch (ind.method) {
    case 'target':
      return ind.targetUnit ? `${ind.name}（${ind.targetUnit}）` : ind.name;
    case 'points':
      return `${ind.name}（加减分）`;
    case 'passFail':
      return `${ind.name}（合格/不合格）`;
    case 'veto':
      return `${ind.name}（是/否）`;
    default:
      return ind.name;
  }
}

/** Indicators that take an input: leaves (not 民主测评, which comes from the tallies), extras sharing a name in one column. */
export function inputColumns(indicators: readonly Indicator[]): Indicator[] {
  const parents = new Set(indicators.flatMap(i => (i.parentId === null ? [] : [i.parentId])));
  const seen = new Set<string>();
  return indicators.filter(i => {
    if (parents.has(i.id) || i.method === 'vote' || seen.has(i.name)) return false;
    seen.add(i.name);
    return true;
  });
}

function rawText(ind: Indicator, raw: number | null): Value {
  if (raw === null) return null;
  if (ind.method === 'passFail') return raw >= 1 ? '合格' : '不合格';
  if (ind.method === 'veto') return raw >= 1 ? '是' : '否';
  return raw;
}

function infoLine(grid: ScoreGrid, date: string): string {
  const r = grid.round;
  return `指标体系：${r.setName}    考核轮次：${r.name}（${r.kind}${r.period ? `，${r.period}` : ''}）    ${r.status === 'finalised' ? '已定稿' : '未定稿'}    导出日期：${chineseDate(date)}`;
}

export async function buildScoreSheet(grid: ScoreGrid, date = todayCanonical()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '干部工作台';
  wb.created = new Date();
  const cols = inputColumns(grid.indicators);
  const cellOf = (row: ScoreGrid['rows'][number], name: string) => {
    const ind = grid.indicators.find(i => i.name === name && (i.cadreId === null || i.cadreId === row.cadreId) && row.cells[String(i.id)]);
    return ind ? { ind, cell: row.cells[String(ind.id)] } : null;
  };
  const base: Column[] = [
    { header: '序号', width: 5 },
    { header: '姓名', width: 8 },
    { header: '身份证号', width: 20 },
    { header: '单位', width: 18, wrap: true },
    { header: '职务', width: 24, wrap: true },
  ];
  const ident = (r: ScoreGrid['rows'][number], k: number): Value[] => [k + 1, r.name, r.idNumber, r.unit, r.post];
  addSheet(
    wb,
    '评分表',
    `${grid.round.setName} ${grid.round.name} 评分表`,
    infoLine(grid, date),
    [...base, ...cols.map(c => ({ header: inputHeader(c), width: Math.max(8, Math.min(16, inputHeader(c).length * 2)) })), { header: '民主测评得分', width: 9 }, { header: '总分', width: 8 }, { header: '排名', width: 6 }],
    grid.rows.map((r, k) => [
      ...ident(r, k),
      ...cols.map(c => {
        const x = cellOf(r, c.name);
        return x ? rawText(x.ind, x.cell.raw) : null;
      }),
      r.democraticScore,
      r.total,
      r.rank,
    ]),
  );
  addSheet(
    wb,
    '得分明细',
    `${grid.round.setName} ${grid.round.name} 得分明细`,
    infoLine(grid, date),
    [...base, ...grid.indicators.filter(i => i.cadreId === null).map(i => ({ header: `${i.level === 2 ? '　' : ''}${i.name}（权重 ${i.weight}）`, width: 11 })), { header: '总分', width: 8 }, { header: '排名', width: 6 }],
    grid.rows.map((r, k) => [
      ...ident(r, k),
      ...grid.indicators.filter(i => i.cadreId === null).map(i => r.cells[String(i.id)]?.score ?? null),
      r.total,
      r.rank,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function buildGradingTable(grid: ScoreGrid, date = todayCanonical()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '干部工作台';
  wb.created = new Date();
  addSheet(
    wb,
    '考核等次',
    `${grid.round.setName} ${grid.round.name} 考核等次表`,
    infoLine(grid, date),
    [
      { header: '序号', width: 5 },
      { header: '姓名', width: 8 },
      { header: '单位', width: 18, wrap: true },
      { header: '职务', width: 24, wrap: true },
      { header: '分组', width: 12 },
      { header: '总分', width: 8 },
      { header: '排名', width: 6 },
      { header: '组内排名', width: 6 },
      { header: '民主测评得分', width: 9 },
      { header: '拟定等次', width: 9 },
      { header: '确定等次', width: 9 },
      { header: '备注', width: 24, wrap: true },
    ],
    grid.rows.map((r, k) => [
      k + 1,
      r.name,
      r.unit,
      r.post,
      r.group,
      r.total,
      r.rank,
      r.groupRank,
      r.democraticScore,
      r.proposedGrade,
      r.grade,
      [r.vetoed ? '一票否决' : '', r.override?.grade === '不定等次' ? `不定等次：${r.override.reason}` : r.override ? '人工确定' : ''].filter(Boolean).join('；'),
    ]),
  );
  addSheet(
    wb,
    '优秀名额',
    `${grid.round.name} 优秀名额`,
    `优秀比例 ${grid.round.quotaPercent}%，${grid.round.rounding}，${grid.round.grouping === 'none' ? '不分组' : grid.round.grouping === 'unit' ? '按单位分组' : '按职务层次分组'}`,
    [
      { header: '分组', width: 14 },
      { header: '参加考核人数', width: 10 },
      { header: '优秀比例', width: 8 },
      { header: '取整方式', width: 9 },
      { header: '名额计算', width: 32, wrap: true },
      { header: '优秀名额', width: 8 },
      { header: '优秀人数', width: 8 },
      { header: '超出名额', width: 8 },
    ],
    grid.quota.map(q => [q.group, q.assessed, `${q.quotaPercent}%`, q.rounding, q.explanation, q.places, q.excellent, q.over]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
