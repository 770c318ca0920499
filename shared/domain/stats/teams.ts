/**
 * Team analysis (班子结构): who forms a unit's 领导班子, the figures of a team and the
 * requirements set per kind of unit (每个班子至少配备 1 名女干部 …).
 *
 * A unit's 领导班子 is its own cadres (not those of its sub-units) whose 领导职务层次 is at or above
 * the team's lowest step: the deputy step of the unit's grade. The grade is read from the unit's
 * level when it names one (正处级 → 正处 and 副处 and above; 副处级 → 副处 and 正科 and above),
 * otherwise from its highest-ranking cadre: a 正职 step leads (正处 → down to 副处), a 副职 step
 * leading the unit is one grade up (区委常委、组织部部长 at 副处 in a 正科级 department → down to
 * 副科), so section heads (正科 in a 正处级 bureau) stay out.
 *
 * Pure: no Node, no DOM.
 */
import { z } from 'zod';
import { completedAge } from '../common/age';
import { percent, roundHalfUp } from '../common/percent';
import { id } from '../common/id';
import { LEADERSHIP_LEVELS, leadershipOrder } from '../roster/codes';
import { BACHELOR_OR_ABOVE, categorize, levelOrder, NON_CPC_CATEGORIES, type CadreFacts } from './categories';

/** The lowest ladder order (0 = 正厅 … 5 = 副科) in a unit's team; null when it has none. */
export function teamFloor(unitLevel: string, topOrder: number | null): number | null {
  const bottom = LEADERSHIP_LEVELS.length - 1;
  const named = /[正副][厅处科]/.exec(unitLevel);
  const grade = named ? leadershipOrder(named[0]) : -1;
  if (grade >= 0) return Math.min(bottom, grade + 1);
  if (topOrder === null) return null;
  return Math.min(bottom, topOrder + (topOrder % 2 === 0 ? 1 : 2));
}

// ---------------------------------------------------------------------------------------------
// Requirements

/** The ages a 「至少 N 名 X 岁及以下」 requirement may name: age band boundaries. */
export const YOUNG_AGES = [35, 40, 45] as const;

const count = z.number().int().min(0).max(20);
const ruleBody = z.strictObject({
  minWomen: count,
  minYoung: count,
  youngAge: z.union(YOUNG_AGES.map(a => z.literal(a)) as [z.ZodLiteral<35>, z.ZodLiteral<40>, z.ZodLiteral<45>]),
  minNonCpc: count,
  /** 全日制本科以上 share at least this (percent); 0 = no requirement. */
  minBachelorPct: z.number().min(0).max(100),
  /** The 正职 moves on after this many years in post (满 N 年); 0 = no requirement. */
  maxHeadYears: z.number().int().min(0).max(50),
  /** Not more members than the approved 职数 (when known). */
  withinQuota: z.boolean(),
});
/** A rule with the kind of unit (单位类别) it is for; '' = the general rule. */
export const teamRuleSchema = ruleBody.extend({ kind: z.string() });
export type TeamRule = z.infer<typeof teamRuleSchema>;

export const teamRequirementsSchema = z
  .strictObject({
    /** For every kind of unit without a rule of its own. */
    general: ruleBody,
    byKind: z.array(ruleBody.extend({ kind: z.string().trim().min(1, '请填写单位类别').max(50) })).max(50),
  })
  .refine(r => new Set(r.byKind.map(x => x.kind)).size === r.byKind.length, { message: '同一单位类别只能设一组要求' });
export type TeamRequirements = z.infer<typeof teamRequirementsSchema>;

const base: Omit<TeamRule, 'kind'> = { minWomen: 1, minYoung: 0, youngAge: 40, minNonCpc: 0, minBachelorPct: 0, maxHeadYears: 10, withinQuota: true };
/**
 * Until users set their own: a woman in every team, the 正职 moving on after 10 years, no team
 * over its 职数; county and township teams with a cadre of 40 or under; government teams with a
 * non-CPC member.
 */
export const DEFAULT_TEAM_REQUIREMENTS: TeamRequirements = {
  general: base,
  byKind: [
    { kind: '政府部门', ...base, minNonCpc: 1 },
    { kind: '区县', ...base, minYoung: 1, minNonCpc: 1 },
    { kind: '乡镇', ...base, minYoung: 1 },
    { kind: '街道', ...base, minYoung: 1 },
  ],
};

/** A rule in words, its requirements only: 女干部至少 1 名，40岁及以下干部至少 1 名，正职任现职满 10 年应交流. */
export function ruleText(rule: Omit<TeamRule, 'kind'>): string {
  const parts = [
    rule.minWomen > 0 && `女干部至少 ${rule.minWomen} 名`,
    rule.minYoung > 0 && `${rule.youngAge}岁及以下干部至少 ${rule.minYoung} 名`,
    rule.minNonCpc > 0 && `党外干部至少 ${rule.minNonCpc} 名`,
    rule.minBachelorPct > 0 && `全日制本科以上不低于 ${rule.minBachelorPct}%`,
    rule.maxHeadYears > 0 && `正职任现职满 ${rule.maxHeadYears} 年应交流`,
    rule.withinQuota && '不超核定职数',
  ].filter(Boolean);
  return parts.join('，') || '无要求';
}

/** All the requirements in words, for the audit log: 通用：…；政府部门：…. */
export function requirementsText(reqs: TeamRequirements): string {
  return [`通用：${ruleText(reqs.general)}`, ...reqs.byKind.map(r => `${r.kind}：${ruleText(r)}`)].join('；');
}

/** The rule of a kind of unit: its own, else the general one (kind ''). */
export function ruleFor(reqs: TeamRequirements, kind: string): TeamRule {
  return reqs.byKind.find(r => r.kind === kind.trim()) ?? { kind: '', ...reqs.general };
}

// ---------------------------------------------------------------------------------------------
// Figures

export interface TeamMember extends Pick<CadreFacts, 'gender' | 'birth' | 'politicalStatus' | 'ftEducation' | 'postDate' | 'leadershipLevel'> {
  id: number;
  name: string;
  post: string;
}

export interface TeamQuota {
  level: string;
  approved: number;
}

export const teamSchema = z.object({
  unitId: id,
  unit: z.string(),
  kind: z.string(),
  size: z.number().int(),
  /** Approved 职数 against the members at each level; null when none is recorded. */
  quota: z
    .object({
      approved: z.number().int(),
      vacant: z.number().int(),
      over: z.number().int(),
      byLevel: z.array(z.object({ level: z.string(), approved: z.number().int(), filled: z.number().int() })),
    })
    .nullable(),
  oldest: z.number().int().nullable(),
  youngest: z.number().int().nullable(),
  averageAge: z.number().nullable(),
  under35: z.number().int(),
  under40: z.number().int(),
  under45: z.number().int(),
  women: z.number().int(),
  nonCpc: z.number().int(),
  bachelor: z.number().int(),
  bachelorPct: z.number(),
  /** The 正职: the first member at the team's highest step. */
  head: z.object({ id, name: z.string(), post: z.string(), years: z.number().int().nullable() }).nullable(),
  rule: teamRuleSchema,
  /** What the team misses, in words (缺女干部 …); empty when it meets every requirement. */
  unmet: z.array(z.string()),
});
export type Team = z.infer<typeof teamSchema>;

const facts = (m: TeamMember): CadreFacts => ({ ...m, ethnicity: '', ptEducation: '', ftDegree: '', ptDegree: '', professionalTitle: '' });

/**
 * A team's figures at the reference date. `members` in roster order, highest step first;
 * `quotas` as recorded for the unit (levels as the 职数 table writes them).
 */
export function teamFigures(
  unit: { id: number; name: string; kind: string },
  members: readonly TeamMember[],
  quotas: readonly TeamQuota[],
  refDate: string,
  reqs: TeamRequirements,
): Team {
  const ages = members.map(m => completedAge(m.birth, refDate)).filter((a): a is number => a !== null);
  const atMost = (age: number) => ages.filter(a => a <= age).length;
  const orderOf = (m: TeamMember) => levelOrder(m.leadershipLevel);
  const top = members.length ? Math.min(...members.map(orderOf)) : -1;
  const head = members.find(m => orderOf(m) === top);
  const bachelor = members.filter(m => BACHELOR_OR_ABOVE.includes(categorize('ftEducation', facts(m), refDate))).length;
  const byLevel = quotas.map(q => {
    const order = leadershipOrder(q.level);
    return { level: q.level, approved: q.approved, filled: members.filter(m => order >= 0 && orderOf(m) === order).length };
  });
  const approved = quotas.reduce((n, q) => n + q.approved, 0);
  const team: Omit<Team, 'unmet' | 'rule'> = {
    unitId: unit.id,
    unit: unit.name,
    kind: unit.kind,
    size: members.length,
    quota: quotas.length
      ? {
          approved,
          vacant: byLevel.reduce((n, l) => n + Math.max(0, l.approved - l.filled), 0),
          over: Math.max(0, members.length - approved),
          byLevel,
        }
      : null,
    oldest: ages.length ? Math.max(...ages) : null,
    youngest: ages.length ? Math.min(...ages) : null,
    averageAge: ages.length ? roundHalfUp(String(ages.reduce((a, b) => a + b, 0) / ages.length), 1) : null,
    under35: atMost(35),
    under40: atMost(40),
    under45: atMost(45),
    women: members.filter(m => m.gender === '女').length,
    nonCpc: members.filter(m => NON_CPC_CATEGORIES.includes(categorize('political', facts(m), refDate))).length,
    bachelor,
    bachelorPct: percent(bachelor, members.length),
    head: head ? { id: head.id, name: head.name, post: head.post, years: completedAge(head.postDate, refDate) } : null,
  };
  const rule = ruleFor(reqs, unit.kind);
  return { ...team, rule, unmet: unmetRequirements(team, rule) };
}

/** What a team misses of its rule, in words. */
export function unmetRequirements(t: Omit<Team, 'unmet' | 'rule'>, rule: TeamRule): string[] {
  const out: string[] = [];
  const young = { 35: t.under35, 40: t.under40, 45: t.under45 }[rule.youngAge];
  if (t.women < rule.minWomen) out.push(`缺女干部（应至少 ${rule.minWomen} 名，现有 ${t.women} 名）`);
  if (young < rule.minYoung) out.push(`缺${rule.youngAge}岁及以下干部（应至少 ${rule.minYoung} 名，现有 ${young} 名）`);
  if (t.nonCpc < rule.minNonCpc) out.push(`缺党外干部（应至少 ${rule.minNonCpc} 名，现有 ${t.nonCpc} 名）`);
  if (rule.minBachelorPct > 0 && t.bachelorPct < rule.minBachelorPct) {
    out.push(`全日制本科以上比例 ${t.bachelorPct.toFixed(1)}%，低于 ${rule.minBachelorPct}%`);
  }
  if (rule.maxHeadYears > 0 && t.head?.years != null && t.head.years >= rule.maxHeadYears) {
    out.push(`正职任现职已满 ${t.head.years} 年（满 ${rule.maxHeadYears} 年应交流）`);
  }
  if (rule.withinQuota && t.quota && t.quota.over > 0) out.push(`超核定职数 ${t.quota.over} 名`);
  return out;
}
