/**
 * Workbooks the import tests read, generated on the fly (never committed):
 * ExcelJS for the messy real-world layout (merges, hidden rows, date formats),
 * SheetJS for .xls (BIFF8) and for editing the XML inside an .xlsx.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import type { Database } from '../../../electron/db/database';

export const ID = {
  zhang: makeIdNumber('210102', '1985-03-12', 101, '男'),
  li: makeIdNumber('210103', '1990-10-05', 202, '女'),
  wang: makeIdNumber('210104', '1978-01-20', 303, '男'),
  zhao: makeIdNumber('210105', '1982-07-01', 404, '女'),
  sun: makeIdNumber('210106', '1995-11-30', 505, '男'),
  hidden: makeIdNumber('210107', '1988-08-08', 606, '男'),
};

/**
 * The roster as offices send it: a merged title, the 填报单位/日期 line, a three-row
 * header (学历学位 → 全日制教育 / 在职教育 → 学历 / 毕业院校系及专业), the unit merged down
 * over its people, 小计 and 合计 rows, a hidden row, a blank row and footnotes.
 *
 *   row 1  title                      row 6–8   市财政局 (B6:B8 merged): 张三, 李四, 王五
 *   row 2  填报单位/填报日期          row 9     小计
 *   row 3–5 header                    row 10–12 市教育局 (B10:B12 merged): 赵六, (hidden) 周八, 孙七
 *                                     row 13 合计, row 14 blank, row 15 注：…, row 16 填表人：…
 */
export async function messyRoster(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('市管干部');
  ws.mergeCells('A1:L1');
  ws.getCell('A1').value = 'XX市市管干部名册';
  ws.mergeCells('A2:L2');
  ws.getCell('A2').value = '填报单位：XX市委组织部（盖章）        填报日期：2024年6月30日';
  const single: [string, string][] = [
    ['A', '序号'],
    ['B', '单位'],
    ['C', '姓  名'],
    ['D', '性别'],
    ['E', '出生\n年月'],
    ['F', '民族'],
    ['K', '现任职务'],
    ['L', '身份证号码'],
    ['M', '年龄'],
  ];
  for (const [col, text] of single) {
    ws.mergeCells(`${col}3:${col}5`);
    ws.getCell(`${col}3`).value = text;
  }
  ws.mergeCells('G3:J3');
  ws.getCell('G3').value = '学历学位';
  ws.mergeCells('G4:H4');
  ws.getCell('G4').value = '全日制教育';
  ws.mergeCells('I4:J4');
  ws.getCell('I4').value = '在职教育';
  ws.getCell('G5').value = '学历';
  ws.getCell('H5').value = '毕业院校系及专业';
  ws.getCell('I5').value = '学历';
  ws.getCell('J5').value = '毕业院校系及专业';

  const people: (string | number | Date | null)[][] = [
    // 序号, 单位, 姓名, 性别, 出生年月, 民族, 全日制学历, 院校, 在职学历, 院校, 现任职务, 身份证号
    [1, '市财政局', '张　三', '男', '1985.03', '汉', '大学本科', '东北大学会计学专业', '研究生', '省委党校经济学专业', '局长', ID.zhang],
    [2, null, '李四', '女', new Date(Date.UTC(1990, 9, 1)), '汉族', '硕士研究生', '辽宁大学财政学专业', null, null, '副局长', ID.li],
    [3, null, '王五', '1', 1978.1, '满', '大学', '沈阳工业大学', null, null, '总会计师', ID.wang],
  ];
  people.forEach((p, i) => (ws.getRow(6 + i).values = p));
  ws.getCell('E7').numFmt = 'yyyy.mm';
  ws.mergeCells('B6:B8');
  ws.getRow(9).values = ['', '小计', '3人'];
  const more: (string | number | null)[][] = [
    [4, '市教育局', '赵六', '女', '1982.07', '汉族', '大学', '东北师范大学', null, null, '局长', ID.zhao],
    [5, null, '周八', '男', '1988.08', '汉族', '大学', null, null, null, '科员', ID.hidden],
    [6, null, '孙七', '男', '199511', '回族', '大学本科', '辽宁师范大学', null, null, '副局长', ID.sun],
  ];
  more.forEach((p, i) => (ws.getRow(10 + i).values = p));
  ws.mergeCells('B10:B12');
  ws.getRow(11).hidden = true;
  // 年龄 as the formula offices use; only its cached value is in the file.
  for (const r of [6, 7, 8, 10, 11, 12]) ws.getCell(`M${r}`).value = { formula: `2024-LEFT(E${r},4)`, result: 40 };
  ws.getRow(13).values = ['合计', null, '6人'];
  ws.getCell('A15').value = '注：1. 出生年月按身份证填写；2. 年龄计算至填报日期。';
  ws.getCell('A16').value = '填表人：王小二    审核人：李大三';
  await wb.xlsx.writeFile(file);
}

/** A plain one-row-header sheet (SheetJS) from an array of arrays. */
export function writeSheet(file: string, aoa: unknown[][], opts: { bookType?: XLSX.BookType; sheet?: string } = {}): void {
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, opts.sheet ?? 'Sheet1');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: opts.bookType ?? 'xlsx' }));
}

/**
 * GBK bytes for a text, from a lookup built by decoding every GBK double-byte code once.
 * Node has no GBK encoder; the lookup is checked against code points known by heart
 * (中 D6D0, 国 B9FA, 男 C4D0, 女 C5AE) so a wrong table would fail loudly.
 */
let gbkTable: Map<string, number[]> | null = null;
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
    const known: [string, number[]][] = [
      ['中', [0xd6, 0xd0]],
      ['国', [0xb9, 0xfa]],
      ['男', [0xc4, 0xd0]],
      ['女', [0xc5, 0xae]],
    ];
    for (const [ch, bytes] of known) if (JSON.stringify(gbkTable.get(ch)) !== JSON.stringify(bytes)) throw new Error(`GBK table wrong for ${ch}`);
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

/** Rewrites one part of an .xlsx (a ZIP) through SheetJS's CFB/ZIP container code. */
export function editXlsxPart(file: string, part: string, edit: (xml: string) => string): void {
  const cfb = XLSX.CFB.read(fs.readFileSync(file), { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, part);
  if (!entry) throw new Error(`no part ${part}`);
  entry.content = Buffer.from(edit(Buffer.from(entry.content).toString('utf8')), 'utf8');
  fs.writeFileSync(file, Buffer.from(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer' })));
}

/** An OLE compound file as Office writes a password-protected .xlsx: EncryptionInfo + EncryptedPackage. */
export function encryptedWorkbook(file: string): void {
  const cfb = XLSX.CFB.utils.cfb_new();
  // Agile encryption header (version 4.4) followed by an XML descriptor, then random "ciphertext".
  const info = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
    Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"></encryption>'),
  ]);
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', crypto.randomBytes(4096));
  XLSX.CFB.utils.cfb_add(cfb, '/\u0006DataSpaces/Version', Buffer.alloc(64));
  fs.writeFileSync(file, Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' })));
}

/** Row count and a checksum of every cadre row with its child rows: "the database is unchanged". */
export function dbFingerprint(db: Database): { cadres: number; units: number; runs: number; hash: string } {
  const h = crypto.createHash('sha256');
  for (const [table, order] of [
    ['cadres', 'id'],
    ['cadre_tags', 'cadre_id, tag'],
    ['cadre_family', 'id'],
    ['cadre_assessments', 'cadre_id, year'],
    ['units', 'id'],
  ]) {
    h.update(JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()));
  }
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    cadres: n('SELECT count(*) AS n FROM cadres'),
    units: n('SELECT count(*) AS n FROM units'),
    runs: n('SELECT count(*) AS n FROM import_runs'),
    hash: h.digest('hex'),
  };
}

export const tmpFile = (dir: string, name: string) => path.join(dir, name);
