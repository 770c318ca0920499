/** The reads other areas make of cadres (roster/api.ts): who is in the roster is decided there alone. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import {
  cadreInserter,
  cadreName,
  cadrePhoto,
  cadreStanding,
  cadreSummaries,
  countInUnit,
  countsByUnitAndLevel,
  inRosterIds,
  leadershipLevelsInUnit,
  liveCadreIds,
  liveCadreName,
  rosterIds,
  servingInUnit,
} from '../../../electron/services/roster/api';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let ids: Record<string, number>;
let units: Record<string, number>;

beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  const db = core.db;
  const unit = (name: string, parentId: number | null) =>
    Number(db.prepare('INSERT INTO units(parent_id, name, sort_order) VALUES (?, ?, 0)').run(parentId, name).lastInsertRowid);
  const top = unit('市发改委', null);
  units = { top, sub: unit('市发改委价格科', top), other: unit('市财政局', null) };
  const insert = cadreInserter(db);
  const add = (name: string, unitId: number, leadershipLevel: string, tags: string[] = []) => insert({ unitId, name, leadershipLevel, tags });
  ids = {
    head: add('在职甲', units.top, '正处', ['年轻干部']),
    deputy: add('在职乙', units.sub, '副处'),
    elsewhere: add('在职丙', units.other, '正处'),
    retired: add('退休丁', units.top, '正处', ['年轻干部']),
    binned: add('删除戊', units.top, '副处', ['年轻干部']),
  };
  db.prepare("UPDATE cadres SET status = '退休' WHERE id = ?").run(ids.retired);
  db.prepare("UPDATE cadres SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(ids.binned);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const names = (list: Iterable<number>) => [...list].map(id => Object.entries(ids).find(([, v]) => v === id)![0]);

describe('who is in the roster', () => {
  it.each([
    ['the whole roster', {}, ['head', 'deputy', 'elsewhere']],
    ['a unit with its sub-units', () => ({ unitTree: units.top }), ['head', 'deputy']],
    ['a tag', { tag: '年轻干部' }, ['head']],
    ['a 领导职务层次', { leadershipLevel: '正处' }, ['head', 'elsewhere']],
    ['a unit and a level together', () => ({ unitTree: units.top, leadershipLevel: '副处' }), ['deputy']],
  ] as const)('rosterIds: %s, never the 历史库 nor the 回收站', (_, scope, expected) => {
    expect(names(rosterIds(core.db, typeof scope === 'function' ? scope() : scope))).toEqual(expected);
  });

  it('inRosterIds keeps those in the roster, in roster order; liveCadreIds keeps all but the 回收站', () => {
    const all = [ids.binned, ids.retired, ids.elsewhere, ids.head, 999];
    expect(names(inRosterIds(core.db, all))).toEqual(['head', 'elsewhere']);
    expect(names(liveCadreIds(core.db, all)).sort()).toEqual(['elsewhere', 'head', 'retired']);
  });

  it('counts of a unit and per unit and level count the roster only', () => {
    expect(countInUnit(core.db, units.top)).toBe(1);
    expect(countInUnit(core.db, units.top, '副处')).toBe(0);
    expect(countsByUnitAndLevel(core.db)).toEqual(
      new Map([
        [`${units.top}:正处`, 1],
        [`${units.sub}:副处`, 1],
        [`${units.other}:正处`, 1],
      ]),
    );
    expect([...countsByUnitAndLevel(core.db, units.top).keys()]).toEqual([`${units.top}:正处`, `${units.sub}:副处`]);
    expect(leadershipLevelsInUnit(core.db, units.top)).toEqual(['正处']);
    // 在职 in the unit, the 回收站 included (who would come back into it): not the retired.
    expect(servingInUnit(core.db, units.top)).toEqual([
      { id: ids.head, deleted: false },
      { id: ids.binned, deleted: true },
    ]);
  });
});

describe('one cadre', () => {
  it('names and summaries reach every cadre; liveCadreName not the 回收站', () => {
    expect(cadreName(core.db, ids.binned)).toBe('删除戊');
    expect(liveCadreName(core.db, ids.binned)).toBeUndefined();
    expect(liveCadreName(core.db, ids.retired)).toBe('退休丁');
    expect(cadreName(core.db, 999)).toBeUndefined();
    const summaries = cadreSummaries(core.db, [ids.deputy, ids.binned, 999]);
    expect([...summaries.keys()].sort()).toEqual([ids.deputy, ids.binned].sort());
    expect(summaries.get(ids.deputy)).toMatchObject({ name: '在职乙', unit: '市发改委价格科', leadershipLevel: '副处', deleted: false });
    expect(summaries.get(ids.binned)!.deleted).toBe(true);
  });

  it('cadreStanding says whether the cadre counts in the roster', () => {
    expect(cadreStanding(core.db, ids.head)).toMatchObject({ status: '在职', deleted: false, inRoster: true, level: '正处' });
    expect(cadreStanding(core.db, ids.retired)).toMatchObject({ status: '退休', deleted: false, inRoster: false });
    expect(cadreStanding(core.db, ids.binned)).toMatchObject({ status: '在职', deleted: true, inRoster: false });
    expect(cadreStanding(core.db, 999)).toBeUndefined();
  });

  it('cadrePhoto: null without one, undefined for no such cadre', () => {
    expect(cadrePhoto(core.db, ids.head)).toBeNull();
    expect(cadrePhoto(core.db, 999)).toBeUndefined();
  });
});
