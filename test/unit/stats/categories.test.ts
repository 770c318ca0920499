/**
 * Every category boundary, on a real SQLite file: shared/domain/stats/categories.ts puts each
 * cadre in the expected category, the service's table counts it there, and the drill-down of
 * that category lists it. Shares and average ages are rounded half-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { structureTable } from '../../../electron/services/stats/structure';
import { categorize, NO_FACTS, titleCategory, type CadreFacts, type GroupKey } from '../../../shared/domain/stats/categories';
import type { StructureTable } from '../../../shared/domain/stats/table';
import { tempDir } from '../../support/temp';
import { addCadres, addUnit, drillRows } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeAll(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

const REF = '2026-11-15';
/** A plain cadre; each case changes the fields it is about. */
const FACTS: CadreFacts = { ...NO_FACTS, gender: '男', ethnicity: '汉族', politicalStatus: '中共党员', ftEducation: '大学' };

/**
 * One unit per case list: each person's category in `group` from the service (the drill-down
 * of the expected category lists that person, and the table counts each category as often as
 * the cases expect) and from categorize(), both equal to the expected one.
 */
function expectCategories(group: GroupKey, cases: [Partial<CadreFacts>, string][]) {
  const unitId = addUnit(core.db, `${group}-${Math.random()}`);
  const people = cases.map(([facts], i) => ({ name: `测${i}`, ...FACTS, ...facts }));
  const ids = addCadres(core.db, unitId, people);
  const table = structureTable(core.db, { kind: 'unit', unitId }, REF);
  cases.forEach(([facts, expected], i) => {
    expect(categorize(group, { ...FACTS, ...facts }, REF), JSON.stringify(facts)).toBe(expected);
    const rows = drillRows(core.db, { scope: { kind: 'unit', unitId }, refDate: REF, group, categories: [expected] });
    expect(
      rows.map(r => r.id),
      `${JSON.stringify(facts)} → ${expected}`,
    ).toContain(ids[i]);
  });
  // The table counts each category as often as the cases expect it.
  const expectedCounts = new Map<string, number>();
  for (const [, c] of cases) expectedCounts.set(c, (expectedCounts.get(c) ?? 0) + 1);
  const counted = new Map(table.groups.find(g => g.key === group)!.rows.map(r => [r.category, r.cells[0].count]));
  for (const [c, n] of expectedCounts) expect(counted.get(c), c).toBe(n);
  return table;
}

describe('age bands at the reference date (completed years, by month)', () => {
  it('puts 30/31, 35/36, 40/41, 45/46, 50/51 and 55/56 on the right side, the birth month counting as had', () => {
    expectCategories('ageBand', [
      [{ birth: '1996-11' }, '30岁及以下'], // 30 in the reference month itself
      [{ birth: '1995-12' }, '30岁及以下'], // 30: turns 31 next month
      [{ birth: '1995-11' }, '31-35岁'], // 31 in the reference month
      [{ birth: '1995-11-30' }, '31-35岁'], // a day after the reference day: still the month that counts
      [{ birth: '1990-12' }, '31-35岁'], // 35
      [{ birth: '1990-11' }, '36-40岁'], // 36
      [{ birth: '1985-12' }, '36-40岁'], // 40
      [{ birth: '1985-11' }, '41-45岁'], // 41
      [{ birth: '1980-12' }, '41-45岁'], // 45
      [{ birth: '1980-11' }, '46-50岁'], // 46
      [{ birth: '1975-12' }, '46-50岁'], // 50
      [{ birth: '1975-11' }, '51-55岁'], // 51
      [{ birth: '1970-12' }, '51-55岁'], // 55
      [{ birth: '1970-11' }, '55岁以上'], // 56
      [{ birth: '2027-01' }, '未填'], // after the reference month
      [{ birth: '' }, '未填'],
      [{ birth: '1985' }, '未填'], // not a date the roster writes
    ]);
  });

  it('counts the average of completed ages, one decimal half-up', () => {
    const unitId = addUnit(core.db, '平均年龄');
    // 40, 40, 40, 41 → 40.25 → 40.3 (half-up; half-even would give 40.2)
    addCadres(core.db, unitId, [{ birth: '1986-11' }, { birth: '1986-01' }, { birth: '1985-12' }, { birth: '1985-11' }, { birth: '' }]);
    const table = structureTable(core.db, { kind: 'unit', unitId }, REF);
    expect(table.averageAge).toBe(40.3);
    expect(table.total).toBe(5);
  });
});

describe('the other groups', () => {
  it('出生年代 by birth year', () => {
    expectCategories('generation', [
      [{ birth: '1969-12' }, '60后及以前'],
      [{ birth: '1970-01' }, '70后'],
      [{ birth: '1979-12' }, '70后'],
      [{ birth: '1980-01' }, '80后'],
      [{ birth: '1999-12-31' }, '90后'],
      [{ birth: '2000-01' }, '00后'],
      [{ birth: '' }, '未填'],
    ]);
  });

  it('任现职年限 in completed years at the reference month', () => {
    expectCategories('yearsInPost', [
      [{ postDate: '2026-11' }, '不满3年'],
      [{ postDate: '2023-12' }, '不满3年'], // 2 years 11 months
      [{ postDate: '2023-11' }, '3年以上不满5年'], // 3 years in the reference month
      [{ postDate: '2021-12' }, '3年以上不满5年'],
      [{ postDate: '2021-11-20' }, '5年以上不满10年'],
      [{ postDate: '2016-12' }, '5年以上不满10年'],
      [{ postDate: '2016-11' }, '10年及以上'],
      [{ postDate: '' }, '未填'],
    ]);
  });

  it('领导职务层次 with the spellings stored data may hold, else 其他', () => {
    expectCategories('level', [
      [{ leadershipLevel: '正处' }, '正处'],
      [{ leadershipLevel: '正处级' }, '正处'],
      [{ leadershipLevel: '县处级副职' }, '副处'],
      [{ leadershipLevel: '副科' }, '副科'],
      [{ leadershipLevel: '' }, '其他'],
    ]);
  });

  it('民族, 政治面貌', () => {
    expectCategories('ethnicity', [
      [{ ethnicity: '汉族' }, '汉族'],
      [{ ethnicity: '满族' }, '少数民族'],
      [{ ethnicity: '' }, '未填'],
      [{ ethnicity: '火星族' }, '其他'],
    ]);
    expectCategories('political', [
      [{ politicalStatus: '中共党员' }, '中共党员'],
      [{ politicalStatus: '中共预备党员' }, '中共党员'],
      [{ politicalStatus: '民盟盟员' }, '民主党派'],
      [{ politicalStatus: '九三学社社员' }, '民主党派'],
      [{ politicalStatus: '无党派人士' }, '无党派/群众'],
      [{ politicalStatus: '共青团员' }, '无党派/群众'],
      [{ politicalStatus: '群众' }, '无党派/群众'],
      [{ politicalStatus: '' }, '未填'],
    ]);
  });

  it('学历 (全日制 and the higher of 全日制/在职), 学位', () => {
    expectCategories('ftEducation', [
      [{ ftEducation: '研究生' }, '研究生'],
      [{ ftEducation: '中央党校研究生' }, '研究生'],
      [{ ftEducation: '大学' }, '大学'],
      [{ ftEducation: '大学普通班' }, '大专'],
      [{ ftEducation: '中专' }, '中专及以下'],
      [{ ftEducation: '高中' }, '中专及以下'],
      [{ ftEducation: '' }, '未填'],
      [{ ftEducation: '博士后' }, '其他'],
    ]);
    expectCategories('highestEducation', [
      [{ ftEducation: '大学', ptEducation: '省委党校研究生' }, '研究生'],
      [{ ftEducation: '大专', ptEducation: '大学' }, '大学'],
      [{ ftEducation: '大学', ptEducation: '大专' }, '大学'],
      [{ ftEducation: '', ptEducation: '大专' }, '大专'],
      [{ ftEducation: '', ptEducation: '' }, '未填'],
      [{ ftEducation: '未知', ptEducation: '' }, '其他'],
    ]);
    expectCategories('degree', [
      [{ ftDegree: '法学学士', ptDegree: '公共管理硕士' }, '硕士'],
      [{ ftDegree: '工学博士' }, '博士'],
      [{ ftDegree: '管理学学士' }, '学士'],
      [{ ftDegree: '' }, '其他'],
    ]);
  });

  it('专业技术职务 by the first matching rule', () => {
    const cases: [string, string][] = [
      ['正高级经济师', '正高'],
      ['教授', '正高'],
      ['教授级高级工程师', '正高'],
      ['主任医师', '正高'],
      ['研究员', '正高'],
      ['副教授', '副高'],
      ['副研究员', '副高'],
      ['副主任医师', '副高'],
      ['高级工程师', '副高'],
      ['中学高级教师', '副高'],
      ['高级兽医师', '副高'],
      ['助理研究员', '中初级'],
      ['工程师', '中初级'],
      ['主治医师', '中初级'],
      ['中学一级教师', '中初级'],
      ['会计师', '中初级'],
      ['', '其他'],
      ['技工', '其他'],
    ];
    for (const [title, expected] of cases) expect(titleCategory(title), title).toBe(expected);
    expectCategories(
      'title',
      cases.map(([title, c]) => [{ professionalTitle: title }, c]),
    );
  });
});

describe('shares, one decimal half-up, of each column', () => {
  let table: StructureTable;
  beforeAll(() => {
    const unitId = addUnit(core.db, '百分比');
    // 16 people: 1 正处 (6.25 → 6.3), 3 副处 (18.75 → 18.8), 5 正科 (31.25 → 31.3), 7 without a level (43.75 → 43.8); 2 women
    const levels = ['正处', '副处', '副处', '副处', '正科', '正科', '正科', '正科', '正科', '', '', '', '', '', '', ''];
    addCadres(
      core.db,
      unitId,
      levels.map((leadershipLevel, i) => ({ leadershipLevel, gender: i < 2 ? '女' : '男', birth: '1985-01' })),
    );
    table = structureTable(core.db, { kind: 'unit', unitId }, REF);
  });
  const row = (group: GroupKey, category: string) => table.groups.find(g => g.key === group)!.rows.find(r => r.category === category)!;
  const col = (key: string) => table.columns.findIndex(c => c.key === key);

  it('rounds 6.25, 18.75, 31.25, 43.75 up', () => {
    expect(row('level', '正处').cells[0]).toEqual({ count: 1, pct: 6.3 });
    expect(row('level', '副处').cells[0]).toEqual({ count: 3, pct: 18.8 });
    expect(row('level', '正科').cells[0]).toEqual({ count: 5, pct: 31.3 });
    expect(row('level', '其他').cells[0]).toEqual({ count: 7, pct: 43.8 });
  });

  it('takes a breakdown cell as a share of its own column', () => {
    // the 2 women are 1 正处 and 1 副处: 50% of the women each; 男 column: 14 people
    expect(row('level', '正处').cells[col('gender:女')]).toEqual({ count: 1, pct: 50 });
    expect(row('level', '副处').cells[col('gender:男')]).toEqual({ count: 2, pct: 14.3 });
    expect(table.columns[col('gender:男')].total).toBe(14);
    expect(row('ageBand', '41-45岁').cells[col('level:正科')]).toEqual({ count: 5, pct: 100 });
  });
});
