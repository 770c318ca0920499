import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cadreAuditLog } from '../../../electron/services/common/audit';
import { readCadreImage } from '../../../electron/services/common/cadre-image';
import { applyCadreChanges, setCadresDeleted } from '../../../electron/services/roster/writes';
import { getCadre, listCadres } from '../../../electron/services/roster/cadres';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { historyState, stepHistory } from '../../../electron/services/common/operation-log';
import { rosterPage } from '../../../electron/services/roster/page';
import { idCheckChar } from '../../../shared/domain/common/idcard';
import { AppError } from '../../../shared/contract/errors';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  loadDemo(core.db, { cadreCount: 60 });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const tableDump = () =>
  JSON.stringify(core.db.prepare('SELECT * FROM cadres ORDER BY id').all()) +
  JSON.stringify(core.db.prepare('SELECT * FROM cadre_tags ORDER BY cadre_id, tag').all());
const thrown = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

describe('editing cadres', () => {
  it('saves a valid edit, normalised, and records it in the audit log', () => {
    const r = applyCadreChanges(core.db, { updates: [{ id: 1, values: { birth: '1973年5月', ethnicity: '满' } }] });
    expect(r.updated).toEqual([1]);
    const c = getCadre(core.db, 1);
    expect(c.birth).toBe('1973-05');
    expect(c.ethnicity).toBe('满族');
    const log = cadreAuditLog(core.db, 1);
    expect(log[0].action).toBe('edit');
    expect(log[0].changes.map(ch => ch.label)).toContain('民族');
  });

  it('refuses an invalid value with a Chinese message naming row and field, and saves nothing', () => {
    const before = tableDump();
    const e = thrown(() => applyCadreChanges(core.db, { updates: [{ id: 1, values: { nativePlace: '辽宁沈阳', idNumber: '210102198503120018' } }] }));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/第 1 行「身份证号」/);
    expect(tableDump()).toBe(before);
    expect(historyState(core.db).undo).toBeNull();
  });

  it('refuses an ID number that disagrees with the record, or belongs to someone else', () => {
    const c1 = getCadre(core.db, 1);
    const c2 = getCadre(core.db, 2);
    expect(
      thrown(() => applyCadreChanges(core.db, { updates: [{ id: 2, values: { idNumber: c1.idNumber, birth: c1.birth, gender: c1.gender } }] })).message,
    ).toMatch(/重复/);
    // a valid number whose birth date is not this cadre's
    const body = `219004${c2.birth.slice(0, 4) === '1980' ? '1981' : '1980'}0101001`;
    const other = body + idCheckChar(body);
    expect(thrown(() => applyCadreChanges(core.db, { updates: [{ id: 2, values: { idNumber: other } }] })).message).toMatch(/出生/);
  });

  it('a paste of several rows is one operation; undo restores every row exactly, redo re-applies', () => {
    const before = tableDump();
    const r = applyCadreChanges(core.db, {
      kind: 'paste',
      label: '粘贴 3 行',
      updates: [
        { id: 5, values: { post: '测试职务甲', remarks: '粘贴' } },
        { id: 6, values: { post: '测试职务乙' } },
      ],
      creates: [{ values: { name: '赵　新', gender: '女', birth: '1992.7' } }],
    });
    expect(r.created).toHaveLength(1);
    const created = getCadre(core.db, r.created[0]);
    expect(created.name).toBe('赵新');
    expect(historyState(core.db).undo?.label).toBe('粘贴 3 行');
    const after = tableDump();
    stepHistory(core.db, 'undo');
    expect(tableDump()).toBe(before);
    expect(historyState(core.db).redo?.label).toBe('粘贴 3 行');
    stepHistory(core.db, 'redo');
    expect(tableDump()).toBe(after);
  });

  it('a new change after an undo ends the redo branch', () => {
    applyCadreChanges(core.db, { updates: [{ id: 1, values: { remarks: '一' } }] });
    stepHistory(core.db, 'undo');
    applyCadreChanges(core.db, { updates: [{ id: 1, values: { remarks: '二' } }] });
    expect(historyState(core.db).redo).toBeNull();
    expect(() => stepHistory(core.db, 'redo')).toThrowError(/没有可以重做/);
  });

  it('deleting moves cadres to the 回收站; restore and undo bring them back', () => {
    const n = listCadres(core.db).length;
    setCadresDeleted(core.db, [7, 8], true);
    expect(listCadres(core.db)).toHaveLength(n - 2);
    expect(listCadres(core.db, { deleted: true }).map(c => c.id)).toEqual([7, 8]);
    setCadresDeleted(core.db, [7], false);
    expect(listCadres(core.db, { deleted: true }).map(c => c.id)).toEqual([8]);
    stepHistory(core.db, 'undo'); // the restore
    stepHistory(core.db, 'undo'); // the delete
    expect(listCadres(core.db)).toHaveLength(n);
    expect(cadreAuditLog(core.db, 7).map(e => e.action)).toEqual(['undo', 'undo', 'restore', 'delete']);
  });

  it('editing a deleted cadre is refused', () => {
    setCadresDeleted(core.db, [9], true);
    expect(thrown(() => applyCadreChanges(core.db, { updates: [{ id: 9, values: { remarks: 'x' } }] })).message).toMatch(/找不到/);
  });

  it('undo of a created row removes it, redo brings back the same id and image', () => {
    const r = applyCadreChanges(core.db, { creates: [{ values: { name: '钱多', gender: '男', birth: '1988-08', tags: '选调生、年轻干部库' } }] });
    const id = r.created[0];
    const image = readCadreImage(core.db, id);
    expect(image?.tags).toEqual(['年轻干部库', '选调生']);
    stepHistory(core.db, 'undo');
    expect(readCadreImage(core.db, id)).toBeNull();
    stepHistory(core.db, 'redo');
    expect(readCadreImage(core.db, id)).toEqual(image);
  });
});

describe('undo against records outside the undo log', () => {
  it('refuses in Chinese, and changes nothing, when a later record still uses the cadre the undo would remove', () => {
    const r = applyCadreChanges(core.db, { creates: [{ values: { name: '孙评', gender: '男', birth: '1985-05' } }] });
    const id = r.created[0];
    // An assessment participant points at the cadre without cascade, and is not part of the roster's undo log.
    core.db.exec("INSERT INTO assessment_sets(name, year) VALUES ('测试指标', 2026)");
    core.db.prepare("INSERT INTO assessment_participants(set_id, cadre_id, mode) VALUES (1, ?, 'add')").run(id);
    const before = historyState(core.db);
    const err = (() => {
      try {
        stepHistory(core.db, 'undo');
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect([err!.code, err!.message]).toEqual(['CONFLICT', '无法撤销：其中的干部或记录已被其他数据（如考核评分）引用，请先处理那些数据']);
    expect(getCadre(core.db, id).name).toBe('孙评');
    expect(historyState(core.db)).toEqual(before);
  });
});

describe('the roster page (grid blocks)', () => {
  it('finds by pinyin initials and full pinyin', () => {
    const r = applyCadreChanges(core.db, { creates: [{ values: { name: '张三丰', gender: '男', birth: '1980-01' } }] });
    for (const q of ['zsf', 'zhangsanfeng', 'ZhangSan', '张三']) {
      expect(rosterPage(core.db, { search: q, offset: 0, limit: 50 }).rows.map(c => c.id)).toContain(r.created[0]);
    }
  });

  it('sorts 姓名 by pinyin, counts, pages, and applies column filters in SQL', () => {
    const all = rosterPage(core.db, { sort: [{ colId: 'name', sort: 'asc' }], offset: 0, limit: 1000 });
    expect(all.total).toBe(59); // one of the demo's 60 has left (历史库)
    const keyOf = new Map((core.db.prepare('SELECT id, name_keys AS k FROM cadres').all() as { id: number; k: string }[]).map(r => [r.id, r.k]));
    const keys = all.rows.map(r => keyOf.get(r.id)!);
    expect(keys.every(k => /^[a-z]+( [a-z]+)*\|[a-z]+ [a-z]+$/.test(k))).toBe(true);
    expect([...keys].sort()).toEqual(keys);
    // and that is not code-point order of the names
    const names = all.rows.map(r => r.name);
    expect([...names].sort()).not.toEqual(names);
    const page2 = rosterPage(core.db, { sort: [{ colId: 'name', sort: 'asc' }], offset: 20, limit: 20 });
    expect(page2.rows.map(r => r.id)).toEqual(all.rows.slice(20, 40).map(r => r.id));
    const women = rosterPage(core.db, { filters: { gender: { type: 'equals', filter: '女' } }, offset: 0, limit: 1000 });
    expect(women.total).toBe(all.rows.filter(r => r.gender === '女').length);
    const born = rosterPage(core.db, { filters: { birth: { type: 'startsWith', filter: '1975.0' } }, offset: 0, limit: 1000 });
    expect(born.rows.every(r => r.birth.startsWith('1975-0'))).toBe(true);
  });
});
