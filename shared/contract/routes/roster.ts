/** Routes of the roster (干部名册): units and cadres. */
import { z } from 'zod';
import { cadreRowSchema, cadreSchema } from '../../domain/roster/cadre';
import { EDITABLE_CADRE_FIELDS } from '../../domain/roster/cadre-rules';
import { cadreQuerySchema } from '../../domain/roster/query';
import { statsDrillSchema } from '../../domain/stats/scope';
import { id, noInput, requiredName, shortText } from './common';

export const unitSchema = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  level: z.string(),
  sortOrder: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;

export {
  annualAssessmentSchema,
  cadreRowSchema,
  cadreSchema,
  familyMemberSchema,
  type Cadre,
  type CadreRow,
  type FamilyMember,
} from '../../domain/roster/cadre';

/** One cell's value as the grid, a paste or a form sends it (checked by shared/domain/roster/cadre-rules.ts). */
const cellValue = z.union([z.string().max(20000), z.number().finite(), z.null(), z.array(z.string().max(100)).max(50)]);
const fieldValues = z.partialRecord(z.enum([...EDITABLE_CADRE_FIELDS, 'tags', 'unitId']), cellValue);

export const cellProblemSchema = z.object({ row: z.number().int(), id: id.optional(), field: z.string(), message: z.string() });
export type CellProblem = z.infer<typeof cellProblemSchema>;

/**
 * The page whose 撤销/重做 a step belongs to: 'roster' (the default), 'batch:4',
 * 'villages', 'secondment' (the batch list, with its batches), 'round:7'.
 */
export const historyScopeSchema = z.string().regex(/^[a-z]{1,30}(?::\d{1,15})?$/);

const historyEntry = z.object({ id, label: z.string(), at: z.string() }).nullable();
export const historyStateSchema = z.object({ undo: historyEntry, redo: historyEntry });
export type HistoryState = z.infer<typeof historyStateSchema>;

export const auditEntrySchema = z.object({
  id,
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const colId = z.string().regex(/^[a-zA-Z]{1,40}$/);
const sortSchema = z.array(z.strictObject({ colId, sort: z.enum(['asc', 'desc']) })).max(5);

/** A named 组合查询 with the grid's columns and sort, re-openable. */
export const savedViewSchema = z.object({
  id,
  name: z.string(),
  query: cadreQuerySchema,
  columns: z.array(colId),
  sort: sortSchema,
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const rosterRoutes = {
  listUnits: { input: noInput, output: z.array(unitSchema) },
  listCadres: {
    input: z.strictObject({
      /** Only this unit and its sub-units. */
      unitId: id.optional(),
      /** Name, ID number or post text contains this. */
      search: shortText.optional(),
    }),
    output: z.array(cadreRowSchema),
  },
  getCadre: { input: z.strictObject({ id }), output: cadreSchema },
  /** Whole records (every field of the form) of the roster or of a 组合查询, in roster order; status 'history': the 历史库. */
  listCadreRecords: {
    input: z.strictObject({ query: cadreQuerySchema.optional(), status: z.enum(['roster', 'history']).optional() }),
    output: z.array(cadreSchema),
  },
  /** One block of the roster grid (infinite row model): filtered, sorted and counted in SQL. */
  queryCadrePage: {
    input: z.strictObject({
      /** The 历史库 (cadres who left by 退休/调出/辞职/去世) instead of the roster. */
      history: z.boolean().optional(),
      unitId: id.optional(),
      search: shortText.optional(),
      filters: z
        .record(
          // column ids are plain camelCase words: never __proto__ and friends
          z.string().regex(/^[a-zA-Z]{1,40}$/),
          z.strictObject({
            type: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
            filter: shortText.optional(),
          }),
        )
        .optional(),
      sort: sortSchema.optional(),
      /** A combined-condition query (组合查询), run in SQL with the rest. */
      query: cadreQuerySchema.optional(),
      /** The people behind a number of 统计分析 (a drill-down), run in SQL with the rest. */
      drill: statsDrillSchema.optional(),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(2000),
    }),
    output: z.object({ rows: z.array(cadreRowSchema), total: z.number().int() }),
  },
  /**
   * Edits, pastes, fill-downs and new rows: every value is checked; any error
   * refuses the whole change (VALIDATION, details.problems per row and field).
   */
  saveCadres: {
    input: z.strictObject({
      updates: z
        .array(z.strictObject({ id, values: fieldValues }))
        .max(100_000)
        .optional(),
      creates: z
        .array(z.strictObject({ values: fieldValues }))
        .max(100_000)
        .optional(),
      /** What 撤销 shows, e.g. 粘贴 3 行. */
      label: z.string().max(100).optional(),
      kind: z.enum(['edit', 'paste', 'fill', 'create']).optional(),
      /** The grid row (1-based, as the user sees it) of the first update, then of the first new row: refusals name those rows. */
      firstRow: z.number().int().min(1).max(10_000_000).optional(),
    }),
    output: z.object({
      updated: z.array(id),
      created: z.array(id),
      warnings: z.array(cellProblemSchema),
      rows: z.array(cadreRowSchema),
      history: historyStateSchema,
    }),
  },
  /** Into the 回收站 (deleted: true) or back out of it. */
  setCadresDeleted: {
    input: z.strictObject({ ids: z.array(id).min(1).max(100_000), deleted: z.boolean() }),
    output: z.object({ count: z.number().int(), history: historyStateSchema }),
  },
  listDeletedCadres: { input: noInput, output: z.array(cadreRowSchema) },
  /** The next 撤销 and 重做 of a page (the roster's when no scope is given). */
  getHistory: { input: z.strictObject({ scope: historyScopeSchema.optional() }), output: historyStateSchema },
  /** Undo or redo one whole operation (an edit, a paste, a delete, an import) of a page's own steps. */
  stepHistory: {
    input: z.strictObject({ direction: z.enum(['undo', 'redo']), scope: historyScopeSchema.optional() }),
    output: z.object({ label: z.string(), cadreIds: z.array(id), history: historyStateSchema }),
  },
  listViews: { input: noInput, output: z.array(savedViewSchema) },
  /** Saves (or, with the same name, replaces) a named view. */
  saveView: {
    input: z.strictObject({
      name: requiredName('查询方案的名称', 50),
      query: cadreQuerySchema,
      columns: z.array(colId).max(100),
      sort: sortSchema,
    }),
    output: savedViewSchema,
  },
  deleteView: { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** 修改记录 of one cadre, newest first. */
  cadreAuditLog: { input: z.strictObject({ id }), output: z.array(auditEntrySchema) },
} as const;
