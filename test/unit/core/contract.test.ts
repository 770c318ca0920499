/**
 * The contract: the same calls give the same answers in-process (the
 * dispatcher the Electron IPC uses) and over the loopback web host, and every
 * answer matches the route table's output schema. Each door gets its own
 * fresh database so calls that change data run once per side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, routes, TOKEN_HEADER, type Method, ASSESSMENT_METHODS, EVENT_METHODS, STATS_METHODS, UNIT_METHODS } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { openCore, type Core } from '../../../electron/services/core/core';
import type { WebHost } from '../../../electron/web/host';
import { overHttp, serveOverHttp } from '../../support/over-http';
import { tempDir } from '../../support/temp';

let direct: { tmp: ReturnType<typeof tempDir>; core: Core };
let served: { tmp: ReturnType<typeof tempDir>; core: Core };
let host: WebHost;

function openSide() {
  const tmp = tempDir();
  return { tmp, core: openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true }) };
}

beforeAll(async () => {
  direct = openSide();
  served = openSide();
  host = await serveOverHttp(served.core.dispatch, served.tmp.dir);
});
afterAll(async () => {
  await host.close();
  for (const side of [direct, served]) {
    side.core.close();
    side.tmp.cleanup();
  }
});

/** The answer with the side's own data folder and the clock's timestamps replaced by markers. */
function normalised(result: unknown, dir: string): unknown {
  const text = JSON.stringify(result).split(JSON.stringify(dir).slice(1, -1)).join('<data>');
  return JSON.parse(
    text
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
      // snapshot names and times (local, to the second)
      .replace(/\d{4}-\d{2}-\d{2}T(\d{6}|\d{2}:\d{2}:\d{2})/g, '<time>'),
  );
}

async function both(method: string, input: unknown) {
  const inProcess = normalised(await direct.core.dispatch(method, input), direct.tmp.dir);
  const { body } = await overHttp(host, method, input);
  expect(normalised(body, served.tmp.dir)).toEqual(inProcess);
  return inProcess as ApiResult<unknown>;
}

describe('the same calls through the dispatcher and through the web host', () => {
  const calls: [string, unknown][] = [
    ['getStatus', {}],
    ['listCadres', {}],
    ['beginWith', { choice: 'demo' }],
    ['getStatus', {}],
    ['listUnits', {}],
    ['listCadres', {}],
    ['listCadres', { search: '局' }],
    ['getCadre', { id: 1 }],
    ['loadDemo', {}],
    ['queryCadrePage', { offset: 0, limit: 50, sort: [{ colId: 'name', sort: 'asc' }], filters: { post: { type: 'contains', filter: '局' } } }],
    ['saveCadres', { updates: [{ id: 1, values: { nativePlace: '辽宁沈阳' } }], creates: [{ values: { name: '新干部', gender: '女', birth: '1990.05' } }] }],
    ['saveCadres', { updates: [{ id: 2, values: { birth: '1985.13' } }] }],
    ['setCadresDeleted', { ids: [3, 4], deleted: true }],
    ['listDeletedCadres', {}],
    ['getHistory', {}],
    ['stepHistory', { direction: 'undo' }],
    ['stepHistory', { direction: 'redo' }],
    ['cadreAuditLog', { id: 1 }],
    ['listCadreRecords', { query: { where: { join: 'and', items: [{ field: 'age', op: 'lt', value: 40 }] }, refDate: '2026-11-01' } }],
    ['queryCadrePage', { offset: 0, limit: 20, query: { where: { join: 'and', items: [{ field: 'resume', op: 'contains', value: '乡镇' }] } } }],
    [
      'saveView',
      {
        name: '年轻正科',
        query: { where: { join: 'and', items: [{ field: 'leadershipLevel', op: 'atLeast', value: '正科' }] } },
        columns: ['name', 'post'],
        sort: [{ colId: 'name', sort: 'asc' }],
      },
    ],
    ['listViews', {}],
    ['deleteView', { id: 1 }],
    ['getBackupSettings', {}],
    ['listSnapshots', {}],
    ['backupNow', {}],
    ['restoreSnapshot', { name: 'cadre-desk-2000-01-01T000000-manual.db' }],
    ['useDefaultBackupDir', {}],
    ['chooseBackupDir', {}], // no folder dialog on either side: the Chinese refusal naming the CLI
    ['getCadrePhoto', { id: 1 }],
    ['setCadrePhoto', { id: 1, base64: null }],
    ['saveFamily', { id: 1, members: [] }],
    ['getFormSettings', {}],
    ['saveFormSettings', { reportingUnit: '中共示例市委组织部' }],
    // exports whose bytes carry write times and random plan ids are compared in test/unit/export/contract.test.ts
    ['exportCsv', { columns: [{ key: 'name' }], ids: [1, 2] }],
    ['exportLrmx', { ids: [1] }],
    ['inspectLrmx', { file: { name: 'a.lrmx', base64: '' } }],
    // secondments (挂职) and village rotations (驻村) of the demo: programme 1, batches 1–4 (members 1–74), rotations 1–2
    ['listSecondmentProgrammes', {}],
    ['listSecondmentBatches', {}],
    ['getSecondmentBatch', { id: 4 }],
    ['listSecondmentMembers', { batchId: 4 }],
    ['secondmentBatchStats', { id: 4 }],
    ['secondmentProgrammeStats', { id: 1, youngThreshold: 35 }],
    ['secondmentReplacementHistory', { id: 39 }],
    ['saveSecondmentProgramme', { name: '测试交流项目', partnerPlace: '大连市' }],
    ['saveSecondmentBatch', { programmeId: 2, seq: 1, startDate: '2030.01', plannedEndDate: '2031.01' }],
    ['addSecondmentMembers', { batchId: 5, cadreIds: [1, 2] }],
    ['saveSecondmentMembers', { updates: [{ id: 75, values: { hostUnit: '大连市商务局', hostPost: '副局长' } }] }],
    ['pairSecondmentMembers', { memberId: 75, partnerId: 76 }],
    ['addSecondmentNewPerson', { batchId: 5, cadre: { name: '测试新人', gender: '男', birth: '1990.01' } }],
    ['previewSecondmentResumeLine', { id: 75, returnDate: '2031.01' }],
    ['finishSecondmentMember', { id: 75, returnDate: '2031.01', appendResume: true }],
    ['setSecondmentOutcome', { id: 75, outcome: '提拔', date: '2031.06', post: '局长' }],
    ['recallSecondmentMember', { id: 76, date: '2030.06', reason: '工作需要' }],
    ['replaceSecondmentMember', { id: 76, cadreId: 5, date: '2030.07', reason: '接替召回人员' }],
    ['removeSecondmentMembers', { ids: [77] }],
    ['deleteSecondmentBatch', { id: 5 }],
    ['deleteSecondmentProgramme', { id: 2 }],
    ['listVillages', {}],
    ['saveVillage', { name: '测试村', township: '测试镇', county: '测试县', kind: '脱贫村' }],
    ['deleteVillage', { id: 9 }],
    ['listVillageRotations', {}],
    ['villageRotationStats', { id: 2 }],
    ['listVillageAssignments', { rotationId: 2 }],
    ['saveVillageRotation', { programme: '驻村第一书记和工作队', seq: 3, name: '第三轮驻村', startDate: '2030.06', endDate: '2032.06' }],
    [
      'saveVillageAssignments',
      { rotationId: 3, creates: [{ values: { villageId: 1, cadreId: 6, role: '第一书记' } }, { values: { villageId: 1, cadreId: 7, role: '队员' } }] },
    ],
    ['replaceVillageAssignment', { id: 34, cadreId: 8, date: '2031.01', reason: '不胜任驻村工作', sendingUnit: '滨江市农业农村局' }],
    ['removeVillageAssignments', { ids: [35] }],
    ['deleteVillageRotation', { id: 3 }],
    // audit log: the exported bytes carry write times, compared in test/unit/audit/export.test.ts
    ['getOperator', {}],
    ['setOperator', { name: '契约测试员' }],
    ['queryAuditLog', { offset: 0, limit: 50, operator: '契约测试员' }],
    ['queryAuditLog', { offset: 0, limit: 20, cadre: '1', kind: 'edit', from: '2000.01.01', order: 'asc' }],
    ['listAuditOperators', {}],
    // 工作提醒 and 数据质量 over the demo (rules and exports: test/unit/reminders)
    ['listReminders', { date: '2026-12-06', months: 24 }],
    ['reminderSummary', {}],
    ['reviewQuality', {}],
    // each page's undo, the 操作历史 (the steps the calls above made), 本单位名称
    ['getHistory', { scope: 'villages' }],
    ['stepHistory', { direction: 'undo', scope: 'secondment' }],
    ['listOperationHistory', { offset: 0, limit: 20 }],
    ['undoOperationsTo', { id: 987654 }],
    ['getUnitName', {}],
    ['setUnitName', { name: '中共滨江市委组织部' }],
  ];
  it.each(calls.map((c, i) => [i, ...c] as const))('call %i: %s', async (_i, method, input) => {
    const result = await both(method, input);
    if (result.ok) expect(() => routes[method as Method].output.parse(result.data)).not.toThrow();
  });

  it('the demo is there and sensible after beginWith', async () => {
    const status = await both('getStatus', {});
    expect(status.ok && (status.data as { started: boolean }).started).toBe(true);
    const cadres = await both('listCadres', {});
    expect(cadres.ok && (cadres.data as unknown[]).length).toBeGreaterThan(500);
  });

  it('a unit filter returns the unit and its sub-units only', async () => {
    const units = (await both('listUnits', {})) as { ok: true; data: { id: number; parentId: number | null }[] };
    const parent = units.data.find(u => units.data.some(c => c.parentId === u.id))!;
    const inTree = new Set([parent.id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const u of units.data) {
        if (u.parentId !== null && inTree.has(u.parentId) && !inTree.has(u.id)) {
          inTree.add(u.id);
          grew = true;
        }
      }
    }
    const all = (await both('listCadres', {})) as { ok: true; data: { unitId: number }[] };
    const some = (await both('listCadres', { unitId: parent.id })) as { ok: true; data: { unitId: number }[] };
    expect(some.data.length).toBe(all.data.filter(c => inTree.has(c.unitId)).length);
    expect(some.data.length).toBeGreaterThan(0);
    expect(some.data.every(c => inTree.has(c.unitId))).toBe(true);
  });

  it('errors cross the boundary as {code, message in Chinese, details}', async () => {
    const notFound = await both('getCadre', { id: 987654 });
    expect(notFound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const wrongType = await both('getCadre', { id: 'one' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(!wrongType.ok && wrongType.error.details).toBeTruthy();
    // JSON.parse makes __proto__ an own key, as a hostile request body would
    const extraKey = await both('listCadres', JSON.parse('{"__proto__":{"admin":true},"constructor":1}'));
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await both('dropDatabase', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const conflict = await both('loadDemo', {});
    expect(conflict).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('covers every method of the route table', () => {
    // jobs and files with random ids or write times: test/unit/export/contract.test.ts, test/unit/import/webhost.test.ts
    const coveredElsewhere = ['exportRoster', 'downloadTemplate', 'exportAuditLog'];
    // the batch roster's bytes: test/unit/secondment/files.test.ts
    coveredElsewhere.push('exportSecondmentBatch');
    const importJobs = methods.filter(m => m.startsWith('import') || m === 'listImportRuns');
    coveredElsewhere.push(...importJobs);
    coveredElsewhere.push(...ASSESSMENT_METHODS); // test/unit/assessment/contract.test.ts
    // paths only the CLI names: test/unit/backup/handlers.test.ts and cli-backup.test.ts
    coveredElsewhere.push('backupToFile', 'restoreFromFile', 'backupDirPath');
    coveredElsewhere.push('exportReminders', 'exportQuality'); // test/unit/reminders/services.test.ts
    coveredElsewhere.push(...UNIT_METHODS, ...EVENT_METHODS); // test/unit/units/contract.test.ts
    coveredElsewhere.push(...STATS_METHODS); // test/unit/stats/contract.test.ts
    // 上报 / 接收 through cores with checkOutput: test/unit/package/
    coveredElsewhere.push('exportPackage', 'previewPackages', 'mergePackages');
    const called = new Set([...calls.map(c => c[0]), ...coveredElsewhere]);
    expect(methods.filter(m => !called.has(m))).toEqual([]);
  });
});

describe('the web host only answers its own page', () => {
  it('rejects a request without the token, or with a wrong one', async () => {
    expect((await overHttp(host, 'getStatus', {}, { [TOKEN_HEADER]: '' })).status).toBe(401);
    expect((await overHttp(host, 'getStatus', {}, { [TOKEN_HEADER]: host.token + 'x' })).status).toBe(401);
  });

  it('rejects a foreign Origin', async () => {
    const r = await overHttp(host, 'getStatus', {}, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(!r.body.ok && r.body.error.message).toMatch(/来源/);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/getStatus',
          method: 'POST',
          headers: { Host: `evil.example:${host.port}`, [TOKEN_HEADER]: host.token },
        },
        res => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('answers malformed JSON with a Chinese validation error and keeps serving', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/getStatus`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: host.token },
      body: '{"a":',
    });
    expect(res.status).toBe(400);
    expect((await overHttp(host, 'getStatus', {})).body.ok).toBe(true);
  });

  it('listens on the loopback address only', () => {
    expect(host.url.startsWith('http://127.0.0.1:')).toBe(true);
  });
});

describe('the page door never names a file-system path', () => {
  it('refuses path and outPath anywhere in the input, and passes everything else on', async () => {
    const { pageDispatch } = await import('../../../electron/services/core/dispatcher');
    const page = pageDispatch(direct.core.dispatch);
    const refused = await page('importStart', { source: { path: '/etc/passwd' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await page('downloadTemplate', { outPath: '/tmp/x.xlsx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await page('getStatus', {})).toMatchObject({ ok: true });
  });
});
