import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorld, type World } from './support';

let w: World;
let programmeId: number;
let batchId: number;
/** Cadre ids of the demo roster (60 people). */
let cadres: number[];

beforeEach(async () => {
  w = openWorld(60);
  w.load();
  cadres = (await w.call('listCadres', {})).map(c => c.id);
  programmeId = (await w.call('saveSecondmentProgramme', { name: '京沈对口合作干部交流', partnerPlace: '北京市' })).id;
  batchId = (
    await w.call('saveSecondmentBatch', {
      programmeId,
      seq: 3,
      sendingPlace: '沈阳市',
      receivingPlace: '北京市',
      startDate: '2021.3',
      plannedEndDate: '2022年3月',
      status: '在岗',
    })
  ).id;
});
afterEach(() => w.close());

const newBatch = async (seq: number, start: string, end: string) =>
  (await w.call('saveSecondmentBatch', { programmeId, seq, startDate: start, plannedEndDate: end })).id;

describe('batches', () => {
  it('stores dates canonically, names the batch 第N批 and counts members', async () => {
    const [b] = await w.call('listSecondmentBatches', { programmeId });
    expect(b).toMatchObject({ name: '第三批', startDate: '2021-03', plannedEndDate: '2022-03', headcount: 0, programme: '京沈对口合作干部交流' });
    await w.call('addSecondmentMembers', { batchId, cadreIds: cadres.slice(0, 3) });
    expect((await w.call('listSecondmentBatches', {}))[0].headcount).toBe(3);
    const refused = await w.fails('deleteSecondmentBatch', { id: batchId });
    expect(refused.code).toBe('CONFLICT');
    expect((await w.fails('saveSecondmentBatch', { programmeId, seq: 3 })).message).toContain('已有第三批');
    expect((await w.fails('saveSecondmentBatch', { programmeId, seq: 5, startDate: '2021.13' })).message).toMatch(/开始时间/);
    expect((await w.fails('deleteSecondmentProgramme', { id: programmeId })).code).toBe('CONFLICT');
  });
});

describe('members', () => {
  it('adds roster cadres with the batch dates and their unit and post, joined with the roster fields', async () => {
    const r = await w.call('addSecondmentMembers', { batchId, cadreIds: cadres.slice(0, 3) });
    expect(r.members).toHaveLength(3);
    const cadre = await w.call('getCadre', { id: cadres[0] });
    expect(r.members[0]).toMatchObject({
      cadreId: cadres[0],
      name: cadre.name,
      birth: cadre.birth,
      rank: cadre.rank,
      homePost: cadre.post,
      homeUnit: cadre.unit,
      startDate: '2021-03',
      endDate: '2022-03',
      status: '在岗',
    });
    expect(r.history.undo?.label).toContain('加入 3 名干部');
    // One undo removes all three.
    await w.call('stepHistory', { direction: 'undo', scope: `batch:${batchId}` });
    expect(await w.call('listSecondmentMembers', { batchId })).toHaveLength(0);
    await w.call('stepHistory', { direction: 'redo', scope: `batch:${batchId}` });
    expect(await w.call('listSecondmentMembers', { batchId })).toHaveLength(3);
  });

  it('adds a new person to the roster and the batch in one undoable step', async () => {
    const before = (await w.call('listCadres', {})).length;
    const r = await w.call('addSecondmentNewPerson', { batchId, cadre: { name: '林晓', gender: '女', birth: '1988.06' }, values: { hostPost: '副局长' } });
    expect(r.member).toMatchObject({ name: '林晓', gender: '女', birth: '1988-06', hostPost: '副局长' });
    expect((await w.call('listCadres', {})).length).toBe(before + 1);
    const bad = await w.fails('addSecondmentNewPerson', { batchId, cadre: { name: '王五', birth: '1988.13' } });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toContain('出生年月');
    await w.call('stepHistory', { direction: 'undo', scope: `batch:${batchId}` });
    expect((await w.call('listCadres', {})).length).toBe(before);
    expect(await w.call('listSecondmentMembers', { batchId })).toHaveLength(0);
  });

  it('saves grid edits all-or-nothing, naming the row and field', async () => {
    const { members } = await w.call('addSecondmentMembers', { batchId, cadreIds: cadres.slice(0, 3) });
    const dump = JSON.stringify(await w.call('listSecondmentMembers', { batchId }));
    const err = await w.fails('saveSecondmentMembers', {
      updates: [
        { id: members[0].id, values: { hostUnit: '北京市朝阳区商务局', hostPost: '副局长' } },
        { id: members[1].id, values: { branchRole: '组长' } },
        { id: members[2].id, values: { startDate: '2021.02.30' } },
      ],
    });
    expect(err.code).toBe('VALIDATION');
    const problems = (err.details as { problems: { row: number; field: string }[] }).problems;
    expect(problems.map(p => [p.row, p.field])).toEqual([
      [1, 'branchRole'],
      [2, 'startDate'],
    ]);
    expect(err.message).toContain('第 2 行「临时党支部职务」');
    expect(JSON.stringify(await w.call('listSecondmentMembers', { batchId }))).toBe(dump);
    const ok = await w.call('saveSecondmentMembers', {
      updates: [
        { id: members[0].id, values: { hostUnit: '北京市朝阳区商务局', hostPost: '副局长' } },
        { id: members[1].id, values: { branchRole: '书记', startDate: 202104 } },
      ],
    });
    expect(ok.members.map(m => [m.hostUnit, m.branchRole, m.startDate])).toEqual([
      ['北京市朝阳区商务局', '', '2021-03'],
      ['', '书记', '2021-04'],
    ]);
  });

  it('keeps pairs symmetric, moving a member from an old partner to a new one', async () => {
    const { members } = await w.call('addSecondmentMembers', { batchId, cadreIds: cadres.slice(0, 3) });
    const [a, b, c] = members.map(m => m.id);
    await w.call('pairSecondmentMembers', { memberId: a, partnerId: b });
    let rows = await w.call('listSecondmentMembers', { batchId });
    expect(rows.map(m => m.pairMemberId)).toEqual([b, a, null]);
    await w.call('pairSecondmentMembers', { memberId: c, partnerId: a });
    rows = await w.call('listSecondmentMembers', { batchId });
    expect(rows.map(m => m.pairMemberId)).toEqual([c, null, a]);
    expect(rows[0].pairName).toBe(rows[2].name);
    const detail = await w.call('getSecondmentBatch', { id: batchId });
    expect(detail.pairs).toEqual([{ a: { memberId: a, name: rows[0].name }, b: { memberId: c, name: rows[2].name } }]);
    await w.call('pairSecondmentMembers', { memberId: a, partnerId: null });
    rows = await w.call('listSecondmentMembers', { batchId });
    expect(rows.map(m => m.pairMemberId)).toEqual([null, null, null]);
    expect((await w.fails('pairSecondmentMembers', { memberId: a, partnerId: a })).message).toContain('自己');
    const other = await newBatch(4, '2023.03', '2024.03');
    const {
      members: [d],
    } = await w.call('addSecondmentMembers', { batchId: other, cadreIds: [cadres[5]] });
    expect((await w.fails('pairSecondmentMembers', { memberId: a, partnerId: d.id })).message).toContain('不在同一批次');
  });
});

describe('the overlap rule', () => {
  it('refuses a cadre in two overlapping secondments, naming the other batch', async () => {
    await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[0]] });
    const b4 = await newBatch(4, '2022.01', '2023.01');
    const err = await w.fails('addSecondmentMembers', { batchId: b4, cadreIds: [cadres[0]] });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('已在「京沈对口合作干部交流 第三批」挂职（2021.03—2022.03），时间重叠');
    expect(await w.call('listSecondmentMembers', { batchId: b4 })).toHaveLength(0);
    // Adjacent: starting in the month the other ends is allowed.
    const b5 = await newBatch(5, '2022.03', '2023.03');
    expect((await w.call('addSecondmentMembers', { batchId: b5, cadreIds: [cadres[0]] })).members).toHaveLength(1);
  });

  it('counts an open end as to date, and a recalled member only up to the recall', async () => {
    const open = await newBatch(6, '2024.01', '');
    await w.call('addSecondmentMembers', { batchId: open, cadreIds: [cadres[1]] });
    const later = await newBatch(7, '2030.01', '2031.01');
    expect((await w.fails('addSecondmentMembers', { batchId: later, cadreIds: [cadres[1]] })).message).toContain('2024.01—至今');
    const {
      members: [m],
    } = await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[2]] });
    const mid = await newBatch(8, '2021.09', '2022.09');
    expect((await w.fails('addSecondmentMembers', { batchId: mid, cadreIds: [cadres[2]] })).code).toBe('VALIDATION');
    await w.call('recallSecondmentMember', { id: m.id, date: '2021.06', reason: '身体原因' });
    expect((await w.call('addSecondmentMembers', { batchId: mid, cadreIds: [cadres[2]] })).members).toHaveLength(1);
  });

  it('compares secondments with village assignments both ways', async () => {
    await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[0]] });
    const village = await w.call('saveVillage', { name: '三合村', township: '榆树镇', county: '柳川县', kind: '脱贫村' });
    const rotation = await w.call('saveVillageRotation', { programme: '驻村工作队', seq: 1, name: '第一轮驻村', startDate: '2021.06', endDate: '2023.06' });
    const err = await w.fails('saveVillageAssignments', {
      rotationId: rotation.id,
      creates: [{ values: { villageId: village.id, cadreId: cadres[0], role: '第一书记' } }],
    });
    expect(err.message).toContain('已在「京沈对口合作干部交流 第三批」挂职');
    const ok = await w.call('saveVillageAssignments', {
      rotationId: rotation.id,
      creates: [{ values: { villageId: village.id, cadreId: cadres[1], role: '第一书记' } }],
    });
    expect(ok.assignments[0]).toMatchObject({ startDate: '2021-06', endDate: '2023-06', kind: '新选派', village: '三合村' });
    const other = await w.fails('addSecondmentMembers', { batchId, cadreIds: [cadres[1]] });
    expect(other.message).toContain('已在「驻村工作队 第一轮驻村 柳川县榆树镇三合村」驻村（2021.06—2023.06），时间重叠');
  });
});

describe('replacement (调换)', () => {
  it('keeps the old row as 已调换 and the chain with reasons, counted once', async () => {
    const {
      members: [first],
    } = await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[0]], values: { hostUnit: '北京市海淀区商务局', hostPost: '副局长' } });
    const r1 = await w.call('replaceSecondmentMember', { id: first.id, cadreId: cadres[1], date: '2021.09', reason: '工作需要调回' });
    expect(r1.old).toMatchObject({ status: '已调换', endDate: '2021-09', replacedByMemberId: r1.replacement.id });
    expect(r1.replacement).toMatchObject({
      replacesMemberId: first.id,
      replacementReason: '工作需要调回',
      hostPost: '副局长',
      startDate: '2021-09',
      endDate: '2022-03',
    });
    const r2 = await w.call('replaceSecondmentMember', { id: r1.replacement.id, cadreId: cadres[2], date: '2021.12', reason: '身体原因' });
    const chain = await w.call('secondmentReplacementHistory', { id: r1.replacement.id });
    expect(chain.map(c => [c.memberId, c.status, c.reason])).toEqual([
      [first.id, '已调换', ''],
      [r1.replacement.id, '已调换', '工作需要调回'],
      [r2.replacement.id, '在岗', '身体原因'],
    ]);
    expect((await w.call('secondmentBatchStats', { id: batchId })).headcount).toBe(1);
    // The replaced cadre is free again from the replacement month.
    const b4 = await newBatch(4, '2021.09', '2022.09');
    expect((await w.call('addSecondmentMembers', { batchId: b4, cadreIds: [cadres[0]] })).members).toHaveLength(1);
    expect((await w.fails('removeSecondmentMembers', { ids: [first.id] })).code).toBe('CONFLICT');
  });
});

describe('finishing and the 简历 line', () => {
  it('appends the line once through the roster path, records the exchange, and undoes as one step', async () => {
    const {
      members: [m],
    } = await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[0]], values: { hostUnit: '北京市朝阳区商务局', hostPost: '副局长' } });
    const before = (await w.call('getCadre', { id: cadres[0] })).resume;
    const preview = await w.call('previewSecondmentResumeLine', { id: m.id, returnDate: '2022.03' });
    expect(preview).toEqual({ line: '2021.03--2022.03  挂任北京市朝阳区商务局副局长', alreadyPresent: false });
    const r = await w.call('finishSecondmentMember', { id: m.id, returnDate: '2022.03', appendResume: true });
    expect(r).toMatchObject({ resumeAppended: true, resumeLine: preview.line });
    expect(r.member).toMatchObject({ status: '已返岗', returnDate: '2022-03', resumeLine: preview.line });
    const after = (await w.call('getCadre', { id: cadres[0] })).resume;
    expect(after.split('\n').filter(l => l === preview.line)).toHaveLength(1);
    expect(after.split('\n').length).toBe(before.split('\n').filter(Boolean).length + 1);
    const log = await w.call('cadreAuditLog', { id: cadres[0] });
    const exchange = log.find(e => e.action === 'exchange' && e.changes.some(c => c.field === '交流类别'));
    expect(exchange?.changes.find(c => c.field === '交流类别')?.after).toBe('挂职锻炼');
    expect(log.some(e => e.changes.some(c => c.field === 'resume'))).toBe(true);
    expect((await w.call('previewSecondmentResumeLine', { id: m.id, returnDate: '2022.03' })).alreadyPresent).toBe(true);

    // One undo restores both the 简历 and the member.
    await w.call('stepHistory', { direction: 'undo', scope: `batch:${batchId}` });
    expect((await w.call('getCadre', { id: cadres[0] })).resume).toBe(before);
    expect((await w.call('listSecondmentMembers', { batchId }))[0]).toMatchObject({ status: '在岗', returnDate: '', resumeLine: '' });
    await w.call('stepHistory', { direction: 'redo', scope: `batch:${batchId}` });
    expect((await w.call('getCadre', { id: cadres[0] })).resume).toBe(after);
  });

  it('does not append a line the 简历 already has', async () => {
    const {
      members: [m],
    } = await w.call('addSecondmentMembers', { batchId, cadreIds: [cadres[0]], values: { hostUnit: '北京市朝阳区商务局', hostPost: '副局长' } });
    const resume = (await w.call('getCadre', { id: cadres[0] })).resume;
    await w.call('saveCadres', { updates: [{ id: cadres[0], values: { resume: `${resume}\n2021.03--2022.03  挂任北京市朝阳区商务局副局长` } }] });
    const withLine = (await w.call('getCadre', { id: cadres[0] })).resume;
    const r = await w.call('finishSecondmentMember', { id: m.id, returnDate: '2022.03', appendResume: true });
    expect(r.resumeAppended).toBe(false);
    expect((await w.call('getCadre', { id: cadres[0] })).resume).toBe(withLine);
  });

  it('records the outcome after return and counts 提拔/重用 as promoted', async () => {
    const { members } = await w.call('addSecondmentMembers', { batchId, cadreIds: cadres.slice(0, 3) });
    expect((await w.fails('setSecondmentOutcome', { id: members[0].id, outcome: '提拔' })).code).toBe('CONFLICT');
    for (const m of members) await w.call('finishSecondmentMember', { id: m.id, returnDate: '2022.03' });
    await w.call('setSecondmentOutcome', { id: members[0].id, outcome: '提拔', date: '2022.08', post: '区商务局局长' });
    await w.call('setSecondmentOutcome', { id: members[1].id, outcome: '重用', date: '2022.09' });
    await w.call('setSecondmentOutcome', { id: members[2].id, outcome: '平职交流' });
    const s = await w.call('secondmentBatchStats', { id: batchId });
    expect([s.returned, s.promoted, s.promotedPct]).toEqual([3, 2, 66.7]);
  });
});
