/**
 * 挂职批次 and 驻村 in data packages, and the per-part choice: a round trip into an empty database,
 * a repeat package (a member's status, one more assignment, nothing doubled), a district's members
 * of a city-wide batch that exists here, a package that leaves parts out (ours untouched), a
 * version-1 package, and one 撤销 of everything a merge wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UNDOABLE_TABLES } from '../../../electron/services/common/row-image';
import { buildZip, readZipDirectory, zipEntryBytes } from '../../../electron/services/common/zip';
import { openCore, type Core } from '../../../electron/services/core/core';
import { sha256 } from '../../../electron/services/package/records';
import { routeCalls, routeError } from '../../support/dispatch';
import { tempDir } from '../../support/temp';
import { cadreByName, office, receive, type Office } from './offices';

let tmp: ReturnType<typeof tempDir>;
let city: Core;
let a: Office;
beforeEach(() => {
  tmp = tempDir();
  city = openCore({ dataDir: path.join(tmp.dir, 'city'), appVersion: 'test', checkOutput: true });
  a = office(tmp.dir, '望江区');
});
afterEach(() => {
  for (const c of [city, a.core]) c.close();
  tmp.cleanup();
});

const PROGRAMME = '京沈对口合作干部交流';

/** The district's batch 9 (leader 张三, secretary 李四, 张三 and 李四 paired, 赵六 replacing 王五) and two 驻村 assignments. */
function staff(o: Office) {
  const ids = Object.fromEntries(['张三', '李四', '王五', '赵六'].map((n, k) => [n, o.add(n, k + 1)]));
  const { batch, members } = o.batch(PROGRAMME, 9, [ids.张三, ids.李四, ids.王五, ids.赵六], { leader_cadre_id: ids.张三, branch_secretary_id: ids.李四 });
  o.core.db.prepare("UPDATE secondment_batches SET branch_name = '第九批临时党支部', status = '在岗' WHERE id = ?").run(batch);
  o.core.db.prepare('UPDATE secondment_members SET pair_member_id = ? WHERE id = ?').run(members[1], members[0]);
  o.core.db.prepare('UPDATE secondment_members SET pair_member_id = ? WHERE id = ?').run(members[0], members[1]);
  o.core.db.prepare("UPDATE secondment_members SET status = '已调换', end_date = '2025-06' WHERE id = ?").run(members[2]);
  o.core.db
    .prepare("UPDATE secondment_members SET replaces_member_id = ?, replacement_reason = '工作需要', start_date = '2025-06' WHERE id = ?")
    .run(members[2], members[3]);
  // Each to the village once his 挂职 is over (one placement at a time, as the app requires).
  o.assign('三合村', 2, ids.王五, '第一书记', { sending_unit: '望江区发改局', start_date: '2025-07' });
  o.assign('三合村', 2, ids.赵六, '队员', { start_date: '2026-04' });
  return { ids, batch, members };
}

/** Batches, members and assignments by names (no ids), as a reader of either database sees them. */
function placements(core: Core) {
  const batches = core.db
    .prepare(
      `SELECT p.name AS programme, b.seq, b.name, b.status, b.branch_name, l.name AS leader, s.name AS secretary
         FROM secondment_batches b JOIN secondment_programmes p ON p.id = b.programme_id
         LEFT JOIN cadres l ON l.id = b.leader_cadre_id LEFT JOIN cadres s ON s.id = b.branch_secretary_id ORDER BY p.name, b.seq`,
    )
    .all();
  const members = core.db
    .prepare(
      `SELECT b.seq, c.name, m.status, m.host_unit, m.start_date, m.end_date, m.replacement_reason,
              (SELECT pc.name FROM secondment_members pm JOIN cadres pc ON pc.id = pm.cadre_id WHERE pm.id = m.pair_member_id) AS pair,
              (SELECT rc.name FROM secondment_members rm JOIN cadres rc ON rc.id = rm.cadre_id WHERE rm.id = m.replaces_member_id) AS replaces
         FROM secondment_members m JOIN secondment_batches b ON b.id = m.batch_id JOIN cadres c ON c.id = m.cadre_id ORDER BY b.seq, m.sort_order, c.name`,
    )
    .all();
  const assignments = core.db
    .prepare(
      `SELECT r.programme, r.seq, v.county || v.township || v.name AS village, v.kind, c.name, a.role, a.sending_unit, a.status
         FROM village_assignments a JOIN village_rotations r ON r.id = a.rotation_id JOIN villages v ON v.id = a.village_id
         JOIN cadres c ON c.id = a.cadre_id ORDER BY r.seq, v.name, c.name, a.role`,
    )
    .all();
  return { batches, members, assignments };
}

const rows = (core: Core, table: string) => core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('batches and village assignments in a package', () => {
  it('arrive whole in an empty database, with leader, secretary, pair and replacement resolved', async () => {
    staff(a);
    const r = await receive(city, [await a.send('a1.cadrepkg')]);
    expect(r.preview.packages[0].counts).toMatchObject({ batches: 1, members: 4, villages: 1, assignments: 2 });
    expect(r.preview.parts).toEqual({
      batches: { new: 1, updated: 0 },
      members: { new: 4, updated: 0, unchanged: 0 },
      villages: { new: 1 },
      assignments: { new: 2, updated: 0, unchanged: 0 },
    });
    expect(r.merged.parts).toEqual(r.preview.parts);
    expect(placements(city)).toEqual(placements(a.core));
    expect(placements(city).members).toContainEqual(expect.objectContaining({ name: '赵六', replaces: '王五', replacement_reason: '工作需要' }));
    expect(placements(city).batches).toEqual([expect.objectContaining({ leader: '张三', secretary: '李四' })]);
    // each written row is in the audit log with the package's operation
    expect(
      city.db.prepare("SELECT count(*) FROM audit_log WHERE entity IN ('secondment_batches', 'secondment_members', 'village_assignments')").pluck().get(),
    ).toBe(7);
  });

  it('a repeat package updates a member and adds an assignment, doubling nothing', async () => {
    const { ids, members } = staff(a);
    await receive(city, [await a.send('a1.cadrepkg')]);
    a.core.db.prepare("UPDATE secondment_members SET status = '期满' WHERE id = ?").run(members[0]);
    a.assign('东升村', 2, ids.张三, '队员', { start_date: '2026-04' });
    const r = await receive(city, [await a.send('a2.cadrepkg')]);
    expect(r.preview.parts).toEqual({
      batches: { new: 0, updated: 0 },
      members: { new: 0, updated: 1, unchanged: 3 },
      villages: { new: 1 },
      assignments: { new: 1, updated: 0, unchanged: 2 },
    });
    expect(placements(city)).toEqual(placements(a.core));
    expect([rows(city, 'secondment_batches'), rows(city, 'secondment_members'), rows(city, 'village_rotations'), rows(city, 'village_assignments')]).toEqual([
      1, 4, 1, 3,
    ]);
    // the same package again changes nothing
    const again = await receive(city, [await a.send('a3.cadrepkg')]);
    expect(again.merged.parts).toEqual({
      batches: { new: 0, updated: 0 },
      members: { new: 0, updated: 0, unchanged: 4 },
      villages: { new: 0 },
      assignments: { new: 0, updated: 0, unchanged: 3 },
    });
  });

  it("a district's members join the city-wide batch that exists here: the batch is not doubled, its leader kept", async () => {
    const cityLeader = Number(city.db.prepare("INSERT INTO cadres(name, gender, birth) VALUES ('市领队', '男', '1975-01')").run().lastInsertRowid);
    const programme = Number(city.db.prepare('INSERT INTO secondment_programmes(name) VALUES (?)').run(PROGRAMME).lastInsertRowid);
    const batch = Number(
      city.db
        .prepare(
          "INSERT INTO secondment_batches(programme_id, seq, name, start_date, planned_end_date, leader_cadre_id) VALUES (?, 9, '第9批', '2025-03', '2026-03', ?)",
        )
        .run(programme, cityLeader).lastInsertRowid,
    );
    city.db.prepare("INSERT INTO secondment_members(batch_id, cadre_id, host_unit, sort_order) VALUES (?, ?, '北京市', 1)").run(batch, cityLeader);
    // the district's copy of the batch has no leader of its own
    const zhang = a.add('张三', 1);
    const li = a.add('李四', 2);
    a.batch(PROGRAMME, 9, [zhang, li]);
    const r = await receive(city, [await a.send('a1.cadrepkg')]);
    expect(r.merged.parts).toMatchObject({ batches: { new: 0, updated: 0 }, members: { new: 2, updated: 0, unchanged: 0 } });
    expect(rows(city, 'secondment_batches')).toBe(1);
    expect(rows(city, 'secondment_programmes')).toBe(1);
    expect(city.db.prepare('SELECT leader_cadre_id FROM secondment_batches').pluck().get()).toBe(cityLeader);
    const inBatch = city.db
      .prepare('SELECT c.name FROM secondment_members m JOIN cadres c ON c.id = m.cadre_id WHERE m.batch_id = ? ORDER BY m.sort_order')
      .pluck()
      .all(batch);
    expect(inBatch).toEqual(['市领队', '张三', '李四']);
  });

  it('two districts sending the same new batch in one merge: one batch, each member once (the same person too)', async () => {
    const b = office(tmp.dir, '临江区');
    try {
      a.batch(PROGRAMME, 9, [a.add('张三', 1), a.add('赵六', 6)]);
      b.batch(PROGRAMME, 9, [b.add('钱七', 7), b.add('赵六', 6)]);
      const r = await receive(city, [await a.send('a.cadrepkg'), await b.send('b.cadrepkg')]);
      expect(r.preview.parts).toMatchObject({ batches: { new: 1, updated: 0 }, members: { new: 3, updated: 0, unchanged: 0 } });
      expect(r.merged.parts).toEqual(r.preview.parts);
      expect(rows(city, 'secondment_batches')).toBe(1);
      expect(placements(city).members.map(m => (m as { name: string }).name)).toEqual(['张三', '赵六', '钱七']);
    } finally {
      b.core.close();
    }
  });

  it('a package without photos or batches leaves ours alone: no photo difference, batches untouched', async () => {
    const { members } = staff(a);
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9, 0xff, 0xd9]);
    a.core.db.prepare("UPDATE cadres SET photo = ? WHERE name = '张三'").run(photo);
    await receive(city, [await a.send('a1.cadrepkg')]);
    const before = placements(city);
    // the district drops the photo and changes a member; the package carries neither
    a.core.db.prepare("UPDATE cadres SET photo = NULL, post = '望江区副区长' WHERE name = '张三'").run();
    a.core.db.prepare("UPDATE secondment_members SET status = '期满' WHERE id = ?").run(members[0]);
    const file = await a.send('a2.cadrepkg', ['photos', 'batches']);
    // with 照片 left out, the .lrmx copies carry no photo either (the first package's does)
    const lrmxPhoto = async (without: ('photos' | 'batches')[]) => {
      const out = path.join(tmp.dir, 'lrmx.cadrepkg');
      fs.rmSync(out, { force: true });
      a.core.db.prepare("UPDATE cadres SET photo = ? WHERE name = '李四'").run(photo);
      await routeCalls(a.core).call('exportPackage', { outPath: out, withLrmx: true, without });
      const bytes = fs.readFileSync(out);
      const entry = readZipDirectory(bytes)!.entries.find(e => e.name.startsWith('任免审批表/李四'))!;
      return /<ZhaoPian>([^<]*)<\/ZhaoPian>/.exec(Buffer.from(zipEntryBytes(bytes, entry)!).toString('utf8'))![1];
    };
    expect(await lrmxPhoto([])).toBe(photo.toString('base64'));
    expect(await lrmxPhoto(['photos'])).toBe('');
    // with 年度考核 left out, the .lrmx copies carry no annual results either
    a.core.db.prepare("INSERT INTO cadre_assessments(cadre_id, year, grade, note) SELECT id, 2025, '优秀', '' FROM cadres WHERE name = '李四'").run();
    const lrmxResults = async (without: ('assessments' | 'photos')[]) => {
      const out = path.join(tmp.dir, 'results.cadrepkg');
      fs.rmSync(out, { force: true });
      await routeCalls(a.core).call('exportPackage', { outPath: out, withLrmx: true, without });
      const bytes = fs.readFileSync(out);
      const entry = readZipDirectory(bytes)!.entries.find(e => e.name.startsWith('任免审批表/李四'))!;
      return /<NianDuKaoHeJieGuo>([^<]*)<\/NianDuKaoHeJieGuo>/.exec(Buffer.from(zipEntryBytes(bytes, entry)!).toString('utf8'))?.[1] ?? '';
    };
    expect(await lrmxResults([])).toContain('2025年度考核优秀');
    expect(await lrmxResults(['assessments'])).toBe('');
    a.core.db.prepare("DELETE FROM cadre_assessments WHERE cadre_id = (SELECT id FROM cadres WHERE name = '李四')").run();
    a.core.db.prepare("UPDATE cadres SET photo = NULL WHERE name = '李四'").run();
    const r = await receive(city, [file]);
    expect(r.preview.packages[0].includes).toEqual(['events', 'quotas', 'villages', 'assessments']);
    expect(r.preview.counts).toMatchObject({ changed: 1, conflicts: 0 });
    expect(r.preview.rows.find(x => x.name === '张三')!.fields.map(f => f.field)).toEqual(['post']);
    expect(r.preview.parts.batches).toEqual({ new: 0, updated: 0 });
    expect(r.preview.parts.members).toEqual({ new: 0, updated: 0, unchanged: 0 });
    expect(cadreByName(city, '张三')[0]).toMatchObject({ post: '望江区副区长', photo });
    expect(placements(city)).toEqual(before);
    // a later full package: the photo's removal is a plain change, not a conflict
    const full = await receive(city, [await a.send('a3.cadrepkg')]);
    expect(full.preview.counts).toMatchObject({ changed: 1, conflicts: 0 });
    expect(full.preview.rows.find(x => x.name === '张三')!.fields.map(f => f.field)).toEqual(['photo']);
    expect(full.merged.parts.members).toMatchObject({ updated: 1 });
  });

  it('a version-1 package (no includes list, no batch parts) is still received, photos and annual results included', async () => {
    a.add('张三', 1);
    a.core.db.prepare("UPDATE cadres SET photo = x'ffd8ffe00102ffd9' WHERE name = '张三'").run();
    a.core.db.prepare("INSERT INTO cadre_assessments(cadre_id, year, grade) SELECT id, 2025, '优秀' FROM cadres WHERE name = '张三'").run();
    const bytes = fs.readFileSync(await a.send('a.cadrepkg'));
    const dir = readZipDirectory(bytes)!;
    const parts = new Map(dir.entries.map(e => [e.name, Buffer.from(zipEntryBytes(bytes, e)!)]));
    const v1 = ['data/units.json', 'data/cadres.json', 'data/events.json', 'data/quotas.json'];
    const m = JSON.parse(parts.get('manifest.json')!.toString());
    m.formatVersion = 1;
    delete m.includes;
    m.counts = { units: m.counts.units, cadres: m.counts.cadres, events: m.counts.events, quotas: m.counts.quotas };
    m.parts = v1.map(name => ({ name, size: parts.get(name)!.length, sha256: sha256(parts.get(name)!) }));
    const old = path.join(tmp.dir, 'v1.cadrepkg');
    fs.writeFileSync(old, buildZip([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(m)) }, ...v1.map(name => ({ name, data: parts.get(name)! }))]));
    const r = await receive(city, [old]);
    expect(r.preview.packages[0].includes).toEqual(['photos', 'events', 'quotas', 'assessments']);
    expect(r.merged).toMatchObject({ new: 1, parts: { batches: { new: 0, updated: 0 }, assignments: { new: 0, updated: 0, unchanged: 0 } } });
    expect(city.db.prepare("SELECT hex(photo) FROM cadres WHERE name = '张三'").pluck().get()).toBe('FFD8FFE00102FFD9');
    expect(city.db.prepare('SELECT grade FROM cadre_assessments').pluck().all()).toEqual(['优秀']);
  });

  it('one 撤销 takes back everything the merge wrote, batches and villages included', async () => {
    staff(a);
    await receive(city, [await a.send('a1.cadrepkg')]);
    expect(rows(city, 'secondment_members')).toBe(4);
    await routeCalls(city).call('stepHistory', { direction: 'undo' });
    // every table the undo log covers (units, batches, villages …) is empty again, and so are the cadres
    const tables = ['cadres', ...UNDOABLE_TABLES];
    expect(tables.map(t => rows(city, t))).toEqual(tables.map(() => 0));
    // and 重做 puts it all back
    await routeCalls(city).call('stepHistory', { direction: 'redo' });
    expect(placements(city)).toEqual(placements(a.core));
  });
  it('a 挂职 that would overlap a 驻村 here is refused whole, naming the person; nothing is written', async () => {
    const zhang = a.add('张三', 1);
    a.batch(PROGRAMME, 9, [zhang]); // 2025.03–2026.03
    const file = await a.send('a.cadrepkg');
    // the city knows 张三 (the same ID number) and has him stationed in a village over those months
    const here = office(tmp.dir, '滨江市');
    try {
      here.assign('三合村', 2, here.add('张三', 1), '队员'); // 2024.01–2026.12
      const before = ['cadres', 'units', 'secondment_batches', 'secondment_members', 'operations'].map(t => rows(here.core, t));
      const r = routeCalls(here.core);
      const preview = await r.call('previewPackages', { files: [{ path: file }] });
      const e = await routeError(here.core, 'mergePackages', { planId: preview.planId });
      expect(e.message).toMatch(/数据包中的挂职与本库的记录冲突：「张三」已在「.*三合村」驻村（2024\.01.*），时间重叠。未接收，数据未修改/);
      expect(['cadres', 'units', 'secondment_batches', 'secondment_members', 'operations'].map(t => rows(here.core, t))).toEqual(before);
    } finally {
      here.core.close();
    }
  });
});
