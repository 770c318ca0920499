/**
 * A large import into a small roster rebuilds the cadres indexes once instead
 * of growing them row by row (common/cadre-image.ts withCadreIndexesDeferred): every
 * index comes back exactly, the database stays sound, and 撤销 / 重做 work.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { stepHistory } from '../../../electron/services/common/operation-log';
import { insertCadreImages, type CadreImage } from '../../../electron/services/roster/api';
import { benchRoster } from '../../bench/import';
import { tempDir } from '../../support/temp';
import { tmpFile, writeSheet } from './fixtures';
import { commitJob, planFile } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-import-bulk-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const indexes = () => core.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cadres' ORDER BY name").all();
const count = () => (core.db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n;

describe('a bulk import', () => {
  it('keeps every cadres index, a sound database, and its undo step', async () => {
    const units = ['某某市第1局', '某某市第2局'];
    units.forEach((u, i) => core.db.prepare('INSERT INTO units(name, sort_order) VALUES (?, ?)').run(u, i));
    const before = indexes();
    expect(before.length).toBeGreaterThan(5);
    const file = tmpFile(tmp.dir, '花名册.xlsx');
    const rows = benchRoster(6000, units);
    writeSheet(file, rows);
    const job = await planFile(core, file, { mode: 'update' });
    expect(job.preview!.counts.new).toBe(6000);
    expect((await commitJob(core, job.jobId)).inserted).toBe(6000);

    expect(indexes()).toEqual(before);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The indexes hold the new rows: a lookup through the unique ID index finds the 3,000th.
    const id = String(rows[3000][13]);
    const plan = core.db.prepare("EXPLAIN QUERY PLAN SELECT name FROM cadres WHERE id_number = ? AND id_number <> ''").all(id) as { detail: string }[];
    expect(plan.map(p => p.detail).join(' ')).toContain('cadres_id_number');
    expect(core.db.prepare("SELECT name FROM cadres WHERE id_number = ? AND id_number <> ''").get(id)).toEqual({ name: rows[3000][2] });
    // And still refuses a second cadre with the same ID number.
    expect(() => core.db.prepare("INSERT INTO cadres(name, id_number) VALUES ('重复', ?)").run(id)).toThrow(/UNIQUE/);

    stepHistory(core.db, 'undo');
    expect(count()).toBe(0);
    stepHistory(core.db, 'redo');
    expect(count()).toBe(6000);
    expect(indexes()).toEqual(before);
  });
});

describe('insertCadreImages', () => {
  it('gives each image its own id across multi-row statements and changes of shape, with its tags', () => {
    core.db.prepare("INSERT INTO cadres(name) VALUES ('已有')").run();
    const images: CadreImage[] = Array.from({ length: 450 }, (_, k) => ({
      // Runs of rows shaped alike, broken by rows with a 现任职务 (another column set).
      row: k % 7 === 3 ? { name: `干部${k}`, post: `职务${k}`, sort_order: k } : { name: `干部${k}`, sort_order: k },
      tags: k % 5 === 0 ? [`标签${k}`] : [],
      family: [],
      assessments: [],
    }));
    const ids = core.db.transaction(() => insertCadreImages(core.db, images))();
    expect(new Set(ids).size).toBe(450);
    const stored = core.db.prepare('SELECT name, post, sort_order AS sortOrder FROM cadres WHERE id = ?');
    const tags = core.db.prepare('SELECT tag FROM cadre_tags WHERE cadre_id = ?').pluck();
    ids.forEach((id, k) => {
      expect(stored.get(id)).toEqual({ name: `干部${k}`, post: k % 7 === 3 ? `职务${k}` : '', sortOrder: k });
      expect(tags.all(id)).toEqual(k % 5 === 0 ? [`标签${k}`] : []);
    });
  });
});
