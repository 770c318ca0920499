/**
 * 上报 → 接收 → 汇总 between two real data folders: a district's subtree out of
 * the demo data, verified, previewed and merged into another database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { routeCalls } from '../../support/dispatch';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let sender: Core;
let receiver: Core;
beforeEach(async () => {
  tmp = tempDir();
  sender = openCore({ dataDir: path.join(tmp.dir, 'district'), appVersion: 'test', checkOutput: true });
  receiver = openCore({ dataDir: path.join(tmp.dir, 'city'), appVersion: 'test', checkOutput: true });
  await routeCalls(sender).call('loadDemo', {});
});
afterEach(() => {
  sender.close();
  receiver.close();
  tmp.cleanup();
});

/** The district with the most cadres below it. */
function busiestUnit(core: Core): { id: number; name: string } {
  return core.db
    .prepare(
      `SELECT u.id, u.name FROM units u WHERE u.parent_id IS NOT NULL
        ORDER BY (SELECT count(*) FROM cadres c WHERE c.unit_id = u.id) DESC LIMIT 1`,
    )
    .get() as { id: number; name: string };
}

/** Everything about a cadre that a package carries, by ID number. */
function records(core: Core, ids?: number[]) {
  const rows = core.db
    .prepare(
      `SELECT c.id, c.name, c.id_number, c.birth, c.post, c.resume, c.status, hex(c.photo) AS photo, u.name AS unit,
              (SELECT group_concat(relation || name || birth, ';') FROM cadre_family f WHERE f.cadre_id = c.id ORDER BY seq) AS family,
              (SELECT group_concat(year || grade, ';') FROM cadre_assessments a WHERE a.cadre_id = c.id ORDER BY year) AS assessments,
              (SELECT group_concat(tag, ';') FROM (SELECT tag FROM cadre_tags t WHERE t.cadre_id = c.id ORDER BY tag)) AS tags,
              (SELECT group_concat(kind || date || post || doc_no, ';') FROM (SELECT * FROM cadre_events e WHERE e.cadre_id = c.id ORDER BY date, kind, post)) AS events
         FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.deleted_at IS NULL ORDER BY c.id_number, c.name`,
    )
    .all() as Record<string, unknown>[];
  return rows.filter(r => !ids || ids.includes(r.id as number)).map(({ id: _id, ...r }) => r);
}

describe('data package round trip', () => {
  it('a subtree exported from one database merges into an empty one with the same records, photos and events', async () => {
    const unit = busiestUnit(sender);
    // A photo of one of them travels too.
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
    sender.db.prepare('UPDATE cadres SET photo = ? WHERE id = (SELECT min(id) FROM cadres WHERE unit_id = ?)').run(photo, unit.id);
    const out = path.join(tmp.dir, 'pkg.cadrepkg');
    const exported = await routeCalls(sender).call('exportPackage', { unitId: unit.id, date: '2026-12-06', outPath: out, withXlsx: true, withLrmx: true });
    expect(exported.cadres).toBeGreaterThan(0);
    expect(fs.existsSync(out)).toBe(true);
    expect(fs.readdirSync(tmp.dir).filter(f => f.endsWith('.tmp'))).toEqual([]);

    const r = routeCalls(receiver);
    const preview = await r.call('previewPackages', { files: [{ path: out }] });
    expect(preview.counts).toMatchObject({ new: exported.cadres, changed: 0, unchanged: 0, conflicts: 0, errors: 0, unitsNew: exported.units });
    expect(preview.packages[0]).toMatchObject({ sha256: exported.sha256, referenceDate: '2026-12-06', placeRemembered: false });
    const merged = await r.call('mergePackages', { planId: preview.planId });
    expect(merged).toMatchObject({ new: exported.cadres, changed: 0, unitsNew: exported.units });
    expect(merged.operation?.label).toMatch(/^接收数据包「.+」（新增 \d+，更新 0）$/);

    const sent = sender.db
      .prepare(
        `WITH RECURSIVE s(id) AS (SELECT ? UNION ALL SELECT u.id FROM units u JOIN s ON u.parent_id = s.id)
         SELECT c.id FROM cadres c WHERE c.deleted_at IS NULL AND c.unit_id IN (SELECT id FROM s)`,
      )
      .pluck()
      .all(unit.id) as number[];
    expect(records(receiver)).toEqual(records(sender, sent));
    expect(receiver.db.prepare('SELECT count(*) FROM cadres WHERE photo = ?').pluck().get(photo)).toBe(1);
    expect(receiver.db.prepare('SELECT count(*) FROM cadre_events').pluck().get()).toBe(exported.events);
    // 职数 of the district's units, by unit name and level
    const quotas = (core: Core) =>
      core.db.prepare('SELECT u.name, q.level, q.approved, q.doc, q.doc_date FROM unit_quotas q JOIN units u ON u.id = q.unit_id ORDER BY 1, 2').all();
    expect(exported.quotas).toBeGreaterThan(0);
    expect(quotas(receiver)).toEqual(
      (quotas(sender) as { name: string }[]).filter(q => (receiver.db.prepare('SELECT name FROM units').pluck().all() as string[]).includes(q.name)),
    );
    expect(quotas(receiver)).toHaveLength(exported.quotas);
    expect(merged.quotas).toBe(exported.quotas);

    // The same package again changes nothing and adds nothing.
    const again = await r.call('previewPackages', { files: [{ path: out }] });
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: exported.cadres, conflicts: 0, unitsNew: 0, events: 0 });
    expect(again.packages[0].placeRemembered).toBe(true);
  });
});
