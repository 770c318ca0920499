/**
 * Routes of 工作提醒 (what falls due for a reference date and horizon) and of the
 * 数据质量 review (三龄两历 contradictions). Both are computed from the whole roster in
 * one pass; the page filters by kind on its side. Exports come down as bytes, or are
 * written to `outPath` (a path from the main process's save dialog, .xlsx only).
 */
import { z } from 'zod';
import { MAX_HORIZON_MONTHS, REMINDER_KINDS } from '../../domain/reminders/due';
import { QUALITY_KINDS } from '../../domain/reminders/quality';
import { parseDateInput } from '../../domain/common/dates';
import { id } from './common';
import { fileDownloadSchema } from './exports';

export { DEFAULT_HORIZON_MONTHS, MAX_HORIZON_MONTHS, REMINDER_KINDS, type ReminderKind } from '../../domain/reminders/due';
export { QUALITY_KINDS, type QualityKind } from '../../domain/reminders/quality';

const outPath = z.string().min(1).max(4096).optional();

/** The reference date (default today) and the horizon in months (default 12). */
export const reminderWindowShape = {
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
    .refine(s => parseDateInput(s).ok, '没有这一天，请检查年、月、日')
    .optional(),
  months: z.number().int().min(1).max(MAX_HORIZON_MONTHS).optional(),
};
const reminderWindowSchema = z.strictObject(reminderWindowShape);
export type ReminderWindow = z.infer<typeof reminderWindowSchema>;

export const reminderRowSchema = z.object({
  kind: z.enum(REMINDER_KINDS),
  /** The cadre it is about; null for an assessment round. */
  cadreId: id.nullable(),
  /** The assessment round (考核未完成), else null. */
  roundId: id.nullable(),
  /** The cadre's name, or the round's. */
  name: z.string(),
  unit: z.string(),
  post: z.string(),
  /** Canonical 'YYYY-MM' or 'YYYY-MM-DD'. */
  due: z.string(),
  /** 逾期: already past due and still open. */
  overdue: z.boolean(),
  /** Why, in Chinese. */
  detail: z.string(),
});
export type ReminderRow = z.infer<typeof reminderRowSchema>;

const reminderCountsSchema = z.array(z.object({ kind: z.enum(REMINDER_KINDS), count: z.number().int(), overdue: z.number().int() }));

export const qualityRowSchema = z.object({
  kind: z.enum(QUALITY_KINDS),
  cadreId: id,
  name: z.string(),
  unit: z.string(),
  /** The fields in contradiction: key (for opening the form there), Chinese label, value as shown. */
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  detail: z.string(),
});
export type QualityRow = z.infer<typeof qualityRowSchema>;

export const reminderRoutes = {
  /** Every reminder of the window, past-due first, then by due date; with counts per kind. */
  listReminders: {
    input: reminderWindowSchema,
    output: z.object({
      /** The window actually used, canonical 'YYYY-MM-DD'. */
      date: z.string(),
      until: z.string(),
      months: z.number().int(),
      rows: z.array(reminderRowSchema),
      counts: reminderCountsSchema,
    }),
  },
  /** The start page's figure: how many fall due in the default window, how many are past due. */
  reminderSummary: {
    input: z.strictObject({}),
    output: z.object({ total: z.number().int(), overdue: z.number().int(), months: z.number().int() }),
  },
  /** The list (optionally only some kinds) as the styled .xlsx table. */
  exportReminders: {
    input: z.strictObject({ ...reminderWindowShape, kinds: z.array(z.enum(REMINDER_KINDS)).max(REMINDER_KINDS.length).optional(), outPath }),
    output: fileDownloadSchema.extend({ rows: z.number().int() }),
  },
  /** 数据质量: every contradiction in the roster, by kind, with counts per kind (zeros included). */
  reviewQuality: {
    input: z.strictObject({}),
    output: z.object({ rows: z.array(qualityRowSchema), counts: z.array(z.object({ kind: z.enum(QUALITY_KINDS), count: z.number().int() })) }),
  },
  /** The review (optionally only some kinds) as the styled .xlsx table. */
  exportQuality: {
    input: z.strictObject({ kinds: z.array(z.enum(QUALITY_KINDS)).max(QUALITY_KINDS.length).optional(), outPath }),
    output: fileDownloadSchema.extend({ rows: z.number().int() }),
  },
} as const;

export const REMINDER_METHODS = Object.keys(reminderRoutes) as (keyof typeof reminderRoutes)[];
