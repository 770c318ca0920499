/**
 * Reading and layout detection on a roster as offices send it, a GBK CSV and
 * an .xls, through the same in-process session the worker runs.
 */
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { ImportSession } from '../../../electron/services/import/session';
import { readWorkbook } from '../../../electron/services/import/read';
import { detectLayout } from '../../../electron/services/import/layout';
import { matchHeader, matchRosterColumns } from '../../../electron/services/import/mapping';
import { tempDir } from '../../support/temp';
import { encodeGbk, ID, messyRoster, tmpFile, writeSheet } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-import-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const noTick = () => {};
const inspect = (bytes: Uint8Array, name: string) => new ImportSession().read([{ name, bytes }], { kind: 'roster' }, core.db, noTick);

describe('layout of a real-world roster (.xlsx written by ExcelJS)', () => {
  it('finds the title, the 填报单位/日期 line, a three-row header with merged groups, and skips what is not data', async () => {
    const file = tmpFile(tmp.dir, '花名册.xlsx');
    await messyRoster(file);
    const inspection = inspect(fs.readFileSync(file), '花名册.xlsx');
    expect(inspection.files).toMatchObject([{ name: '花名册.xlsx', format: 'xlsx' }]);
    expect(inspection.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const [sheet] = inspection.sheets;
    expect(sheet).toMatchObject({
      name: '市管干部',
      recognised: true,
      title: 'XX市市管干部名册',
      reportingUnit: 'XX市委组织部（盖章）',
      reportingDate: '2024年6月30日',
      headerRows: [3, 5],
      dataRows: 5,
    });
    const byLetter = Object.fromEntries(sheet.columns.map(c => [c.letter, c]));
    expect(byLetter.G.path).toEqual(['学历学位', '全日制教育', '学历']);
    expect(byLetter.H.path).toEqual(['学历学位', '全日制教育', '毕业院校系及专业']);
    expect(byLetter.J.header).toBe('学历学位/在职教育/毕业院校系及专业');
    expect(sheet.columns.map(c => [c.letter, c.field])).toEqual([
      ['A', null], // 序号
      ['B', 'unit'],
      ['C', 'name'],
      ['D', 'gender'],
      ['E', 'birth'],
      ['F', 'ethnicity'],
      ['G', 'ftEducation'],
      ['H', 'ftEduSchool'],
      ['I', 'ptEducation'],
      ['J', 'ptEduSchool'],
      ['K', 'post'],
      ['L', 'idNumber'],
      ['M', null], // 年龄 is computed, never imported
    ]);
    // The unit written once (B6:B8 merged) is filled down into the samples.
    expect(byLetter.B.sample).toEqual(['市财政局', '市财政局', '市财政局']);
    expect(sheet.skipped.map(s => [s.row, s.reason])).toEqual([
      [1, 'title'],
      [2, 'meta'],
      [9, 'subtotal'],
      [11, 'hidden'],
      [13, 'subtotal'],
      [14, 'blank'],
      [15, 'footnote'],
      [16, 'footnote'],
    ]);
    expect(sheet.skipped.find(s => s.row === 11)?.label).toBe('隐藏行');
    expect(inspection.defaultSheets).toEqual(['市管干部']);
  });

  it('reads date cells by what they show: yyyy.mm → year-month, numbers stay numbers', async () => {
    const file = tmpFile(tmp.dir, 'r.xlsx');
    await messyRoster(file);
    const wb = readWorkbook(fs.readFileSync(file), 'r.xlsx');
    const rows = wb.sheets[0].rows;
    expect(rows[6][4]).toBe('1990.10'); // E7: a date with format yyyy.mm
    expect(rows[7][4]).toBe(1978.1); // E8: the number 1978.1 (was it 1978.10?)
    expect(rows[5][11]).toBe(ID.zhang); // text ID keeps every digit
    expect(wb.sheets[0].hiddenRows).toEqual([10]);
    const layout = detectLayout(wb.sheets[0]);
    expect(layout.dataRows.map(r => r + 1)).toEqual([6, 7, 8, 10, 12]);
    expect(layout.cell(11, 1)).toBe('市教育局'); // B12 filled down from B10
  });
});

describe('header edge cases', () => {
  it('a header cell merged across only for width keeps the row below as data', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['姓名', '现任职务', null, '性别'],
      ['张三', '局长', null, '男'],
      ['李四', '科长', null, '女'],
    ]);
    ws['!merges'] = [XLSX.utils.decode_range('B1:C1')];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const sheet = readWorkbook(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }), 'w.xlsx').sheets[0];
    const layout = detectLayout(sheet);
    expect([layout.headerStart, layout.headerEnd]).toEqual([0, 0]);
    expect(layout.dataRows).toEqual([1, 2]);
  });

  it('a two-row header without merges (CSV): the group continues to the right', () => {
    const text = '姓名,学历学位,,,\n,全日制学历,毕业院校系及专业,在职学历,毕业院校系及专业\n张三,大学,东北大学,研究生,省委党校\n';
    const sheet = readWorkbook(Buffer.from(text), 'two.csv').sheets[0];
    const layout = detectLayout(sheet);
    expect(layout.columns.map(c => c.header)).toEqual([
      '姓名',
      '学历学位/全日制学历',
      '学历学位/毕业院校系及专业',
      '学历学位/在职学历',
      '学历学位/毕业院校系及专业 (2)',
    ]);
    // A school column takes 全日制 or 在职 from the education column before it in the group.
    expect(matchRosterColumns(layout.columns)).toEqual(['name', 'ftEducation', 'ftEduSchool', 'ptEducation', 'ptEduSchool']);
    expect(layout.dataRows).toEqual([2]);
  });
});

describe('header synonyms', () => {
  it.each([
    [['出生年月'], 'birth'],
    [['出生日期'], 'birth'],
    [['出生时间'], 'birth'],
    [['工作单位及职务'], 'unitPost'],
    [['所在单位及职务'], 'unitPost'],
    [['现任职务'], 'post'],
    [['单位职务'], 'unitPost'],
    [['时任职务'], 'ignore'],
    [['现职务始任时间'], 'postDate'],
    [['现职级始任时间'], 'rankDate'],
    [['全日制学历'], 'ftEducation'],
    [['学历（全日制）'], 'ftEducation'],
    [['全日制教育', '学历'], 'ftEducation'],
    [['在职教育', '学位'], 'ptDegree'],
    [['身份证号'], 'idNumber'],
    [['身份证号码'], 'idNumber'],
    [['公民身份号码'], 'idNumber'],
    [['单位'], 'unit'],
    [['干部类别'], 'tags'],
    [['标签'], 'tags'],
    [['序号'], 'ignore'],
    [['年龄'], 'ignore'],
    [['简历'], 'resume'],
    [['家庭主要成员及重要社会关系'], 'family'],
    [['年度考核结果'], 'assessments'],
    [['__proto__'], null],
    [['constructor'], null],
  ])('%j → %s', (path, field) => {
    expect(matchHeader(path)).toBe(field);
  });
});

describe('CSV encodings', () => {
  const csv = `姓名,性别,出生年月,身份证号,民族\r\n张三,男,1985.03,${ID.zhang},汉\r\n李四,女,1990-10,${ID.li},汉族\r\n`;

  it.each([
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]), 'utf-8'],
    ['UTF-8 without BOM', () => Buffer.from(csv, 'utf8'), 'utf-8'],
    ['GBK', () => encodeGbk(csv), 'gb18030'],
  ])('%s', (_name, bytes, encoding) => {
    const wb = readWorkbook(bytes(), '名册.csv');
    expect(wb.format).toBe('csv');
    expect(wb.encoding).toBe(encoding);
    expect(wb.sheets[0].name).toBe('名册');
    expect(wb.sheets[0].rows[1]).toEqual(['张三', '男', '1985.03', ID.zhang, '汉']);
    // every CSV cell stays text: the 18-digit ID keeps all its digits
    expect(typeof wb.sheets[0].rows[2][3]).toBe('string');
  });

  it('a GBK CSV imports with its Chinese intact', () => {
    const bytes = encodeGbk(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const inspection = inspect(bytes, 'gbk.csv');
    expect(inspection.sheets[0].columns.map(c => c.field)).toEqual(['name', 'gender', 'birth', 'idNumber', 'ethnicity']);
    expect(inspection.sheets[0].columns[0].sample).toEqual(['张三', '李四']);
  });

  it('quoted fields with commas, quotes and line breaks', () => {
    const text = '姓名,现任职务,简历\r\n张三,"局长,党组书记","2003.09--2007.07  东北大学学习\n2007.07--  市财政局"\r\n"王""五",,\r\n';
    const wb = readWorkbook(Buffer.from(text), 'q.csv');
    expect(wb.sheets[0].rows[1]).toEqual(['张三', '局长,党组书记', '2003.09--2007.07  东北大学学习\n2007.07--  市财政局']);
    expect(wb.sheets[0].rows[2]).toEqual(['王"五', null, null]);
  });
});

describe('.xls (BIFF8) and .et', () => {
  it('reads an .xls written by SheetJS, numbers as numbers', () => {
    const file = tmpFile(tmp.dir, 'old.xls');
    writeSheet(
      file,
      [
        ['姓名', '性别', '身份证号'],
        // eslint-disable-next-line no-loss-of-precision -- exactly what Excel hands over
        ['张三', '男', 210102198503121011],
      ],
      { bookType: 'biff8' },
    );
    const wb = readWorkbook(fs.readFileSync(file), 'old.xls');
    expect(wb.format).toBe('xls');
    expect(wb.sheets[0].rows[1][0]).toBe('张三');
    expect(typeof wb.sheets[0].rows[1][2]).toBe('number');
  });

  it('an .et that is a BIFF file reads like .xls; one that is not gets the re-save message', () => {
    const file = tmpFile(tmp.dir, 'wps.et');
    writeSheet(
      file,
      [
        ['姓名', '性别'],
        ['张三', '男'],
      ],
      { bookType: 'biff8' },
    );
    expect(readWorkbook(fs.readFileSync(file), 'wps.et')).toMatchObject({ format: 'et' });
    const broken = Buffer.concat([fs.readFileSync(file).subarray(0, 512), Buffer.alloc(600)]);
    expect(() => readWorkbook(broken, 'wps.et')).toThrow(/WPS 表格文件「wps\.et」.*另存为 \.xlsx/);
  });
});
