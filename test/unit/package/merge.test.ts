/**
 * Repeat packages (updated, removed, moved), the transfer between two senders, the same person
 * from two senders in one merge, a cadre changed here since the last package (per-field choice),
 * and 撤销 of a merge as one step.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { routeCalls } from '../../support/dispatch';
import { tempDir } from '../../support/temp';
import { cadreByName, idOf, office, receive, type Office } from './offices';

let tmp: ReturnType<typeof tempDir>;
let city: Core;
let a: Office;
let b: Office;
beforeEach(() => {
  tmp = tempDir();
  city = openCore({ dataDir: path.join(tmp.dir, 'city'), appVersion: 'test', checkOutput: true });
  a = office(tmp.dir, '望江区');
  b = office(tmp.dir, '临江区');
});
afterEach(() => {
  for (const c of [city, a.core, b.core]) c.close();
  tmp.cleanup();
});

describe('merging packages', () => {
  it('a unit of the same name already where the package goes is that unit, not a twin beside it', async () => {
    a.add('张三', 1);
    const ours = Number(city.db.prepare("INSERT INTO units(name) VALUES ('望江区')").run().lastInsertRowid);
    const r = await receive(city, [await a.send('a1.cadrepkg')]);
    expect(r.merged.unitsNew).toBe(0);
    expect(city.db.prepare("SELECT count(*) FROM units WHERE name = '望江区'").pluck().get()).toBe(1);
    expect(cadreByName(city, '张三')[0].unit_id).toBe(ours);
  });

  it('a repeat package updates what changed and names who it no longer contains, deleting no one', async () => {
    const zhang = a.add('张三', 1);
    const li = a.add('李四', 2);
    a.add('王五', 3);
    const first = await receive(city, [await a.send('a1.cadrepkg')]);
    expect(first.merged).toMatchObject({ new: 3, unitsNew: 1 });
    expect(cadreByName(city, '张三')[0].unit).toBe('望江区');

    a.core.db.prepare("UPDATE cadres SET post = '望江区副区长' WHERE id = ?").run(zhang);
    a.core.db.prepare("UPDATE cadres SET deleted_at = '2026-12-01' WHERE id = ?").run(li);
    // the district renames its unit: the unit the first package created follows, keeping the old name
    a.core.db.prepare("UPDATE units SET name = '望江区委', kind = '党委' WHERE id = ?").run(a.unit);
    const again = await receive(city, [await a.send('a2.cadrepkg')]);
    expect(again.preview.units).toEqual([expect.objectContaining({ unit: '望江区（更名为「望江区委」）', isNew: false, changed: 1, unchanged: 1 })]);
    expect(cadreByName(city, '张三')[0].unit).toBe('望江区委');
    expect(city.db.prepare('SELECT n.name, n.until, u.kind FROM unit_names n JOIN units u ON u.id = n.unit_id').all()).toEqual([
      { name: '望江区', until: '2026-12-06', kind: '党委' },
    ]);
    expect(again.preview.counts).toMatchObject({ new: 0, changed: 1, unchanged: 1, conflicts: 0, unitsNew: 0 });
    const row = again.preview.rows.find(r => r.name === '张三')!;
    expect(row.fields).toEqual([{ field: 'post', label: expect.any(String), ours: '望江区科员', theirs: '望江区副区长' }]);
    expect(again.preview.removedFromSender).toEqual([{ name: '李四', idNumber: idOf(2), sender: '望江区', to: '' }]);
    expect(again.merged).toMatchObject({ changed: 1, removedFromSender: 1 });
    expect(cadreByName(city, '张三')[0].post).toBe('望江区副区长');
    expect(cadreByName(city, '李四')).toHaveLength(1);
    // one 撤销 step takes the whole second merge back
    await routeCalls(city).call('stepHistory', { direction: 'undo' });
    expect(cadreByName(city, '张三')[0].post).toBe('望江区科员');
  });

  it('a person already sent by another office is a transfer: moved when taken, never duplicated', async () => {
    a.add('李四', 2);
    await receive(city, [await a.send('a1.cadrepkg')]);
    // 李四 moves to 临江区: 望江区 no longer lists them, 临江区 does
    a.core.db.prepare("UPDATE cadres SET deleted_at = '2026-12-01' WHERE name = '李四'").run();
    b.add('李四', 2, { post: '临江区副区长' });
    const keep = await routeCalls(city).call('previewPackages', { files: [{ path: await b.send('b1.cadrepkg') }] });
    expect(keep.conflicts).toEqual([
      expect.objectContaining({ kind: 'transfer', name: '李四', idNumber: idOf(2), sender: '临江区', message: expect.stringContaining('望江区') }),
    ]);
    expect(keep.counts.new).toBe(0);
    const both = await receive(city, [await a.send('a2.cadrepkg'), await b.send('b1.cadrepkg')], { onConflict: 'theirs' });
    expect(both.preview.moved).toEqual([{ name: '李四', idNumber: idOf(2), sender: '望江区', to: '临江区' }]);
    expect(both.preview.removedFromSender).toEqual([]);
    expect(both.merged.moved).toBe(1);
    const li = cadreByName(city, '李四');
    expect(li).toHaveLength(1);
    expect(li[0]).toMatchObject({ unit: '临江区', post: '临江区副区长' });
    // now on 临江区's list only: a further 临江区 package is no conflict
    const later = await routeCalls(city).call('previewPackages', { files: [{ path: await b.send('b2.cadrepkg') }] });
    expect(later.counts).toMatchObject({ conflicts: 0, unchanged: 1 });
  });

  it('the same new person from two offices in one merge is added once', async () => {
    a.add('赵六', 6, { post: '望江区科员' });
    b.add('赵六', 6, { post: '临江区科员' });
    const r = await receive(city, [await a.send('a.cadrepkg'), await b.send('b.cadrepkg')]);
    expect(r.preview.counts).toMatchObject({ new: 1, conflicts: 1 });
    expect(r.preview.conflicts[0]).toMatchObject({ kind: 'twoSenders', name: '赵六' });
    expect(r.preview.conflicts[0].fields).toContainEqual(expect.objectContaining({ field: 'post', ours: '望江区科员', theirs: '临江区科员' }));
    expect(cadreByName(city, '赵六')).toEqual([expect.objectContaining({ post: '望江区科员', unit: '望江区' })]);
  });

  it('a cadre changed here since the last package is a conflict; a per-field choice takes only those fields', async () => {
    const zhang = a.add('张三', 1, { post: '望江区科员', remarks: '' });
    await receive(city, [await a.send('a1.cadrepkg')]);
    const ours = cadreByName(city, '张三')[0].id as number;
    await routeCalls(city).call('saveCadres', { updates: [{ id: ours, values: { remarks: '市里补充的备注' } }] });
    a.core.db.prepare("UPDATE cadres SET post = '望江区副区长', remarks = '区里的备注' WHERE id = ?").run(zhang);
    const file = await a.send('a2.cadrepkg');
    const preview = await routeCalls(city).call('previewPackages', { files: [{ path: file }] });
    expect(preview.conflicts).toHaveLength(1);
    const c = preview.conflicts[0];
    expect(c).toMatchObject({ kind: 'changedHere', kindLabel: '本地已修改', name: '张三' });
    expect(c.fields.map(f => f.field).sort()).toEqual(['post', 'remarks']);
    const merged = await routeCalls(city).call('mergePackages', { planId: preview.planId, choices: [{ key: c.key, take: 'fields', fields: ['post'] }] });
    expect(merged.conflicts).toBe(1);
    expect(cadreByName(city, '张三')[0]).toMatchObject({ post: '望江区副区长', remarks: '市里补充的备注' });
    // the kept remark is asked about again by the next package, never silently overwritten; unanswered, ours stays
    const again = await receive(city, [file]);
    expect(again.preview.conflicts).toEqual([
      expect.objectContaining({ kind: 'changedHere', fields: [expect.objectContaining({ field: 'remarks', ours: '市里补充的备注', theirs: '区里的备注' })] }),
    ]);
    expect(cadreByName(city, '张三')[0]).toMatchObject({ post: '望江区副区长', remarks: '市里补充的备注' });
    // and once the city takes it, the sender's next package is no conflict
    await receive(city, [file], { onConflict: 'theirs' });
    expect((await routeCalls(city).call('previewPackages', { files: [{ path: file }] })).counts).toMatchObject({ conflicts: 0, unchanged: 1 });
  });

  it('the merge is audited with the package hash and sender, and the sender node is remembered', async () => {
    a.add('张三', 1);
    const parent = Number(city.db.prepare("INSERT INTO units(name) VALUES ('滨江市')").run().lastInsertRowid);
    const file = await a.send('a1.cadrepkg');
    const r = routeCalls(city);
    const preview = await r.call('previewPackages', { files: [{ path: file }], placeUnder: [{ senderId: '', unitId: null }] });
    const senderId = preview.packages[0].sender.id;
    const placed = await r.call('previewPackages', { files: [{ path: file }], placeUnder: [{ senderId, unitId: parent }] });
    expect(placed.packages[0].placeUnder).toEqual({ unitId: parent, name: '滨江市' });
    await r.call('mergePackages', { planId: placed.planId });
    expect(city.db.prepare("SELECT parent_id FROM units WHERE name = '望江区'").pluck().get()).toBe(parent);
    const entry = city.db.prepare("SELECT * FROM audit_log WHERE entity = 'package'").get() as { action: string; after: string };
    expect(entry.action).toBe('import.package');
    expect(JSON.parse(entry.after)).toMatchObject({ sender: '望江区', sha256: placed.packages[0].sha256, file: 'a1.cadrepkg' });
    const next = await r.call('previewPackages', { files: [{ path: await a.send('a2.cadrepkg') }] });
    expect(next.packages[0]).toMatchObject({ placeRemembered: true, placeUnder: { unitId: parent, name: '滨江市' }, lastReferenceDate: '2026-12-06' });
  });
});
