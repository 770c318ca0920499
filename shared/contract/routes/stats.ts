/**
 * Routes of 统计分析: structure tables of a scope (a unit with its sub-units, a unit's 领导班子,
 * a 查询方案 or 组合查询, a secondment batch, a 干部类别, everyone) at a reference date, several
 * scopes side by side, the team analysis with its requirements, their exports (.xlsx in the report
 * layout, CSV) and the page's saved choices. A number's people are listed by the roster: its page
 * request (queryCadrePage) and export carry the number's drill-down (statsDrillSchema).
 */
import { z } from 'zod';
import { noInput } from './common';
import { fileDownloadSchema } from './exports';
import { GROUP_KEYS } from '../../domain/stats/categories';
import { refDateSchema, statsScopeSchema } from '../../domain/stats/scope';
import { layoutSchema, structureTableSchema } from '../../domain/stats/table';
import { teamRequirementsSchema, teamSchema } from '../../domain/stats/teams';

export * from '../../domain/stats/categories';
export * from '../../domain/stats/scope';
export * from '../../domain/stats/table';
export * from '../../domain/stats/report';
export * from '../../domain/stats/teams';

/** Where the CLI writes a file (pages never name a path: they get the bytes). */
const outPath = z.string().min(1).max(4096).optional();
const format = z.enum(['xlsx', 'csv']).default('xlsx');
const scopes = z.array(statsScopeSchema).min(1, '请至少选择一个单位').max(12, '最多同时对比 12 个');

export const statsRoutes = {
  /** The structure table of one scope; the date defaults to today. */
  statsStructure: { input: z.strictObject({ scope: statsScopeSchema, refDate: refDateSchema.optional() }), output: structureTableSchema },
  /** Several scopes' tables, for the side-by-side view. */
  statsCompare: {
    input: z.strictObject({ scopes, refDate: refDateSchema.optional() }),
    output: z.object({ tables: z.array(structureTableSchema) }),
  },
  /** Every unit's 领导班子 with its figures and what it misses of its kind's requirements. */
  statsTeams: {
    input: z.strictObject({ refDate: refDateSchema.optional() }),
    output: z.object({
      refDate: z.string(),
      teams: z.array(teamSchema),
      requirements: teamRequirementsSchema,
      /** The kinds of unit in the tree (单位类别), for the requirements editor. */
      kinds: z.array(z.string()),
    }),
  },
  /** A structure table as .xlsx (report layout) or CSV, with the saved layout unless one is given. */
  exportStatsStructure: {
    input: z.strictObject({ scope: statsScopeSchema, refDate: refDateSchema.optional(), layout: layoutSchema.optional(), format, outPath }),
    output: fileDownloadSchema.extend({ total: z.number().int() }),
  },
  /** The side-by-side view as .xlsx or CSV. */
  exportStatsCompare: {
    input: z.strictObject({
      scopes,
      refDate: refDateSchema.optional(),
      groups: z.array(z.enum(GROUP_KEYS)).max(GROUP_KEYS.length).optional(),
      format,
      outPath,
    }),
    output: fileDownloadSchema.extend({ tables: z.number().int() }),
  },
  /** The team analysis as .xlsx: the teams missing a requirement, and every team. */
  exportStatsTeams: {
    input: z.strictObject({ refDate: refDateSchema.optional(), outPath }),
    output: fileDownloadSchema.extend({ teams: z.number().int(), unmet: z.number().int() }),
  },
  getStatsSettings: { input: noInput, output: z.object({ layout: layoutSchema, requirements: teamRequirementsSchema }) },
  saveStatsLayout: { input: layoutSchema, output: layoutSchema },
  saveTeamRequirements: { input: teamRequirementsSchema, output: teamRequirementsSchema },
} as const;

export const STATS_METHODS = Object.keys(statsRoutes) as (keyof typeof statsRoutes)[];
