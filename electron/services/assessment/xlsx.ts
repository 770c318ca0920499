/**
 * The score sheet (评分表) and the grading table (考核等次表) as the common
 * styled table (common/xlsx-table.ts), two sheets each, with the 考核轮次/日期
 * line in row 2.
 *
 * The score sheet's first sheet holds the raw inputs under the indicators'
 * names, so the same file can be filled in and imported back.
 */
import type { Indicator, ScoreGrid } from '../../../shared/contract/routes/assessment';
import { todayCanonical } from '../../../shared/domain/common/dates';
import { buildTablesXlsx, chineseDate, type TableColumn, type TableExportOptions, type TableValue as Value } from '../common/xlsx-table';

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

/** One sheet: its tab name, the title in row 1 and the line in row 2. */
function table(sheet: string, title: string, info: string, columns: TableColumn[], rows: Value[][]): TableExportOptions {
  return { sheet, title, info, columns, rows };
}

function infoLine(grid: ScoreGrid, date: string): string {
  const r = grid.round;
  return `指标体系：${r.setName}    考核轮次：${r.name}（${r.kind}${r.period ? `，${r.period}` : ''}）    ${r.status === 'finalised' ? '已定稿' : '未定稿'}    导出日期：${chineseDate(date)}`;
}

export function buildScoreSheet(grid: ScoreGrid, date = todayCanonical()): Promise<Buffer> {
  const cols = inputColumns(grid.indicators);
  const cellOf = (row: ScoreGrid['rows'][number], name: string) => {
    const ind = grid.indicators.find(i => i.name === name && (i.cadreId === null || i.cadreId === row.cadreId) && row.cells[String(i.id)]);
    return ind ? { ind, cell: row.cells[String(ind.id)] } : null;
  };
  const base: TableColumn[] = [
    { header: '序号', width: 5 },
    { header: '姓名', width: 8 },
    { header: '身份证号', width: 20, text: true },
    { header: '单位', width: 18, wrap: true },
    { header: '职务', width: 24, wrap: true },
  ];
  const ident = (r: ScoreGrid['rows'][number], k: number): Value[] => [k + 1, r.name, r.idNumber, r.unit, r.post];
  return buildTablesXlsx([
    table(
      '评分表',
      `${grid.round.setName} ${grid.round.name} 评分表`,
      infoLine(grid, date),
      [
        ...base,
        ...cols.map(c => ({ header: inputHeader(c), width: Math.max(8, Math.min(16, inputHeader(c).length * 2)) })),
        { header: '民主测评得分', width: 9 },
        { header: '总分', width: 8 },
        { header: '排名', width: 6 },
      ],
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
    ),
    table(
      '得分明细',
      `${grid.round.setName} ${grid.round.name} 得分明细`,
      infoLine(grid, date),
      [
        ...base,
        ...grid.indicators.filter(i => i.cadreId === null).map(i => ({ header: `${i.level === 2 ? '　' : ''}${i.name}（权重 ${i.weight}）`, width: 11 })),
        { header: '总分', width: 8 },
        { header: '排名', width: 6 },
      ],
      grid.rows.map((r, k) => [
        ...ident(r, k),
        ...grid.indicators.filter(i => i.cadreId === null).map(i => r.cells[String(i.id)]?.score ?? null),
        r.total,
        r.rank,
      ]),
    ),
  ]);
}

export function buildGradingTable(grid: ScoreGrid, date = todayCanonical()): Promise<Buffer> {
  return buildTablesXlsx([
    table(
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
        [r.vetoed ? '一票否决' : '', r.override?.grade === '不定等次' ? `不定等次：${r.override.reason}` : r.override ? '人工确定' : '']
          .filter(Boolean)
          .join('；'),
      ]),
    ),
    table(
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
    ),
  ]);
}
