/**
 * The lean .xlsx reader (electron/services/import/xlsx-reader.ts) gives the
 * importer exactly what SheetJS gives it, on workbooks written by ExcelJS and
 * by SheetJS: values, date cells by their format, hidden rows and columns,
 * merges, sheet visibility, shared and inline strings, rich text, escapes,
 * booleans, errors, cached formula results and 1904 dates.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readWithSheetJS, readWorkbook } from '../../../electron/services/import/read';
import { readXlsxFast } from '../../../electron/services/import/xlsx-reader';
import { readZipDirectory } from '../../../electron/services/common/zip';
import { tempDir } from '../../support/temp';
import { messyRoster, tmpFile, writeSheet } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('cadre-xlsx-')));
afterEach(() => tmp.cleanup());

const errors = { tooWide: () => new Error('wide'), tooLong: () => new Error('long') };

/** Both readers on one file: the lean one must answer, and answer the same. */
function both(file: string) {
  const bytes = fs.readFileSync(file);
  const fast = readXlsxFast(bytes, readZipDirectory(bytes)!, DEFAULT_LIMITS, errors);
  const slow = readWithSheetJS(bytes, 'x.xlsx', 'xlsx', DEFAULT_LIMITS);
  expect(fast).not.toBeNull();
  return { fast: JSON.parse(JSON.stringify(fast)), slow: JSON.parse(JSON.stringify(slow)) };
}

describe('the lean .xlsx reader answers as SheetJS does', () => {
  it('a roster as offices send it (ExcelJS: merges, a hidden row, date formats, formulas)', async () => {
    const file = tmpFile(tmp.dir, 'messy.xlsx');
    await messyRoster(file);
    const { fast, slow } = both(file);
    expect(fast).toEqual(slow);
    expect(fast[0].hiddenRows).toEqual([10]);
    expect(fast[0].merges.length).toBeGreaterThan(5);
  });

  it('shared strings, numbers, booleans, errors, a hidden column and a hidden sheet (SheetJS)', () => {
    const file = tmpFile(tmp.dir, 'sheetjs.xlsx');
    const ws = XLSX.utils.aoa_to_sheet([
      ['姓名', '数', '是否', '错', '日期'],
      ['张三 & <李四>', 1985.1, true, { t: 'e', v: 0x2a }, { t: 'n', v: 31107, z: 'yyyy.mm' }],
      ['王五', -3.5e-7, false, null, { t: 'n', v: 31107, z: 'yyyy-mm-dd' }],
    ]);
    ws['!cols'] = [{}, { hidden: true }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '名册');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['隐藏']]), '隐藏');
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true }));
    const { fast, slow } = both(file);
    expect(fast).toEqual(slow);
    expect(fast[0].rows[1]).toEqual(['张三 & <李四>', 1985.1, '是', '#N/A', '1985.03']);
    expect(fast[0].hiddenCols).toEqual([1]);
    expect(fast[1].visibility).toBe('hidden');
  });

  it('inline strings, rich text, escaped control characters, cached formula text and a 1904 workbook (ExcelJS)', async () => {
    const file = tmpFile(tmp.dir, 'exceljs.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('表');
    ws.addRow(['姓名', '简历', '公式', '出生年月']);
    ws.addRow([
      { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
      '2003.09--2007.07  东北大学学习\r\n2007.07--  市财政局',
      { formula: 'A2&"x"', result: '张三x' },
      new Date(Date.UTC(1985, 2, 12)),
    ]);
    ws.getCell('D2').numFmt = 'yyyy"年"m"月"';
    await wb.xlsx.writeFile(file);
    const { fast, slow } = both(file);
    expect(fast).toEqual(slow);
    expect(fast[0].rows[1][0]).toBe('张三');
    expect(fast[0].rows[1][3]).toBe('1985.03');
  });

  it('readWorkbook takes the lean path for .xlsx and still refuses a sheet over the limits', () => {
    const file = tmpFile(tmp.dir, 'wide.xlsx');
    writeSheet(file, [['姓名', ...Array.from({ length: 30 }, (_, i) => `列${i}`)], ['张三']]);
    expect(() => readWorkbook(fs.readFileSync(file), 'wide.xlsx', { ...DEFAULT_LIMITS, maxCols: 10 })).toThrow(/超过 10 列的上限/);
    writeSheet(file, [['姓名'], ['甲'], ['乙'], ['丙']]);
    expect(() => readWorkbook(fs.readFileSync(file), 'long.xlsx', { ...DEFAULT_LIMITS, maxRows: 2 })).toThrow(/超过 2 行/);
  });
});
