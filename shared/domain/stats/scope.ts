/**
 * Who a structure analysis counts (统计范围) and a drill-down (a click on one of its numbers):
 * the scope, the reference date and the categories the cell stands for. The roster's page
 * request and its export carry a drill-down as it is, and the service turns it into WHERE terms
 * over the same SQL expressions the counts came from (electron/services/stats/), so the roster
 * lists exactly the people the number counted.
 *
 * Pure: no Node, no DOM.
 */
import { z } from 'zod';
import { id } from '../common/id';
import { cadreQuerySchema } from '../roster/query';
import { GENDER_COLUMNS, GROUP_KEYS } from './categories';

export const STATS_SCOPE_KINDS = ['all', 'unit', 'team', 'view', 'query', 'batch', 'tag'] as const;
export type StatsScopeKind = (typeof STATS_SCOPE_KINDS)[number];
export const STATS_SCOPE_KIND_LABELS: Readonly<Record<StatsScopeKind, string>> = {
  all: '全部干部',
  unit: '单位（含下属单位）',
  team: '单位领导班子',
  view: '查询方案',
  query: '组合查询',
  batch: '挂职批次',
  tag: '干部类别',
};

const tagText = z.string().trim().min(1, '请填写干部类别').max(50);

export const statsScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  /** A unit and its sub-units. */
  z.strictObject({ kind: z.literal('unit'), unitId: id }),
  /** A unit's 领导班子: its own cadres holding the team's 领导职务层次. */
  z.strictObject({ kind: z.literal('team'), unitId: id }),
  /** A saved 查询方案. */
  z.strictObject({ kind: z.literal('view'), viewId: id }),
  /**
   * A 组合查询 as the roster page holds it; `from: 'roster'` when it is the one applied on 干部名册
   * (its 统计 button), so the page and the exports say where it came from.
   */
  z.strictObject({ kind: z.literal('query'), query: cadreQuerySchema, from: z.literal('roster').optional() }),
  /** The members of a secondment batch (those replaced by 调换 left out). */
  z.strictObject({ kind: z.literal('batch'), batchId: id }),
  z.strictObject({ kind: z.literal('tag'), tag: tagText }),
]);
export type StatsScope = z.infer<typeof statsScopeSchema>;

export const refDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '统计截止日期应为 YYYY-MM-DD');

export const statsDrillSchema = z
  .strictObject({
    scope: statsScopeSchema,
    refDate: refDateSchema,
    /** The row group; absent = everyone in the scope (the 总数 row). */
    group: z.enum(GROUP_KEYS).optional(),
    /** Categories of `group` (a cell is one; 党外 or 40岁及以下 are several). */
    categories: z.array(z.string().max(40)).min(1).max(20).optional(),
    /** The breakdown column: a 领导职务层次 category (LEVEL_COLUMNS) and/or a gender. */
    level: z.string().max(20).optional(),
    gender: z.enum(GENDER_COLUMNS).optional(),
    /** What the roster's 「统计：…」 chip says. */
    label: z.string().max(200).optional(),
  })
  .refine(d => (d.group === undefined) === (d.categories === undefined), { message: '统计类别不完整：应同时给出分组和类别' });
export type StatsDrill = z.infer<typeof statsDrillSchema>;
