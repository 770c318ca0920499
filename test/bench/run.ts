/**
 * `npm run bench`: speed figures, printed as JSON (milliseconds, medians).
 *
 * - roster: a generated roster of CADRE_BENCH_ROWS cadres (default 100,000)
 *   in a temporary database: what the grid asks for (a block of 200 rows in
 *   tree order, sorted by pinyin, filtered), the combined-condition query and the 职数
 *   report for every unit beside a bare scan of the cadres table (test/bench/quota.ts);
 *   and the structure tables of 统计分析 (test/bench/stats.ts, with their floor);
 * - reminders: 工作提醒 and 数据质量 over the same roster with a few events per
 *   cadre, each beside a bare SQL scan of the cadres table (test/bench/reminders.ts);
 *   in a temporary database: each kind of grid block (first, middle, sorted
 *   by pinyin, by 出生年月 descending) against a bare indexed SELECT … ORDER BY
 *   … LIMIT 200 OFFSET n on the same database, with and without the filter's
 *   count kept; the broad 组合查询 against a bare scan of its condition; one
 *   PASS/FAIL line each (ratio target ≤ 3), a FAIL makes the exit status 1;
 * - import: see test/bench/import.ts (a 100,000-row .xlsx end to end against
 *   the floor: SheetJS's fastest read plus a plain prepared insert, each side
 *   in a child process of its own).
 * - package: see test/bench/package.ts (5 packages × 5,000 cadres, 20 with CADRE_BENCH_PACKAGES=20, merged beside a bare
 *   insert of the same rows, peak RSS; one package's preview beside its bare parse);
 *   CADRE_BENCH_PACKAGES and CADRE_BENCH_PACKAGE_CADRES change the sizes.
 * Set CADRE_BENCH_ONLY=roster, =import or =package to run one part. The import's,
 * reminders', 职数 and grid figures are also printed as lines followed by PASS or FAIL; a ratio or a
 * peak RSS over its target makes the command exit with status 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../electron/services/core/core';
import { loadDemo } from '../../electron/services/demo/load';
import { rosterPage, type PageRequest } from '../../electron/services/roster/page';
import { CADRE_SCALAR_COLUMNS } from '../../electron/services/common/cadre-columns';
import { compileQuery, queryCadres } from '../../electron/services/roster/query';
import { IN_ROSTER } from '../../electron/services/roster/api';
import type { Database } from '../../electron/db/database';
import { todayCanonical } from '../../shared/domain/common/dates';
import { benchQuery, TOWNSHIP_WOMEN_QUERY } from './query';
import { benchImport, importVerdict, runSide } from './import';
import { benchReminders, remindersVerdict } from './reminders';
import { benchQuota, quotaVerdict, type QuotaBenchResult } from './quota';
import { benchStats } from './stats';
import { benchPackages, packageVerdict, runPackageSide, type PackageBenchResult } from './package';
import { DEFAULT_DEMO_TODAY } from '../../electron/services/demo/generate';

/** Median ms of `fn` over `runs` runs; `before` runs first each time, untimed. */
function median(fn: () => unknown, runs = 9, before?: () => unknown): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return Math.round(xs[Math.floor(xs.length / 2)] * 100) / 100;
}

/** The scalar columns a grid row reads, for the bare queries to read the same. */
const ROW_COLUMNS = `c.id, c.unit_id, u.name AS unit, ${Object.values(CADRE_SCALAR_COLUMNS)
  .map(c => `c.${c}`)
  .join(', ')}, (SELECT group_concat(tag, char(31)) FROM cadre_tags t WHERE t.cadre_id = c.id) AS tags`;

interface BlockFigure {
  /** The app's block (rosterPage), the filter's count already known: median ms. */
  appMs: number;
  /** The bare indexed SELECT … ORDER BY … LIMIT 200 OFFSET n: median ms. */
  bareMs: number;
  ratio: number;
  /**
   * The tightest floor: the ids alone from the index (no table row read for the rows
   * OFFSET skips), then those 200 rows by id. Shown beside the bare query, not a target.
   */
  tightMs: number;
  tightRatio: number;
  /** The first block after the data changed (count per unit and the block): median ms. */
  coldMs: number;
  /** Bare count(*) of the same condition plus the bare block: median ms. */
  bareColdMs: number;
  coldRatio: number;
  sameRows: boolean | 'n/a';
}

const TARGET_RATIO = 3;

/**
 * The grid's block kinds against bare SQL on the same database in the same run:
 * each block's median with the filter's count already kept (what scrolling costs),
 * and the first block after a change (the count per unit computed once per filter).
 */
function benchBlocks(db: Database, size: number): Record<string, BlockFigure> {
  const mid = Math.floor(size / 2);
  // The people the grid lists: the roster, not the 回收站 nor the 历史库 (retired, transferred out).
  const live = IN_ROSTER;
  // The bare queries walk the index the app's block uses (INDEXED BY: left to itself the planner
  // may scan and sort the whole table instead, which would make a slow floor).
  const from = (index: string) => `FROM cadres c INDEXED BY ${index} LEFT JOIN units u ON u.id = c.unit_id`;
  const bareCount = () => db.prepare(`SELECT count(*) AS n FROM cadres c WHERE ${live}`).get();
  /** A change of data (one row rewritten as it was): every kept count is stale afterwards. */
  const touch = () => db.prepare('UPDATE cadres SET remarks = remarks WHERE id = (SELECT min(id) FROM cadres)').run();
  const kinds: { name: string; req: PageRequest; bare: string }[] = [
    // The tree position is not a column: the bare query walks the same index in unit-id order.
    {
      name: 'first',
      req: { offset: 0, limit: 200 },
      bare: `SELECT ${ROW_COLUMNS} ${from('cadres_live_tree')} WHERE ${live} ORDER BY c.unit_id, c.sort_order, c.status, c.id LIMIT 200 OFFSET 0`,
    },
    {
      name: 'middle',
      req: { offset: mid, limit: 200 },
      bare: `SELECT ${ROW_COLUMNS} ${from('cadres_live_tree')} WHERE ${live} ORDER BY c.unit_id, c.sort_order, c.status, c.id LIMIT 200 OFFSET ${mid}`,
    },
    {
      name: 'pinyinSorted',
      req: { offset: mid, limit: 200, sort: [{ colId: 'name', sort: 'asc' }] },
      bare: `SELECT ${ROW_COLUMNS} ${from('cadres_live_name')} WHERE ${live} ORDER BY c.name_keys, c.status, c.id LIMIT 200 OFFSET ${mid}`,
    },
    {
      name: 'birthDesc',
      req: { offset: mid, limit: 200, sort: [{ colId: 'birth', sort: 'desc' }] },
      bare: `SELECT ${ROW_COLUMNS} ${from('cadres_live_birth')} WHERE ${live} ORDER BY c.birth DESC, c.status DESC, c.id DESC LIMIT 200 OFFSET ${mid}`,
    },
  ];
  const out: Record<string, BlockFigure> = {};
  for (const k of kinds) {
    const bareBlock = () => db.prepare(k.bare).all() as { id: number }[];
    const idsOnly = k.bare.replace(`SELECT ${ROW_COLUMNS} `, 'SELECT c.id ').replace(' LEFT JOIN units u ON u.id = c.unit_id', '');
    const tightBlock = () => {
      const ids = db.prepare(idsOnly).pluck().all() as number[];
      return db
        .prepare(`SELECT ${ROW_COLUMNS} FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids));
    };
    const appMs = median(() => rosterPage(db, k.req));
    const bareMs = median(bareBlock);
    const tightMs = median(tightBlock);
    const coldMs = median(() => rosterPage(db, k.req), 9, touch);
    const bareColdMs = median(
      () => {
        bareCount();
        return bareBlock();
      },
      9,
      touch,
    );
    const sameRows =
      k.name === 'pinyinSorted' || k.name === 'birthDesc'
        ? JSON.stringify(rosterPage(db, k.req).rows.map(r => r.id)) === JSON.stringify(bareBlock().map(r => r.id))
        : 'n/a';
    out[k.name] = {
      appMs,
      bareMs,
      ratio: round2(appMs / bareMs),
      tightMs,
      tightRatio: round2(appMs / tightMs),
      coldMs,
      bareColdMs,
      coldRatio: round2(coldMs / bareColdMs),
      sameRows,
    };
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The broad 组合查询 (women, 30–50, 乡/镇/街道 in the 简历, no party-school 研究生): the grid's first
 * block of it with nothing kept (count per unit and the block) and all its rows (queryCadres),
 * against a bare scan of the same condition written by hand.
 */
function benchBroadQuery(db: Database): Record<string, unknown> {
  const today = todayCanonical();
  const compiled = compileQuery(TOWNSHIP_WOMEN_QUERY, { today });
  const extra = { ctes: compiled.ctes, where: [compiled.sql], params: compiled.params };
  const [y, m] = today.split('-').map(Number);
  /** The month after this month `years` years ago, as stored ('1976-01'). */
  const monthAfter = (years: number) => (m === 12 ? `${y - years + 1}-01` : `${y - years}-${String(m + 1).padStart(2, '0')}`);
  // Completed age 30–50 today: born after this month 51 years ago, and no later than this month 30 years ago.
  const condition = `${IN_ROSTER} AND c.gender = '女' AND c.pt_education NOT IN ('中央党校研究生', '省委党校研究生')
    AND c.birth >= '${monthAfter(51)}' AND c.birth < '${monthAfter(30)}' AND c.birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
    AND (instr(c.resume, '镇') > 0 OR instr(c.resume, '乡') > 0 OR instr(c.resume, '街道') > 0)`;
  const touch = () => db.prepare('UPDATE cadres SET remarks = remarks WHERE id = (SELECT min(id) FROM cadres)').run();
  const matches = (db.prepare(`SELECT count(*) AS n FROM cadres c WHERE ${condition}`).get() as { n: number }).n;
  const gridMs = median(() => rosterPage(db, { offset: 0, limit: 200, extra }), 5, touch);
  const bareScanMs = median(() => db.prepare(`SELECT c.id FROM cadres c WHERE ${condition}`).all(), 5);
  const rowsMs = median(() => queryCadres(db, TOWNSHIP_WOMEN_QUERY, { today }), 5);
  const bareRowsMs = median(() => db.prepare(`SELECT ${ROW_COLUMNS} FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE ${condition}`).all(), 5);
  const gridTotal = rosterPage(db, { offset: 0, limit: 1, extra }).total;
  return {
    matches,
    gridTotal,
    gridFirstBlockMs: gridMs,
    bareScanMs,
    gridRatio: round2(gridMs / bareScanMs),
    allRowsMs: rowsMs,
    bareAllRowsMs: bareRowsMs,
    allRowsRatio: round2(rowsMs / bareRowsMs),
  };
}

function benchRoster(size: number): { figures: Record<string, unknown>; verdict: string; pass: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
  try {
    const core = openCore({ dataDir: dir, appVersion: 'bench' });
    const t0 = performance.now();
    loadDemo(core.db, { cadreCount: size });
    const loadDemoMs = Math.round(performance.now() - t0);
    core.db.pragma('optimize = 0x10002');
    const block = { offset: 0, limit: 200 };
    const blocks = benchBlocks(core.db, size);
    const broad = benchBroadQuery(core.db);
    const figures = {
      rows: size,
      loadDemoMs,
      blocks,
      broadQuery: broad,
      gridFilterPostContainsMs: median(() => rosterPage(core.db, { ...block, filters: { post: { type: 'contains', filter: '副局长' } } })),
      gridSearchPinyinMs: median(() => rosterPage(core.db, { ...block, search: 'zhang' })),
      query: benchQuery(core.db),
      stats: benchStats(core.db, DEFAULT_DEMO_TODAY),
      quota: benchQuota(core.db),
      // Last: it adds events to the roster.
      reminders: benchReminders(core.db),
    };
    core.close();
    const lines: string[] = [];
    let pass = true;
    for (const [name, b] of Object.entries(blocks)) {
      const ok = b.ratio <= TARGET_RATIO && b.sameRows !== false;
      pass &&= ok;
      lines.push(
        `${ok ? 'PASS' : 'FAIL'} grid block ${name}: ${b.appMs} ms vs bare ${b.bareMs} ms, ratio ${b.ratio} (target ≤ ${TARGET_RATIO}); ` +
          `vs ids from the index then the rows ${b.tightMs} ms, ratio ${b.tightRatio}` +
          `${b.sameRows === 'n/a' ? '' : b.sameRows ? ', same rows' : ', DIFFERENT ROWS'}; after a change ${b.coldMs} ms vs bare count + block ${b.bareColdMs} ms, ratio ${b.coldRatio}`,
      );
    }
    const broadOk = (broad.gridRatio as number) <= TARGET_RATIO && (broad.allRowsRatio as number) <= TARGET_RATIO && broad.gridTotal === broad.matches;
    pass &&= broadOk;
    lines.push(
      `${broadOk ? 'PASS' : 'FAIL'} broad 组合查询 (${String(broad.matches)} matches, grid counts ${String(broad.gridTotal)}): grid first block ${String(broad.gridFirstBlockMs)} ms vs bare scan ${String(broad.bareScanMs)} ms, ratio ${String(broad.gridRatio)}; ` +
        `all rows ${String(broad.allRowsMs)} ms vs bare ${String(broad.bareAllRowsMs)} ms, ratio ${String(broad.allRowsRatio)} (target ≤ ${TARGET_RATIO})`,
    );
    return { figures, verdict: lines.join('\n'), pass };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // A child process of the import bench: one side, its figures on stdout.
  const side = process.argv.indexOf('--import-side');
  if (side >= 0) return runSide(process.argv.slice(side + 1));
  const packageSide = process.argv.indexOf('--package-side');
  if (packageSide >= 0) return runPackageSide(process.argv.slice(packageSide + 1));
  const only = process.env.CADRE_BENCH_ONLY;
  const size = Number(process.env.CADRE_BENCH_ROWS ?? 100_000);
  const out: Record<string, unknown> = { node: process.version, cpus: os.cpus().length };
  const roster = !only || only === 'roster' ? benchRoster(size) : null;
  if (roster) out.roster = roster.figures;
  if (!only || only === 'import') out.import = benchImport({ rows: size, log: s => process.stderr.write(s + '\n') });
  if (!only || only === 'package') {
    out.package = await benchPackages({
      // 5 by default keeps `npm run bench` within minutes; CADRE_BENCH_PACKAGES=20 is the city's full 100,000.
      packages: Number(process.env.CADRE_BENCH_PACKAGES ?? 5),
      cadres: Number(process.env.CADRE_BENCH_PACKAGE_CADRES ?? 5000),
      log: s => process.stderr.write(s + '\n'),
    });
  }
  out.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  const quota = (out.roster as { quota?: QuotaBenchResult } | undefined)?.quota;
  if (quota) {
    process.stdout.write(quotaVerdict(quota) + '\n');
    if (!quota.pass) process.exitCode = 1;
  }
  const reminders = (out.roster as { reminders?: ReturnType<typeof benchReminders> } | undefined)?.reminders;
  if (reminders) {
    process.stdout.write(remindersVerdict(reminders) + '\n');
    if (!reminders.pass) process.exitCode = 1;
  }
  if (roster) {
    process.stdout.write(roster.verdict + '\n');
    if (!roster.pass) process.exitCode = 1;
  }
  const pkg = out.package as PackageBenchResult | undefined;
  if (pkg) {
    process.stdout.write(packageVerdict(pkg) + '\n');
    if (!pkg.preview.pass) process.exitCode = 1;
  }
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
