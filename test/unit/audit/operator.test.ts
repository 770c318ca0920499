/**
 * The operator name: unset until the first start asks for it (the OS user
 * name is proposed), checked when set, the change itself logged, and every
 * kind of change afterwards stamped with it — edits, paste, fill-down, new
 * rows, delete/restore, undo/redo, Excel and .lrmx imports, form edits,
 * demo data, backups, the backup folder and a restore (which keeps the
 * operator of this machine, not the one stored in the backup).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverFromSnapshot } from '../../../electron/services/backup/backup';
import { openCore, type Core } from '../../../electron/services/core/core';
import { setBackupDir } from '../../../electron/services/backup/backup';
import { loadDemo } from '../../../electron/services/demo/load';
import { getSetting } from '../../../electron/services/common/settings';
import type { AuditRow, OperatorInfo } from '../../../shared/contract/api';
import { routeData } from '../../support/dispatch';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-audit-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const call = <T>(method: string, input: unknown) => routeData<T>(core, method, input);

async function allEntries(): Promise<AuditRow[]> {
  return (await call<{ rows: AuditRow[] }>('queryAuditLog', { offset: 0, limit: 1000, order: 'asc' })).rows;
}

function osUser(): string {
  try {
    return os.userInfo().username || '操作员';
  } catch {
    return '操作员';
  }
}

describe('the operator name', () => {
  it('is unset on a new database, with the OS user name proposed', async () => {
    expect(await call<OperatorInfo>('getOperator', {})).toEqual({ name: null, suggested: osUser() });
  });

  it('is stored trimmed, refused when empty, too long or with control characters, and its change is logged', async () => {
    for (const bad of ['', '   ', '\u3000', '张\u0007三', '长'.repeat(41)]) {
      const r = await core.dispatch('setOperator', { name: bad });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/操作员姓名/) } });
    }
    expect(await call<OperatorInfo>('getOperator', {})).toMatchObject({ name: null });
    expect(await allEntries()).toEqual([]);

    expect(await call<OperatorInfo>('setOperator', { name: '  王  小明 ' })).toMatchObject({ name: '王 小明' });
    await call('setOperator', { name: '王 小明' }); // unchanged: no second entry
    await call('setOperator', { name: '李四' });
    const entries = await allEntries();
    expect(entries.map(e => [e.operator, e.kind, e.target, e.summary])).toEqual([
      ['王 小明', 'settings', '设置', '操作员：（空） → 王 小明'],
      ['李四', 'settings', '设置', '操作员：王 小明 → 李四'],
    ]);
    expect(await call<string[]>('listAuditOperators', {})).toEqual(['李四', '王 小明']);
  });
});

/** A two-row sheet whose unit is not in the tree (the import creates it). */
async function smallSheet(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['姓名', '性别', '出生年月', '单位', '现任职务']);
  ws.addRow(['导入甲', '男', '1980.01', '审计测试局', '科员']);
  ws.addRow(['导入乙', '女', '1991.07', '审计测试局', '科员']);
  await wb.xlsx.writeFile(file);
}

async function importFile(source: { path: string } | { name: string; base64: string }): Promise<void> {
  const { jobId } = await call<{ jobId: string }>('importStart', { sources: [source], plan: { mode: 'update' } });
  for (let i = 0; ; i++) {
    const job = await call<{ state: string; error: unknown }>('importProgress', { jobId });
    if (job.state === 'planned') break;
    if (!['reading', 'planning'].includes(job.state) || i > 3000) throw new Error(`import job ${job.state}: ${JSON.stringify(job.error)}`);
    await new Promise(r => setTimeout(r, 10));
  }
  await call('importCommit', { jobId });
}

describe('every kind of change is stamped with the operator', () => {
  it('edits, paste, fill, new rows, delete/restore, undo/redo, imports, form edits, demo, backups and a restore', async () => {
    loadDemo(core.db, { cadreCount: 20 });
    // A snapshot taken before anyone named an operator (restored at the end).
    const early = await call<{ name: string }>('backupNow', {});
    const firstId = (await allEntries()).at(-1)!.id;

    await call('setOperator', { name: '审计员甲' });
    await call('saveCadres', { updates: [{ id: 1, values: { post: '副局长' } }] });
    await call('saveCadres', {
      updates: [
        { id: 2, values: { post: '科长' } },
        { id: 3, values: { post: '科长' } },
      ],
      creates: [{ values: { name: '粘贴新人', gender: '女', birth: '1995.02' } }],
      kind: 'paste',
      label: '粘贴 3 行',
    });
    await call('saveCadres', {
      updates: [
        { id: 4, values: { rank: '一级主任科员' } },
        { id: 5, values: { rank: '一级主任科员' } },
      ],
      kind: 'fill',
      label: '向下填充 2 行',
    });
    await call('saveCadres', { creates: [{ values: { name: '新录入', gender: '男', birth: '1990.05' } }], kind: 'create' });
    await call('setCadresDeleted', { ids: [6], deleted: true });
    await call('setCadresDeleted', { ids: [6], deleted: false });
    await call('stepHistory', { direction: 'undo' });
    await call('stepHistory', { direction: 'redo' });
    await call('saveFamily', { id: 7, members: [{ relation: '妻子', name: '某某', birth: '1986.04', politicalStatus: '群众', work: '某单位职员' }] });
    await call('saveFormSettings', { reportingUnit: '中共滨江市委组织部' });
    const sheet = path.join(tmp.dir, '名册.xlsx');
    await smallSheet(sheet);
    await importFile({ path: sheet });
    const lrmx = await call<{ fileName: string; base64: string }>('exportLrmx', { ids: [8] });
    await call('saveCadres', { updates: [{ id: 8, values: { remarks: '改后再由 lrmx 改回' } }] });
    await importFile({ name: lrmx.fileName, base64: lrmx.base64 });
    await call('backupNow', {});
    const usb = path.join(tmp.dir, 'usb');
    fs.mkdirSync(usb);
    setBackupDir(core.db, usb); // the CLI's --set-dir, or the main process after its folder dialog
    await call('useDefaultBackupDir', {});
    await call('loadDemo', { force: true });

    const entries = (await allEntries()).filter(e => e.id > firstId);
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.filter(e => e.operator !== '审计员甲')).toEqual([]);
    const kinds = new Set(entries.map(e => e.kind));
    for (const k of ['settings', 'edit', 'create', 'delete', 'restore', 'undo', 'redo', 'import', 'backup', 'demo'] as const) expect(kinds).toContain(k);
    const texts = entries.map(e => e.kindText);
    expect(texts).toEqual(expect.arrayContaining(['修改（粘贴）', '新增（粘贴）', '修改（向下填充）', '新增']));
    // the .lrmx run and the Excel import's new unit are entries of their own
    expect(entries.some(e => e.entity === 'import' && e.kind === 'import' && /导入任免审批表到干部名册：文件 1 个/.test(e.summary))).toBe(true);
    expect(entries.some(e => e.entity === 'unit' && e.target === '单位「审计测试局」' && e.summary === '新建单位「审计测试局」（导入「名册.xlsx」时）')).toBe(
      true,
    );
    expect(entries.some(e => e.kind === 'settings' && e.summary === '备份文件夹：（空） → ' + usb)).toBe(true);
    expect(entries.some(e => e.kind === 'settings' && e.summary.startsWith('呈报单位：（空） → 中共滨江市委组织部'))).toBe(true);
    expect(entries.some(e => e.target === '全部数据' && e.kind === 'demo' && /^清空后载入示例数据：.+，单位 \d+ 个，干部 \d+ 名$/.test(e.summary))).toBe(true);

    // A restore: into data written before any operator was named; this machine's operator stays, and stamps the restore.
    expect(getSetting(core.db, 'operator')).toBe('审计员甲');
    await call('restoreSnapshot', { name: early.name });
    expect(await call<OperatorInfo>('getOperator', {})).toMatchObject({ name: '审计员甲' });
    const restored = await allEntries();
    const last = restored.at(-1)!;
    expect(last).toMatchObject({ operator: '审计员甲', kind: 'restoreBackup', kindText: '从备份恢复', target: '全部数据' });
    expect(last.summary).toMatch(new RegExp(`^从备份「${early.name}」恢复；恢复后在册干部 20 名；恢复前的数据已另存为「cadre-desk-.+-pre-restore\\.db」$`));
    // the restored data has none of the later entries
    expect(restored.filter(e => e.operator === '审计员甲')).toEqual([last]);
  });
});

describe('a recovery at start (damaged or missing data file)', () => {
  it('writes a 从备份恢复 entry into the recovered data, stamped with the operator stored there', async () => {
    loadDemo(core.db, { cadreCount: 12 });
    await call('setOperator', { name: '备份时的操作员' });
    const snap = await call<{ name: string }>('backupNow', {});
    const dbPath = core.dbPath;
    core.close();
    fs.rmSync(dbPath);
    for (const s of ['-wal', '-shm']) fs.rmSync(dbPath + s, { force: true });
    recoverFromSnapshot(dbPath, path.join(tmp.dir, 'backups', snap.name));
    core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
    const last = (await allEntries()).at(-1)!;
    expect(last).toMatchObject({ operator: '备份时的操作员', kind: 'restoreBackup', target: '全部数据' });
    expect(last.summary).toBe(`数据文件损坏，从备份「${snap.name}」恢复；恢复后在册干部 12 名`);
  });
});
