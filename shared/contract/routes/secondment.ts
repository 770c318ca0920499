/**
 * Routes of secondments (挂职) and village-stationed cadres (驻村): programmes,
 * batches and their members; village rotations and assignments; the live
 * statistics; a batch's styled member list (.xlsx). Member lists are imported
 * through the one import pipeline (routes/imports.ts, target batch).
 *
 * Dates arrive as the user typed them ('2021.3', '2021年3月', '202103'; '' =
 * not set) and are stored canonically ('2021-03'); answers carry the canonical
 * form (the page shows it with shared/domain/common/dates.ts formatDate). Every write is one
 * transaction with audit rows; the ones that change a cadre (a new person, the
 * 简历 line) are one undoable step of the roster's history, so every write
 * answers with the history state.
 */
import { z } from 'zod';
import { id, noInput, requiredName, shortText } from './common';
import { fileDownloadSchema } from './exports';
import { cellProblemSchema, historyStateSchema } from './roster';
import {
  ASSIGNMENT_KINDS,
  ASSIGNMENT_STATUSES,
  BATCH_DIRECTIONS,
  BATCH_STATUSES,
  BRANCH_ROLES,
  DEFAULT_YOUNG_AGE,
  MEMBER_STATUSES,
  OUTCOMES,
  VILLAGE_ROLES,
} from '../../domain/secondment/codes';
import { rotationStatsSchema, secondmentStatsSchema } from '../../domain/secondment/stats';

// ---------------------------------------------------------------- code lists

export * from '../../domain/secondment/codes';

/** A date as the user typed it; parsed by the service (message names the field). */
const dateText = z.string().max(30);
const text = (max = 200) => z.string().max(max);
/** One grid cell: text, a number (pasted from Excel) or null (cleared). */
const cellValue = z.union([z.string().max(2000), z.number().finite(), z.null()]);
const youngThreshold = z.number().int().min(18).max(80).default(DEFAULT_YOUNG_AGE);

// ---------------------------------------------------------------- programmes and batches

export const programmeSchema = z.object({
  id,
  name: z.string(),
  partnerPlace: z.string(),
  notes: z.string(),
  batchCount: z.number().int(),
  /** Members of all its batches who were not replaced (see shared/domain/secondment/stats.ts). */
  headcount: z.number().int(),
});
export type SecondmentProgramme = z.infer<typeof programmeSchema>;

export const batchSchema = z.object({
  id,
  programmeId: id,
  programme: z.string(),
  seq: z.number().int(),
  name: z.string(),
  direction: z.enum(BATCH_DIRECTIONS),
  sendingPlace: z.string(),
  receivingPlace: z.string(),
  startDate: z.string(),
  plannedEndDate: z.string(),
  actualEndDate: z.string(),
  status: z.enum(BATCH_STATUSES),
  leaderCadreId: id.nullable(),
  leaderName: z.string(),
  branchName: z.string(),
  branchSecretaryId: id.nullable(),
  branchSecretaryName: z.string(),
  notes: z.string(),
  headcount: z.number().int(),
});
export type SecondmentBatch = z.infer<typeof batchSchema>;

const batchInput = z.strictObject({
  /** Absent: a new batch. */
  id: id.optional(),
  programmeId: id,
  seq: z.number().int().min(1).max(999),
  /** Default 第N批 + the programme's name. */
  name: text(100).optional(),
  direction: z.enum(BATCH_DIRECTIONS).default('派出'),
  sendingPlace: text(100).default(''),
  receivingPlace: text(100).default(''),
  startDate: dateText.default(''),
  plannedEndDate: dateText.default(''),
  actualEndDate: dateText.default(''),
  status: z.enum(BATCH_STATUSES).default('筹备'),
  /** The leader (领队) and the branch secretary: cadres, normally members of the batch. */
  leaderCadreId: id.nullable().default(null),
  branchName: text(100).default(''),
  branchSecretaryId: id.nullable().default(null),
  notes: text(2000).default(''),
});

// ---------------------------------------------------------------- members

export const memberSchema = z.object({
  id,
  batchId: id,
  cadreId: id,
  /** From the roster. */
  name: z.string(),
  gender: z.string(),
  birth: z.string(),
  ftEducation: z.string(),
  ptEducation: z.string(),
  leadershipLevel: z.string(),
  rank: z.string(),
  post: z.string(),
  idNumber: z.string(),
  /** The placement. */
  homeUnit: z.string(),
  homePost: z.string(),
  hostUnit: z.string(),
  hostPost: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(MEMBER_STATUSES),
  branchRole: z.enum(BRANCH_ROLES),
  pairMemberId: id.nullable(),
  pairName: z.string(),
  recallDate: z.string(),
  recallReason: z.string(),
  /** This member replaced that one (调换), and why. */
  replacesMemberId: id.nullable(),
  replacesName: z.string(),
  replacementReason: z.string(),
  /** The member who replaced this one (status 已调换). */
  replacedByMemberId: id.nullable(),
  replacedByName: z.string(),
  returnDate: z.string(),
  outcome: z.enum(OUTCOMES),
  outcomeDate: z.string(),
  outcomePost: z.string(),
  /** The 简历 line appended when the secondment finished ('' = none). */
  resumeLine: z.string(),
  notes: z.string(),
  sortOrder: z.number().int(),
});
export type SecondmentMember = z.infer<typeof memberSchema>;

/** Member fields the grid edits and pastes (status changes go through recall / replace / finish). */
export const MEMBER_EDITABLE_FIELDS = [
  'homeUnit',
  'homePost',
  'hostUnit',
  'hostPost',
  'startDate',
  'endDate',
  'branchRole',
  'outcome',
  'outcomeDate',
  'outcomePost',
  'notes',
] as const;
export type MemberEditableField = (typeof MEMBER_EDITABLE_FIELDS)[number];
export const MEMBER_FIELD_LABELS: Record<MemberEditableField | 'name' | 'gender' | 'birth' | 'ftEducation' | 'rank' | 'status' | 'returnDate', string> = {
  name: '姓名',
  gender: '性别',
  birth: '出生年月',
  ftEducation: '全日制学历',
  rank: '职级',
  homeUnit: '派出单位',
  homePost: '原任职务',
  hostUnit: '挂职单位',
  hostPost: '挂任职务',
  startDate: '挂职开始时间',
  endDate: '挂职结束时间',
  branchRole: '临时党支部职务',
  outcome: '返岗后使用情况',
  outcomeDate: '使用时间',
  outcomePost: '新任职务',
  notes: '备注',
  status: '状态',
  returnDate: '返岗时间',
};
const memberValues = z.partialRecord(z.enum(MEMBER_EDITABLE_FIELDS), cellValue);

/** New cadre fields (the roster's field names), validated by shared/domain/roster/cadre-rules.ts like a roster write. */
const newCadreValues = z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.union([z.string().max(20000), z.number().finite(), z.null()]));

const writeResult = { history: historyStateSchema };

// ---------------------------------------------------------------- statistics

export { rotationStatsSchema, secondmentStatsSchema, type RotationStats, type SecondmentStats } from '../../domain/secondment/stats';

// ---------------------------------------------------------------- villages

export const villageSchema = z.object({
  id,
  name: z.string(),
  township: z.string(),
  county: z.string(),
  kind: z.string(),
  assignments: z.number().int(),
});
export type Village = z.infer<typeof villageSchema>;

export const rotationSchema = z.object({
  id,
  programme: z.string(),
  seq: z.number().int(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  notes: z.string(),
  headcount: z.number().int(),
  villages: z.number().int(),
});
export type VillageRotation = z.infer<typeof rotationSchema>;

export const assignmentSchema = z.object({
  id,
  rotationId: id,
  villageId: id,
  village: z.string(),
  township: z.string(),
  county: z.string(),
  villageKind: z.string(),
  cadreId: id,
  name: z.string(),
  gender: z.string(),
  birth: z.string(),
  ftEducation: z.string(),
  rank: z.string(),
  post: z.string(),
  role: z.enum(VILLAGE_ROLES),
  sendingUnit: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  kind: z.enum(ASSIGNMENT_KINDS),
  status: z.enum(ASSIGNMENT_STATUSES),
  replacesAssignmentId: id.nullable(),
  replacesName: z.string(),
  replacementReason: z.string(),
  replacedByAssignmentId: id.nullable(),
  notes: z.string(),
});
export type VillageAssignment = z.infer<typeof assignmentSchema>;

export const ASSIGNMENT_EDITABLE_FIELDS = ['villageId', 'cadreId', 'role', 'sendingUnit', 'startDate', 'endDate', 'kind', 'status', 'notes'] as const;
export const ASSIGNMENT_FIELD_LABELS: Record<(typeof ASSIGNMENT_EDITABLE_FIELDS)[number], string> = {
  villageId: '驻村',
  cadreId: '干部',
  role: '驻村职务',
  sendingUnit: '派出单位',
  startDate: '驻村开始时间',
  endDate: '驻村结束时间',
  kind: '选派类型',
  status: '状态',
  notes: '备注',
};
const assignmentValues = z.partialRecord(z.enum(ASSIGNMENT_EDITABLE_FIELDS), z.union([z.string().max(2000), z.number().finite(), z.null()]));

// ---------------------------------------------------------------- routes

export const secondmentRoutes = {
  // programmes
  listSecondmentProgrammes: { input: noInput, output: z.array(programmeSchema) },
  saveSecondmentProgramme: {
    input: z.strictObject({
      id: id.optional(),
      name: requiredName('挂职项目名称'),
      partnerPlace: text(100).default(''),
      notes: text(2000).default(''),
    }),
    output: programmeSchema,
  },
  /** Refused (CONFLICT) while the programme has batches. */
  deleteSecondmentProgramme: { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },

  // batches
  listSecondmentBatches: {
    input: z.strictObject({ programmeId: id.optional(), status: z.enum(BATCH_STATUSES).optional() }),
    output: z.array(batchSchema),
  },
  /** One batch with its branch, pairs and statistics (members: listSecondmentMembers). */
  getSecondmentBatch: {
    input: z.strictObject({ id, youngThreshold }),
    output: batchSchema.extend({
      branch: z.array(z.object({ memberId: id, cadreId: id, name: z.string(), role: z.enum(BRANCH_ROLES) })),
      pairs: z.array(z.object({ a: z.object({ memberId: id, name: z.string() }), b: z.object({ memberId: id, name: z.string() }) })),
      stats: secondmentStatsSchema,
    }),
  },
  saveSecondmentBatch: { input: batchInput, output: batchSchema },
  /** Refused (CONFLICT) while the batch has members. */
  deleteSecondmentBatch: { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },

  // members
  listSecondmentMembers: {
    input: z.strictObject({ batchId: id, includeReplaced: z.boolean().default(true) }),
    output: z.array(memberSchema),
  },
  /** Adds roster cadres to a batch (placement dates default to the batch's); refuses overlaps. */
  addSecondmentMembers: {
    input: z.strictObject({ batchId: id, cadreIds: z.array(id).min(1, '请选择干部').max(500), values: memberValues.optional() }),
    output: z.object({ members: z.array(memberSchema), ...writeResult }),
  },
  /** A person not yet on the roster: joins it (validated like a roster write), then the batch. */
  addSecondmentNewPerson: {
    input: z.strictObject({ batchId: id, cadre: newCadreValues, values: memberValues.optional() }),
    output: z.object({ cadreId: id, member: memberSchema, warnings: z.array(cellProblemSchema), ...writeResult }),
  },
  /** Edits and pastes of the member grid: all-or-nothing, VALIDATION details.problems per row and field. */
  saveSecondmentMembers: {
    input: z.strictObject({
      updates: z
        .array(z.strictObject({ id, values: memberValues }))
        .min(1)
        .max(5000),
      label: text(100).optional(),
      /** The grid row (1-based, as the user sees it) of the first update: refusals name rows from it. */
      firstRow: z.number().int().min(1).max(1_000_000).optional(),
    }),
    output: z.object({ members: z.array(memberSchema), ...writeResult }),
  },
  /** Placements added by mistake; refused for members in a replacement (调换) chain. */
  removeSecondmentMembers: {
    input: z.strictObject({ ids: z.array(id).min(1).max(5000) }),
    output: z.object({ removed: z.number().int(), ...writeResult }),
  },
  /** 双向结对帮带: pairs two members of one batch (both ways), or unpairs (partnerId null). */
  pairSecondmentMembers: {
    input: z.strictObject({ memberId: id, partnerId: id.nullable() }),
    output: z.object({ members: z.array(memberSchema), ...writeResult }),
  },
  /** 提前召回 with the date and reason. */
  recallSecondmentMember: {
    input: z.strictObject({ id, date: dateText, reason: z.string().trim().min(1, '请填写召回原因').max(500) }),
    output: z.object({ member: memberSchema, ...writeResult }),
  },
  /**
   * 调换: a roster cadre replaces a member from `date`; the old row is kept as 已调换
   * (ending at `date`), the new one points at it with the reason. Host unit and post default to the old one's.
   */
  replaceSecondmentMember: {
    input: z.strictObject({
      id,
      cadreId: id,
      date: dateText,
      reason: z.string().trim().min(1, '请填写调换原因').max(500),
      values: memberValues.optional(),
    }),
    output: z.object({ old: memberSchema, replacement: memberSchema, ...writeResult }),
  },
  /** The 简历 line finishing would append, and whether the cadre's 简历 already has it. */
  previewSecondmentResumeLine: {
    input: z.strictObject({ id, returnDate: dateText }),
    output: z.object({ line: z.string(), alreadyPresent: z.boolean() }),
  },
  /**
   * 期满 / 返岗: the return date, and optionally the 简历 line appended through the
   * roster's write path (undoable, audited, the exchange 挂职锻炼 in 修改记录).
   */
  finishSecondmentMember: {
    input: z.strictObject({
      id,
      returnDate: dateText,
      status: z.enum(['期满', '已返岗']).default('已返岗'),
      appendResume: z.boolean().default(false),
    }),
    output: z.object({ member: memberSchema, resumeLine: z.string(), resumeAppended: z.boolean(), ...writeResult }),
  },
  /** 返岗后使用情况: 提拔 / 重用 / 平职交流 / 其他 with date and new post ('' clears). */
  setSecondmentOutcome: {
    input: z.strictObject({ id, outcome: z.enum(OUTCOMES), date: dateText.default(''), post: text(200).default('') }),
    output: z.object({ member: memberSchema, ...writeResult }),
  },
  /** The chain of 调换 through this member, first placement first. */
  secondmentReplacementHistory: {
    input: z.strictObject({ id }),
    output: z.array(
      z.object({
        memberId: id,
        cadreId: id,
        name: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        status: z.enum(MEMBER_STATUSES),
        /** Why this member replaced the previous one ('' for the first). */
        reason: z.string(),
      }),
    ),
  },

  // statistics
  secondmentBatchStats: { input: z.strictObject({ id, youngThreshold }), output: secondmentStatsSchema },
  secondmentProgrammeStats: {
    input: z.strictObject({ id, youngThreshold }),
    output: secondmentStatsSchema.extend({
      batches: z.array(z.object({ batchId: id, seq: z.number().int(), name: z.string(), stats: secondmentStatsSchema })),
    }),
  },
  villageRotationStats: { input: z.strictObject({ id, youngThreshold }), output: rotationStatsSchema },

  // villages and rotations
  listVillages: { input: z.strictObject({ search: shortText.optional() }), output: z.array(villageSchema) },
  saveVillage: {
    input: z.strictObject({
      id: id.optional(),
      name: requiredName('村名'),
      township: text(100).default(''),
      county: text(100).default(''),
      kind: text(50).default(''),
    }),
    output: villageSchema,
  },
  /** Refused (CONFLICT) while cadres are assigned to the village. */
  deleteVillage: { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  listVillageRotations: { input: noInput, output: z.array(rotationSchema) },
  saveVillageRotation: {
    input: z.strictObject({
      id: id.optional(),
      programme: text(100).default(''),
      seq: z.number().int().min(1).max(999),
      name: requiredName('轮次名称'),
      startDate: dateText.default(''),
      endDate: dateText.default(''),
      notes: text(2000).default(''),
    }),
    output: rotationSchema,
  },
  /** Refused (CONFLICT) while the rotation has assignments. */
  deleteVillageRotation: { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  listVillageAssignments: { input: z.strictObject({ rotationId: id }), output: z.array(assignmentSchema) },
  /** New rows and edits of the assignment grid: all-or-nothing, problems per row and field; refuses overlaps. */
  saveVillageAssignments: {
    input: z.strictObject({
      rotationId: id,
      creates: z
        .array(z.strictObject({ values: assignmentValues }))
        .max(5000)
        .default([]),
      updates: z
        .array(z.strictObject({ id, values: assignmentValues }))
        .max(5000)
        .default([]),
    }),
    output: z.object({ assignments: z.array(assignmentSchema), ...writeResult }),
  },
  removeVillageAssignments: {
    input: z.strictObject({ ids: z.array(id).min(1).max(5000) }),
    output: z.object({ removed: z.number().int(), ...writeResult }),
  },
  /** 调换: the new cadre takes the village from `date`; the unit that sends the replacement and the reason are kept. */
  replaceVillageAssignment: {
    input: z.strictObject({
      id,
      cadreId: id,
      date: dateText,
      reason: z.string().trim().min(1, '请填写调换原因').max(500),
      sendingUnit: text(200).default(''),
    }),
    output: z.object({ old: assignmentSchema, replacement: assignmentSchema, ...writeResult }),
  },

  // files
  /** The batch's member list as the official styled roster (第四批沈阳赴京挂职干部名册). */
  exportSecondmentBatch: {
    input: z.strictObject({
      batchId: id,
      title: text(100).optional(),
      reportingUnit: text(100).optional(),
      /** 填报日期 (YYYY-MM-DD), default today. */
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
        .optional(),
      includeReplaced: z.boolean().default(false),
      /** CLI only (pages refuse paths): write here instead of returning the bytes. */
      outPath: z.string().min(1).max(4096).optional(),
    }),
    output: fileDownloadSchema.extend({ rows: z.number().int() }),
  },
} as const;
