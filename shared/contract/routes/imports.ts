/**
 * Routes of the Excel/CSV importer (导入). A long job: importStart reads the
 * file off the main thread and proposes a layout and column mapping;
 * importPlan checks every row and compares it with the roster; the wizard
 * polls importProgress (with a cancel button: importCancel), pages through
 * importPreviewRows / importIssues, and importCommit writes everything as one
 * transaction and one undoable step (撤销 is the roster's history).
 */
import { z } from 'zod';
import { EDITABLE_CADRE_FIELDS } from '../../domain/roster/cadre-rules';
import { id } from './common';

/** Every field a column can feed: the record's text fields, the unit (by name), tags, family rows, annual assessments. */
export const IMPORT_FIELDS = [...EDITABLE_CADRE_FIELDS, 'unit', 'tags', 'family', 'assessments'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * add: insert the rows that match no cadre; a row that matches one is not imported and is
 *      reported as a warning (you said these were new people).
 * update: update the matched cadres (only the cells that differ and are not blank) and insert the rest.
 * skip: insert the rows that match no cadre; matched rows are left untouched and counted as skipped.
 */
export const IMPORT_MODES = ['add', 'update', 'skip'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Largest file uploaded by the browser-mode page (the Electron app passes a path instead). */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

export const importSourceSchema = z.union([
  /** A path chosen in the main process's file dialog (Electron) or given to the CLI. */
  z.strictObject({ path: z.string().min(1).max(4096) }),
  /** The bytes of a file the page read (browser mode). */
  z.strictObject({
    name: z.string().min(1).max(255),
    base64: z.string().max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4),
  }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const columnMappingSchema = z.strictObject({
  /** The column's header as importInspect shows it ('学历学位/全日制教育/学历'). */
  header: z.string().max(500),
  /** null: not imported. */
  field: z.enum(IMPORT_FIELDS).nullable(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const importIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  sheet: z.string().nullable(),
  /** The row number as Excel shows it. */
  row: z.number().int().nullable(),
  /** The column letters as Excel shows them ('O'). */
  column: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const SKIP_REASONS = ['title', 'meta', 'blank', 'hidden', 'subtotal', 'footnote', 'header', 'section'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const skippedRowSchema = z.object({
  row: z.number().int(),
  reason: z.enum(SKIP_REASONS),
  /** The reason in Chinese: 标题行, 空行, 隐藏行, 合计行, … */
  label: z.string(),
  text: z.string(),
});
export type SkippedRow = z.infer<typeof skippedRowSchema>;

export const sheetColumnSchema = z.object({
  index: z.number().int(),
  letter: z.string(),
  /** The header path from top to bottom: ['学历学位', '全日制教育', '学历']. */
  path: z.array(z.string()),
  /** The path joined with '/', unique within the sheet; the key of the mapping. */
  header: z.string(),
  hidden: z.boolean(),
  /** The field proposed (synonyms or a remembered mapping); null: not imported. */
  field: z.enum(IMPORT_FIELDS).nullable(),
  /** A few values from the first data rows, as text. */
  sample: z.array(z.string()),
});
export type SheetColumn = z.infer<typeof sheetColumnSchema>;

export const sheetInspectionSchema = z.object({
  name: z.string(),
  visibility: z.enum(['visible', 'hidden', 'veryHidden']),
  rowCount: z.number().int(),
  colCount: z.number().int(),
  /** False when no header row was recognised (the sheet is not a roster). */
  recognised: z.boolean(),
  title: z.string().nullable(),
  reportingUnit: z.string().nullable(),
  reportingDate: z.string().nullable(),
  /** Excel row numbers of the first and last header rows; null when not recognised. */
  headerRows: z.tuple([z.number().int(), z.number().int()]).nullable(),
  dataRows: z.number().int(),
  columns: z.array(sheetColumnSchema),
  skipped: z.array(skippedRowSchema),
  /** Headers no field was proposed for. */
  unmapped: z.array(z.string()),
  /** The mapping came from one the user saved for the same header set. */
  remembered: z.boolean(),
});
export type SheetInspection = z.infer<typeof sheetInspectionSchema>;

export const inspectionSchema = z.object({
  file: z.object({
    name: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    format: z.string(),
    encoding: z.string().nullable(),
  }),
  sheets: z.array(sheetInspectionSchema),
  /** The sheets the wizard should preselect: visible and recognised. */
  defaultSheets: z.array(z.string()),
  /** One mapping over the headers of all recognised sheets. */
  mapping: z.array(columnMappingSchema),
});
export type Inspection = z.infer<typeof inspectionSchema>;

export const planOptionsSchema = z.strictObject({
  /** Sheet names; default: the inspection's defaultSheets. */
  sheets: z.array(z.string().max(255)).max(1000).optional(),
  /** The edited mapping; default: the proposal. Remembered for files with the same headers. */
  mapping: z.array(columnMappingSchema).max(2000).optional(),
  mode: z.enum(IMPORT_MODES).default('update'),
  /** Unit names not in the unit tree: create them (under newUnitParentId) or refuse the rows. */
  unknownUnits: z.enum(['create', 'refuse']).default('create'),
  newUnitParentId: id.nullable().default(null),
  /**
   * The unit of rows whose unit cell is blank (or when no column holds the unit):
   * the sheet's name (one sheet per unit), the 填报单位 line, or a chosen unit.
   */
  defaultUnit: z.union([z.enum(['none', 'sheetName', 'reportingUnit']), z.strictObject({ id })]).default('none'),
});
export type PlanOptions = z.input<typeof planOptionsSchema>;
export type ParsedPlanOptions = z.output<typeof planOptionsSchema>;

export const PLAN_ACTIONS = ['new', 'update', 'unchanged', 'skip', 'error'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const previewRowSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  action: z.enum(PLAN_ACTIONS),
  cadreId: id.nullable(),
  name: z.string(),
  matchedBy: z.enum(['idNumber', 'nameBirth']).nullable(),
  /** New rows: what will be written. */
  values: z.array(z.object({ field: z.string(), label: z.string(), value: z.string() })),
  /** Matched rows: each field that differs, old → new. */
  changes: z.array(z.object({ field: z.string(), label: z.string(), old: z.string(), new: z.string() })),
});
export type PreviewRow = z.infer<typeof previewRowSchema>;

export const previewCountsSchema = z.object({
  /** Data rows read from the chosen sheets. */
  rows: z.number().int(),
  new: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  skip: z.number().int(),
  /** Rows with at least one error. */
  errorRows: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Title, blank, hidden, subtotal, footnote … rows left out. */
  layoutSkipped: z.number().int(),
});

export const previewSchema = z.object({
  mode: z.enum(IMPORT_MODES),
  sheets: z.array(z.string()),
  counts: previewCountsSchema,
  /** Errors block the whole import: nothing is written until they are fixed. */
  blocked: z.boolean(),
  unitsToCreate: z.array(z.object({ name: z.string(), parentId: id.nullable(), parentName: z.string(), rows: z.number().int() })),
  /** The first issues (all of them through importIssues). */
  issues: z.array(importIssueSchema),
});
export type ImportPreview = z.infer<typeof previewSchema>;

export const commitResultSchema = z.object({
  runId: id,
  inserted: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  unchanged: z.number().int(),
  unitsCreated: z.number().int(),
  warnings: z.number().int(),
  /** The undoable step (null when nothing changed). */
  operation: z.object({ id, label: z.string(), changed: z.number().int() }).nullable(),
  /** Rows whose outcome differs from the preview because the roster changed meanwhile. */
  changedSincePreview: z.number().int(),
});
export type ImportCommitResult = z.infer<typeof commitResultSchema>;

export const IMPORT_JOB_STATES = ['reading', 'ready', 'planning', 'planned', 'committing', 'committed', 'failed', 'cancelled'] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];

export const importJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(IMPORT_JOB_STATES),
  /** What is happening, in Chinese: 正在读取文件, 正在检查数据, … */
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  inspection: inspectionSchema.nullable(),
  preview: previewSchema.nullable(),
  result: commitResultSchema.nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importRunSchema = z.object({
  id,
  at: z.string(),
  operator: z.string(),
  fileName: z.string(),
  fileHash: z.string(),
  sheets: z.array(z.string()),
  mode: z.enum(IMPORT_MODES),
  inserted: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  unchanged: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  operationId: id.nullable(),
});
export type ImportRun = z.infer<typeof importRunSchema>;

const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const page = { offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(2000).default(200) };

export const importRoutes = {
  /** Reads the file off the main thread; with `plan`, plans straight away. Poll importProgress. */
  importStart: {
    input: z.strictObject({ source: importSourceSchema, plan: planOptionsSchema.optional() }),
    output: z.object({ jobId: z.string() }),
  },
  importProgress: { input: z.strictObject({ jobId }), output: importJobSchema },
  /** Checks every row of the chosen sheets with the mapping and compares with the roster. Poll importProgress. */
  importPlan: { input: z.strictObject({ jobId, options: planOptionsSchema }), output: z.object({ jobId: z.string() }) },
  /** One page of the preview: new rows, changed fields old → new, unchanged, skipped, rows with errors. */
  importPreviewRows: {
    input: z.strictObject({ jobId, action: z.enum(PLAN_ACTIONS).optional(), ...page }),
    output: z.object({ total: z.number().int(), rows: z.array(previewRowSchema) }),
  },
  importIssues: {
    input: z.strictObject({ jobId, severity: z.enum(['error', 'warning']).optional(), ...page }),
    output: z.object({ total: z.number().int(), issues: z.array(importIssueSchema) }),
  },
  /** Writes the plan as one transaction and one undoable step; re-checked against the roster as it is now. */
  importCommit: { input: z.strictObject({ jobId }), output: commitResultSchema },
  /** Stops reading or planning; nothing has been written. */
  importCancel: { input: z.strictObject({ jobId }), output: z.object({ cancelled: z.boolean() }) },
  /**
   * The problem report (.xlsx): the rows with problems, offending cells red (errors) or
   * yellow (warnings), a note column. Written to `outPath` (a path from the save dialog) or returned as base64.
   */
  importReport: {
    input: z.strictObject({ jobId, outPath: z.string().min(1).max(4096).optional() }),
    output: z.object({ fileName: z.string(), path: z.string().nullable(), base64: z.string().nullable() }),
  },
  listImportRuns: {
    input: z.strictObject({ limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.array(importRunSchema),
  },
} as const;
