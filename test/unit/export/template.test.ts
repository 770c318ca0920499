import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildImportTemplate,
  CODES_SHEET,
  columnLetter,
  HELP_SHEET,
  TEMPLATE_FIELDS,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_ROWS,
  TEMPLATE_SHEET,
} from '../../../electron/services/export/template';
import { ETHNICITIES, GENDERS } from '../../../shared/domain/roster/codes';
import { CADRE_FIELD_LABELS } from '../../../shared/domain/roster/fields';

let buf: Buffer;
let wb: ExcelJS.Workbook;
beforeAll(async () => {
  buf = await buildImportTemplate('中共滨江市委组织部');
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
});

const colOf = (field: string) => columnLetter(TEMPLATE_FIELDS.indexOf(field as (typeof TEMPLATE_FIELDS)[number]) + 1);

describe('import template', () => {
  it('has the data sheet first, the instructions and the hidden code sheet', () => {
    expect(wb.worksheets.map(w => w.name)).toEqual([TEMPLATE_SHEET, HELP_SHEET, CODES_SHEET]);
    expect(wb.getWorksheet(CODES_SHEET)!.state).toBe('hidden');
    expect(wb.getWorksheet(TEMPLATE_SHEET)!.state).toBe('visible');
    // SheetJS sees the same: the code sheet hidden.
    const book = XLSX.read(buf, { type: 'buffer' });
    const hidden = book.Workbook?.Sheets?.find(s => s.name === CODES_SHEET)?.Hidden;
    expect(hidden).toBe(1);
  });

  it('has the 填报单位 line (本单位名称) above the standard headers, bold and frozen; 姓名 marked required', () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.getCell('A1').value).toBe('填报单位：中共滨江市委组织部');
    expect(TEMPLATE_HEADER_ROW).toBe(2);
    const headers = TEMPLATE_FIELDS.map((_, i) => ws.getRow(2).getCell(i + 1).value);
    expect(headers).toEqual(TEMPLATE_FIELDS.map(f => CADRE_FIELD_LABELS[f]));
    expect(headers).toEqual(expect.arrayContaining(['姓名', '性别', '出生年月', '民族', '身份证号', '政治面貌', '全日制学历', '领导职务层次', '职级', '状态']));
    expect(ws.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(ws.getCell(`${colOf('name')}2`).note).toBeTruthy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('formats the ID and date columns as text so Excel keeps 18 digits and 1985.10', () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    for (const f of ['idNumber', 'birth', 'partyDate', 'workDate']) {
      expect(ws.getColumn(TEMPLATE_FIELDS.indexOf(f as never) + 1).numFmt, f).toBe('@');
    }
    // In the file: the ID column's style has the text number format (49 = '@').
    const book = XLSX.read(buf, { type: 'buffer', bookFiles: true });
    const files = (book as unknown as { files: Record<string, { content: Uint8Array | string }> }).files;
    const text = (n: string) => {
      const c = files[n].content;
      return typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
    };
    const sheet = text('xl/worksheets/sheet1.xml');
    const idCol = TEMPLATE_FIELDS.indexOf('idNumber') + 1;
    const col = new RegExp(`<col min="${idCol}" max="${idCol}"[^>]*style="(\\d+)"`).exec(sheet);
    expect(col).not.toBeNull();
    const styles = text('xl/styles.xml');
    const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*>/g)!;
    expect(xfs[Number(col![1])]).toMatch(/numFmtId="49"/);
  });

  it('puts list validations on coded fields, referencing ranges of the hidden 代码表', () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    const codes = wb.getWorksheet(CODES_SHEET)!;
    const dv = (field: string, row = 3) => ws.getCell(`${colOf(field)}${row}`).dataValidation;
    for (const f of ['gender', 'ethnicity', 'politicalStatus', 'ftEducation', 'ptEducation', 'leadershipLevel', 'rank', 'status']) {
      const v = dv(f);
      expect(v?.type, f).toBe('list');
      expect(String(v?.formulae?.[0]), f).toMatch(new RegExp(`^'?${CODES_SHEET}'?!\\$[A-Z]+\\$2:\\$[A-Z]+\\$\\d+$`));
      expect(dv(f, TEMPLATE_ROWS + 2)?.type, `${f} last row`).toBe('list');
    }
    expect(dv('name')).toBeUndefined();
    // 民族: all 56 names in the referenced range, in the standard order.
    const ref = String(dv('ethnicity')!.formulae![0]);
    const [, c1, r1, r2] = /\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)/.exec(ref)!;
    const names = [];
    for (let r = Number(r1); r <= Number(r2); r++) names.push(codes.getCell(`${c1}${r}`).value);
    expect(names).toEqual(ETHNICITIES.map(e => e.name));
    expect(names).toHaveLength(56);
    const g = String(dv('gender')!.formulae![0]);
    const [, gc, g1, g2] = /\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)/.exec(g)!;
    expect([codes.getCell(`${gc}${g1}`).value, codes.getCell(`${gc}${g2}`).value]).toEqual(GENDERS.map(x => x.name));
    // In the file: dataValidation elements of type list over whole column ranges.
    const book = XLSX.read(buf, { type: 'buffer', bookFiles: true });
    const files = (book as unknown as { files: Record<string, { content: Uint8Array | string }> }).files;
    const c = files['xl/worksheets/sheet1.xml'].content;
    const sheet = typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
    expect(sheet).toContain(`sqref="${colOf('ethnicity')}3:${colOf('ethnicity')}${TEMPLATE_ROWS + 2}"`);
    expect(sheet).toMatch(/<dataValidation type="list"/);
  });

  it('explains in Chinese how to fill it in: dates, IDs as text, required fields', () => {
    const help = wb.getWorksheet(HELP_SHEET)!;
    const text: string[] = [];
    help.eachRow(r => r.eachCell(c => text.push(String(c.value ?? ''))));
    const all = text.join('\n');
    expect(all).toContain('1985.03');
    expect(all).toContain('文本');
    expect(all).toContain('身份证号');
    expect(all).toContain('必填');
    expect(all).toMatch(/2\.10102E\+17/);
  });
});
