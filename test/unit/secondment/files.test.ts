import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorld, type World } from './support';
import { callResult, commitJob, issuesOf, planFile, rowsOf } from '../import/support';

let w: World;
beforeEach(() => {
  w = openWorld(600);
  w.load();
});
afterEach(() => w.close());

const batch4 = async () => (await w.call('listSecondmentBatches', {})).find(b => b.seq === 4)!;

describe('the batch roster export', () => {
  it('writes the official styled sheet and reads back the members', async () => {
    const b = await batch4();
    const r = await w.call('exportSecondmentBatch', { batchId: b.id, reportingUnit: '中共沈阳市委组织部', date: '2024-03-15' });
    expect(r.rows).toBe(18);
    expect(r.fileName).toBe('第四批沈阳赴北京挂职干部名册_20240315.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64!, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('第四批沈阳赴北京挂职干部名册');
    expect(String(ws.getCell('A2').value)).toBe('填报单位：中共沈阳市委组织部    填报日期：2024年3月15日');
    expect(ws.getCell('B3').value).toBe('姓名');
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(ws.getCell('B3').border?.top?.style).toBe('thin');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' });
    expect(ws.headerFooter.oddFooter).toContain('&P');
    const members = await w.call('listSecondmentMembers', { batchId: b.id, includeReplaced: false });
    const names = Array.from({ length: 18 }, (_, i) => ws.getCell(`B${4 + i}`).value);
    expect(names).toEqual(members.map(m => m.name));
    expect(ws.getCell('E4').value).toBe(members[0].idNumber);
    expect(ws.getCell('E4').numFmt).toBe('@');
    expect(ws.getCell('L4').value).toBe('2023.03—2024.03');
  });
});

/** A member list as another office might send it: a title, a 填报单位 line, header, data, a footnote. */
function memberSheet(rows: (string | number)[][]): string {
  const aoa = [
    ['第五批挂职干部名单'],
    ['填报单位：某区委组织部    填报日期：2025年1月'],
    ['序号', '姓名', '性别', '出生年月', '身份证号', '派出单位', '原任职务', '挂职单位', '挂任职务'],
    ...rows,
    ['注：以上人员经区委常委会研究同意'],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '名单');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
}

/** A member list through the one import pipeline into batch `batchId`: the preview's rows and issues. */
async function planList(batchId: number, name: string, base64: string) {
  const job = await planFile(w.core, [{ name, base64 }], {}, { kind: 'batch', batchId });
  return { job, rows: await rowsOf(w.core, job.jobId), issues: await issuesOf(w.core, job.jobId) };
}

describe('the member import', () => {
  it('previews matches by ID number and by name + birth, adds unmatched people to the roster, all in one step', async () => {
    const programmeId = (await w.call('listSecondmentProgrammes', {}))[0].id;
    const batch = await w.call('saveSecondmentBatch', { programmeId, seq: 5, startDate: '2026.01', plannedEndDate: '2027.01' });
    // Two roster cadres, both with an ID on record; the demo's placements all end by 2025.06.
    const roster = await w.call('listCadres', {});
    const [byId, byNameBirth] = roster.filter(c => c.idNumber).slice(0, 2);
    const base64 = memberSheet([
      [1, byId.name, byId.gender, byId.birth.replace('-', '.'), byId.idNumber, '滨江市发改委', '副主任', '北京市通州区商务局', '副局长'],
      // No ID in the row: matched by 姓名 + 出生年月 although the cadre has an ID on record (no twin).
      [2, byNameBirth.name, byNameBirth.gender, byNameBirth.birth.replace('-', ''), '', '滨江市商务局', '科长', '北京市顺义区投资促进局', '局长助理'],
      [3, '新同志', '女', '1991.07', '', '滨江市科技局', '科员', '北京市大兴区科委', '副主任'],
    ]);
    const before = roster.length;
    const { job, rows } = await planList(batch.id, '名单.xlsx', base64);
    expect(job.preview!.blocked).toBe(false);
    expect(job.inspection!.target).toMatchObject({ kind: 'batch', title: `挂职批次「${batch.name}」成员` });
    expect(job.preview!.counts).toMatchObject({ rows: 3, update: 2, new: 1, skip: 0, errorRows: 0 });
    expect(rows.map(r => [r.row, r.action, r.matchedBy, r.cadreId])).toEqual([
      [4, 'update', 'idNumber', byId.id],
      [5, 'update', 'nameBirth', byNameBirth.id],
      [6, 'new', null, null],
    ]);
    expect(await w.call('listSecondmentMembers', { batchId: batch.id })).toHaveLength(0);

    const done = await commitJob(w.core, job.jobId);
    expect(done).toMatchObject({ inserted: 1, updated: 2, target: `挂职批次「${batch.name}」成员` });
    const members = await w.call('listSecondmentMembers', { batchId: batch.id });
    expect(members.map(m => [m.name, m.hostUnit, m.hostPost, m.homePost, m.startDate])).toEqual([
      [byId.name, '北京市通州区商务局', '副局长', '副主任', '2026-01'],
      [byNameBirth.name, '北京市顺义区投资促进局', '局长助理', '科长', '2026-01'],
      ['新同志', '北京市大兴区科委', '副主任', '科员', '2026-01'],
    ]);
    expect((await w.call('listCadres', {})).length).toBe(before + 1);
    // The stored ID stays: a blank never erases it.
    expect((await w.call('getCadre', { id: byNameBirth.id })).idNumber).toBe(byNameBirth.idNumber);
    // One undo on the batch's page takes the whole import back, the new person included.
    await w.call('stepHistory', { direction: 'undo', scope: `batch:${batch.id}` });
    expect(await w.call('listSecondmentMembers', { batchId: batch.id })).toHaveLength(0);
    expect((await w.call('listCadres', {})).length).toBe(before);
  });

  it('blocks the whole import on any error, naming file, sheet, row and column', async () => {
    const b = await batch4();
    const inBatch = (await w.call('listSecondmentMembers', { batchId: b.id }))[0];
    const base64 = memberSheet([
      [1, '甲某', '男', '1985.13', '', '', '', '', ''],
      [2, inBatch.name, inBatch.gender, inBatch.birth.replace('-', '.'), inBatch.idNumber, '', '', '', ''],
      [3, '乙某', '男', '1986.02', '', '', '', '', ''],
    ]);
    const { job, issues } = await planList(b.id, '错误名单.xlsx', base64);
    expect(job.preview!.blocked).toBe(true);
    expect(job.preview!.counts).toMatchObject({ rows: 3, errorRows: 1, skip: 1, new: 1 });
    const issue = issues.find(i => i.severity === 'error')!;
    expect(issue).toMatchObject({ file: '错误名单.xlsx', sheet: '名单', row: 4, column: 'D', field: 'birth' });
    const refused = await callResult(w.core, 'importCommit', { jobId: job.jobId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('「名单」第 4 行 D 列') } });
    expect(await w.call('listSecondmentMembers', { batchId: b.id })).toHaveLength(18);
  });

  it('reads back its own export as "already in this batch"', async () => {
    const b = await batch4();
    const r = await w.call('exportSecondmentBatch', { batchId: b.id });
    const { job } = await planList(b.id, r.fileName, r.base64!);
    expect(job.preview!.counts).toMatchObject({ rows: 18, skip: 18, errors: 0 });
  });
});
