/**
 * The import pipeline for one file: read → detect layouts → propose a mapping
 * (inspect), then normalise + validate + match + plan with the user's choices.
 * The same object runs inside the worker thread and, where no worker is
 * available (tests, the CLI), in-process; it never writes to the database.
 */
import type { ImportField, ImportIssue, ImportPreview, Inspection, ParsedPlanOptions, SheetInspection } from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import { importError } from './errors';
import { cellText, detectLayout, type SheetLayout } from './layout';
import { fieldLabel, loadRememberedMapping, mappingFromList, mappingToList, proposeMapping } from './mapping';
import { buildPlan, planIssues } from './plan';
import { DEFAULT_LIMITS, readWorkbook, type ReadLimits, type SheetData, type WorkbookData } from './read';
import { reportFileName, type ReportInput } from './report';
import { findDuplicates, makeIssue, normalizeSheetRows } from './rows';
import type { ImportPlan, RowRecord, SheetMeta, Tick } from './types';

const SAMPLE_ROWS = 3;

export class ImportSession {
  private workbook: WorkbookData | null = null;
  private layouts = new Map<string, SheetLayout>();
  private proposals = new Map<string, Map<string, ImportField | null>>();
  inspection: Inspection | null = null;

  /** Reads the file and proposes layout and mapping. `db` (read-only is enough) supplies remembered mappings. */
  read(bytes: Uint8Array, fileName: string, db: Database | null, tick: Tick, limits: ReadLimits = DEFAULT_LIMITS): Inspection {
    tick({ phase: '正在读取文件', done: 0, total: 1 });
    const wb = readWorkbook(bytes, fileName, limits);
    this.workbook = wb;
    tick({ phase: '正在识别表格结构', done: 0, total: wb.sheets.length });
    const sheets: SheetInspection[] = [];
    const combined = new Map<string, ImportField | null>();
    wb.sheets.forEach((sheet, k) => {
      const layout = detectLayout(sheet);
      this.layouts.set(sheet.name, layout);
      const headers = layout.columns.map(c => c.header);
      const remembered = db && headers.length ? loadRememberedMapping(db, headers) : null;
      const proposal = proposeMapping(layout.columns, remembered);
      this.proposals.set(sheet.name, proposal);
      if (layout.recognised) for (const [h, f] of proposal) if (!combined.has(h)) combined.set(h, f);
      sheets.push(inspectSheet(sheet, layout, proposal, remembered !== null));
      tick({ phase: '正在识别表格结构', done: k + 1, total: wb.sheets.length });
    });
    this.inspection = {
      file: { name: fileName, size: wb.size, sha256: wb.sha256, format: wb.format, encoding: wb.encoding ?? null },
      sheets,
      defaultSheets: sheets.filter(s => s.visibility === 'visible' && s.recognised && s.dataRows > 0).map(s => s.name),
      mapping: mappingToList(combined),
    };
    return this.inspection;
  }

  /** Headers of each chosen sheet, for remembering an edited mapping (done by the caller, who may write). */
  headersOf(sheetNames: readonly string[]): string[][] {
    return sheetNames.map(n => this.layouts.get(n)?.columns.map(c => c.header) ?? []).filter(h => h.length > 0);
  }

  plan(db: Database, options: ParsedPlanOptions, tick: Tick): ImportPlan {
    const wb = this.workbook;
    const inspection = this.inspection;
    if (!wb || !inspection) throw importError('请先读取文件');
    const file = wb.fileName;
    const names = options.sheets?.length ? [...new Set(options.sheets)] : inspection.defaultSheets;
    for (const n of names) {
      if (!this.layouts.has(n)) throw importError(`文件「${file}」中没有名为「${n}」的工作表`);
    }
    const fileIssues: ImportIssue[] = [];
    if (names.length === 0) {
      fileIssues.push(makeIssue('error', file, null, null, null, null, `文件「${file}」中没有可导入的工作表（没有找到含“姓名”等表头的名册）`));
    }
    const edited = options.mapping ? mappingFromList(options.mapping) : null;
    const sheets: SheetMeta[] = [];
    const records: RowRecord[] = [];
    const total = names.reduce((n, name) => n + (this.layouts.get(name)?.dataRows.length ?? 0), 0);
    const progress = { done: 0, total };
    tick({ phase: '正在检查数据', done: 0, total });
    for (const name of names) {
      const layout = this.layouts.get(name)!;
      if (!layout.recognised) {
        fileIssues.push(makeIssue('error', file, name, null, null, null, `工作表「${name}」中没有找到表头（姓名、性别、出生年月等），无法导入`));
        sheets.push({ name, reportingUnit: null, dataRows: 0, layoutSkipped: layout.skipped.length });
        continue;
      }
      const proposal = this.proposals.get(name)!;
      // One column per field within a sheet: the first wins, the others are reported.
      const mapped: { index: number; letter: string; field: ImportField }[] = [];
      const byField = new Map<ImportField, string>();
      for (const col of layout.columns) {
        const field = edited?.has(col.header) ? (edited.get(col.header) ?? null) : (proposal.get(col.header) ?? null);
        if (!field) continue;
        const first = byField.get(field);
        if (first) {
          fileIssues.push(
            makeIssue(
              'warning',
              file,
              name,
              null,
              col.letter,
              field,
              `「${col.header}」列与「${first}」列都对应“${fieldLabel(field)}”，只导入了「${first}」列`,
            ),
          );
          continue;
        }
        byField.set(field, col.header);
        mapped.push({ index: col.index, letter: col.letter, field });
      }
      const data = wb.sheets.find(s => s.name === name)!;
      if (data.declaredRef) {
        fileIssues.push(
          makeIssue(
            'warning',
            file,
            name,
            null,
            null,
            null,
            `工作表「${name}」声明的范围是 ${data.declaredRef}，远大于实际内容；已按实际内容（${data.rowCount} 行 ${data.colCount} 列）读取`,
          ),
        );
      }
      for (const s of layout.skipped) {
        if (s.reason === 'hidden')
          fileIssues.push(makeIssue('warning', file, name, s.row, null, null, `第 ${s.row} 行是隐藏行，未导入（内容：${s.text.slice(0, 40)}）`));
      }
      const defaultUnit = options.defaultUnit === 'sheetName' ? name : options.defaultUnit === 'reportingUnit' ? layout.reportingUnit : null;
      if (options.defaultUnit === 'reportingUnit' && !layout.reportingUnit) {
        fileIssues.push(makeIssue('warning', file, name, null, null, 'unit', `工作表「${name}」没有“填报单位：”一行，无法用它作为默认单位`));
      }
      const sheetRecords = normalizeSheetRows({ file, sheet: name, layout, mapped, defaultUnit }, fileIssues, tick, progress);
      for (const r of sheetRecords) records.push(r);
      sheets.push({ name, reportingUnit: layout.reportingUnit, dataRows: layout.dataRows.length, layoutSkipped: layout.skipped.length });
    }
    findDuplicates(file, records, fileIssues);
    return buildPlan(db, { file: { name: file, sha256: wb.sha256 }, options, sheets, records, fileIssues }, tick);
  }

  /** The problem report of a plan made by this session (it still holds the original cells). */
  async report(plan: ImportPlan, build: (input: ReportInput) => Promise<Uint8Array>): Promise<{ bytes: Uint8Array; fileName: string }> {
    const wb = this.workbook;
    if (!wb) throw importError('请先读取文件');
    const bytes = await build({ fileName: wb.fileName, sheets: wb.sheets, layouts: this.layouts, issues: planIssues(plan) });
    return { bytes, fileName: reportFileName(wb.fileName) };
  }
}

function inspectSheet(sheet: SheetData, layout: SheetLayout, proposal: Map<string, ImportField | null>, remembered: boolean): SheetInspection {
  const sampleRows = layout.dataRows.slice(0, SAMPLE_ROWS);
  return {
    name: sheet.name,
    visibility: sheet.visibility,
    rowCount: sheet.rowCount,
    colCount: sheet.colCount,
    recognised: layout.recognised,
    title: layout.title,
    reportingUnit: layout.reportingUnit,
    reportingDate: layout.reportingDate,
    headerRows: layout.recognised ? [layout.headerStart + 1, layout.headerEnd + 1] : null,
    dataRows: layout.dataRows.length,
    columns: layout.columns.map(col => ({
      index: col.index,
      letter: col.letter,
      path: col.path,
      header: col.header,
      hidden: col.hidden,
      field: proposal.get(col.header) ?? null,
      sample: sampleRows.map(r => cellText(layout.cell(r, col.index)).slice(0, 60)),
    })),
    skipped: layout.skipped,
    unmapped: layout.columns.filter(c => !proposal.get(c.header)).map(c => c.header),
    remembered,
  };
}

export function previewOf(plan: ImportPlan, maxIssues = 200): ImportPreview {
  return {
    mode: plan.options.mode,
    sheets: plan.sheets.map(s => s.name),
    counts: plan.counts,
    blocked: plan.counts.errors > 0,
    unitsToCreate: plan.unitsToCreate,
    issues: planIssues(plan).slice(0, maxIssues),
  };
}
