/**
 * Where the roster is on a sheet as offices lay them out: title rows merged
 * across ("XX市管干部名册"), a '填报单位：… 填报日期：…' line, one to three
 * header rows with merged group cells (学历学位 → 全日制教育 → 学历), data rows
 * with vertically merged cells (the unit written once for several people),
 * subtotal rows (合计/小计), section rows ("一、市直单位"), repeated headers,
 * footnotes (注：…, 填表人：…), blank and hidden rows. Every row left out is
 * reported with its Excel row number and the reason.
 */
import * as XLSX from 'xlsx';
import type { SkipReason, SkippedRow } from '../../../shared/contract/routes/imports';
import { isHeaderWord } from './mapping';
import type { CellRange, CellValue, SheetData } from './read';

export interface LayoutColumn {
  index: number;
  letter: string;
  path: string[];
  /** path joined with '/', made unique within the sheet ('学历 (2)'). */
  header: string;
  hidden: boolean;
}

export interface SheetLayout {
  recognised: boolean;
  title: string | null;
  reportingUnit: string | null;
  reportingDate: string | null;
  /** 0-based, inclusive; -1 when not recognised. */
  headerStart: number;
  headerEnd: number;
  columns: LayoutColumn[];
  /** 0-based indexes of the rows to import, in order. */
  dataRows: number[];
  skipped: SkippedRow[];
  /** Value of a data cell with vertically merged cells filled down (0-based). */
  cell(r: number, c: number): CellValue;
}

export const SKIP_LABELS: Record<SkipReason, string> = {
  title: '标题行',
  meta: '填报单位/日期行',
  blank: '空行',
  hidden: '隐藏行',
  subtotal: '合计/小计行',
  footnote: '表尾注释行',
  header: '重复的表头行',
  section: '分组标题行',
};

const SCAN_ROWS = 30;
const MAX_HEADER_DEPTH = 4;

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

const FOOTNOTE =
  /^(注|附注|备注|说明|填表说明|填报说明)\s*\d*\s*[:：.、]|^(填表人|填报人|制表人|审核人|审核|核对人|负责人|单位负责人|主要负责人|分管领导|联系人|联系电话|填表日期|填表时间|制表日期|制表时间|统计时间|经办人)\s*[:：]?/;
const SUBTOTAL = /^(合\s*计|小\s*计|总\s*计|共\s*计|总\s*数)/;
const SECTION = /^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[）)]|[（(]\s*\d+\s*人\s*[）)]$|^\d+[、]/;
const META_UNIT = /填\s*报\s*单\s*位\s*[:：]\s*(.*?)(?=\s*(?:填\s*报|统\s*计|制\s*表)(?:日期|时间)\s*[:：]|$)/;
const META_DATE = /(?:填\s*报|统\s*计|制\s*表|截\s*止)\s*(?:日\s*期|时\s*间)\s*[:：]\s*(\S[^:：]*?)\s*$/;

/** `isHeader` tells header words: the roster's by default, a target's own (indicator names, 单位名称) otherwise. */
export function detectLayout(sheet: SheetData, isHeader: (text: string) => boolean = isHeaderWord): SheetLayout {
  const { rows, rowCount, colCount } = sheet;
  const hiddenRows = new Set(sheet.hiddenRows);
  const hiddenCols = new Set(sheet.hiddenCols);
  // The merge covering each cell of the rows where headers can be: key r*colCount+c (numbers,
  // never text). Bounded work, whatever a hostile file declares.
  const mergeOf = new Map<number, CellRange>();
  const topRows = Math.min(rowCount, SCAN_ROWS + MAX_HEADER_DEPTH);
  let budget = 1_000_000;
  for (const m of sheet.merges) {
    if (m.s.r >= topRows) continue;
    for (let r = m.s.r; r <= Math.min(m.e.r, topRows - 1) && budget > 0; r++) {
      for (let c = m.s.c; c <= m.e.c && budget > 0; c++, budget--) if (!mergeOf.has(r * colCount + c)) mergeOf.set(r * colCount + c, m);
    }
  }
  // Single-row merges by row, for section rows.
  const rowMerges = new Map<number, CellRange>();
  for (const m of sheet.merges) if (m.s.r === m.e.r && m.e.c > m.s.c && !rowMerges.has(m.s.r)) rowMerges.set(m.s.r, m);
  const raw = (r: number, c: number): CellValue => rows[r]?.[c] ?? null;
  const merged = (r: number, c: number): CellValue => {
    const m = mergeOf.get(r * colCount + c);
    return m ? raw(m.s.r, m.s.c) : raw(r, c);
  };
  const texts = (r: number) => {
    const out: string[] = [];
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const t = cellText(row[c]);
      if (t) out.push(t);
    }
    return out;
  };
  const headerScore = (r: number) => texts(r).filter(isHeader).length;

  // 1. The header: the row with the most header words among the first rows.
  let best = -1;
  let bestScore = 1;
  for (let r = 0; r < Math.min(rowCount, SCAN_ROWS); r++) {
    const s = headerScore(r);
    if (s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  const skipped: SkippedRow[] = [];
  const skip = (r: number, reason: SkipReason) => {
    skipped.push({ row: r + 1, reason, label: SKIP_LABELS[reason], text: texts(r).join(' ').slice(0, 120) });
  };
  if (best < 0) {
    return {
      recognised: false,
      title: null,
      reportingUnit: null,
      reportingDate: null,
      headerStart: -1,
      headerEnd: -1,
      columns: [],
      dataRows: [],
      skipped,
      cell: raw,
    };
  }

  // 2. Upwards: group rows above (two or more cells, at least one a header word, not a title or meta line).
  let headerStart = best;
  while (headerStart > 0 && best - headerStart < MAX_HEADER_DEPTH - 1) {
    const t = texts(headerStart - 1);
    if (t.length < 2 || META_UNIT.test(t.join(' ')) || !t.some(isHeader)) break;
    headerStart--;
  }
  const isSubHeader = (r: number, c1: number, c2: number) => {
    if (isDataLike(texts(r), isHeader)) return false;
    for (let c = c1; c <= c2; c++) if (isHeader(cellText(raw(r, c)))) return true;
    return false;
  };
  // 3. Downwards: rows covered by header merges, rows under a horizontal group merge,
  //    and unmerged sub-header rows (all header words).
  let headerEnd = best;
  for (let changed = true; changed;) {
    changed = false;
    for (const m of sheet.merges) {
      if (m.s.r < headerStart || m.s.r > headerEnd) continue;
      let end = m.e.r;
      // A group cell (学历学位 over four columns) has its sub-headers in the row below; a cell
      // merged across only for width has data below, and that row stays data.
      if (m.e.c > m.s.c && m.e.r + 1 < rowCount && isSubHeader(m.e.r + 1, m.s.c, m.e.c)) end = Math.max(end, m.e.r + 1);
      end = Math.min(end, headerStart + MAX_HEADER_DEPTH - 1);
      if (end > headerEnd) {
        headerEnd = end;
        changed = true;
      }
    }
  }
  while (headerEnd + 1 < rowCount && headerEnd - headerStart < MAX_HEADER_DEPTH - 1) {
    const t = texts(headerEnd + 1);
    if (t.length === 0 || t.filter(isHeader).length < Math.max(1, Math.ceil(t.length * 0.6))) break;
    headerEnd++;
  }

  // 4. Column paths, top to bottom. In sheets without merges (CSV, some exports) a blank
  //    group cell with sub-headers below continues the group to its left.
  const columns: LayoutColumn[] = [];
  const seen = new Map<string, number>();
  const carry: string[] = [];
  for (let c = 0; c < colCount; c++) {
    const path: string[] = [];
    for (let r = headerStart; r <= headerEnd; r++) {
      const i = r - headerStart;
      const own = mergeOf.get(r * colCount + c);
      let below = false;
      for (let rr = r + 1; rr <= headerEnd && !below; rr++) {
        const m = mergeOf.get(rr * colCount + c);
        below = (m === undefined || m !== own) && cellText(merged(rr, c)) !== '';
      }
      let t = cellText(merged(r, c));
      if (t === '' && own === undefined && below) t = carry[i] ?? '';
      else carry[i] = t !== '' && below ? t : '';
      if (t !== '' && path[path.length - 1] !== t) path.push(t);
    }
    if (path.length === 0) continue;
    let header = path.join('/');
    const n = (seen.get(header) ?? 0) + 1;
    seen.set(header, n);
    if (n > 1) header = `${header} (${n})`;
    columns.push({ index: c, letter: XLSX.utils.encode_col(c), path, header, hidden: hiddenCols.has(c) });
  }
  // A header repeated inside the data (page breaks) is a verbatim copy: compare without spaces.
  const squeeze = (x: string) => x.replace(/\s+/g, '');
  const headerTexts = new Set(columns.map(col => squeeze(col.path[col.path.length - 1])));

  // 5. Above the header: title lines and the 填报单位/日期 line.
  let title: string | null = null;
  let reportingUnit: string | null = null;
  let reportingDate: string | null = null;
  for (let r = 0; r < headerStart; r++) {
    const line = texts(r).join(' ');
    if (line === '') {
      skip(r, 'blank');
      continue;
    }
    const unit = META_UNIT.exec(line);
    const date = META_DATE.exec(line);
    if (unit || date) {
      if (unit && unit[1].trim()) reportingUnit = unit[1].trim();
      if (date) reportingDate = date[1].trim();
      skip(r, 'meta');
    } else {
      if (title === null) title = line;
      skip(r, 'title');
    }
  }

  // 6. Data rows: fill vertical merges down, then classify.
  const filled = new Map<number, CellValue>();
  let fillBudget = rowCount * 4;
  for (const m of sheet.merges) {
    if (m.s.r <= headerEnd || m.e.r === m.s.r) continue;
    const v = raw(m.s.r, m.s.c);
    for (let r = m.s.r + 1; r <= m.e.r && fillBudget > 0; r++, fillBudget--) {
      if (raw(r, m.s.c) === null && !filled.has(r * colCount + m.s.c)) filled.set(r * colCount + m.s.c, v);
    }
  }
  const cell = (r: number, c: number): CellValue => {
    const v = raw(r, c);
    return v === null && r > headerEnd ? (filled.get(r * colCount + c) ?? null) : v;
  };
  const dataRows: number[] = [];
  let inFootnotes = false;
  for (let r = headerEnd + 1; r < rowCount; r++) {
    const t = texts(r);
    if (t.length === 0) {
      skip(r, 'blank');
      continue;
    }
    if (inFootnotes || FOOTNOTE.test(t[0])) {
      inFootnotes = true;
      skip(r, 'footnote');
      continue;
    }
    if (hiddenRows.has(r)) {
      skip(r, 'hidden');
      continue;
    }
    if (t.slice(0, 3).some(x => SUBTOTAL.test(x))) {
      skip(r, 'subtotal');
      continue;
    }
    let headerLike = 0;
    for (const x of t) if (x.length <= 40 && headerTexts.has(squeeze(x))) headerLike++;
    if (headerLike >= 2 && headerLike >= t.length / 2) {
      skip(r, 'header');
      continue;
    }
    if (t.length === 1 && isSection(sheet, r, t[0], rowMerges)) {
      skip(r, 'section');
      continue;
    }
    dataRows.push(r);
  }
  return { recognised: true, title, reportingUnit, reportingDate, headerStart, headerEnd, columns, dataRows, skipped, cell };
}

/** A row with one text merged across three or more columns, or written like '一、市直单位' / '市委办（5人）'. */
function isSection(sheet: SheetData, r: number, text: string, rowMerges: Map<number, CellRange>): boolean {
  const c = (sheet.rows[r] ?? []).findIndex(v => v !== null && v !== undefined && String(v).trim() !== '');
  const m = rowMerges.get(r);
  if (m && m.s.c <= c && m.e.c >= c && m.e.c - m.s.c >= 2) return true;
  return typeof sheet.rows[r][c] === 'string' && SECTION.test(text);
}

/** Values that only data has: an ID number, a date, a long number. */
function isDataLike(texts: string[], isHeader: (text: string) => boolean): boolean {
  return texts.some(t => /^\d{15,18}[\dXx]?$/.test(t) || /^(19|20)\d{2}[.\-/年]\d{1,2}/.test(t) || (/^\d+(\.\d+)?$/.test(t) && !isHeader(t)));
}
