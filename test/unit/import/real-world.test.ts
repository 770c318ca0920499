/**
 * The real-world sheets issue 14 lists, each a fixture generated here and run
 * through every importer that can read it (the roster from .xlsx, CSV and
 * .lrmx; a batch's member list; annual results), through the routes the pages
 * and the CLI call: member lists without IDs, multi-level headers, columns
 * nobody maps, 单位及职务, 性别/出生年月 from the ID, dates with a day, year
 * columns, skipped rows, the wide and long annual sheet, the unit tree.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter, getCadre } from '../../../electron/services/roster/cadres';
import { stepHistory } from '../../../electron/services/common/operation-log';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import type { ImportTarget, PreviewRow } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';
import { messyRoster, tmpFile, writeSheet } from './fixtures';
import { call, commitJob, issuesOf, newBatch, planFile, rowsOf } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let unit: Record<'finance' | 'party' | 'education', number>;
let stored: Record<'zhang' | 'li' | 'wang', number>;
let batch: ImportTarget;

const ID = {
  zhang: makeIdNumber('210102', '1985-03-12', 11, '男'),
  li: makeIdNumber('210102', '1990-10-05', 12, '女'),
  wang: makeIdNumber('210104', '1978-01-09', 13, '男'),
  zhao: makeIdNumber('210105', '1986-03-15', 14, '女'),
  sun: makeIdNumber('210106', '1992-07-01', 15, '男'),
};

beforeEach(async () => {
  tmp = tempDir('cadre-realworld-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  const addUnit = (name: string) => Number(core.db.prepare('INSERT INTO units(name, sort_order) VALUES (?, 0)').run(name).lastInsertRowid);
  unit = { finance: addUnit('市财政局'), party: addUnit('市财政局机关党委'), education: addUnit('市教育局') };
  const insert = cadreInserter(core.db);
  stored = {
    zhang: insert({ unitId: unit.finance, name: '张三', gender: '男', birth: '1985-03', idNumber: ID.zhang, post: '副局长' }),
    li: insert({ unitId: unit.finance, name: '李四', gender: '女', birth: '1990-10', idNumber: ID.li, post: '科长' }),
    wang: insert({ unitId: unit.education, name: '王五', gender: '男', birth: '1978-01', idNumber: ID.wang, post: '局长' }),
  };
  batch = await newBatch(core);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const count = () => core.db.prepare('SELECT count(*) FROM cadres').pluck().get() as number;
const valuesOf = (r: PreviewRow) => Object.fromEntries(r.values.map(v => [v.field, v.value]));

describe('a member list without an ID column, naming cadres already in the roster', () => {
  const list = () => {
    const file = tmpFile(tmp.dir, '挂职名单.xlsx');
    writeSheet(file, [
      ['序号', '姓名', '性别', '出生年月', '挂职单位', '挂任职务'],
      [1, '张三', '男', '1985.03', '北京市通州区商务局', '副局长'],
      [2, '李四', '女', '199010', '北京市顺义区科委', '副主任'],
      [3, '王五', '男', '1978年1月', '北京市大兴区发改委', '局长助理'],
    ]);
    return file;
  };

  it('joins them to the batch and adds no one to the roster (their stored IDs stay)', async () => {
    const job = await planFile(core, list(), {}, batch);
    const rows = await rowsOf(core, job.jobId);
    expect(rows.map(r => [r.name, r.action, r.matchedBy, r.cadreId])).toEqual([
      ['张三', 'update', 'nameBirth', stored.zhang],
      ['李四', 'update', 'nameBirth', stored.li],
      ['王五', 'update', 'nameBirth', stored.wang],
    ]);
    expect(job.preview!.counts).toMatchObject({ new: 0, update: 3, errors: 0 });
    const before = count();
    await commitJob(core, job.jobId);
    expect(count()).toBe(before);
    expect(core.db.prepare('SELECT cadre_id FROM secondment_members ORDER BY id').pluck().all()).toEqual([stored.zhang, stored.li, stored.wang]);
    for (const [k, id] of Object.entries(stored)) expect(getCadre(core.db, id).idNumber).toBe(ID[k as keyof typeof ID]);
  });

  it('updates them in the roster and adds no one (their stored IDs stay)', async () => {
    const job = await planFile(core, list(), { mode: 'update' });
    const rows = await rowsOf(core, job.jobId);
    expect(rows.map(r => [r.name, r.action, r.matchedBy])).toEqual([
      ['张三', 'unchanged', 'nameBirth'],
      ['李四', 'unchanged', 'nameBirth'],
      ['王五', 'unchanged', 'nameBirth'],
    ]);
    // The two member columns are not the roster's: listed, and said.
    expect(job.preview!.unmapped.map(u => [u.column, u.header, u.hasData])).toEqual([
      ['A', '序号', true],
      ['E', '挂职单位', true],
      ['F', '挂任职务', true],
    ]);
    const before = count();
    await commitJob(core, job.jobId);
    expect(count()).toBe(before);
    expect(getCadre(core.db, stored.li).idNumber).toBe(ID.li);
  });
});

/** 学历学位 over two levels as offices draw it: 全日制学历 / 毕业院校系及专业 / 在职学历 / 毕业院校系及专业. */
async function educationSheet(file: string, threeLevels: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  const depth = threeLevels ? 3 : 2;
  for (const [col, text] of [
    ['A', '姓名'],
    ['B', '性别'],
    ['C', '出生年月'],
    ['D', '身份证号'],
  ]) {
    ws.mergeCells(`${col}1:${col}${depth}`);
    ws.getCell(`${col}1`).value = text;
  }
  ws.mergeCells('E1:H1');
  ws.getCell('E1').value = '学历学位';
  if (threeLevels) {
    ws.mergeCells('E2:F2');
    ws.getCell('E2').value = '全日制教育';
    ws.mergeCells('G2:H2');
    ws.getCell('G2').value = '在职教育';
    ['学历', '毕业院校系及专业', '学历', '毕业院校系及专业'].forEach((t, i) => (ws.getCell(3, 5 + i).value = t));
  } else {
    ['全日制学历', '毕业院校系及专业', '在职学历', '毕业院校系及专业'].forEach((t, i) => (ws.getCell(2, 5 + i).value = t));
  }
  ws.addRow(['赵六', '女', '1986.03', ID.zhao, '大学本科', '东北大学会计学专业', '研究生', '省委党校经济学专业']);
  await wb.xlsx.writeFile(file);
}

describe('multi-level headers map by their deepest label with the levels above as context', () => {
  it.each([
    ['学历学位/全日制教育/学历 (three levels)', true],
    ['学历学位/全日制学历 then a school column (two levels)', false],
  ])('%s: 全日制学历 and 在职学历 with their schools, in the roster and in a member list', async (_what, threeLevels) => {
    const file = tmpFile(tmp.dir, `学历${threeLevels ? 3 : 2}.xlsx`);
    await educationSheet(file, threeLevels);
    const roster = await planFile(core, file, { mode: 'update' });
    expect(roster.inspection!.sheets[0].columns.map(c => c.field)).toEqual([
      'name',
      'gender',
      'birth',
      'idNumber',
      'ftEducation',
      'ftEduSchool',
      'ptEducation',
      'ptEduSchool',
    ]);
    const [row] = await rowsOf(core, roster.jobId);
    expect(valuesOf(row)).toMatchObject({ ftEducation: '大学', ftEduSchool: '东北大学会计学专业', ptEducation: '研究生', ptEduSchool: '省委党校经济学专业' });
    await commitJob(core, roster.jobId);
    const id = core.db.prepare("SELECT id FROM cadres WHERE name = '赵六'").pluck().get() as number;
    expect(getCadre(core.db, id)).toMatchObject({
      ftEducation: '大学',
      ftEduSchool: '东北大学会计学专业',
      ptEducation: '研究生',
      ptEduSchool: '省委党校经济学专业',
    });

    // A member list takes the education of people new to the roster (and lists the school columns it does not keep).
    stepHistory(core.db, 'undo');
    const members = await planFile(core, file, {}, batch);
    const fields = members.inspection!.sheets[0].columns.map(c => c.field);
    expect(fields.slice(4)).toEqual(['ftEducation', null, 'ptEducation', null]);
    expect(valuesOf((await rowsOf(core, members.jobId))[0])).toMatchObject({ ftEducation: '大学', ptEducation: '研究生' });
  });
});

describe('every column is mapped or listed as not imported', () => {
  it('in the preview (with a warning for each one holding data) and in the CLI JSON', async () => {
    const file = tmpFile(tmp.dir, '名册.xlsx');
    writeSheet(file, [
      ['姓名', '性别', '出生年月', '身份证号', '爱好', '备用列', '年龄'],
      ['孙七', '男', '1992.07', ID.sun, '书法', null, 33],
    ]);
    for (const target of [{ kind: 'roster' }, batch] as ImportTarget[]) {
      const job = await planFile(core, file, { mode: 'update' }, target);
      expect(job.preview!.unmapped.map(u => [u.sheet, u.column, u.header, u.hasData, u.known])).toEqual([
        ['Sheet1', 'E', '爱好', true, false],
        ['Sheet1', 'F', '备用列', false, false],
        ['Sheet1', 'G', '年龄', true, true],
      ]);
      const warnings = (await issuesOf(core, job.jobId, 'warning')).map(i => [i.column, i.message]);
      expect(warnings).toContainEqual(['E', '「爱好」列（E 列）有数据，但没有对应任何项目，未导入']);
      // Known columns (年龄 is computed) and empty ones are listed without a warning.
      expect(warnings.filter(([c]) => c === 'F' || c === 'G')).toEqual([]);
    }
  });
});

describe('单位及职务 split at the longest unit name of the tree', () => {
  const sheet = () => {
    const file = tmpFile(tmp.dir, '单位及职务.xlsx');
    writeSheet(file, [
      ['XX市干部名册'],
      ['填报单位：市委组织部    填报日期：2025年1月'],
      ['姓名', '性别', '出生年月', '所在单位及职务'],
      ['甲一', '男', '1980.01', '市财政局副局长'],
      ['乙二', '女', '1981.02', '市财政局机关党委书记'],
      ['丙三', '男', '1982.03', '某某集团公司总经理'],
    ]);
    return file;
  };

  it('in the roster: unit and post, and the rows it could not split take the post whole and the 填报单位 (or the chosen unit)', async () => {
    const job = await planFile(core, sheet(), { mode: 'update' });
    expect(job.inspection!.sheets[0].columns.find(c => c.header === '所在单位及职务')!.field).toBe('unitPost');
    expect(job.preview!.splits).toEqual({
      split: 2,
      whole: 1,
      rows: [
        { file: '单位及职务.xlsx', sheet: 'Sheet1', row: 4, column: 'D', text: '市财政局副局长', how: 'split', unit: '市财政局', post: '副局长' },
        { file: '单位及职务.xlsx', sheet: 'Sheet1', row: 5, column: 'D', text: '市财政局机关党委书记', how: 'split', unit: '市财政局机关党委', post: '书记' },
        {
          file: '单位及职务.xlsx',
          sheet: 'Sheet1',
          row: 6,
          column: 'D',
          text: '某某集团公司总经理',
          how: 'whole',
          unit: '市委组织部',
          post: '某某集团公司总经理',
        },
      ],
    });
    expect(job.preview!.unitsToCreate.map(u => u.name)).toEqual(['市委组织部']);
    await commitJob(core, job.jobId);
    const byName = (n: string) => getCadre(core.db, core.db.prepare('SELECT id FROM cadres WHERE name = ?').pluck().get(n) as number);
    expect([byName('甲一'), byName('乙二')].map(c => [c.unitId, c.post])).toEqual([
      [unit.finance, '副局长'],
      [unit.party, '书记'],
    ]);
    expect(byName('丙三')).toMatchObject({ unit: '市委组织部', post: '某某集团公司总经理' });

    // The user's choice of unit wins over the 填报单位 for the rows taken whole.
    stepHistory(core.db, 'undo');
    const chosen = await planFile(core, sheet(), { mode: 'update', defaultUnit: { id: unit.education } });
    expect(chosen.preview!.splits.rows[2]).toMatchObject({ how: 'whole', unit: '（所选默认单位）' });
    expect(chosen.preview!.unitsToCreate).toEqual([]);
  });

  it('in a member list: 派出单位 and 原任职务', async () => {
    const job = await planFile(core, sheet(), {}, batch);
    expect(job.preview!.splits).toMatchObject({ split: 2, whole: 1 });
    const rows = await rowsOf(core, job.jobId);
    expect(rows.map(r => r.action)).toEqual(['new', 'new', 'new']);
    await commitJob(core, job.jobId);
    const members = await call<{ name: string; homeUnit: string; homePost: string }[]>(core, 'listSecondmentMembers', {
      batchId: (batch as { batchId: number }).batchId,
    });
    expect(members.map(m => [m.name, m.homeUnit, m.homePost])).toEqual([
      ['甲一', '市财政局', '副局长'],
      ['乙二', '市财政局机关党委', '书记'],
      ['丙三', '市委组织部', '某某集团公司总经理'],
    ]);
  });
});

describe('性别 and 出生年月 taken from a valid ID when blank', () => {
  const rows: unknown[][] = [
    ['姓名', '性别', '出生年月', '身份证号'],
    ['赵六', '', '', ID.zhao],
    ['孙七', '女', '1992.07', ID.sun], // the ID says 男: an error
  ];

  it.each([{ kind: 'roster' }, { kind: 'batch' }] as const)('through the %o target, with a warning; a row that disagrees stays an error', async target => {
    const file = tmpFile(tmp.dir, '派生.xlsx');
    writeSheet(file, rows);
    const job = await planFile(core, file, { mode: 'update' }, target.kind === 'batch' ? batch : target);
    const preview = await rowsOf(core, job.jobId);
    expect(valuesOf(preview[0])).toMatchObject({ gender: '女', birth: '1986.03' });
    const issues = await issuesOf(core, job.jobId);
    expect(issues.filter(i => i.row === 2).map(i => [i.severity, i.column, i.message])).toEqual([
      ['warning', 'B', '性别为空，由身份证号推出：女'],
      ['warning', 'C', '出生年月为空，由身份证号推出：1986.03'],
    ]);
    expect(issues.filter(i => i.row === 3 && i.severity === 'error').map(i => i.message)).toEqual([expect.stringMatching(/身份证号显示性别为男.*女/)]);
    expect(preview[1].action).toBe('error');
  });

  it('without the columns: one warning per sheet; from an .lrmx file with an empty 性别', async () => {
    const file = tmpFile(tmp.dir, '无性别列.xlsx');
    writeSheet(file, [
      ['姓名', '身份证号'],
      ['赵六', ID.zhao],
    ]);
    const job = await planFile(core, file);
    expect((await issuesOf(core, job.jobId, 'warning')).map(i => i.message)).toEqual([
      '表中没有性别列：1 行的性别由身份证号推出',
      '表中没有出生年月列：1 行的出生年月由身份证号推出',
    ]);
    const lrmx = tmpFile(tmp.dir, '赵六.lrmx');
    fs.writeFileSync(
      lrmx,
      `<?xml version="1.0" encoding="UTF-8"?><Person><XingMing>赵六</XingMing><XingBie></XingBie><ShenFenZheng>${ID.zhao}</ShenFenZheng></Person>`,
    );
    const fromLrmx = await planFile(core, lrmx);
    expect(valuesOf((await rowsOf(core, fromLrmx.jobId))[0])).toMatchObject({ gender: '女', birth: '1986.03' });
    expect((await issuesOf(core, fromLrmx.jobId, 'warning')).map(i => i.message)).toEqual([
      '性别为空，由身份证号推出：女',
      '出生年月为空，由身份证号推出：1986.03',
    ]);
  });
});

describe('年月 fields are stored as year-month whatever the source', () => {
  /** 出生年月 as a date cell with a day, a serial, 1986.03.15 and 19860315; 入党时间 with a day. */
  async function datesSheet(file: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', '性别', '出生年月', '入党时间', '身份证号']);
    ws.addRow(['赵六', '女', new Date(Date.UTC(1986, 2, 15)), new Date(Date.UTC(2008, 6, 1)), ID.zhao]);
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    ws.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow(['孙七', '男', 33786, '2014.07.01', ID.sun]); // 33786 = 1992-07-01 as an Excel serial
    ws.addRow(['周八', '男', '1988.08.08', '20100701', '']);
    ws.addRow(['吴九', '女', '19890909', '2011年7月1日', '']);
    await wb.xlsx.writeFile(file);
  }
  const expected = [
    ['赵六', '1986-03', '2008-07'],
    ['孙七', '1992-07', '2014-07'],
    ['周八', '1988-08', '2010-07'],
    ['吴九', '1989-09', '2011-07'],
  ];
  const storedDates = (names: string[]) =>
    names.map(n => {
      const c = core.db.prepare('SELECT name, birth, party_date FROM cadres WHERE name = ?').get(n) as { name: string; birth: string; party_date: string };
      return [c.name, c.birth, c.party_date];
    });

  it('from .xlsx and CSV into the roster', async () => {
    const file = tmpFile(tmp.dir, '日期.xlsx');
    await datesSheet(file);
    await commitJob(core, (await planFile(core, file)).jobId);
    expect(storedDates(expected.map(e => e[0]))).toEqual(expected);

    stepHistory(core.db, 'undo');
    const csv = tmpFile(tmp.dir, '日期.csv');
    fs.writeFileSync(csv, `\uFEFF姓名,性别,出生年月,入党时间\r\n周八,男,1988.08.08,20100701\r\n吴九,女,19890909,2011年7月1日\r\n`);
    await commitJob(core, (await planFile(core, csv)).jobId);
    expect(storedDates(['周八', '吴九'])).toEqual(expected.slice(2));
  });

  it('from a member list (people new to the roster)', async () => {
    const file = tmpFile(tmp.dir, '日期.xlsx');
    await datesSheet(file);
    const job = await planFile(core, file, {}, batch);
    expect((await rowsOf(core, job.jobId)).map(r => r.action)).toEqual(['new', 'new', 'new', 'new']);
    await commitJob(core, job.jobId);
    expect(storedDates(expected.map(e => e[0]))).toEqual(expected);
  });
});

describe('year columns holding grades are 年度考核结果', () => {
  const sheet = () => {
    const file = tmpFile(tmp.dir, '考核.xlsx');
    writeSheet(file, [
      ['姓名', '身份证号', '时任职务', '2023年', '2024年度考核', '2025年考核结果', '2022年'],
      ['张三', ID.zhang, '科长', '称职', '优秀', '不定等次（病休）', 12],
      ['李四', ID.li, '科员', '优秀', '称职', '称职', 8],
    ]);
    return file;
  };

  it('in the plain roster import; 时任职务 never overwrites 现任职务; a year column of numbers is not one', async () => {
    const job = await planFile(core, sheet(), { mode: 'update' });
    const fields = job.inspection!.sheets[0].columns.map(c => [c.header, c.field]);
    expect(fields).toEqual([
      ['姓名', 'name'],
      ['身份证号', 'idNumber'],
      ['时任职务', null],
      ['2023年', 'year:2023'],
      ['2024年度考核', 'year:2024'],
      ['2025年考核结果', 'year:2025'],
      ['2022年', null],
    ]);
    expect(job.inspection!.target.fields).toEqual(expect.arrayContaining([{ key: 'year:2023', label: '2023年度考核结果' }]));
    expect(job.preview!.unmapped.find(u => u.header === '时任职务')).toMatchObject({ known: true });
    const [zhang] = await rowsOf(core, job.jobId);
    expect(zhang.changes).toEqual([
      { field: 'assessments', label: '年度考核结果', old: '', new: '2023年度考核称职；2024年度考核优秀；2025年度考核不定等次（病休）' },
    ]);
    await commitJob(core, job.jobId);
    expect(getCadre(core.db, stored.zhang)).toMatchObject({
      post: '副局长',
      assessments: [
        { year: 2023, grade: '称职', note: '' },
        { year: 2024, grade: '优秀', note: '' },
        { year: 2025, grade: '不定等次', note: '病休' },
      ],
    });
  });

  it('through the annual target: wide by ID, or by 工作证号 and a unique name; long; a stranger is refused', async () => {
    // Here every year column is one; the user maps the 2022 column (it holds something else) to 不导入.
    const wide = await planFile(core, sheet(), { mapping: [{ header: '2022年', field: null }] }, { kind: 'annual' });
    const rows = await rowsOf(core, wide.jobId);
    expect(rows.map(r => [r.name, r.action, r.matchedBy])).toEqual([
      ['张三', 'update', 'idNumber'],
      ['李四', 'update', 'idNumber'],
    ]);
    expect(rows[1].changes.map(c => [c.label, c.old, c.new])).toEqual([
      ['2023年度考核结果', '', '优秀'],
      ['2024年度考核结果', '', '称职'],
      ['2025年度考核结果', '', '称职'],
    ]);
    const done = await commitJob(core, wide.jobId);
    expect(done).toMatchObject({ updated: 2, target: '年度考核结果' });
    expect(getCadre(core.db, stored.li).assessments.map(a => a.grade)).toEqual(['优秀', '称职', '称职']);
    expect(getCadre(core.db, stored.li).post).toBe('科长');

    const byWorkNo = tmpFile(tmp.dir, '工作证号.xlsx');
    writeSheet(byWorkNo, [
      ['工作证号', '姓名', '2023年', '2024年'],
      ['A-0003', '王五', '优秀', '基本称职'],
      ['A-0099', '查无此人', '称职', '称职'],
    ]);
    const w = await planFile(core, byWorkNo, {}, { kind: 'annual' });
    expect((await rowsOf(core, w.jobId)).map(r => [r.name, r.action, r.matchedBy])).toEqual([
      ['王五', 'update', 'name'],
      ['查无此人', 'error', null],
    ]);
    expect((await issuesOf(core, w.jobId, 'error')).map(i => [i.row, i.message])).toEqual([[3, expect.stringMatching(/名册中没有此人（查无此人）/)]]);

    const long = tmpFile(tmp.dir, '长表.xlsx');
    writeSheet(long, [
      ['姓名', '身份证号', '考核年度', '考核结果', '备注'],
      ['王五', ID.wang, 2023, '优秀', ''],
      ['王五', ID.wang, '2024年', '不定等次', '新录用'],
    ]);
    const l = await planFile(core, long, {}, { kind: 'annual' });
    expect(l.preview!.counts).toMatchObject({ update: 2, errors: 0 });
    await commitJob(core, l.jobId);
    expect(getCadre(core.db, stored.wang).assessments).toEqual([
      { year: 2023, grade: '优秀', note: '' },
      { year: 2024, grade: '不定等次', note: '新录用' },
    ]);
  });
});

describe('rows left out are reported by row number and reason', () => {
  it('title, 填报单位, 小计/合计, hidden, blank and footnote rows, in the preview', async () => {
    const file = tmpFile(tmp.dir, '花名册.xlsx');
    await messyRoster(file);
    const job = await planFile(core, file, { mode: 'update' });
    expect(job.preview!.skippedRows.map(r => [r.sheet, r.row, r.label])).toEqual([
      ['市管干部', 1, '标题行'],
      ['市管干部', 2, '填报单位/日期行'],
      ['市管干部', 9, '合计/小计行'],
      ['市管干部', 11, '隐藏行'],
      ['市管干部', 13, '合计/小计行'],
      ['市管干部', 14, '空行'],
      ['市管干部', 15, '表尾注释行'],
      ['市管干部', 16, '表尾注释行'],
    ]);
  });
});

describe('the unit tree', () => {
  it('adds the units not yet in the tree under their parents (a path or a 上级单位 column), one undo step', async () => {
    const file = tmpFile(tmp.dir, '单位.xlsx');
    writeSheet(file, [
      ['序号', '单位名称', '上级单位', '简称', '单位类别'],
      [1, '市教育局', '', '教育局', '政府工作部门'],
      [2, '基础教育处', '市教育局', '', '内设机构'],
      [3, '市委', '', '', '党委'],
      [4, '市委/组织部', '', '组织部', '党委工作部门'],
      [5, '干部科', '组织部', '', '内设机构'],
      [6, '宣传科', '不存在的单位', '', ''],
    ]);
    const job = await planFile(core, file, {}, { kind: 'units' });
    const rows = await rowsOf(core, job.jobId);
    expect(rows.map(r => [r.row, r.action])).toEqual([
      [2, 'update'],
      [3, 'new'],
      [4, 'new'],
      [5, 'new'],
      [6, 'new'],
      [7, 'error'],
    ]);
    expect((await issuesOf(core, job.jobId, 'error')).map(i => i.message)).toEqual(['上级单位「不存在的单位」不在单位树中，也不在表中前面的行里']);
    expect(rows[0].changes.map(c => [c.label, c.old, c.new])).toEqual([
      ['简称', '', '教育局'],
      ['单位类别', '', '政府工作部门'],
    ]);

    const ok = tmpFile(tmp.dir, '单位2.xlsx');
    writeSheet(ok, [
      ['单位名称', '上级单位', '简称', '单位类别'],
      ['基础教育处', '市教育局', '', '内设机构'],
      ['市委', '', '', '党委'],
      ['市委/组织部', '', '组织部', '党委工作部门'],
      ['干部科', '组织部', '', '内设机构'],
    ]);
    const before = core.db.prepare('SELECT count(*) FROM units').pluck().get() as number;
    const done = await commitJob(core, (await planFile(core, ok, {}, { kind: 'units' })).jobId);
    expect(done).toMatchObject({ inserted: 4, unitsCreated: 4, target: '单位树' });
    const tree = core.db
      .prepare(
        'SELECT u.name, p.name AS parent, u.short_name AS short, u.kind FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id > ? ORDER BY u.id',
      )
      .all(unit.education);
    expect(tree).toEqual([
      { name: '基础教育处', parent: '市教育局', short: '', kind: '内设机构' },
      { name: '市委', parent: null, short: '', kind: '党委' },
      { name: '组织部', parent: '市委', short: '组织部', kind: '党委工作部门' },
      { name: '干部科', parent: '组织部', short: '', kind: '内设机构' },
    ]);
    stepHistory(core.db, 'undo');
    expect(core.db.prepare('SELECT count(*) FROM units').pluck().get()).toBe(before);
  });

  it('updates the units of the tree (类别, 级别, 简称, 排序, 上级单位) shown old → new, one undo step', async () => {
    const snapshot = () => core.db.prepare('SELECT id, parent_id, name, short_name, kind, level, sort_order FROM units ORDER BY id').all();
    const office = Number(
      core.db.prepare("INSERT INTO units(parent_id, name, kind, sort_order) VALUES (?, '财务科', '内设机构', 1)").run(unit.finance).lastInsertRowid,
    );
    const before = snapshot();
    const file = tmpFile(tmp.dir, '单位调整.xlsx');
    writeSheet(file, [
      ['单位名称', '上级单位', '简称', '单位类别', '单位级别', '排序'],
      ['市财政局', '', '财政局', '政府工作部门', '正处级', '2'],
      ['财务科', '市教育局', '', '', '', ''],
      ['市教育局', '', '', '', '', ''],
      ['规划科', '市教育局', '', '内设机构', '', '1'],
    ]);
    const job = await planFile(core, file, {}, { kind: 'units' });
    const rows = await rowsOf(core, job.jobId);
    expect(rows.map(r => [r.name ?? r.values.find(v => v.field === 'name')?.value, r.action])).toEqual([
      ['市财政局', 'update'],
      ['财务科', 'update'],
      ['市教育局', 'unchanged'],
      ['规划科', 'new'],
    ]);
    expect(rows[0].changes.map(c => `${c.label}：${c.old || '（空）'} → ${c.new}`)).toEqual([
      '简称：（空） → 财政局',
      '单位类别：（空） → 政府工作部门',
      '单位级别：（空） → 正处级',
      '排序：0 → 2',
    ]);
    expect(rows[1].changes.map(c => [c.label, c.old, c.new])).toEqual([['上级单位', '市财政局', '市教育局']]);
    expect(job.preview!.counts).toMatchObject({ new: 1, update: 2, unchanged: 1, errors: 0 });

    const done = await commitJob(core, job.jobId);
    expect(done).toMatchObject({ inserted: 1, updated: 2 });
    const get = (id: number) => core.db.prepare('SELECT parent_id, short_name, kind, level, sort_order FROM units WHERE id = ?').get(id);
    expect(get(unit.finance)).toEqual({ parent_id: null, short_name: '财政局', kind: '政府工作部门', level: '正处级', sort_order: 2 });
    expect(get(office)).toMatchObject({ parent_id: unit.education, kind: '内设机构' });
    stepHistory(core.db, 'undo');
    expect(snapshot()).toEqual(before);
  });

  it('refuses to move a unit under itself', async () => {
    const office = Number(core.db.prepare("INSERT INTO units(parent_id, name, sort_order) VALUES (?, '财务科', 1)").run(unit.finance).lastInsertRowid);
    const file = tmpFile(tmp.dir, '单位循环.xlsx');
    writeSheet(file, [
      ['单位名称', '上级单位'],
      ['市财政局', '市财政局/财务科'],
    ]);
    const job = await planFile(core, file, {}, { kind: 'units' });
    expect(office).toBeGreaterThan(0);
    expect((await issuesOf(core, job.jobId, 'error')).map(i => i.message)).toEqual(['不能把「市财政局」移到它自己或它的下级单位「市财政局/财务科」之下']);
  });
});
