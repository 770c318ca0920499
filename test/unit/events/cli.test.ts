/** `cadre units …`, `cadre add`, `cadre event`, `cadre leave`, `cadre history`, `cadre list cadres --status history`, `cadre quota …` through the real CLI bundle. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../electron/services/core/core';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { CLI_TEST_BUDGET, cliOn } from '../../support/cli';
import { tempDir } from '../../support/temp';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
let db: string;

const cli = cliOn(() => db);
const cadre = (...args: string[]) => cli.run(args);
function json<T>(...args: string[]): T {
  const r = cadre(...args, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}
function refused(...args: string[]): string {
  const r = cadre(...args, '--json');
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  expect(r.err).not.toMatch(/at .+\.(c?js|ts):\d+/); // no stack trace
  return r.err.trim();
}

beforeAll(() => {
  tmp = tempDir('cadre-events-cli-');
  db = path.join(tmp.dir, 'x.db');
  openCore({ dbPath: db, appVersion: 'test' }).close();
});
afterAll(() => tmp.cleanup());

describe('the lifecycle commands', () => {
  it('builds units, adds a cadre, records a 提任 within the 职数, leaves, and lists the 历史库', () => {
    const city = json<{ id: number }>('units', 'add', '滨江市', '--kind', '党委').id;
    const bureau = json<{ id: number }>('units', 'add', '滨江市教育局', '--parent', String(city), '--kind', '部门').id;
    const temp = json<{ id: number }>('units', 'add', '临时办').id;
    expect(json<{ name: string; earlierNames: unknown[] }>('units', 'rename', String(bureau), '滨江市教育和体育局', '--date', '2026.01')).toMatchObject({
      name: '滨江市教育和体育局',
      earlierNames: [{ name: '滨江市教育局', until: '2026-01' }],
    });
    expect(json<{ path: string }>('units', 'move', String(temp), '--parent', String(city)).path).toBe('滨江市 / 临时办');

    const idNumber = makeIdNumber('210102', '1982-07-15', 11, '女');
    const { id } = json<{ id: number; warnings: string[] }>(
      'add',
      '--data',
      JSON.stringify({ name: '王丽', idNumber, unitId: bureau, post: '滨江市教育和体育局办公室主任' }),
    );
    const [record] = json<{ id: number; birth: string; gender: string }[]>('list', 'cadres').filter(c => c.id === id);
    expect(record).toMatchObject({ birth: '1982-07', gender: '女' }); // from the ID number
    expect(refused('add', '--data', JSON.stringify({ name: '重号', idNumber }))).toMatch(/身份证号 .* 与已有干部「王丽」/);

    json('quota', 'set', String(bureau), '--level', '副处', '--count', '1', '--doc', '滨编〔2026〕3号');
    const event = json<{ id: number; kind: string; resumeLine: string; probationEnd: string }>(
      'event',
      String(id),
      '--kind',
      '提任',
      '--date',
      '2026.11',
      '--unit',
      String(bureau),
      '--post',
      '滨江市教育和体育局副局长',
      '--level',
      '副处',
      '--rank',
      '四级调研员',
      '--doc',
      '滨组干〔2026〕12号',
    );
    expect(event).toMatchObject({ kind: '提任', resumeLine: '2026.11--         滨江市教育和体育局副局长', probationEnd: '2027-11' });
    const report = json<{ unit: string; level: string; approved: number; filled: number; vacant: number; over: number }[]>(
      'quota',
      'report',
      '--unit',
      String(bureau),
    );
    expect(report).toEqual([expect.objectContaining({ level: '副处', approved: 1, filled: 1, vacant: 0, over: 0 })]);

    const second = json<{ id: number }>('add', '--data', JSON.stringify({ name: '李强', unitId: bureau })).id;
    expect(refused('event', String(second), '--kind', '提任', '--date', '2026.12', '--post', '副局长', '--level', '副处')).toBe(
      '未登记：「滨江市教育和体育局」副处职数已满：核定 1 名，实配 1 名。如确需超职数配备，请填写超职数理由',
    );
    expect(
      json<{ probationEnd: string }>(
        'event',
        String(second),
        '--kind',
        '提任',
        '--date',
        '2026.12',
        '--post',
        '副局长',
        '--level',
        '副处',
        '--no-probation',
        '--reason',
        '工作需要',
      ).probationEnd,
    ).toBe('');

    expect(json<{ kind: string }>('leave', String(id), '--kind', '退休', '--date', '2026.12').kind).toBe('退休');
    expect(json<{ id: number }[]>('list', 'cadres').map(c => c.id)).toEqual([second]);
    expect(json<{ id: number; status: string }[]>('list', 'cadres', '--status', 'history').map(c => [c.id, c.status])).toEqual([[id, '退休']]);
    expect(json<{ kind: string; date: string }[]>('history', String(id)).map(e => `${e.date} ${e.kind}`)).toEqual(['2026-11 提任', '2026-12 退休']);
    expect(refused('leave', String(id), '--kind', '去世', '--date', '2027.01')).toMatch(/该干部已退休，在历史库中/);

    expect(refused('units', 'delete', String(bureau))).toBe(
      '不能撤销「滨江市 / 滨江市教育和体育局」：该单位还有 1 名干部。请先将干部调出、下级单位移走，或把该单位合并到其他单位',
    );
    expect(json<{ cadres: number; units: number }>('units', 'merge', String(bureau), '--into', String(temp))).toEqual({ cadres: 1, units: 0 });
    expect(refused('units', 'delete', String(temp))).toMatch(/^不能撤销「滨江市 \/ 临时办」：该单位还有 1 名干部/);
    const empty = json<{ id: number }>('units', 'add', '筹备组').id;
    expect(json<{ abolishedAt: string | null }>('units', 'delete', String(empty), '--date', '2026.12.31').abolishedAt).toBe('2026-12-31');
    expect(json<{ name: string }[]>('list', 'units').map(u => u.name)).toEqual(['滨江市', '临时办']);
  });

  it('refuses bad usage with exit 2 and unknown ids with exit 1, in Chinese', () => {
    expect(cadre('event', '1', '--kind', '升官', '--date', '2026.11').code).toBe(2);
    expect(cadre('leave', '1', '--kind', '提任').err).toMatch(/--kind 应为：退休、调出、辞职、去世/);
    expect(cadre('quota', 'set', '1', '--level', '副处').code).toBe(2);
    expect(refused('event', '999', '--kind', '退休', '--date', '2026.11')).toMatch(/找不到编号为 999 的干部/);
    expect(refused('units', 'merge', '999', '--into', '1')).toBe('找不到编号为 999 的单位');
  });
});
