/**
 * One app window or web host per data folder: a second one is refused in Chinese naming
 * who holds the folder; a lock left by a process that is gone is taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lockDataFolder } from '../../../electron/services/core/lifecycle';
import { tempDir } from '../../support/temp';

const WEBHOST = path.resolve(__dirname, '../../../dist/electron/webhost.cjs');
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => {
  tmp.cleanup();
  vi.restoreAllMocks();
});

describe('lockDataFolder', () => {
  it('a second holder is refused with who holds it; after release the folder is free again', () => {
    const dir = path.join(tmp.dir, 'data');
    const lock = lockDataFolder(dir, 'app', new Date(2026, 10, 22, 8, 30));
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, kind: 'app' });
    if (process.platform !== 'win32') expect(fs.statSync(lock.file).mode & 0o777).toBe(0o600);
    expect(() => lockDataFolder(dir, 'web')).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: expect.stringMatching(new RegExp(`正被另一个干部工作台窗口使用（进程号 ${process.pid}，2026\\.11\\.22 08:30 启动）`)),
      }),
    );
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
    lockDataFolder(dir, 'web').release();
  });

  it('a lock whose process is gone, or that cannot be read, is taken over', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const file = path.join(tmp.dir, 'cadre-desk.lock');
    fs.writeFileSync(file, JSON.stringify({ pid: 999_999_999, kind: 'web', startedAt: new Date().toISOString() }));
    const lock = lockDataFolder(tmp.dir, 'app');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    fs.writeFileSync(file, 'garbage');
    lockDataFolder(tmp.dir, 'app').release();
  });
});

function startHost(dataDir: string): { child: ChildProcess; done: Promise<{ code: number | null; out: string }>; ready: Promise<void> } {
  const child = spawn(process.execPath, [WEBHOST, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>(resolve => (onReady = resolve));
  const collect = (d: Buffer) => {
    out += d.toString();
    if (/token=/.test(out)) onReady();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const done = new Promise<{ code: number | null; out: string }>(resolve => child.on('exit', code => resolve({ code, out })));
  return { child, done, ready };
}

describe('two web hosts on one data folder', () => {
  it('the second exits 1 with the Chinese reason naming the first; the first keeps serving and frees the folder at Ctrl+C', async () => {
    const first = startHost(tmp.dir);
    await first.ready;
    const second = await startHost(tmp.dir).done;
    expect(second.code).toBe(1);
    expect(second.out).toContain(`正被另一个浏览器模式（npm run web）使用（进程号 ${first.child.pid}`);
    expect(first.child.exitCode).toBe(null);
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(0);
    expect(fs.existsSync(path.join(tmp.dir, 'cadre-desk.lock'))).toBe(false);

    const third = startHost(tmp.dir); // a killed host's lock is stale: the next one starts
    await third.ready;
    third.child.kill('SIGKILL');
    await third.done;
    const fourth = startHost(tmp.dir);
    await fourth.ready;
    fourth.child.kill('SIGINT');
    expect((await fourth.done).code).toBe(0);
  });
});
