/**
 * `npm run bench`: speed figures for the services, printed as JSON.
 * Generates a roster in a temporary database and times what the grid and the
 * CLI do with it. Figures are medians of several runs, in milliseconds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../electron/services/core';
import { loadDemo } from '../../electron/services/demo/load';
import { listCadres } from '../../electron/services/cadres';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 100) / 100;
}

function time(fn: () => unknown, runs = 5): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

function main(): void {
  const size = Number(process.env.CADRE_BENCH_ROWS ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
  try {
    const core = openCore({ dataDir: dir, appVersion: 'bench' });
    const t0 = performance.now();
    loadDemo(core.db, { cadreCount: size });
    const loadMs = Math.round(performance.now() - t0);
    const all = listCadres(core.db);
    const json = JSON.stringify(all);
    const someUnit = (core.db.prepare('SELECT id FROM units WHERE parent_id IS NOT NULL LIMIT 1').get() as { id: number }).id;
    const result = {
      rows: all.length,
      node: process.version,
      loadDemoMs: loadMs,
      listAllMs: time(() => listCadres(core.db)),
      listAllJsonBytes: Buffer.byteLength(json),
      serializeMs: time(() => JSON.stringify(listCadres(core.db))),
      searchMs: time(() => listCadres(core.db, { search: '局' })),
      unitSubtreeMs: time(() => listCadres(core.db, { unitId: someUnit })),
      peakRssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
    core.close();
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
