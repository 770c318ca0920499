/**
 * Package benchmark (上报 / 接收 / 汇总): a city receives CADRE_BENCH_PACKAGES packages
 * (default 5; 20 is the issue's 100,000) of CADRE_BENCH_PACKAGE_CADRES cadres each (default 5,000).
 *
 * One district's roster is generated (the demo generator) and exported by the app; the other
 * packages are that package with other people in it (other ID numbers and sender), re-hashed as
 * the exporter does. The merge side — preview of all packages together, then the one-step
 * merge — runs in a child process of its own (its peak RSS is its own); beside it, in another
 * child, the floor: the same parts unzipped and parsed, and the same rows (cadres with family
 * and annual results, events) inserted by prepared statements into plain tables with no
 * triggers or indexes, one transaction.
 *
 * Also the preview of one package against an empty database beside its bare parse (unzip +
 * JSON.parse of every part): target ≤ 2×.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openCore } from '../../electron/services/core/core';
import { buildZip, readZipDirectory, zipEntryBytes } from '../../electron/services/common/zip';
import { loadDemo } from '../../electron/services/demo/load';
import { sha256 } from '../../electron/services/package/records';
import { makeIdNumber } from '../../shared/domain/common/idcard';
import { routeCalls } from '../support/dispatch';

/** Preview and bare-parse rounds (alternated). */
const PREVIEW_RUNS = 7;
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
export const PREVIEW_TARGET_RATIO = 2;

export interface PackageBenchResult {
  packages: number;
  cadresPerPackage: number;
  packageBytes: number;
  merge: { previewMs: number; mergeMs: number; totalMs: number; cadres: number; peakRssMb: number };
  floor: { parseMs: number; insertMs: number; totalMs: number; peakRssMb: number };
  mergeRatio: number;
  preview: { ms: number; bareParseMs: number; ratio: number; target: number; pass: boolean };
}

function parts(bytes: Buffer): Map<string, Buffer> {
  const dir = readZipDirectory(bytes)!;
  return new Map(dir.entries.map(e => [e.name, Buffer.from(zipEntryBytes(bytes, e)!)]));
}

/** Package `k`: the same roster with other people (ID numbers, names) from another sender. */
function variant(base: Map<string, Buffer>, k: number): Buffer {
  const out = new Map(base);
  const cadres = JSON.parse(base.get('data/cadres.json')!.toString('utf8')) as { fields: Record<string, string> }[];
  cadres.forEach((c, i) => {
    const birth = /^\d{4}-\d{2}/.test(c.fields.birth ?? '') ? `${c.fields.birth.slice(0, 7)}-15` : '1980-01-15';
    c.fields.birth = birth.slice(0, 7);
    // odd sequence numbers only: the gender digit's parity may bump one by 1, never onto another
    c.fields.idNumber = makeIdNumber(String(110000 + k * 100 + Math.floor(i / 400)), birth, (i % 400) * 2 + 1, c.fields.gender === '女' ? '女' : '男');
    c.fields.name = `${c.fields.name}${k}`;
  });
  out.set('data/cadres.json', Buffer.from(JSON.stringify(cadres)));
  const manifest = JSON.parse(base.get('manifest.json')!.toString('utf8'));
  manifest.sender = { id: `bench-sender-${k}`, name: `第${k + 1}区` };
  for (const p of manifest.parts) {
    const data = out.get(p.name)!;
    p.size = data.length;
    p.sha256 = sha256(data);
  }
  out.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return buildZip([...out].map(([name, data]) => ({ name, data })));
}

const ms = (t: number) => Math.round(performance.now() - t);

/** One side in this process (called as a child): prints its figures as JSON. */
export async function runPackageSide([side, dir]: string[]): Promise<void> {
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.cadrepkg'))
    .sort()
    .map(f => path.join(dir, f));
  let figures: Record<string, number>;
  if (side === 'merge') {
    const core = openCore({ dataDir: path.join(dir, 'city'), appVersion: 'bench' });
    const r = routeCalls(core);
    const t0 = performance.now();
    const preview = await r.call('previewPackages', { files: files.map(p => ({ path: p })) });
    const previewMs = ms(t0);
    const t1 = performance.now();
    const merged = await r.call('mergePackages', { planId: preview.planId });
    figures = { previewMs, mergeMs: ms(t1), totalMs: ms(t0), cadres: merged.new };
    core.close();
  } else {
    const t0 = performance.now();
    const read = files.map(f => {
      const p = parts(fs.readFileSync(f));
      return {
        cadres: JSON.parse(p.get('data/cadres.json')!.toString('utf8')) as {
          id: number;
          fields: Record<string, string>;
          family: Record<string, string>[];
          assessments: Record<string, unknown>[];
        }[],
        events: JSON.parse(p.get('data/events.json')!.toString('utf8')) as Record<string, unknown>[],
        units: JSON.parse(p.get('data/units.json')!.toString('utf8')) as { name: string }[],
      };
    });
    const parseMs = ms(t0);
    const db = new BetterSqlite3(path.join(dir, 'floor.db'));
    db.pragma('journal_mode = WAL');
    const fields = [...new Set(read.flatMap(p => p.cadres.slice(0, 50).flatMap(c => Object.keys(c.fields))))];
    db.exec(`CREATE TABLE cadres(id INTEGER PRIMARY KEY, ${fields.map(f => `"${f}" TEXT`).join(', ')});
      CREATE TABLE family(cadre_id INTEGER, relation TEXT, name TEXT, birth TEXT, political_status TEXT, work TEXT);
      CREATE TABLE assessments(cadre_id INTEGER, year INTEGER, grade TEXT, note TEXT);
      CREATE TABLE events(cadre_id INTEGER, kind TEXT, date TEXT, post TEXT, doc_no TEXT);
      CREATE TABLE units(id INTEGER PRIMARY KEY, name TEXT);`);
    const t1 = performance.now();
    const cadre = db.prepare(`INSERT INTO cadres(${fields.map(f => `"${f}"`).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`);
    const family = db.prepare('INSERT INTO family VALUES (?, ?, ?, ?, ?, ?)');
    const assessment = db.prepare('INSERT INTO assessments VALUES (?, ?, ?, ?)');
    const event = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
    const unit = db.prepare('INSERT INTO units(name) VALUES (?)');
    db.transaction(() => {
      for (const p of read) {
        for (const u of p.units) unit.run(u.name);
        const ids = new Map<number, number>();
        for (const c of p.cadres) {
          const id = Number(cadre.run(fields.map(f => c.fields[f] ?? '')).lastInsertRowid);
          ids.set(c.id, id);
          for (const f of c.family) family.run(id, f.relation, f.name, f.birth, f.politicalStatus, f.work);
          for (const a of c.assessments) assessment.run(id, a.year, a.grade, a.note);
        }
        for (const e of p.events) event.run(ids.get(e.cadreId as number), e.kind, e.date, e.post, e.docNo);
      }
    })();
    figures = { parseMs, insertMs: ms(t1), totalMs: ms(t0) };
    db.close();
  }
  figures.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify(figures));
}

function side(name: string, dir: string): Record<string, number> {
  const r = spawnSync(process.execPath, [process.argv[1], '--package-side', name, dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`package bench ${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

export async function benchPackages(opts: { packages: number; cadres: number; log: (s: string) => void }): Promise<PackageBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-package-'));
  try {
    opts.log(`package bench: a district of ${opts.cadres} cadres, ${opts.packages} packages`);
    const district = openCore({ dataDir: path.join(dir, 'district'), appVersion: 'bench' });
    loadDemo(district.db, { cadreCount: opts.cadres });
    const first = path.join(dir, 'district.pkg');
    await routeCalls(district).call('exportPackage', { date: '2026-12-06', outPath: path.join(dir, 'district.cadrepkg') });
    district.close();
    fs.renameSync(path.join(dir, 'district.cadrepkg'), first);
    const bytes = fs.readFileSync(first);
    const base = parts(bytes);
    for (let k = 0; k < opts.packages; k++) fs.writeFileSync(path.join(dir, `p${String(k).padStart(2, '0')}.cadrepkg`), variant(base, k));

    // Preview of one package into an empty database, beside its bare parse.
    const one = fs.readFileSync(path.join(dir, 'p00.cadrepkg'));
    const empty = openCore({ dataDir: path.join(dir, 'empty'), appVersion: 'bench' });
    const r = routeCalls(empty);
    const file = path.join(dir, 'p00.cadrepkg');
    const bareParse = () => {
      for (const [name, data] of parts(one)) if (name.endsWith('.json')) JSON.parse(data.toString('utf8'));
    };
    const preview = () => r.call('previewPackages', { files: [{ path: file }] });
    bareParse(); // warm both
    await preview();
    // Alternated, so a busy moment on the machine falls on both sides alike; medians of each.
    const parseTimes: number[] = [];
    const previewTimes: number[] = [];
    for (let i = 0; i < PREVIEW_RUNS; i++) {
      let t = performance.now();
      bareParse();
      parseTimes.push(performance.now() - t);
      t = performance.now();
      await preview();
      previewTimes.push(performance.now() - t);
    }
    empty.close();
    const bareParseMs = median(parseTimes);
    const previewMs = median(previewTimes);

    opts.log('package bench: merging');
    const merge = side('merge', dir);
    opts.log('package bench: floor');
    const floor = side('floor', dir);
    const previewRatio = Math.round((previewMs / Math.max(1, bareParseMs)) * 100) / 100;
    return {
      packages: opts.packages,
      cadresPerPackage: opts.cadres,
      packageBytes: one.length,
      merge: merge as PackageBenchResult['merge'],
      floor: floor as PackageBenchResult['floor'],
      mergeRatio: Math.round((merge.totalMs / Math.max(1, floor.totalMs)) * 100) / 100,
      preview: { ms: previewMs, bareParseMs, ratio: previewRatio, target: PREVIEW_TARGET_RATIO, pass: previewRatio <= PREVIEW_TARGET_RATIO },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function packageVerdict(r: PackageBenchResult): string {
  return [
    `INFO package merge: ${r.packages} packages × ${r.cadresPerPackage} cadres (${r.merge.cadres} merged): preview ${r.merge.previewMs} ms + merge ${r.merge.mergeMs} ms = ${r.merge.totalMs} ms, peak RSS ${r.merge.peakRssMb} MB; ` +
      `floor (unzip + parse ${r.floor.parseMs} ms, bare insert ${r.floor.insertMs} ms) ${r.floor.totalMs} ms, peak RSS ${r.floor.peakRssMb} MB; ratio ${r.mergeRatio}`,
    `${r.preview.pass ? 'PASS' : 'FAIL'} package preview (${r.cadresPerPackage} cadres, ${Math.round(r.packageBytes / 1024)} KB): ${r.preview.ms} ms vs bare parse ${r.preview.bareParseMs} ms, ratio ${r.preview.ratio} (target ≤ ${r.preview.target})`,
  ].join('\n');
}
