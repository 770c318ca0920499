/**
 * One undo log for everything: a round's operations and the roster's, a
 * batch's and the villages' live in the same `operations` table, each with its
 * scope; each page's step takes only its own scope's operations.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScoreGrid } from '../../../shared/contract/routes/assessment';
import { addBatch, addPeople, names, openTestCore, type TestCore } from './support';

let t: TestCore;
let ids: number[];
let setId: number;
let indicator: number;
beforeEach(async () => {
  t = openTestCore();
  ids = addPeople(
    t.core.db,
    names(4).map(name => ({ name })),
  );
  const set = await t.call('saveAssessmentSet', { name: '2025年度考核', year: 2025, scope: { kind: 'all', ref: '' }, template: 'de-neng-qin-ji-lian' });
  setId = set.id;
  indicator = set.indicators.find(i => i.name === '德')!.id;
});
afterEach(() => t.close());

const raw = (grid: ScoreGrid, cadreId: number) => grid.rows.find(r => r.cadreId === cadreId)!.cells[String(indicator)]?.raw ?? null;
const log = () =>
  t.core.db.prepare('SELECT kind, label, scope, undone FROM operations ORDER BY id').all() as { kind: string; label: string; scope: string; undone: number }[];

describe('one undo log', () => {
  it('holds round and roster operations with their scopes; each page steps its own scope', async () => {
    const r1 = await t.call('saveAssessmentRound', { setId, name: '第一季度', kind: '季度', year: 2025 });
    const r2 = await t.call('saveAssessmentRound', { setId, name: '第二季度', kind: '季度', year: 2025 });
    await t.call('saveCadres', { updates: [{ id: ids[0], values: { remarks: '第一次' } }], label: '修改备注' });
    await t.call('saveScores', { roundId: r1.id, cells: [{ cadreId: ids[0], indicatorId: indicator, value: '88' }], label: '录入一季度' });
    await t.call('saveScores', { roundId: r2.id, cells: [{ cadreId: ids[1], indicatorId: indicator, value: '77' }], label: '录入二季度' });
    await t.call('saveCadres', { updates: [{ id: ids[1], values: { remarks: '第二次' } }], label: '再改备注' });
    const batch = addBatch(t.core.db, [ids[2]]);
    await t.call('addSecondmentMembers', { batchId: batch, cadreIds: [ids[3]] });
    await t.call('saveVillage', { name: '大洼村' });

    expect(log().map(o => [o.label, o.scope])).toEqual([
      ['修改备注', 'roster'],
      ['录入一季度', `round:${r1.id}`],
      ['录入二季度', `round:${r2.id}`],
      ['再改备注', 'roster'],
      [expect.any(String), `batch:${batch}`],
      ['新增村「大洼村」', 'villages'],
    ]);
    // No separate round log any more.
    expect(t.core.db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'assessment_op%'").all()).toEqual([]);

    // The roster's step takes the roster's operations only: not a round's, a batch's or the villages'.
    expect((await t.call('getHistory', {})).undo?.label).toBe('再改备注');
    expect((await t.call('getHistory', { scope: 'villages' })).undo?.label).toBe('新增村「大洼村」');
    expect((await t.call('getHistory', { scope: `batch:${batch}` })).undo?.label).toMatch(/加入/);
    expect((await t.call('stepHistory', { direction: 'undo' })).label).toBe('再改备注');
    expect((await t.call('stepHistory', { direction: 'undo' })).label).toBe('修改备注');
    expect((await t.fail('stepHistory', { direction: 'undo' })).message).toBe('没有可以撤销的操作');
    expect(raw(await t.call('getScoreGrid', { roundId: r1.id }), ids[0])).toBe(88);

    // A round's step takes only its own round's operations.
    let step = await t.call('stepRoundHistory', { roundId: r2.id, direction: 'undo' });
    expect(step.label).toBe('录入二季度');
    expect(raw(step, ids[1])).toBeNull();
    expect(step.history).toEqual({ undo: null, redo: expect.objectContaining({ label: '录入二季度' }) });
    expect((await t.fail('stepRoundHistory', { roundId: r2.id, direction: 'undo' })).message).toBe('这一轮考核没有可以撤销的操作');
    expect((await t.call('getScoreGrid', { roundId: r1.id })).history.undo?.label).toBe('录入一季度');

    // A new roster change ends the roster's redo branch only; the round keeps its redo.
    await t.call('saveCadres', { updates: [{ id: ids[0], values: { remarks: '第三次' } }], label: '三改备注' });
    expect((await t.call('getHistory', {})).redo).toBeNull();
    step = await t.call('stepRoundHistory', { roundId: r2.id, direction: 'redo' });
    expect(raw(step, ids[1])).toBe(77);
    // And a round's change leaves the roster's redo alone.
    await t.call('stepHistory', { direction: 'undo' });
    await t.call('saveScores', { roundId: r1.id, cells: [{ cadreId: ids[2], indicatorId: indicator, value: '66' }], label: '补录一季度' });
    expect((await t.call('getHistory', {})).redo?.label).toBe('三改备注');
    expect(
      log()
        .filter(o => o.scope === `round:${r1.id}`)
        .map(o => o.label),
    ).toEqual(['录入一季度', '补录一季度']);
  });

  it('a round deleted takes its operations with it', async () => {
    const r = await t.call('saveAssessmentRound', { setId, name: '专项', kind: '专项', year: 2025 });
    await t.call('saveScores', { roundId: r.id, cells: [{ cadreId: ids[0], indicatorId: indicator, value: '90' }] });
    expect(log().map(o => o.scope)).toEqual([`round:${r.id}`]);
    await t.call('deleteAssessmentRound', { id: r.id });
    expect(log()).toEqual([]);
  });
});
