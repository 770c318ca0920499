/**
 * Crash safety of a backup: a child process that is taking a snapshot (and
 * writing to the database meanwhile) is killed with SIGKILL at each stage.
 * Afterwards the live database passes integrity_check and holds every
 * committed transaction whole, and no file in the backup folder looks like a
 * complete snapshot unless it is one.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_NAME_PATTERN } from '../../../shared/contract/api';
import { openCore } from '../../../electron/services/core/core';
import { listSnapshots, takeSnapshot, validateDatabaseFile } from '../../../electron/services/backup/backup';
import { openDatabase } from '../../../electron/db/database';
import { addCadres, integrityOf } from '../../support/backup-db';
import { buildChild } from '../../support/child-build';
import { tempDir } from '../../support/temp';

const ROOT = path.resolve(__dirname, '../../..');
let CHILD = '';
const BASE = 600;

beforeAll(async () => {
  CHILD = await buildChild(path.join(ROOT, 'test/support/backup-child.ts'), 'backup-child');
});

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;
let backups: string;
beforeEach(() => {
  tmp = tempDir();
  const core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  addCadres(core.db, BASE);
  dbPath = core.dbPath;
  backups = path.join(tmp.dir, 'backups');
  core.close();
});
afterEach(() => tmp.cleanup());

interface Run {
  committed: number;
  snapshot: string | null;
  lines: string[];
}

/** Runs the child, kills it with SIGKILL when it says READY (or after `afterMs` of work), reports what it said. */
function runAndKill(stage: string, opts: { step?: number; afterMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbPath, stage, String(opts.step ?? 3)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    const kill = () => {
      if (!killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY\n')) kill();
      if (opts.afterMs !== undefined && out.includes('committed 1\n')) setTimeout(kill, opts.afterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const guard = setTimeout(() => {
      kill();
      reject(new Error(`child did not reach ${stage}: ${out} ${err}`));
    }, 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      const lines = out.split('\n').filter(Boolean);
      // A timed kill can reach a child that already finished on its own (exit 0): not a crash.
      if (code === 0) killed = false;
      if (!killed && code !== 0) return reject(new Error(`child failed (${code}): ${out} ${err}`));
      if (killed && signal !== 'SIGKILL') return reject(new Error(`child ended by ${signal ?? code}: ${out} ${err}`));
      const committed = Math.max(0, ...lines.filter(l => l.startsWith('committed ')).map(l => Number(l.slice(10))));
      const snap = lines.find(l => l.startsWith('snapshot '));
      resolve({ committed, snapshot: snap ? snap.slice(9) : null, lines });
    });
  });
}

/** The invariants after any kill. Returns the names of complete snapshots. */
function checkAfterCrash(run: Run): string[] {
  // the live database: intact, and every committed transaction is there whole
  expect(integrityOf(dbPath)).toBe('ok');
  const db = openDatabase(dbPath);
  const cadres = (db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n;
  db.close();
  // A transaction can be durable an instant before the child reports it: so the
  // last reported batch, or the one after it, whole; never a part of a batch.
  expect([BASE + 50 * run.committed, BASE + 50 * (run.committed + 1)]).toContain(cadres);

  // the backup folder: a file with a snapshot's name is a complete, valid snapshot; anything else is visibly partial
  const files = fs.existsSync(backups) ? fs.readdirSync(backups) : [];
  const complete = files.filter(f => SNAPSHOT_NAME_PATTERN.test(f));
  for (const f of files.filter(f => !SNAPSHOT_NAME_PATTERN.test(f))) expect(f).toMatch(/\.db\.partial(-journal|-wal|-shm)?$/);
  for (const f of complete) {
    const v = validateDatabaseFile(path.join(backups, f));
    expect(v, f).toMatchObject({ ok: true });
    if (v.ok) {
      expect(v.counts.cadres).toBeGreaterThanOrEqual(BASE);
      expect((v.counts.cadres - BASE) % 50).toBe(0);
    }
  }
  // the folder lists only complete snapshots, and the next backup works
  expect(listSnapshots(backups).map(s => s.name)).toEqual([...complete].sort().reverse());
  return complete;
}

async function nextBackupWorks() {
  const db = openDatabase(dbPath);
  try {
    const snap = await takeSnapshot(db, 'manual', { dbPath, now: new Date(2030, 0, 1, 8, 0, 0) });
    expect(validateDatabaseFile(snap.file)).toMatchObject({ ok: true });
  } finally {
    db.close();
  }
}

describe('a backup killed with SIGKILL', () => {
  it.each([
    ['copy', 1, 0],
    ['copy', 7, 0],
    ['verify', 3, 0],
    ['sync', 3, 0],
    ['rename', 3, 0],
    ['done', 3, 1],
    ['after', 3, 1],
  ] as const)('at stage %s (copy step %i): %i complete snapshot(s)', async (stage, step, expected) => {
    const run = await runAndKill(stage, { step });
    expect(run.lines).toContain('READY');
    const complete = checkAfterCrash(run);
    expect(complete).toHaveLength(expected);
    if (stage !== 'done' && stage !== 'after') {
      // the interrupted snapshot left its .partial behind, visibly incomplete
      expect(fs.readdirSync(backups).some(f => f.endsWith('.db.partial'))).toBe(true);
    }
    await nextBackupWorks();
  });

  it.each([5, 40, 120])('at an arbitrary moment (%i ms into the work)', async ms => {
    const run = await runAndKill('none', { afterMs: ms });
    checkAfterCrash(run);
    await nextBackupWorks();
  });

  it('the child finishes normally when not killed', async () => {
    const child = spawn(process.execPath, [CHILD, dbPath, 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise(resolve => child.on('exit', resolve));
    expect(code).toBe(0);
    const run: Run = {
      committed: Math.max(
        ...out
          .split('\n')
          .filter(l => l.startsWith('committed '))
          .map(l => Number(l.slice(10))),
      ),
      snapshot: null,
      lines: [],
    };
    expect(checkAfterCrash(run)).toHaveLength(1);
  });
});
