/**
 * People already in the 历史库 (退休/调出/辞职/去世) named by an import: the one
 * RosterMatcher finds them, and by default every target lists them in their own
 * group ("历史库中已有此人（2025.06 退休）") and neither updates them nor adds a twin;
 * 重新调入 (returnFromHistory) brings them back into the roster with the import.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter } from '../../../electron/services/roster/cadres';
import { stepHistory } from '../../../electron/services/common/operation-log';
import type { ImportTarget } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';
import { ID, tmpFile, writeSheet } from './fixtures';
import { commitJob, issuesOf, newBatch, planFile, rowsOf } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let retired: number;
let batch: ImportTarget;
beforeEach(async () => {
  tmp = tempDir('cadre-import-history-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  const unit = Number(core.db.prepare("INSERT INTO units(name, sort_order) VALUES ('市财政局', 0)").run().lastInsertRowid);
  retired = cadreInserter(core.db)({ unitId: unit, name: '张三', gender: '男', birth: '1985-03', idNumber: ID.zhang, post: '副局长', status: '退休' });
  core.db.prepare("INSERT INTO cadre_events(cadre_id, kind, date) VALUES (?, '退休', '2025-06-30')").run(retired);
  batch = await newBatch(core);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const count = () => core.db.prepare('SELECT count(*) FROM cadres').pluck().get() as number;
const stored = () => core.db.prepare('SELECT status, post FROM cadres WHERE id = ?').get(retired);

function files() {
  const roster = tmpFile(tmp.dir, '名册.xlsx');
  writeSheet(roster, [
    ['姓名', '性别', '出生年月', '身份证号', '现任职务'],
    ['张三', '男', '1985.03', ID.zhang, '调研员'],
  ]);
  // Without an ID: matched by 姓名 + 出生年月, the same rule.
  const members = tmpFile(tmp.dir, '挂职名单.xlsx');
  writeSheet(members, [
    ['姓名', '性别', '出生年月', '挂职单位', '挂任职务'],
    ['张三', '男', '1985.03', '北京市通州区商务局', '副局长'],
  ]);
  const annual = tmpFile(tmp.dir, '年度考核.xlsx');
  writeSheet(annual, [
    ['身份证号', '姓名', '2024年'],
    [ID.zhang, '张三', '称职'],
  ]);
  return { roster, members, annual };
}

describe('a person of the 历史库 named by an import', () => {
  it('is listed in its own group by every target that matches people, and nothing is written nor added', async () => {
    const f = files();
    for (const [file, target] of [
      [f.roster, { kind: 'roster' }],
      [f.members, batch],
      [f.annual, { kind: 'annual' }],
    ] as [string, ImportTarget][]) {
      const job = await planFile(core, file, { mode: 'update' }, target);
      expect(job.preview!.counts).toMatchObject({ new: 0, update: 0, history: 1, errors: 0 });
      expect(job.inspection!.target.actions.history).toBe('历史库中已有');
      const rows = await rowsOf(core, job.jobId, 'history');
      expect(rows.map(r => [r.name, r.cadreId, r.note])).toEqual([['张三', retired, '历史库中已有此人（2025.06 退休）']]);
      expect((await issuesOf(core, job.jobId, 'warning')).map(i => i.message)).toContainEqual(expect.stringContaining('在历史库中（2025.06 退休'));
      await commitJob(core, job.jobId);
      expect(count()).toBe(1);
      expect(stored()).toEqual({ status: '退休', post: '副局长' });
    }
    expect(core.db.prepare('SELECT count(*) FROM secondment_members').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM cadre_assessments').pluck().get()).toBe(0);
  });

  it('重新调入 brings them back into the roster with the import (roster, batch, annual), one undo step each', async () => {
    const f = files();
    const job = await planFile(core, f.roster, { mode: 'update', returnFromHistory: true });
    expect(job.preview!.counts).toMatchObject({ new: 0, update: 1, history: 0 });
    const [row] = await rowsOf(core, job.jobId, 'update');
    expect(row.changes.map(c => [c.label, c.old, c.new])).toEqual(
      expect.arrayContaining([
        ['现任职务', '副局长', '调研员'],
        ['状态', '退休', '在职'],
      ]),
    );
    await commitJob(core, job.jobId);
    expect(count()).toBe(1);
    expect(stored()).toEqual({ status: '在职', post: '调研员' });
    stepHistory(core.db, 'undo');
    expect(stored()).toEqual({ status: '退休', post: '副局长' });

    const annual = await planFile(core, f.annual, { returnFromHistory: true }, { kind: 'annual' });
    await commitJob(core, annual.jobId);
    expect(stored()).toMatchObject({ status: '在职' });
    expect(core.db.prepare('SELECT year, grade FROM cadre_assessments WHERE cadre_id = ?').all(retired)).toEqual([{ year: 2024, grade: '称职' }]);
    stepHistory(core.db, 'undo');
    expect(stored()).toMatchObject({ status: '退休' });

    const members = await planFile(core, f.members, { returnFromHistory: true }, batch);
    expect(members.preview!.counts).toMatchObject({ new: 0, update: 1, history: 0 });
    await commitJob(core, members.jobId);
    expect(stored()).toMatchObject({ status: '在职' });
    expect(core.db.prepare('SELECT cadre_id FROM secondment_members').pluck().all()).toEqual([retired]);
    expect(count()).toBe(1);
  });
});
