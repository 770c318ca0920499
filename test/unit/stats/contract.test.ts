/**
 * Every stats route through both doors (the in-process dispatcher and the loopback web host),
 * each over its own demo database: the same answers, each matching the route's output schema.
 * Files carry write times, so for those the shape is compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, STATS_METHODS, type Method } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { openCore, type Core } from '../../../electron/services/core/core';
import { pageDispatch } from '../../../electron/services/core/dispatcher';
import { loadDemo } from '../../../electron/services/demo/load';
import type { WebHost } from '../../../electron/web/host';
import { overHttp, serveOverHttp } from '../../support/over-http';
import { tempDir } from '../../support/temp';

let sides: { tmp: ReturnType<typeof tempDir>; core: Core }[];
let host: WebHost;

beforeAll(async () => {
  sides = [0, 1].map(() => {
    const tmp = tempDir();
    const core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
    loadDemo(core.db, { cadreCount: 200 });
    return { tmp, core };
  });
  host = await serveOverHttp(sides[1].core.dispatch, sides[1].tmp.dir);
});
afterAll(async () => {
  await host.close();
  for (const s of sides) {
    s.core.close();
    s.tmp.cleanup();
  }
});

const normalised = (v: unknown) =>
  JSON.parse(
    JSON.stringify(v)
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
      .replace(/"base64":"[^"]*"/g, '"base64":"<x>"'),
  );

const called = new Set<string>();
async function both(method: Method, input: unknown): Promise<ApiResult<unknown>> {
  called.add(method);
  const a = await sides[0].core.dispatch(method, input);
  const { body: b } = await overHttp(host, method, input);
  expect(normalised(b)).toEqual(normalised(a));
  if (a.ok) expect(() => routes[method].output.parse(a.data)).not.toThrow();
  else throw new Error(`${method}: ${a.error.message}`);
  return a;
}

describe('stats routes through both doors', () => {
  it('answer alike', async () => {
    const refDate = '2026-11-01';
    await both('statsStructure', { scope: { kind: 'all' }, refDate });
    await both('statsStructure', { scope: { kind: 'unit', unitId: 42 }, refDate });
    await both('statsCompare', {
      scopes: [
        { kind: 'team', unitId: 42 },
        { kind: 'tag', tag: '年轻干部库' },
      ],
      refDate,
    });
    await both('statsTeams', { refDate });
    await both('exportStatsStructure', { scope: { kind: 'unit', unitId: 42 }, refDate, format: 'csv' });
    await both('exportStatsStructure', { scope: { kind: 'unit', unitId: 42 }, refDate });
    await both('exportStatsCompare', {
      scopes: [
        { kind: 'unit', unitId: 42 },
        { kind: 'unit', unitId: 56 },
      ],
      refDate,
    });
    await both('exportStatsTeams', { refDate });
    await both('saveStatsLayout', { groups: ['ageBand', 'generation'], columns: ['gender:女'] });
    const rule = { minWomen: 1, minYoung: 1, youngAge: 40, minNonCpc: 0, minBachelorPct: 50, maxHeadYears: 10, withinQuota: true };
    await both('saveTeamRequirements', { general: rule, byKind: [{ kind: '乡镇', ...rule, minYoung: 2 }] });
    await both('getStatsSettings', {});
    await both('queryCadrePage', {
      offset: 0,
      limit: 50,
      drill: { scope: { kind: 'unit', unitId: 42 }, refDate, group: 'generation', categories: ['80后'], gender: '女' },
    });
    expect(STATS_METHODS.filter(m => !called.has(m))).toEqual([]);
  });

  it('the page door refuses an export path', async () => {
    const page = pageDispatch(sides[0].core.dispatch);
    expect(await page('exportStatsTeams', { outPath: '/tmp/x.xlsx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
