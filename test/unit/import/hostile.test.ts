/**
 * The hostile-file corpus through the Excel import (importStart, as the app's
 * file dialog and the browser-mode upload call it): every broken or hostile
 * file gets a clear Chinese message naming it, or for a benign one a clean
 * result; each finishes within a time and memory bound measured here; nothing
 * reaches the database; header text never becomes an object key.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { listCadres } from '../../../electron/services/roster/cadres';
import { cadreInserter } from '../../../electron/services/roster/cadres';
import { DEFAULT_LIMITS, readWorkbook } from '../../../electron/services/import/read';
import zlib from 'node:zlib';
import type { ImportJob, PreviewRow } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';
import { dbFingerprint, editXlsxPart, encodeGbk, encryptedWorkbook, ID, tmpFile, writeSheet } from './fixtures';
import { call, planFile, settle } from './support';
import { entryOf, inflatingEntry, LAUGHS_DTD, SHEET_HEAD, withinBounds, xlsxWith } from '../../support/hostile-corpus';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let before: ReturnType<typeof dbFingerprint>;
beforeEach(() => {
  tmp = tempDir('cadre-import-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  cadreInserter(core.db)({ unitId: null, name: '已有干部', idNumber: ID.wang, birth: '1978-01' });
  before = dbFingerprint(core.db);
});
afterEach(() => {
  expect(dbFingerprint(core.db)).toEqual(before); // whatever happened, nothing was written
  core.close();
  tmp.cleanup();
});

/** Reads and plans a file through importStart (by path, or as the page uploads it), within the bounds. */
async function importJob(name: string, bytes: Buffer | string, door: 'path' | 'upload' = 'path'): Promise<ImportJob> {
  const file = tmpFile(tmp.dir, name);
  fs.writeFileSync(file, bytes);
  const source = door === 'path' ? { path: file } : { name, base64: Buffer.from(bytes).toString('base64') };
  const { value } = await withinBounds(async () => {
    const { jobId } = await call<{ jobId: string }>(core, 'importStart', { source, plan: {} });
    return settle(core, jobId);
  });
  return value;
}

async function refused(name: string, bytes: Buffer | string, door: 'path' | 'upload' = 'path'): Promise<string> {
  const job = await importJob(name, bytes, door);
  expect(job.state).toBe('failed');
  expect(job.error!.message).toContain(`「${name}」`);
  expect(job.error!.message).toMatch(/[\u4e00-\u9fff]/);
  return job.error!.message;
}

describe('files that are not workbooks', () => {
  it('an empty (0-byte) file', async () => {
    expect(await refused('空.xlsx', Buffer.alloc(0))).toMatch(/空文件（0 字节）/);
  });

  it('a picture renamed .xlsx', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    expect(await refused('照片.xlsx', png)).toMatch(/不是 Excel 工作簿或 CSV 文件/);
  });

  it('a text file renamed .xlsx', async () => {
    expect(await refused('名单.xlsx', '姓名,性别\n张三,男\n')).toMatch(/内容是纯文本.*改为 \.csv/);
  });

  it('text that is not named .csv (any file the path could point at)', async () => {
    expect(await refused('notes.md', '姓名,性别\n张三,男\n')).toMatch(/不是 Excel 工作簿或 CSV 文件/);
  });

  it('another program’s ZIP (a Word document) renamed .xlsx', async () => {
    const file = tmpFile(tmp.dir, 'doc.xlsx');
    writeSheet(file, [['姓名'], ['张三']]);
    // Rename every workbook part: still a valid ZIP, no workbook inside.
    const bytes = fs.readFileSync(file);
    const doc = Buffer.from(bytes.toString('latin1').replaceAll('xl/', 'wd/'), 'latin1');
    expect(await refused('报告.xlsx', doc)).toMatch(/不是 Excel 工作簿（是其他程序的压缩文件/);
  });

  it('a truncated .xlsx', async () => {
    const file = tmpFile(tmp.dir, 't.xlsx');
    writeSheet(file, [['姓名'], ['张三']]);
    expect(await refused('半截.xlsx', fs.readFileSync(file).subarray(0, 300))).toMatch(/已损坏/);
  });

  it('a password-protected workbook', async () => {
    const file = tmpFile(tmp.dir, 'enc.xlsx');
    encryptedWorkbook(file);
    expect(await refused('加密.xlsx', fs.readFileSync(file))).toMatch(/设置了打开密码（已加密）/);
  });

  it('a ZIP that would inflate to gigabytes', async () => {
    const file = tmpFile(tmp.dir, 'bomb.xlsx');
    writeSheet(file, [['姓名'], ['张三']]);
    const bytes = fs.readFileSync(file);
    // Patch the declared uncompressed size of every central-directory entry to ~4 GB.
    for (let i = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
      bytes.writeUInt32LE(0xfffffff0, i + 24);
    }
    expect(await refused('炸弹.xlsx', bytes)).toMatch(/解压后超过/);
  });
});

const ROSTER = [
  ['姓名', '性别'],
  ['张三', '男'],
];
const cellXml = (text: string) =>
  `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData>`;

describe('bombs and hostile XML inside an .xlsx', () => {
  const padded = (mb: number) =>
    inflatingEntry('xl/worksheets/sheet1.xml', SHEET_HEAD + cellXml('张三').replace('</sheetData>', ''), '<row r="9"></row>', mb, '</sheetData></worksheet>');

  it('a ZIP bomb by ratio: a small .xlsx whose sheet inflates to 300 MB is refused before inflating', async () => {
    const bytes = xlsxWith(ROSTER, [padded(300)]);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refused('压缩炸弹.xlsx', bytes, 'upload')).toMatch(/解压后却有 300(\.\d)? MB.*压缩炸弹/);
  });

  it('the same bomb with headers that lie about the size (2 KB declared) inflates no further than declared', async () => {
    const job = await importJob('说谎.xlsx', xlsxWith(ROSTER, [{ ...padded(300), declared: 2048 }]));
    // SheetJS stops at the declared size: the sheet reads as cut off (nothing to import), never as 300 MB.
    expect(job.state).toBe('planned');
    expect(job.inspection!.sheets.every(s => s.rowCount < 10)).toBe(true);
    expect(job.preview!.counts.new).toBe(0);
  });

  it.each([
    ['the sheet', 'xl/worksheets/sheet1.xml', SHEET_HEAD.replace(/^<\?xml[^>]*>/, '<?xml version="1.0"?>' + LAUGHS_DTD) + cellXml('&lol9;') + '</worksheet>'],
    [
      'sharedStrings',
      'xl/sharedStrings.xml',
      '<?xml version="1.0"?>' +
        LAUGHS_DTD +
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>姓名</t></si><si><t>&lol9;</t></si></sst>',
    ],
  ])('billion laughs in %s: the entity is never expanded', async (_where, part, xml) => {
    const job = await importJob('实体.xlsx', xlsxWith(ROSTER, [entryOf(part, xml)]));
    const text = JSON.stringify(job);
    expect(text).not.toMatch(/(lol){20}/);
    expect(job.state).toBe('planned');
  });

  it('deeply nested XML (100,000 levels) in a cell', async () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    const job = await importJob('嵌套.xlsx', xlsxWith(ROSTER, [entryOf('xl/worksheets/sheet1.xml', SHEET_HEAD + cellXml(deep) + '</worksheet>')]));
    expect(job.state).toBe('planned');
    expect(job.preview!.counts.new).toBe(0);
  });

  it('GBK bytes in a sheet that says UTF-8: read without crashing, never as the intended names', async () => {
    const sheet = Buffer.concat([
      Buffer.from(SHEET_HEAD + cellXml('').split('<t></t>')[0] + '<t>', 'utf8'),
      encodeGbk('张三'),
      Buffer.from('</t>' + cellXml('').split('<t></t>')[1] + '</worksheet>', 'utf8'),
    ]);
    const job = await importJob(
      '编码.xlsx',
      xlsxWith(ROSTER, [{ name: 'xl/worksheets/sheet1.xml', deflated: zlib.deflateRawSync(sheet), crc: zlib.crc32(sheet), size: sheet.length }]),
    );
    expect(job.state).toBe('planned');
    expect(JSON.stringify(job.preview)).not.toContain('张三');
  });
});

describe('text in the wrong encoding', () => {
  it('a CSV in GBK (as Excel on Chinese Windows saves it) is read as GBK', async () => {
    const job = await importJob('名单.csv', encodeGbk('姓名,性别\r\n张三,男\r\n'), 'upload');
    expect(job.state).toBe('planned');
    expect(job.inspection!.files[0].encoding).toMatch(/gb/i);
    expect(job.preview!.counts.new).toBe(1);
  });

  it('a CSV of bytes that are neither UTF-8 nor GBK text gets a Chinese answer, not a crash', async () => {
    const bytes = Buffer.concat([Buffer.from('姓名,性别\n'), Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xc0, 0xc1, 0xf5, 0xff, 0x2c, 0x80, 0x0a])]);
    const job = await importJob('乱码.csv', bytes);
    expect(job.state).toBe('planned');
    expect(job.preview!.counts.new).toBe(0);
  });
});

describe('sheets claiming or holding too much', () => {
  it('a sheet claiming a million rows and columns is read by its real cells, quickly, with a note', async () => {
    const file = tmpFile(tmp.dir, '声明.xlsx');
    writeSheet(file, [
      ['姓名', '性别'],
      ['张三', '男'],
    ]);
    editXlsxPart(file, '/xl/worksheets/sheet1.xml', xml => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
    expect(fs.readFileSync(file).length).toBeLessThan(20_000);
    const started = Date.now();
    const job = await planFile(core, file);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(job.inspection!.sheets[0]).toMatchObject({ rowCount: 2, colCount: 2, dataRows: 1 });
    expect(job.preview!.issues.map(i => i.message)).toContainEqual(expect.stringMatching(/声明的范围是 A1:XFD1048576.*按实际内容（2 行 2 列）读取/));
    expect(job.preview!.counts.new).toBe(1);
  });

  it('a sheet with a real cell in column XFD is refused', async () => {
    const file = tmpFile(tmp.dir, 'wide.xlsx');
    writeSheet(file, [['姓名'], ['张三']]);
    editXlsxPart(file, '/xl/worksheets/sheet1.xml', xml =>
      xml
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD2"/>')
        .replace('</row></sheetData>', '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'),
    );
    const { jobId } = await call<{ jobId: string }>(core, 'importStart', { source: { path: file } });
    const job = await settle(core, jobId);
    expect(job.error?.message).toMatch(/文件「wide\.xlsx」的工作表「Sheet1」在第 2 行第 XFD 列有内容，超过 500 列的上限/);
  });

  it('a sheet over the row limit is refused (limit lowered for the test)', () => {
    const file = tmpFile(tmp.dir, 'long.xlsx');
    writeSheet(file, [['姓名'], ...Array.from({ length: 150 }, (_, i) => [`人${i}`])]);
    expect(() => readWorkbook(fs.readFileSync(file), 'long.xlsx', { ...DEFAULT_LIMITS, maxRows: 100 })).toThrow(/「long\.xlsx」的工作表「Sheet1」超过 100 行/);
    const csv = Buffer.from('姓名\n' + '张三\n'.repeat(150));
    expect(() => readWorkbook(csv, 'long.csv', { ...DEFAULT_LIMITS, maxRows: 100 })).toThrow(/「long\.csv」.*超过 100 行/);
  });

  it('a merge over the whole sheet costs nothing', async () => {
    const file = tmpFile(tmp.dir, 'merge.xlsx');
    writeSheet(file, [
      ['姓名', '性别'],
      ['张三', '男'],
      ['李四', '女'],
    ]);
    editXlsxPart(file, '/xl/worksheets/sheet1.xml', xml =>
      xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'),
    );
    const job = await planFile(core, file);
    expect(job.inspection!.sheets[0].dataRows).toBe(2);
  });
});

describe('header text is data, never an object key', () => {
  it('__proto__, constructor and prototype as headers', async () => {
    const file = tmpFile(tmp.dir, 'proto.xlsx');
    writeSheet(file, [
      ['姓名', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', '性别'],
      ['张三', '{"polluted":1}', 'x', 'y', 'z', '男'],
    ]);
    const job = await planFile(core, file);
    const sheet = job.inspection!.sheets[0];
    expect(sheet.columns.map(c => [c.header, c.field])).toEqual([
      ['姓名', 'name'],
      ['__proto__', null],
      ['constructor', null],
      ['prototype', null],
      ['hasOwnProperty', null],
      ['性别', 'gender'],
    ]);
    expect(sheet.unmapped).toEqual(['__proto__', 'constructor', 'prototype', 'hasOwnProperty']);
    // Mapped on purpose, they are ordinary columns.
    await call(core, 'importPlan', {
      jobId: job.jobId,
      options: { mapping: JSON.parse('[{"header":"__proto__","field":"remarks"},{"header":"constructor","field":"post"}]') },
    });
    await settle(core, job.jobId);
    const rows = (await call<{ rows: PreviewRow[] }>(core, 'importPreviewRows', { jobId: job.jobId, action: 'new' })).rows;
    expect(rows[0].values.map(v => [v.field, v.value])).toEqual([
      ['name', '张三'],
      ['remarks', '{"polluted":1}'],
      ['post', 'x'],
      ['gender', '男'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(listCadres(core.db).map(c => c.name)).toEqual(['已有干部']);
  });

  it('a mapping naming a field that does not exist is refused by the contract', async () => {
    const file = tmpFile(tmp.dir, 'p.xlsx');
    writeSheet(file, [['姓名'], ['张三']]);
    const job = await planFile(core, file);
    const r = await core.dispatch('importPlan', { jobId: job.jobId, options: { mapping: [{ header: '姓名', field: '__proto__' }] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
