/**
 * The export and .lrmx routes give the same answers in-process and over the
 * loopback web host, and every answer matches its output schema. Files whose
 * bytes carry the time they were written (.xlsx metadata and zip entry times)
 * are compared by what they hold, not byte for byte; plan ids are random.
 */
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Method } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { openCore, type Core } from '../../../electron/services/core/core';
import type { WebHost } from '../../../electron/web/host';
import { renderLrmxFiles } from '../../../electron/services/lrmx/files';
import { overHttp, serveOverHttp } from '../../support/over-http';
import { tempDir } from '../../support/temp';

let direct: { tmp: ReturnType<typeof tempDir>; core: Core };
let served: { tmp: ReturnType<typeof tempDir>; core: Core };
let host: WebHost;

function openSide() {
  const tmp = tempDir();
  const core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  return { tmp, core };
}

beforeAll(async () => {
  direct = openSide();
  served = openSide();
  host = await serveOverHttp(served.core.dispatch, served.tmp.dir);
  for (const side of [direct, served]) expect((await side.core.dispatch('loadDemo', {})).ok).toBe(true);
});
afterAll(async () => {
  await host.close();
  for (const side of [direct, served]) {
    side.core.close();
    side.tmp.cleanup();
  }
});

/** Time-stamped bytes become what they hold: the cell values of an .xlsx. */
function comparable(result: ApiResult<unknown>): unknown {
  if (!result.ok) return result;
  const data = { ...(result.data as Record<string, unknown>) };
  if (typeof data.base64 === 'string' && String(data.fileName).endsWith('.xlsx')) {
    const wb = XLSX.read(Buffer.from(data.base64, 'base64'), { type: 'buffer' });
    data.base64 = wb.SheetNames.map(n => XLSX.utils.sheet_to_csv(wb.Sheets[n]));
  }
  if (typeof data.planId === 'string') data.planId = '<id>';
  return { ok: true, data };
}

async function both(method: Method, input: unknown): Promise<ApiResult<unknown>> {
  const inProcess = await direct.core.dispatch(method, input);
  const { body: overTheWire } = await overHttp(host, method, input);
  expect(comparable(overTheWire)).toEqual(comparable(inProcess));
  if (inProcess.ok) expect(() => routes[method].output.parse(inProcess.data)).not.toThrow();
  return inProcess;
}

describe('export and .lrmx routes through both doors', () => {
  const columns = [{ key: 'seq' }, { key: 'name' }, { key: 'birth' }, { key: 'idNumber' }, { key: 'post' }];

  it.each([
    ['exportRoster', { columns, ids: [3, 1, 2], title: '测试名册', reportingUnit: '组织部', date: '2026-11-22' }],
    [
      'exportRoster',
      {
        columns,
        view: { filters: { gender: { type: 'equals', filter: '女' } }, sort: [{ colId: 'birth', sort: 'asc' }] },
        date: '2026-11-22',
        birthWithAge: true,
      },
    ],
    ['exportCsv', { columns, ids: [1, 2, 3], date: '2026-11-22' }],
    ['downloadTemplate', {}],
    ['exportLrmx', { ids: [1], ageRefDate: '2026-11-22' }],
    ['exportRoster', { columns: [], ids: [1] }],
    ['exportLrmx', { ids: [] }],
  ] as [Method, unknown][])('%s %#', async (method, input) => {
    await both(method, input);
  });

  it('inspectLrmx', async () => {
    const [file] = renderLrmxFiles(direct.core.db, [2]);
    const upload = { name: file.fileName, base64: Buffer.from(file.text).toString('base64') };
    await both('inspectLrmx', { file: upload });
    await both('inspectLrmx', { file: { name: 'bad.lrmx', base64: Buffer.from('<!DOCTYPE x><Person/>').toString('base64') } });
  });
});
