/**
 * Reading a workbook the user gave us: .xlsx/.xlsm, .xls (BIFF8), WPS .et,
 * .ods, HTML/XML "xls" exported by web systems, and CSV/TSV text in UTF-8
 * (with or without BOM), UTF-16, GBK or GB18030.
 *
 * Cells are read raw: numbers stay numbers (so an ID stored as a number is
 * caught as precision-lost rather than silently "fixed"), date-formatted
 * numbers become a Date (a day shown) or 'YYYY.MM' text (only year and month
 * shown, as Excel displays it). Every sheet comes back dense with its real
 * extent, whatever its <dimension> claims; hidden rows and columns and merged
 * ranges are kept for the layout detector.
 *
 * Hostile input is refused with a Chinese sentence naming the file and sheet:
 * empty files, files that are not workbooks whatever their extension, ZIPs
 * that inflate to gigabytes, password-protected workbooks, sheets over the
 * row or column limits.
 */
import crypto from 'node:crypto';
import * as XLSX from 'xlsx';
import { importError } from './errors';
import { readZipDirectory } from '../common/zip';
import { decodeText, parseDelimited, sniffKind, zipHoldsWorkbook, type TextEncodingName } from './sniff';
import type { CellRange, CellValue, ReadLimits, SheetData } from './sheet';
import { numberCell, readXlsxFast, type FastSheetErrors } from './xlsx-reader';

export type { CellRange, CellValue, ReadLimits, SheetData } from './sheet';

export type WorkbookFormat = 'xlsx' | 'xlsb' | 'xls' | 'et' | 'ods' | 'html' | 'xml' | 'csv';

export interface WorkbookData {
  fileName: string;
  size: number;
  sha256: string;
  format: WorkbookFormat;
  /** For CSV: the encoding detected. */
  encoding?: TextEncodingName;
  sheets: SheetData[];
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxRows: 200_000,
  maxCols: 500,
  maxInflatedBytes: 1024 * 1024 * 1024,
};

const WORKBOOK_EXT = /\.(xlsx|xlsm|xltx|xltm|xlsb|xls|xlt|et|ett|ods)$/i;
const TEXT_EXT = /\.(csv|txt|tsv)$/i;

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function readWorkbook(bytes: Uint8Array, fileName: string, limits: ReadLimits = DEFAULT_LIMITS): WorkbookData {
  const base = { fileName, size: bytes.length, sha256: sha256(bytes) };
  if (bytes.length === 0) throw importError(`文件「${fileName}」是空文件（0 字节），没有可导入的内容。`);
  if (bytes.length > limits.maxBytes) {
    throw importError(`文件「${fileName}」有 ${mb(bytes.length)}，超过导入上限 ${mb(limits.maxBytes)}；请拆分后分批导入。`);
  }
  const kind = sniffKind(bytes);
  const isEt = /\.(et|ett)$/i.test(fileName);
  switch (kind) {
    case 'zip': {
      const dir = readZipDirectory(bytes);
      if (!dir) throw importError(`文件「${fileName}」已损坏（压缩包结构不完整），无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`);
      if (dir.encrypted) throw passwordError(fileName);
      if (!zipHoldsWorkbook(dir)) {
        throw importError(`文件「${fileName}」不是 Excel 工作簿（是其他程序的压缩文件，例如 Word 文档），无法导入。`);
      }
      if (dir.inflatedBytes > limits.maxInflatedBytes) {
        throw importError(`文件「${fileName}」解压后超过 ${mb(limits.maxInflatedBytes)}，不像是正常的名册，已拒绝导入。`);
      }
      // A bomb by ratio: rosters compress 5–20 times; hundreds of MB out of a file 100 times smaller is not one.
      if (dir.inflatedBytes > 64 * 1024 * 1024 && dir.inflatedBytes > bytes.length * 100) {
        throw importError(`文件「${fileName}」只有 ${mb(bytes.length)}，解压后却有 ${mb(dir.inflatedBytes)}，不像是正常的名册（疑似“压缩炸弹”），已拒绝导入。`);
      }
      const format: WorkbookFormat = dir.names.some(n => /workbook\.bin$/i.test(n)) ? 'xlsb' : dir.names.includes('content.xml') ? 'ods' : 'xlsx';
      // The common case reads lean (xlsx-reader.ts); anything it does not understand goes to SheetJS.
      const fast = format === 'xlsx' ? readXlsxFast(bytes, dir, limits, sheetErrors(fileName, limits)) : null;
      return { ...base, format, sheets: fast ?? readWithSheetJS(bytes, fileName, format, limits) };
    }
    case 'ole':
      // An encrypted .xlsx is an OLE file holding EncryptionInfo + EncryptedPackage.
      if (oleIsEncrypted(bytes)) throw passwordError(fileName);
      return { ...base, format: isEt ? 'et' : 'xls', sheets: readWithSheetJS(bytes, fileName, isEt ? 'et' : 'xls', limits) };
    case 'text': {
      const { text, encoding } = decodeText(bytes);
      const head = text
        .replace(/^\uFEFF/, '')
        .trimStart()
        .slice(0, 200)
        .toLowerCase();
      const markup = head.startsWith('<');
      if (WORKBOOK_EXT.test(fileName) && !(markup && /\.(xls|et)$/i.test(fileName))) {
        throw importError(`文件「${fileName}」的扩展名是工作簿，但内容是纯文本，不是 Excel 工作簿。如果它是 CSV 文件，请把扩展名改为 .csv 后再导入。`);
      }
      if (markup) {
        // "xls" files that are really HTML tables or Excel 2003 XML, as web systems export them.
        const format: WorkbookFormat = head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet') ? 'xml' : 'html';
        return { ...base, format, encoding, sheets: readWithSheetJS(text, fileName, format, limits) };
      }
      // Plain text is read as CSV only when it is named like one.
      if (!TEXT_EXT.test(fileName)) throw notWorkbook(fileName);
      const sheet = sheetName(fileName);
      const rows = parseDelimited(text.replace(/^\uFEFF/, ''), { maxRows: limits.maxRows, maxCols: limits.maxCols, fileName, sheet });
      return { ...base, format: 'csv', encoding, sheets: [denseSheet(sheet, rows)] };
    }
    default:
      throw notWorkbook(fileName);
  }
}

/** The refusals of a sheet over the limits, naming the file and sheet. */
function sheetErrors(fileName: string, limits: ReadLimits): FastSheetErrors {
  const where = (sheet: string) => `文件「${fileName}」的工作表「${sheet}」`;
  return {
    tooWide: (sheet, r, c) =>
      importError(`${where(sheet)}在第 ${r + 1} 行第 ${XLSX.utils.encode_col(c)} 列有内容，超过 ${limits.maxCols} 列的上限，已拒绝导入。`),
    tooLong: sheet => importError(`${where(sheet)}超过 ${limits.maxRows.toLocaleString('en-US')} 行，已拒绝导入；请拆分后分批导入。`),
  };
}

function oleIsEncrypted(bytes: Uint8Array): boolean {
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
    return !!(XLSX.CFB.find(cfb, 'EncryptionInfo') || XLSX.CFB.find(cfb, 'EncryptedPackage'));
  } catch {
    return false; // not a readable OLE file: SheetJS reports it below
  }
}

function notWorkbook(fileName: string) {
  return importError(`文件「${fileName}」不是 Excel 工作簿或 CSV 文件，无法导入。支持 .xlsx、.xls、.et、.csv。`);
}

function passwordError(fileName: string) {
  return importError(`文件「${fileName}」设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中用密码打开，取消加密后另存为 .xlsx，再导入。`);
}

function mb(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

function sheetName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Sheet1';
}

function denseSheet(name: string, rows: (string | null)[][]): SheetData {
  let colCount = 0;
  for (const r of rows) if (r.length > colCount) colCount = r.length;
  return { name, visibility: 'visible', rows, rowCount: rows.length, colCount, hiddenRows: [], hiddenCols: [], merges: [] };
}

/** Every format through SheetJS (exported for the test that holds xlsx-reader.ts to the same answers). */
export function readWithSheetJS(data: Uint8Array | string, fileName: string, format: WorkbookFormat, limits: ReadLimits): SheetData[] {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(data, {
      type: typeof data === 'string' ? 'string' : 'buffer',
      dense: true,
      // Hidden rows and columns are only read with cellStyles; cellNF keeps the number format
      // so date cells can be told from numbers.
      cellStyles: true,
      cellNF: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      // No formatted text (cell.w): the importer reads values, and formatting every cell is slow.
      cellText: false,
      // Stop reading a sheet one row past the limit: a huge sheet is refused, not loaded.
      sheetRows: limits.maxRows + 1,
    });
  } catch (err) {
    const msg = String((err as Error)?.message ?? err);
    if (/password|encrypt/i.test(msg)) throw passwordError(fileName);
    if (format === 'et') {
      throw importError(`无法读取 WPS 表格文件「${fileName}」（新版 .et 格式不受支持）。请在 WPS 中另存为 .xlsx 后再导入。`);
    }
    throw importError(`文件「${fileName}」已损坏或格式不受支持，无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`, { reason: msg.slice(0, 300) });
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const meta = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const hidden = meta[i]?.Hidden ?? 0;
    const visibility = hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible';
    return toSheet(ws, name, visibility, date1904, fileName, limits);
  });
}

type DenseSheet = XLSX.WorkSheet & { '!data'?: (XLSX.CellObject | undefined)[][] };

function toSheet(
  ws: DenseSheet | undefined,
  name: string,
  visibility: SheetData['visibility'],
  date1904: boolean,
  fileName: string,
  limits: ReadLimits,
): SheetData {
  const errors = sheetErrors(fileName, limits);
  const data = ws?.['!data'] ?? [];
  const rows: CellValue[][] = [];
  let rowCount = 0;
  let colCount = 0;
  // Only rows that exist are visited (forEach skips holes), so a sheet claiming a million
  // rows with ten cells costs ten cells.
  data.forEach((row, r) => {
    if (!row) return;
    let out: CellValue[] | null = null;
    row.forEach((cell, c) => {
      const v = cell ? cellValue(cell, date1904) : null;
      if (v === null || v === '') return;
      if (c + 1 > limits.maxCols) throw errors.tooWide(name, r, c);
      out ??= [];
      out[c] = v;
      if (c + 1 > colCount) colCount = c + 1;
    });
    if (out) {
      if (r + 1 > limits.maxRows) throw errors.tooLong(name);
      rows[r] = out;
      rowCount = r + 1;
    }
  });
  for (let r = 0; r < rowCount; r++) {
    const row = rows[r];
    if (!row) rows[r] = [];
    else for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
  }
  rows.length = rowCount;
  const clamp = (m: XLSX.Range): CellRange | null => {
    if (m.s.r >= rowCount || m.s.c >= colCount) return null;
    return { s: { r: m.s.r, c: m.s.c }, e: { r: Math.min(m.e.r, rowCount - 1), c: Math.min(m.e.c, colCount - 1) } };
  };
  const hiddenRows: number[] = [];
  (ws?.['!rows'] ?? []).forEach((info, r) => {
    if (info?.hidden && r < rowCount) hiddenRows.push(r);
  });
  const hiddenCols: number[] = [];
  (ws?.['!cols'] ?? []).forEach((info, c) => {
    if (info?.hidden && c < colCount) hiddenCols.push(c);
  });
  const declared = ws?.['!fullref'] ?? ws?.['!ref'];
  let declaredRef: string | undefined;
  if (declared) {
    const d = XLSX.utils.decode_range(declared);
    if (d.e.r + 1 > rowCount + 1000 || d.e.c + 1 > Math.max(colCount, limits.maxCols)) declaredRef = declared;
  }
  return {
    name,
    visibility,
    rows,
    rowCount,
    colCount,
    hiddenRows,
    hiddenCols,
    merges: (ws?.['!merges'] ?? []).map(clamp).filter((m): m is CellRange => m !== null),
    ...(declaredRef ? { declaredRef } : {}),
  };
}

/** Excel's error values by their BIFF codes (cell.v of an error cell). */
const XLSX_ERRORS = new Map<number, string>([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);

function cellValue(cell: XLSX.CellObject, date1904: boolean): CellValue {
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n':
      return numberCell(cell.v as number, typeof cell.z === 'string' ? cell.z : '', date1904);
    case 'd':
      return cell.v instanceof Date ? cell.v : String(cell.v ?? '');
    case 'b':
      return cell.v ? '是' : '否';
    case 'e':
      return typeof cell.w === 'string' ? cell.w : (XLSX_ERRORS.get(cell.v as number) ?? '#错误');
    default:
      return null;
  }
}
