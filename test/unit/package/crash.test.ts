/**
 * A merge killed with SIGKILL part-way leaves nothing of itself (one transaction), the data file
 * intact, and the same package merges whole afterwards.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/services/core/core';
import { buildChild } from '../../support/child-build';
import { tempDir } from '../../support/temp';
import { office } from './offices';

let CHILD = '';
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  CHILD = await buildChild(path.resolve(__dirname, '../../support/package-child.ts'), 'package-child');
});
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

function run(dataDir: string, pkg: string, freezeAt: string): Promise<{ killed: boolean; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, pkg, freezeAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') return resolve({ killed: true, out });
      if (code !== 0) return reject(new Error(`child failed (${code}): ${out} ${err}`));
      resolve({ killed: false, out });
    });
  });
}

describe('a merge killed part-way', () => {
  it('leaves all or nothing, and the package merges whole afterwards', async () => {
    const district = office(tmp.dir, '望江区');
    for (let i = 1; i <= 120; i++) district.add(`干部${i}`, i);
    const pkg = await district.send('p.cadrepkg');
    district.core.close();
    const city = path.join(tmp.dir, 'city');
    openCore({ dataDir: city, appVersion: 'test' }).close();

    const killed = await run(city, pkg, '60');
    expect(killed.killed).toBe(true);
    const after = openCore({ dataDir: city, appVersion: 'test' });
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      after.db
        .prepare(
          'SELECT (SELECT count(*) FROM cadres) + (SELECT count(*) FROM units) + (SELECT count(*) FROM package_senders) + (SELECT count(*) FROM operations)',
        )
        .pluck()
        .get(),
    ).toBe(0);
    after.close();

    const whole = await run(city, pkg, 'none');
    expect(whole).toEqual({ killed: false, out: 'merged 120\n' });
    const done = openCore({ dataDir: city, appVersion: 'test' });
    expect(done.db.prepare('SELECT count(*) FROM cadres').pluck().get()).toBe(120);
    expect(done.db.prepare('SELECT count(*) FROM package_cadres').pluck().get()).toBe(120);
    done.close();
  });
});
