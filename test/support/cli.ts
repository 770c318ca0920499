import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { tempDir } from './temp';

/** The built CLI (test/support/global-setup.ts builds it once per run). */
export const CLI = path.resolve(__dirname, '../../dist/electron/cli.cjs');

/**
 * The CLI on one data file (`db()` names it; it may be set in a beforeAll): `run` gives the exit
 * code and output, `json` adds --json, expects success and parses stdout.
 */
export function cliOn(db: () => string) {
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, '--db', db(), ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const json = (args: string[]) => {
    const r = run([...args, '--json']);
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out);
  };
  return { run, json };
}

/** The CLI on a fresh demo data file made in beforeAll (`cadre demo`), removed in afterAll; `dir()` is its folder. */
export function demoCli() {
  let tmp: ReturnType<typeof tempDir>;
  const cli = cliOn(() => path.join(tmp.dir, 'demo.db'));
  beforeAll(() => {
    tmp = tempDir();
    expect(cli.run(['demo']).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());
  return { ...cli, dir: () => tmp.dir };
}
