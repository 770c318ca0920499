import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter, getCadre, listCadres } from '../../../electron/services/roster/cadres';
import { loadDemo } from '../../../electron/services/demo/load';
import { AppError } from '../../../shared/contract/errors';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

function addUnit(name: string, parentId: number | null = null): number {
  return Number(core.db.prepare('INSERT INTO units(parent_id, name, sort_order) VALUES (?, ?, 0)').run(parentId, name).lastInsertRowid);
}

describe('cadre listing', () => {
  it('returns a cadre with family, assessments and tags as stored', () => {
    const unit = addUnit('市委组织部');
    const id = cadreInserter(core.db)({
      unitId: unit,
      name: '张三',
      gender: '男',
      birth: '1985-03',
      idNumber: '11010519491231002X',
      post: '干部一科科长',
      resume: '2003.09--2007.07  东北大学学习\n2007.07--  市委组织部',
      tags: ['选调生', '年轻干部库'],
      family: [{ relation: '妻子', name: '王芳', birth: '1986-05', politicalStatus: '中共党员', work: '市第一中学教师' }],
      assessments: [{ year: 2024, grade: '优秀', note: '' }],
    });
    const c = getCadre(core.db, id);
    expect(c).toMatchObject({ name: '张三', unit: '市委组织部', birth: '1985-03', status: '在职', hasPhoto: false });
    expect(c.tags.sort()).toEqual(['年轻干部库', '选调生']);
    expect(c.family).toEqual([{ relation: '妻子', name: '王芳', birth: '1986-05', politicalStatus: '中共党员', work: '市第一中学教师' }]);
    expect(c.assessments).toEqual([{ year: 2024, grade: '优秀', note: '' }]);
    expect(c.resume.split('\n')).toHaveLength(2);
  });

  it('search finds by name, ID number (any case) and post text; the 回收站 is not listed', () => {
    const unit = addUnit('市财政局');
    const insert = cadreInserter(core.db);
    insert({ unitId: unit, name: '李四', idNumber: '11010519491231002X', post: '预算科科长' });
    const gone = insert({ unitId: unit, name: '李四光', post: '办公室主任' });
    core.db.prepare("UPDATE cadres SET deleted_at = '2026-01-01' WHERE id = ?").run(gone);
    expect(listCadres(core.db, { search: '李四' }).map(c => c.name)).toEqual(['李四']);
    expect(listCadres(core.db, { search: '002x' }).map(c => c.name)).toEqual(['李四']);
    expect(listCadres(core.db, { search: '预算' }).map(c => c.name)).toEqual(['李四']);
    expect(listCadres(core.db, { search: '主任' })).toEqual([]);
  });

  it('pinyin initials match from the start of the name; full pinyin and Chinese anywhere', () => {
    const unit = addUnit('市发改委');
    const insert = cadreInserter(core.db);
    for (const name of ['张三', '张淑杰', '李志山', '王子顺']) insert({ unitId: unit, name });
    const found = (search: string) => listCadres(core.db, { search }).map(c => c.name);
    expect(found('zs')).toEqual(['张三', '张淑杰']);
    expect(found('ZS')).toEqual(['张三', '张淑杰']);
    expect(found('zsj')).toEqual(['张淑杰']);
    expect(found('lzs')).toEqual(['李志山']);
    expect(found('shan')).toEqual(['李志山']);
    expect(found('zhishan')).toEqual(['李志山']);
    expect(found('zhi shan')).toEqual(['李志山']);
    expect(found('志山')).toEqual(['李志山']);
    expect(found('zsh')).toEqual([]);
  });

  it('lists in unit-tree order, a unit filter includes sub-units only', () => {
    const city = addUnit('市委');
    const dept = addUnit('市委组织部', city);
    const other = addUnit('市政府');
    const insert = cadreInserter(core.db);
    insert({ unitId: other, name: '丙' });
    insert({ unitId: dept, name: '乙' });
    insert({ unitId: city, name: '甲' });
    expect(listCadres(core.db).map(c => c.name)).toEqual(['甲', '乙', '丙']);
    expect(listCadres(core.db, { unitId: city }).map(c => c.name)).toEqual(['甲', '乙']);
    expect(listCadres(core.db, { unitId: dept }).map(c => c.name)).toEqual(['乙']);
  });

  it('getCadre of a missing id is a NOT_FOUND AppError with a Chinese message', () => {
    expect(() => getCadre(core.db, 42)).toThrowError(AppError);
    expect(() => getCadre(core.db, 42)).toThrowError(/找不到/);
  });
});

describe('demo data', () => {
  it('loads a unit tree with townships and streets and about 600 cadres, audited', () => {
    const counts = loadDemo(core.db);
    expect(counts.cadres).toBeGreaterThanOrEqual(550);
    expect(listCadres(core.db)).toHaveLength(counts.cadres);
    const kinds = (core.db.prepare('SELECT DISTINCT kind FROM units').all() as { kind: string }[]).map(r => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['乡镇', '街道']));
    const audit = core.db.prepare('SELECT operator, action FROM audit_log').all() as { operator: string; action: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('demo.load');
    expect(audit[0].operator.length).toBeGreaterThan(0);
  });

  it('refuses to load over existing data, and leaves it untouched', () => {
    const unit = addUnit('我的单位');
    cadreInserter(core.db)({ unitId: unit, name: '真实干部' });
    expect(() => loadDemo(core.db)).toThrowError(/已有 1 名干部/);
    expect(listCadres(core.db).map(c => c.name)).toEqual(['真实干部']);
  });

  it('with force replaces everything in one step', () => {
    const unit = addUnit('我的单位');
    cadreInserter(core.db)({ unitId: unit, name: '真实干部' });
    loadDemo(core.db, { force: true });
    expect(listCadres(core.db, { search: '真实干部' })).toEqual([]);
    expect((core.db.prepare("SELECT count(*) AS n FROM units WHERE name = '我的单位'").get() as { n: number }).n).toBe(0);
  });
});
