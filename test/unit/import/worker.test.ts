/**
 * The import off the main thread: the bundled worker (dist/electron/import-worker.cjs,
 * built by the global setup) reads and plans with progress events; cancelling
 * terminates it and leaves the database exactly as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { ImportJobs } from '../../../electron/services/import/jobs';
import { planOptionsSchema } from '../../../shared/contract/api';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { tempDir } from '../../support/temp';
import { dbFingerprint, tmpFile, writeSheet } from './fixtures';

const WORKER = path.resolve(__dirname, '../../../dist/electron/import-worker.cjs');

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let jobs: ImportJobs;
let events: { jobId: string; phase: string; done: number; total: number }[];
beforeEach(() => {
  tmp = tempDir('cadre-import-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  events = [];
  jobs = new ImportJobs(core, { workerScript: WORKER, onProgress: (jobId, p) => events.push({ jobId, ...p }) });
});
afterEach(() => {
  jobs.close();
  core.close();
  tmp.cleanup();
});

function roster(file: string, n: number): void {
  const rows: unknown[][] = [['序号', '姓名', '性别', '出生年月', '民族', '身份证号', '现任职务']];
  for (let i = 0; i < n; i++) {
    const gender = i % 2 ? '男' : '女';
    const birth = `19${60 + (i % 35)}-${String((i % 12) + 1).padStart(2, '0')}-15`;
    rows.push([i + 1, `干部${i}`, gender, birth.slice(0, 7).replace('-', '.'), '汉族', makeIdNumber('210102', birth, i % 1000, gender), '科员']);
  }
  writeSheet(file, rows);
}

describe('ImportJobs with the bundled worker', () => {
  it('exists (built by the vitest global setup)', () => {
    expect(fs.existsSync(WORKER)).toBe(true);
    expect(jobs.threaded).toBe(true);
  });

  it('reads, plans and commits in the worker with progress (rows done / total); the main thread stays free', async () => {
    const file = tmpFile(tmp.dir, 'big.xlsx');
    roster(file, 3000);
    const id = await jobs.start([{ path: file }], { kind: 'roster' }, planOptionsSchema.parse({ mode: 'update' }));
    let mainThreadTicks = 0;
    const ticker = setInterval(() => mainThreadTicks++, 5); // the main thread stays free meanwhile
    while (['reading', 'planning'].includes(jobs.progress(id).state)) await new Promise(r => setTimeout(r, 5));
    clearInterval(ticker);
    const job = jobs.progress(id);
    expect(job.error).toBeNull();
    expect(job.state).toBe('planned');
    expect(job.preview!.counts).toMatchObject({ rows: 3000, new: 3000, errors: 0 });
    // Progress events from the worker: the phases in order, rows done / total.
    const phases = [...new Set(events.map(e => e.phase))];
    expect(phases.slice(0, 3)).toEqual(['正在读取文件', '正在识别表格结构', '正在检查数据']);
    const checking = events.filter(e => e.phase === '正在检查数据');
    expect(checking.every(e => e.total === 3000 && e.jobId === id)).toBe(true);
    expect(checking.map(e => e.done)).toEqual([...checking.map(e => e.done)].sort((a, b) => a - b));
    expect(job).toMatchObject({ done: 3000, total: 3000 });
    expect(mainThreadTicks).toBeGreaterThan(3);
    const report = await jobs.report(id); // the worker still holds the file
    expect(report.fileName).toBe('big-问题报告.xlsx');
    const rows = await jobs.previewRows(id, 'new', 10, 5); // pages come from the worker, which holds the plan
    expect(rows.total).toBe(3000);
    expect(rows.rows.map(r => r.row)).toEqual([12, 13, 14, 15, 16]);
    const ticks = mainThreadTicks;
    const ticking = setInterval(() => mainThreadTicks++, 5);
    const result = await jobs.commit(id); // written by the worker's own connection, in one transaction
    clearInterval(ticking);
    expect(result.inserted).toBe(3000);
    expect(mainThreadTicks).toBeGreaterThan(ticks);
    expect(dbFingerprint(core.db).cadres).toBe(3000);
    await expect(jobs.report(id)).rejects.toThrow(/请先完成数据检查|已不可用/); // the worker was stopped to free its memory
  });

  it('cancel while reading: the worker is stopped and the database is exactly as before', async () => {
    const file = tmpFile(tmp.dir, 'cancel.xlsx');
    roster(file, 20000);
    const before = dbFingerprint(core.db);
    const id = await jobs.start([{ path: file }], { kind: 'roster' }, planOptionsSchema.parse({}));
    await new Promise(r => setTimeout(r, 50));
    expect(['reading', 'planning']).toContain(jobs.progress(id).state);
    expect(jobs.cancel(id)).toBe(true);
    const job = await jobs.wait(id);
    expect(job.state).toBe('cancelled');
    expect(job.error?.message).toMatch(/已取消/);
    await expect(jobs.commit(id)).rejects.toThrow(/请先完成数据检查/);
    expect(dbFingerprint(core.db)).toEqual(before);
  });

  it('a hostile file fails in the worker with the same Chinese message', async () => {
    const file = tmpFile(tmp.dir, 'empty.xlsx');
    fs.writeFileSync(file, '');
    const id = await jobs.start([{ path: file }]);
    const job = await jobs.wait(id);
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/「empty\.xlsx」是空文件/);
  });
});
