/** Small offices for package tests: each a real data folder with its own sender id and 本单位名称. */
import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/services/core/core';
import { REPORTING_UNIT_SETTING, setSetting } from '../../../electron/services/common/settings';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import type { PackageChoice } from '../../../shared/domain/package/manifest';
import { routeCalls } from '../../support/dispatch';

export interface Office {
  core: Core;
  name: string;
  /** The office's own top unit. */
  unit: number;
  add(name: string, seq: number, values?: Record<string, string>): number;
  /** Exports everything (but the parts `without`) to `<dir>/<file>` and returns its path. */
  send(file: string, without?: PackageChoice[]): Promise<string>;
  /** A 挂职 batch `seq` of `programme` (both made when missing) with these cadres as members; the member ids. */
  batch(programme: string, seq: number, cadres: number[], values?: Record<string, unknown>): { batch: number; members: number[] };
  /** A 驻村 assignment of the cadre in 柳川县榆树镇`village`, rotation `seq` of 驻村工作 (made when missing). */
  assign(village: string, seq: number, cadre: number, role: string, values?: Record<string, unknown>): number;
}

/** Inserts a row (test setup, not the app's write path) and returns its id. */
function insert(core: Core, table: string, row: Record<string, unknown>): number {
  const keys = Object.keys(row);
  return Number(core.db.prepare(`INSERT INTO ${table}(${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(Object.values(row)).lastInsertRowid);
}
const idOr = (core: Core, sql: string, args: unknown[], make: () => number) =>
  (core.db
    .prepare(sql)
    .pluck()
    .get(...args) as number | undefined) ?? make();

export const idOf = (seq: number) => makeIdNumber('330102', '1985-03-01', seq, seq % 2 ? '男' : '女');

export function office(dir: string, name: string): Office {
  const core = openCore({ dataDir: path.join(dir, name), appVersion: 'test', checkOutput: true });
  setSetting(core.db, REPORTING_UNIT_SETTING, name);
  const unit = Number(core.db.prepare("INSERT INTO units(name, kind) VALUES (?, '机关')").run(name).lastInsertRowid);
  return {
    core,
    name,
    unit,
    add(person, seq, values = {}) {
      const cols = { unit_id: unit, name: person, gender: seq % 2 ? '男' : '女', birth: '1985-03', id_number: idOf(seq), post: `${name}科员`, ...values };
      const keys = Object.keys(cols);
      return Number(
        core.db.prepare(`INSERT INTO cadres(${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(Object.values(cols)).lastInsertRowid,
      );
    },
    async send(file, without) {
      const out = path.join(dir, file);
      fs.rmSync(out, { force: true });
      await routeCalls(core).call('exportPackage', { date: '2026-12-06', outPath: out, without });
      return out;
    },
    batch(programme, seq, cadres, values = {}) {
      const p = idOr(core, 'SELECT id FROM secondment_programmes WHERE name = ?', [programme], () =>
        insert(core, 'secondment_programmes', { name: programme }),
      );
      const batch = idOr(core, 'SELECT id FROM secondment_batches WHERE programme_id = ? AND seq = ?', [p, seq], () =>
        insert(core, 'secondment_batches', { programme_id: p, seq, name: `第${seq}批`, start_date: '2025-03', planned_end_date: '2026-03', ...values }),
      );
      const members = cadres.map((cadre, k) =>
        insert(core, 'secondment_members', { batch_id: batch, cadre_id: cadre, host_unit: '北京市朝阳区', sort_order: k + 1 }),
      );
      return { batch, members };
    },
    assign(village, seq, cadre, role, values = {}) {
      const v = idOr(core, "SELECT id FROM villages WHERE county = '柳川县' AND township = '榆树镇' AND name = ?", [village], () =>
        insert(core, 'villages', { county: '柳川县', township: '榆树镇', name: village, kind: '脱贫村' }),
      );
      const r = idOr(core, "SELECT id FROM village_rotations WHERE programme = '驻村工作' AND seq = ?", [seq], () =>
        insert(core, 'village_rotations', { programme: '驻村工作', seq, name: `第${seq}轮`, start_date: '2024-01', end_date: '2026-12' }),
      );
      return insert(core, 'village_assignments', { rotation_id: r, village_id: v, cadre_id: cadre, role, ...values });
    },
  };
}

/** Preview then merge, answering conflicts with `onConflict` unless chosen one by one. */
export async function receive(core: Core, files: string[], opts: { onConflict?: 'ours' | 'theirs'; choices?: any[] } = {}) {
  const r = routeCalls(core);
  const preview = await r.call('previewPackages', { files: files.map(path => ({ path })) });
  const merged = await r.call('mergePackages', { planId: preview.planId, onConflict: opts.onConflict, choices: opts.choices });
  return { preview, merged };
}

export const cadreByName = (core: Core, name: string) =>
  core.db
    .prepare('SELECT c.*, u.name AS unit FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.name = ? AND c.deleted_at IS NULL')
    .all(name) as Record<string, unknown>[];
