/**
 * The child process of the import / bulk-paste crash tests (bundled by
 * crash.test.ts with esbuild to dist/test/crash-child.cjs). It opens the
 * database as the app does (openCore) and runs one job through the same
 * dispatcher the pages use: an Excel import (importStart → plan → importCommit)
 * or a bulk paste (saveCadres with thousands of rows).
 *
 * Kill points: connection-local TEMP triggers call crash_point(kind), which
 * prints READY and freezes at the n-th insert/update of a cadre, row of the
 * undo log, audit entry or import run, so the parent can SIGKILL the process
 * right there, inside the open transaction. TEMP triggers live only in this
 * connection, never in the file.
 *
 *   node crash-child.cjs <dbPath> import <xlsx> <killAt>
 *   node crash-child.cjs <dbPath> paste <rows.json> <killAt>
 *   killAt: none | go | after | <insert|update|oprow|audit|run>:<n>
 */
import fs from 'node:fs';
import { openCore } from '../../../electron/services/core/core';

const [dbPath, job, input, killAt = 'none'] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const freeze = () => {
  say('READY');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
};

async function main() {
  const core = openCore({ dbPath, appVersion: 'crash-test' });
  const call = async (method: string, payload: unknown) => {
    const r = await core.dispatch(method, payload);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as Record<string, unknown>;
  };

  let payload: unknown;
  if (job === 'import') {
    const { jobId } = (await call('importStart', { source: { path: input }, plan: { mode: 'update' } })) as { jobId: string };
    for (;;) {
      const p = await call('importProgress', { jobId });
      if (p.state === 'planned') break;
      if (p.state !== 'reading' && p.state !== 'planning') throw new Error(`import ${String(p.state)}: ${JSON.stringify(p.error)}`);
      await new Promise(r => setTimeout(r, 5));
    }
    payload = { jobId };
  } else {
    payload = JSON.parse(fs.readFileSync(input, 'utf8'));
  }

  const [kind, nth] = killAt.split(':');
  if (nth) {
    let seen = 0;
    core.db.function('crash_point', (k: unknown) => {
      if (k === kind && ++seen === Number(nth)) freeze();
      return null;
    });
    const on = {
      insert: 'INSERT ON main.cadres',
      update: 'UPDATE ON main.cadres',
      oprow: 'INSERT ON main.operation_rows',
      audit: 'INSERT ON main.audit_log',
      run: 'INSERT ON main.import_runs',
    }[kind];
    if (!on) throw new Error(`unknown kill point ${killAt}`);
    core.db.exec(`CREATE TEMP TRIGGER crash_point_${kind} AFTER ${on} BEGIN SELECT crash_point('${kind}'); END`);
  }

  say('GO');
  const started = Date.now();
  const result = await call(job === 'import' ? 'importCommit' : 'saveCadres', payload);
  say(`DONE ${Date.now() - started} ${JSON.stringify({ inserted: result.inserted ?? (result.created as unknown[]).length })}`);
  if (killAt === 'after') freeze();
  core.close();
}

main().catch(err => {
  say(`FAILED ${(err as Error).message}`);
  process.exit(1);
});
