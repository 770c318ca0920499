/** Sets, the indicator tree, personalised indicators, participants, daily records, the veto and 民主测评 through the dispatcher. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAssessmentDemo } from '../../../electron/services/demo/assessment';
import { addBatch, addPeople, names, openTestCore, type TestCore } from './support';

let t: TestCore;
beforeEach(() => (t = openTestCore()));
afterEach(() => t.close());

describe('indicator sets', () => {
  it('copies a template, refuses weights that do not sum to 100 with the difference, keeps ids and scores of kept indicators', async () => {
    const templates = await t.call('listAssessmentTemplates', {});
    expect(templates).toHaveLength(4);
    const set = await t.call('saveAssessmentSet', { name: '南通三类指数', year: 2025, scope: { kind: 'all', ref: '' }, template: 'nantong-three-indices' });
    expect(set.indicators.filter(i => i.level === 1).map(i => i.name)).toEqual(['负重指数', '承压指数', '创先指数']);
    expect(set.indicators.filter(i => i.level === 2)).toHaveLength(6);

    const tree = set.indicators
      .filter(i => i.level === 1)
      .map(top => ({ ...strip(top), children: set.indicators.filter(c => c.parentId === top.id).map(strip) }));
    tree[0].weight = 35; // 35 + 30 + 30 = 95
    tree[1].children[0].weight = 60; // 60 + 50 = 110
    const refused = await t.fail('saveAssessmentIndicators', { setId: set.id, indicators: tree });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toContain('一级指标权重合计 95，差 5');
    expect(refused.message).toContain('「承压指数」下的二级指标权重合计 110，多 10');
    expect((await t.call('getAssessmentSet', { id: set.id })).indicators.find(i => i.name === '负重指数')!.weight).toBe(40);

    // Drop 创先指数, rename one; ids kept where given.
    tree[0].weight = 50;
    tree[1].weight = 50;
    tree[1].children[0].weight = 50;
    tree[1].children[0].name = '任务难度系数';
    const saved = await t.call('saveAssessmentIndicators', { setId: set.id, indicators: tree.slice(0, 2) });
    expect(saved.indicators.map(i => i.name)).toEqual(['负重指数', '承重点任务'.replace('承', '承担'), '工作量', '承压指数', '任务难度系数', '急难险重表现']);
    expect(saved.indicators.find(i => i.name === '任务难度系数')!.id).toBe(set.indicators.find(i => i.name === '任务难度')!.id);

    const veto = await t.fail('saveAssessmentIndicators', {
      setId: set.id,
      indicators: [
        { name: '德', weight: 90, method: 'score' },
        { name: '廉', weight: 10, method: 'veto' },
      ],
    });
    expect(veto.message).toContain('「廉」是一票否决指标，不计权重，权重应为 0');

    const copy = await t.call('copyAssessmentSet', { id: set.id, name: '南通三类指数（2026）', year: 2026 });
    expect(copy.indicators.map(i => i.name)).toEqual(saved.indicators.map(i => i.name));
    expect((await t.call('listAssessmentSets', {})).map(s => s.name)).toEqual(['南通三类指数（2026）', '南通三类指数']);
    expect(await t.call('deleteAssessmentSet', { id: copy.id })).toEqual({ deleted: true });
  });

  it('participants: a unit with its sub-units, a tag, manual add and remove, a batch without replaced members', async () => {
    const db = t.core.db;
    const [a, b, c, d] = addPeople(db, [
      { name: '甲', unit: '市发改委' },
      { name: '乙', unit: '市工信局' },
      { name: '丙', unit: '市发改委' },
      { name: '丁', unit: '市财政局' },
    ]);
    const parent = (db.prepare("SELECT id FROM units WHERE name = '市发改委'").get() as { id: number }).id;
    db.prepare("UPDATE units SET parent_id = ? WHERE name = '市工信局'").run(parent);
    const set = await t.call('saveAssessmentSet', { name: '发改系统', year: 2025, scope: { kind: 'unit', ref: String(parent) } });
    expect(set.scope.label).toBe('市发改委（含下级）');
    let list = await t.call('saveAssessmentParticipants', { setId: set.id, add: [d], remove: [b] });
    expect(list.map(p => [p.name, p.source])).toEqual([
      ['甲', 'scope'],
      ['丙', 'scope'],
      ['丁', 'added'],
      ['乙', 'removed'],
    ]);
    list = await t.call('saveAssessmentParticipants', { setId: set.id, reset: [b] });
    expect(list.filter(p => p.source !== 'removed').map(p => p.cadreId)).toEqual([a, b, c, d]);
    expect((await t.fail('saveAssessmentSet', { name: 'x', year: 2025, scope: { kind: 'batch', ref: '99' } })).message).toContain('找不到编号为 99 的批次');

    const batch = addBatch(db, [a, c, d]);
    db.prepare("UPDATE secondment_members SET status = '已调换' WHERE cadre_id = ?").run(c);
    const bs = await t.call('saveAssessmentSet', { name: '第四批', year: 2025, scope: { kind: 'batch', ref: String(batch) } });
    expect(bs.scope.label).toBe('京沈对口合作干部交流 第四批');
    expect((await t.call('listAssessmentParticipants', { setId: bs.id })).map(p => p.cadreId)).toEqual([a, d]);
  });

  it('only cadres in the roster take part: a retired cadre (历史库) or one in the 回收站 drops out of every scope and cannot be added', async () => {
    const db = t.core.db;
    const [serving, retired, binned, left] = addPeople(db, [
      { name: '在职甲', unit: '市发改委' },
      { name: '退休乙', unit: '市发改委' },
      { name: '删除丙', unit: '市发改委' },
      { name: '调出丁', unit: '市发改委' },
    ]);
    db.prepare("UPDATE cadres SET status = '退休' WHERE id = ?").run(retired);
    db.prepare("UPDATE cadres SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(binned);
    const unit = (db.prepare("SELECT id FROM units WHERE name = '市发改委'").get() as { id: number }).id;
    const tag = db.prepare("INSERT INTO cadre_tags(cadre_id, tag) VALUES (?, '年轻干部')");
    for (const id of [serving, retired, binned]) tag.run(id);
    const batch = addBatch(db, [retired, serving, binned]);
    const participants = async (kind: 'all' | 'unit' | 'tag' | 'leadershipLevel' | 'batch', ref: string) => {
      const set = await t.call('saveAssessmentSet', { name: `范围${kind}`, year: 2025, scope: { kind, ref } });
      return (await t.call('listAssessmentParticipants', { setId: set.id })).map(p => p.name);
    };
    expect(await participants('all', '')).toEqual(['在职甲', '调出丁']);
    expect(await participants('unit', String(unit))).toEqual(['在职甲', '调出丁']);
    expect(await participants('tag', '年轻干部')).toEqual(['在职甲']);
    expect(await participants('leadershipLevel', '正处')).toEqual(['在职甲', '调出丁']);
    expect(await participants('batch', String(batch))).toEqual(['在职甲']);

    // A cadre who leaves after being added by hand drops out too; one already in the 历史库 is refused.
    const set = await t.call('saveAssessmentSet', { name: '手工添加', year: 2025, scope: { kind: 'tag', ref: '无此类别' } });
    expect((await t.call('saveAssessmentParticipants', { setId: set.id, add: [left] })).map(p => p.name)).toEqual(['调出丁']);
    db.prepare("UPDATE cadres SET status = '调出' WHERE id = ?").run(left);
    expect(await t.call('listAssessmentParticipants', { setId: set.id })).toEqual([]);
    const refused = await t.fail('saveAssessmentParticipants', { setId: set.id, add: [retired] });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toBe('「退休乙」已离开干部名册（在历史库中），不能参加考核');
  });
});

describe('personalised indicators, daily records, the veto and 民主测评', () => {
  it('a personal target shows beside the default and drives the score; weights are checked per cadre', async () => {
    const [a, b] = addPeople(t.core.db, [{ name: '张三' }, { name: '李四' }]);
    const set = await t.call('saveAssessmentSet', { name: '挂职考核', year: 2025, scope: { kind: 'all', ref: '' }, template: 'shenyang-secondment' });
    let indicators = set.indicators;
    const id = (n: string) => indicators.find(i => i.name === n)!.id;
    const mine = await t.call('savePersonalIndicators', {
      setId: set.id,
      cadreId: a,
      overrides: [{ indicatorId: id('招商引资'), target: 2.4, note: '对接农业项目' }],
      extras: [],
    });
    expect(mine.indicators.find(i => i.name === '招商引资')).toMatchObject({
      defaultTarget: 3,
      target: 2.4,
      defaultWeight: 30,
      weight: null,
      note: '对接农业项目',
    });

    const bad = await t.fail('savePersonalIndicators', {
      setId: set.id,
      cadreId: b,
      overrides: [],
      extras: [{ name: '对口帮扶', weight: 10, method: 'score', parentId: null }],
    });
    expect(bad.message).toBe('李四的个性化指标未保存：一级指标权重合计 110，多 10');
    const ok = await t.call('savePersonalIndicators', {
      setId: set.id,
      cadreId: b,
      overrides: [{ indicatorId: id('工作状态'), weight: 5 }],
      extras: [{ name: '对口帮扶', weight: 10, method: 'score', parentId: null }],
    });
    expect(ok.indicators.find(i => i.name === '对口帮扶')).toMatchObject({ extra: true, defaultWeight: 10 });
    expect(ok.indicators.find(i => i.name === '工作状态')).toMatchObject({ defaultWeight: 15, weight: 5 });
    expect((await t.call('listPersonalIndicators', { setId: set.id, cadreId: a }))[0].indicators.some(i => i.name === '对口帮扶')).toBe(false);

    indicators = (await t.call('getAssessmentSet', { id: set.id })).indicators;
    const round = await t.call('saveAssessmentRound', {
      setId: set.id,
      name: '2025年第一季度',
      kind: '季度',
      year: 2025,
      startDate: '2025-01',
      endDate: '2025-03',
    });
    const daily = await t.call('addDailyRecord', {
      setId: set.id,
      cadreId: a,
      indicatorId: id('工作状态'),
      date: '2025-02-10',
      points: -5,
      note: '未按时报送周报',
    });
    await t.call('addDailyRecord', { setId: set.id, cadreId: a, indicatorId: id('工作状态'), date: '2025-05-10', points: 10, note: '不在本季度' });
    expect((await t.fail('addDailyRecord', { setId: set.id, cadreId: a, indicatorId: id('转变观念'), date: '2025-02-10', points: 1 })).message).toContain(
      '不是加减分指标',
    );
    expect((await t.call('listDailyRecords', { setId: set.id, cadreId: a })).map(d => d.points)).toEqual([-5, 10]);

    const cells = (cadreId: number, v: Record<string, number | string>) => Object.entries(v).map(([n, value]) => ({ cadreId, indicatorId: id(n), value }));
    const full = { 招商引资: '2.4亿元', 项目落实: 1, 转变观念: 90, 提升能力: 80, 调研报告: 2, 学习研讨: 70, 工作状态: 2, 廉洁自律: '否' };
    let grid = await t.call('saveScores', { roundId: round.id, cells: [...cells(a, full), ...cells(b, { ...full, 对口帮扶: 60, 廉洁自律: '是' })] });
    const ra = grid.rows.find(r => r.cadreId === a)!;
    // 招商引资 2.4/2.4 → 30; 项目落实 1/2 → 12.5; 转变观念 9; 提升能力 8; 调研学习 10 × (0.5×1 + 0.5×0.7) = 8.5; 工作状态 (80+2−5)/100 × 15 = 11.55
    expect(ra.cells[String(id('招商引资'))]).toMatchObject({ raw: 2.4, target: 2.4, score: 100, personalised: true });
    expect(ra.cells[String(id('工作状态'))]).toMatchObject({ raw: 2, daily: -5, score: 77 });
    expect(ra.total).toBe(79.55);
    expect(ra.proposedGrade).toBe('称职');
    const rb = grid.rows.find(r => r.cadreId === b)!;
    // 招商引资 2.4/3 → 24; 12.5; 9; 8; 8.5; 工作状态 82 × 5% = 4.1; 对口帮扶 6 → 72.1, but vetoed
    expect(rb).toMatchObject({ total: 72.1, vetoed: true, proposedGrade: '不称职', grade: '不称职' });

    // 民主测评 as an input: a 一级 scored from the tallies.
    const tree = set.indicators
      .filter(i => i.level === 1 && i.cadreId === null)
      .map(top => ({ ...strip(top), children: set.indicators.filter(c => c.parentId === top.id).map(strip) }));
    tree.find(x => x.name === '工作状态')!.weight = 5;
    tree.push({
      ...strip(set.indicators[0]),
      id: undefined,
      name: '民主测评',
      method: 'vote',
      weight: 10,
      target: null,
      targetUnit: '',
      maxRatio: null,
      description: '',
      evidence: '',
      children: [],
    });
    await t.call('saveAssessmentIndicators', { setId: set.id, indicators: tree });
    grid = await t.call('saveVotes', { roundId: round.id, tallies: [{ cadreId: a, excellent: 10, competent: 5, basic: 0, incompetent: 0, unknown: 7 }] });
    expect(grid.rows.find(r => r.cadreId === a)).toMatchObject({ democraticScore: 91.67 });
    expect(grid.rows.find(r => r.cadreId === b)!.missing).toEqual(['民主测评']);
    expect(
      (await t.fail('saveScores', { roundId: round.id, cells: [{ cadreId: a, indicatorId: grid.indicators.find(i => i.name === '民主测评')!.id, value: 90 }] }))
        .message,
    ).toContain('由测评票数计算');
    expect(await t.call('removeDailyRecord', { id: daily.id })).toEqual({ removed: true });
  });
});

describe('demo data for a batch', () => {
  it('creates the Shenyang set for the batch with personal targets, tallies and one round finalised within the quota, deterministically', async () => {
    const run = async () => {
      const x = openTestCore();
      const ids = addPeople(
        x.core.db,
        names(18, '挂职').map(name => ({ name })),
      );
      const batch = addBatch(x.core.db, ids);
      const result = loadAssessmentDemo(x.core.db, batch);
      const grid = await x.call('getScoreGrid', { roundId: result.roundId });
      const personal = await x.call('listPersonalIndicators', { setId: result.setId });
      x.close();
      return { result, grid, personal };
    };
    const first = await run();
    const { result, grid, personal } = first;
    expect(result).toMatchObject({ participants: 18, places: 4 });
    expect(result.excellent).toBeLessThanOrEqual(4);
    expect(grid.round).toMatchObject({ status: 'finalised', kind: '专项', setName: '第四批挂职干部考核指标' });
    expect(grid.quota[0]).toMatchObject({ assessed: 18, places: 4, over: 0 });
    expect(grid.rows.every(r => r.total !== null && r.grade !== null && r.votes !== null && r.missing.length === 0)).toBe(true);
    expect(new Set(grid.rows.map(r => r.total)).size).toBeGreaterThan(10);
    expect(personal.filter(p => p.indicators.some(i => i.target !== null)).length).toBe(6);
    expect(grid.history.undo).toBeNull();
    const again = await run();
    expect(again.grid.rows.map(r => [r.total, r.grade])).toEqual(grid.rows.map(r => [r.total, r.grade]));
  });
});

function strip<T extends { id: number; name: string; weight: number; method: string }>(i: T) {
  const { parentId: _p, cadreId: _c, level: _l, sortOrder: _s, ...rest } = i as unknown as Record<string, unknown>;
  return rest as {
    id?: number;
    name: string;
    weight: number;
    method: 'score' | 'points' | 'target' | 'passFail' | 'veto' | 'vote';
    maxScore: number;
    baseScore: number | null;
    addCap: number | null;
    deductCap: number | null;
    target: number | null;
    targetUnit: string;
    maxRatio: number | null;
    description: string;
    evidence: string;
  };
}
