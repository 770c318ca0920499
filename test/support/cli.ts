import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { tempDir } from './temp';

/**
 * The test and hook budget of a file that starts the CLI as a process (`cadre demo` in a beforeAll too). Each start takes about 0.3 s on an
 * idle machine and about 3 s at a load of 13 on 2 cores, and a test may start it ten times, so
 * the budget is counted per process started rather than the suite's 30 s. Set once at the top of
 * such a file: `vi.setConfig(CLI_TEST_BUDGET)`. A failing assertion still
 * fails at once; nothing is retried.
 */
export const CLI_TEST_BUDGET = { testTimeout: 120_000, hookTimeout: 120_000 };

/** The built CLI (test/support/global-setup.ts builds it once per run). */
export const CLI = path.resolve(__dirname, '../../dist/electron/cli.cjs');

/** Starts the built CLI as a process with these arguments (and extra environment): its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The CLI on one data file (`db()` names it; it may be set in a beforeAll): `run` gives the exit
 * code and output, `json` adds --json, expects success and parses stdout.
 */
export function cliOn(db: () => string) {
  const run = (args: string[]) => runCli(['--db', db(), ...args]);
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
