/** The unit tree: create, rename with name history, move and reorder, merge, abolish; each one undo step and one audit entry. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTree, type Tree } from './support';

let w: Tree;
beforeEach(() => {
  w = openTree();
});
afterEach(() => w.close());

const names = async () => (await w.call('listUnits', {})).map(u => `${u.parentId ?? '-'}:${u.name}:${u.sortOrder}`);
const auditCount = () => w.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
const undo = () => w.call('stepHistory', { direction: 'undo' });
const redo = () => w.call('stepHistory', { direction: 'redo' });

/** Runs `change`, checks it is one 撤销 step that restores every table and one audit entry, then redoes it. */
async function oneStep(change: () => Promise<unknown>, audits = 1) {
  const before = w.dump();
  const ops = w.db.prepare('SELECT count(*) FROM operations').pluck().get() as number;
  const log = auditCount();
  await change();
  const after = w.dump();
  expect(after).not.toBe(before);
  expect(w.db.prepare('SELECT count(*) FROM operations').pluck().get()).toBe(ops + 1);
  expect(auditCount() - log).toBe(audits);
  await undo();
  expect(w.dump()).toBe(before);
  await redo();
  expect(w.dump()).toBe(after);
}

describe('building the tree', () => {
  it('creates units with name, short name, kind and level, in order, and refuses a twin name under the same parent', async () => {
    const city = await w.unit('滨江市委', null, '党委');
    await oneStep(() => w.call('createUnit', { parentId: city, name: '市委组织部', shortName: '组织部', kind: '部门', level: '正处级' }));
    await w.unit('市委办公室', city);
    await w.call('createUnit', { parentId: city, name: '市委宣传部', index: 0 });
    expect(await names()).toEqual([`-:滨江市委:1`, `${city}:市委宣传部:1`, `${city}:市委组织部:2`, `${city}:市委办公室:3`]);
    const org = (await w.call('listUnits', {})).find(u => u.name === '市委组织部')!;
    expect(org).toMatchObject({ shortName: '组织部', kind: '部门', level: '正处级' });
    expect((await w.fails('createUnit', { parentId: city, name: '市委组织部' })).message).toBe('「滨江市委」下已有名为「市委组织部」的单位');
    expect((await w.fails('createUnit', { parentId: null, name: '  ' })).message).toMatch(/请填写单位名称/);
  });

  it('renames keeping the earlier name with the date it ended; 简历 already written stays as written', async () => {
    const bureau = await w.unit('滨江市国土资源局');
    const c = await w.cadre('张三', bureau, { post: '滨江市国土资源局副局长', resume: '2015.01--  滨江市国土资源局副局长' });
    await oneStep(() => w.call('updateUnit', { id: bureau, name: '滨江市自然资源局', renamedOn: '2019.03' }));
    await w.call('updateUnit', { id: bureau, name: '滨江市自然资源和规划局' });
    const detail = await w.call('getUnit', { id: bureau });
    expect(detail.name).toBe('滨江市自然资源和规划局');
    expect(detail.earlierNames[1]).toEqual({ name: '滨江市国土资源局', until: '2019-03' });
    expect(detail.earlierNames[0].name).toBe('滨江市自然资源局');
    expect((await w.call('getCadre', { id: c })).resume).toBe('2015.01--         滨江市国土资源局副局长');
    // a change of short name or level is not a rename
    await w.call('updateUnit', { id: bureau, shortName: '自然资源局', level: '正处级' });
    expect((await w.call('getUnit', { id: bureau })).earlierNames).toHaveLength(2);
  });

  it('moves a unit under another (or to the top) and reorders siblings; never under itself', async () => {
    const a = await w.unit('甲');
    const b = await w.unit('乙');
    const a1 = await w.unit('甲一', a);
    const a2 = await w.unit('甲二', a);
    await oneStep(() => w.call('moveUnit', { id: a1, parentId: b }));
    expect(await names()).toEqual(['-:甲:1', '-:乙:2', `${a}:甲二:1`, `${b}:甲一:1`]);
    await oneStep(() => w.call('moveUnit', { id: b, parentId: null, index: 0 }));
    expect(await names()).toEqual(['-:乙:1', '-:甲:2', `${a}:甲二:1`, `${b}:甲一:1`]);
    expect((await w.fails('moveUnit', { id: a, parentId: a2 })).message).toBe('不能把「甲」移到它自己或它的下级单位「甲二」之下');
    expect((await w.fails('moveUnit', { id: a, parentId: a })).code).toBe('CONFLICT');
  });
});

describe('merging and abolishing', () => {
  it('merges: cadres and sub-units move to the target in one step, the unit is abolished and leaves the tree', async () => {
    const old = await w.unit('滨江市文化局');
    const into = await w.unit('滨江市文化和旅游局');
    const section = await w.unit('文物科', old);
    await w.unit('办公室', into);
    const c1 = await w.cadre('李四', old, { leadershipLevel: '正处' });
    const c2 = await w.cadre('王五', section);
    const binned = await w.cadre('赵六', old);
    await w.call('setCadresDeleted', { ids: [binned], deleted: true });
    const left = await w.cadre('钱七', old);
    await w.call('recordEvents', { kind: '退休', date: '2025.06', rows: [{ cadreId: left }] });
    // one entry for the unit, one per cadre moved, one per sub-unit moved
    await oneStep(async () => {
      const r = await w.call('mergeUnit', { id: old, into, date: '2026.11' });
      expect([r.cadres, r.units]).toEqual([2, 1]);
    }, 4);
    expect((await w.call('getCadre', { id: c1 })).unitId).toBe(into);
    expect((await w.call('getCadre', { id: c2 })).unitId).toBe(section);
    expect(w.db.prepare('SELECT unit_id FROM cadres WHERE id = ?').pluck().get(binned)).toBe(into);
    expect(w.db.prepare('SELECT unit_id FROM cadres WHERE id = ?').pluck().get(left)).toBe(old); // the 历史库 keeps where they left from
    expect(await names()).toEqual([`-:滨江市文化和旅游局:1`, `${into}:办公室:1`, `${into}:文物科:2`]);
    expect((await w.call('getUnit', { id: old })).abolishedAt).toBe('2026-11');
    expect((await w.fails('mergeUnit', { id: old, into })).message).toBe('单位「滨江市文化局」已撤销');
  });

  it('refuses to merge into itself or its own sub-unit', async () => {
    const a = await w.unit('甲');
    const a1 = await w.unit('甲一', a);
    expect((await w.fails('mergeUnit', { id: a, into: a })).message).toBe('不能把单位合并到它自己');
    expect((await w.fails('mergeUnit', { id: a, into: a1 })).message).toBe('不能把「甲」合并到它的下级单位「甲一」');
  });

  it('abolishes an empty unit; refuses one with cadres or sub-units, saying how many and where', async () => {
    const city = await w.unit('滨江市');
    const bureau = await w.unit('滨江市粮食局', city);
    await w.unit('办公室', bureau);
    await w.unit('储备科', bureau);
    await w.cadre('孙一', bureau);
    const binned = await w.cadre('孙二', bureau);
    await w.call('setCadresDeleted', { ids: [binned], deleted: true });
    const before = w.dump();
    const refusal = await w.fails('abolishUnit', { id: bureau });
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toBe(
      '不能撤销「滨江市 / 滨江市粮食局」：该单位还有 2 名干部（其中 1 名在回收站）、2 个下级单位（办公室、储备科）。请先将干部调出、下级单位移走，或把该单位合并到其他单位',
    );
    expect(w.dump()).toBe(before);
    const empty = await w.unit('临时机构', city);
    await oneStep(() => w.call('abolishUnit', { id: empty, date: '2026.12.01' }));
    expect((await names()).some(n => n.includes('临时机构'))).toBe(false);
    expect((await w.call('getUnit', { id: empty })).abolishedAt).toBe('2026-12-01');
    // an abolished unit takes no one
    const c = await w.cadre('周八', city);
    expect((await w.fails('saveCadres', { updates: [{ id: c, values: { unitId: empty } }] })).message).toMatch(/单位「临时机构」已撤销/);
  });
});
