/**
 * The official styled table every exported list shares (the roster, a batch's
 * members, the audit log, the score sheet and grading table, the structure
 * tables): row 1 the title merged across, row 2 the 填报单位/填报日期 line (or
 * the caller's own line), row 3 the bold bordered grey header (frozen,
 * repeated on every printed page), data from row 4. A two-level header (总体 →
 * 人数/比率) takes rows 3 and 4, data then starts at row 5. Footnote lines
 * (注：…) may follow the data. A4 landscape, fitted to one page wide, page
 * numbers in the footer. Text that could be read as a formula is written as text.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

/** The header row; data starts below it. */
export const TABLE_HEADER_ROW = 3;
/** Most rows an export writes (the .xlsx row limit minus the title rows). */
export const MAX_EXPORT_ROWS = 1_048_576 - TABLE_HEADER_ROW;

/** Thin borders all round, and the grey of a header cell: also for sheets laid out otherwise (the import template). */
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const FONT = '宋体';
const WRAP_LEFT: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };
const CENTRED: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: false };

/** True when spreadsheet software could read the text as a formula or command. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** The OWASP CSV guard: a leading ' makes the cell plain text. */
export function guardCsvText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** '2026-11-22' → '2026年11月22日' (the 填报日期 line). */
export function chineseDate(canonical: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(canonical);
  if (!m) return canonical;
  return `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}`;
}

/** The 填报单位/填报日期 line as it appears in row 2. */
export function reportingLine(reportingUnit: string | undefined, date: string): string {
  return `填报单位：${reportingUnit ?? ''}    填报日期：${chineseDate(date)}`;
}

/** A column of a styled table. */
export interface TableColumn {
  header: string;
  width: number;
  /** Long text: wrapped and left-aligned; otherwise centred. */
  wrap?: boolean;
  /** Always written as text (ID numbers). */
  text?: boolean;
  /** Excel number format of its numbers, e.g. '0.0' (a share written as 83.3). */
  numFmt?: string;
}

/** A top header cell over `span` columns; a span of 1 with no label merges its column's header down both rows. */
export interface HeaderGroup {
  label: string;
  span: number;
}

export type TableValue = string | number | null;

/** One sheet of a styled table. */
export interface TableExportOptions {
  title: string;
  /** The sheet's tab name; default the title. */
  sheet?: string;
  reportingUnit?: string;
  /** 填报日期, canonical YYYY-MM-DD (for the 填报单位/填报日期 line). */
  date?: string;
  /** Row 2 instead of the 填报单位/填报日期 line (e.g. the audit log's filter). */
  info?: string;
  columns: TableColumn[];
  /** A second header row above the columns' own (two-level header); the spans cover every column. */
  headerGroups?: HeaderGroup[];
  /** The data rows' cells in column order; a generator keeps a long export out of memory. */
  rows: Iterable<TableValue[]>;
  /** Data cells merged down: `rows` data rows from data row `row` (0-based) in column `column` (0-based). */
  bodyMerges?: { row: number; column: number; rows: number }[];
  /** Lines under the table (注：…), merged across. */
  notes?: string[];
}

/** One styled table as an .xlsx. */
export function buildTableXlsx(opts: TableExportOptions): Promise<Buffer> {
  return buildTablesXlsx([opts]);
}

/**
 * Styled tables, one sheet each, written with ExcelJS's streaming writer row
 * by row: a 100,000-row roster takes seconds and little memory instead of
 * building every cell in memory.
 */
export async function buildTablesXlsx(sheets: TableExportOptions[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = '干部工作台';
  wb.created = new Date();
  for (const sheet of sheets) await writeSheet(wb, sheet);
  await wb.commit();
  await new Promise<void>((resolve, reject) => {
    if (sink.readableEnded) resolve();
    sink.on('end', () => resolve());
    sink.on('error', reject);
  });
  return Buffer.concat(chunks);
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, opts: TableExportOptions): Promise<void> {
  const { columns, title } = opts;
  const groups = opts.headerGroups;
  if (groups && groups.reduce((n, g) => n + g.span, 0) !== columns.length) throw new Error('header groups must span every column');
  const lastHeader = TABLE_HEADER_ROW + (groups ? 1 : 0);
  const firstData = lastHeader + 1;
  const ws = wb.addWorksheet(sheetName(opts.sheet ?? title), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: lastHeader, topLeftCell: `A${firstData}`, activeCell: `A${firstData}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${TABLE_HEADER_ROW}:${lastHeader}`,
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
  infoRow.getCell(1).value = opts.info ?? reportingLine(opts.reportingUnit, opts.date ?? '');
  infoRow.getCell(1).font = { name: FONT, size: 11 };
  infoRow.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
  infoRow.height = 20;
  if (last > 1) ws.mergeCells(2, 1, 2, last);
  infoRow.commit();

  const headerCell = (cell: ExcelJS.Cell, value: string) => {
    cell.value = value;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  if (groups) {
    const top = ws.getRow(TABLE_HEADER_ROW);
    const below = ws.getRow(lastHeader);
    let col = 1;
    for (const g of groups) {
      const alone = g.span === 1 && g.label === '';
      for (let i = 0; i < g.span; i++) {
        headerCell(top.getCell(col + i), alone ? columns[col - 1].header : g.label);
        headerCell(below.getCell(col + i), alone ? '' : columns[col + i - 1].header);
      }
      if (alone) ws.mergeCells(TABLE_HEADER_ROW, col, lastHeader, col);
      else if (g.span > 1) ws.mergeCells(TABLE_HEADER_ROW, col, TABLE_HEADER_ROW, col + g.span - 1);
      col += g.span;
    }
    top.height = 24;
    below.height = 24;
    top.commit();
    below.commit();
  } else {
    const header = ws.getRow(TABLE_HEADER_ROW);
    columns.forEach((c, i) => headerCell(header.getCell(i + 1), c.header));
    header.height = 30;
    header.commit();
  }

  // One style object per column (and its text-format twin), shared by every
  // cell: ExcelJS caches a style's id by object identity, so this is what
  // keeps a large export fast.
  const dataFont = { name: FONT, size: 10 };
  const styles = columns.map(c => {
    const base: Partial<ExcelJS.Style> = { font: dataFont, border: THIN, alignment: c.wrap ? WRAP_LEFT : CENTRED, ...(c.numFmt ? { numFmt: c.numFmt } : {}) };
    return { plain: base, text: { ...base, numFmt: '@' } };
  });
  // The streaming writer merges cells of rows not yet committed: each body merge is made at its first row.
  const mergesAt = new Map<number, { column: number; rows: number }[]>();
  for (const m of opts.bodyMerges ?? []) if (m.rows > 1) mergesAt.set(m.row, [...(mergesAt.get(m.row) ?? []), m]);
  let r = 0;
  for (const values of opts.rows) {
    const xrow = ws.getRow(firstData + r);
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
    for (const m of mergesAt.get(r) ?? []) ws.mergeCells(xrow.number, m.column + 1, xrow.number + m.rows - 1, m.column + 1);
    xrow.commit();
    // Let the zip stream drain now and then.
    if (r++ % 2000 === 1999) await new Promise(resolve => setImmediate(resolve));
  }
  (opts.notes ?? []).forEach((note, i) => {
    const row = ws.getRow(firstData + r + i);
    row.getCell(1).value = note;
    row.getCell(1).font = { name: FONT, size: 10 };
    row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
    if (last > 1) ws.mergeCells(row.number, 1, row.number, last);
    row.commit();
  });
  ws.commit();
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || '干部名册';
}
