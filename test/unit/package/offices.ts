/** Small offices for package tests: each a real data folder with its own sender id and 本单位名称. */
import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/services/core/core';
import { REPORTING_UNIT_SETTING, setSetting } from '../../../electron/services/common/settings';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { routeCalls } from '../../support/dispatch';

export interface Office {
  core: Core;
  name: string;
  /** The office's own top unit. */
  unit: number;
  add(name: string, seq: number, values?: Record<string, string>): number;
  /** Exports everything to `<dir>/<file>` and returns its path. */
  send(file: string): Promise<string>;
}

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
    async send(file) {
      const out = path.join(dir, file);
      fs.rmSync(out, { force: true });
      await routeCalls(core).call('exportPackage', { date: '2026-12-06', outPath: out });
      return out;
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
