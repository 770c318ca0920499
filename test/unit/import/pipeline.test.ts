/**
 * The importer end to end through the routes (the dispatcher IPC and the web
 * host use): inspect, plan with a preview, commit as one undoable step, the
 * problems that block an import, and the modes add / update / skip.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter, getCadre, listCadres } from '../../../electron/services/roster/cadres';
import { stepHistory, historyState } from '../../../electron/services/common/operation-log';
import type { ImportCommitResult, ImportIssue, ImportRun, PreviewRow } from '../../../shared/contract/api';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { tempDir } from '../../support/temp';
import { dbFingerprint, ID, messyRoster, tmpFile, writeSheet } from './fixtures';
import { call, callResult, planFile, settle } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-import-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

function addUnit(name: string, parentId: number | null = null): number {
  return Number(core.db.prepare('INSERT INTO units(parent_id, name, sort_order) VALUES (?, ?, 0)').run(parentId, name).lastInsertRowid);
}

const issuesOf = async (jobId: string, severity?: 'error' | 'warning') =>
  (await call<{ total: number; issues: ImportIssue[] }>(core, 'importIssues', { jobId, severity, limit: 2000 })).issues;
const rowsOf = async (jobId: string, action?: string) =>
  (await call<{ total: number; rows: PreviewRow[] }>(core, 'importPreviewRows', { jobId, action, limit: 2000 })).rows;
const brief = (i: ImportIssue) => [i.severity, i.row, i.column, i.message];

describe('a real-world roster into an empty roster', () => {
  it('previews, commits as one step with an import_runs record, and undoes as one step', async () => {
    const file = tmpFile(tmp.dir, '花名册.xlsx');
    await messyRoster(file);
    const finance = addUnit('市财政局');
    const before = dbFingerprint(core.db);

    const job = await planFile(core, file, { mode: 'update' });
    const preview = job.preview!;
    expect(preview.counts).toMatchObject({ rows: 5, new: 5, update: 0, unchanged: 0, skip: 0, errorRows: 0, errors: 0, layoutSkipped: 8 });
    expect(preview.blocked).toBe(false);
    expect(preview.unitsToCreate).toEqual([{ name: '市教育局', parentId: null, parentName: '（顶层）', rows: 2 }]);
    const warnings = (await issuesOf(job.jobId, 'warning')).map(brief);
    expect(warnings).toEqual(
      expect.arrayContaining([
        ['warning', 8, 'E', expect.stringMatching(/1978\.10.*1978\.1/)],
        ['warning', 11, null, expect.stringMatching(/第 11 行是隐藏行/)],
        ['warning', 10, 'B', expect.stringMatching(/单位「市教育局」不在单位树中.*新建/)],
      ]),
    );
    const news = await rowsOf(job.jobId, 'new');
    expect(news.map(r => [r.row, r.name])).toEqual([
      [6, '张三'],
      [7, '李四'],
      [8, '王五'],
      [10, '赵六'],
      [12, '孙七'],
    ]);
    const li = Object.fromEntries(news[1].values.map(v => [v.field, v.value]));
    expect(li).toMatchObject({ birth: '1990.10', ethnicity: '汉族', ftEducation: '研究生', unit: '市财政局', idNumber: ID.li });
    expect(await call(core, 'listCadres', {})).toEqual([]); // the preview wrote nothing
    expect(dbFingerprint(core.db)).toEqual(before);

    const result = await call<ImportCommitResult>(core, 'importCommit', { jobId: job.jobId });
    expect(result).toMatchObject({ inserted: 5, updated: 0, skipped: 0, unitsCreated: 1, changedSincePreview: 0 });
    expect(result.operation?.label).toBe('导入 花名册.xlsx（新增 5，更新 0）');
    const cadres = listCadres(core.db);
    expect(cadres.map(c => c.name).sort()).toEqual(['孙七', '张三', '李四', '王五', '赵六'].sort());
    const zhang = cadres.find(c => c.name === '张三')!;
    expect(zhang).toMatchObject({
      unitId: finance,
      gender: '男',
      birth: '1985-03',
      ethnicity: '汉族',
      ftEducation: '大学',
      ptEducation: '研究生',
      idNumber: ID.zhang,
    });
    expect(cadres.find(c => c.name === '孙七')).toMatchObject({ unit: '市教育局', birth: '1995-11', ethnicity: '回族' });
    expect(cadres.find(c => c.name === '王五')).toMatchObject({ gender: '男', birth: '1978-01', ethnicity: '满族' });

    const runs = await call<ImportRun[]>(core, 'listImportRuns', {});
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      fileName: '花名册.xlsx',
      fileHash: job.inspection!.files[0].sha256,
      sheets: ['市管干部'],
      mode: 'update',
      inserted: 5,
      updated: 0,
      skipped: 0,
      errors: 0,
      operationId: result.operation!.id,
    });
    expect(runs[0].warnings).toBe(preview.counts.warnings);
    expect(historyState(core.db).undo?.label).toBe('导入 花名册.xlsx（新增 5，更新 0）');

    // A second commit of the same job is refused.
    expect(await callResult(core, 'importCommit', { jobId: job.jobId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // 撤销: every imported cadre and the unit the import created go in one step.
    stepHistory(core.db, 'undo');
    expect(listCadres(core.db)).toEqual([]);
    const after = dbFingerprint(core.db);
    expect(after.cadres).toBe(0);
    expect({ ...after, runs: 0 }).toEqual(before);
  });
});

describe('errors block the import and are reported by file, sheet, row and column', () => {
  it('IDs stored as numbers, bad checksums, ID vs 出生年月/性别, bad dates, missing 姓名, duplicates, unknown 民族/学历', async () => {
    const good = makeIdNumber('210102', '1980-05-06', 11, '男');
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const file = tmpFile(tmp.dir, 'bad.xlsx');
    writeSheet(file, [
      ['序号', '姓名', '性别', '出生年月', '民族', '学历', '身份证号'],
      // eslint-disable-next-line no-loss-of-precision -- exactly what Excel hands over
      [1, '甲', '男', '1980.05', '汉', '大学', 210102198005060011], // ID stored as a number (row 2, G)
      [2, '乙', '男', '1980.05', '汉', '大学', badCheck], // checksum
      [3, '丙', '女', '1980.05', '汉', '大学', good], // gender disagrees
      [4, '丁', '男', '1981.05', '汉', '大学', good], // birth disagrees (and same ID as 丙: duplicate)
      [5, '戊', '男', '1980.13', '汉', '大学', ''], // month 13
      [6, '', '男', '1980.05', '汉', '大学', ''], // no name
      [7, '己', '男', '1979.02', '火星族', '大专班', ''], // unknown 民族 and 学历: warnings only
      [8, '庚', '男', '1970.01', '汉', '大学', ''],
      [9, '庚', '男', '1970.01', '汉', '大学', ''], // same name + birth: duplicate
    ]);
    const before = dbFingerprint(core.db);
    const job = await planFile(core, file);
    expect(job.preview!.blocked).toBe(true);
    const errors = (await issuesOf(job.jobId, 'error')).map(i => [i.sheet, i.row, i.column, i.message]);
    const at = (row: number, column: string, re: RegExp) => expect(errors).toContainEqual(['Sheet1', row, column, expect.stringMatching(re)]);
    at(2, 'G', /Excel 存成了数字/);
    at(3, 'G', /校验位/);
    at(4, 'G', /性别为男.*女/);
    at(5, 'G', /出生日期.*不一致/);
    at(4, 'G', /同一人.*第 5 行/);
    at(5, 'G', /同一人.*第 4 行/);
    at(6, 'D', /1980\.13/);
    at(7, 'B', /姓名不能为空/);
    at(9, 'B', /同一人.*第 10 行/);
    at(10, 'B', /同一人.*第 9 行/);
    const warnings = (await issuesOf(job.jobId, 'warning')).map(i => [i.row, i.column, i.message]);
    expect(warnings).toContainEqual([8, 'E', expect.stringMatching(/火星族/)]);
    expect(warnings).toContainEqual([8, 'F', expect.stringMatching(/大专班/)]);
    expect(errors.filter(e => e[1] === 8)).toEqual([]); // 己 has only warnings

    const refused = await callResult(core, 'importCommit', { jobId: job.jobId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/导入未执行.*错误/) } });
    expect(dbFingerprint(core.db)).toEqual(before);

    // The problem report: the rows with problems, offending cells red/yellow, a note column.
    const report = await call<{ fileName: string; base64: string }>(core, 'importReport', { jobId: job.jobId });
    expect(report.fileName).toBe('bad-问题报告.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map(w => w.name)).toEqual(['问题汇总', 'Sheet1']);
    const ws = wb.getWorksheet('Sheet1')!;
    const header = ws.getRow(1).values as unknown[];
    expect(header.slice(1, 3)).toEqual(['原行号', 'A列'.replace('A列', '序号')]);
    expect(header[header.length - 1]).toBe('问题说明');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(1).getCell(1).border?.top?.style).toBe('thin');
    const rowOf = (excelRow: number) => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === excelRow) return ws.getRow(r);
      throw new Error(`row ${excelRow} not in report`);
    };
    const fill = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    // Column G of the sheet is column 8 of the report (原行号 comes first).
    expect(fill(rowOf(2).getCell(8))).toBe('FFFFC7CE'); // red: error
    expect(fill(rowOf(8).getCell(6))).toBe('FFFFEB9C'); // yellow: warning (民族, column E)
    expect(fill(rowOf(8).getCell(2))).toBeUndefined();
    expect(String(rowOf(2).getCell(header.length - 1).value)).toMatch(/【错误】G列（身份证号）：身份证号被 Excel 存成了数字/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('a sheet without a 姓名 column cannot be imported', async () => {
    const file = tmpFile(tmp.dir, 'noname.xlsx');
    writeSheet(file, [
      ['性别', '出生年月', '民族'],
      ['男', '1980.05', '汉'],
    ]);
    const job = await planFile(core, file);
    expect((await issuesOf(job.jobId, 'error')).map(i => i.message)).toContainEqual(expect.stringMatching(/没有对应“姓名”的列/));
  });
});

describe('matching existing cadres: update with an exact preview, then undo', () => {
  function seed(): { zhang: number; li: number; wang: number } {
    const unit = addUnit('市财政局');
    const insert = cadreInserter(core.db);
    return {
      zhang: insert({ unitId: unit, name: '张三', gender: '男', birth: '1985-03', idNumber: ID.zhang, post: '副局长', ethnicity: '汉族', tags: ['选调生'] }),
      li: insert({ unitId: unit, name: '李四', gender: '女', birth: '1990-10', post: '科长', ethnicity: '汉族' }), // no ID on record
      wang: insert({ unitId: unit, name: '王五', gender: '男', birth: '1978-01', idNumber: ID.wang, post: '总会计师', nativePlace: '辽宁沈阳' }),
    };
  }

  function update(file: string) {
    writeSheet(file, [
      ['姓名', '性别', '出生年月', '身份证号', '现任职务', '籍贯', '干部类别', '单位'],
      ['张三', '男', '1985.03', ID.zhang, '局长', '', '选调生、年轻干部库', '市财政局'], // post + tags change (出生年月 is stored year-month since migration 011)
      ['李四', '女', '1990.10', ID.li, '科长', '', '', ''], // matched by 姓名+出生年月: gains an ID
      ['王五', '男', '1978.01', ID.wang, '总会计师', '', '', ''], // nothing differs; blank 籍贯 does not erase
      ['孙七', '男', '1995.11', ID.sun, '科员', '辽宁大连', '', '市财政局'], // new
    ]);
  }

  it('update mode: changed fields old → new, unchanged rows, new rows; commit; undo restores the roster exactly', async () => {
    const ids = seed();
    const file = tmpFile(tmp.dir, '更新.xlsx');
    update(file);
    const before = dbFingerprint(core.db);
    const job = await planFile(core, file, { mode: 'update' });
    expect(job.preview!.counts).toMatchObject({ rows: 4, new: 1, update: 2, unchanged: 1, skip: 0, errors: 0 });
    const updates = await rowsOf(job.jobId, 'update');
    expect(updates.map(r => ({ row: r.row, id: r.cadreId, by: r.matchedBy, changes: r.changes.map(c => [c.label, c.old, c.new]) }))).toEqual([
      {
        row: 2,
        id: ids.zhang,
        by: 'idNumber',
        changes: [
          ['现任职务', '副局长', '局长'],
          ['干部类别', '选调生', '选调生、年轻干部库'],
        ],
      },
      { row: 3, id: ids.li, by: 'nameBirth', changes: [['身份证号', '', ID.li]] },
    ]);
    expect((await rowsOf(job.jobId, 'unchanged')).map(r => [r.row, r.cadreId])).toEqual([[4, ids.wang]]);
    expect((await rowsOf(job.jobId, 'new')).map(r => r.name)).toEqual(['孙七']);

    const result = await call<ImportCommitResult>(core, 'importCommit', { jobId: job.jobId });
    expect(result).toMatchObject({ inserted: 1, updated: 2, skipped: 0, unchanged: 1 });
    expect(result.operation).toMatchObject({ label: '导入 更新.xlsx（新增 1，更新 2）', changed: 3 });
    expect(getCadre(core.db, ids.zhang)).toMatchObject({ post: '局长', birth: '1985-03' });
    expect(getCadre(core.db, ids.zhang).tags.sort()).toEqual(['年轻干部库', '选调生']);
    expect(getCadre(core.db, ids.li).idNumber).toBe(ID.li);
    expect(getCadre(core.db, ids.wang).nativePlace).toBe('辽宁沈阳');
    expect(dbFingerprint(core.db).cadres).toBe(4);

    stepHistory(core.db, 'undo');
    expect(dbFingerprint(core.db)).toEqual({ ...before, runs: 1 });
  });

  it('skip mode leaves matched cadres untouched and counts them; add mode also warns about each', async () => {
    seed();
    const file = tmpFile(tmp.dir, 'u.xlsx');
    update(file);
    const skip = await planFile(core, file, { mode: 'skip' });
    expect(skip.preview!.counts).toMatchObject({ new: 1, update: 0, unchanged: 0, skip: 3 });
    expect((await issuesOf(skip.jobId, 'warning')).filter(i => /按“仅新增”/.test(i.message))).toEqual([]);
    const add = await planFile(core, file, { mode: 'add' });
    expect(add.preview!.counts).toMatchObject({ new: 1, update: 0, unchanged: 0, skip: 3 });
    const warned = (await issuesOf(add.jobId, 'warning')).filter(i => /按“仅新增”方式不导入/.test(i.message));
    expect(warned.map(i => i.row)).toEqual([2, 3, 4]);
    expect(warned[0].message).toMatch(/2 项与库中不同/);

    const before = dbFingerprint(core.db);
    const result = await call<ImportCommitResult>(core, 'importCommit', { jobId: skip.jobId });
    expect(result).toMatchObject({ inserted: 1, updated: 0, skipped: 3 });
    const after = dbFingerprint(core.db);
    expect(after.cadres).toBe(before.cadres + 1);
  });

  it('commit re-checks against the roster as it is now', async () => {
    const ids = seed();
    const file = tmpFile(tmp.dir, 'u.xlsx');
    update(file);
    const job = await planFile(core, file, { mode: 'update' });
    // Meanwhile someone adds 孙七 by hand: the import now updates him instead of adding a twin.
    const sun = cadreInserter(core.db)({ unitId: null, name: '孙七', gender: '男', birth: '1995-11', idNumber: ID.sun });
    const result = await call<ImportCommitResult>(core, 'importCommit', { jobId: job.jobId });
    expect(result).toMatchObject({ inserted: 0, updated: 3, changedSincePreview: 1 });
    expect(getCadre(core.db, sun)).toMatchObject({ post: '科员', nativePlace: '辽宁大连' });
    expect(getCadre(core.db, ids.zhang).post).toBe('局长');
  });

  it('a commit that the roster as it is now makes invalid writes nothing', async () => {
    seed();
    const file = tmpFile(tmp.dir, 'u.xlsx');
    writeSheet(file, [
      ['姓名', '性别', '出生年月'],
      ['周八', '男', '1988.08'],
    ]);
    const job = await planFile(core, file, { mode: 'update' });
    expect(job.preview!.counts.new).toBe(1);
    // Meanwhile two 周八 born 1988.08 without ID numbers appear: the row no longer says who it is.
    const insert = cadreInserter(core.db);
    insert({ unitId: null, name: '周八', birth: '1988-08' });
    insert({ unitId: null, name: '周八', birth: '1988-08' });
    const before = dbFingerprint(core.db);
    const refused = await callResult(core, 'importCommit', { jobId: job.jobId });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/导入未执行，数据未修改.*2 名同名且出生年月相同/) },
    });
    expect(dbFingerprint(core.db)).toEqual(before);
    expect(await call(core, 'importProgress', { jobId: job.jobId })).toMatchObject({ state: 'failed' });
  });

  it('an ID that belongs to a cadre in the 回收站 is an error, not a second record', async () => {
    const ids = seed();
    core.db.prepare("UPDATE cadres SET deleted_at = '2024-01-01' WHERE id = ?").run(ids.wang);
    const file = tmpFile(tmp.dir, 'u.xlsx');
    update(file);
    const job = await planFile(core, file, { mode: 'update' });
    expect((await issuesOf(job.jobId, 'error')).map(i => [i.row, i.column, i.message])).toEqual([[4, 'D', expect.stringMatching(/回收站/)]]);
  });
});

describe('units', () => {
  it('unknown units refused when the user declines to create them; same-name units need a parent path', async () => {
    const a = addUnit('市财政局');
    const b = addUnit('市教育局');
    addUnit('办公室', a);
    const officeB = addUnit('办公室', b);
    const file = tmpFile(tmp.dir, 'units.xlsx');
    writeSheet(file, [
      ['姓名', '单位', '身份证号'],
      ['张三', '新成立局', ID.zhang],
      ['李四', '办公室', ID.li],
      ['王五', '市教育局/办公室', ID.wang],
    ]);
    const job = await planFile(core, file, { unknownUnits: 'refuse' });
    const errors = (await issuesOf(job.jobId, 'error')).map(i => [i.row, i.column, i.message]);
    expect(errors).toEqual([
      [2, 'B', expect.stringMatching(/「新成立局」不在单位树中.*不新建/)],
      [3, 'B', expect.stringMatching(/「办公室」在单位树中有 2 个同名单位/)],
    ]);
    const wang = (await rowsOf(job.jobId, 'new'))[0];
    expect(wang.values.find(v => v.field === 'unit')?.value).toBe('市教育局/办公室');

    const fixed = tmpFile(tmp.dir, 'units2.xlsx');
    writeSheet(fixed, [
      ['姓名', '单位'],
      ['王五', '市教育局/办公室'],
      ['赵六', '新成立局'],
    ]);
    const ok = await planFile(core, fixed, { unknownUnits: 'create', newUnitParentId: a });
    expect(ok.preview!.unitsToCreate).toEqual([{ name: '新成立局', parentId: a, parentName: '市财政局', rows: 1 }]);
    await call(core, 'importCommit', { jobId: ok.jobId });
    const byName = Object.fromEntries(listCadres(core.db).map(c => [c.name, c]));
    expect(byName['王五'].unitId).toBe(officeB);
    expect(core.db.prepare('SELECT parent_id AS p FROM units WHERE id = ?').get(byName['赵六'].unitId)).toEqual({ p: a });
  });

  it('one sheet per unit: the sheet name as the default unit', async () => {
    const unit = addUnit('市财政局');
    const file = tmpFile(tmp.dir, 'perunit.xlsx');
    writeSheet(
      file,
      [
        ['姓名', '性别'],
        ['张三', '男'],
      ],
      { sheet: '市财政局' },
    );
    const job = await planFile(core, file, { defaultUnit: 'sheetName' });
    await call(core, 'importCommit', { jobId: job.jobId });
    expect(listCadres(core.db)[0].unitId).toBe(unit);
  });
});

describe('mapping', () => {
  it('an edited mapping is used and remembered for the next file with the same headers', async () => {
    const file = tmpFile(tmp.dir, 'm.xlsx');
    writeSheet(file, [
      ['姓名', '代号', '性别'],
      ['张三', 'A-01', '男'],
    ]);
    const first = await planFile(core, file);
    expect(first.inspection!.sheets[0].columns.map(c => c.field)).toEqual(['name', null, 'gender']);
    expect(first.inspection!.sheets[0].unmapped).toEqual(['代号']);
    await call(core, 'importPlan', {
      jobId: first.jobId,
      options: {
        mapping: [
          { header: '代号', field: 'remarks' },
          { header: '性别', field: null },
        ],
      },
    });
    const replanned = await settle(core, first.jobId);
    const row = (await rowsOf(replanned.jobId, 'new'))[0];
    expect(row.values.map(v => [v.field, v.value])).toEqual([
      ['name', '张三'],
      ['remarks', 'A-01'],
    ]);

    // Another file, same headers in another order: the remembered mapping is proposed.
    const next = tmpFile(tmp.dir, 'm2.xlsx');
    writeSheet(next, [
      ['性别', '代号', '姓名'],
      ['女', 'B-02', '李四'],
    ]);
    const second = await planFile(core, next);
    expect(second.inspection!.sheets[0].remembered).toBe(true);
    expect(second.inspection!.sheets[0].columns.map(c => [c.header, c.field])).toEqual([
      ['性别', null],
      ['代号', 'remarks'],
      ['姓名', 'name'],
    ]);
  });

  it('two columns for one field: the first is imported, the second reported', async () => {
    const file = tmpFile(tmp.dir, 'twice.xlsx');
    writeSheet(file, [
      ['姓名', '出生年月', '出生日期'],
      ['张三', '1985.03', '1985.04'],
    ]);
    const job = await planFile(core, file);
    // The proposal feeds a field from one column only; the other is left for the user.
    expect(job.inspection!.sheets[0].unmapped).toEqual(['出生日期']);
    expect((await rowsOf(job.jobId, 'new'))[0].values.find(v => v.field === 'birth')?.value).toBe('1985.03');
    // Mapping both anyway: the first is imported, the second reported.
    await call(core, 'importPlan', { jobId: job.jobId, options: { mapping: [{ header: '出生日期', field: 'birth' }] } });
    await settle(core, job.jobId);
    expect((await rowsOf(job.jobId, 'new'))[0].values.find(v => v.field === 'birth')?.value).toBe('1985.03');
    expect((await issuesOf(job.jobId, 'warning')).map(i => i.message)).toContainEqual(expect.stringMatching(/「出生日期」列与「出生年月」列都对应“出生年月”/));
  });

  it('resume, family and annual assessments columns', async () => {
    const file = tmpFile(tmp.dir, 'long.xlsx');
    writeSheet(file, [
      ['姓名', '简历', '家庭主要成员及重要社会关系', '年度考核结果'],
      [
        '张三',
        '2003.09—2007.07 东北大学学习\n2007.07-- 市财政局科员',
        '妻子 王芳 1986.05 中共党员 市第一中学教师\n儿子 张小明 2012.03 群众 学生',
        '2022年度考核称职；2023年度考核优秀',
      ],
    ]);
    const job = await planFile(core, file);
    expect(job.preview!.counts.errors).toBe(0);
    await call(core, 'importCommit', { jobId: job.jobId });
    const c = getCadre(core.db, listCadres(core.db)[0].id);
    expect(c.resume).toBe('2003.09--2007.07  东北大学学习\n2007.07--         市财政局科员');
    expect(c.family).toEqual([
      { relation: '妻子', name: '王芳', birth: '1986-05', politicalStatus: '中共党员', work: '市第一中学教师' },
      { relation: '儿子', name: '张小明', birth: '2012-03', politicalStatus: '群众', work: '学生' },
    ]);
    expect(c.assessments).toEqual([
      { year: 2022, grade: '称职', note: '' },
      { year: 2023, grade: '优秀', note: '' },
    ]);
  });
});

describe('jobs', () => {
  it('progress, cancel and expired jobs', async () => {
    const file = tmpFile(tmp.dir, 'x.xlsx');
    writeSheet(file, [['姓名'], ['张三']]);
    const { jobId } = await call<{ jobId: string }>(core, 'importStart', { source: { path: file } });
    expect(await call(core, 'importCancel', { jobId })).toEqual({ cancelled: true });
    const job = await settle(core, jobId);
    expect(job.state).toBe('cancelled');
    expect(await callResult(core, 'importCommit', { jobId })).toMatchObject({ ok: false });
    expect(await callResult(core, 'importProgress', { jobId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await callResult(core, 'importStart', { source: { path: tmpFile(tmp.dir, 'missing.xlsx') } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/找不到文件/) },
    });
  });

  it('browser mode uploads the bytes (base64)', async () => {
    const file = tmpFile(tmp.dir, 'up.xlsx');
    writeSheet(file, [
      ['姓名', '性别'],
      ['张三', '男'],
    ]);
    const { jobId } = await call<{ jobId: string }>(core, 'importStart', {
      source: { name: 'C:\\Users\\x\\上传.xlsx', base64: fs.readFileSync(file).toString('base64') },
      plan: {},
    });
    const job = await settle(core, jobId);
    expect(job.inspection!.files[0].name).toBe('上传.xlsx');
    expect(job.preview!.counts.new).toBe(1);
  });
});
