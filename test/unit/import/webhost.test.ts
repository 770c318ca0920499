/**
 * Browser mode: the page uploads the file's bytes (base64) through the loopback
 * web host, polls the job and commits — the same routes the Electron preload calls.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import type { WebHost } from '../../../electron/web/host';
import { MAX_UPLOAD_BYTES, type ImportJob } from '../../../shared/contract/api';
import { overHttp, serveOverHttp } from '../../support/over-http';
import { tempDir } from '../../support/temp';
import { ID, tmpFile, writeSheet } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let host: WebHost;
beforeAll(async () => {
  tmp = tempDir('cadre-import-web-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  host = await serveOverHttp(core.dispatch, tmp.dir);
});
afterAll(async () => {
  await host.close();
  core.close();
  tmp.cleanup();
});

describe('import over the loopback web host', () => {
  it('upload → progress → preview → commit → listImportRuns', async () => {
    const file = tmpFile(tmp.dir, '上传.xlsx');
    writeSheet(file, [
      ['姓名', '性别', '出生年月', '身份证号'],
      ['张三', '男', '1985.03', ID.zhang],
    ]);
    const started = (
      await overHttp<{ jobId: string }>(host, 'importStart', {
        source: { name: '上传.xlsx', base64: fs.readFileSync(file).toString('base64') },
        plan: { mode: 'add' },
      })
    ).body;
    expect(started.ok).toBe(true);
    const jobId = started.ok ? started.data.jobId : '';
    let job: ImportJob;
    for (;;) {
      const r = (await overHttp<ImportJob>(host, 'importProgress', { jobId })).body;
      if (!r.ok) throw new Error(r.error.message);
      job = r.data;
      if (!['reading', 'planning'].includes(job.state)) break;
      await new Promise(res => setTimeout(res, 10));
    }
    expect(job.state).toBe('planned');
    expect(job.preview!.counts.new).toBe(1);
    const committed = (await overHttp<{ inserted: number }>(host, 'importCommit', { jobId })).body;
    expect(committed).toMatchObject({ ok: true, data: { inserted: 1 } });
    const runs = (await overHttp<{ fileName: string }[]>(host, 'listImportRuns', {})).body;
    expect(runs.ok && runs.data.map(r => r.fileName)).toEqual(['上传.xlsx']);
  });

  it('refuses an upload over the size cap before decoding it', async () => {
    const tooBig = 'A'.repeat(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4);
    const r = (await overHttp(host, 'importStart', { source: { name: 'big.xlsx', base64: tooBig } })).body;
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
