/**
 * Browser mode: the page uploads the file's bytes (base64) through the loopback
 * web host, polls the job and commits — the same routes the Electron preload calls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { startWebHost, type WebHost } from '../../../electron/web/host';
import { TOKEN_HEADER, MAX_UPLOAD_BYTES, type ImportJob } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { tempDir } from '../../support/temp';
import { ID, tmpFile, writeSheet } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let host: WebHost;
beforeAll(async () => {
  tmp = tempDir('cadre-import-web-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  host = await startWebHost({ dispatch: core.dispatch, staticDir: path.join(tmp.dir, 'static') });
});
afterAll(async () => {
  await host.close();
  core.close();
  tmp.cleanup();
});

async function post<T>(method: string, input: unknown): Promise<ApiResult<T>> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify(input),
  });
  return (await res.json()) as ApiResult<T>;
}

describe('import over the loopback web host', () => {
  it('upload → progress → preview → commit → listImportRuns', async () => {
    const file = tmpFile(tmp.dir, '上传.xlsx');
    writeSheet(file, [['姓名', '性别', '出生年月', '身份证号'], ['张三', '男', '1985.03', ID.zhang]]);
    const started = await post<{ jobId: string }>('importStart', { source: { name: '上传.xlsx', base64: fs.readFileSync(file).toString('base64') }, plan: { mode: 'add' } });
    expect(started.ok).toBe(true);
    const jobId = started.ok ? started.data.jobId : '';
    let job: ImportJob;
    for (;;) {
      const r = await post<ImportJob>('importProgress', { jobId });
      if (!r.ok) throw new Error(r.error.message);
      job = r.data;
      if (!['reading', 'planning'].includes(job.state)) break;
      await new Promise(res => setTimeout(res, 10));
    }
    expect(job.state).toBe('planned');
    expect(job.preview!.counts.new).toBe(1);
    const committed = await post<{ inserted: number }>('importCommit', { jobId });
    expect(committed).toMatchObject({ ok: true, data: { inserted: 1 } });
    const runs = await post<{ fileName: string }[]>('listImportRuns', {});
    expect(runs.ok && runs.data.map(r => r.fileName)).toEqual(['上传.xlsx']);
  });

  it('refuses an upload over the size cap before decoding it', async () => {
    const tooBig = 'A'.repeat(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4);
    const r = await post('importStart', { source: { name: 'big.xlsx', base64: tooBig } });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
