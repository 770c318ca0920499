/**
 * The roster (干部名册) exported as the grid shows it: the caller gives the
 * columns in order and the rows already filtered and sorted; this module
 * writes the styled table (common/xlsx-table.ts) ready to print, or a CSV
 * with a UTF-8 BOM.
 */
import type { CadreRow } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { parseCadreQuery } from '../../../shared/domain/roster/query';
import { todayCanonical } from '../../../shared/domain/common/dates';
import type { RosterView } from '../../../shared/contract/routes/exports';
import { compileQuery, countCadreRows, NOT_DELETED, rosterPage, rosterWhere, selectCadreRows } from '../roster/api';
import { buildTableXlsx, guardCsvText, MAX_EXPORT_ROWS } from '../common/xlsx-table';
import { withDrill } from '../stats/api';
import { cellValue, columnWidth, defaultDate, isWrapped, ROSTER_COLUMN_LABELS, type CellOptions, type RosterColumn, type RosterColumnKey } from './cells';

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
    const rows = selectCadreRows(db, { where: [NOT_DELETED, 'c.id IN (SELECT value FROM json_each(:ids))'], params: { ids: JSON.stringify(ids) } });
    for (const r of rows) found.set(r.id, r);
    const missing = ids.filter(id => !found.has(id));
    if (missing.length) {
      throw new AppError(
        'NOT_FOUND',
        `导出失败：找不到编号为 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 名` : ' 的'}干部（可能已删除）`,
      );
    }
    return ids.map(id => found.get(id)!);
  }
  const { query, drill, ...view } = sel.view ?? {};
  const compiled = query ? compileQuery(parseCadreQuery(query), { today: sel.today ?? todayCanonical(), history: view.history }) : undefined;
  const extra = withDrill(db, drill, compiled && { ctes: compiled.ctes, where: [compiled.sql], params: compiled.params });
  const base = rosterWhere({ ...view, extra });
  const total = countCadreRows(db, base);
  if (total > MAX_EXPORT_ROWS) throw new AppError('VALIDATION', `导出失败：共 ${total} 行，超过 Excel 的上限`);
  return rosterPage(db, { ...view, extra, offset: 0, limit: Math.max(total, 1) }).rows;
}
