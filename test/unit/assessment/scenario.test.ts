/**
 * A whole round through the dispatcher: a set from a template, scores pasted
 * (all-or-nothing, undoable), ranks, finalise refused over the quota, fixed,
 * accepted, the lock, unlock with audit, and an annual round's grades in the
 * cadre's 年度考核结果.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatAssessments } from '../../../shared/domain/assessment/text';
import type { ScoreGrid } from '../../../shared/contract/api';
import { addPeople, names, openTestCore, type TestCore } from './support';

let t: TestCore;
let ids: number[];
let setId: number;
let byName: Map<string, number>;
beforeEach(async () => {
  t = openTestCore();
  ids = addPeople(t.core.db, [...names(18).map(name => ({ name, level: '正处' })), ...names(2, '副处').map(name => ({ name, level: '副处' }))]);
  const set = await t.call('saveAssessmentSet', { name: '2025年度处级干部考核', year: 2025, scope: { kind: 'all', ref: '' }, template: 'de-neng-qin-ji-lian' });
  setId = set.id;
  byName = new Map(set.indicators.map(i => [i.name, i.id]));
});
afterEach(() => t.close());

/** Every indicator of 德能勤绩廉 at the same score: the total is that score. */
function pasteAll(cadreIds: number[], scores: number[]) {
  return cadreIds.flatMap((cadreId, k) => ['德', '能', '勤', '绩', '廉'].map(n => ({ cadreId, indicatorId: byName.get(n)!, value: String(scores[k]) })));
}

const row = (grid: ScoreGrid, id: number) => grid.rows.find(r => r.cadreId === id)!;

describe('a round from paste to finalise', () => {
  it('ranks with ties, refuses over quota naming the group, then finalises and locks', async () => {
    const round = await t.call('saveAssessmentRound', { setId, name: '2025年度考核', kind: '年度', year: 2025 });
    expect(round).toMatchObject({ quotaPercent: 20, rounding: '四舍五入', grouping: 'leadershipLevel', status: 'open' });
    // 正处: five at 90+ (two tied at 95), the rest 70–89; 副处: 92 and 80.
    const scores = [95, 95, 93, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78, 70, 92, 80];
    let grid = await t.call('saveScores', { roundId: round.id, cells: pasteAll(ids, scores), kind: 'paste' });
    expect(grid.rows).toHaveLength(20);
    expect(row(grid, ids[0])).toMatchObject({ total: 95, rank: 1, groupRank: 1, proposedGrade: '优秀', group: '正处组' });
    expect(row(grid, ids[1])).toMatchObject({ total: 95, rank: 1 });
    expect(row(grid, ids[18])).toMatchObject({ total: 92, rank: 4, groupRank: 1, group: '副处组' });
    expect(row(grid, ids[2])).toMatchObject({ total: 93, rank: 3, groupRank: 3 });
    expect(grid.history.undo?.label).toBe('粘贴成绩 100 格');

    const zc = grid.quota.find(q => q.group === '正处组')!;
    expect(zc).toMatchObject({ assessed: 18, places: 4, excellent: 5, over: 1, exact: '3.6' });
    expect(grid.quota.find(q => q.group === '副处组')).toMatchObject({ assessed: 2, places: 0, excellent: 1, over: 1 });
    expect(grid.canFinalise).toBe(false);

    // Refused, naming each group over and by how many.
    const refused = await t.fail('finaliseAssessmentRound', { roundId: round.id });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('正处组优秀 5 人，超出名额 1 人（18 人 × 20% = 3.6，四舍五入为 4 人）');
    expect(refused.message).toContain('副处组优秀 1 人，超出名额 1 人（2 人 × 20% = 0.4，四舍五入为 0 人）');
    expect((await t.call('getAssessmentRound', { id: round.id })).status).toBe('open');

    // Fix: group everyone together with 进一法 (20 × 20% = 4 places), and the 5th 正处 is 称职 by hand.
    await t.call('saveAssessmentRound', { id: round.id, setId, name: '2025年度考核', kind: '年度', year: 2025, grouping: 'none', rounding: '进一法' });
    grid = await t.call('setGrades', {
      roundId: round.id,
      grades: [
        { cadreId: ids[4], grade: '称职', reason: '' },
        { cadreId: ids[17], grade: '不定等次', reason: '病假超过半年' },
      ],
    });
    expect(grid.quota).toEqual([
      expect.objectContaining({ group: '全体人员', assessed: 19, places: 4, excellent: 5, over: 1, explanation: '19 人 × 20% = 3.8，进一法为 4 人' }),
    ]);
    grid = await t.call('setGrades', { roundId: round.id, grades: [{ cadreId: ids[18], grade: '称职', reason: '' }] });
    expect(grid.canFinalise).toBe(true);

    const done = await t.call('finaliseAssessmentRound', { roundId: round.id });
    expect(done).toMatchObject({ graded: 20, annualWritten: 20, round: { status: 'finalised', finalisedBy: '王科长' } });

    // Locked: every write refused with a Chinese message.
    for (const [method, input] of [
      ['saveScores', { roundId: round.id, cells: [{ cadreId: ids[5], indicatorId: byName.get('德')!, value: 99 }] }],
      ['saveVotes', { roundId: round.id, tallies: [{ cadreId: ids[5], excellent: 1, competent: 0, basic: 0, incompetent: 0 }] }],
      ['setGrades', { roundId: round.id, grades: [{ cadreId: ids[5], grade: '优秀' }] }],
      ['stepRoundHistory', { roundId: round.id, direction: 'undo' }],
      ['saveAssessmentRound', { id: round.id, setId, name: 'x', kind: '年度', year: 2025 }],
      ['deleteAssessmentRound', { id: round.id }],
      ['saveAssessmentIndicators', { setId, indicators: [{ name: '德', weight: 100, method: 'score' }] }],
    ] as const) {
      const e = await t.fail(method, input);
      expect(e.code, method).toBe('CONFLICT');
      expect(e.message, method).toMatch(/已定稿锁定/);
    }

    // The annual grade is in each cadre's 年度考核结果, as the form shows it.
    const cadre = await t.call('getCadre', { id: ids[17] });
    expect(cadre.assessments).toEqual([{ year: 2025, grade: '不定等次', note: '病假超过半年' }]);
    expect(formatAssessments(cadre.assessments)).toBe('2025年度考核不定等次（病假超过半年）');
    expect((await t.call('getCadre', { id: ids[0] })).assessments).toEqual([{ year: 2025, grade: '优秀', note: '' }]);
    expect((await t.call('getCadre', { id: ids[4] })).assessments[0].grade).toBe('称职');
    const log = await t.call('cadreAuditLog', { id: ids[0] });
    expect(log[0]).toMatchObject({ action: 'assessment.finalise', operator: '王科长', changes: [expect.objectContaining({ field: 'assessments' })] });

    // Unlock needs a reason, is audited, keeps the annual grades.
    expect((await t.fail('unlockAssessmentRound', { roundId: round.id, reason: ' ' })).code).toBe('VALIDATION');
    const unlocked = await t.call('unlockAssessmentRound', { roundId: round.id, reason: '复核发现成绩录入错误' });
    expect(unlocked).toMatchObject({ round: { status: 'open' }, gradesKept: 20 });
    const audit = t.core.db
      .prepare("SELECT operator, action, after FROM audit_log WHERE entity = 'assessment_round' AND entity_id = ? AND action = 'unlock'")
      .get(round.id) as {
      operator: string;
      after: string;
    };
    expect(audit.operator).toBe('王科长');
    expect(JSON.parse(audit.after)).toMatchObject({ reason: '复核发现成绩录入错误', gradesKept: 20 });
    expect((await t.call('getCadre', { id: ids[0] })).assessments).toEqual([{ year: 2025, grade: '优秀', note: '' }]);

    // Writable again; finalising again replaces the grade.
    await t.call('setGrades', { roundId: round.id, grades: [{ cadreId: ids[0], grade: '称职', reason: '' }] });
    await t.call('finaliseAssessmentRound', { roundId: round.id });
    expect((await t.call('getCadre', { id: ids[0] })).assessments).toEqual([{ year: 2025, grade: '称职', note: '' }]);
  });

  it('a paste with one bad cell writes nothing; undo and redo restore whole pastes', async () => {
    const round = await t.call('saveAssessmentRound', { setId, name: '第一季度', kind: '季度', year: 2025, period: '第一季度' });
    await t.call('saveScores', { roundId: round.id, cells: pasteAll(ids.slice(0, 2), [80, 70]) });
    const cells = [
      ...pasteAll(ids.slice(0, 3), [90, 91, 92]),
      { cadreId: ids[3], indicatorId: byName.get('绩')!, value: '一百' },
      { cadreId: ids[4], indicatorId: byName.get('德')!, value: 120 },
    ];
    const bad = await t.fail('saveScores', { roundId: round.id, cells });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toContain('共 2 处错误');
    expect(bad.message).toContain('「绩」应填数字，不能是“一百”');
    expect(bad.message).toContain('「德」的得分应在 0 到 100 之间，不能是 120');
    expect((bad.details as { problems: { cadreId: number; indicator: string }[] }).problems.map(p => [p.cadreId, p.indicator])).toEqual([
      [ids[3], '绩'],
      [ids[4], '德'],
    ]);
    let grid = await t.call('getScoreGrid', { roundId: round.id });
    expect([row(grid, ids[0]).total, row(grid, ids[1]).total, row(grid, ids[2]).total]).toEqual([80, 70, null]);

    grid = await t.call('saveScores', { roundId: round.id, cells: pasteAll(ids.slice(0, 3), [90, 91, 92]), label: '粘贴 15 格' });
    expect([row(grid, ids[0]).total, row(grid, ids[2]).total]).toEqual([90, 92]);
    let step = await t.call('stepRoundHistory', { roundId: round.id, direction: 'undo' });
    expect(step.label).toBe('粘贴 15 格');
    expect([row(step, ids[0]).total, row(step, ids[1]).total, row(step, ids[2]).total]).toEqual([80, 70, null]);
    step = await t.call('stepRoundHistory', { roundId: round.id, direction: 'redo' });
    expect([row(step, ids[0]).total, row(step, ids[2]).total]).toEqual([90, 92]);
    // Clearing a cell is a change too; ungraded people block finalising and are named.
    grid = await t.call('saveScores', { roundId: round.id, cells: [{ cadreId: ids[0], indicatorId: byName.get('勤')!, value: '' }], kind: 'clear' });
    expect(row(grid, ids[0])).toMatchObject({ missing: ['勤'], proposedGrade: null, total: 76.5 }); // 90 − 勤 15 × 0.9
    expect(grid.blockers.join('')).toMatch(/尚无等次/);
    const audit = t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'assessment_round' AND entity_id = ?").get(round.id) as { n: number };
    expect(audit.n).toBeGreaterThanOrEqual(5);
  });
});
