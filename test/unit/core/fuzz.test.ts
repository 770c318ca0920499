/**
 * Generated wrong input for every route of the contract (iterating `methods`,
 * so a route added later is fuzzed without a line here). Each input goes
 * through core.dispatch (the door IPC uses), a sample of them over the
 * loopback web host's HTTP path as JSON text. Every answer is ok:false with a
 * refusal (VALIDATION when the contract refuses it; NOT_FOUND / FORBIDDEN /
 * CONFLICT when a handler does), never INTERNAL and never a throw; the process
 * lives on, Object.prototype stays clean, and a refused input changes nothing
 * in the database. Deep nesting and huge arrays are among the cases and must be
 * refused before validation. Inputs the contract happens to accept (a huge id, an
 * empty string where one is allowed) may succeed, but must not fail inside.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, routes, type Method } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { openCore, type Core } from '../../../electron/services/core/core';
import { pageDispatch } from '../../../electron/services/core/dispatcher';
import { cadreInserter } from '../../../electron/services/roster/cadres';
import type { WebHost } from '../../../electron/web/host';
import { overHttp, serveOverHttp } from '../../support/over-http';
import { tempDir } from '../../support/temp';
import { sampleOf, wrongInputs, type WrongInput } from './wrong-inputs';

/** The refusals a handler may give to input the contract let through. */
const REFUSALS = ['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'];

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  tmp = tempDir('cadre-fuzz-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  const unit = Number(core.db.prepare("INSERT INTO units(name, kind) VALUES ('市财政局', '机关')").run().lastInsertRowid);
  const insert = cadreInserter(core.db);
  for (const name of ['张三', '李四', '王五']) insert({ unitId: unit, name, birth: '1985-03' });
  host = await serveOverHttp(pageDispatch(core.dispatch), tmp.dir);
});
afterAll(async () => {
  await host?.close();
  core?.close();
  tmp?.cleanup();
});

/** Every row of every table (the file's whole content): equal means unchanged. */
function contentHash(): string {
  const h = crypto.createHash('sha256');
  const tables = core.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables)
    h.update(name).update(JSON.stringify(core.db.prepare(`SELECT * FROM "${name}"`).raw().all(), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  return h.digest('hex');
}

/**
 * A cheap change detector: SQLite's total_changes() counts every row any
 * statement of this connection inserted, updated or deleted (triggers too),
 * even in a transaction rolled back later. Only when it moved (or the handle
 * was replaced by a restore) is the whole content hashed.
 */
let last: { db: unknown; changes: number; hash: string } | null = null;
function fingerprint(): string {
  const changes = (core.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  if (!last || last.db !== core.db || last.changes !== changes) last = { db: core.db, changes, hash: contentHash() };
  return last.hash;
}

function prototypeClean(): string | null {
  const probe = {} as Record<string, unknown>;
  if (Object.keys(Object.prototype).length) return `Object.prototype gained ${Object.keys(Object.prototype).join(',')}`;
  if (probe.polluted !== undefined || (Object.prototype as Record<string, unknown>).polluted !== undefined) return 'Object.prototype.polluted is set';
  if (Object.getPrototypeOf(probe) !== Object.prototype) return 'a fresh object lost its prototype';
  return null;
}

/** What went wrong with one answer, or null. */
function judge(
  method: Method,
  c: WrongInput,
  accepted: boolean,
  r: ApiResult<unknown> | undefined,
  before: string,
  after: string,
  door: 'core' | 'page' = 'core',
): string | null {
  const where = `${method} (${c.what})`;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return `${where}: not an ApiResult: ${JSON.stringify(r)?.slice(0, 200)}`;
  const polluted = prototypeClean();
  if (polluted) return `${where}: ${polluted}`;
  if (r.ok) return accepted ? null : `${where}: the contract refuses this input, yet the call succeeded`;
  const { code, message } = r.error;
  // Pages may not name a path nor ask for one (pageDispatch answers FORBIDDEN before the contract is consulted).
  const forbidden = () => method === 'backupDirPath' || /"(path|outPath|outDir)":"/.test(JSON.stringify(c.input) ?? '');
  const expected = door === 'page' && forbidden() ? 'FORBIDDEN' : 'VALIDATION';
  if (!accepted && code !== expected) return `${where}: refused by the contract but answered ${code} (expected ${expected})`;
  if (!REFUSALS.includes(code)) return `${where}: ${code} ${message.slice(0, 300)} ${JSON.stringify(r.error.details ?? '').slice(0, 300)}`;
  if (!/[\u4e00-\u9fff]/.test(message)) return `${where}: the message is not Chinese: ${message.slice(0, 200)}`;
  if (after !== before) return `${where}: refused (${code}) but the database changed`;
  return null;
}

describe('generated wrong input for every route', () => {
  it('every route has a sample the contract accepts, so its fields are reachable', () => {
    const none = methods.filter(m => {
      const s = sampleOf(routes[m].input);
      return s === undefined || !routes[m].input.safeParse(s).success;
    });
    expect(none).toEqual([]);
  });

  it('the change detector is real: a refused call that wrote something is reported', () => {
    const before = fingerprint();
    core.db.prepare("INSERT INTO settings(key, value) VALUES ('fuzz.probe', '1')").run();
    const after = fingerprint();
    const refused = { ok: false, error: { code: 'NOT_FOUND', message: '找不到' } } as const;
    expect(judge('getCadre', { what: 'probe', input: { id: 2 ** 31 } }, true, refused, before, after)).toMatch(/database changed/);
    core.db.prepare("DELETE FROM settings WHERE key = 'fuzz.probe'").run();
    expect(fingerprint()).toBe(before);
    expect(
      judge('getCadre', { what: 'probe', input: { id: 2 ** 31 } }, true, { ok: false, error: { code: 'INTERNAL', message: '内部错误' } }, before, before),
    ).toMatch(/INTERNAL/);
  });

  it.each(methods.map(m => [m]))('%s: refused cleanly through core.dispatch', async method => {
    const cases = wrongInputs(routes[method].input);
    expect(cases.length).toBeGreaterThan(5);
    const problems: string[] = [];
    let before = fingerprint();
    for (const c of cases) {
      const accepted = c.hostile ? false : routes[method].input.safeParse(c.input).success;
      let r: ApiResult<unknown> | undefined;
      try {
        r = await core.dispatch(method, c.input);
      } catch (err) {
        problems.push(`${method} (${c.what}): threw ${(err as Error).message}`);
        continue;
      }
      const after = fingerprint();
      const p = judge(method, c, accepted, r, before, after);
      if (p) problems.push(p);
      before = after;
    }
    expect(problems).toEqual([]);
    // The process lives on and still answers.
    expect(await core.dispatch('getStatus', {})).toMatchObject({ ok: true });
  });

  it('a sample through the web host (JSON text over HTTP, via pageDispatch)', async () => {
    const problems: string[] = [];
    let before = fingerprint();
    let sent = 0;
    for (const method of methods) {
      const cases = wrongInputs(routes[method].input).filter(c => /input is|own key|missing|= a string|= -1|= 0\.5|extra key/.test(c.what));
      for (const c of cases.filter((_, i) => i % 3 === 0)) {
        const asJson = JSON.parse(JSON.stringify(c.input) ?? 'null') as unknown; // what the server will parse (NaN → null)
        const accepted = routes[method].input.safeParse(asJson).success;
        const res = await overHttp(host, method, c.input);
        sent++;
        if (res.status !== 200) {
          problems.push(`${method} (${c.what}) over HTTP: status ${res.status}`);
          continue;
        }
        const after = fingerprint();
        const p = judge(method, c, accepted, res.body, before, after, 'page');
        if (p) problems.push(`${p} [HTTP]`);
        before = after;
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(methods.length * 3);
  });
});
