/**
 * The problem report (.xlsx, ExcelJS): for each sheet, the original rows that
 * have problems with their Excel row numbers, the offending cells filled red
 * (errors) or yellow (warnings), and a 问题说明 column with every explanation;
 * plus a 问题汇总 sheet listing all problems (also those of the file or a sheet
 * as a whole). Values are written as text cells, never as formulas.
 */
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import type { ImportIssue } from '../../../shared/contract/routes/imports';
import { THIN } from '../common/xlsx-table';
import { cellText, type SheetLayout } from './layout';
import type { SheetData } from './read';

export interface ReportInput {
  fileName: string;
  sheets: { file: string; data: SheetData; layout: SheetLayout }[];
  issues: ImportIssue[];
}

const RED = { fill: 'FFFFC7CE', font: 'FF9C0006' };
const YELLOW = { fill: 'FFFFEB9C', font: 'FF9C5700' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

function styleHeader(row: ExcelJS.Row): void {
  row.eachCell({ includeEmpty: true }, cell => {
    cell.font = { bold: true };
    cell.border = THIN;
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ , unique. */
function sheetTitle(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '工作表';
  let title = base;
  for (let n = 2; taken.has(title.toLowerCase()); n++) title = `${base}_${n}`;
  taken.add(title.toLowerCase());
  return title;
}

export function reportFileName(fileName: string): string {
  return `${fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')}-问题报告.xlsx`;
}

export async function buildProblemReport(input: ReportInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '干部工作台';
  wb.created = new Date();
  const taken = new Set<string>(['问题汇总']);
  const errors = input.issues.filter(i => i.severity === 'error').length;
  const warnings = input.issues.length - errors;

  // 问题汇总
  const summary = wb.addWorksheet('问题汇总', { views: [{ state: 'frozen', ySplit: 2 }] });
  summary.columns = [{ width: 8 }, { width: 24 }, { width: 18 }, { width: 8 }, { width: 8 }, { width: 16 }, { width: 90 }];
  summary.mergeCells(1, 1, 1, 7);
  summary.getCell(1, 1).value = `「${input.fileName}」导入问题报告：错误 ${errors} 处（须改正后才能导入），警告 ${warnings} 处（请核对）`;
  summary.getCell(1, 1).font = { bold: true, size: 13 };
  styleHeader(summary.addRow(['类型', '文件', '工作表', '行', '列', '字段', '说明']));
  for (const i of input.issues) {
    const row = summary.addRow([i.severity === 'error' ? '错误' : '警告', i.file, i.sheet ?? '', i.row ?? '', i.column ?? '', i.field ?? '', i.message]);
    const tone = i.severity === 'error' ? RED : YELLOW;
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: tone.fill } };
    row.getCell(1).font = { color: { argb: tone.font } };
    row.eachCell({ includeEmpty: true }, c => {
      c.border = THIN;
      c.alignment = { vertical: 'top', wrapText: true };
    });
  }
  summary.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: 7 } };

  // One sheet per source sheet: its rows with problems.
  const bySheet = new Map<string, Map<number, ImportIssue[]>>();
  const sheetKey = (file: string, sheet: string) => `${file}\u0000${sheet}`;
  for (const i of input.issues) {
    if (i.sheet === null || i.row === null) continue;
    let rows = bySheet.get(sheetKey(i.file, i.sheet));
    if (!rows) bySheet.set(sheetKey(i.file, i.sheet), (rows = new Map()));
    const list = rows.get(i.row);
    if (list) list.push(i);
    else rows.set(i.row, [i]);
  }
  for (const { file, data: sheet, layout } of input.sheets) {
    const rows = bySheet.get(sheetKey(file, sheet.name));
    if (!rows) continue;
    const ws = wb.addWorksheet(sheetTitle(sheet.name, taken), { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
    const cols = Math.max(sheet.colCount, 1);
    const headerOf = new Map(layout.columns.map(c => [c.index, c.header]));
    const header = ['原行号'];
    for (let c = 0; c < cols; c++) header.push(headerOf.get(c) ?? `${XLSX.utils.encode_col(c)}列`);
    header.push('问题说明');
    styleHeader(ws.addRow(header));
    ws.getColumn(1).width = 8;
    for (let c = 0; c < cols; c++) ws.getColumn(c + 2).width = Math.min(30, Math.max(8, (headerOf.get(c)?.length ?? 4) * 2 + 2));
    ws.getColumn(cols + 2).width = 80;

    for (const [excelRow, list] of [...rows].sort((a, b) => a[0] - b[0])) {
      const r = excelRow - 1;
      const values: (string | number)[] = [excelRow];
      for (let c = 0; c < cols; c++) values.push(cellText(layout.cell(r, c)));
      values.push(
        list
          .map(
            i =>
              `${i.severity === 'error' ? '【错误】' : '【警告】'}${i.column ? `${i.column}列` : ''}${i.field ? `（${fieldName(layout, i)}）` : ''}：${i.message}`,
          )
          .join('\n'),
      );
      const row = ws.addRow(values);
      row.eachCell({ includeEmpty: true }, cell => {
        cell.border = THIN;
        cell.alignment = { vertical: 'top', wrapText: true };
      });
      // Red wins over yellow when a cell has both.
      for (const i of [...list].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? 1 : -1))) {
        if (!i.column) continue;
        const c = XLSX.utils.decode_col(i.column);
        if (c < 0 || c >= cols) continue;
        const tone = i.severity === 'error' ? RED : YELLOW;
        const cell = row.getCell(c + 2);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: tone.fill } };
        cell.font = { color: { argb: tone.font } };
      }
    }
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

function fieldName(layout: SheetLayout, issue: ImportIssue): string {
  const col = issue.column ? layout.columns.find(c => c.letter === issue.column) : undefined;
  return col?.header ?? issue.field ?? '';
}
