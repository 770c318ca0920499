/**
 * The pipeline for one import: read the files → detect each sheet's layout →
 * propose a mapping from the target's vocabulary (inspect), then read every
 * row with the user's choices, check it, match it and plan it. The same
 * object runs inside the worker thread and, where no worker is available
 * (tests, a bundle without the worker), in-process.
 */
import type {
  ImportIssue,
  ImportPreview,
  ImportTarget,
  Inspection,
  ParsedPlanOptions,
  SheetInspection,
  SkippedFile,
  SkippedRowRef,
  SplitRow,
  UnmappedColumn,
} from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import { readLrmx, type LrmxRead } from '../lrmx/api';
import { importError } from './errors';
import { cellText, detectLayout, type SheetLayout } from './layout';
import { loadRememberedMapping, mappingFromList, mappingToList, proposeMapping } from './mapping';
import { buildPlan, planIssues, type PlanTarget } from './plan';
import { DEFAULT_LIMITS, readWorkbook, sha256, type CellValue, type ReadLimits, type SheetData, type WorkbookData } from './read';
import { reportFileName, type ReportInput } from './report';
import { isBlank, makeIssue, normalizeSheetRows } from './rows';
import { isLrmxName, loadSources, type SourceInput } from './sources';
import type { HeaderColumn, Target, Vocabulary } from './target';
import { targetOf } from './targets';
import type { ImportPlan, ReadResult, RowRecord, SheetMeta, Tick } from './types';

const SAMPLE_ROWS = 3;
const SPLIT_ROWS_SHOWN = 500;

interface WorkbookFile {
  kind: 'workbook';
  workbook: WorkbookData;
  layouts: Map<string, SheetLayout>;
}
interface LrmxFile {
  kind: 'lrmx';
  name: string;
  sha256: string;
  size: number;
  read: LrmxRead;
}

interface SheetRef {
  key: string;
  file: WorkbookFile;
  data: SheetData;
  layout: SheetLayout;
  proposal: Map<string, string | null>;
  known: Set<string>;
  /** Columns (by index) with a value in some data row. */
  withData: Set<number>;
}

export class ImportSession {
  private files: (WorkbookFile | LrmxFile)[] = [];
  private sheets: SheetRef[] = [];
  private target: PlanTarget<unknown> | null = null;
  /** The vocabulary the last plan read with (its labels serve the preview). */
  vocabulary: Vocabulary | null = null;
  inspection: Inspection | null = null;

  /** Reads the files and proposes layout and mapping. `db` (read-only is enough) gives the target and remembered mappings. */
  read(sources: readonly SourceInput[], ref: ImportTarget, db: Database, tick: Tick, limits: ReadLimits = DEFAULT_LIMITS): Inspection {
    tick({ phase: '正在读取文件', done: 0, total: 1 });
    const target = targetOf(ref.kind);
    const ctx = target.load(db, ref);
    const info = target.info(ctx);
    const files = loadSources(sources, limits);
    for (const [k, f] of files.entries()) {
      tick({ phase: '正在读取文件', done: k, total: files.length });
      if (isLrmxName(f.name) || looksLikeLrmx(f.bytes)) {
        if (ref.kind !== 'roster') throw importError(`「${f.name}」是任免审批表（.lrmx）文件，只能导入干部名册`);
        this.files.push({ kind: 'lrmx', name: f.name, sha256: sha256(f.bytes), size: f.bytes.length, read: readLrmx(f.bytes, f.name) });
      } else {
        this.files.push({ kind: 'workbook', workbook: readWorkbook(f.bytes, f.name, limits), layouts: new Map() });
      }
    }
    const vocabulary = target.vocabulary(ctx, { db, splits: [] });
    const workbooks = this.files.filter((f): f is WorkbookFile => f.kind === 'workbook');
    const sheetCount = workbooks.reduce((n, f) => n + f.workbook.sheets.length, 0);
    tick({ phase: '正在识别表格结构', done: 0, total: sheetCount });
    const inspected: SheetInspection[] = [];
    const combined = new Map<string, string | null>();
    const fieldsFound = new Map(vocabulary.fields.map(f => [f.key, f.label]));
    for (const file of workbooks) {
      for (const data of file.workbook.sheets) {
        const layout = detectLayout(data, vocabulary.isHeaderWord);
        file.layouts.set(data.name, layout);
        const key = workbooks.length > 1 ? `${file.workbook.fileName} › ${data.name}` : data.name;
        const columns: HeaderColumn[] = layout.columns.map(c => ({ header: c.header, path: c.path, values: () => columnValues(layout, c.index) }));
        const remembered = columns.length
          ? loadRememberedMapping(
              db,
              layout.columns.map(c => c.header),
              ref.kind,
            )
          : null;
        const { field: proposal, known } = proposeMapping(columns, vocabulary, remembered);
        const withData = new Set(layout.columns.filter(c => layout.dataRows.some(r => !isBlank(layout.cell(r, c.index)))).map(c => c.index));
        this.sheets.push({ key, file, data, layout, proposal, known, withData });
        if (layout.recognised) for (const [h, f] of proposal) if (!combined.has(h)) combined.set(h, f);
        for (const f of proposal.values()) if (f && !fieldsFound.has(f)) fieldsFound.set(f, vocabulary.label(f) ?? f);
        inspected.push(inspectSheet(key, file.workbook.fileName, data, layout, proposal, known, withData, remembered !== null));
        tick({ phase: '正在识别表格结构', done: inspected.length, total: sheetCount });
      }
    }
    this.target = { target: target as Target<unknown>, ctx, ref, info: { ...info, fields: [] } };
    this.target.info.fields = [...fieldsFound].map(([key, label]) => ({ key, label }));
    this.inspection = {
      files: this.files.map(f =>
        f.kind === 'lrmx'
          ? { name: f.name, size: f.size, sha256: f.sha256, format: 'lrmx', encoding: null }
          : { name: f.workbook.fileName, size: f.workbook.size, sha256: f.workbook.sha256, format: f.workbook.format, encoding: f.workbook.encoding ?? null },
      ),
      target: this.target.info,
      sheets: inspected,
      documents: this.files.filter(f => f.kind === 'lrmx').length,
      defaultSheets: inspected
        .filter(s => s.visibility === 'visible' && s.recognised && s.dataRows > 0)
        .filter(s => vocabulary.worthy?.(new Set(s.columns.flatMap(c => (c.field ? [c.field] : [])))) ?? true)
        .map(s => s.key),
      mapping: mappingToList(combined),
    };
    return this.inspection;
  }

  /** The target as inspected, for the commit. */
  planTarget(): PlanTarget<unknown> {
    if (!this.target) throw importError('请先读取文件');
    return this.target;
  }

  plan(db: Database, options: ParsedPlanOptions, tick: Tick): ImportPlan {
    const inspection = this.inspection;
    const pt = this.target;
    if (!inspection || !pt) throw importError('请先读取文件');
    const splits: SplitRow[] = [];
    const vocabulary = pt.target.vocabulary(pt.ctx, { db, splits });
    this.vocabulary = vocabulary;
    const chosen = this.chosenSheets(options.sheets, inspection);
    const fileIssues: ImportIssue[] = [];
    const firstFile = inspection.files[0]?.name ?? '';
    if (chosen.length === 0 && inspection.documents === 0) {
      fileIssues.push(makeIssue('error', firstFile, null, null, null, null, '文件中没有可导入的工作表（没有找到含“姓名”等表头的表格）'));
    }
    const edited = options.mapping ? mappingFromList(options.mapping, vocabulary) : null;
    const sheets: SheetMeta[] = [];
    const records: RowRecord[] = [];
    const unmapped: UnmappedColumn[] = [];
    const skippedRows: SkippedRowRef[] = [];
    const total = chosen.reduce((n, s) => n + s.layout.dataRows.length, 0) + inspection.documents;
    const progress = { done: 0, total };
    tick({ phase: '正在检查数据', done: 0, total });
    for (const s of chosen) {
      const file = s.file.workbook.fileName;
      const name = s.data.name;
      const { layout } = s;
      const issue = (severity: ImportIssue['severity'], row: number | null, column: string | null, field: string | null, message: string) =>
        fileIssues.push(makeIssue(severity, file, name, row, column, field, message));
      for (const r of layout.skipped) skippedRows.push({ file, sheet: name, ...r });
      if (!layout.recognised) {
        issue('error', null, null, null, `工作表「${name}」中没有找到表头（姓名、性别、出生年月等），无法导入`);
        sheets.push({ file, name, reportingUnit: null, dataRows: 0, layoutSkipped: layout.skipped.length });
        continue;
      }
      // One column per field within a sheet: the first wins, the others are reported.
      const mapped: { index: number; letter: string; field: string }[] = [];
      const byField = new Map<string, string>();
      for (const col of layout.columns) {
        const field = edited?.has(col.header) ? (edited.get(col.header) ?? null) : (s.proposal.get(col.header) ?? null);
        const hasData = s.withData.has(col.index);
        const first = field ? byField.get(field) : undefined;
        if (field && !first) {
          byField.set(field, col.header);
          mapped.push({ index: col.index, letter: col.letter, field });
          continue;
        }
        const known = !field && s.known.has(col.header);
        unmapped.push({ file, sheet: name, column: col.letter, header: col.header, hasData, known });
        if (first) {
          issue('warning', null, col.letter, field, `「${col.header}」列与「${first}」列都对应“${vocabulary.label(field!) ?? field}”，只导入了「${first}」列`);
        } else if (hasData && !known) {
          issue('warning', null, col.letter, null, `「${col.header}」列（${col.letter} 列）有数据，但没有对应任何项目，未导入`);
        }
      }
      if (s.data.declaredRef) {
        issue(
          'warning',
          null,
          null,
          null,
          `工作表「${name}」声明的范围是 ${s.data.declaredRef}，远大于实际内容；已按实际内容（${s.data.rowCount} 行 ${s.data.colCount} 列）读取`,
        );
      }
      for (const r of layout.skipped) {
        if (r.reason === 'hidden') issue('warning', r.row, null, null, `第 ${r.row} 行是隐藏行，未导入（内容：${r.text.slice(0, 40)}）`);
      }
      const defaultUnit = options.defaultUnit === 'sheetName' ? name : options.defaultUnit === 'reportingUnit' ? layout.reportingUnit : null;
      if (options.defaultUnit === 'reportingUnit' && !layout.reportingUnit) {
        issue('warning', null, null, 'unit', `工作表「${name}」没有“填报单位：”一行，无法用它作为默认单位`);
      }
      const context = {
        file,
        sheet: name,
        reportingUnit: layout.reportingUnit,
        unitChosen: options.defaultUnit !== 'none',
        mapped: new Set(mapped.map(m => m.field)),
      };
      for (const r of normalizeSheetRows({ layout, mapped, context, defaultUnit }, vocabulary, fileIssues, tick, progress)) records.push(r);
      sheets.push({ file, name, reportingUnit: layout.reportingUnit, dataRows: layout.dataRows.length, layoutSkipped: layout.skipped.length });
    }
    const skippedFiles: SkippedFile[] = [];
    for (const f of this.files) {
      if (f.kind !== 'lrmx') continue;
      const own: ImportIssue[] = [];
      const rec = lrmxRecord(f.read, own);
      // What needs the whole record (性别/出生年月 from the ID) as for a sheet's row; the file's own rules ran in lrmx/read.ts.
      const context = { file: f.name, sheet: '', reportingUnit: null, unitChosen: true, mapped: new Set(['name', 'gender', 'birth']), checked: true };
      vocabulary.finish?.(rec, context, (severity, message, field) => {
        if (severity === 'error') rec.hasError = true;
        own.push(makeIssue(severity, f.name, null, null, null, field ?? null, message));
      });
      if (rec.hasError && options.skipErrorFiles) {
        // Left out, and said why: the file's errors become one warning naming it.
        const reason = own
          .filter(i => i.severity === 'error')
          .map(i => i.message)
          .join('；');
        skippedFiles.push({ file: f.name, reason });
        fileIssues.push(makeIssue('warning', f.name, null, null, null, null, `文件有误，已跳过未导入：${reason}`));
        continue;
      }
      fileIssues.push(...own);
      records.push(rec);
    }
    vocabulary.finishAll?.(records, (rec, field, message) => {
      rec.hasError = true;
      fileIssues.push(makeIssue('error', rec.file, rec.sheet, rec.row, rec.columns[field] ?? null, field, message));
    });
    const read: ReadResult = {
      files: this.files.map(f => (f.kind === 'lrmx' ? { name: f.name, sha256: f.sha256 } : { name: f.workbook.fileName, sha256: f.workbook.sha256 })),
      options,
      sheets,
      records,
      fileIssues,
      unmapped,
      skippedRows,
      skippedFiles,
      splits,
    };
    return buildPlan(db, pt, read, tick);
  }

  private chosenSheets(names: readonly string[] | undefined, inspection: Inspection): SheetRef[] {
    const wanted = names?.length ? [...new Set(names)] : inspection.defaultSheets;
    for (const n of wanted) {
      if (!this.sheets.some(s => s.key === n || s.data.name === n)) throw importError(`文件中没有名为「${n}」的工作表`);
    }
    return this.sheets.filter(s => wanted.includes(s.key) || wanted.includes(s.data.name));
  }

  /** The problem report of a plan made by this session (it still holds the original cells). */
  async report(plan: ImportPlan, build: (input: ReportInput) => Promise<Uint8Array>): Promise<{ bytes: Uint8Array; fileName: string }> {
    const workbooks = this.files.filter((f): f is WorkbookFile => f.kind === 'workbook');
    const first = this.inspection?.files[0]?.name;
    if (!first) throw importError('请先读取文件');
    const bytes = await build({
      fileName: this.files.length === 1 ? first : `${this.files.length} 个文件`,
      sheets: workbooks.flatMap(f => f.workbook.sheets.map(data => ({ file: f.workbook.fileName, data, layout: f.layouts.get(data.name)! }))),
      issues: planIssues(plan),
    });
    return { bytes, fileName: reportFileName(first) };
  }
}

/** .lrmx files named otherwise: XML whose root is <Person>. */
function looksLikeLrmx(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<Person[\s>]/.test(head);
}

function* columnValues(layout: SheetLayout, c: number): Iterable<CellValue> {
  for (const r of layout.dataRows) yield layout.cell(r, c);
}

/** An .lrmx person as a record: its fields already read by the roster's rules (lrmx/read.ts). */
function lrmxRecord(read: LrmxRead, issues: ImportIssue[]): RowRecord {
  const r = read.record;
  const rec: RowRecord = {
    file: read.file,
    sheet: null,
    row: null,
    values: { ...(r?.fields ?? {}) },
    unit: null,
    tags: r?.tags ?? null,
    family: r?.family ?? null,
    assessments: r?.assessments ?? null,
    columns: {},
    hasError: !r,
  };
  if (r?.photo) rec.photo = Buffer.from(r.photo).toString('base64');
  if (r?.assessmentText !== undefined) rec.assessmentText = r.assessmentText;
  for (const p of read.problems) {
    if (p.severity === 'error') rec.hasError = true;
    issues.push(makeIssue(p.severity, read.file, null, null, null, p.field ?? null, p.message));
  }
  return rec;
}

function inspectSheet(
  key: string,
  file: string,
  sheet: SheetData,
  layout: SheetLayout,
  proposal: Map<string, string | null>,
  known: Set<string>,
  withData: Set<number>,
  remembered: boolean,
): SheetInspection {
  const sampleRows = layout.dataRows.slice(0, SAMPLE_ROWS);
  return {
    key,
    file,
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
      known: known.has(col.header),
      hasData: withData.has(col.index),
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
    unmapped: plan.unmapped,
    skippedRows: plan.skippedRows,
    skippedFiles: plan.skippedFiles,
    splits: {
      split: plan.splits.filter(s => s.how === 'split').length,
      whole: plan.splits.filter(s => s.how === 'whole').length,
      rows: plan.splits.slice(0, SPLIT_ROWS_SHOWN),
    },
    counts: plan.counts,
    blocked: plan.counts.errors > 0,
    unitsToCreate: plan.unitsToCreate,
    issues: planIssues(plan).slice(0, maxIssues),
  };
}
