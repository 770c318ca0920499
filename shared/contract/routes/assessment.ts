/**
 * Routes of assessments (考核): indicator sets and their tree, built-in
 * templates, personalised indicators (个性化指标), participants, 日常考核,
 * rounds, the score grid (cadres × indicators) with paste and undo, 民主测评
 * tallies, grades with the 优秀 quota, finalising and unlocking, the score
 * sheet / grading table exports. Scores and tallies are imported through the
 * one import pipeline (routes/imports.ts, target round).
 *
 * Numbers: weights are percent within their level (一级 weights sum to 100,
 * the 二级 weights under each 一级 sum to 100); the quota is in whole percent
 * points (quotaPercent 20 = 20%) so places are computed exactly. Totals are on
 * 0..100 (a target indicator whose cap ratio is above 1 can add a bonus).
 *
 * Every write to a finalised round is refused (CONFLICT, Chinese message);
 * unlockAssessmentRound reopens it with a reason written to the audit log.
 */
import { z } from 'zod';
import { id, noInput, requiredName } from './common';
import { fileDownloadSchema } from './exports';
import { FINAL_GRADES, INDICATOR_METHODS, ROUND_GROUPINGS, ROUND_KINDS, ROUNDING_RULES, SCOPE_KINDS } from '../../domain/assessment/codes';
import { assessmentTemplateSchema, indicatorContentShape } from '../../domain/assessment/templates';

export * from '../../domain/assessment/codes';

const name = requiredName('名称');
const text = z.string().max(2000);
const year = z.number().int().min(1950).max(2100);
const weight = z.number().min(0).max(100);
const amount = z.number().finite().min(-1e9).max(1e9);
const canonicalDate = z.string().regex(/^(\d{4}-\d{2}(-\d{2})?)?$/, '日期应为 YYYY-MM 或 YYYY-MM-DD');

/** Who a set is for. ref: the batch or unit id (as text), the tag, or the 职务层次; '' for everyone. */
export const setScopeSchema = z.strictObject({ kind: z.enum(SCOPE_KINDS), ref: z.string().max(100).default('') });

/** One indicator as saved (whole tree per call). Fields not used by the method are ignored. */
const indicatorFields = {
  /** Give the id of an existing indicator to keep it (and its scores). */
  id: id.optional(),
  name: requiredName('指标名称'),
  weight,
  method: z.enum(INDICATOR_METHODS),
  /** Full points of the indicator (default 100). */
  maxScore: z.number().positive().max(10000).default(100),
  /** 加减分: the starting score, and the most that can be added / deducted. */
  baseScore: amount.nullable().default(null),
  addCap: z.number().min(0).max(1e6).nullable().default(null),
  deductCap: z.number().min(0).max(1e6).nullable().default(null),
  /** 目标完成率: the default target (e.g. 3 亿元), its unit, and the cap on achieved/target (default 1). */
  target: z.number().positive().max(1e12).nullable().default(null),
  targetUnit: z.string().max(20).default(''),
  maxRatio: z.number().positive().max(10).nullable().default(null),
  description: text.default(''),
  evidence: text.default(''),
};
export const indicatorInputSchema = z.strictObject(indicatorFields);
export const indicatorTreeInputSchema = z.strictObject({
  ...indicatorFields,
  children: z.array(indicatorInputSchema).max(50).default([]),
});
export type IndicatorTreeInput = z.input<typeof indicatorTreeInputSchema>;

export const indicatorSchema = z.object({
  id,
  parentId: id.nullable(),
  /** null: the set's own; a cadre id: an extra indicator of that cadre only. */
  cadreId: id.nullable(),
  level: z.union([z.literal(1), z.literal(2)]),
  ...indicatorContentShape,
  sortOrder: z.number().int(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const assessmentSetSchema = z.object({
  id,
  name: z.string(),
  year: z.number().int(),
  scope: z.object({ kind: z.enum(SCOPE_KINDS), ref: z.string(), label: z.string() }),
  template: z.string(),
  description: z.string(),
  participants: z.number().int(),
  rounds: z.number().int(),
  updatedAt: z.string(),
});
export type AssessmentSet = z.infer<typeof assessmentSetSchema>;

export const assessmentSetDetailSchema = assessmentSetSchema.extend({
  /** The set's own indicators and every cadre's extras, 一级 first then their 二级, in order. */
  indicators: z.array(indicatorSchema),
});
export type AssessmentSetDetail = z.infer<typeof assessmentSetDetailSchema>;

export { assessmentTemplateSchema, type AssessmentTemplateOutput } from '../../domain/assessment/templates';

/** One indicator of one cadre: the set's default beside the cadre's override. */
export const personalIndicatorSchema = z.object({
  indicatorId: id,
  parentId: id.nullable(),
  name: z.string(),
  method: z.enum(INDICATOR_METHODS),
  /** true: an extra indicator of this cadre only. */
  extra: z.boolean(),
  defaultWeight: z.number(),
  defaultTarget: z.number().nullable(),
  weight: z.number().nullable(),
  target: z.number().nullable(),
  targetUnit: z.string(),
  note: z.string(),
});
export const personalIndicatorsSchema = z.object({
  cadreId: id,
  name: z.string(),
  indicators: z.array(personalIndicatorSchema),
});

export const participantSchema = z.object({
  cadreId: id,
  name: z.string(),
  unit: z.string(),
  post: z.string(),
  leadershipLevel: z.string(),
  /** scope: resolved from the set's scope; added: added by hand; removed: in scope but taken out by hand. */
  source: z.enum(['scope', 'added', 'removed']),
});

export const dailyRecordSchema = z.object({
  id,
  cadreId: id,
  name: z.string(),
  indicatorId: id.nullable(),
  indicator: z.string(),
  date: z.string(),
  points: z.number(),
  note: z.string(),
  operator: z.string(),
});

export const thresholdsSchema = z
  .strictObject({ excellent: z.number().min(0).max(200), competent: z.number().min(0).max(200), basic: z.number().min(0).max(200) })
  .refine(t => t.excellent > t.competent && t.competent > t.basic, '等次分数线应满足：优秀 > 称职 > 基本称职');

export const roundSchema = z.object({
  id,
  setId: id,
  setName: z.string(),
  name: z.string(),
  kind: z.enum(ROUND_KINDS),
  year: z.number().int(),
  period: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  thresholds: z.object({ excellent: z.number(), competent: z.number(), basic: z.number() }),
  quotaPercent: z.number().int(),
  rounding: z.enum(ROUNDING_RULES),
  grouping: z.enum(ROUND_GROUPINGS),
  status: z.enum(['open', 'finalised']),
  finalisedAt: z.string().nullable(),
  finalisedBy: z.string().nullable(),
  notes: z.string(),
});
export type Round = z.infer<typeof roundSchema>;

export const roundInputSchema = z.strictObject({
  id: id.optional(),
  setId: id,
  name,
  kind: z.enum(ROUND_KINDS),
  year,
  /** e.g. 第一季度, 上半年; free text. */
  period: z.string().max(50).default(''),
  /** Daily records dated within [startDate, endDate] count in this round (blank: the round's year). */
  startDate: canonicalDate.default(''),
  endDate: canonicalDate.default(''),
  thresholds: thresholdsSchema.default({ excellent: 90, competent: 70, basic: 60 }),
  quotaPercent: z.number().int().min(0).max(100).default(20),
  rounding: z.enum(ROUNDING_RULES).default('四舍五入'),
  grouping: z.enum(ROUND_GROUPINGS).default('leadershipLevel'),
  notes: text.default(''),
});

const votesSchema = z.object({
  excellent: z.number().int(),
  competent: z.number().int(),
  basic: z.number().int(),
  incompetent: z.number().int(),
  unknown: z.number().int(),
});
const voteCount = z.number().int().min(0).max(100000);

/** The quota of one group: places = quotaPercent × assessed, rounded by the rule. */
export const quotaGroupSchema = z.object({
  group: z.string(),
  assessed: z.number().int(),
  quotaPercent: z.number().int(),
  rounding: z.enum(ROUNDING_RULES),
  /** The exact product as text, e.g. '3.6'. */
  exact: z.string(),
  places: z.number().int(),
  excellent: z.number().int(),
  over: z.number().int(),
  /** e.g. 18 人 × 20% = 3.6，四舍五入为 4 人 */
  explanation: z.string(),
  /** The Chinese refusal when over, else null. */
  message: z.string().nullable(),
});
export type QuotaGroup = z.infer<typeof quotaGroupSchema>;

export const gridCellSchema = z.object({
  /** What was entered (达成值, 加减分, 1/0 for 合格 / 一票否决), null when blank. */
  raw: z.number().nullable(),
  /** 日常考核 points counted in this round (加减分 indicators). */
  daily: z.number(),
  /** The indicator's points on 0..maxScore (more with a bonus cap), null when not computable. */
  score: z.number().nullable(),
  /** The cadre's target (personalised or default) for 目标完成率. */
  target: z.number().nullable(),
  weight: z.number(),
  personalised: z.boolean(),
  note: z.string(),
});

export const gridRowSchema = z.object({
  cadreId: id,
  name: z.string(),
  unit: z.string(),
  post: z.string(),
  leadershipLevel: z.string(),
  idNumber: z.string(),
  group: z.string(),
  /** By indicator id (as text); only the indicators that apply to this cadre. */
  cells: z.record(z.string(), gridCellSchema),
  votes: votesSchema.nullable(),
  democraticScore: z.number().nullable(),
  total: z.number().nullable(),
  /** Ties share a rank (1, 2, 2, 4), over the whole round and within the group. */
  rank: z.number().int().nullable(),
  groupRank: z.number().int().nullable(),
  vetoed: z.boolean(),
  /** Indicators without an input (the total counts them as 0; no grade is proposed). */
  missing: z.array(z.string()),
  proposedGrade: z.enum(FINAL_GRADES).nullable(),
  /** Manual grade or 不定等次 set on this round, null when the proposal stands. */
  override: z.object({ grade: z.enum(FINAL_GRADES), reason: z.string() }).nullable(),
  grade: z.enum(FINAL_GRADES).nullable(),
  /** Weight problems of this cadre's personalised tree, empty when fine. */
  problems: z.array(z.string()),
});
export type GridRow = z.infer<typeof gridRowSchema>;

const roundHistoryEntry = z.object({ id, label: z.string(), at: z.string() }).nullable();
export const roundHistorySchema = z.object({ undo: roundHistoryEntry, redo: roundHistoryEntry });

export const scoreGridSchema = z.object({
  round: roundSchema,
  indicators: z.array(indicatorSchema),
  rows: z.array(gridRowSchema),
  quota: z.array(quotaGroupSchema),
  /** True when every group is within its quota and every cadre has a grade. */
  canFinalise: z.boolean(),
  /** Why not, in Chinese (empty when it can). */
  blockers: z.array(z.string()),
  history: roundHistorySchema,
});
export type ScoreGrid = z.infer<typeof scoreGridSchema>;

/** A cell value as typed or pasted: a number, or text such as 合格 / 不合格 / 是 / 否 / 2.4亿. */
const cellInput = z.union([z.number().finite(), z.string().max(100), z.null()]);

export const assessmentRoutes = {
  listAssessmentTemplates: { input: noInput, output: z.array(assessmentTemplateSchema) },
  listAssessmentSets: { input: z.strictObject({ year: year.optional() }), output: z.array(assessmentSetSchema) },
  getAssessmentSet: { input: z.strictObject({ id }), output: assessmentSetDetailSchema },
  /** Creates (no id; optionally copying a built-in template's tree) or updates a set's name, year, scope, description. */
  saveAssessmentSet: {
    input: z.strictObject({
      id: id.optional(),
      name,
      year,
      scope: setScopeSchema,
      description: text.default(''),
      /** On create only: copy this built-in template's indicators. */
      template: z.string().max(40).optional(),
    }),
    output: assessmentSetDetailSchema,
  },
  /** Refused while a round of the set is finalised. */
  deleteAssessmentSet: { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** A new set with the same tree, scope and personalised indicators (no rounds). */
  copyAssessmentSet: { input: z.strictObject({ id, name, year: year.optional() }), output: assessmentSetDetailSchema },
  /** The whole tree in one call; weights must sum to 100 at each level (refused with the difference). */
  saveAssessmentIndicators: {
    input: z.strictObject({ setId: id, indicators: z.array(indicatorTreeInputSchema).min(1, '至少需要一个指标').max(50) }),
    output: assessmentSetDetailSchema,
  },
  /** Each participant's indicators with the default beside the override (one cadre when cadreId is given). */
  listPersonalIndicators: {
    input: z.strictObject({ setId: id, cadreId: id.optional() }),
    output: z.array(personalIndicatorsSchema),
  },
  /** One cadre's overrides and extra indicators, replacing what they had; the cadre's weights must still sum to 100. */
  savePersonalIndicators: {
    input: z.strictObject({
      setId: id,
      cadreId: id,
      overrides: z
        .array(
          z.strictObject({
            indicatorId: id,
            weight: weight.nullable().default(null),
            target: z.number().positive().max(1e12).nullable().default(null),
            note: text.default(''),
          }),
        )
        .max(200),
      /** Extra indicators of this cadre: parentId null for a 一级, or a 一级 of the set. */
      extras: z
        .array(indicatorInputSchema.extend({ parentId: id.nullable().default(null) }))
        .max(50)
        .default([]),
    }),
    output: personalIndicatorsSchema,
  },
  listAssessmentParticipants: { input: z.strictObject({ setId: id }), output: z.array(participantSchema) },
  /** add: assess these too; remove: leave them out although in scope; reset: back to what the scope says. */
  saveAssessmentParticipants: {
    input: z.strictObject({
      setId: id,
      add: z.array(id).max(100000).default([]),
      remove: z.array(id).max(100000).default([]),
      reset: z.array(id).max(100000).default([]),
    }),
    output: z.array(participantSchema),
  },
  listDailyRecords: { input: z.strictObject({ setId: id, cadreId: id.optional() }), output: z.array(dailyRecordSchema) },
  addDailyRecord: {
    input: z.strictObject({
      setId: id,
      cadreId: id,
      indicatorId: id.nullable().default(null),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD'),
      points: amount,
      note: text.default(''),
    }),
    output: dailyRecordSchema,
  },
  removeDailyRecord: { input: z.strictObject({ id }), output: z.object({ removed: z.boolean() }) },
  listAssessmentRounds: { input: z.strictObject({ setId: id.optional() }), output: z.array(roundSchema) },
  getAssessmentRound: { input: z.strictObject({ id }), output: roundSchema },
  saveAssessmentRound: { input: roundInputSchema, output: roundSchema },
  /** Refused when finalised; removes the round's scores, tallies and grades. */
  deleteAssessmentRound: { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** Cadres × indicators with inputs, computed scores, totals, ranks, proposed grades and the quota per group. */
  getScoreGrid: { input: z.strictObject({ roundId: id }), output: scoreGridSchema },
  /**
   * Many cells at once (a paste): every value is checked, any error refuses
   * the whole change (VALIDATION, details.problems per cadre and indicator).
   * One undo step.
   */
  saveScores: {
    input: z.strictObject({
      roundId: id,
      cells: z
        .array(z.strictObject({ cadreId: id, indicatorId: id, value: cellInput, note: z.string().max(500).optional() }))
        .min(1)
        .max(200000),
      /** What 撤销 shows, e.g. 粘贴 12 格. */
      label: z.string().max(100).optional(),
      kind: z.enum(['edit', 'paste', 'fill', 'clear']).optional(),
    }),
    output: scoreGridSchema,
  },
  /** 民主测评 tallies (one undo step). */
  saveVotes: {
    input: z.strictObject({
      roundId: id,
      tallies: z
        .array(
          z.strictObject({ cadreId: id, excellent: voteCount, competent: voteCount, basic: voteCount, incompetent: voteCount, unknown: voteCount.default(0) }),
        )
        .min(1)
        .max(100000),
    }),
    output: scoreGridSchema,
  },
  /** Manual grades (grade null: back to the proposal); 不定等次 needs a reason. One undo step. */
  setGrades: {
    input: z.strictObject({
      roundId: id,
      grades: z
        .array(z.strictObject({ cadreId: id, grade: z.enum(FINAL_GRADES).nullable(), reason: z.string().max(500).default('') }))
        .min(1)
        .max(100000),
    }),
    output: scoreGridSchema,
  },
  /** Undo / redo the round's latest score, tally or grade change. */
  stepRoundHistory: {
    input: z.strictObject({ roundId: id, direction: z.enum(['undo', 'redo']) }),
    output: scoreGridSchema.extend({ label: z.string() }),
  },
  /**
   * One transaction: refused over quota (CONFLICT naming the group and the
   * excess) or when a cadre has no grade; locks the round; a 年度 round writes
   * each cadre's grade into their 年度考核结果.
   */
  finaliseAssessmentRound: {
    input: z.strictObject({ roundId: id }),
    output: z.object({ round: roundSchema, graded: z.number().int(), annualWritten: z.number().int(), quota: z.array(quotaGroupSchema) }),
  },
  /**
   * Reopens a finalised round; the reason goes to the audit log. Grades an
   * annual round wrote into 年度考核结果 are kept (finalising again replaces them).
   */
  unlockAssessmentRound: {
    input: z.strictObject({ roundId: id, reason: z.string().trim().min(2, '请填写解锁原因').max(500) }),
    output: z.object({ round: roundSchema, gradesKept: z.number().int() }),
  },
  /** 评分表: cadres × indicators with totals and ranks, styled .xlsx. */
  exportScoreSheet: { input: z.strictObject({ roundId: id, outPath: z.string().min(1).max(4096).optional() }), output: fileDownloadSchema },
  /** 考核等次表: totals, ranks, grades and the quota per group, styled .xlsx. */
  exportGradingTable: { input: z.strictObject({ roundId: id, outPath: z.string().min(1).max(4096).optional() }), output: fileDownloadSchema },
} as const;

/** For the contract test: every assessment method is exercised in test/unit/assessment/contract.test.ts. */
export const ASSESSMENT_METHODS = Object.keys(assessmentRoutes) as (keyof typeof assessmentRoutes)[];
