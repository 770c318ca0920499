/**
 * What kind of file the user gave us, decided by its bytes (never by its name
 * alone), and the guards that run before any parser sees it: a ZIP must hold
 * a workbook and must not inflate to gigabytes, text must decode.
 */
import zlib from 'node:zlib';
import { importError } from './errors';

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

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

export interface ZipDirectory {
  names: string[];
  entries: ZipEntry[];
  /** Sum of the declared uncompressed sizes. */
  inflatedBytes: number;
  /** Any entry with the traditional-encryption flag (bit 0). */
  encrypted: boolean;
}

/**
 * Reads the ZIP central directory (without inflating anything). Null when the
 * bytes are not a well-formed ZIP (a truncated download, a renamed file that
 * merely starts with 'PK').
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65535.
  const floor = Math.max(0, bytes.length - 22 - 65535);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  let at = view.getUint32(eocd + 16, true);
  if (at === 0xffffffff || count === 0xffff) return null; // ZIP64: no workbook needs it
  if (at + size > bytes.length) return null;
  const names: string[] = [];
  const entries: ZipEntry[] = [];
  let inflated = 0;
  let encrypted = false;
  // Names are UTF-8 when flagged (bit 11); Chinese Windows writes GBK without the flag.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gbk = new TextDecoder('gb18030');
  const decode = (b: Uint8Array) => {
    try {
      return utf8.decode(b);
    } catch {
      return gbk.decode(b);
    }
  };
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    if (at + 46 + nameLen > bytes.length) return null;
    const name = decode(bytes.subarray(at + 46, at + 46 + nameLen));
    names.push(name);
    entries.push({ name, method, compressedSize: compressed, size: uncompressed, offset: view.getUint32(at + 42, true) });
    inflated += uncompressed;
    if (flags & 1) encrypted = true;
    at += 46 + nameLen + extraLen + commentLen;
  }
  return { names, entries, inflatedBytes: inflated, encrypted };
}

/**
 * One entry's bytes, inflated no further than its declared size (a header that lies about
 * the size cannot make it inflate more). Null when the entry cannot be read.
 */
export function zipEntryBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const body = bytes.subarray(start, start + entry.compressedSize);
  if (body.length < entry.compressedSize) return null;
  if (entry.method === 0) return body;
  if (entry.method !== 8) return null;
  try {
    return zlib.inflateRawSync(body, { maxOutputLength: Math.max(1, entry.size) });
  } catch {
    return null;
  }
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
