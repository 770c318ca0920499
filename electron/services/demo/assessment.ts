/**
 * Demo assessment data for one secondment batch: the Shenyang set (沈阳挂职
 * 干部考核指标) scoped to the batch, personalised 招商引资 / 项目落实 targets
 * for some members, one 日常考核 record per member on 工作状态, plausible
 * scores and 民主测评 tallies drawn from a seeded generator (the same batch
 * gives the same data), and one 挂职期满考核 round finalised within the 20%
 * 优秀 quota (those ranked beyond the places are set to 称职, as an office
 * would). The lead's demo loader calls this after building the batches.
 */
import type { Database } from '../../db/database';
import { finaliseRound } from '../assessment/api';
import { roundScope } from '../assessment/api';
import { clearHistory } from '../common/operation-log';
import { computeGrid } from '../assessment/api';
import { saveCells, saveGrades, saveTallies } from '../assessment/api';
import { listParticipants } from '../assessment/api';
import { savePersonal } from '../assessment/api';
import { saveRound } from '../assessment/api';
import { saveSet } from '../assessment/api';
import { addDaily } from '../assessment/api';
import { Rng } from './random';

/** Before the demo replaces everything: a set's indicators, rounds and scores go with it (cascade). */
/** Who finalised the demo's round: a clerk of the fictional city, marked as such. */
export const DEMO_FINALISER = '干部一科（示例）';

/** The 20th of the term's last month at 10:30 (Beijing), or `notAfter` (an ISO time) when that is still to come. */
function finalisedAt(endMonth: string, notAfter: string): string {
  const end = `${endMonth}-20T02:30:00.000Z`;
  return end < notAfter ? end : notAfter;
}

export function clearAssessmentData(db: Database): void {
  db.exec('DELETE FROM assessment_sets');
}

export interface AssessmentDemoResult {
  setId: number;
  roundId: number;
  participants: number;
  excellent: number;
  places: number;
}

/** `finalisedBefore`: an ISO time the round's 定稿 must precede (the loader's yesterday; the demo keeps no clock). */
export function loadAssessmentDemo(db: Database, batchId: number, opts: { seed?: number; finalisedBefore?: string } = {}): AssessmentDemoResult {
  return db.transaction((): AssessmentDemoResult => {
    const batch = db.prepare('SELECT name, start_date, planned_end_date FROM secondment_batches WHERE id = ?').get(batchId) as
      { name: string; start_date: string; planned_end_date: string } | undefined;
    if (!batch) throw new Error(`demo: no secondment batch ${batchId}`);
    const rng = new Rng((opts.seed ?? 20241104) + batchId);
    const year = Number((batch.planned_end_date || batch.start_date).slice(0, 4)) || 2025;
    const set = saveSet(db, {
      name: `${batch.name}挂职干部考核指标`,
      year,
      scope: { kind: 'batch', ref: String(batchId) },
      description: '',
      template: 'shenyang-secondment',
    });
    const byName = new Map(set.indicators.map(i => [i.name, i]));
    const ind = (name: string) => byName.get(name)!;
    const people = listParticipants(db, set.id);

    // 个性化指标: targets matched to the post, for about a third of the members.
    const targets = new Map<number, { invest: number; projects: number }>();
    people.forEach((p, k) => {
      if (k % 3 !== 0) return;
      const t = { invest: rng.pick([2, 4, 5]), projects: rng.pick([1, 3]) };
      targets.set(p.cadreId, t);
      savePersonal(db, {
        setId: set.id,
        cadreId: p.cadreId,
        overrides: [
          { indicatorId: ind('招商引资').id, target: t.invest, weight: null, note: '按挂职岗位确定' },
          { indicatorId: ind('项目落实').id, target: t.projects, weight: null, note: '' },
        ],
        extras: [],
      });
    });

    const start = batch.start_date.length >= 7 ? batch.start_date.slice(0, 7) : `${year}-01`;
    const end = batch.planned_end_date.length >= 7 ? batch.planned_end_date.slice(0, 7) : `${year}-12`;
    const round = saveRound(db, {
      setId: set.id,
      name: '挂职期满考核',
      kind: '专项',
      year,
      period: '挂职期满',
      startDate: start,
      endDate: end,
      thresholds: { excellent: 90, competent: 75, basic: 60 },
      quotaPercent: 20,
      rounding: '四舍五入',
      grouping: 'none',
      notes: '',
    });
    const dailyDate = `${start}-15`;
    for (const p of people) {
      const points = rng.pick([2, 3, 5, -2]);
      addDaily(db, {
        setId: set.id,
        cadreId: p.cadreId,
        indicatorId: ind('工作状态').id,
        date: dailyDate,
        points,
        note: points > 0 ? '协调项目对接，受到接收单位表扬' : '未按时报送工作周报',
      });
    }

    const cells = people.flatMap(p => {
      const t = targets.get(p.cadreId) ?? { invest: 3, projects: 2 };
      const strong = rng.next();
      const num = (lo: number, hi: number) => Math.round((lo + (hi - lo) * (0.35 + 0.65 * strong) * (0.85 + 0.15 * rng.next())) * 10) / 10;
      return [
        { cadreId: p.cadreId, indicatorId: ind('招商引资').id, value: Math.round(t.invest * (0.5 + 0.7 * strong) * 10) / 10 },
        { cadreId: p.cadreId, indicatorId: ind('项目落实').id, value: Math.min(t.projects + 1, Math.round(t.projects * (0.4 + 0.8 * strong))) },
        { cadreId: p.cadreId, indicatorId: ind('转变观念').id, value: num(70, 98) },
        { cadreId: p.cadreId, indicatorId: ind('提升能力').id, value: num(70, 98) },
        { cadreId: p.cadreId, indicatorId: ind('调研报告').id, value: rng.pick([1, 2, 2, 3]) },
        { cadreId: p.cadreId, indicatorId: ind('学习研讨').id, value: num(75, 98) },
        { cadreId: p.cadreId, indicatorId: ind('工作状态').id, value: rng.int(0, 8) },
        { cadreId: p.cadreId, indicatorId: ind('廉洁自律').id, value: '否' },
      ];
    });
    if (cells.length) saveCells(db, round.id, cells, { kind: 'import', label: '示例成绩' });
    if (people.length) {
      saveTallies(
        db,
        round.id,
        people.map(p => {
          const excellent = rng.int(8, 22);
          const competent = rng.int(6, 30 - excellent);
          return { cadreId: p.cadreId, excellent, competent, basic: rng.int(0, 2), incompetent: 0, unknown: rng.int(0, 3) };
        }),
      );
    }

    // Within the quota: beyond the places, 优秀 proposals are set to 称职 by rank.
    let grid = computeGrid(db, round.id);
    const q = grid.quota[0];
    if (q && q.over > 0) {
      const excess = grid.rows
        .filter(r => r.grade === '优秀')
        .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
        .slice(q.places);
      saveGrades(
        db,
        round.id,
        excess.map(r => ({ cadreId: r.cadreId, grade: '称职', reason: '优秀名额所限' })),
      );
      grid = computeGrid(db, round.id);
    }
    if (people.length) {
      finaliseRound(db, round.id);
      // Finalised when the term ended (not today), by the department's clerk of the fictional city.
      db.prepare('UPDATE assessment_rounds SET finalised_at = ?, finalised_by = ? WHERE id = ?').run(
        finalisedAt(end, opts.finalisedBefore ?? '2025-12-31T02:30:00.000Z'),
        DEMO_FINALISER,
        round.id,
      );
    }
    // The demo starts with a clean undo log.
    clearHistory(db, roundScope(round.id));
    return {
      setId: set.id,
      roundId: round.id,
      participants: people.length,
      excellent: grid.rows.filter(r => r.grade === '优秀').length,
      places: grid.quota[0]?.places ?? 0,
    };
  })();
}
