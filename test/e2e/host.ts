import { test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { APIRequestContext } from '@playwright/test';
import path from 'node:path';
import { tempDir } from '../support/temp';
import { openCore } from '../../electron/services/core/core';
import { loadDemo } from '../../electron/services/demo/load';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the real browser-mode entry (dist/electron/webhost.cjs) on a fresh data folder. */
export async function startHost(opts: { demo?: boolean; demoCount?: number } = {}): Promise<RunningHost> {
  const tmp = tempDir('cadre-e2e-');
  if (opts.demoCount) {
    const core = openCore({ dataDir: tmp.dir, appVersion: 'e2e' });
    loadDemo(core.db, { cadreCount: opts.demoCount });
    core.close();
  } else if (opts.demo) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/electron/cli.cjs'), '--data-dir', tmp.dir, 'demo'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  }
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/electron/webhost.cjs'), '--data-dir', tmp.dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', code => reject(new Error(`web host exited with ${code}: ${out}`)));
  });
  return {
    url,
    dataDir: tmp.dir,
    stop: async () => {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      // The host takes an exit snapshot first; give it time, then make sure it is gone.
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      tmp.cleanup();
    },
  };
}

/** Calls a route of the running host directly, with its token (to know what the page should show). */
export async function callHost<T>(host: RunningHost, request: APIRequestContext, method: string, input: unknown): Promise<T> {
  const url = new URL(host.url);
  const res = await request.post(`${url.origin}/api/${method}`, { headers: { 'x-cadre-token': url.searchParams.get('token') ?? '' }, data: input });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

/** A fresh data folder behind the web host for each test of the file: call `host()` for the running one. */
export function hostPerTest(opts: Parameters<typeof startHost>[0] = {}): () => RunningHost {
  let running: RunningHost | undefined;
  test.beforeEach(async () => {
    running = await startHost(opts);
  });
  test.afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  return () => running!;
}
