import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter, IN_ROSTER, listCadres, type NewCadre } from '../../../electron/services/roster/cadres';
import { compileQuery, countQueryCadres, queryCadreIds, queryCadres } from '../../../electron/services/roster/query';
import { m003QueryIndexes } from '../../../electron/db/migrations/003_query_indexes';
import { AppError } from '../../../shared/contract/errors';
import type { CadreQuery, Condition, Group } from '../../../shared/domain/roster/query';
import { tempDir } from '../../support/temp';

/**
 * A hand-made roster of 14 (one of them in the 回收站). Ages are at 2026-11-22 unless a
 * test says otherwise. Ids are looked up by name, so the assertions read as names.
 */
type Person = Omit<NewCadre, 'unitId'> & { unit: string | null; deleted?: boolean };
const PEOPLE: Person[] = [
  {
    name: '甲一',
    unit: '市委组织部',
    birth: '1982-03',
    leadershipLevel: '正处',
    rank: '二级调研员',
    ftEducation: '大学',
    resume: '2004.07--2010.04  柳川县乡镇企业局科员\n2010.04--  市委组织部',
    tags: ['选调生', '年轻干部库'],
    workDate: '2005-07',
  },
  {
    name: '乙二',
    unit: '市委组织部',
    birth: '1983-06',
    leadershipLevel: '副厅',
    rank: '二级巡视员',
    ftEducation: '大学',
    resume: '2006.07--2012.01  兴隆镇（乡镇）党委委员',
    tags: ['选调生'],
    workDate: '2005-07-15',
  },
  {
    name: '丙三',
    unit: '市委组织部',
    birth: '1981-11',
    leadershipLevel: '正处',
    rank: '一级调研员',
    ftEducation: '大学',
    resume: '曾在乡镇工作',
    workDate: '2005-08-01',
  },
  {
    name: '丁四',
    unit: '市委',
    birth: '1981-12',
    leadershipLevel: '正处',
    rank: '三级调研员',
    ftEducation: '大学',
    ptEducation: '研究生',
    resume: '一直在市直机关工作',
    workDate: '2005-06-30',
  },
  {
    name: '戊五',
    unit: '市委',
    birth: '1985-01',
    leadershipLevel: '正处',
    rank: '四级调研员',
    ftEducation: '研究生',
    resume: '乡镇',
    tags: ['年轻干部库'],
    partyDate: '民盟',
  },
  {
    name: '己六',
    unit: '兴隆镇',
    birth: '1986-05',
    leadershipLevel: '副处',
    rank: '一级主任科员',
    ftEducation: '大学',
    resume: '乡镇',
    tags: ['选调生', '年轻干部库', '第一书记'],
    partyDate: '2008-06',
  },
  { name: '庚七', unit: '兴隆镇', birth: '', leadershipLevel: '正处', rank: '', ftEducation: '大学', resume: '乡镇' },
  {
    name: '辛八',
    unit: '兴隆镇',
    birth: '1984-02',
    leadershipLevel: '正处',
    rank: '二级调研员',
    ftEducation: '大学',
    resume: '乡镇',
    tags: ['选调生', '年轻干部库'],
    deleted: true,
  },
  {
    name: '壬九',
    unit: '兴隆镇',
    birth: '1988-07',
    leadershipLevel: '县处级正职',
    rank: '一级调研员',
    ftEducation: '大学',
    resume: '2010.07--  兴隆镇乡镇综合执法队',
    partyDate: '2010-07-01',
  },
  {
    name: '癸十',
    unit: '柳川县',
    birth: '1990-11-05',
    leadershipLevel: '正科',
    rank: '二级主任科员',
    ftEducation: '大学',
    ptEducation: '中央党校大学',
    tags: ['大学生村官'],
  },
  { name: '子十一', unit: '柳川县', birth: '1966-04', leadershipLevel: '正厅', rank: '一级巡视员', ftEducation: '研究生', remarks: 'AxB' },
  { name: '丑十二', unit: null, birth: '1978-09', rank: '四级调研员', ftEducation: '大专', post: '办公室一_科科长', remarks: 'A_B' },
  { name: '寅十三', unit: null, birth: '1992-02', rank: '三级调研员', ftEducation: '大学', ptEducation: '省委党校大专', remarks: '考核得分95分', gender: '女' },
  { name: '卯十四', unit: null, birth: '1995-12', rank: '一级科员', ftEducation: '大学', remarks: '考核得分95%', idNumber: '11010519491231002X', gender: '女' },
];

let tmp: ReturnType<typeof tempDir>;
let core: Core;
const idOf = new Map<string, number>();
const nameOf = new Map<number, string>();
const unitIds = new Map<string, number>();
const TODAY = { today: '2026-11-22' };

beforeAll(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  const db = core.db;
  const addUnit = (name: string, parent: string | null) =>
    unitIds.set(
      name,
      Number(
        db.prepare('INSERT INTO units(parent_id, name, sort_order) VALUES (?, ?, ?)').run(parent && unitIds.get(parent), name, unitIds.size).lastInsertRowid,
      ),
    );
  addUnit('市委', null);
  addUnit('市委组织部', '市委');
  addUnit('柳川县', null);
  addUnit('兴隆镇', '柳川县');
  const insert = cadreInserter(db);
  PEOPLE.forEach(({ unit, deleted, ...p }, i) => {
    const id = insert({ ...p, unitId: unit === null ? null : unitIds.get(unit)!, sortOrder: i });
    if (deleted) db.prepare("UPDATE cadres SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(id);
    idOf.set(p.name, id);
    nameOf.set(id, p.name);
  });
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

const and = (...items: (Condition | Group)[]): Group => ({ join: 'and', items });
const or = (...items: (Condition | Group)[]): Group => ({ join: 'or', items });

/** The names matched, sorted (the id set, readable). */
function names(q: CadreQuery, opts = TODAY): string[] {
  const ids = queryCadreIds(core.db, q, opts);
  expect(countQueryCadres(core.db, q, opts)).toBe(ids.length);
  return ids.map(id => nameOf.get(id)!).sort();
}
const where = (c: Condition | Group, extra: Partial<CadreQuery> = {}): CadreQuery => ({ ...extra, where: 'join' in c ? c : and(c) });
const sorted = (...xs: string[]) => [...xs].sort();
const LIVE = PEOPLE.filter(p => !p.deleted).map(p => p.name);

describe('compileQuery', () => {
  it('runs "正处及以上, 45 岁以下, 全日制本科, 简历有乡镇" in SQL', () => {
    const q: CadreQuery = {
      refDate: '2026-11-22',
      where: and(
        { field: 'leadershipLevel', op: 'atLeast', value: '正处' },
        { field: 'age', op: 'lt', value: 45 },
        { field: 'ftEducation', op: 'in', value: ['大学'] },
        { field: 'resume', op: 'contains', value: '乡镇' },
      ),
    };
    // 丙三 is 45 this month, 丁四 never worked in a township, 戊五 has 研究生, 己六 is 副处,
    // 庚七 has no birth, 辛八 is deleted; 壬九's 层次 is stored as 县处级正职.
    expect(names(q)).toEqual(sorted('甲一', '乙二', '壬九'));
    const { sql, params } = compileQuery(q, TODAY);
    expect(sql).not.toContain('乡镇');
    expect(sql).toMatch(/:p1\b/);
    expect(Object.values(params)).toContain('乡镇');
  });

  it('puts no value in the SQL text and runs the 简历 search last, whatever the order written', () => {
    const q = where(
      and(
        { field: 'resume', op: 'contains', value: '乡镇' },
        or({ field: 'remarks', op: 'contains', value: '95%' }, { field: 'tags', op: 'hasAny', value: ['选调生'] }),
        { field: 'rank', op: 'atLeast', value: '一级调研员' },
        { field: 'birth', op: 'between', value: '1980-01', value2: '1989-12-31' },
      ),
    );
    const { sql, params } = compileQuery(q, TODAY);
    // The roster's own scope (IN_ROSTER: status 在职) is the one fixed literal; every value is a parameter.
    expect(sql.startsWith(IN_ROSTER)).toBe(true);
    expect(sql.slice(IN_ROSTER.length)).not.toMatch(/\p{Script=Han}|%|'19|'20/u);
    expect(sql.indexOf('c.rank')).toBeLessThan(sql.indexOf('c.resume'));
    expect(sql.indexOf('c.birth')).toBeLessThan(sql.indexOf('c.resume'));
    expect(sql.indexOf('c.remarks')).toBeLessThan(sql.indexOf('c.resume'));
    expect(Object.keys(params).every(k => /^p\d+$/.test(k))).toBe(true);
    // 丙三 and 壬九 (一级调研员, 80后, 乡镇) have no tag and no 95%; 甲一 is only 二级调研员.
    expect(names(q)).toEqual(['乙二']);
  });

  it('age boundaries: the birth month itself counts as the birthday, whatever the day', () => {
    const age = (op: Condition['op'], value: number, refDate: string, value2?: number) => names({ refDate, where: and({ field: 'age', op, value, value2 }) });
    // 癸十 born 1990-11-05: 35 from 2025-11-01 (same month, day before), 34 on 2025-10-31.
    expect(age('equals', 35, '2025-11-01')).toEqual(['癸十']);
    expect(age('equals', 35, '2025-10-31')).toEqual([]);
    expect(age('equals', 34, '2025-10-31')).toEqual(['癸十']);
    // 丙三 born 1981-11 is 45 in 2026-11 but 44 in 2026-10; 丁四 born 1981-12 is 44 in 2026-11.
    expect(age('gte', 45, '2026-11-22')).toContain('丙三');
    expect(age('gte', 45, '2026-11-22')).not.toContain('丁四');
    expect(age('lt', 45, '2026-10-31')).toContain('丙三');
    expect(age('lt', 45, '2026-11-01')).not.toContain('丙三');
    expect(age('between', 44, '2026-11-22', 45)).toEqual(sorted('甲一', '丙三', '丁四'));
    expect(age('gt', 44, '2026-11-22')).toEqual(sorted('丙三', '子十一', '丑十二'));
    expect(age('lte', 30, '2026-11-22')).toEqual(['卯十四']);
    // Nobody with no birth, nobody born after the reference date, nobody deleted.
    expect(age('gte', 0, '2026-11-22')).toEqual(sorted(...LIVE.filter(n => n !== '庚七')));
    expect(age('lt', 150, '1980-01-01')).toEqual(sorted('子十一', '丑十二'));
    // The default reference date is `today`.
    expect(names(where({ field: 'age', op: 'equals', value: 35 }), { today: '2025-11-01' })).toEqual(['癸十']);
    expect(names(where({ field: 'age', op: 'lt', value: 0 }))).toEqual([]);
  });

  it('OR groups nested in AND', () => {
    const q = where(
      and(
        { field: 'age', op: 'lt', value: 45 },
        or({ field: 'tags', op: 'hasAny', value: ['选调生'] }, { field: 'ptEducation', op: 'atLeast', value: '大学' }),
      ),
      { refDate: '2026-11-22' },
    );
    // 丁四 (在职研究生) and 癸十 (中央党校大学) by education; 甲一, 乙二, 己六 by tag.
    expect(names(q)).toEqual(sorted('甲一', '乙二', '丁四', '己六', '癸十'));
    const deeper = where(
      or(
        and(
          { field: 'gender', op: 'in', value: ['女'] },
          or({ field: 'remarks', op: 'contains', value: '%' }, { field: 'rank', op: 'atLeast', value: '一级巡视员' }),
        ),
        and({ field: 'generation', op: 'in', value: ['60后'] }),
      ),
    );
    expect(names(deeper)).toEqual(sorted('卯十四', '子十一'));
    expect(names(where(and()))).toEqual(sorted(...LIVE));
    expect(names(where(or(and(), { field: 'name', op: 'equals', value: '甲一' })))).toEqual(sorted(...LIVE));
  });

  it('ladders: rank between 四级调研员 and 一级调研员, 层次 aliases, party-school education kept distinct', () => {
    const between = where({ field: 'rank', op: 'between', value: '四级调研员', value2: '一级调研员' });
    expect(names(between)).toEqual(sorted('甲一', '丙三', '丁四', '戊五', '壬九', '丑十二', '寅十三'));
    expect(names(where({ field: 'rank', op: 'between', value: '一级调研员', value2: '四级调研员' }))).toEqual(names(between));
    expect(names(where({ field: 'rank', op: 'atMost', value: '一级主任科员' }))).toEqual(sorted('己六', '癸十', '卯十四'));
    expect(names(where({ field: 'leadershipLevel', op: 'atLeast', value: '副厅' }))).toEqual(sorted('乙二', '子十一'));
    expect(names(where({ field: 'leadershipLevel', op: 'between', value: '正处级', value2: '正处' }))).toEqual(
      sorted('甲一', '丙三', '丁四', '戊五', '庚七', '壬九'),
    );
    expect(names(where({ field: 'ftEducation', op: 'atMost', value: '大专' }))).toEqual(['丑十二']);
    expect(names(where({ field: 'ptEducation', op: 'atLeast', value: '大学' }))).toEqual(sorted('丁四', '癸十'));
    expect(names(where({ field: 'ptEducation', op: 'in', value: ['大学'] }))).toEqual([]);
    expect(names(where({ field: 'ptEducation', op: 'in', value: ['中央党校大学'] }))).toEqual(['癸十']);
    expect(names(where({ field: 'ftEducation', op: 'in', value: ['本科'] }))).toEqual(names(where({ field: 'ftEducation', op: 'in', value: ['大学'] })));
    expect(names(where({ field: 'leadershipLevel', op: 'in', value: ['正处级'] }))).toEqual(sorted('甲一', '丙三', '丁四', '戊五', '庚七', '壬九'));
    expect(names(where({ field: 'leadershipLevel', op: 'notIn', value: ['正处', '副处', '正科'] }))).toEqual(
      sorted('乙二', '子十一', '丑十二', '寅十三', '卯十四'),
    );
    // Empty or off-ladder values never match an order comparison; notIn keeps them.
    expect(names(where({ field: 'rank', op: 'atMost', value: '二级科员' }))).not.toContain('庚七');
    expect(names(where({ field: 'rank', op: 'notIn', value: ['一级调研员', '二级调研员'] }))).toEqual(
      sorted(...LIVE.filter(n => !['甲一', '丙三', '壬九'].includes(n))),
    );
  });

  it('tags: hasAll, hasNone, hasAny', () => {
    expect(names(where({ field: 'tags', op: 'hasAll', value: ['选调生', '年轻干部库'] }))).toEqual(sorted('甲一', '己六'));
    expect(names(where({ field: 'tags', op: 'hasNone', value: ['选调生', '年轻干部库'] }))).toEqual(
      sorted('丙三', '丁四', '庚七', '壬九', '癸十', '子十一', '丑十二', '寅十三', '卯十四'),
    );
    expect(names(where({ field: 'tags', op: 'hasAny', value: ['第一书记', '大学生村官'] }))).toEqual(sorted('己六', '癸十'));
  });

  it('简历 contains 乡镇; text matches literally, % and _ included', () => {
    expect(names(where({ field: 'resume', op: 'contains', value: '乡镇' }))).toEqual(sorted('甲一', '乙二', '丙三', '戊五', '己六', '庚七', '壬九'));
    expect(names(where({ field: 'remarks', op: 'contains', value: '95%' }))).toEqual(['卯十四']);
    expect(names(where({ field: 'remarks', op: 'contains', value: '%' }))).toEqual(['卯十四']);
    expect(names(where({ field: 'remarks', op: 'equals', value: 'A_B' }))).toEqual(['丑十二']);
    expect(names(where({ field: 'remarks', op: 'contains', value: '_' }))).toEqual(['丑十二']);
    expect(names(where({ field: 'post', op: 'startsWith', value: '办公室一_' }))).toEqual(['丑十二']);
    expect(names(where({ field: 'remarks', op: 'notContains', value: '95' }))).toHaveLength(LIVE.length - 2);
    expect(names(where({ field: 'remarks', op: 'isNotEmpty' }))).toEqual(sorted('子十一', '丑十二', '寅十三', '卯十四'));
    expect(names(where({ field: 'idNumber', op: 'contains', value: '002x' }))).toEqual(['卯十四']);
    expect(names(where({ field: 'unit', op: 'contains', value: '镇' }))).toEqual(sorted('己六', '庚七', '壬九'));
    expect(names(where({ field: 'name', op: 'notEquals', value: '甲一' }))).toHaveLength(LIVE.length - 1);
  });

  it('dates compare on the month when one side is year-month; non-dates never match', () => {
    const workDate = (op: Condition['op'], value: string, value2?: string) => names(where({ field: 'workDate', op, value, value2 }));
    // 甲一 2005-07, 乙二 2005-07-15, 丙三 2005-08-01, 丁四 2005-06-30.
    expect(workDate('between', '2005-07-15', '2005-08')).toEqual(sorted('甲一', '乙二', '丙三'));
    expect(workDate('between', '2005-07', '2005-07')).toEqual(sorted('甲一', '乙二'));
    expect(workDate('before', '2005-07-15')).toEqual(['丁四']);
    expect(workDate('before', '2005-07-16')).toEqual(sorted('乙二', '丁四'));
    expect(workDate('before', '2005-07')).toEqual(['丁四']);
    expect(workDate('after', '2005-07')).toEqual(['丙三']);
    expect(workDate('after', '2005-07-01')).toEqual(sorted('乙二', '丙三'));
    expect(names(where({ field: 'partyDate', op: 'after', value: '1900-01' }))).toEqual(sorted('己六', '壬九'));
    expect(names(where({ field: 'partyDate', op: 'isNotEmpty' }))).toEqual(sorted('戊五', '己六', '壬九'));
    expect(names(where({ field: 'birth', op: 'isEmpty' }))).toEqual(['庚七']);
    expect(names(where({ field: 'generation', op: 'in', value: ['80后'] }))).toEqual(sorted('甲一', '乙二', '丙三', '丁四', '戊五', '己六', '壬九'));
    expect(names(where({ field: 'generation', op: 'notIn', value: ['80后', '90后'] }))).toEqual(sorted('子十一', '丑十二'));
  });

  it('unitId includes sub-units and combines with a caller-side unit filter', () => {
    const county = unitIds.get('柳川县')!;
    expect(names({ unitId: county })).toEqual(sorted('己六', '庚七', '壬九', '癸十', '子十一'));
    expect(names({ unitId: county, where: and({ field: 'tags', op: 'hasAny', value: ['选调生', '大学生村官'] }) })).toEqual(sorted('己六', '癸十'));
    // The compiled CTE has its own name, so it composes with listCadres' unit_subtree.
    const { ctes } = compileQuery({ unitId: county }, TODAY);
    expect(ctes.join()).toContain('query_unit_subtree');
  });

  it('an injection attempt is a plain value: it matches nothing and the table survives', () => {
    const evil = "'; DROP TABLE cadres; --";
    for (const field of ['name', 'resume', 'unit'] as const) {
      expect(names(where({ field, op: 'contains', value: evil }))).toEqual([]);
    }
    expect(names(where({ field: 'gender', op: 'in', value: [evil, "男' OR '1'='1"] }))).toEqual([]);
    expect(names(where({ field: 'tags', op: 'hasAny', value: [evil] }))).toEqual([]);
    expect(compileQuery(where({ field: 'name', op: 'contains', value: evil }), TODAY).sql).not.toContain('DROP');
    expect(listCadres(core.db)).toHaveLength(LIVE.length);
    expect(() => names(where({ field: 'rank', op: 'atLeast', value: evil }))).toThrowError(/不在「职级」的序列中/);
  });

  it('refuses an invalid field or operator with a Chinese VALIDATION error', () => {
    const bad = (q: unknown) => () => compileQuery(q as CadreQuery, TODAY);
    expect(bad(where({ field: 'salary' as never, op: 'gt', value: 1 }))).toThrowError(AppError);
    expect(bad(where({ field: 'salary' as never, op: 'gt', value: 1 }))).toThrowError(/没有名为「salary」的查询字段/);
    expect(bad(where({ field: 'age', op: 'contains', value: '4' }))).toThrowError(/「年龄」不能用「包含」作条件/);
    expect(bad({ where: { join: 'and', items: [{ field: 'name', op: 'contains', value: 'x', sql: '1=1' }] } })).toThrowError(AppError);
  });
});

describe('queryCadres', () => {
  it('returns roster rows in listCadres order', () => {
    expect(queryCadres(core.db, {}, TODAY)).toEqual(listCadres(core.db));
    const q = where({ field: 'resume', op: 'contains', value: '乡镇' });
    const ids = new Set(queryCadreIds(core.db, q, TODAY));
    const rows = queryCadres(core.db, q, TODAY);
    expect(rows).toEqual(listCadres(core.db).filter(r => ids.has(r.id)));
    expect(rows.map(r => r.id)).toEqual(queryCadreIds(core.db, q, TODAY));
    expect(rows.find(r => r.name === '甲一')).toMatchObject({ unit: '市委组织部', tags: ['年轻干部库', '选调生'].sort() });
  });
});

describe('migration 3 (query indexes)', () => {
  it('lets a 领导职务层次 condition start from its index, with the same results', () => {
    const q = where(and({ field: 'resume', op: 'contains', value: '乡镇' }, { field: 'leadershipLevel', op: 'atLeast', value: '正处' }));
    const before = queryCadreIds(core.db, q, TODAY);
    const exists = core.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'cadres_leadership_level'").get();
    if (!exists) core.db.transaction(() => m003QueryIndexes.up(core.db))();
    expect(m003QueryIndexes.version).toBe(3);
    const { sql, params } = compileQuery(q, TODAY);
    const plan = (core.db.prepare(`EXPLAIN QUERY PLAN SELECT c.id FROM cadres c WHERE ${sql}`).all(params) as { detail: string }[])
      .map(r => r.detail)
      .join('\n');
    expect(plan).toContain('cadres_leadership_level');
    expect(queryCadreIds(core.db, q, TODAY)).toEqual(before);
    expect(before.map(id => nameOf.get(id)).sort()).toEqual(sorted('甲一', '乙二', '丙三', '戊五', '庚七', '壬九'));
  });
});
