/** The score sheet and grading table read back, and scores imported from .xlsx with per-cell errors. */
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPeople, names, openTestCore, type TestCore } from './support';

let t: TestCore;
let ids: number[];
let setId: number;
let roundId: number;
let id: (n: string) => number;
beforeEach(async () => {
  t = openTestCore();
  ids = addPeople(
    t.core.db,
    names(6).map(name => ({ name })),
  );
  const set = await t.call('saveAssessmentSet', { name: '挂职考核', year: 2025, scope: { kind: 'all', ref: '' }, template: 'shenyang-secondment' });
  setId = set.id;
  id = n => set.indicators.find(i => i.name === n)!.id;
  roundId = (await t.call('saveAssessmentRound', { setId, name: '期满考核', kind: '专项', year: 2025 })).id;
});
afterEach(() => t.close());

const full = (cadreId: number, k: number) =>
  Object.entries({ 招商引资: 3 - k * 0.3, 项目落实: 2, 转变观念: 90 - k, 提升能力: 85, 调研报告: 2, 学习研讨: 88, 工作状态: 0, 廉洁自律: '否' }).map(
    ([n, value]) => ({ cadreId, indicatorId: id(n), value }),
  );

async function sheetRows(base64: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => (out[n - 1] = (row.values as unknown[]).slice(1)));
  return out;
}

describe('exports', () => {
  it('the score sheet holds the raw inputs under the indicator names; the grading table the grades and quota', async () => {
    await t.call('saveScores', { roundId, cells: ids.flatMap((c, k) => full(c, k)) });
    const sheet = await t.call('exportScoreSheet', { roundId });
    expect(sheet.fileName).toBe('挂职考核-期满考核-评分表.xlsx');
    const rows = await sheetRows(sheet.base64!, '评分表');
    expect(rows[0][0]).toBe('挂职考核 期满考核 评分表');
    expect(rows[2]).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '单位',
      '职务',
      '招商引资（亿元）',
      '项目落实（个）',
      '转变观念',
      '提升能力',
      '调研报告（篇）',
      '学习研讨',
      '工作状态（加减分）',
      '廉洁自律（是/否）',
      '民主测评得分',
      '总分',
      '排名',
    ]);
    const grid = await t.call('getScoreGrid', { roundId });
    expect(rows[3].slice(0, 2)).toEqual([1, grid.rows[0].name]);
    expect(rows[3][5]).toBe(3);
    expect(rows[4][5]).toBe(2.7);
    expect(rows[3][12]).toBe('否');
    expect(rows[3][14]).toBe(grid.rows[0].total);
    expect(rows[3][15]).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sheet.base64!, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评分表')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    expect(ws.getCell('A3').font?.bold).toBe(true);
    expect(ws.getCell('C4').numFmt).toBe('@');

    const table = await t.call('exportGradingTable', { roundId });
    const g = await sheetRows(table.base64!, '考核等次');
    expect(g[2]).toEqual(['序号', '姓名', '单位', '职务', '分组', '总分', '排名', '组内排名', '民主测评得分', '拟定等次', '确定等次', '备注']);
    expect(g[3][9]).toBe(grid.rows[0].proposedGrade);
    const q = await sheetRows(table.base64!, '优秀名额');
    expect(q[3]).toEqual(['正处组', 6, '20%', '四舍五入', '6 人 × 20% = 1.2，四舍五入为 1 人', 1, grid.quota[0].excellent, grid.quota[0].over]);
  });
});

describe('score import', () => {
  function workbook(rows: unknown[][]): string {
    const ws = XLSX.utils.aoa_to_sheet(rows);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '成绩');
    return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64');
  }

  it('round-trips the exported sheet: matched by ID number, columns by indicator name', async () => {
    await t.call('saveScores', { roundId, cells: ids.flatMap((c, k) => full(c, k)) });
    const before = await t.call('getScoreGrid', { roundId });
    const sheet = await t.call('exportScoreSheet', { roundId });
    const other = (await t.call('saveAssessmentRound', { setId, name: '复核', kind: '专项', year: 2025 })).id;
    const plan = await t.call('previewScoreImport', { roundId: other, file: { name: '评分表.xlsx', base64: sheet.base64! } });
    expect(plan).toMatchObject({ sheet: '评分表', blocked: false, issues: [], cells: 48 });
    expect(plan.rows.every(r => r.matchedBy === 'idNumber')).toBe(true);
    const done = await t.call('commitScoreImport', { roundId: other, planId: plan.planId });
    expect(done.written).toBe(48);
    expect(done.rows.map(r => r.total)).toEqual(before.rows.map(r => r.total));
    expect(done.history.undo?.label).toBe('导入成绩：评分表.xlsx（48 格）');
  });

  it('names file, sheet, row and column of each bad cell and writes nothing', async () => {
    const grid = await t.call('getScoreGrid', { roundId });
    const [a, b] = grid.rows;
    const base64 = workbook([
      ['挂职干部成绩汇总表'],
      ['序号', '姓名', '出生年月', '招商引资（亿元）', '转变观念', '廉洁自律', '总分'],
      [1, a.name, null, 2.4, 95, '否', 99],
      [2, b.name, '1981.02', '两亿', 101, '也许', null],
      [3, '查无此人', '1990.01', 1, 80, '否', null],
    ]);
    const plan = await t.call('previewScoreImport', { roundId, file: { name: '成绩.xlsx', base64 } });
    expect(plan.blocked).toBe(true);
    expect(plan.columns.filter(c => c.indicator).map(c => [c.column, c.indicator])).toEqual([
      ['D', '招商引资'],
      ['E', '转变观念'],
      ['F', '廉洁自律'],
    ]);
    expect(plan.rows.map(r => [r.row, r.matchedBy])).toEqual([
      [3, 'nameBirth'],
      [4, 'nameBirth'],
      [5, null],
    ]);
    expect(plan.issues).toEqual([
      { file: '成绩.xlsx', sheet: '成绩', row: 4, column: 'D（招商引资（亿元））', message: '「招商引资」应填数字，不能是“两亿”' },
      { file: '成绩.xlsx', sheet: '成绩', row: 4, column: 'E（转变观念）', message: '「转变观念」的得分应在 0 到 100 之间，不能是 101' },
      { file: '成绩.xlsx', sheet: '成绩', row: 4, column: 'F（廉洁自律）', message: '「廉洁自律」应填“是”（一票否决）或“否”，不能是“也许”' },
      { file: '成绩.xlsx', sheet: '成绩', row: 5, column: 'B（姓名）', message: '查无此人（1990-01）不是这一轮考核的干部' },
    ]);
    const refused = await t.fail('commitScoreImport', { roundId, planId: plan.planId });
    expect(refused.message).toContain('有 4 处错误，未导入任何成绩');
    expect((await t.call('getScoreGrid', { roundId })).rows.every(r => Object.values(r.cells).every(c => c.raw === null))).toBe(true);
    expect(
      (
        await t.fail('previewScoreImport', {
          roundId,
          file: {
            name: 'x.xlsx',
            base64: workbook([
              ['a', 'b'],
              [1, 2],
            ]),
          },
        })
      ).message,
    ).toContain('没有找到成绩表');
  });
});
