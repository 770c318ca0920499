/**
 * `npm run bench`: speed figures, printed as JSON (milliseconds, medians).
 *
 * - roster: a generated roster of CADRE_BENCH_ROWS cadres (default 100,000)
 *   in a temporary database: what the grid asks for (a block of 200 rows in
 *   tree order, sorted by pinyin, filtered) and the combined-condition query;
 * - import: see test/bench/import.ts (a 100,000-row .xlsx end to end against
 *   the floor: SheetJS's fastest read plus a plain prepared insert, each side
 *   in a child process of its own).
 * Set CADRE_BENCH_ONLY=roster or =import to run one part. The import's
 * figures are also printed as one line followed by PASS or FAIL; a ratio or a
 * peak RSS over its target makes the command exit with status 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../electron/services/core/core';
import { loadDemo } from '../../electron/services/demo/load';
import { rosterPage } from '../../electron/services/roster/page';
import { benchQuery } from './query';
import { benchImport, importVerdict, runSide } from './import';

function median(fn: () => unknown, runs = 7): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return Math.round(xs[Math.floor(xs.length / 2)] * 100) / 100;
}

function benchRoster(size: number): Record<string, unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
  try {
    const core = openCore({ dataDir: dir, appVersion: 'bench' });
    const t0 = performance.now();
    loadDemo(core.db, { cadreCount: size });
    const loadDemoMs = Math.round(performance.now() - t0);
    core.db.pragma('optimize = 0x10002');
    const block = { offset: 0, limit: 200 };
    const deep = { offset: Math.floor(size / 2), limit: 200 };
    const result = {
      rows: size,
      loadDemoMs,
      gridFirstBlockMs: median(() => rosterPage(core.db, block)),
      gridMiddleBlockMs: median(() => rosterPage(core.db, deep)),
      gridSortedByPinyinMs: median(() => rosterPage(core.db, { ...block, sort: [{ colId: 'name', sort: 'asc' }] })),
      gridSortedByBirthDescMs: median(() => rosterPage(core.db, { ...deep, sort: [{ colId: 'birth', sort: 'desc' }] })),
      gridFilterPostContainsMs: median(() => rosterPage(core.db, { ...block, filters: { post: { type: 'contains', filter: '副局长' } } })),
      gridSearchPinyinMs: median(() => rosterPage(core.db, { ...block, search: 'zhang' })),
      query: benchQuery(core.db),
    };
    core.close();
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // A child process of the import bench: one side, its figures on stdout.
  const side = process.argv.indexOf('--import-side');
  if (side >= 0) return runSide(process.argv.slice(side + 1));
  const only = process.env.CADRE_BENCH_ONLY;
  const size = Number(process.env.CADRE_BENCH_ROWS ?? 100_000);
  const out: Record<string, unknown> = { node: process.version, cpus: os.cpus().length };
  if (!only || only === 'roster') out.roster = benchRoster(size);
  if (!only || only === 'import') out.import = benchImport({ rows: size, log: s => process.stderr.write(s + '\n') });
  out.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  const result = out.import as ReturnType<typeof benchImport> | undefined;
  if (result) {
    process.stdout.write(importVerdict(result) + '\n');
    if (!result.pass) process.exitCode = 1;
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
