/**
 * Undo that does what the page suggests, on a real SQLite file through the
 * dispatcher: each page's 撤销/重做 steps only through its own scope (roster,
 * a batch, the villages, the batch list with its batches); the 操作历史 lists
 * every step newest first and undoes back to a chosen one, all or nothing;
 * a step that a later step depends on (same records, or a record it created
 * and the later one uses) is refused in Chinese, naming that later step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defineScopeGuard, withOperation } from '../../../electron/services/common/operation-log';
import { openWorld, type World } from '../secondment/support';

let w: World;
let cadres: { id: number; name: string; post: string }[];
let batchId: number;
let rotationId: number;
let villageId: number;

beforeEach(async () => {
  w = openWorld(30);
  w.load();
  // The demo's own steps are not the test's: start from an empty log.
  w.core.db.exec('DELETE FROM operations');
  cadres = await w.call('listCadres', {});
  const programme = await w.call('saveSecondmentProgramme', { name: '京沈对口合作干部交流', partnerPlace: '北京市' });
  batchId = (await w.call('saveSecondmentBatch', { programmeId: programme.id, seq: 4, startDate: '2023.03', plannedEndDate: '2024.03' })).id;
  rotationId = (await w.call('saveVillageRotation', { programme: '驻村工作', seq: 1, name: '第一轮', startDate: '2024.01', endDate: '2026.01' })).id;
  villageId = (await w.call('saveVillage', { name: '前进村', township: '城关镇', county: '滨江县', kind: '' })).id;
});
afterEach(() => w.close());

const batch = () => `batch:${batchId}`;
const post = async (id: number) => (await w.call('getCadre', { id })).post;

describe("a page's 撤销/重做 acts on its own steps", () => {
  it('roster, batch and villages each offer and step their own', async () => {
    await w.call('saveCadres', { updates: [{ id: cadres[0].id, values: { post: '科长' } }] });
    const added = await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[1].id] });
    expect(added.history.undo?.label).toMatch(/加入/);
    await w.call('saveVillageAssignments', { rotationId, creates: [{ values: { villageId, cadreId: cadres[2].id, role: '第一书记' } }] });
    await w.call('saveCadres', { updates: [{ id: cadres[3].id, values: { post: '副科长' } }] });

    expect((await w.call('getHistory', {})).undo?.label).toBe('修改 现任职务');
    expect((await w.call('getHistory', { scope: batch() })).undo?.label).toMatch(/「京沈对口合作干部交流 第四批」加入/);
    expect((await w.call('getHistory', { scope: 'villages' })).undo?.label).toMatch(/驻村/);
    // the batch list sees its batches' steps and its own (the batch made there)
    expect((await w.call('getHistory', { scope: 'secondment' })).undo?.label).toMatch(/加入/);

    // 撤销 on the batch page: the member goes, the later roster edit stays
    const stepped = await w.call('stepHistory', { direction: 'undo', scope: batch() });
    expect(stepped.label).toMatch(/加入/);
    expect(await w.call('listSecondmentMembers', { batchId })).toEqual([]);
    expect(await post(cadres[3].id)).toBe('副科长');
    expect(stepped.history).toMatchObject({ undo: null, redo: { label: stepped.label } });
    // the roster's stack is untouched: its 重做 offers nothing, its 撤销 its own latest
    expect(await w.call('getHistory', {})).toMatchObject({ undo: { label: '修改 现任职务' }, redo: null });
    // 撤销 on the villages page
    await w.call('stepHistory', { direction: 'undo', scope: 'villages' });
    expect(await w.call('listVillageAssignments', { rotationId })).toEqual([]);
    // 重做 on the batch page brings the member back
    await w.call('stepHistory', { direction: 'redo', scope: batch() });
    expect((await w.call('listSecondmentMembers', { batchId })).map(m => m.cadreId)).toEqual([cadres[1].id]);
    const nothing = await w.fails('stepHistory', { direction: 'redo', scope: batch() });
    expect(nothing).toMatchObject({ code: 'CONFLICT', message: '没有可以重做的操作' });
  });

  it("a batch page write that also changes the cadre (a new person, 简历 on return) is the batch page's step", async () => {
    const r = await w.call('addSecondmentNewPerson', { batchId, cadre: { name: '挂职新人', gender: '女', birth: '1990.05' } });
    expect(r.history.undo?.label).toMatch(/新增干部「挂职新人」/);
    expect((await w.call('getHistory', {})).undo).toBeNull();
    await w.call('saveSecondmentMembers', { updates: [{ id: r.member.id, values: { hostUnit: '北京市发改委', hostPost: '副主任' } }] });
    const done = await w.call('finishSecondmentMember', { id: r.member.id, returnDate: '2024.03', appendResume: true });
    expect(done.resumeAppended).toBe(true);
    expect((await w.call('getHistory', { scope: batch() })).undo?.label).toMatch(/返岗，简历追加挂职经历/);
    expect((await w.call('getHistory', {})).undo).toBeNull();
  });
});

describe('a step a later step depends on is refused, naming the later step', () => {
  it('the same cadre changed later on another page', async () => {
    const id = cadres[0].id;
    const remarks = (await w.call('getCadre', { id })).remarks;
    await w.call('saveCadres', { updates: [{ id, values: { remarks: '先改备注' } }], label: '修改 备注' });
    const m = await w.call('addSecondmentMembers', { batchId, cadreIds: [id] });
    await w.call('saveSecondmentMembers', { updates: [{ id: m.members[0].id, values: { hostUnit: '北京市发改委', hostPost: '副主任' } }] });
    await w.call('finishSecondmentMember', { id: m.members[0].id, returnDate: '2024.03', appendResume: true });

    const refused = await w.fails('stepHistory', { direction: 'undo' });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(
      /^无法撤销「修改 备注」：之后的「「.+」挂职返岗，简历追加挂职经历」（\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}，.+）改动了同样的记录/,
    );
    expect(refused.message).toContain('请先撤销「');
    expect((await w.call('getCadre', { id })).remarks).toBe('先改备注');

    // undone in order, it goes through
    await w.call('stepHistory', { direction: 'undo', scope: batch() });
    await w.call('stepHistory', { direction: 'undo' });
    expect((await w.call('getCadre', { id })).remarks).toBe(remarks);
  });

  it('a cadre a batch page created, placed in a village afterwards', async () => {
    const r = await w.call('addSecondmentNewPerson', { batchId, cadre: { name: '新来的人', gender: '男', birth: '1988.01' } });
    await w.call('saveVillageAssignments', { rotationId, creates: [{ values: { villageId, cadreId: r.cadreId, role: '队员', startDate: '2024.06' } }] });
    const refused = await w.fails('stepHistory', { direction: 'undo', scope: batch() });
    expect(refused.message).toMatch(/^无法撤销「新增干部「新来的人」并加入「第四批」」：之后的「.*驻村.*」.*用到了它新增的记录；请先撤销「/);
    expect((await w.call('getCadre', { id: r.cadreId })).name).toBe('新来的人');
  });

  it('redo of a step whose records a later step changed', async () => {
    const id = cadres[0].id;
    await w.call('saveCadres', { updates: [{ id, values: { remarks: '甲' } }], label: '备注 甲' });
    await w.call('stepHistory', { direction: 'undo' });
    const m = await w.call('addSecondmentMembers', { batchId, cadreIds: [id] });
    await w.call('saveSecondmentMembers', { updates: [{ id: m.members[0].id, values: { hostUnit: '北京', hostPost: '副主任' } }] });
    await w.call('finishSecondmentMember', { id: m.members[0].id, returnDate: '2024.03', appendResume: true });
    const refused = await w.fails('stepHistory', { direction: 'redo' });
    expect(refused.message).toMatch(/^无法重做「备注 甲」：之后的「.+」.*改动了同样的记录/);
  });
});

describe('操作历史', () => {
  it('lists every step newest first with who, when and where, and undoes back to a chosen step', async () => {
    await w.call('setOperator', { name: '王干事' });
    await w.call('saveCadres', { updates: [{ id: cadres[0].id, values: { post: '一' } }], label: '第一步' });
    await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[1].id] });
    await w.call('saveCadres', { updates: [{ id: cadres[2].id, values: { post: '三' } }], label: '第三步' });
    await w.call('saveVillageAssignments', { rotationId, creates: [{ values: { villageId, cadreId: cadres[3].id, role: '队员' } }] });

    const { rows, total } = await w.call('listOperationHistory', { offset: 0, limit: 50 });
    expect(total).toBe(rows.length);
    expect(rows.slice(0, 4).map(r => [r.page, r.operator, r.undone])).toEqual([
      ['驻村干部', '王干事', false],
      ['干部名册', '王干事', false],
      ['挂职批次「京沈对口合作干部交流 第四批」', '王干事', false],
      ['干部名册', '王干事', false],
    ]);
    expect(rows[3].label).toBe('第一步');
    expect(rows.map(r => r.id)).toEqual([...rows.map(r => r.id)].sort((a, b) => b - a));

    const second = rows[2];
    const r = await w.call('undoOperationsTo', { id: second.id });
    expect(r.count).toBe(3);
    expect(r.labels[1]).toBe('第三步');
    expect(await post(cadres[2].id)).toBe(cadres[2].post);
    expect(await w.call('listSecondmentMembers', { batchId })).toEqual([]);
    expect(await w.call('listVillageAssignments', { rotationId })).toEqual([]);
    expect(await post(cadres[0].id)).toBe('一');
    const after = (await w.call('listOperationHistory', { offset: 0, limit: 4 })).rows;
    expect(after.map(x => x.undone)).toEqual([true, true, true, false]);
    // each page can redo its own again
    expect((await w.call('getHistory', { scope: 'villages' })).redo).not.toBeNull();
    expect((await w.call('getHistory', {})).redo?.label).toBe('第三步');
  });

  it('is all or nothing: one refused step leaves every step as it was', async () => {
    defineScopeGuard(/^locked:\d+$/, () => {
      throw new AppError('CONFLICT', '这一页已锁定');
    });
    const id = cadres[0].id;
    withOperation(w.core.db, { kind: 'edit', label: '锁定页上的修改', scope: 'locked:1' }, op => {
      op.touch(id);
      w.core.db.prepare("UPDATE cadres SET remarks = '锁定' WHERE id = ?").run(id);
    });
    const first = (await w.call('listOperationHistory', { offset: 0, limit: 1 })).rows[0];
    await w.call('saveCadres', { updates: [{ id: cadres[1].id, values: { post: '之后' } }], label: '之后的修改' });
    const refused = await w.fails('undoOperationsTo', { id: first.id });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '这一页已锁定' });
    expect(await post(cadres[1].id)).toBe('之后');
    expect((await w.call('listOperationHistory', { offset: 0, limit: 2 })).rows.map(r => r.undone)).toEqual([false, false]);
    const gone = await w.fails('undoOperationsTo', { id: 987654 });
    expect(gone.code).toBe('NOT_FOUND');
  });
});
