/**
 * Routes of the audit log (审计日志) and of the operator name (操作员姓名) that
 * stamps it. The log is read a page at a time (AG Grid's infinite row model),
 * filtered and sorted by time in SQL; its export comes down as bytes.
 */
import { z } from 'zod';
import { AUDIT_KINDS, MAX_OPERATOR_NAME } from '../../domain/audit/text';
import { id, noInput, shortText } from './common';

/**
 * Which entries. Times are local, as users write them: '2026.11.22',
 * '2026-11-22', '2026.11' (a whole month), optionally with ' 08:30'. Both ends
 * are inclusive: 至 2026.11.22 takes in the whole of that day.
 */
export const auditFilterShape = {
  /** 干部: a cadre's 编号 (digits), or name / pinyin / ID number as the roster search box takes them. */
  cadre: shortText.optional(),
  /** 操作员: exactly this name. */
  operator: shortText.optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  kind: z.enum(AUDIT_KINDS).optional(),
};
export const auditFilterSchema = z.strictObject(auditFilterShape);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Newest first unless asked otherwise; ties by the order of writing. */
const orderSchema = z.enum(['desc', 'asc']);

export const auditRowSchema = z.object({
  id,
  /** ISO time (UTC) as stored. */
  at: z.string(),
  operator: z.string(),
  kind: z.enum(AUDIT_KINDS),
  /** The 类型 column: 新增, 修改（粘贴）, 撤销, … */
  kindText: z.string(),
  entity: z.string(),
  action: z.string(),
  /** The cadre the entry is about (even one since removed), else null. */
  cadreId: id.nullable(),
  /** The cadre's name, or what else the entry is about (单位「…」, 设置, 全部数据). */
  target: z.string(),
  /** Before → after in words: '现任职务：副科长 → 科长；出生年月：1985.03 → 1985.04'. */
  summary: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const operatorInfoSchema = z.object({
  /** The name set in settings; null until someone has set one (the app then asks). */
  name: z.string().nullable(),
  /** What to propose: the OS user name, else 操作员. */
  suggested: z.string(),
});
export type OperatorInfo = z.infer<typeof operatorInfoSchema>;

export const operationHistoryRowSchema = z.object({
  id,
  /** ISO time (UTC) as stored. */
  at: z.string(),
  operator: z.string(),
  /** What the step did, as 撤销 offers it: 粘贴 3 行, 「第四批」加入 张三. */
  label: z.string(),
  /** The page it was made on: 干部名册, 挂职批次「京沈对口合作 第四批」, 驻村干部, 考核轮次「…」. */
  page: z.string(),
  undone: z.boolean(),
});
export type OperationHistoryRow = z.infer<typeof operationHistoryRowSchema>;

export const auditRoutes = {
  getOperator: { input: noInput, output: operatorInfoSchema },
  /** Sets the operator name that stamps every later change (the change is itself logged). */
  setOperator: {
    input: z.strictObject({ name: z.string().max(MAX_OPERATOR_NAME * 4) }),
    output: operatorInfoSchema,
  },
  /** One block of the 审计日志 grid, and how many entries the filter matches. */
  queryAuditLog: {
    input: z.strictObject({
      ...auditFilterShape,
      order: orderSchema.optional(),
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      limit: z.number().int().min(1).max(1000),
    }),
    output: z.object({ rows: z.array(auditRowSchema), total: z.number().int() }),
  },
  /** The 操作历史: every undoable step of every page, newest first. */
  listOperationHistory: {
    input: z.strictObject({ offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), limit: z.number().int().min(1).max(1000) }),
    output: z.object({ rows: z.array(operationHistoryRowSchema), total: z.number().int() }),
  },
  /**
   * 撤销到此步: undoes the step and every later one not yet undone, newest first,
   * all or none (CONFLICT, in Chinese, naming the step that cannot be undone).
   */
  undoOperationsTo: {
    input: z.strictObject({ id }),
    output: z.object({ count: z.number().int(), labels: z.array(z.string()) }),
  },
  /** Everyone who has ever stamped the log, for the 操作员 filter. */
  listAuditOperators: { input: noInput, output: z.array(z.string()) },
  /** The filtered log as a styled .xlsx (base64), for download from the page. */
  exportAuditLog: {
    input: z.strictObject({ ...auditFilterShape, order: orderSchema.optional() }),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), rows: z.number().int() }),
  },
} as const;
