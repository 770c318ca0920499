/**
 * Routes of cadre events (职务变动: 任免, transfers, rank promotions, leaving):
 * preview (the 简历 line each would write, the 试用期 default, the 职数 check),
 * record one 任免通知 for one or many cadres (one 撤销 step), plans (拟任/拟免)
 * that fill the form and are decided later, and a cadre's history in date order.
 * Dates arrive as typed ('2026.11', '2026.11.06'); answers carry them canonical.
 */
import { z } from 'zod';
import { id, shortText } from './common';
import { historyStateSchema } from './roster';
import { EVENT_KINDS } from '../../domain/events/kinds';

export { EVENT_KINDS, LEAVING_KINDS, eventFieldsOf, isLeaving, type EventKind } from '../../domain/events/kinds';

const dateText = z.string().max(30);
const text = (max = 200) => z.string().max(max);

export const cadreEventSchema = z.object({
  id,
  cadreId: id,
  kind: z.enum(EVENT_KINDS),
  date: z.string(),
  docNo: z.string(),
  authority: z.string(),
  unitId: id.nullable(),
  /** The unit's current name ('' when none). */
  unit: z.string(),
  post: z.string(),
  removedPost: z.string(),
  leadershipLevel: z.string(),
  rank: z.string(),
  /** When the 试用期 ends ('' for none). */
  probationEnd: z.string(),
  /** The 简历 line written ('' for none). */
  resumeLine: z.string(),
  quotaReason: z.string(),
  note: z.string(),
  planned: z.boolean(),
});
export type CadreEvent = z.infer<typeof cadreEventSchema>;

/** One person of a 任免通知: what changes for them. */
const eventRow = z.strictObject({
  cadreId: id,
  /** The unit taken (default: the cadre's own). */
  unitId: id.nullable().optional(),
  post: text().optional(),
  removedPost: text().optional(),
  leadershipLevel: text(20).optional(),
  rank: text(20).optional(),
  /** Opens a 试用期 (default: the rule, see shared/domain/events/rules.ts). */
  probation: z.boolean().optional(),
  /** The 简历 line as shown and perhaps edited ('' writes none; absent: the proposed line). */
  resumeLine: text(500).optional(),
  /** Why the 职数 may be exceeded; without it such a row is refused. */
  quotaReason: text(500).optional(),
  note: text(1000).optional(),
});
export type EventRowInput = z.infer<typeof eventRow>;

/** One 任免通知: the same kind, date, 文号 and 任免机关 for every row. */
export const eventNoticeSchema = z.strictObject({
  kind: z.enum(EVENT_KINDS),
  date: dateText,
  docNo: shortText.optional(),
  authority: shortText.optional(),
  /** A plan (拟任/拟免): fills the form and waits to be decided. */
  planned: z.boolean().optional(),
  rows: z.array(eventRow).min(1, '请至少选择一名干部').max(5000),
});
export type EventNotice = z.infer<typeof eventNoticeSchema>;

export const eventPreviewSchema = z.object({
  cadreId: id,
  name: z.string(),
  /** The proposed 简历 line ('' when the kind writes none). */
  resumeLine: z.string(),
  /** Lines the event closes, as they will read. */
  closes: z.array(z.string()),
  probation: z.boolean(),
  probationEnd: z.string(),
  /** The 职数 refusal this row would meet without a reason (null: it fits). */
  quota: z.string().nullable(),
  /** What is missing or wrong (the row cannot be recorded as it is). */
  problems: z.array(z.string()),
});
export type EventPreview = z.infer<typeof eventPreviewSchema>;

export const eventRoutes = {
  previewEvents: { input: eventNoticeSchema, output: z.array(eventPreviewSchema) },
  /**
   * Records the notice: each cadre updated (unit, 现任职务, 领导职务层次, 职级, 任现职/任现职级时间,
   * status, 简历) and the events stored, as one undoable, audited step. Refused as a whole when
   * a row is incomplete (VALIDATION) or would exceed the 职数 without a reason (CONFLICT,
   * details.quota per row).
   */
  recordEvents: {
    input: eventNoticeSchema,
    output: z.object({ events: z.array(cadreEventSchema), history: historyStateSchema }),
  },
  /** A cadre's events in date order (plans last). */
  listEvents: { input: z.strictObject({ cadreId: id }), output: z.array(cadreEventSchema) },
  /** Decides a plan: recorded as an event on `date` (default the planned date) with the 文号 given. */
  decidePlannedEvent: {
    input: z.strictObject({
      id,
      date: dateText.optional(),
      docNo: shortText.optional(),
      authority: shortText.optional(),
      probation: z.boolean().optional(),
      resumeLine: text(500).optional(),
      quotaReason: text(500).optional(),
    }),
    output: z.object({ event: cadreEventSchema, history: historyStateSchema }),
  },
  /** Drops a plan and clears the form's 拟任/拟免/任免理由 it filled. */
  cancelPlannedEvent: { input: z.strictObject({ id }), output: z.object({ history: historyStateSchema }) },
} as const;

export const EVENT_METHODS = Object.keys(eventRoutes) as (keyof typeof eventRoutes)[];
