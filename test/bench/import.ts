/**
 * Import benchmark (issue 4): a generated roster .xlsx of 100,000 rows and 14
 * columns imported end to end (read, detect layout, map, normalise, validate,
 * match, plan, commit as one undoable transaction) through ImportJobs — in the
 * worker thread when the bundle has one — against, in the same run, bare
 * SheetJS parsing plus a bare prepared-statement insert of the same rows.
 * Target: ratio ≤ 1.5. Peak memory: the process's RSS (the worker thread
 * shares it) and the main thread's V8 heap, sampled every 25 ms.
 *
 * The lead calls benchImport() from `npm run bench` (test/bench/run.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  /** Bare SheetJS read + sheet_to_json of the same file, default options. */
  bareParseMs: number;
  /** The same with SheetJS's fastest options (dense, no formatted text): the strict baseline. */
  bareParseDenseMs: number;
  /** Bare prepared-statement insert of the same rows, one transaction. */
  bareInsertMs: number;
  bareTotalMs: number;
  /** End to end: file → committed rows. */
  importMs: number;
  importPhasesMs: { readAndInspect: number; plan: number; commit: number };
  /** importMs / (bareParseMs + bareInsertMs): the measure. */
  ratio: number;
  /** importMs / (bareParseDenseMs + bareInsertMs). */
  ratioStrict: number;
  /**
   * CPU time (user + system, every thread of the process) of the bare parse + insert and of the
   * import: less sensitive than wall time to other work on the machine, shown beside the ratio.
   */
  cpuMs: { bare: number; import: number; ratio: number };
  target: number;
  /** 1-minute load average when done: other work on the machine skews every figure. */
  loadAverage: number;
  peakRssMb: { bare: number; import: number; processMax: number };
  /** Main thread's heap in use (the worker's heap shows in the RSS only). */
  peakHeapMb: { bare: number; import: number };
  /** ratio ≤ target. */
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
/** The target: a full import takes at most 1.5 × bare parse + bare insert. */
export const TARGET_RATIO = 1.5;
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

/** Peak RSS and heap in MB. The timer only fires between chunks of synchronous work (the commit is one). */
function memorySampler(): { stop(): { rss: number; heap: number } } {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const t = setInterval(sample, 25);
  return {
    stop() {
      clearInterval(t);
      sample();
      return { rss: Math.round(rss / 1048576), heap: Math.round(heap / 1048576) };
    },
  };
}

/** Writes the generated roster as Excel would (shared strings); the workbook is garbage once written. */
function writeRoster(file: string, n: number, units: string[]): number {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(benchRoster(n, units)), '花名册');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }));
  return fs.statSync(file).size;
}

/** Parsed with SheetJS's default and fastest options, as a program that just reads the sheet would. */
function bareParse(file: string): { aoa: unknown[][]; parseMs: number; denseMs: number; denseCpuUs: number } {
  let t = performance.now();
  const parsed = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(parsed.Sheets[parsed.SheetNames[0]], { header: 1, raw: true });
  const parseMs = performance.now() - t;
  const cpu = process.cpuUsage();
  t = performance.now();
  const dense = XLSX.read(fs.readFileSync(file), { type: 'buffer', dense: true, cellText: false });
  XLSX.utils.sheet_to_json<unknown[]>(dense.Sheets[dense.SheetNames[0]], { header: 1, raw: true });
  const denseMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { aoa, parseMs, denseMs, denseCpuUs: used.user + used.system };
}

export async function benchImport(opts: { rows?: number; workerScript?: string | null; log?: (s: string) => void } = {}): Promise<ImportBenchResult> {
  const n = opts.rows ?? Number(process.env.CADRE_BENCH_IMPORT_ROWS ?? 100_000);
  const log = opts.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-import-'));
  const units = Array.from({ length: 50 }, (_, i) => `某某市第${i + 1}局`);
  try {
    const file = path.join(dir, '花名册.xlsx');
    const fileBytes = writeRoster(file, n, units);
    log(`generated ${n} rows, ${fileBytes} bytes`);

    const open = (name: string) => {
      const core = openCore({ dataDir: path.join(dir, name), appVersion: 'bench' });
      const add = core.db.prepare('INSERT INTO units(name, sort_order) VALUES (?, ?)');
      units.forEach((u, i) => add.run(u, i));
      return core;
    };

    // 1. Bare: SheetJS parse + prepared-statement insert of the same rows. Each side's data is
    // out of scope before the other runs, so neither pays for the other's garbage.
    const bareMem = memorySampler();
    const bareCpu = process.cpuUsage();
    const { bareParseMs, bareParseDenseMs, bareInsertMs, denseCpuUs } = (() => {
      const { aoa, parseMs, denseMs, denseCpuUs } = bareParse(file);
      const bare = open('bare');
      const unitId = new Map((bare.db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[]).map(u => [u.name, u.id]));
      const t = performance.now();
      const insert = bare.db.prepare(
        `INSERT INTO cadres(unit_id, name, gender, birth, ethnicity, native_place, party_date, work_date, ft_education, post, rank, post_date, id_number, sort_order)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      bare.db.transaction(() => {
        for (let i = 1; i < aoa.length; i++) {
          const r = aoa[i].map(v => (v === undefined || v === null ? '' : String(v)));
          insert.run(unitId.get(r[1]) ?? null, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], i);
        }
      })();
      const insertMs = performance.now() - t;
      bare.close();
      return { bareParseMs: parseMs, bareParseDenseMs: denseMs, bareInsertMs: insertMs, denseCpuUs };
    })();
    const { user: bu, system: bs } = process.cpuUsage(bareCpu);
    const bareMemory = bareMem.stop();
    log(`bare: parse ${Math.round(bareParseMs)} ms (dense ${Math.round(bareParseDenseMs)} ms), insert ${Math.round(bareInsertMs)} ms`);

    // 2. The importer, end to end.
    const core = open('import');
    const script = opts.workerScript !== undefined ? opts.workerScript : (defaultWorkerScript() ?? bundledWorker());
    const jobs = new ImportJobs(core, { workerScript: script });
    const importMem = memorySampler();
    const importCpu = process.cpuUsage();
    const t = performance.now();
    const id = await jobs.start([{ path: file }]);
    let job = await jobs.wait(id);
    const readMs = performance.now() - t;
    if (job.state !== 'ready') throw new Error(`read failed: ${job.error?.message}`);
    jobs.plan(id, planOptionsSchema.parse({ mode: 'update' }));
    job = await jobs.wait(id);
    const planMs = performance.now() - t - readMs;
    if (job.state !== 'planned' || job.preview!.counts.errors > 0)
      throw new Error(`plan failed: ${job.error?.message ?? JSON.stringify(job.preview?.issues.slice(0, 3))}`);
    const result = await jobs.commit(id);
    const importMs = performance.now() - t;
    const { user: iu, system: is } = process.cpuUsage(importCpu);
    const importMemory = importMem.stop();
    jobs.close();
    core.close();
    log(`import: ${Math.round(importMs)} ms (read ${Math.round(readMs)}, plan ${Math.round(planMs)}, commit ${Math.round(importMs - readMs - planMs)})`);

    const bareTotalMs = bareParseMs + bareInsertMs;
    const ratio = Math.round((importMs / bareTotalMs) * 100) / 100;
    const ms = (x: number) => Math.round(x);
    return {
      rows: n,
      columns: BENCH_HEADERS.length,
      fileBytes,
      worker: script !== null,
      bareParseMs: ms(bareParseMs),
      bareParseDenseMs: ms(bareParseDenseMs),
      bareInsertMs: ms(bareInsertMs),
      bareTotalMs: ms(bareTotalMs),
      importMs: ms(importMs),
      importPhasesMs: { readAndInspect: ms(readMs), plan: ms(planMs), commit: ms(importMs - readMs - planMs) },
      ratio,
      ratioStrict: Math.round((importMs / (bareParseDenseMs + bareInsertMs)) * 100) / 100,
      cpuMs: {
        // The dense parse is a second baseline, not part of the bare parse + insert.
        bare: ms((bu + bs - denseCpuUs) / 1000),
        import: ms((iu + is) / 1000),
        ratio: Math.round(((iu + is) / (bu + bs - denseCpuUs)) * 100) / 100,
      },
      target: TARGET_RATIO,
      loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
      peakRssMb: { bare: bareMemory.rss, import: importMemory.rss, processMax: Math.round(process.resourceUsage().maxRSS / 1024) },
      peakHeapMb: { bare: bareMemory.heap, import: importMemory.heap },
      pass: ratio <= TARGET_RATIO,
      inserted: result.inserted,
      warnings: result.warnings,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures in one line, and whether the target was met. */
export function importVerdict(r: ImportBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `import ${r.rows} rows × ${r.columns} columns: full ${s(r.importMs)} (read ${s(r.importPhasesMs.readAndInspect)}, plan ${s(r.importPhasesMs.plan)}, commit ${s(r.importPhasesMs.commit)}); ` +
    `bare ${s(r.bareTotalMs)} (SheetJS parse ${s(r.bareParseMs)} + prepared insert ${s(r.bareInsertMs)}); ` +
    `ratio ${r.ratio.toFixed(2)} (target ≤ ${r.target}; CPU time ${s(r.cpuMs.import)} vs ${s(r.cpuMs.bare)}, ${r.cpuMs.ratio.toFixed(2)}); peak RSS ${r.peakRssMb.import} MB (bare ${r.peakRssMb.bare} MB), ` +
    `peak main-thread heap ${r.peakHeapMb.import} MB (bare ${r.peakHeapMb.bare} MB); load average ${r.loadAverage}\n` +
    (r.pass ? `PASS import ratio ${r.ratio.toFixed(2)} ≤ ${r.target}` : `FAIL import ratio ${r.ratio.toFixed(2)} > ${r.target}`)
  );
}

/** From dist/bench/run.cjs the worker bundle is ../electron/import-worker.cjs. */
function bundledWorker(): string | null {
  for (const p of [path.join(__dirname, '../electron/import-worker.cjs'), path.resolve('dist/electron/import-worker.cjs')]) {
    if (fs.existsSync(p)) return p;
  }
  return null;
}
