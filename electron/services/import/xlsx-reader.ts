/**
 * A lean reader for the one format most rosters come in: OOXML .xlsx. It reads
 * only what the importer uses — values (shared strings, inline strings,
 * numbers, booleans, errors, cached formula results), the number formats that
 * make a number a date, hidden rows and columns, merged ranges, sheet
 * visibility — scanning each worksheet's XML as bytes, in one pass, without
 * building a cell object per cell. A 100,000-row roster reads in a fraction
 * of SheetJS's time and memory.
 *
 * It returns null for anything it does not understand (a part missing, a
 * strict-OOXML namespace, a cell reference out of order): the caller then
 * reads the file with SheetJS, as every other format is read. Hostile input
 * gets the same guards: the ZIP's declared sizes were checked before, each
 * part inflates no further than declared, rows and columns are bounded, and
 * the scanner is a loop (no recursion, however deep the XML).
 */
import * as XLSX from 'xlsx';
import type { CellValue, ReadLimits, SheetData } from './sheet';
import { zipEntryBytes, type ZipDirectory } from '../common/zip';

export interface FastSheetErrors {
  /** A cell beyond the column limit (0-based row and column). */
  tooWide(sheet: string, r: number, c: number): Error;
  tooLong(sheet: string): Error;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;

const utf8 = new TextDecoder('utf-8');

/** Line ends as XML reads them (CRLF and CR are LF), then &amp; &lt; &gt; &quot; &apos; &#N; &#xN; and Excel's _xHHHH_ escapes. */
function unescapeXml(s: string): string {
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
      switch (e) {
        case 'amp':
          return '&';
        case 'lt':
          return '<';
        case 'gt':
          return '>';
        case 'quot':
          return '"';
        case 'apos':
          return "'";
        default: {
          const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
        }
      }
    });
  }
  if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** Attribute value in a tag's text ('name="x"'), or null. */
function attr(tag: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : null;
}

/** Texts of <t> elements inside one <si> or <is>, phonetic runs (<rPh>) left out. */
function richText(xml: string): string {
  // The common case: one plain <t>.
  if (xml.startsWith('<t>') && xml.endsWith('</t>') && xml.indexOf('<', 3) === xml.length - 4) return unescapeXml(xml.slice(3, -4));
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  const re = /<t\b[^>]*?(\/>|>([\s\S]*?)<\/t>)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out += m[2] ?? '';
  return unescapeXml(out);
}

/** Column letters → 0-based index; -1 when there are none. */
function columnIndex(b: Uint8Array, from: number, to: number): number {
  let c = 0;
  let any = false;
  for (let i = from; i < to; i++) {
    const ch = b[i];
    if (ch >= 0x41 && ch <= 0x5a) c = c * 26 + (ch - 0x40);
    else if (ch >= 0x61 && ch <= 0x7a) c = c * 26 + (ch - 0x60);
    else break;
    any = true;
  }
  return any ? c - 1 : -1;
}

interface Parts {
  get(name: string): Uint8Array | null;
}

function zipParts(bytes: Uint8Array, dir: ZipDirectory): Parts {
  const byName = new Map(dir.entries.map(e => [e.name.replace(/^\//, '').toLowerCase(), e]));
  return {
    get(name) {
      const e = byName.get(name.replace(/^\//, '').toLowerCase());
      return e ? zipEntryBytes(bytes, e) : null;
    },
  };
}

/** Number formats by style index (cellXfs), with the built-in table for ids below 164. */
function styleFormats(xml: string | null): string[] {
  if (xml === null) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (Number.isFinite(id) && code !== null) custom.set(id, code);
  }
  const table = XLSX.SSF.get_table() as Record<number, string>;
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map(m => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    return custom.get(id) ?? table[id] ?? '';
  });
}

/** Strips quoted literals and [..] sections from a number format: what is left are the codes. */
function formatCodes(z: string): string {
  return z
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
}

/**
 * A number cell as the importer reads it: date-formatted numbers become a Date (a day
 * shown) or 'YYYY.MM' text (only year and month shown, as Excel displays them); a time
 * of day and every other number stay numbers.
 */
export function numberCell(v: number, z: string, date1904: boolean): CellValue {
  const kind = z ? dateKind(z) : 'number';
  if (kind === 'number') return v;
  const p = XLSX.SSF.parse_date_code(v, { date1904 }) as { y: number; m: number; d: number } | null;
  if (!p) return v;
  if (kind === 'yearMonth') return `${p.y}.${String(p.m).padStart(2, '0')}`;
  return new Date(Date.UTC(p.y, p.m - 1, p.d));
}

const kinds = new Map<string, 'number' | 'yearMonth' | 'date'>();
/** What a number format makes of a number: a date with a day, a year and month, or a number (a time of day too). */
function dateKind(z: string): 'number' | 'yearMonth' | 'date' {
  let kind = kinds.get(z);
  if (kind) return kind;
  const codes = formatCodes(z).toLowerCase();
  kind = !XLSX.SSF.is_date(z) || (!codes.includes('y') && !codes.includes('d')) ? 'number' : codes.includes('d') ? 'date' : 'yearMonth';
  if (kinds.size < 1000) kinds.set(z, kind);
  return kind;
}

/** Every sheet of an .xlsx, or null when the file needs SheetJS. */
export function readXlsxFast(bytes: Uint8Array, dir: ZipDirectory, limits: ReadLimits, errors: FastSheetErrors): SheetData[] | null {
  const parts = zipParts(bytes, dir);
  const text = (name: string) => {
    const b = parts.get(name);
    return b ? utf8.decode(b) : null;
  };
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  // Strict OOXML (ISO 29500 strict) uses other namespaces: SheetJS knows them.
  if (!workbook || !rels || workbook.includes('purl.oclc.org/ooxml')) return null;
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    const type = attr(m[0], 'Type') ?? '';
    if (id && target && /\/worksheet$/.test(type)) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sstXml = text('xl/sharedStrings.xml');
  const sst: string[] = sstXml ? [...sstXml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map(m => richText(m[1] ?? '')) : [];
  const formats = styleFormats(text('xl/styles.xml'));
  const sheets: SheetData[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? '';
    const rid = attr(m[0], 'r:id') ?? attr(m[0], 'id');
    const state = attr(m[0], 'state');
    const path = rid ? targets.get(rid) : undefined;
    if (!path) continue; // a chart sheet: no cells
    const xml = parts.get(path);
    if (!xml) return null;
    const sheet = readSheet(xml, name, sst, formats, date1904, limits, errors);
    if (!sheet) return null;
    sheet.visibility = state === 'veryHidden' ? 'veryHidden' : state === 'hidden' ? 'hidden' : 'visible';
    sheets.push(sheet);
  }
  return sheets.length ? sheets : null;
}

function readSheet(
  b: Uint8Array,
  name: string,
  sst: string[],
  formats: string[],
  date1904: boolean,
  limits: ReadLimits,
  errors: FastSheetErrors,
): SheetData | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const find = (needle: string, from: number) => buf.indexOf(needle, from, 'latin1');
  const dataAt = find('<sheetData', 0);
  const head = utf8.decode(b.subarray(0, dataAt < 0 ? Math.min(b.length, 1 << 20) : dataAt));
  const hiddenCols: number[] = [];
  for (const m of head.matchAll(/<col\b[^>]*>/g)) {
    if (!/\bhidden\s*=\s*["'](1|true)["']/.test(m[0])) continue;
    const min = Number(attr(m[0], 'min'));
    const max = Math.min(Number(attr(m[0], 'max')), min + limits.maxCols);
    for (let c = min; c <= max && c <= limits.maxCols; c++) hiddenCols.push(c - 1);
  }
  const declared = /<dimension\b[^>]*\bref\s*=\s*["']([^"']+)["']/.exec(head)?.[1];

  const rows: CellValue[][] = [];
  const hiddenRows: number[] = [];
  let rowCount = 0;
  let colCount = 0;
  let end = b.length;
  if (dataAt >= 0) {
    end = find('</sheetData>', dataAt);
    if (end < 0) end = b.length;
    let pos = dataAt;
    let r = -1;
    let row: CellValue[] | null = null;
    let c = -1;
    const flush = () => {
      if (row && row.length) {
        if (r + 1 > limits.maxRows) throw errors.tooLong(name);
        for (let k = 0; k < row.length; k++) if (row[k] === undefined) row[k] = null;
        rows[r] = row;
        rowCount = r + 1;
      }
      row = null;
    };
    for (;;) {
      const lt = b.indexOf(LT, pos);
      if (lt < 0 || lt >= end) break;
      const gt = tagEnd(b, lt + 1, end);
      if (gt < 0) return null;
      const n1 = b[lt + 1];
      const n2 = b[lt + 2];
      if (n1 === 0x72 && n2 === 0x6f && b[lt + 3] === 0x77 && isTagBreak(b[lt + 4])) {
        // <row …>
        flush();
        const at = scanAttrs(b, lt + 4, gt);
        const next = at.r >= 0 ? at.r : r + 1;
        if (next <= r) return null;
        r = next;
        c = -1;
        if (at.hidden) hiddenRows.push(r);
        row = [];
        pos = gt + 1;
        continue;
      }
      if (n1 === 0x63 && isTagBreak(n2)) {
        // <c …> … </c>
        if (r < 0 || !row) return null;
        const at = scanAttrs(b, lt + 2, gt);
        const col = at.col >= 0 ? at.col : c + 1;
        if (col <= c) return null;
        c = col;
        if (b[gt - 1] === SLASH) {
          pos = gt + 1;
          continue;
        }
        const cell = cellBody(b, gt + 1, end);
        if (!cell) return null;
        const value = cellValue(b, buf, cell, at.type, at.style, sst, formats, date1904);
        pos = cell.close;
        if (value === null || value === '') continue;
        if (c + 1 > limits.maxCols) throw errors.tooWide(name, r, c);
        row[c] = value;
        if (c + 1 > colCount) colCount = c + 1;
        continue;
      }
      pos = gt + 1;
    }
    flush();
  }
  for (let k = 0; k < rowCount; k++) if (!rows[k]) rows[k] = [];
  rows.length = rowCount;
  const tail = utf8.decode(b.subarray(end));
  const merges: SheetData['merges'] = [];
  for (const m of tail.matchAll(/<mergeCell\b[^>]*\bref\s*=\s*["']([A-Za-z]+\d+):([A-Za-z]+\d+)["']/g)) {
    const s = XLSX.utils.decode_cell(m[1]);
    const e = XLSX.utils.decode_cell(m[2]);
    if (s.r >= rowCount || s.c >= colCount) continue;
    merges.push({ s, e: { r: Math.min(e.r, rowCount - 1), c: Math.min(e.c, colCount - 1) } });
  }
  let declaredRef: string | undefined;
  if (declared && declared.includes(':')) {
    const d = XLSX.utils.decode_range(declared);
    if (d.e.r + 1 > rowCount + 1000 || d.e.c + 1 > Math.max(colCount, limits.maxCols)) declaredRef = declared;
  }
  return {
    name,
    visibility: 'visible',
    rows,
    rowCount,
    colCount,
    hiddenRows: hiddenRows.filter(x => x < rowCount),
    hiddenCols: hiddenCols.filter(x => x < colCount),
    merges,
    ...(declaredRef ? { declaredRef } : {}),
  };
}

const isTagBreak = (ch: number) => ch === 0x20 || ch === GT || ch === SLASH || ch === 0x09 || ch === 0x0a || ch === 0x0d;

/** The '>' that ends a tag, outside quoted attribute values; -1 when the tag does not end. */
function tagEnd(b: Uint8Array, from: number, end: number): number {
  let q = 0;
  for (let i = from; i < end; i++) {
    const ch = b[i];
    if (q) {
      if (ch === q) q = 0;
    } else if (ch === QUOTE || ch === APOS) q = ch;
    else if (ch === GT) return i;
  }
  return -1;
}

/** Cell type codes: s (shared), str (formula text), inlineStr, b, e, d, n. */
type CellType = 's' | 'str' | 'inlineStr' | 'b' | 'e' | 'd' | 'n';

/**
 * The attributes of a <row> or <c> tag the reader needs, read as bytes: r (the row number,
 * or the cell's column letters), t, s and hidden.
 */
function scanAttrs(b: Uint8Array, from: number, to: number): { r: number; col: number; type: CellType; style: number; hidden: boolean } {
  const out = { r: -1, col: -1, type: 'n' as CellType, style: -1, hidden: false };
  let i = from;
  while (i < to) {
    const ch = b[i];
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
      i++;
      continue;
    }
    // name="value"
    const nameStart = i;
    while (i < to && b[i] !== 0x3d && b[i] !== 0x20 && b[i] !== SLASH && b[i] !== GT) i++;
    const nameEnd = i;
    while (i < to && b[i] === 0x20) i++;
    if (b[i] !== 0x3d) {
      i++;
      continue;
    }
    i++;
    while (i < to && b[i] === 0x20) i++;
    const q = b[i];
    if (q !== QUOTE && q !== APOS) return out;
    const vStart = ++i;
    while (i < to && b[i] !== q) i++;
    const vEnd = i++;
    const len = nameEnd - nameStart;
    const first = b[nameStart];
    if (len === 1 && first === 0x72) {
      // r: a row number (<row>) or a cell reference (<c>)
      const col = columnIndex(b, vStart, vEnd);
      if (col >= 0) out.col = col;
      else out.r = digits(b, vStart, vEnd) - 1;
    } else if (len === 1 && first === 0x74) {
      const n = vEnd - vStart;
      const v0 = b[vStart];
      out.type =
        n === 1 ? (v0 === 0x73 ? 's' : v0 === 0x62 ? 'b' : v0 === 0x65 ? 'e' : v0 === 0x64 ? 'd' : 'n') : n === 3 ? 'str' : n === 9 ? 'inlineStr' : 'n';
    } else if (len === 1 && first === 0x73) {
      out.style = digits(b, vStart, vEnd);
    } else if (len === 6 && first === 0x68 && b[nameStart + 1] === 0x69) {
      // hidden="1" / "true"
      out.hidden = b[vStart] === 0x31 || b[vStart] === 0x74;
    }
  }
  return out;
}

/** A decimal integer written in ASCII; -1 when it is not one. */
function digits(b: Uint8Array, from: number, to: number): number {
  if (from >= to) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Excel's error values as their text. */
const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

/** Where a cell's parts are: its <v> text, its <is> element, and the end of its </c>. */
interface CellBody {
  v: [number, number] | null;
  inline: [number, number] | null;
  /** Just past </c>. */
  close: number;
}

/**
 * Walks a cell's children as bytes: <f> (skipped: its cached value is in <v>), <v>, <is>;
 * values hold no '<' (XML escapes it), so each ends at the next '<'.
 */
function cellBody(b: Uint8Array, from: number, end: number): CellBody | null {
  let v: [number, number] | null = null;
  let inline: [number, number] | null = null;
  let i = from;
  for (;;) {
    const lt = b.indexOf(LT, i);
    if (lt < 0 || lt >= end) return null;
    const n1 = b[lt + 1];
    if (n1 === SLASH && b[lt + 2] === 0x63 && b[lt + 3] === GT) return { v, inline, close: lt + 4 };
    const gt = tagEnd(b, lt + 1, end);
    if (gt < 0) return null;
    if (n1 === 0x76 && isTagBreak(b[lt + 2])) {
      if (b[gt - 1] === SLASH) v = [gt + 1, gt + 1];
      else {
        const stop = b.indexOf(LT, gt + 1);
        if (stop < 0 || stop >= end) return null;
        v = [gt + 1, stop];
        i = stop;
        continue;
      }
    } else if (n1 === 0x69 && b[lt + 2] === 0x73 && isTagBreak(b[lt + 3]) && b[gt - 1] !== SLASH) {
      // <is> … </is>: rich runs inside, found by its closing tag.
      let j = gt + 1;
      for (;;) {
        const k = b.indexOf(LT, j);
        if (k < 0 || k >= end) return null;
        if (b[k + 1] === SLASH && b[k + 2] === 0x69 && b[k + 3] === 0x73 && b[k + 4] === GT) {
          inline = [gt + 1, k];
          j = k + 5;
          break;
        }
        j = k + 1;
      }
      i = j;
      continue;
    }
    i = gt + 1;
  }
}

function cellValue(b: Uint8Array, buf: Buffer, cell: CellBody, type: CellType, style: number, sst: string[], formats: string[], date1904: boolean): CellValue {
  if (type === 'inlineStr') return cell.inline ? richText(buf.toString('utf8', cell.inline[0], cell.inline[1])) : null;
  if (!cell.v) return null;
  const [vStart, vEnd] = cell.v;
  switch (type) {
    case 's': {
      const s = sst[digits(b, vStart, vEnd)];
      return s === undefined ? null : s;
    }
    case 'str':
      return unescapeXml(buf.toString('utf8', vStart, vEnd));
    case 'b':
      return b[vStart] === 0x31 || b[vStart] === 0x74 ? '是' : '否';
    case 'e': {
      const e = unescapeXml(buf.toString('utf8', vStart, vEnd)).trim();
      return ERRORS.has(e) ? e : '#错误';
    }
    case 'd': {
      const text = unescapeXml(buf.toString('utf8', vStart, vEnd));
      const d = new Date(text);
      return Number.isNaN(d.getTime()) ? text : d;
    }
    default: {
      const whole = digits(b, vStart, vEnd);
      const text = whole >= 0 && vEnd - vStart < 16 ? null : buf.toString('latin1', vStart, vEnd);
      const n = text === null ? whole : Number(text);
      if (text !== null && (!Number.isFinite(n) || text.trim() === '')) return unescapeXml(text);
      return numberCell(n, style >= 0 ? (formats[style] ?? '') : '', date1904);
    }
  }
}
