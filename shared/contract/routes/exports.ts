/**
 * Routes of templates and exports (名册导出、导入模板) and of the national
 * appointment-form files (.lrmx, 任免审批表): export selected cadres and show
 * what one file holds. Importing them is the import pipeline's (routes/imports.ts).
 *
 * Files travel as base64 both ways. A download is a blob in the page: in
 * Electron the session's will-download handler shows the system save dialog
 * (electron/security.ts), in a browser it is an ordinary download. Like the
 * import's problem report, an export may instead be written to `outPath`, a
 * path the main process's save dialog chose; the service accepts only the
 * expected extension there (.xlsx / .csv / .lrmx / .zip, or an existing folder
 * for .lrmx files), so the route cannot be used to write arbitrary files.
 */
import { z } from 'zod';
import { statsDrillSchema } from '../../domain/stats/scope';
import { cadreQuerySchema } from '../../domain/roster/query';
import { CADRE_FIELD_LABELS } from '../../domain/roster/fields';
import { id, shortText } from './common';

/** Columns a roster export can have: 序号, every roster field, the grid's combined 学历学位 columns, 年龄. */
export const ROSTER_EXPORT_COLUMN_LABELS = {
  seq: '序号',
  ...CADRE_FIELD_LABELS,
  ftEducationDegree: '学历学位（全日制）',
  ptEducationDegree: '学历学位（在职）',
  age: '年龄',
} as const;
export type RosterExportColumnKey = keyof typeof ROSTER_EXPORT_COLUMN_LABELS;
export const ROSTER_EXPORT_COLUMN_KEYS = Object.keys(ROSTER_EXPORT_COLUMN_LABELS) as [RosterExportColumnKey, ...RosterExportColumnKey[]];

/** Where to write instead of returning the bytes (a path from the main process's save dialog). */
const outPath = z.string().min(1).max(4096).optional();
const canonicalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
/** A grid column id: plain camelCase words, never __proto__ and friends. */
const colId = z.string().regex(/^[a-zA-Z]{1,40}$/);

/** The grid's view: exactly what queryCadrePage receives, without paging. */
const rosterViewSchema = z.strictObject({
  /** The 历史库 instead of the roster. */
  history: z.boolean().optional(),
  unitId: id.optional(),
  search: shortText.optional(),
  filters: z
    .record(
      colId,
      z.strictObject({
        type: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
        filter: shortText.optional(),
      }),
    )
    .optional(),
  sort: z
    .array(z.strictObject({ colId, sort: z.enum(['asc', 'desc']) }))
    .max(5)
    .optional(),
  /** A combined-condition query (组合查询) narrowing the view further. */
  query: cadreQuerySchema.optional(),
  /** The people behind a number of 统计分析 (a drill-down). */
  drill: statsDrillSchema.optional(),
});
export type RosterView = z.infer<typeof rosterViewSchema>;

export const rosterExportInput = z.strictObject({
  columns: z
    .array(z.strictObject({ key: z.enum(ROSTER_EXPORT_COLUMN_KEYS), header: z.string().max(50).optional() }))
    .min(1, '至少选择一列')
    .max(60),
  /** Which rows, in order: these ids (the grid's selection), or the grid's view. */
  ids: z.array(id).max(1_000_000).optional(),
  view: rosterViewSchema.optional(),
  /** 标题, default 干部名册. */
  title: z.string().max(100).optional(),
  /** 填报单位. */
  reportingUnit: z.string().max(100).optional(),
  /** 填报日期, default today. */
  date: canonicalDate.optional(),
  /** Ages computed at this date; default the 填报日期. */
  ageRefDate: canonicalDate.optional(),
  /** 出生年月 written as 1985.03(40岁). */
  birthWithAge: z.boolean().optional(),
  outPath,
});
export type RosterExportInput = z.infer<typeof rosterExportInput>;

/** A file for the renderer to offer as a download (base64), or where it was written (path). */
export const fileDownloadSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string().nullable(),
  path: z.string().nullable(),
});
export type FileDownload = z.infer<typeof fileDownloadSchema>;

/** An uploaded file: its name (no folders) and content. 20 MB at most (checked by the service). */
export const uploadedFileSchema = z.strictObject({
  name: z.string().min(1).max(255),
  base64: z.string().max(28_000_000),
});

export const importProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  field: z.string().optional(),
  element: z.string().optional(),
  message: z.string(),
});

const lrmxMetaSchema = z.object({
  reportingUnit: z.string(),
  ageRefDate: z.string(),
  filledAt: z.string(),
  filledBy: z.string(),
  version: z.string(),
  retirementDate: z.string(),
  reformAgeLimit: z.string(),
});

export const exportRoutes = {
  /** The roster as the grid shows it, a styled .xlsx ready to print. */
  exportRoster: {
    input: rosterExportInput,
    output: fileDownloadSchema.extend({ rows: z.number().int() }),
  },
  /** The same columns and rows as CSV (UTF-8 with BOM, CRLF). */
  exportCsv: {
    input: rosterExportInput,
    output: fileDownloadSchema.extend({ rows: z.number().int() }),
  },
  /** The import template (干部信息导入模板.xlsx). */
  downloadTemplate: { input: z.strictObject({ outPath }), output: fileDownloadSchema },
  /** Selected cadres as .lrmx: one file as is, several as a zip of 姓名_身份证后4位.lrmx. */
  exportLrmx: {
    input: z.strictObject({
      ids: z.array(id).min(1, '请选择要导出的干部').max(5000),
      ageRefDate: canonicalDate.optional(),
      /** An existing folder (one file per cadre), or a .zip / .lrmx file path. */
      outPath,
    }),
    /** files: the names written into the outPath folder (none otherwise). */
    output: fileDownloadSchema.extend({ count: z.number().int(), files: z.array(z.string()) }),
  },
  /** Reads one .lrmx file and shows what it holds (nothing is written). */
  inspectLrmx: {
    input: z.strictObject({ file: uploadedFileSchema }),
    output: z.object({
      file: z.string(),
      record: z
        .object({
          fields: z.record(z.string(), z.string()),
          family: z.array(z.object({ relation: z.string(), name: z.string(), birth: z.string(), politicalStatus: z.string(), work: z.string() })),
          assessments: z.array(z.object({ year: z.number().int(), grade: z.string(), note: z.string() })),
          photoBase64: z.string().nullable(),
          meta: lrmxMetaSchema,
        })
        .nullable(),
      problems: z.array(importProblemSchema),
    }),
  },
} as const;
