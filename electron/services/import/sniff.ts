/**
 * What kind of file the user gave us, decided by its bytes (never by its name
 * alone), and the guards that run before any parser sees it: a ZIP must hold
 * a workbook and must not inflate to gigabytes, text must decode.
 */
import { importError } from './errors';
import type { ZipDirectory } from '../common/zip';

export type FileKind = 'zip' | 'ole' | 'text' | 'unknown';

export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffKind(bytes: Uint8Array): FileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b)) return 'ole';
  if (looksLikeText(bytes)) return 'text';
  return 'unknown';
}

/** No NUL bytes and few control characters in the first 8 KB (UTF-16 with a BOM counts as text). */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control <= n / 100;
}

/** Workbook formats SheetJS reads from a ZIP: OOXML (xlsx/xlsm/xlsb) and OpenDocument (ods). */
export function zipHoldsWorkbook(dir: ZipDirectory): boolean {
  const lower = new Set(dir.names.map(n => n.toLowerCase().replace(/^\//, '')));
  return (
    lower.has('xl/workbook.xml') ||
    lower.has('xl/workbook.bin') ||
    [...lower].some(n => /^xl\/workbook\d*\.(xml|bin)$/.test(n)) ||
    (lower.has('content.xml') && lower.has('mimetype'))
  );
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decodes CSV text as Chinese Excel and WPS save it: a BOM decides; without
 * one, bytes that are valid UTF-8 are UTF-8, anything else is GB18030 (a
 * superset of GBK and GB2312, so all three read correctly).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * RFC 4180 CSV (also tab-separated text): quoted fields with "" escapes and
 * line breaks inside quotes. Every cell stays text, exactly as written: no
 * number or date guessing, so an 18-digit ID keeps all its digits.
 * `maxRows` / `maxCols` stop a hostile file early (the caller reports it).
 */
export function parseDelimited(text: string, opts: { maxRows: number; maxCols: number; fileName: string; sheet: string }): (string | null)[][] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endField = () => {
    row.push(field === '' ? null : field);
    if (row.length > opts.maxCols) {
      throw importError(`文件「${opts.fileName}」的「${opts.sheet}」超过 ${opts.maxCols} 列，不像是干部名册，已拒绝导入。`);
    }
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    if (rows.length > opts.maxRows) {
      throw importError(`文件「${opts.fileName}」的「${opts.sheet}」超过 ${opts.maxRows.toLocaleString('en-US')} 行，已拒绝导入；请拆分后分批导入。`);
    }
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
