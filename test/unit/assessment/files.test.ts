/** The score sheet and grading table read back, and scores imported from .xlsx with per-cell errors. */
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPeople, names, openTestCore, type TestCore } from './support';
import { callResult, commitJob, issuesOf, planFile, rowsOf } from '../import/support';

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

  /** A score file through the one import pipeline into round `round`. */
  async function plan(round: number, name: string, base64: string) {
    const job = await planFile(t.core, [{ name, base64 }], {}, { kind: 'round', roundId: round });
    return { job, rows: await rowsOf(t.core, job.jobId), issues: await issuesOf(t.core, job.jobId) };
  }

  it('round-trips the exported sheet: matched by ID number, columns by indicator name', async () => {
    await t.call('saveScores', { roundId, cells: ids.flatMap((c, k) => full(c, k)) });
    const before = await t.call('getScoreGrid', { roundId });
    const sheet = await t.call('exportScoreSheet', { roundId });
    const other = (await t.call('saveAssessmentRound', { setId, name: '复核', kind: '专项', year: 2025 })).id;
    const { job, rows, issues } = await plan(other, '评分表.xlsx', sheet.base64!);
    expect(issues).toEqual([]);
    expect(job.preview!.blocked).toBe(false);
    expect(job.inspection!.sheets[0].name).toBe('评分表');
    // 序号, 单位, 职务 and the computed 民主测评得分, 总分, 排名 are known columns, never imported.
    expect(job.preview!.unmapped.map(u => [u.header, u.known])).toEqual([
      ['序号', true],
      ['单位', true],
      ['职务', true],
      ['民主测评得分', true],
      ['总分', true],
      ['排名', true],
    ]);
    expect(rows.every(r => r.matchedBy === 'idNumber' && r.action === 'update')).toBe(true);
    expect(rows.reduce((n, r) => n + r.changes.length, 0)).toBe(48);
    const done = await commitJob(t.core, job.jobId);
    expect(done.updated).toBe(6);
    const after = await t.call('getScoreGrid', { roundId: other });
    expect(after.rows.map(r => r.total)).toEqual(before.rows.map(r => r.total));
    expect(after.history.undo?.label).toBe('导入 评分表.xlsx 到考核成绩「挂职考核 复核」（更新成绩 6）');
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
    const { job, rows, issues } = await plan(roundId, '成绩.xlsx', base64);
    expect(job.preview!.blocked).toBe(true);
    expect(job.inspection!.sheets[0].columns.filter(c => c.field?.startsWith('score:')).map(c => c.letter)).toEqual(['D', 'E', 'F']);
    expect(rows.map(r => [r.row, r.matchedBy])).toEqual([
      [3, 'name'],
      [4, 'nameBirth'],
      [5, null],
    ]);
    expect(issues.filter(i => i.severity === 'error').map(i => [i.file, i.sheet, i.row, i.column, i.message])).toEqual([
      ['成绩.xlsx', '成绩', 4, 'D', '「招商引资」应填数字，不能是“两亿”'],
      ['成绩.xlsx', '成绩', 4, 'E', '「转变观念」的得分应在 0 到 100 之间，不能是 101'],
      ['成绩.xlsx', '成绩', 4, 'F', '「廉洁自律」应填“是”（一票否决）或“否”，不能是“也许”'],
      ['成绩.xlsx', '成绩', 5, 'B', '查无此人不是这一轮考核的干部'],
    ]);
    const refused = await callResult(t.core, 'importCommit', { jobId: job.jobId });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('有 4 处错误') } });
    expect((await t.call('getScoreGrid', { roundId })).rows.every(r => Object.values(r.cells).every(c => c.raw === null))).toBe(true);
    const none = await plan(
      roundId,
      'x.xlsx',
      workbook([
        ['姓名', 'b'],
        [a.name, 2],
      ]),
    );
    expect(none.issues.map(i => i.message)).toContain('文件中没有可导入的成绩：需要与指标名称相同的列，或民主测评票数列（优秀票、称职票……）');
  });

  it('民主测评 tallies by 优秀票 … 不了解票, one undo step of the round', async () => {
    const grid = await t.call('getScoreGrid', { roundId });
    const base64 = workbook([
      ['姓名', '优秀票', '称职票', '基本称职票', '不称职票', '不了解票'],
      ...grid.rows.slice(0, 2).map((r, k) => [r.name, 10 + k, 5, 1, 0, 2]),
    ]);
    const { job, rows } = await plan(roundId, '测评.xlsx', base64);
    expect(job.preview!.counts).toMatchObject({ update: 2, errors: 0 });
    expect(rows[0].changes).toEqual([{ field: 'votes', label: '民主测评票数', old: '', new: '优秀 10，称职 5，基本称职 1，不称职 0，不了解 2' }]);
    await commitJob(t.core, job.jobId);
    const after = await t.call('getScoreGrid', { roundId });
    expect(after.rows[1].votes).toMatchObject({ excellent: 11, competent: 5, basic: 1, incompetent: 0, unknown: 2 });
    await t.call('stepRoundHistory', { roundId, direction: 'undo' });
    expect((await t.call('getScoreGrid', { roundId })).rows[1].votes).toBeNull();
  });
});
