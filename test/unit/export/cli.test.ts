import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
let db: string;
beforeAll(() => {
  tmp = tempDir();
  db = path.join(tmp.dir, 'x.db');
  expect(cadre(['demo']).code).toBe(0);
});
afterAll(() => tmp.cleanup());

const cadre = (args: string[]) => runCli(['--db', db, ...args]);

describe('cadre export / template', () => {
  it('export roster --out FILE.xlsx writes the styled roster of every cadre', () => {
    const out = path.join(tmp.dir, 'r.xlsx');
    const r = cadre(['export', 'roster', '--out', out, '--title', '市管干部名册', '--unit', '中共滨江市委组织部', '--date', '2026-11-22', '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out) as { rows: number };
    expect(info.rows).toBeGreaterThanOrEqual(550);
    const wb = XLSX.read(fs.readFileSync(out), { type: 'buffer' });
    const ws = wb.Sheets[wb.SheetNames[0]];
    expect(ws.A1.v).toBe('市管干部名册');
    expect(ws.A2.v).toBe('填报单位：中共滨江市委组织部    填报日期：2026年11月22日');
    expect(ws.A3.v).toBe('序号');
  });

  it('export roster --out FILE.csv with --query and --columns (keys or Chinese labels)', () => {
    const out = path.join(tmp.dir, 'r.csv');
    const query = JSON.stringify({ where: { join: 'and', items: [{ field: 'gender', op: 'in', value: ['女'] }] } });
    const r = cadre(['export', 'roster', '--out', out, '--query', query, '--columns', 'name,性别,idNumber']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已导出 \d+ 名干部/);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('姓名,性别,身份证号');
    expect(lines.slice(1).every(l => l.split(',')[1] === '女')).toBe(true);
  });

  it('export roster --ids keeps the given order; unknown ids exit 1 with a Chinese reason', () => {
    const out = path.join(tmp.dir, 'ids.csv');
    expect(cadre(['export', 'roster', '--out', out, '--ids', '3,1,2', '--columns', 'seq,name']).code).toBe(0);
    const names = new Map((JSON.parse(cadre(['list', 'cadres', '--json']).out) as { id: number; name: string }[]).map(c => [c.id, c.name]));
    const lines = fs.readFileSync(out, 'utf8').split('\r\n').slice(1, 4);
    expect(lines).toEqual([`1,${names.get(3)}`, `2,${names.get(1)}`, `3,${names.get(2)}`]);
    const r = cadre(['export', 'roster', '--out', path.join(tmp.dir, 'x.xlsx'), '--ids', '1,999999']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/找不到编号为 999999/);
    expect(fs.existsSync(path.join(tmp.dir, 'x.xlsx'))).toBe(false);
  });

  it('bad usage exits 2', () => {
    expect(cadre(['export', 'roster']).code).toBe(2);
    expect(cadre(['export', 'roster', '--out', path.join(tmp.dir, 'r.txt')]).code).toBe(2);
    const badJson = cadre(['export', 'roster', '--out', path.join(tmp.dir, 'r.csv'), '--query', '{not json']);
    expect(badJson.code).toBe(2);
    expect(badJson.err).toMatch(/--query 应为 JSON/);
    expect(cadre(['export', 'roster', '--out', path.join(tmp.dir, 'r.csv'), '--columns', 'nonsense']).code).toBe(2);
    expect(cadre(['export', 'lrmx', '--out', path.join(tmp.dir, 'l'), '--ids', 'a,b']).code).toBe(2);
    expect(cadre(['template']).code).toBe(2);
    // A query that parses as JSON but is not a valid query: a user error (1).
    const badQuery = cadre(['export', 'roster', '--out', path.join(tmp.dir, 'r.csv'), '--query', '{"where":{"join":"xor","items":[]}}']);
    expect(badQuery.code).toBe(1);
    expect(badQuery.err).toMatch(/查询条件有误/);
  });

  it('template --out FILE.xlsx writes the import template', () => {
    const out = path.join(tmp.dir, 't.xlsx');
    const r = cadre(['template', '--out', out]);
    expect(r.code).toBe(0);
    const wb = XLSX.read(fs.readFileSync(out), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['干部信息', '填写说明', '代码表']);
  });

  it('export lrmx --out DIR --ids writes one file per cadre; without --ids every cadre', () => {
    const dir = path.join(tmp.dir, 'lrmx');
    const r = cadre(['export', 'lrmx', '--out', dir, '--ids', '1,2,3', '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out) as { count: number; files: string[] };
    expect(info.count).toBe(3);
    expect(fs.readdirSync(dir).sort()).toEqual([...info.files].sort());
    for (const f of info.files) expect(f).toMatch(/^[\u4e00-\u9fff·]+_[0-9X]{4}\.lrmx$/);
    const all = path.join(tmp.dir, 'all');
    expect(cadre(['export', 'lrmx', '--out', all]).code).toBe(0);
    expect(fs.readdirSync(all).length).toBeGreaterThanOrEqual(550);
    expect(cadre(['export', 'lrmx', '--out', dir, '--ids', '999999']).code).toBe(1);
  });
});
