/**
 * Routes of the unit tree (单位树) and its 职数: create, rename (名称变更 keeps the
 * earlier name), move and reorder, merge and abolish (撤销) units; approved leader
 * posts per unit and 领导职务层次 against those filled, as a table and an .xlsx.
 * Every write is one undoable step of the roster's history and answers with its state.
 * Dates arrive as typed ('2026.11', '2026年11月'); the service parses them.
 */
import { z } from 'zod';
import { id, requiredName, shortText } from './common';
import { fileDownloadSchema } from './exports';
import { historyStateSchema, unitSchema } from './roster';
import { UNIT_KINDS } from '../../domain/units/kinds';
import { QUOTA_LEVELS } from '../../domain/events/quota';

export { UNIT_KINDS, UNIT_LEVELS } from '../../domain/units/kinds';
export { QUOTA_LEVELS } from '../../domain/events/quota';

const unitKind = z.enum(['', ...UNIT_KINDS]);
const dateText = z.string().max(30);
const outPath = z.string().min(1).max(4096).optional();
const withHistory = z.object({ history: historyStateSchema });

const unitFields = {
  name: requiredName('单位名称'),
  shortName: z.string().trim().max(50).optional(),
  kind: unitKind.optional(),
  level: z.string().trim().max(20).optional(),
};

export const unitDetailSchema = unitSchema.omit({ sortOrder: true }).extend({
  /** 上级 / 本单位, as messages name it. */
  path: z.string(),
  abolishedAt: z.string().nullable(),
  /** Earlier names, latest first, with the date each ended (名称变更). */
  earlierNames: z.array(z.object({ name: z.string(), until: z.string() })),
  /** Cadres in the roster in this unit itself (not its sub-units). */
  cadres: z.number().int(),
  subUnits: z.number().int(),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

/** One unit and 领导职务层次 of the 职数 table; approved null = not set (未核定). */
export const quotaRowSchema = z.object({
  unitId: id,
  unit: z.string(),
  /** Depth below the table's top unit, for indenting. */
  depth: z.number().int(),
  level: z.string(),
  approved: z.number().int().nullable(),
  filled: z.number().int(),
  vacant: z.number().int(),
  over: z.number().int(),
  doc: z.string(),
  docDate: z.string(),
  /** Where over: the reasons recorded for the appointments past the approved number, of cadres still filling it. */
  reasons: z.array(z.object({ cadreId: id, name: z.string(), reason: z.string() })),
});
export type QuotaRow = z.infer<typeof quotaRowSchema>;

const quotaTotals = z.object({ approved: z.number().int(), filled: z.number().int(), vacant: z.number().int(), over: z.number().int() });

export const unitRoutes = {
  getUnit: { input: z.strictObject({ id }), output: unitDetailSchema },
  /** A new unit under parentId (top level when null), at `index` among its siblings (last when absent). */
  createUnit: {
    input: z.strictObject({ parentId: id.nullable(), ...unitFields, index: z.number().int().min(0).max(100_000).optional() }),
    output: withHistory.extend({ id }),
  },
  /** Renames (the old name is kept with renamedOn, default today) or changes short name, kind or level. */
  updateUnit: {
    input: z.strictObject({ id, ...unitFields, name: unitFields.name.optional(), renamedOn: dateText.optional() }),
    output: withHistory,
  },
  /** Under another parent (top level when null) and/or to another position among the siblings. */
  moveUnit: {
    input: z.strictObject({ id, parentId: id.nullable(), index: z.number().int().min(0).max(100_000).optional() }),
    output: withHistory,
  },
  /** Its cadres and sub-units move into `into`; the unit is abolished (kept for the record). */
  mergeUnit: {
    input: z.strictObject({ id, into: id, date: dateText.optional() }),
    output: withHistory.extend({ cadres: z.number().int(), units: z.number().int() }),
  },
  /** 撤销: refused while cadres or sub-units remain (the message says how many and where). */
  abolishUnit: { input: z.strictObject({ id, date: dateText.optional() }), output: withHistory },
  /** Approved posts of one unit and level (null removes the figure), with the 三定 document. */
  setQuota: {
    input: z.strictObject({
      unitId: id,
      level: z.enum(QUOTA_LEVELS as [string, ...string[]]),
      approved: z.number().int().min(0).max(10_000).nullable(),
      doc: shortText.optional(),
      docDate: dateText.optional(),
    }),
    output: withHistory,
  },
  /** The 职数 table of a unit and its sub-units (every unit when absent), in tree order. */
  quotaReport: {
    input: z.strictObject({ unitId: id.optional() }),
    output: z.object({ rows: z.array(quotaRowSchema), total: quotaTotals }),
  },
  exportQuotaReport: { input: z.strictObject({ unitId: id.optional(), outPath }), output: fileDownloadSchema },
} as const;

export const UNIT_METHODS = Object.keys(unitRoutes) as (keyof typeof unitRoutes)[];
