/**
 * Routes of the one import pipeline (导入), for every file the app reads
 * (.xlsx .xls .et .csv .lrmx, a folder, a .zip of them) and every target: the
 * roster (干部名册), a secondment batch's members, a round's scores and
 * 民主测评 tallies, annual assessment results (年度考核结果), the unit tree.
 * A long job: importStart reads the files off the main thread and proposes a
 * layout and column mapping for the target; importPlan checks every row and
 * compares it with what is stored; the wizard polls importProgress (with a
 * cancel button: importCancel), pages through importPreviewRows /
 * importIssues, and importCommit writes everything as one transaction and one
 * undoable step (撤销 on the page the target belongs to).
 */
import { z } from 'zod';
import { EDITABLE_CADRE_FIELDS } from '../../domain/roster/cadre-rules';
import { id } from './common';

/**
 * The roster's fields a column can feed: the record's text fields, the unit (by name), tags,
 * family rows, annual assessments, and 单位及职务 (split into unit and post by the unit tree).
 * Year columns feed 年度考核结果 as 'year:2024'; other targets have fields of their own.
 */
export const IMPORT_FIELDS = [...EDITABLE_CADRE_FIELDS, 'unit', 'unitPost', 'tags', 'family', 'assessments'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A field key of any target: 'name', 'hostUnit', 'year:2024', 'score:12', 'vote:excellent'. */
export const fieldKeySchema = z
  .string()
  .max(60)
  .regex(/^[A-Za-z][A-Za-z0-9]*(:[A-Za-z0-9]+)?$/, '不是可导入的项目');

/** Where the rows go. Default: the roster. */
export const importTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('roster') }),
  z.strictObject({ kind: z.literal('batch'), batchId: id }),
  z.strictObject({ kind: z.literal('round'), roundId: id }),
  z.strictObject({ kind: z.literal('annual') }),
  z.strictObject({ kind: z.literal('units') }),
]);
export type ImportTarget = z.infer<typeof importTargetSchema>;
export const IMPORT_TARGET_KINDS = ['roster', 'batch', 'round', 'annual', 'units'] as const;

/**
 * add: insert the rows that match no cadre; a row that matches one is not imported and is
 *      reported as a warning (you said these were new people).
 * update: update the matched cadres (only the cells that differ and are not blank) and insert the rest.
 * skip: insert the rows that match no cadre; matched rows are left untouched and counted as skipped.
 */
export const IMPORT_MODES = ['add', 'update', 'skip'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Largest upload of one job from the browser-mode page (the Electron app passes a path instead). */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;
const MAX_UPLOAD_BASE64 = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;

export const importSourceSchema = z.union([
  /** A path chosen in the main process's file dialog (Electron) or given to the CLI. */
  z.strictObject({ path: z.string().min(1).max(4096) }),
  /** The bytes of a file the page read (browser mode). */
  z.strictObject({
    name: z.string().min(1).max(255),
    base64: z.string().max(MAX_UPLOAD_BASE64),
  }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const columnMappingSchema = z.strictObject({
  /** The column's header as importInspect shows it ('学历学位/全日制教育/学历'). */
  header: z.string().max(500),
  /** A field of the target (inspection.target.fields); null: not imported. */
  field: fieldKeySchema.nullable(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const importIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** The file as the user named it (in a folder or .zip: its path inside). */
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
  /** Excel row number. */
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
  field: fieldKeySchema.nullable(),
  /** A header the importer knows and never imports (序号, 年龄, 时任职务 …). */
  known: z.boolean(),
  /** Some data row has a value in this column (the wizard asks before dropping it). */
  hasData: z.boolean(),
  /** A few values from the first data rows, as text. */
  sample: z.array(z.string()),
});
export type SheetColumn = z.infer<typeof sheetColumnSchema>;

export const sheetInspectionSchema = z.object({
  /** Unique in the job: the sheet name, or 'file › sheet' when several files hold sheets. */
  key: z.string(),
  file: z.string(),
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

export const inspectedFileSchema = z.object({
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** xlsx, xls, et, ods, html, xml, csv or lrmx. */
  format: z.string(),
  encoding: z.string().nullable(),
});

/** history: a person already in the 历史库 (退休/调出/…), left as they are unless the user brings them back (重新调入). */
export const PLAN_ACTIONS = ['new', 'update', 'unchanged', 'skip', 'history', 'error'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** What the target is and what its columns can feed, for the wizard. */
export const targetInfoSchema = z.object({
  kind: z.enum(IMPORT_TARGET_KINDS),
  /** 干部名册, 挂职批次「第四批」成员, 2025 年度考核 成绩, 年度考核结果, 单位树. */
  title: z.string(),
  fields: z.array(z.object({ key: z.string(), label: z.string() })),
  /** The preview's words for each action (批次: 新入名册 / 已匹配名册 / 已在本批次 …). */
  actions: z.object({ new: z.string(), update: z.string(), unchanged: z.string(), skip: z.string(), history: z.string(), error: z.string() }),
  /** The target takes 仅新增 / 更新已有 / 跳过已有 (the roster). */
  modes: z.boolean(),
  /** Rows carry a unit: the wizard offers the unit options. */
  units: z.boolean(),
});
export type TargetInfo = z.infer<typeof targetInfoSchema>;

export const inspectionSchema = z.object({
  files: z.array(inspectedFileSchema),
  target: targetInfoSchema,
  sheets: z.array(sheetInspectionSchema),
  /** Persons read from .lrmx files (they need no mapping). */
  documents: z.number().int(),
  /** Keys of the sheets the wizard should preselect: visible and recognised. */
  defaultSheets: z.array(z.string()),
  /** One mapping over the headers of all recognised sheets. */
  mapping: z.array(columnMappingSchema),
});
export type Inspection = z.infer<typeof inspectionSchema>;

export const planOptionsSchema = z.strictObject({
  /** Sheet keys or names; default: the inspection's defaultSheets. */
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
  /**
   * 跳过有误的文件: an .lrmx file with an error (unreadable, or a value the rules refuse) is left
   * out and listed with its reason instead of blocking the whole import (the default).
   */
  skipErrorFiles: z.boolean().default(false),
  /**
   * 重新调入: records that are people in the 历史库 bring them back into the roster (状态 在职) and
   * are imported like anyone matched. Default: listed in their own group, nothing written, no twin.
   */
  returnFromHistory: z.boolean().default(false),
});
export type PlanOptions = z.input<typeof planOptionsSchema>;
export type ParsedPlanOptions = z.output<typeof planOptionsSchema>;

export const MATCHED_BY = ['idNumber', 'nameBirth', 'name'] as const;

export const previewRowSchema = z.object({
  file: z.string(),
  /** Null for an .lrmx person. */
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  action: z.enum(PLAN_ACTIONS),
  cadreId: id.nullable(),
  /** Who or what the row is: a name, a unit. */
  name: z.string(),
  matchedBy: z.enum(MATCHED_BY).nullable(),
  /** New rows: what will be written. */
  values: z.array(z.object({ field: z.string(), label: z.string(), value: z.string() })),
  /** Matched rows: each field that differs, old → new. */
  changes: z.array(z.object({ field: z.string(), label: z.string(), old: z.string(), new: z.string() })),
  /** Why the row is in its group, when the group alone does not say: 历史库中已有此人（2025.06 退休）. */
  note: z.string().optional(),
});
export type PreviewRow = z.infer<typeof previewRowSchema>;

export const previewCountsSchema = z.object({
  /** Data rows read from the chosen sheets. */
  rows: z.number().int(),
  new: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  skip: z.number().int(),
  /** Records that are people in the 历史库, held back (see returnFromHistory). */
  history: z.number().int(),
  /** Rows with at least one error. */
  errorRows: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Title, blank, hidden, subtotal, footnote … rows left out. */
  layoutSkipped: z.number().int(),
});

/** A column no field takes: listed by header, whether or not it holds data. */
export const unmappedColumnSchema = z.object({
  file: z.string(),
  sheet: z.string(),
  column: z.string(),
  header: z.string(),
  hasData: z.boolean(),
  /** A header the importer knows and never imports (序号, 年龄 …). */
  known: z.boolean(),
});
export type UnmappedColumn = z.infer<typeof unmappedColumnSchema>;

/** A row the layout left out, with its reason. */
export const skippedFileSchema = z.object({ file: z.string(), reason: z.string() });
export type SkippedFile = z.infer<typeof skippedFileSchema>;

export const skippedRowRefSchema = skippedRowSchema.extend({ file: z.string(), sheet: z.string() });
export type SkippedRowRef = z.infer<typeof skippedRowRefSchema>;

/** How one 单位及职务 cell was read: split at a unit of the tree, or taken whole as the post. */
export const splitRowSchema = z.object({
  file: z.string(),
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  text: z.string(),
  how: z.enum(['split', 'whole']),
  unit: z.string(),
  post: z.string(),
});
export type SplitRow = z.infer<typeof splitRowSchema>;

export const previewSchema = z.object({
  mode: z.enum(IMPORT_MODES),
  sheets: z.array(z.string()),
  /** Every column not imported, by file, sheet, column letter and header. */
  unmapped: z.array(unmappedColumnSchema),
  /** Title, blank, subtotal, footnote … rows left out, by row number and reason. */
  skippedRows: z.array(skippedRowRefSchema),
  /** Files left out because they have errors (跳过有误的文件), each with why. */
  skippedFiles: z.array(skippedFileSchema),
  /** 单位及职务 cells: how many were split, how many taken whole, and the first rows of each. */
  splits: z.object({ split: z.number().int(), whole: z.number().int(), rows: z.array(splitRowSchema) }),
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
  /** The target's title, as the preview named it. */
  target: z.string(),
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
  /** Where the rows went: 干部名册, 挂职批次「第四批」成员 … */
  target: z.string(),
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
  /**
   * Reads the files off the main thread (a path may name a folder or a .zip of files; pages
   * upload bytes) for the target (default: the roster); with `plan`, plans straight away.
   * Poll importProgress.
   */
  importStart: {
    input: z
      .strictObject({
        source: importSourceSchema.optional(),
        sources: z.array(importSourceSchema).max(5000).optional(),
        target: importTargetSchema.default({ kind: 'roster' }),
        plan: planOptionsSchema.optional(),
      })
      .refine(i => (i.source ? 1 : 0) + (i.sources?.length ?? 0) > 0, '请选择要导入的文件')
      .refine(
        i => [...(i.source ? [i.source] : []), ...(i.sources ?? [])].reduce((n, s) => n + ('base64' in s ? s.base64.length : 0), 0) <= MAX_UPLOAD_BASE64,
        `上传的文件总大小超过 ${MAX_UPLOAD_BYTES / 1048576} MB，请分批导入`,
      ),
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
