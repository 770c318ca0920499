/**
 * The roster (干部名册) exported as the grid shows it: the caller gives the
 * columns in order and the rows already filtered and sorted; this module
 * writes a styled .xlsx ready to print (ExcelJS) or a CSV with a UTF-8 BOM.
 *
 * Layout of the .xlsx: row 1 the title merged across, row 2 the
 * 填报单位/填报日期 line, row 3 the bold bordered header (frozen, repeated on
 * every printed page), data from row 4. A4 landscape, fitted to one page wide,
 * page numbers in the footer.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { CadreRow } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { parseCadreQuery } from '../../../shared/domain/roster/query';
import { todayCanonical } from '../../../shared/domain/common/dates';
import type { RosterView } from '../../../shared/contract/routes/exports';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind roster/api.ts
import { countCadreRows, selectCadreRows } from '../roster/cadres';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind roster/api.ts
import { compileQuery } from '../roster/query';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind roster/api.ts
import { rosterPage, rosterWhere } from '../roster/page';
import {
  cellValue,
  chineseDate,
  columnWidth,
  defaultDate,
  guardCsvText,
  isWrapped,
  looksLikeFormula,
  ROSTER_COLUMN_LABELS,
  type CellOptions,
  type RosterColumn,
  type RosterColumnKey,
} from './cells';

export interface RosterExportOptions {
  columns: RosterColumn[];
  rows: CadreRow[];
  /** Default 干部名册. */
  title?: string;
  /** 填报单位; the line is left blank after the colon when not given. */
  reportingUnit?: string;
  /** 填报日期, canonical YYYY-MM-DD; default today. */
  date?: string;
  /** Reference date for ages; default the 填报日期. */
  ageRef?: string;
  /** Write 出生年月 as 1985.03(40岁). */
  birthWithAge?: boolean;
}

export const ROSTER_HEADER_ROW = 3;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = '宋体';
/** Most rows an export writes (the .xlsx row limit minus the title rows). */
export const MAX_EXPORT_ROWS = 1_048_576 - ROSTER_HEADER_ROW;

function checkOptions(opts: RosterExportOptions): { columns: { key: RosterColumnKey; header: string }[]; cell: CellOptions; date: string } {
  if (opts.columns.length === 0) throw new AppError('VALIDATION', '导出失败：没有选择任何列');
  if (opts.rows.length > MAX_EXPORT_ROWS) throw new AppError('VALIDATION', `导出失败：行数（${opts.rows.length}）超过 Excel 的上限`);
  const date = opts.date || defaultDate();
  return {
    columns: opts.columns.map(c => ({ key: c.key, header: c.header?.trim() || ROSTER_COLUMN_LABELS[c.key] })),
    cell: { ageRef: opts.ageRef || date, birthWithAge: !!opts.birthWithAge },
    date,
  };
}

/** The 填报单位/填报日期 line as it appears in row 2. */
export function reportingLine(reportingUnit: string | undefined, date: string): string {
  return `填报单位：${reportingUnit ?? ''}    填报日期：${chineseDate(date)}`;
}

export async function buildRosterXlsx(opts: RosterExportOptions): Promise<Buffer> {
  const { columns, cell: cellOpts, date } = checkOptions(opts);
  return buildTableXlsx({
    title: opts.title?.trim() || '干部名册',
    reportingUnit: opts.reportingUnit,
    date,
    columns: columns.map(c => ({ header: c.header, width: columnWidth(c.key), wrap: isWrapped(c.key), text: c.key === 'idNumber' })),
    rows: (function* () {
      for (let r = 0; r < opts.rows.length; r++) yield columns.map(c => cellValue(opts.rows[r], c.key, r, cellOpts));
    })(),
  });
}

/** A column of a styled table (the roster, a batch's member list, …). */
export interface TableColumn {
  header: string;
  width: number;
  /** Long text: wrapped and left-aligned; otherwise centred. */
  wrap: boolean;
  /** Always written as text (ID numbers). */
  text?: boolean;
}

export interface TableExportOptions {
  title: string;
  reportingUnit?: string;
  /** 填报日期, canonical YYYY-MM-DD. */
  date: string;
  /** Row 2 instead of the 填报单位/填报日期 line (e.g. the audit log's filter). */
  info?: string;
  columns: TableColumn[];
  /** The data rows' cells in column order; a generator keeps a long export out of memory. */
  rows: Iterable<(string | number | null)[]>;
}

/**
 * The official styled table every roster-like export shares, written with
 * ExcelJS's streaming writer, row by row: a 100,000-row roster takes seconds
 * and little memory instead of building every cell in memory.
 */
export async function buildTableXlsx(opts: TableExportOptions): Promise<Buffer> {
  const { columns, date, title } = opts;
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = '干部工作台';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName(title), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: ROSTER_HEADER_ROW, topLeftCell: `A${ROSTER_HEADER_ROW + 1}`, activeCell: `A${ROSTER_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${ROSTER_HEADER_ROW}:${ROSTER_HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = columns.map(c => ({ width: c.width }));
  const last = columns.length;

  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { name: FONT, size: 18, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 32;
  if (last > 1) ws.mergeCells(1, 1, 1, last);
  titleRow.commit();

  const infoRow = ws.getRow(2);
  infoRow.getCell(1).value = opts.info ?? reportingLine(opts.reportingUnit, date);
  infoRow.getCell(1).font = { name: FONT, size: 11 };
  infoRow.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
  infoRow.height = 20;
  if (last > 1) ws.mergeCells(2, 1, 2, last);
  infoRow.commit();

  const header = ws.getRow(ROSTER_HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 30;
  header.commit();

  // One style object per column (and its text-format twin), shared by every
  // cell: ExcelJS caches a style's id by object identity, so this is what
  // keeps a large export fast.
  const dataFont = { name: FONT, size: 10 };
  const styles = columns.map(c => {
    const base: Partial<ExcelJS.Style> = { font: dataFont, border: THIN, alignment: c.wrap ? WRAP_LEFT : CENTRED };
    return { plain: base, text: { ...base, numFmt: '@' } };
  });
  let r = 0;
  for (const values of opts.rows) {
    const xrow = ws.getRow(ROSTER_HEADER_ROW + 1 + r);
    columns.forEach((c, i) => {
      const cell = xrow.getCell(i + 1);
      const v = values[i] ?? null;
      // Strings stay strings: ExcelJS writes them as text, never as formulas.
      cell.value = v;
      // Text format for IDs and for anything that looks like a formula, so
      // editing the cell later in Excel keeps it text as well.
      const asText = c.text || (typeof v === 'string' && looksLikeFormula(v));
      cell.style = (asText ? styles[i].text : styles[i].plain) as ExcelJS.Style;
    });
    xrow.commit();
    // Let the zip stream drain now and then.
    if (r++ % 2000 === 1999) await new Promise(resolve => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
  await new Promise<void>((resolve, reject) => {
    if (sink.readableEnded) resolve();
    sink.on('end', () => resolve());
    sink.on('error', reject);
  });
  return Buffer.concat(chunks);
}

const WRAP_LEFT: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };
const CENTRED: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: false };

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || '干部名册';
}

/**
 * CSV per RFC 4180 with a UTF-8 BOM (so Chinese Excel opens it as UTF-8) and
 * CRLF line ends: the header row, then one line per cadre, same columns and
 * values as the .xlsx. No title rows: a CSV is for other programs.
 */
export function buildRosterCsv(opts: RosterExportOptions): Buffer {
  const { columns, cell: cellOpts } = checkOptions(opts);
  const lines = [columns.map(c => csvField(c.header)).join(',')];
  opts.rows.forEach((row, r) => {
    lines.push(
      columns
        .map(c => {
          const v = cellValue(row, c.key, r, cellOpts);
          return v === null ? '' : typeof v === 'number' ? String(v) : csvField(v);
        })
        .join(','),
    );
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** One text field: formula-guarded, quoted when it holds a comma, quote, CR or LF. */
export function csvField(text: string): string {
  const safe = guardCsvText(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Which cadres to export, in which order. */
export interface RosterSelection {
  /** These cadres in this order (the grid's selected rows). */
  ids?: number[];
  /** Otherwise the grid's view: unit, search, column filters, sort, combined query. */
  view?: RosterView;
  /** Today for a query's ages ('YYYY-MM-DD'). */
  today?: string;
}

/**
 * The rows for an export, as the grid shows them. Ids that do not exist (or
 * are in the 回收站) are refused rather than silently dropped, so the file
 * matches what the user selected.
 */
export function selectRosterRows(db: Database, sel: RosterSelection): CadreRow[] {
  if (sel.ids) {
    const ids = [...new Set(sel.ids)];
    const found = new Map<number, CadreRow>();
    const rows = selectCadreRows(db, { where: ['c.deleted_at IS NULL', 'c.id IN (SELECT value FROM json_each(:ids))'], params: { ids: JSON.stringify(ids) } });
    for (const r of rows) found.set(r.id, r);
    const missing = ids.filter(id => !found.has(id));
    if (missing.length) {
      throw new AppError('NOT_FOUND', `导出失败：找不到编号为 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 名` : ' 的'}干部（可能已删除）`);
    }
    return ids.map(id => found.get(id)!);
  }
  const { query, ...view } = sel.view ?? {};
  const compiled = query ? compileQuery(parseCadreQuery(query), { today: sel.today ?? todayCanonical() }) : undefined;
  const extra = compiled ? { ctes: compiled.ctes, where: [compiled.sql], params: compiled.params } : undefined;
  const base = rosterWhere({ ...view, extra });
  const total = countCadreRows(db, base);
  if (total > MAX_EXPORT_ROWS) throw new AppError('VALIDATION', `导出失败：共 ${total} 行，超过 Excel 的上限`);
  return rosterPage(db, { ...view, extra, offset: 0, limit: Math.max(total, 1) }).rows;
}
