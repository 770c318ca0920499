/**
 * Hostile requests at the doors: the web host and the dispatcher the Electron IPC
 * registration uses (pageDispatch over core.dispatch). None may end the process,
 * hold it for long, or answer in anything but Chinese; the host keeps answering.
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { openCore, type Core } from '../../../electron/services/core/core';
import { pageDispatch } from '../../../electron/services/core/dispatcher';
import { MAX_DEPTH, MAX_VALUES } from '../../../electron/services/core/input-bounds';
import { startWebHost, type WebHost } from '../../../electron/web/host';
import { tempDir } from '../../support/temp';
import { nestedValue } from './wrong-inputs';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  host = await startWebHost({ dispatch: pageDispatch(core.dispatch), staticDir: path.join(tmp.dir, 'static') });
});
afterAll(async () => {
  await host.close();
  core.close();
  tmp.cleanup();
});

/** A raw POST (the body as given, no JSON encoding), answered as status + parsed JSON. */
function post(pathName: string, body: string | Buffer): Promise<{ status: number; json: ApiResult<unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathName, method: 'POST', headers: { [TOKEN_HEADER]: host.token, 'content-type': 'application/json' } },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const alive = async () => {
  const r = await post('/api/getStatus', '{}');
  expect(r.status).toBe(200);
  expect(r.json.ok).toBe(true);
};

/** `{"a":{"a":…}}` nested `levels` deep, as JSON text. */
const nestedText = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

const chinese = (r: ApiResult<unknown>) => {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
};

describe('web host', () => {
  it('answers a malformed percent escape in the method name with 400 and keeps serving', async () => {
    for (const p of ['/api/%', '/api/%E0%A4%A', '/api/%zz']) {
      const r = await post(p, '{}');
      expect(r.status).toBe(400);
      chinese(r.json);
    }
    await alive();
  });

  it('refuses a 5,000-level nested 组合查询 before validation, in Chinese', async () => {
    const body = `{"name":"深","query":${nestedText(5_000)},"columns":[],"sort":[]}`;
    expect(body.length).toBeGreaterThan(20_000);
    const r = await post('/api/saveView', body);
    expect(r.status).toBe(400);
    chinese(r.json);
    if (!r.json.ok) expect(r.json.error.message).toContain('嵌套过深');
    await alive();
  });

  it('answers a 50 MB body of a 26-million-element array with 413 in seconds, not minutes', async () => {
    const body = '{"name":"x","query":[' + '0,'.repeat(26_000_000) + '0]}';
    expect(body.length).toBeGreaterThan(50_000_000);
    const started = Date.now();
    const r = await post('/api/saveView', body);
    expect(r.status).toBe(413);
    chinese(r.json);
    expect(Date.now() - started).toBeLessThan(10_000);
    await alive();
  });

  it('caps ordinary requests far below an upload, which may carry a large file', async () => {
    const pad = 'A'.repeat(10 * 1024 * 1024);
    const ordinary = await post('/api/saveView', `{"name":"${pad}"}`);
    expect(ordinary.status).toBe(413);
    // An upload route takes the same 10 MB to the service, which reports the file as unreadable in its plan.
    const upload = await post('/api/importStart', JSON.stringify({ sources: [{ name: 'a.lrmx', base64: pad }], plan: {} }));
    expect(upload.status).toBe(200);
    const { jobId } = (upload.json as { ok: true; data: { jobId: string } }).data;
    let job: { state: string } = { state: 'reading' };
    while (['reading', 'planning'].includes(job.state))
      job = ((await post('/api/importProgress', JSON.stringify({ jobId }))).json as { data: typeof job }).data;
    expect(job.state).toBe('planned');
    expect(JSON.stringify(job)).toMatch(/[\u4e00-\u9fff]/);
    await alive();
  });

  it('refuses an array wider than the value bound even when it is small in bytes per value', async () => {
    const body = '{"name":"x","query":[' + '[],'.repeat(MAX_VALUES) + '[]]}';
    const r = await post('/api/saveView', body);
    expect([400, 413]).toContain(r.status);
    chinese(r.json);
    await alive();
  });
});

describe('the dispatcher behind Electron IPC (pageDispatch over core.dispatch)', () => {
  const ipc = () => pageDispatch(core.dispatch);

  it('refuses nesting past the bound for every shape, without a stack overflow', async () => {
    for (const levels of [MAX_DEPTH + 1, 5_000, 100_000]) {
      const r = await ipc()('saveView', { name: '深', query: nestedValue(levels), columns: [], sort: [] });
      chinese(r);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    // core.dispatch alone (the CLI's door) is bounded too.
    chinese(await core.dispatch('saveView', { name: '深', query: nestedValue(100_000), columns: [], sort: [] }));
  });

  it('refuses a huge array at once instead of walking it', async () => {
    const huge = new Array(5_000_000).fill(0);
    const started = Date.now();
    const r = await ipc()('saveView', { name: 'x', query: huge });
    chinese(r);
    if (!r.ok) expect(r.error.message).toContain('过多');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('still takes an ordinary nested 组合查询', async () => {
    const query = { where: { join: 'and', items: [{ field: 'gender', op: 'in', value: ['女'] }] } };
    const r = await ipc()('saveView', { name: '女干部', query, columns: ['name'], sort: [] });
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });
});
