/**
 * Crash safety of finalising: a child process finalising a large annual
 * round is killed with SIGKILL at several points. The reopened database
 * passes integrity_check, and the round is either fully finalised (locked,
 * every result and every 年度考核结果 written) or untouched (open, none).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { openCore } from '../../../electron/services/core/core';
import { saveCells } from '../../../electron/services/assessment/inputs';
import { saveRound } from '../../../electron/services/assessment/rounds';
import { saveSet } from '../../../electron/services/assessment/sets';
import { integrityOf } from '../../support/backup-db';
import { buildChild } from '../../support/child-build';
import { tempDir } from '../../support/temp';
import { addPeople } from './support';

const ROOT = path.resolve(__dirname, '../../..');
let CHILD = '';
const PEOPLE = 600;

beforeAll(async () => {
  CHILD = await buildChild(path.join(ROOT, 'test/unit/assessment/finalise-child.ts'), 'assessment-finalise-child');
});

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;
let roundId: number;
beforeEach(() => {
  tmp = tempDir();
  const core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  dbPath = core.dbPath;
  const ids = addPeople(
    core.db,
    Array.from({ length: PEOPLE }, (_, i) => ({ name: `干部${i}`, level: i % 2 ? '正处' : '副处' })),
  );
  const set = saveSet(core.db, { name: '年度考核', year: 2025, scope: { kind: 'all', ref: '' }, description: '', template: 'de-neng-qin-ji-lian' });
  roundId = saveRound(core.db, {
    setId: set.id,
    name: '2025年度考核',
    kind: '年度',
    year: 2025,
    period: '',
    startDate: '',
    endDate: '',
    thresholds: { excellent: 90, competent: 70, basic: 60 },
    quotaPercent: 20,
    rounding: '四舍五入',
    grouping: 'leadershipLevel',
    notes: '',
  }).id;
  // One in ten at 92 (优秀, within 20%), the rest 70–89.
  saveCells(
    core.db,
    roundId,
    ids.flatMap((cadreId, k) => set.indicators.map(i => ({ cadreId, indicatorId: i.id, value: k % 10 === 0 ? 92 : 70 + (k % 20) }))),
  );
  core.close();
});
afterEach(() => tmp.cleanup());

function runAndKill(stage: string, count?: number): Promise<{ killed: boolean; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const args = [CHILD, dbPath, String(roundId), stage, ...(count === undefined ? [] : [String(count)])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!killed && out.includes('READY\n')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not reach ${stage}: ${out} ${err}`));
    }, 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (!killed && code !== 0) return reject(new Error(`child failed (${code}): ${out} ${err}`));
      if (killed && signal !== 'SIGKILL') return reject(new Error(`child ended by ${signal ?? code}`));
      resolve({ killed, lines: out.split('\n').filter(Boolean) });
    });
  });
}

function state(): 'finalised' | 'untouched' {
  expect(integrityOf(dbPath)).toBe('ok');
  const db = openDatabase(dbPath);
  try {
    const status = (db.prepare('SELECT status FROM assessment_rounds WHERE id = ?').get(roundId) as { status: string }).status;
    const results = (db.prepare('SELECT count(*) AS n FROM assessment_results WHERE round_id = ?').get(roundId) as { n: number }).n;
    const annual = (db.prepare('SELECT count(*) AS n FROM cadre_assessments WHERE year = 2025').get() as { n: number }).n;
    const audits = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('finalise', 'assessment.finalise')").get() as { n: number }).n;
    if (status === 'finalised') {
      expect({ results, annual, audits }).toEqual({ results: PEOPLE, annual: PEOPLE, audits: PEOPLE + 1 });
      return 'finalised';
    }
    expect({ status, results, annual, audits }).toEqual({ status: 'open', results: 0, annual: 0, audits: 0 });
    return 'untouched';
  } finally {
    db.close();
  }
}

describe('finalising killed with SIGKILL', () => {
  it.each([
    ['checked', undefined, 'untouched'],
    ['results', 50, 'untouched'],
    ['results', 550, 'untouched'],
    ['annual', 300, 'untouched'],
    ['locked', PEOPLE, 'untouched'],
    ['after', undefined, 'finalised'],
  ] as const)('at %s (%s rows): the round is %s', async (stage, count, expected) => {
    const run = await runAndKill(stage, count);
    expect(run.lines).toContain('READY');
    expect(state()).toBe(expected);
    // The app opens the file and can finalise (or sees it finalised) afterwards.
    if (expected === 'untouched') {
      const done = await runAndKill('none');
      expect(done.lines).toContain('finalised');
      expect(state()).toBe('finalised');
    }
  });
});
