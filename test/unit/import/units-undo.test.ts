/**
 * Units an import creates belong to the import's undo step: 撤销 removes
 * them when nothing else refers to them, 重做 recreates them (same id, so the
 * cadres return into them); a unit something else now refers to stays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { listCadres } from '../../../electron/services/roster/cadres';
import { stepHistory } from '../../../electron/services/common/operation-log';
import type { ImportCommitResult } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';
import { ID, tmpFile, writeSheet } from './fixtures';
import { call, planFile } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-import-units-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const units = () =>
  core.db.prepare('SELECT id, parent_id, name, kind, sort_order FROM units ORDER BY id').all() as { id: number; parent_id: number | null; name: string }[];

let parent: number;
beforeEach(() => {
  parent = Number(core.db.prepare("INSERT INTO units(name, sort_order) VALUES ('滨江市', 1)").run().lastInsertRowid);
});

async function importTwoNewUnits(): Promise<ImportCommitResult> {
  const file = tmpFile(tmp.dir, '新单位.xlsx');
  writeSheet(file, [
    ['姓名', '性别', '出生年月', '身份证号', '单位', '干部类别'],
    ['张三', '男', '1985.03', ID.zhang, '市教育局', '选调生、年轻干部库'],
    ['李四', '女', '1990.10', ID.li, '市卫健委', ''],
    ['王五', '男', '1978.01', ID.wang, '市教育局', ''],
  ]);
  const job = await planFile(core, file, { mode: 'update', newUnitParentId: parent });
  expect(job.preview!.unitsToCreate.map(u => u.name)).toEqual(['市教育局', '市卫健委']);
  const result = await call<ImportCommitResult>(core, 'importCommit', { jobId: job.jobId });
  expect(result).toMatchObject({ inserted: 3, unitsCreated: 2 });
  return result;
}

describe('units created by an import', () => {
  it('are removed by 撤销 and recreated by 重做 with the same ids', async () => {
    const before = units();
    await importTwoNewUnits();
    const withImport = units();
    expect(withImport.map(u => u.name)).toEqual(['滨江市', '市教育局', '市卫健委']);
    const cadres = listCadres(core.db).map(c => [c.name, c.unitId]);
    // Every column (name_keys, created_at, updated_at too) and the tags, as the import wrote them.
    const rows = () =>
      JSON.stringify([core.db.prepare('SELECT * FROM cadres ORDER BY id').all(), core.db.prepare('SELECT * FROM cadre_tags ORDER BY cadre_id, tag').all()]);
    const written = rows();
    expect(written).toContain('年轻干部库');

    stepHistory(core.db, 'undo');
    expect(listCadres(core.db)).toEqual([]);
    expect(units()).toEqual(before);
    const audited = core.db.prepare("SELECT entity_id AS id, action FROM audit_log WHERE entity = 'unit' ORDER BY audit_log.id").all();
    expect(audited).toEqual([
      { id: withImport[1].id, action: 'import' },
      { id: withImport[2].id, action: 'import' },
      { id: withImport[2].id, action: 'undo' },
      { id: withImport[1].id, action: 'undo' },
    ]);

    stepHistory(core.db, 'redo');
    expect(units()).toEqual(withImport);
    expect(listCadres(core.db).map(c => [c.name, c.unitId])).toEqual(cadres);
    expect(rows()).toBe(written);
  });

  it('stay when something else refers to them: a child unit added since', async () => {
    await importTwoNewUnits();
    const edu = units().find(u => u.name === '市教育局')!;
    core.db.prepare("INSERT INTO units(parent_id, name, sort_order) VALUES (?, '办公室', 1)").run(edu.id);

    stepHistory(core.db, 'undo');
    expect(listCadres(core.db)).toEqual([]);
    // 市卫健委 was only the import's: gone; 市教育局 now has a child: kept.
    expect(units().map(u => u.name)).toEqual(['滨江市', '市教育局', '办公室']);

    stepHistory(core.db, 'redo');
    expect(units().map(u => u.name)).toEqual(['滨江市', '市教育局', '市卫健委', '办公室']);
    expect(
      listCadres(core.db)
        .filter(c => c.unitId === edu.id)
        .map(c => c.name)
        .sort(),
    ).toEqual(['张三', '王五'].sort());
  });

  it('stay when a cadre in the 回收站 is still in them', async () => {
    await importTwoNewUnits();
    const health = units().find(u => u.name === '市卫健委')!;
    // A cadre deleted into the 回收站 outside the import's own undo step (as a restored backup would hold it).
    core.db.prepare("INSERT INTO cadres(unit_id, name, deleted_at) VALUES (?, '旧人', '2026-01-01')").run(health.id);
    stepHistory(core.db, 'undo');
    expect(units().map(u => u.name)).toEqual(['滨江市', '市卫健委']);
  });
});
