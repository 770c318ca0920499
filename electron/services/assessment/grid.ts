/**
 * The score grid of a round: each participant × the indicators that apply
 * to them, with the raw inputs, the computed indicator scores, the weighted
 * total, ranks (ties share), the proposed grade, any manual grade, the group
 * and the 优秀 quota of each group. A finalised round shows the cadres it
 * fixed (assessment_results), whoever is in scope today.
 */
import type { GridRow, QuotaGroup, Round, ScoreGrid } from '../../../shared/contract/routes/assessment';
import { democraticScore, type VoteTally } from '../../../shared/domain/assessment/democratic';
import { proposeGrade } from '../../../shared/domain/assessment/grades';
import { checkQuota } from '../../../shared/domain/assessment/quota';
import { competitionRanks } from '../../../shared/domain/assessment/ranks';
import { round2 } from '../../../shared/domain/assessment/numbers';
import { personalTree, weightedTotal } from '../../../shared/domain/assessment/totals';
import type { Database } from '../../db/database';
import { roundHistory } from './history';
import { cadreSummaries } from '../roster/api';
import { listParticipants, toParticipant, type Participant } from './participants';
import { loadOverrides, personalProblems } from './personal';
import { getRound, loadIndicators } from './rows';

/** The group a cadre's 优秀 counts against, by the round's grouping. */
export function groupName(round: Pick<Round, 'grouping'>, p: { leadershipLevel: string; unit: string }): string {
  switch (round.grouping) {
    case 'leadershipLevel':
      return `${p.leadershipLevel || '未定职务层次'}组`;
    case 'unit':
      return p.unit || '未定单位';
    case 'none':
      return '全体人员';
  }
}

/** Daily records count in a round whose period covers their date (blank period: the round's year). */
export function roundDateRange(round: Pick<Round, 'year' | 'startDate' | 'endDate'>): [string, string] {
  const start = round.startDate || `${round.year}-01-01`;
  const end = round.endDate || `${round.year}-12-31`;
  // 'YYYY-MM' bounds cover the whole month.
  return [start.length === 7 ? `${start}-01` : start, end.length === 7 ? `${end}-31` : end];
}

function roundParticipants(db: Database, round: Round): Participant[] {
  if (round.status !== 'finalised') return listParticipants(db, round.setId);
  const ids = (db.prepare('SELECT cadre_id AS id FROM assessment_results WHERE round_id = ? ORDER BY seq').all(round.id) as { id: number }[]).map(r => r.id);
  const info = cadreSummaries(db, ids);
  return ids.flatMap(id => {
    const c = info.get(id);
    return c ? [toParticipant(c, 'scope')] : [];
  });
}

export function computeGrid(db: Database, roundId: number): ScoreGrid {
  const round = getRound(db, roundId);
  const indicators = loadIndicators(db, round.setId);
  const overrides = loadOverrides(db, round.setId);
  const people = roundParticipants(db, round);

  const scores = new Map<string, { value: number; note: string }>();
  for (const s of db.prepare('SELECT cadre_id, indicator_id, value, note FROM assessment_scores WHERE round_id = ?').all(roundId) as {
    cadre_id: number;
    indicator_id: number;
    value: number;
    note: string;
  }[]) {
    scores.set(`${s.cadre_id}:${s.indicator_id}`, { value: s.value, note: s.note });
  }
  const [from, to] = roundDateRange(round);
  const daily = new Map<string, number>();
  for (const d of db
    .prepare(
      'SELECT cadre_id, indicator_id, sum(points) AS points FROM assessment_daily WHERE set_id = ? AND indicator_id IS NOT NULL AND date BETWEEN ? AND ? GROUP BY cadre_id, indicator_id',
    )
    .all(round.setId, from, to) as { cadre_id: number; indicator_id: number; points: number }[]) {
    daily.set(`${d.cadre_id}:${d.indicator_id}`, d.points);
  }
  const votes = new Map<number, VoteTally>();
  for (const v of db
    .prepare('SELECT cadre_id, excellent, competent, basic, incompetent, unknown FROM assessment_votes WHERE round_id = ?')
    .all(roundId) as (VoteTally & {
    cadre_id: number;
  })[]) {
    const { cadre_id, ...tally } = v;
    votes.set(cadre_id, tally);
  }
  const overridesGrade = new Map<number, { grade: GridRow['grade'] & string; reason: string }>();
  for (const g of db.prepare('SELECT cadre_id, grade, reason FROM assessment_grades WHERE round_id = ?').all(roundId) as {
    cadre_id: number;
    grade: string;
    reason: string;
  }[]) {
    overridesGrade.set(g.cadre_id, { grade: g.grade as NonNullable<GridRow['grade']>, reason: g.reason });
  }

  const rows: GridRow[] = people.map(p => {
    const tree = personalTree(
      indicators,
      p.cadreId,
      overrides.filter(o => o.cadreId === p.cadreId),
    );
    const tally = votes.get(p.cadreId) ?? null;
    const demo = tally ? democraticScore(tally) : null;
    const result = weightedTotal(tree, ind => {
      const key = `${p.cadreId}:${ind.id}`;
      return { raw: scores.get(key)?.value ?? null, daily: daily.get(key) ?? 0, democratic: demo };
    });
    const cells: GridRow['cells'] = {};
    for (const ind of tree) {
      const key = `${p.cadreId}:${ind.id}`;
      const s = result.scores.get(ind.id)!;
      cells[String(ind.id)] = {
        raw: scores.get(key)?.value ?? null,
        daily: daily.get(key) ?? 0,
        score: s.score === null ? null : round2(s.score),
        target: ind.method === 'target' ? ind.target : null,
        weight: ind.weight,
        personalised: ind.personalised,
        note: scores.get(key)?.note ?? '',
      };
    }
    const problems = personalProblems(
      indicators,
      p.cadreId,
      overrides.filter(o => o.cadreId === p.cadreId),
    );
    const missing = result.missing;
    const proposed = result.vetoed ? '不称职' : missing.length || problems.length ? null : proposeGrade(result.total, round.thresholds);
    const override = overridesGrade.get(p.cadreId) ?? null;
    return {
      cadreId: p.cadreId,
      name: p.name,
      unit: p.unit,
      post: p.post,
      leadershipLevel: p.leadershipLevel,
      idNumber: p.idNumber,
      group: groupName(round, p),
      cells,
      votes: tally,
      democraticScore: demo,
      total: result.total,
      rank: null,
      groupRank: null,
      vetoed: result.vetoed,
      missing,
      proposedGrade: proposed,
      override,
      grade: override?.grade ?? proposed,
      problems,
    };
  });

  const ranks = competitionRanks(rows.map(r => r.total));
  rows.forEach((r, i) => (r.rank = ranks[i]));
  const groups = [...new Set(rows.map(r => r.group))];
  for (const g of groups) {
    const members = rows.filter(r => r.group === g);
    const gr = competitionRanks(members.map(r => r.total));
    members.forEach((r, i) => (r.groupRank = gr[i]));
  }
  const quota: QuotaGroup[] = groups.map(g => {
    const members = rows.filter(r => r.group === g);
    // 不定等次 people are not assessed with a grade, so they do not earn the group places.
    const assessed = members.filter(r => r.grade !== '不定等次').length;
    return checkQuota(g, assessed, members.filter(r => r.grade === '优秀').length, round.quotaPercent, round.rounding);
  });

  const blockers: string[] = quota.flatMap(q => (q.message ? [q.message] : []));
  const ungraded = rows.filter(r => r.grade === null);
  if (ungraded.length) {
    const names = ungraded.slice(0, 5).map(r => (r.problems.length ? `${r.name}（${r.problems[0]}）` : `${r.name}（缺少：${r.missing.join('、')}）`));
    blockers.push(`${ungraded.length} 人尚无等次：${names.join('；')}${ungraded.length > 5 ? ' 等' : ''}`);
  }
  if (rows.length === 0) blockers.push('这一轮没有参加考核的干部');
  return { round, indicators, rows, quota, canFinalise: blockers.length === 0, blockers, history: roundHistory(db, roundId) };
}
