/**
 * Every stats route through both doors (the in-process dispatcher and the loopback web host),
 * each over its own demo database: the same answers, each matching the route's output schema.
 * Files carry write times, so for those the shape is compared.
 */
import { describe, expect, it } from 'vitest';
import { routes, STATS_METHODS, type Method } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { pageDispatch } from '../../../electron/services/core/dispatcher';
import { loadDemo } from '../../../electron/services/demo/load';
import { overHttp, twoDoors } from '../../support/over-http';

const doors = twoDoors(core => loadDemo(core.db, { cadreCount: 200 }));

const normalised = (v: unknown) =>
  JSON.parse(
    JSON.stringify(v)
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
      .replace(/"base64":"[^"]*"/g, '"base64":"<x>"'),
  );

const called = new Set<string>();
async function both(method: Method, input: unknown): Promise<ApiResult<unknown>> {
  called.add(method);
  const a = await doors.sides[0].core.dispatch(method, input);
  const { body: b } = await overHttp(doors.host, method, input);
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
    const page = pageDispatch(doors.sides[0].core.dispatch);
    expect(await page('exportStatsTeams', { outPath: '/tmp/x.xlsx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
