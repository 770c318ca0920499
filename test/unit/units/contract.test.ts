/**
 * Every unit and event route through both doors (the in-process dispatcher and the
 * loopback web host), each over its own database: the same answers, each matching
 * the route's output schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_METHODS, routes, UNIT_METHODS, type Method } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { openCore, type Core } from '../../../electron/services/core/core';
import type { WebHost } from '../../../electron/web/host';
import { overHttp, serveOverHttp } from '../../support/over-http';
import { tempDir } from '../../support/temp';

let sides: { tmp: ReturnType<typeof tempDir>; core: Core }[];
let host: WebHost;

beforeAll(async () => {
  sides = [0, 1].map(() => {
    const tmp = tempDir();
    const core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
    core.db.prepare("INSERT INTO settings(key, value) VALUES ('operator', '测试员')").run();
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
  return a;
}
const data = <T>(r: ApiResult<unknown>) => {
  if (!r.ok) throw new Error(r.error.message);
  return r.data as T;
};

describe('unit and event routes through both doors', () => {
  it('answer alike from a new unit to a decided plan', async () => {
    const city = data<{ id: number }>(await both('createUnit', { parentId: null, name: '滨江市', kind: '党委' })).id;
    const a = data<{ id: number }>(await both('createUnit', { parentId: city, name: '甲局', kind: '部门', level: '正处级', shortName: '甲' })).id;
    const b = data<{ id: number }>(await both('createUnit', { parentId: city, name: '乙局', index: 0 })).id;
    await both('updateUnit', { id: a, name: '甲局（新）', renamedOn: '2026.01' });
    await both('moveUnit', { id: b, parentId: city, index: 1 });
    await both('getUnit', { id: a });
    await both('setQuota', { unitId: a, level: '副处', approved: 1, doc: '三定', docDate: '2019.01' });
    const cadre = data<{ created: number[] }>(await both('saveCadres', { creates: [{ values: { name: '张三', unitId: b } }] })).created[0];
    const notice = {
      kind: '提任',
      date: '2026.11',
      docNo: '滨组干〔2026〕1号',
      rows: [{ cadreId: cadre, unitId: a, post: '甲局副局长', leadershipLevel: '副处' }],
    };
    await both('previewEvents', notice);
    await both('recordEvents', notice);
    await both('recordEvents', { ...notice, rows: [{ ...notice.rows[0], post: '甲局局长' }] }); // refused: the 职数 is full
    await both('quotaReport', {});
    await both('quotaReport', { unitId: a });
    await both('exportQuotaReport', { unitId: a });
    const plan = data<{ events: { id: number }[] }>(
      await both('recordEvents', { kind: '职级晋升', date: '2027.01', planned: true, rows: [{ cadreId: cadre, rank: '三级调研员' }] }),
    );
    await both('listEvents', { cadreId: cadre });
    await both('decidePlannedEvent', { id: plan.events[0].id, docNo: '滨组干〔2027〕2号' });
    const later = data<{ events: { id: number }[] }>(await both('recordEvents', { kind: '退休', date: '2030.01', planned: true, rows: [{ cadreId: cadre }] }));
    await both('cancelPlannedEvent', { id: later.events[0].id });
    await both('mergeUnit', { id: b, into: a, date: '2026.12' });
    await both('abolishUnit', { id: a }); // refused: it holds a cadre
    const empty = data<{ id: number }>(await both('createUnit', { parentId: null, name: '筹备组' })).id;
    await both('abolishUnit', { id: empty });
    await both('queryCadrePage', { history: true, offset: 0, limit: 10 });
    await both('listCadreRecords', { status: 'history' });
    expect([...UNIT_METHODS, ...EVENT_METHODS].filter(m => !called.has(m))).toEqual([]);
  });
});
