/**
 * Import benchmark: a generated roster .xlsx of 100,000 rows and 14 columns
 * imported end to end (read, detect layout, map, normalise, validate, match,
 * plan, commit as one undoable transaction) through ImportJobs — in the worker
 * thread the bundle has — against, in the same run, the floor: SheetJS with its
 * fastest options (dense, no formatted text) reading the same file, plus a
 * prepared insert of the same rows into a plain table with the same columns
 * and no triggers or extra indexes, in one transaction.
 *
 * Each side runs in a child process of its own, so its peak RSS is its own
 * (the import's worker thread shares its process). Targets: the import takes
 * at most 1.5 × the floor, and its process peaks at 600 MB of RSS or less.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { openCore } from '../../electron/services/core/core';
import { defaultWorkerScript, ImportJobs } from '../../electron/services/import/jobs';
import { planOptionsSchema } from '../../shared/contract/api';
import { makeIdNumber } from '../../shared/domain/common/idcard';

export interface ImportBenchResult {
  rows: number;
  columns: number;
  fileBytes: number;
  worker: boolean;
  /** SheetJS, dense, no formatted text: the file to an array of rows. */
  floorParseMs: number;
  /** Prepared insert of the same rows into a plain 14-column table, one transaction. */
  floorInsertMs: number;
  floorMs: number;
  /** End to end: file → committed rows, and its phases. */
  importMs: number;
  importPhasesMs: { readAndInspect: number; plan: number; commit: number };
  /** importMs / floorMs (medians of `reps` runs each). */
  ratio: number;
  /** CPU time (user + system, every thread) of each side: less sensitive to other work on the machine. */
  cpuMs: { floor: number; import: number; ratio: number };
  /** How many times each side ran (taking turns); the times are medians. */
  reps: number;
  /** Peak RSS of each side's process, the highest of its runs. */
  peakRssMb: { floor: number; import: number };
  targets: { ratio: number; peakRssMb: number };
  /** 1-minute load average when done: other work on the machine skews every figure. */
  loadAverage: number;
  pass: boolean;
  inserted: number;
  warnings: number;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯鹏飞鑫波晨阳欣然思雨佳琪子轩梓涵一诺博文俊熙宏志国庆海峰春梅秋菊冬雪';
const ETHNICITY = ['汉', '汉族', '满族', '回族', '蒙古族', '朝鲜族'];
const EDUCATION = ['大学', '大学本科', '研究生', '硕士研究生', '大专', '中央党校大学'];
const POSTS = ['局长', '副局长', '科长', '副科长', '主任科员', '科员', '办公室主任', '党组书记、局长'];
const RANKS = ['一级调研员', '二级调研员', '三级调研员', '四级调研员', '一级主任科员', '二级主任科员', '三级主任科员', '四级主任科员', '一级科员', '二级科员'];
const PLACES = ['辽宁沈阳', '辽宁大连', '吉林长春', '山东济南', '河北保定', '黑龙江哈尔滨'];
export const TARGET_RATIO = 1.5;
export const TARGET_RSS_MB = 600;
export const BENCH_HEADERS = [
  '序号',
  '单位',
  '姓名',
  '性别',
  '出生年月',
  '民族',
  '籍贯',
  '入党时间',
  '参加工作时间',
  '全日制学历',
  '现任职务',
  '职级',
  '任现职时间',
  '身份证号',
];
const PLAIN_COLUMNS = [
  'seq',
  'unit',
  'name',
  'gender',
  'birth',
  'ethnicity',
  'native_place',
  'party_date',
  'work_date',
  'ft_education',
  'post',
  'rank',
  'post_date',
  'id_number',
];

/** A deterministic roster: every row valid, IDs unique and consistent with 出生年月 and 性别. */
export function benchRoster(n: number, units: string[]): unknown[][] {
  const rows: unknown[][] = [BENCH_HEADERS];
  const pad = (x: number) => String(x).padStart(2, '0');
  for (let i = 0; i < n; i++) {
    const year = 1962 + (i % 40);
    const month = 1 + (Math.floor(i / 40) % 12);
    const day = 1 + (Math.floor(i / 480) % 28);
    const gender = (i * 7) % 3 === 0 ? '女' : '男';
    const area = String(210102 + (Math.floor(i / 13440) % 90));
    const seq = (Math.floor(i / 480 / 28) % 500) * 2;
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
    rows.push([
      i + 1,
      units[i % units.length],
      name,
      gender,
      `${year}.${pad(month)}`,
      ETHNICITY[i % ETHNICITY.length],
      PLACES[i % PLACES.length],
      `${year + 24}.${pad(((i + 3) % 12) + 1)}`,
      `${year + 22}.07`,
      EDUCATION[i % EDUCATION.length],
      POSTS[i % POSTS.length],
      RANKS[i % RANKS.length],
      `${Math.min(2024, year + 40)}.${pad(((i + 5) % 12) + 1)}`,
      makeIdNumber(area, `${year}-${pad(month)}-${pad(day)}`, seq, gender),
    ]);
  }
  return rows;
}

const UNITS = Array.from({ length: 50 }, (_, i) => `某某市第${i + 1}局`);

/** Writes the generated roster as Excel would (shared strings). */
function writeRoster(file: string, n: number): number {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(benchRoster(n, UNITS)), '花名册');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }));
  return fs.statSync(file).size;
}

interface SideReport {
  ms: Record<string, number>;
  cpuMs: number;
  peakRssMb: number;
  inserted?: number;
  warnings?: number;
  worker?: boolean;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const report = (r: SideReport) => process.stdout.write(`BENCH ${JSON.stringify(r)}\n`);

/** The floor, in this (child) process: SheetJS's fastest read, then a bare prepared insert into a plain table. */
function floorSide(file: string, dir: string): void {
  let t = performance.now();
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', dense: true, cellText: false });
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
  const parse = performance.now() - t;
  const db = new BetterSqlite3(path.join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE plain(id INTEGER PRIMARY KEY, ${PLAIN_COLUMNS.map(c => `${c} TEXT`).join(', ')})`);
  t = performance.now();
  const insert = db.prepare(`INSERT INTO plain(${PLAIN_COLUMNS.join(', ')}) VALUES (${PLAIN_COLUMNS.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (let i = 1; i < aoa.length; i++) insert.run(aoa[i].map(v => (v === undefined || v === null ? '' : String(v))));
  })();
  const insertMs = performance.now() - t;
  db.close();
  report({ ms: { parse, insert: insertMs }, cpuMs: cpuMs(), peakRssMb: process.resourceUsage().maxRSS / 1024 });
}

/** The import, in this (child) process: ImportJobs with the bundle's worker, file → committed rows. */
async function importSide(file: string, dir: string, workerScript: string | null): Promise<void> {
  const core = openCore({ dataDir: dir, appVersion: 'bench' });
  const add = core.db.prepare('INSERT INTO units(name, sort_order) VALUES (?, ?)');
  UNITS.forEach((u, i) => add.run(u, i));
  const jobs = new ImportJobs(core, { workerScript });
  const before = cpuMs();
  const t = performance.now();
  const id = await jobs.start([{ path: file }]);
  let job = await jobs.wait(id);
  const read = performance.now() - t;
  if (job.state !== 'ready') throw new Error(`read failed: ${job.error?.message}`);
  jobs.plan(id, planOptionsSchema.parse({ mode: 'update' }));
  job = await jobs.wait(id);
  const plan = performance.now() - t - read;
  if (job.state !== 'planned' || job.preview!.counts.errors > 0)
    throw new Error(`plan failed: ${job.error?.message ?? JSON.stringify(job.preview?.issues.slice(0, 3))}`);
  const result = await jobs.commit(id);
  const total = performance.now() - t;
  const cpu = cpuMs() - before;
  jobs.close();
  core.close();
  report({
    ms: { read, plan, commit: total - read - plan, total },
    cpuMs: cpu,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    inserted: result.inserted,
    warnings: result.warnings,
    worker: workerScript !== null,
  });
}

/** `node dist/bench/run.cjs --import-side floor|import FILE DIR [WORKER]`: one side, in a child process. */
export async function runSide(args: string[]): Promise<void> {
  const [side, file, dir, worker] = args;
  if (side === 'floor') floorSide(file, dir);
  else await importSide(file, dir, worker || null);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The run whose wall time is the median (its phases stay consistent with each other). */
function medianSide(runs: SideReport[], wall: (r: SideReport) => number): SideReport {
  return [...runs].sort((a, b) => wall(a) - wall(b))[Math.floor(runs.length / 2)];
}

function child(side: 'floor' | 'import', file: string, dir: string, worker: string | null): SideReport {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--import-side', side, file, dir, worker ?? ''], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find(l => l.startsWith('BENCH '));
  if (r.status !== 0 || !line) throw new Error(`${side} side failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line.slice(6)) as SideReport;
}

export function benchImport(opts: { rows?: number; workerScript?: string | null; log?: (s: string) => void } = {}): ImportBenchResult {
  const n = opts.rows ?? Number(process.env.CADRE_BENCH_IMPORT_ROWS ?? 100_000);
  const reps = Math.max(1, Number(process.env.CADRE_BENCH_IMPORT_REPS ?? 3));
  const log = opts.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-import-'));
  try {
    const file = path.join(dir, '花名册.xlsx');
    const fileBytes = writeRoster(file, n);
    log(`generated ${n} rows, ${fileBytes} bytes`);
    const worker = opts.workerScript !== undefined ? opts.workerScript : (defaultWorkerScript() ?? bundledWorker());
    // The two sides take turns, each several times in fresh processes, and each figure is the
    // median: other work on the machine slows whichever side happens to run beside it.
    const floors: SideReport[] = [];
    const imports: SideReport[] = [];
    for (let k = 0; k < reps; k++) {
      const f = child('floor', file, path.join(dir, `floor-${k}`), null);
      log(`floor ${k + 1}/${reps}: parse ${Math.round(f.ms.parse)} ms, insert ${Math.round(f.ms.insert)} ms, peak RSS ${Math.round(f.peakRssMb)} MB`);
      const i = child('import', file, path.join(dir, `import-${k}`), worker);
      log(
        `import ${k + 1}/${reps}: ${Math.round(i.ms.total)} ms (read ${Math.round(i.ms.read)}, plan ${Math.round(i.ms.plan)}, commit ${Math.round(i.ms.commit)}), peak RSS ${Math.round(i.peakRssMb)} MB`,
      );
      floors.push(f);
      imports.push(i);
    }
    const floor = medianSide(floors, r => r.ms.parse + r.ms.insert);
    const imp = medianSide(imports, r => r.ms.total);
    const floorMs = floor.ms.parse + floor.ms.insert;
    const ratio = Math.round((imp.ms.total / floorMs) * 100) / 100;
    const floorCpu = median(floors.map(r => r.cpuMs));
    const importCpu = median(imports.map(r => r.cpuMs));
    const peakRss = Math.max(...imports.map(r => r.peakRssMb));
    const ms = Math.round;
    return {
      rows: n,
      columns: BENCH_HEADERS.length,
      fileBytes,
      worker: imp.worker ?? false,
      floorParseMs: ms(floor.ms.parse),
      floorInsertMs: ms(floor.ms.insert),
      floorMs: ms(floorMs),
      importMs: ms(imp.ms.total),
      importPhasesMs: { readAndInspect: ms(imp.ms.read), plan: ms(imp.ms.plan), commit: ms(imp.ms.commit) },
      ratio,
      cpuMs: { floor: ms(floorCpu), import: ms(importCpu), ratio: Math.round((importCpu / floorCpu) * 100) / 100 },
      peakRssMb: { floor: ms(Math.max(...floors.map(r => r.peakRssMb))), import: ms(peakRss) },
      reps,
      targets: { ratio: TARGET_RATIO, peakRssMb: TARGET_RSS_MB },
      loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
      pass: ratio <= TARGET_RATIO && peakRss <= TARGET_RSS_MB,
      inserted: imp.inserted ?? 0,
      warnings: imp.warnings ?? 0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures in one line, and whether both targets were met. */
export function importVerdict(r: ImportBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rssOk = r.peakRssMb.import <= r.targets.peakRssMb;
  const ratioOk = r.ratio <= r.targets.ratio;
  return (
    `import ${r.rows} rows × ${r.columns} columns: ${s(r.importMs)} (read ${s(r.importPhasesMs.readAndInspect)}, plan ${s(r.importPhasesMs.plan)}, commit ${s(r.importPhasesMs.commit)}); ` +
    `floor ${s(r.floorMs)} (SheetJS dense read ${s(r.floorParseMs)} + plain prepared insert ${s(r.floorInsertMs)}); ` +
    `ratio ${r.ratio.toFixed(2)} (medians of ${r.reps} runs each; target ≤ ${r.targets.ratio}; CPU time ${s(r.cpuMs.import)} vs ${s(r.cpuMs.floor)}, ${r.cpuMs.ratio.toFixed(2)}); ` +
    `peak RSS ${r.peakRssMb.import} MB (target ≤ ${r.targets.peakRssMb}; floor ${r.peakRssMb.floor} MB); load average ${r.loadAverage}\n` +
    (r.pass
      ? `PASS import ratio ${r.ratio.toFixed(2)} ≤ ${r.targets.ratio}, peak RSS ${r.peakRssMb.import} MB ≤ ${r.targets.peakRssMb} MB`
      : `FAIL import ${ratioOk ? '' : `ratio ${r.ratio.toFixed(2)} > ${r.targets.ratio}`}${!ratioOk && !rssOk ? ', ' : ''}${rssOk ? '' : `peak RSS ${r.peakRssMb.import} MB > ${r.targets.peakRssMb} MB`}`)
  );
}

/** From dist/bench/run.cjs the worker bundle is ../electron/import-worker.cjs. */
function bundledWorker(): string | null {
  for (const p of [path.join(__dirname, '../electron/import-worker.cjs'), path.resolve('dist/electron/import-worker.cjs')]) {
    if (fs.existsSync(p)) return p;
  }
  return null;
}
