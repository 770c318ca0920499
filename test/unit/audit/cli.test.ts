/** `cadre audit`: the log as JSON or text, its filters, the .xlsx export, and usage errors. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setOperatorName } from '../../../electron/services/common/audit';
import { applyCadreChanges } from '../../../electron/services/roster/writes';
import { openCore } from '../../../electron/services/core/core';
import type { AuditRow } from '../../../shared/contract/api';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
let db: string;

const cadre = (...args: string[]) => runCli(['--db', db, ...args]);
const json = (...args: string[]) => {
  const r = cadre(...args, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as AuditRow[];
};

let osUser: string;
beforeAll(() => {
  tmp = tempDir('cadre-audit-cli-');
  db = path.join(tmp.dir, 'x.db');
  try {
    osUser = os.userInfo().username || '操作员';
  } catch {
    osUser = '操作员';
  }
  expect(cadre('demo').code).toBe(0); // no operator named yet: the OS user stamps it
  const core = openCore({ dbPath: db, appVersion: 'test' });
  setOperatorName(core.db, '王科长');
  applyCadreChanges(core.db, { updates: [{ id: 5, values: { post: '=1+2' } }] });
  applyCadreChanges(core.db, { updates: [{ id: 6, values: { remarks: '备注' } }] });
  core.close();
});
afterAll(() => tmp.cleanup());

describe('cadre audit', () => {
  it('lists every entry newest first as JSON with English keys', () => {
    const rows = json('audit');
    expect(rows.map(r => [r.operator, r.kind])).toEqual([
      ['王科长', 'edit'],
      ['王科长', 'edit'],
      ['王科长', 'settings'],
      [osUser, 'demo'],
    ]);
    expect(rows[1]).toMatchObject({ cadreId: 5, summary: expect.stringMatching(/^现任职务：.+ → =1\+2$/) });
  });

  it('filters by cadre, operator, kind (key or Chinese) and time', () => {
    expect(json('audit', '--cadre', '5').map(r => r.cadreId)).toEqual([5]);
    expect(json('audit', '--operator', '王科长', '--kind', '修改').length).toBe(2);
    expect(json('audit', '--kind', 'demo').map(r => r.operator)).toEqual([osUser]);
    expect(json('audit', '--kind', '示例数据', '--operator', '王科长')).toEqual([]);
    expect(json('audit', '--from', '2000.01.01', '--to', '2000.12.31')).toEqual([]);
    const today = new Date();
    const day = `${today.getFullYear()}.${today.getMonth() + 1}.${today.getDate()}`;
    expect(json('audit', '--from', day, '--to', day).length).toBe(4);
  });

  it('prints a table for people', () => {
    const r = cadre('audit', '--cadre', '6');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('时间\t操作员\t类型\t对象\t内容');
    expect(r.out).toMatch(/\t王科长\t修改\t.+\t备注：（空） → 备注\n/);
    expect(r.out).toContain('共 1 条');
  });

  it('--out FILE.xlsx exports the filtered log', () => {
    const out = path.join(tmp.dir, '审计.xlsx');
    const r = cadre('audit', '--operator', '王科长', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ file: out, rows: 3 });
    const ws = XLSX.read(fs.readFileSync(out)).Sheets['审计日志'];
    expect(ws.A1.v).toBe('审计日志');
    expect(ws.A3.v).toBe('时间');
    expect(ws.B4.v).toBe('王科长');
    expect(XLSX.utils.sheet_to_json(ws, { header: 1, range: 3 }).length).toBe(3);
  });

  it('bad usage exits 2, a bad time exits 1, both in Chinese', () => {
    const kind = cadre('audit', '--kind', 'bogus');
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/--kind 应为 .*修改/);
    const csv = cadre('audit', '--out', path.join(tmp.dir, 'a.csv'));
    expect(csv.code).toBe(2);
    expect(csv.err).toContain('.xlsx');
    const time = cadre('audit', '--from', '2026.13.01');
    expect(time.code).toBe(1);
    expect(time.err).toContain('起始时间「2026.13.01」无法识别');
    expect(fs.existsSync(path.join(tmp.dir, 'a.csv'))).toBe(false);
  });
});
