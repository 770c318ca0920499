import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CadreRow } from '../../../shared/contract/api';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { listCadres } from '../../../electron/services/roster/cadres';
import { buildRosterCsv, buildRosterXlsx, csvField, selectRosterRows } from '../../../electron/services/export/roster-xlsx';
import { TABLE_HEADER_ROW as ROSTER_HEADER_ROW } from '../../../electron/services/common/xlsx-table';
import type { RosterColumn } from '../../../electron/services/export/cells';
import { AppError } from '../../../shared/contract/errors';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let rows: CadreRow[];
beforeAll(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  loadDemo(core.db);
  rows = listCadres(core.db).slice(0, 80);
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

const COLUMNS: RosterColumn[] = [
  { key: 'seq' },
  { key: 'name' },
  { key: 'gender' },
  { key: 'birth' },
  { key: 'age' },
  { key: 'post' },
  { key: 'idNumber' },
  { key: 'ftEducationDegree' },
  { key: 'remarks', header: '备注（说明）' },
];

const HOSTILE = ['=1+1', '+SUM(A1:A2)', '-2+3', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'];

function hostileRows(): CadreRow[] {
  return HOSTILE.map((text, i) => ({ ...rows[i], name: text, post: text, remarks: `${text},"quoted"\nline2` }));
}

async function loadExcelJs(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('roster .xlsx export', () => {
  it('writes the title, the 填报 line and a styled, frozen header; the data as users write it', async () => {
    const buf = await buildRosterXlsx({ columns: COLUMNS, rows, reportingUnit: '中共滨江市委组织部', date: '2026-11-22' });
    const file = path.join(tmp.dir, 'roster.xlsx');
    fs.writeFileSync(file, buf);
    const wb = await loadExcelJs(fs.readFileSync(file));
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('干部名册');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect((ws.model as { merges: string[] }).merges).toEqual(expect.arrayContaining([`A1:I1`, `A2:I2`]));
    expect(ws.getCell('A2').value).toBe('填报单位：中共滨江市委组织部    填报日期：2026年11月22日');

    const header = ws.getRow(ROSTER_HEADER_ROW);
    expect(header.getCell(1).value).toBe('序号');
    expect(header.getCell(2).value).toBe('姓名');
    expect(header.getCell(4).value).toBe('出生年月');
    expect(header.getCell(5).value).toBe('年龄');
    expect(header.getCell(9).value).toBe('备注（说明）');
    for (let c = 1; c <= COLUMNS.length; c++) {
      const cell = header.getCell(c);
      expect(cell.font?.bold).toBe(true);
      expect(cell.border?.top?.style).toBe('thin');
      expect(cell.border?.bottom?.style).toBe('thin');
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9D9D9');
    }
    // Thin borders on every data cell.
    for (let r = ROSTER_HEADER_ROW + 1; r <= ROSTER_HEADER_ROW + rows.length; r++) {
      for (let c = 1; c <= COLUMNS.length; c++) expect(ws.getRow(r).getCell(c).border?.left?.style).toBe('thin');
    }
    // Widths by field.
    expect(ws.getColumn(2).width).toBe(8);
    expect(ws.getColumn(4).width).toBe(10);
    expect(ws.getColumn(6).width).toBe(28);
    expect(ws.getColumn(6).width).toBeGreaterThan(ws.getColumn(3).width!);
    expect(ws.getRow(ROSTER_HEADER_ROW + 1).getCell(6).alignment?.wrapText).toBe(true);
    // Frozen below the header.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: ROSTER_HEADER_ROW });
    // Values: 序号, dates as 1985.03, age a number, ID as text.
    const first = ws.getRow(ROSTER_HEADER_ROW + 1);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(4).value).toMatch(/^\d{4}\.\d{2}$/);
    expect(first.getCell(4).value).toBe(rows[0].birth.replace('-', '.'));
    expect(typeof first.getCell(5).value).toBe('number');
    expect(first.getCell(7).value).toBe(rows[0].idNumber);
    expect(first.getCell(7).numFmt).toBe('@');
    expect(first.getCell(8).value).toBe([rows[0].ftEducation, rows[0].ftDegree].filter(Boolean).join(' '));
    expect(ws.getRow(ROSTER_HEADER_ROW + rows.length).getCell(1).value).toBe(rows.length);
  });

  it('prints on A4 landscape, one page wide, the header repeated on every page, page numbers in the footer', async () => {
    const buf = await buildRosterXlsx({ columns: COLUMNS, rows, date: '2026-11-22' });
    const ws = (await loadExcelJs(buf)).worksheets[0];
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');

    // The same facts in the file itself, read with SheetJS (raw parts of the package).
    const wb = XLSX.read(buf, { type: 'buffer', bookFiles: true });
    const names = wb.Workbook?.Names ?? [];
    const titles = names.find(n => n.Name === '_xlnm.Print_Titles');
    expect(titles?.Ref).toMatch(/\$3:\$3$/);
    const files = (wb as unknown as { files: Record<string, { content?: Uint8Array; asNodeBuffer?: () => Buffer; _data?: unknown }> }).files;
    const sheetXml = readPart(files, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toMatch(/<pageSetup[^>]*paperSize="9"/);
    expect(sheetXml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(sheetXml).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
    expect(sheetXml).toMatch(/<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页<\/oddFooter>/);
    expect(sheetXml).toMatch(/<pane[^>]*ySplit="3"[^>]*state="frozen"/);
  });

  it('writes 出生年月 with the age when asked, at the reference date', async () => {
    const row = { ...rows[0], birth: '1985-03' };
    const buf = await buildRosterXlsx({ columns: [{ key: 'birth' }, { key: 'age' }], rows: [row], date: '2026-11-22', birthWithAge: true });
    const ws = (await loadExcelJs(buf)).worksheets[0];
    expect(ws.getRow(ROSTER_HEADER_ROW + 1).getCell(1).value).toBe('1985.03(41岁)');
    expect(ws.getRow(ROSTER_HEADER_ROW + 1).getCell(2).value).toBe(41);
  });

  it('keeps cells that start with = + - @ tab or CR as text, never formulas', async () => {
    const buf = await buildRosterXlsx({ columns: [{ key: 'name' }, { key: 'post' }, { key: 'remarks' }], rows: hostileRows(), date: '2026-11-22' });
    const wb = XLSX.read(buf, { type: 'buffer', cellFormula: true });
    const ws = wb.Sheets[wb.SheetNames[0]];
    const cells = Object.keys(ws).filter(k => !k.startsWith('!'));
    for (const addr of cells) expect((ws[addr] as XLSX.CellObject).f, addr).toBeUndefined();
    HOSTILE.forEach((text, i) => {
      const cell = ws[`A${ROSTER_HEADER_ROW + 1 + i}`] as XLSX.CellObject;
      expect(cell.t).toBe('s');
      expect(cell.v).toBe(text);
    });
    // Text format too, so editing the cell in Excel keeps it text.
    const ejs = (await loadExcelJs(buf)).worksheets[0];
    expect(ejs.getRow(ROSTER_HEADER_ROW + 1).getCell(1).numFmt).toBe('@');
  });

  it('refuses an export with no columns, and ids that do not exist', async () => {
    await expect(buildRosterXlsx({ columns: [], rows })).rejects.toThrow(AppError);
    expect(() => selectRosterRows(core.db, { ids: [1, 999999] })).toThrow(/999999/);
  });
});

function readPart(files: Record<string, unknown>, name: string): string {
  const f = files[name] as { content?: Uint8Array | string } | undefined;
  if (!f) throw new Error(`no part ${name}: ${Object.keys(files).join(', ')}`);
  const c = f.content;
  return typeof c === 'string' ? c : Buffer.from(c as Uint8Array).toString('utf8');
}

describe('roster rows as the grid shows them', () => {
  it('ids come back in the given order', () => {
    const ids = [rows[5].id, rows[2].id, rows[9].id];
    expect(selectRosterRows(core.db, { ids }).map(r => r.id)).toEqual(ids);
  });

  it('a view: unit, column filter and sort, plus a combined query', () => {
    const women = selectRosterRows(core.db, { view: { filters: { gender: { type: 'equals', filter: '女' } }, sort: [{ colId: 'birth', sort: 'desc' }] } });
    expect(women.length).toBeGreaterThan(10);
    expect(women.every(r => r.gender === '女')).toBe(true);
    const births = women.map(r => r.birth);
    expect([...births].sort().reverse()).toEqual(births);
    const viaQuery = selectRosterRows(core.db, { view: { query: { where: { join: 'and', items: [{ field: 'gender', op: 'in', value: ['女'] }] } } } });
    expect(viaQuery.map(r => r.id).sort()).toEqual(women.map(r => r.id).sort());
  });
});

describe('roster CSV export', () => {
  it('starts with the UTF-8 BOM, uses CRLF, quotes per RFC 4180 and reads back as UTF-8', () => {
    const buf = buildRosterCsv({ columns: COLUMNS, rows, date: '2026-11-22' });
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(buf)).toContain('姓名');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('序号,姓名,性别,出生年月,年龄,现任职务,身份证号,学历学位（全日制）,备注（说明）');
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[rows.length + 1]).toBe('');
    // SheetJS reads it as UTF-8 (the BOM) with the same values.
    const wb = XLSX.read(buf, { type: 'buffer', raw: true });
    const data = XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets[wb.SheetNames[0]], { raw: false, defval: '' });
    expect(data[0]['姓名']).toBe(rows[0].name);
    expect(data[0]['身份证号']).toBe(rows[0].idNumber);
  });

  it('guards formula-like text with a leading quote and quotes commas, quotes and line breaks', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('普通文本')).toBe('普通文本');
    const buf = buildRosterCsv({ columns: [{ key: 'name' }, { key: 'remarks' }], rows: hostileRows() });
    const lines = buf.toString('utf8').slice(1).split('\r\n');
    expect(lines[1]).toBe(`'=1+1,"'=1+1,""quoted""\nline2"`);
    const wb = XLSX.read(buf, { type: 'buffer', cellFormula: true });
    const ws = wb.Sheets[wb.SheetNames[0]];
    for (const addr of Object.keys(ws).filter(k => !k.startsWith('!'))) expect((ws[addr] as XLSX.CellObject).f).toBeUndefined();
  });
});
