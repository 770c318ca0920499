/**
 * The figures of a secondment batch, a programme and a village rotation, as
 * pure functions over rows a query hands in (electron/services/secondment/stats.ts).
 *
 * Who counts:
 * - headcount: every member who was sent and not replaced (调换): a replaced
 *   member's place is counted once, through the one who replaced them. A
 *   member recalled early (提前召回) still counts: they were sent and served
 *   part of the term (the seed's "73 cadres" counts everyone sent), and
 *   `recalled` says how many of them there are.
 * - young: completed age (shared/domain/common/age.ts, month precision) at the batch start
 *   below the threshold (default 40); members without a birth or a batch
 *   start are not young.
 * - shares are of the headcount, one decimal half-up (shared/domain/common/percent.ts);
 *   promotedPct is of those who returned.
 * - rotations: kept (留任) and new (新选派) count every assignment of that
 *   kind, also those later replaced, so kept + new = cadres first sent
 *   (Haidong: 559 + 1,347 = 1,906); replaced counts the replacements (调换).
 */
import { completedAge } from '../common/age';
import { normalizeEducation, LEADERSHIP_LEVELS, RANKS } from '../roster/codes';
import { yearMonthOf } from '../common/dates';
import { percent, roundHalfUp } from '../common/percent';
import { z } from 'zod';
import { id } from '../common/id';
import { DEFAULT_YOUNG_AGE, PROMOTED_OUTCOMES } from './codes';

// The figures' shape, the routes' output (shared/contract/routes/secondment.ts re-exports it).
const shareSchema = z.object({ label: z.string(), count: z.number().int(), pct: z.number() });

export const secondmentStatsSchema = z.object({
  /** Members not replaced (调换): recalled members count (they served), see the header above. */
  headcount: z.number().int(),
  recalled: z.number().int(),
  replaced: z.number().int(),
  youngThreshold: z.number().int(),
  /** Completed age at the batch start under the threshold. */
  young: z.number().int(),
  youngPct: z.number(),
  female: z.number().int(),
  femalePct: z.number(),
  male: z.number().int(),
  born1970s: z.number().int(),
  born1970sPct: z.number(),
  born1980s: z.number().int(),
  born1980sPct: z.number(),
  born1990s: z.number().int(),
  born1990sPct: z.number(),
  averageAge: z.number().nullable(),
  /** 全日制 学历 (highest): 研究生 / 大学 / 大专 / 中专及以下 / 未填. */
  education: z.array(shareSchema),
  /** 职级 (or 领导职务层次 when no 职级). */
  rank: z.array(shareSchema),
  leadershipLevel: z.array(shareSchema),
  returned: z.number().int(),
  /** 提拔 or 重用 after return. */
  promoted: z.number().int(),
  promotedPct: z.number(),
  outcomes: z.array(shareSchema),
});
export type SecondmentStats = z.infer<typeof secondmentStatsSchema>;

export const rotationStatsSchema = z.object({
  headcount: z.number().int(),
  kept: z.number().int(),
  new: z.number().int(),
  replaced: z.number().int(),
  villages: z.number().int(),
  byRole: z.array(shareSchema),
  byVillageKind: z.array(shareSchema),
  female: z.number().int(),
  young: z.number().int(),
  youngThreshold: z.number().int(),
  replacements: z.array(
    z.object({
      assignmentId: id,
      name: z.string(),
      replacesName: z.string(),
      village: z.string(),
      reason: z.string(),
      sendingUnit: z.string(),
      date: z.string(),
    }),
  ),
});
export type RotationStats = z.infer<typeof rotationStatsSchema>;

export interface StatsMember {
  birth: string;
  gender: string;
  ftEducation: string;
  rank: string;
  leadershipLevel: string;
  status: string;
  outcome: string;
  returnDate: string;
  /** The batch start: ages are taken here. */
  refDate: string;
}

type Share = { label: string; count: number; pct: number };

/** 全日制学历 (ZB64 name) → the group a report shows. */
const EDUCATION_GROUPS: readonly [string, readonly string[]][] = [
  ['研究生', ['研究生', '研究生班', '中央党校研究生', '省委党校研究生']],
  ['大学本科', ['大学', '中央党校大学', '省委党校大学', '大学普通班']],
  ['大专', ['大专', '省委党校大专', '中央党校大专']],
  ['中专及以下', ['中专', '中技', '高中', '初中', '小学']],
];

export function educationGroup(ftEducation: string): string {
  if (ftEducation.trim() === '') return '未填';
  const name = normalizeEducation(ftEducation).value;
  return EDUCATION_GROUPS.find(([, names]) => names.includes(name))?.[0] ?? '其他';
}

/** Counts by label in the given order, then any other labels in first-seen order; '未填' last. */
function shares(labels: string[], order: readonly string[], total: number, keepZero: boolean): Share[] {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const ordered = [...order, ...[...counts.keys()].filter(l => !order.includes(l) && l !== '未填'), '未填'];
  return [...new Set(ordered)]
    .filter(l => (keepZero && order.includes(l)) || (counts.get(l) ?? 0) > 0)
    .map(label => ({ label, count: counts.get(label) ?? 0, pct: percent(counts.get(label) ?? 0, total) }));
}

const decadeOf = (birth: string) => {
  const ym = yearMonthOf(birth);
  return ym ? Math.floor(ym.year / 10) * 10 : null;
};

const isPromoted = (outcome: string) => (PROMOTED_OUTCOMES as readonly string[]).includes(outcome);

export function secondmentStats(members: readonly StatsMember[], youngThreshold = DEFAULT_YOUNG_AGE): SecondmentStats {
  const counted = members.filter(m => m.status !== '已调换');
  const n = counted.length;
  const ages = counted.map(m => completedAge(m.birth, m.refDate));
  const known = ages.filter((a): a is number => a !== null);
  const young = ages.filter(a => a !== null && a < youngThreshold).length;
  const female = counted.filter(m => m.gender === '女').length;
  const male = counted.filter(m => m.gender === '男').length;
  const born = (decade: number) => counted.filter(m => decadeOf(m.birth) === decade).length;
  const returned = counted.filter(m => m.status === '已返岗' || m.returnDate !== '').length;
  const promoted = counted.filter(m => isPromoted(m.outcome)).length;
  const [b70, b80, b90] = [born(1970), born(1980), born(1990)];
  return {
    headcount: n,
    recalled: counted.filter(m => m.status === '提前召回').length,
    replaced: members.length - n,
    youngThreshold,
    young,
    youngPct: percent(young, n),
    female,
    femalePct: percent(female, n),
    male,
    born1970s: b70,
    born1970sPct: percent(b70, n),
    born1980s: b80,
    born1980sPct: percent(b80, n),
    born1990s: b90,
    born1990sPct: percent(b90, n),
    averageAge: known.length ? roundHalfUp(String(known.reduce((a, b) => a + b, 0) / known.length), 1) : null,
    education: shares(
      counted.map(m => educationGroup(m.ftEducation)),
      EDUCATION_GROUPS.map(([g]) => g),
      n,
      true,
    ),
    rank: shares(
      counted.map(m => m.rank.trim() || '未填'),
      RANKS.map(r => r.name),
      n,
      false,
    ),
    leadershipLevel: shares(
      counted.map(m => m.leadershipLevel.trim() || '未填'),
      LEADERSHIP_LEVELS.map(l => l.name),
      n,
      false,
    ),
    returned,
    promoted,
    promotedPct: percent(promoted, returned),
    outcomes: shares(
      counted.filter(m => m.outcome).map(m => m.outcome),
      ['提拔', '重用', '平职交流', '其他'],
      returned,
      false,
    ),
  };
}

export interface StatsAssignment {
  kind: string;
  status: string;
  role: string;
  villageId: number;
  villageKind: string;
  gender: string;
  birth: string;
  /** The rotation start: ages are taken here. */
  refDate: string;
}

export type RotationReplacement = RotationStats['replacements'][number];

export function rotationStats(rows: readonly StatsAssignment[], replacements: RotationReplacement[], youngThreshold = DEFAULT_YOUNG_AGE): RotationStats {
  const serving = rows.filter(r => r.status !== '已调换');
  const n = serving.length;
  const villageKinds = new Map<number, string>();
  for (const r of serving) villageKinds.set(r.villageId, r.villageKind.trim() || '未填');
  return {
    headcount: n,
    kept: rows.filter(r => r.kind === '留任').length,
    new: rows.filter(r => r.kind === '新选派').length,
    replaced: rows.filter(r => r.kind === '调换').length,
    villages: villageKinds.size,
    byRole: shares(
      serving.map(r => r.role),
      ['第一书记', '工作队队长', '队员'],
      n,
      true,
    ),
    byVillageKind: shares([...villageKinds.values()], [], villageKinds.size, false),
    female: serving.filter(r => r.gender === '女').length,
    young: serving.filter(r => {
      const age = completedAge(r.birth, r.refDate);
      return age !== null && age < youngThreshold;
    }).length,
    youngThreshold,
    replacements,
  };
}
