/**
 * The 审计日志 reads like a record, for every table the undo log writes: real
 * writes through the dispatcher on a real SQLite file, then the entries as the
 * page, the export and the CLI show them: Chinese labels from the one map
 * (shared/domain/audit/fields.ts), no bookkeeping columns, references by what
 * they name, 新增 / 删除 for records made and taken away, times 2026.12.06 08:30.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_TABLES } from '../../../shared/domain/audit/fields';
import type { AuditRow } from '../../../shared/contract/api';
import { UNDOABLE_TABLES } from '../../../electron/services/common/row-image';
import { openWorld, type World } from '../secondment/support';

let w: World;
beforeEach(() => {
  w = openWorld(30);
  w.load();
});
afterEach(() => w.close());

async function newest(n: number): Promise<AuditRow[]> {
  return (await w.call('queryAuditLog', { offset: 0, limit: n })).rows;
}

/** Nothing a database keeps for itself: column names, ids, ISO times. */
function readsLikeARecord(text: string): void {
  expect(text).not.toMatch(/[a-z]+_[a-z]+|\bid\b|sort_order|created_at|updated_at/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  expect(text).not.toMatch(/：（空）→|\{|\}/);
}

describe('every column the undo log records has a label or is bookkeeping', () => {
  const BOOKKEEPING = new Set(['id', 'sort_order', 'created_at', 'updated_at', 'name_keys']);
  const tables: [string, string][] = [
    ['cadres', 'cadre'],
    ['units', 'units'],
    ...UNDOABLE_TABLES.map(t => [t, t] as [string, string]),
    // schema v9 (migration 009_lifecycle.ts)
    ['unit_names', 'unit_names'],
    ['unit_quotas', 'unit_quotas'],
    ['cadre_events', 'cadre_events'],
  ];
  it.each(tables)('%s', (table, entity) => {
    const columns = (w.core.db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map(c => c.name);
    expect(columns.length).toBeGreaterThan(2);
    const unlabelled = columns.filter(c => !BOOKKEEPING.has(c) && !(c in AUDIT_TABLES[entity].fields));
    expect(unlabelled).toEqual([]);
  });
});

describe('entries in words', () => {
  it('a batch and its members: 新增 with the batch by name, 批次名称 not 姓名, edits by label, removal as 删除', async () => {
    const programme = await w.call('saveSecondmentProgramme', { name: '京沈对口合作干部交流', partnerPlace: '北京市' });
    const batch = await w.call('saveSecondmentBatch', { programmeId: programme.id, seq: 4, startDate: '2023.03', plannedEndDate: '2024.03' });
    let [entry] = await newest(1);
    expect(entry).toMatchObject({ kindText: '新增', target: '挂职批次「第四批」' });
    expect(entry.summary).toContain('挂职项目 京沈对口合作干部交流');
    expect(entry.summary).toContain('批次名称 第四批');
    expect(entry.summary).toContain('开始时间 2023.03');
    expect(entry.summary).not.toContain('姓名');
    readsLikeARecord(entry.summary);

    const cadre = (await w.call('listCadres', {}))[0];
    const added = await w.call('addSecondmentMembers', { batchId: batch.id, cadreIds: [cadre.id] });
    [entry] = await newest(1);
    expect(entry).toMatchObject({ kindText: '新增', target: `挂职成员「${cadre.name}」` });
    expect(entry.summary).toMatch(new RegExp(`^新增记录：干部 ${cadre.name}，批次 第四批，`));
    expect(entry.summary).toContain('挂职开始时间 2023.03');
    readsLikeARecord(entry.summary);

    await w.call('saveSecondmentMembers', { updates: [{ id: added.members[0].id, values: { hostUnit: '北京市朝阳区发改委', hostPost: '副主任' } }] });
    [entry] = await newest(1);
    expect(entry).toMatchObject({ kindText: '修改', target: `挂职成员「${cadre.name}」` });
    expect(entry.summary.split('；').sort()).toEqual(['挂任职务：（空） → 副主任', '挂职单位：（空） → 北京市朝阳区发改委'].sort());

    await w.call('removeSecondmentMembers', { ids: [added.members[0].id] });
    [entry] = await newest(1);
    expect(entry).toMatchObject({ kindText: '删除', target: `挂职成员「${cadre.name}」` });
    expect(entry.summary).toMatch(new RegExp(`^删除记录：干部 ${cadre.name}，批次 第四批，.*挂职单位 北京市朝阳区发改委`));

    // undone: the member is back, and the step says so in the same words
    await w.call('stepHistory', { direction: 'undo', scope: `batch:${batch.id}` });
    [entry] = await newest(1);
    expect(entry).toMatchObject({ kindText: '撤销', target: `挂职成员「${cadre.name}」` });
    expect(entry.summary).toMatch(/^新增记录：干部 /);
  });

  it('a new person added to a batch, a village assignment and a pasted cadre: no ids, no foreign keys, no raw times', async () => {
    const programme = await w.call('saveSecondmentProgramme', { name: '对口支援', partnerPlace: '' });
    const batch = await w.call('saveSecondmentBatch', { programmeId: programme.id, seq: 1, startDate: '2024.01' });
    await w.call('addSecondmentNewPerson', { batchId: batch.id, cadre: { name: '挂职新人', gender: '女', birth: '1990.05' }, values: {} });
    const village = await w.call('saveVillage', { name: '前进村', township: '城关镇', county: '滨江县', kind: '' });
    const rotation = await w.call('saveVillageRotation', {
      programme: '驻村工作',
      seq: 1,
      name: '第一轮',
      startDate: '2024.01',
      endDate: '2026.01',
      notes: '',
    });
    const cadre = (await w.call('listCadres', {}))[1];
    await w.call('saveVillageAssignments', {
      rotationId: rotation.id,
      creates: [{ values: { villageId: village.id, cadreId: cadre.id, role: '第一书记', sendingUnit: '市委组织部', startDate: '2024.01' } }],
    });
    await w.call('saveCadres', { creates: [{ values: { name: '粘贴新人', birth: '1988.07' } }], kind: 'paste', label: '粘贴 1 行' });
    const rows = await newest(30);
    for (const r of rows) {
      readsLikeARecord(r.summary);
      readsLikeARecord(r.target);
      expect(r.at).toMatch(/Z$/);
    }
    const assignment = rows.find(r => r.entity === 'village_assignments')!;
    expect(assignment).toMatchObject({ kindText: '新增', target: `驻村干部「${cadre.name}」` });
    expect(assignment.summary).toMatch(new RegExp(`^新增记录：干部 ${cadre.name}，轮次 第一轮，驻村 前进村，驻村职务 第一书记`));
    const pasted = rows.find(r => r.entity === 'cadre' && r.target === '粘贴新人')!;
    expect(pasted).toMatchObject({ kindText: '新增（粘贴）' });
    expect(pasted.summary).toBe('新增记录：姓名 粘贴新人，出生年月 1988.07，状态 在职');
    const person = rows.find(r => r.entity === 'cadre' && r.target === '挂职新人')!;
    expect(person.kindText).toBe('新增');
    const member = rows.find(r => r.entity === 'secondment_members')!;
    expect(member.summary).toMatch(/^新增记录：干部 挂职新人，批次 第一批/);
  });

  it('the export and the CLI say the same words, with times as 2026.12.06 08:30', async () => {
    await w.call('setOperator', { name: '张科员' });
    const programme = await w.call('saveSecondmentProgramme', { name: '京沈', partnerPlace: '' });
    await w.call('saveSecondmentBatch', { programmeId: programme.id, seq: 2 });
    const shown = (await w.call('queryAuditLog', { offset: 0, limit: 10, order: 'asc', operator: '张科员' })).rows;
    const file = await w.call('exportAuditLog', { operator: '张科员', order: 'asc' });
    const XLSX = await import('xlsx');
    const sheet = XLSX.read(Buffer.from(file.base64, 'base64')).Sheets['审计日志'];
    const lines = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, range: 3 });
    expect(lines.map(l => [l[2], l[3], l[5]])).toEqual(shown.map(r => [r.kindText, r.target, r.summary]));
    for (const l of lines) expect(l[0]).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
    expect(lines.map(l => l[3])).toContain('挂职批次「第二批」');
  });
});

describe('本单位名称', () => {
  it('is kept trimmed, refused with control characters or over 60 characters, logged as a setting, and is the form’s 呈报单位 until that is set', async () => {
    expect(await w.call('getUnitName', {})).toEqual({ name: '' });
    for (const bad of ['市委\u0007组织部', '长'.repeat(61)]) {
      const r = await w.fails('setUnitName', { name: bad });
      expect(r).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^本单位名称/) });
    }
    expect(await w.call('setUnitName', { name: '  中共滨江市委  组织部 ' })).toEqual({ name: '中共滨江市委 组织部' });
    expect((await w.call('getFormSettings', {})).reportingUnit).toBe('中共滨江市委 组织部');
    await w.call('setUnitName', { name: '' });
    const [cleared, set] = (await w.call('queryAuditLog', { offset: 0, limit: 2, kind: 'settings' })).rows;
    expect(set).toMatchObject({ target: '设置', summary: '本单位名称：（空） → 中共滨江市委 组织部' });
    expect(cleared.summary).toBe('本单位名称：中共滨江市委 组织部 → （空）');
  });
});
