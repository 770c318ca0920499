/** `cadre stats structure` and `cadre stats teams` on the demo: the JSON shape the issue names, files, refusals. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { GENDER_COLUMNS, GROUP_CATEGORIES, GROUP_KEYS, LEVEL_COLUMNS } from '../../../shared/domain/stats/categories';
import { percent } from '../../../shared/domain/common/percent';
import { CLI_TEST_BUDGET, demoCli } from '../../support/cli';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

const { run: cadre, json, dir } = demoCli();

type Entry = { count: number; pct: number; byLevel: Record<string, number>; byGender: Record<string, number> };

describe('cadre stats structure', () => {
  it('prints {scope, refDate, total, averageAge, groups: {group: {category: {count, pct, byLevel, byGender}}}}', () => {
    const s = json(['stats', 'structure', '--date', '2026-11-01']);
    expect(Object.keys(s)).toEqual(['scope', 'refDate', 'total', 'averageAge', 'groups']);
    expect(s.scope).toEqual({ kind: 'all', label: '全部干部' });
    expect(s.refDate).toBe('2026-11-01');
    expect(s.total).toBeGreaterThan(500);
    expect(typeof s.averageAge).toBe('number');
    expect(Object.keys(s.groups)).toEqual([...GROUP_KEYS]);
    expect(Object.keys(s.groups)).toEqual([
      'level',
      'ethnicity',
      'political',
      'ageBand',
      'generation',
      'ftEducation',
      'highestEducation',
      'degree',
      'title',
      'yearsInPost',
    ]);
    for (const key of GROUP_KEYS) {
      const group = s.groups[key] as Record<string, Entry>;
      for (const category of Object.keys(group)) expect(GROUP_CATEGORIES[key]).toContain(category);
      const sum = Object.values(group).reduce((n, e) => n + e.count, 0);
      expect(sum, key).toBe(s.total); // each group is a partition of everyone
      for (const e of Object.values(group)) {
        expect(Object.keys(e)).toEqual(['count', 'pct', 'byLevel', 'byGender']);
        expect(Object.keys(e.byLevel)).toEqual([...LEVEL_COLUMNS]);
        expect(Object.keys(e.byGender)).toEqual([...GENDER_COLUMNS]);
        expect(Object.values(e.byLevel).reduce((a, b) => a + b, 0)).toBe(e.count);
      }
    }
    expect(s.groups.ageBand['36-40岁'].count).toBeGreaterThan(0);
    expect(s.groups.generation['80后'].count).toBeGreaterThan(0);
    expect(s.groups.ethnicity['少数民族'].count).toBeGreaterThan(0);
    const e = s.groups.generation['80后'] as Entry;
    expect(e.pct).toBe(percent(e.count, s.total));
  });

  it('narrows to a unit, its team, a query, a batch; writes .xlsx and .csv', () => {
    const units = json(['list', 'units']) as { id: number; name: string }[];
    const district = units.find(u => u.name === '滨河区')!;
    const unit = json(['stats', 'structure', '--unit', String(district.id), '--date', '2026-11-01']);
    expect(unit.scope).toEqual({ kind: 'unit', unitId: district.id, label: '滨河区（含下属单位）' });
    const team = json(['stats', 'structure', '--unit', String(district.id), '--team', '--date', '2026-11-01']);
    expect(team.scope.label).toBe('滨河区领导班子');
    expect(team.total).toBeLessThan(unit.total);
    const women = json([
      'stats',
      'structure',
      '--query',
      '{"where":{"join":"and","items":[{"field":"gender","op":"in","value":["女"]}]}}',
      '--date',
      '2026-11-01',
    ]);
    expect(women.groups.level['正处'].byGender['男']).toBe(0);
    expect(json(['stats', 'structure', '--batch', '4']).total).toBe(18);

    const xlsx = path.join(dir(), '滨河区.xlsx');
    expect(json(['stats', 'structure', '--unit', String(district.id), '--out', xlsx])).toEqual({ file: xlsx, total: unit.total });
    expect(fs.statSync(xlsx).size).toBeGreaterThan(3000);
    const csv = path.join(dir(), '滨河区.csv');
    expect(cadre(['stats', 'structure', '--unit', String(district.id), '--out', csv]).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toContain('项目,类别,总体人数');
  });

  it('prints the table as text without --json, and refuses bad usage in Chinese', () => {
    const text = cadre(['stats', 'structure', '--date', '2026-11-01']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('全部干部  统计截止日期：2026.11.01');
    expect(text.out).toMatch(/年龄\t36-40岁\t\d+\t\d+\.\d%/);
    expect(text.out).toContain('注：百分比按四舍五入取值');
    const cases: [string[], number, string][] = [
      [['--unit', 'x'], 2, '--unit 应为单位编号'],
      [['--team'], 2, '--team 需要同时给出 --unit'],
      [['--unit', '1', '--batch', '1'], 2, '只能选一个统计范围'],
      [['--date', '2026-13-01'], 2, '--date 应为年月日'],
      [['--query', '{'], 2, '--query 不是有效的 JSON'],
      [['--out', path.join(dir(), 'a.txt')], 2, '--out 应以 .xlsx 或 .csv 结尾'],
      [['--unit', '99999'], 1, '找不到编号为 99999 的单位'],
      [['--batch', '99999'], 1, '找不到编号为 99999 的挂职批次'],
      [['--query', '{"where":{"join":"and","items":[{"field":"nope","op":"in","value":["x"]}]}}'], 1, '没有名为「nope」的查询字段'],
    ];
    for (const [args, code, message] of cases) {
      const r = cadre(['stats', 'structure', ...args]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err, args.join(' ')).toContain(message);
      expect(r.err).not.toMatch(/at .*\.(ts|cjs):\d+/); // no stack trace
    }
  });
});

describe('cadre stats teams', () => {
  it('lists each team with its figures and unmet requirements, and exports them', async () => {
    const r = json(['stats', 'teams', '--date', '2026-11-01']);
    expect(r.refDate).toBe('2026-11-01');
    expect(r.teams.length).toBeGreaterThan(100);
    const org = r.teams.find((t: { unit: string }) => t.unit === '市委组织部');
    expect(Object.keys(org)).toEqual(
      expect.arrayContaining([
        'unitId',
        'unit',
        'kind',
        'size',
        'quota',
        'oldest',
        'youngest',
        'averageAge',
        'under40',
        'under45',
        'women',
        'nonCpc',
        'bachelorPct',
        'head',
        'unmet',
      ]),
    );
    expect(Array.isArray(org.unmet)).toBe(true);
    const text = cadre(['stats', 'teams', '--date', '2026-11-01']);
    expect(text.out).toMatch(/共 \d+ 个班子，其中 \d+ 个未达到配备要求/);
    const out = path.join(dir(), '班子.xlsx');
    const file = json(['stats', 'teams', '--out', out]);
    expect(file.teams).toBe(r.teams.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map(s => s.name)).toEqual(['未达要求', '全部班子']);
    expect(cadre(['stats', 'teams', '--out', path.join(dir(), 'x.csv')]).code).toBe(2);
  });
});
