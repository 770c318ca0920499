import { describe, expect, it } from 'vitest';
import { democraticScore } from '../../../shared/domain/assessment/democratic';
import { proposeGrade } from '../../../shared/domain/assessment/grades';
import { checkQuota, quotaPlaces } from '../../../shared/domain/assessment/quota';
import { competitionRanks } from '../../../shared/domain/assessment/ranks';
import { parseCell, scoreIndicator } from '../../../shared/domain/assessment/scoring';
import { ASSESSMENT_TEMPLATES } from '../../../shared/domain/assessment/templates';
import { personalTree, weightedTotal, type TreeIndicator } from '../../../shared/domain/assessment/totals';
import { checkWeights } from '../../../shared/domain/assessment/weights';

const ind = (over: Partial<TreeIndicator> & Pick<TreeIndicator, 'id' | 'name' | 'weight'>): TreeIndicator => ({
  parentId: null,
  method: 'score',
  maxScore: 100,
  baseScore: null,
  addCap: null,
  deductCap: null,
  target: null,
  maxRatio: null,
  cadreId: null,
  sortOrder: 0,
  ...over,
});

describe('weights', () => {
  it('sum to 100 at each level, and the message shows the difference', () => {
    expect(
      checkWeights([
        { name: 'a', weight: 60 },
        { name: 'b', weight: 40 },
      ]),
    ).toEqual([]);
    expect(
      checkWeights([
        { name: 'a', weight: 60 },
        { name: 'b', weight: 35 },
      ]),
    ).toEqual(['一级指标权重合计 95，差 5']);
    expect(
      checkWeights([
        { name: 'a', weight: 0.1 },
        { name: 'b', weight: 0.2 },
        { name: 'c', weight: 99.7 },
      ]),
    ).toEqual([]);
    expect(
      checkWeights([
        {
          name: '调研学习',
          weight: 100,
          children: [
            { name: '报告', weight: 60 },
            { name: '研讨', weight: 50 },
          ],
        },
      ]),
    ).toEqual(['「调研学习」下的二级指标权重合计 110，多 10']);
  });

  it('every built-in template sums to 100 at each level', () => {
    expect(ASSESSMENT_TEMPLATES.map(t => t.key)).toEqual(['shenyang-secondment', 'de-neng-qin-ji-lian', 'huzhou-wuxing-points', 'nantong-three-indices']);
    for (const t of ASSESSMENT_TEMPLATES) expect(checkWeights(t.indicators), t.name).toEqual([]);
    const shenyang = ASSESSMENT_TEMPLATES[0].indicators.map(i => i.name);
    expect(shenyang).toEqual(expect.arrayContaining(['招商引资', '项目落实', '转变观念', '提升能力', '调研学习', '工作状态']));
    expect(ASSESSMENT_TEMPLATES[3].indicators.map(i => i.name)).toEqual(['负重指数', '承压指数', '创先指数']);
  });
});

describe('scoring methods', () => {
  it('target: 招商引资 target 3 亿元, achieved 2.4 → 80% of the points; capped at the max ratio', () => {
    const i = ind({ id: 1, name: '招商引资', weight: 30, method: 'target', target: 3, maxScore: 100 });
    expect(scoreIndicator(i, { raw: 2.4 }).score).toBeCloseTo(80, 10);
    expect(scoreIndicator(i, { raw: 4.5 }).score).toBe(100);
    expect(scoreIndicator({ ...i, maxRatio: 1.2 }, { raw: 4.5 }).score).toBeCloseTo(120, 10);
    expect(scoreIndicator(i, { raw: null })).toMatchObject({ score: null, missing: true });
  });

  it('points: base plus/minus with caps, daily records included, kept within 0..max', () => {
    const i = ind({ id: 1, name: '工作状态', weight: 15, method: 'points', baseScore: 80, addCap: 20, deductCap: 80 });
    expect(scoreIndicator(i, { raw: null }).score).toBe(80);
    expect(scoreIndicator(i, { raw: 5, daily: 3 }).score).toBe(88);
    expect(scoreIndicator(i, { raw: 50 }).score).toBe(100);
    expect(scoreIndicator({ ...i, deductCap: 10 }, { raw: -30 }).score).toBe(70);
    expect(scoreIndicator(i, { raw: -200 }).score).toBe(0);
  });

  it('pass/fail, veto and the democratic score', () => {
    expect(scoreIndicator(ind({ id: 1, name: 'p', weight: 10, method: 'passFail', maxScore: 10 }), { raw: 1 }).score).toBe(10);
    expect(scoreIndicator(ind({ id: 1, name: 'p', weight: 10, method: 'passFail' }), { raw: 0 }).score).toBe(0);
    expect(scoreIndicator(ind({ id: 1, name: 'v', weight: 0, method: 'veto' }), { raw: 1 }).vetoed).toBe(true);
    expect(scoreIndicator(ind({ id: 1, name: 'v', weight: 0, method: 'veto' }), { raw: null })).toMatchObject({ vetoed: false, missing: false });
    expect(scoreIndicator(ind({ id: 1, name: 'd', weight: 10, method: 'vote' }), { raw: null, democratic: 88.5 }).score).toBe(88.5);
  });

  it('parses what people type and refuses the rest with the indicator named', () => {
    const score = { name: '德', method: 'score' as const, maxScore: 100 };
    expect(parseCell(score, ' 92.5 ')).toEqual({ ok: true, value: 92.5 });
    expect(parseCell(score, '')).toEqual({ ok: true, value: null });
    expect(parseCell(score, '１０１')).toEqual({ ok: false, message: '「德」的得分应在 0 到 100 之间，不能是 101' });
    expect(parseCell(score, '优')).toMatchObject({ ok: false, message: expect.stringContaining('应填数字') });
    expect(parseCell({ name: '招商引资', method: 'target', maxScore: 100 }, '2.4亿元')).toEqual({ ok: true, value: 2.4 });
    expect(parseCell({ name: '考勤', method: 'passFail', maxScore: 10 }, '不合格')).toEqual({ ok: true, value: 0 });
    expect(parseCell({ name: '廉洁', method: 'veto', maxScore: 100 }, '是')).toEqual({ ok: true, value: 1 });
    expect(parseCell({ name: '测评', method: 'vote', maxScore: 100 }, 90).ok).toBe(false);
  });
});

describe('weighted totals over the tree (hand-computed)', () => {
  // 一级: 招商引资 30 (target 3, achieved 2.4 → 80), 调研学习 20 with 二级 报告 50 (target 2, got 1 → 50) and 研讨 50 (score 90),
  // 工作状态 50 (score 70), veto 0.
  const tree: TreeIndicator[] = [
    ind({ id: 1, name: '招商引资', weight: 30, method: 'target', target: 3 }),
    ind({ id: 2, name: '调研学习', weight: 20 }),
    ind({ id: 3, name: '调研报告', weight: 50, parentId: 2, method: 'target', target: 2 }),
    ind({ id: 4, name: '学习研讨', weight: 50, parentId: 2 }),
    ind({ id: 5, name: '工作状态', weight: 50 }),
    ind({ id: 6, name: '廉洁自律', weight: 0, method: 'veto' }),
  ];
  const raws: Record<number, number | null> = { 1: 2.4, 3: 1, 4: 90, 5: 70, 6: null };

  it('30×0.8 + 20×(0.5×0.5 + 0.5×0.9) + 50×0.7 = 24 + 14 + 35 = 73', () => {
    const r = weightedTotal(tree, i => ({ raw: raws[i.id] ?? null }));
    expect(r.total).toBe(73);
    expect(r.vetoed).toBe(false);
    expect(r.missing).toEqual([]);
  });

  it('a blank counts 0 and is listed; a veto is reported', () => {
    const r = weightedTotal(tree, i => ({ raw: i.id === 4 ? null : i.id === 6 ? 1 : (raws[i.id] ?? null) }));
    expect(r.total).toBe(64); // 24 + 20×0.25 + 35
    expect(r.missing).toEqual(['学习研讨']);
    expect(r.vetoed).toBe(true);
  });

  it("a cadre's personal target and weight replace the default; extras of others are left out", () => {
    const extra = ind({ id: 7, name: '对口帮扶', weight: 10, cadreId: 9 });
    const mine = personalTree([...tree, extra], 8, [{ indicatorId: 1, target: 2.4, weight: null }]);
    expect(mine.map(i => i.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mine[0]).toMatchObject({ target: 2.4, personalised: true });
    expect(weightedTotal(mine, i => ({ raw: raws[i.id] ?? null })).total).toBe(79); // 30×1 + 14 + 35
  });
});

describe('ranks, grades, democratic evaluation', () => {
  it('ties share a rank: 1, 2, 2, 4; blanks get none', () => {
    expect(competitionRanks([95, 90, 90, 85])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([80, null, 92.5, 80.001, 80])).toEqual([2, null, 1, 2, 2]);
  });

  it('thresholds propose the grade; a veto forces 不称职', () => {
    const t = { excellent: 90, competent: 70, basic: 60 };
    expect([95, 90, 89.99, 70, 60, 59.99].map(x => proposeGrade(x, t))).toEqual(['优秀', '优秀', '称职', '称职', '基本称职', '不称职']);
    expect(proposeGrade(98, t, true)).toBe('不称职');
    expect(proposeGrade(null, t)).toBeNull();
  });

  it('优秀 95, 称职 85, 基本称职 75, 不称职 65; 不了解 not counted', () => {
    expect(democraticScore({ excellent: 10, competent: 5, basic: 0, incompetent: 0, unknown: 7 })).toBe(91.67); // (950+425)/15
    expect(democraticScore({ excellent: 1, competent: 1, basic: 1, incompetent: 1, unknown: 100 })).toBe(80);
    expect(democraticScore({ excellent: 0, competent: 0, basic: 0, incompetent: 0, unknown: 3 })).toBeNull();
  });
});

describe('the 优秀 quota in exact arithmetic', () => {
  it.each([
    [18, 20, '3.6', 4, 4],
    [12, 20, '2.4', 2, 3],
    [10, 25, '2.5', 3, 3],
    [5, 20, '1.0', 1, 1],
    [7, 15, '1.05', 1, 2],
    [0, 20, '0.0', 0, 0],
  ])('%i people × %i%% = %s → %i 四舍五入, %i 进一法', (n, p, exact, half, ceil) => {
    expect(quotaPlaces(n, p, '四舍五入')).toMatchObject({ exact, places: half });
    expect(quotaPlaces(n, p, '进一法')).toMatchObject({ exact, places: ceil });
  });

  it('names the group and the excess', () => {
    expect(checkQuota('正处组', 18, 5, 20, '四舍五入').message).toBe('正处组优秀 5 人，超出名额 1 人（18 人 × 20% = 3.6，四舍五入为 4 人）');
    expect(checkQuota('正处组', 12, 3, 20, '四舍五入').over).toBe(1);
    expect(checkQuota('正处组', 12, 3, 20, '进一法').message).toBeNull();
    expect(checkQuota('全体人员', 10, 3, 25, '四舍五入')).toMatchObject({ places: 3, over: 0, explanation: '10 人 × 25% = 2.5，四舍五入为 3 人' });
  });
});
