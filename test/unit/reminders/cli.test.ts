/** `cadre due` and `cadre quality`: JSON, text, the .xlsx export and refusals in Chinese. */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QualityRow, ReminderRow } from '../../../shared/contract/api';
import { CLI_TEST_BUDGET, cliOn } from '../../support/cli';
import { addCadre, addEvent, addUnit, CHILD_WORKER, childWorkerFinding, openRoster, REF } from './support';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let w: ReturnType<typeof openRoster>;
let db: string;
let probation: number;
let young: number;

const cli = cliOn(() => db);
const cadre = (...args: string[]) => cli.run(args);
function json<T>(...args: string[]): T {
  const r = cadre(...args, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

beforeAll(() => {
  w = openRoster();
  db = path.join(w.tmp.dir, 'cadre-desk.db');
  const unit = addUnit(w.db, '市统计局');
  addCadre(w.db, { name: '王过龄', birth: '1966-06', unitId: unit });
  probation = addCadre(w.db, { name: '孙试用', unitId: unit });
  addEvent(w.db, probation, { kind: '提任', date: '2026-01', unitId: unit, post: '市统计局副局长', probationEnd: '2027-01' });
  young = addCadre(w.db, CHILD_WORKER);
  w.core.close();
  expect(fs.existsSync(db)).toBe(true);
});
afterAll(() => w.tmp.cleanup());

describe('cadre due', () => {
  it('prints the reminders as JSON: kind, cadre, name, due date and why', () => {
    const rows = json<ReminderRow[]>('due', '--date', REF, '--months', '12');
    expect(rows.map(r => [r.kind, r.name, r.due, r.overdue])).toEqual([
      ['到龄退休', '王过龄', '2026-11', true],
      ['试用期满', '孙试用', '2027-01', false],
    ]);
    expect(rows[1]).toMatchObject({ cadreId: probation, detail: '2026.01 提任 市统计局副局长，试用期 2027.01 期满' });
    // a month-precision date is due all month: 2026.11 is not yet past on 2026.11.01
    expect(json<ReminderRow[]>('due', '--date', '2026.11.01', '--months', '1').map(r => [r.name, r.overdue])).toEqual([['王过龄', false]]);
    expect(json<ReminderRow[]>('due', '--date', REF, '--kind', '试用期满').map(r => r.name)).toEqual(['孙试用']);
  });

  it('prints a table for people, and exports the styled .xlsx', () => {
    const text = cadre('due', '--date', REF);
    expect(text.code).toBe(0);
    expect(text.out).toContain('工作提醒：2026.12.06 至 2027.12.06');
    expect(text.out).toContain('到龄退休\t2026.11\t逾期\t王过龄\t市统计局');
    expect(text.out).toContain('共 2 条：到龄退休 1（逾期 1），试用期满 1');
    const file = path.join(w.tmp.dir, '提醒.xlsx');
    // (ExcelJS's Buffer() deprecation warning goes to stderr)
    const saved = cadre('due', '--date', REF, '--out', file, '--json');
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.out)).toEqual({ file, rows: 2 });
    const cells = XLSX.utils.sheet_to_json<string[]>(Object.values(XLSX.read(fs.readFileSync(file)).Sheets)[0], { header: 1, defval: '' });
    expect(cells.slice(3).map(r => r[4])).toEqual(['王过龄', '孙试用']);
  });

  it('refuses bad values with a Chinese reason and exit 1, never a stack trace', () => {
    for (const [args, says] of [
      [['--date', '2026-02-30'], '2 月没有 30 日'],
      [['--date', '2026-12'], '应写到日'],
      [['--months', '0'], '--months 应为 1–120 之间的整数'],
      [['--months', 'abc'], '--months 应为'],
      [['--kind', '退休'], '--kind 应为'],
      [['--out', path.join(w.tmp.dir, 'x.csv')], '.xlsx'],
    ] as const) {
      const r = cadre('due', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain(says);
      expect(r.err).not.toMatch(/at .+\.cjs:\d+/);
      expect(r.out).toBe('');
    }
  });
});

describe('cadre quality', () => {
  it('prints each contradiction with its fields as JSON, a table with counts, and the .xlsx', () => {
    const rows = json<QualityRow[]>('quality');
    expect(rows).toEqual([childWorkerFinding(young)]);
    expect(json<QualityRow[]>('quality', '--kind', '入党早于18岁')).toEqual([]);
    const text = cadre('quality');
    expect(text.out).toContain('参加工作早于16岁\t许童工\t\t参加工作时间：2005.09；出生年月：1990.05');
    expect(text.out).toContain('共 1 条：参加工作早于16岁 1');
    const file = path.join(w.tmp.dir, '质量.xlsx');
    expect(cadre('quality', '--out', file).out).toContain('已导出数据质量问题 1 条');
    expect(cadre('quality', '--kind', '无此类').code).toBe(1);
  });
});
