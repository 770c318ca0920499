/**
 * The 审计日志 query: time bounds as users write them (local time, both ends
 * inclusive), filters by cadre / operator / time / kind alone and combined,
 * time order and paging, the stored entity/action pairs mapped to kinds, and
 * the summaries in words. Times are checked in China's zone (UTC+8).
 */
process.env.TZ = 'Asia/Shanghai';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../electron/db/database';
import { auditPage, auditTimeBound } from '../../../electron/services/audit/query';
import { applyCadreChanges } from '../../../electron/services/roster/writes';
import { openCore, type Core } from '../../../electron/services/core/core';
import { AUDIT_KINDS, type AuditKind } from '../../../shared/domain/audit/text';
import { AppError } from '../../../shared/contract/errors';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import type { AuditFilter } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-audit-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('time bounds (local time, inclusive)', () => {
  it('a day, a month, a minute, a second; from the first instant, to the last', () => {
    expect(auditTimeBound('2026.11.22', 'from')).toBe('2026-11-21T16:00:00.000Z');
    expect(auditTimeBound('2026.11.22', 'to')).toBe('2026-11-22T15:59:59.999Z');
    expect(auditTimeBound('2026-11-22', 'to')).toBe('2026-11-22T15:59:59.999Z');
    expect(auditTimeBound('2026年11月22日', 'from')).toBe('2026-11-21T16:00:00.000Z');
    expect(auditTimeBound('20261122', 'from')).toBe('2026-11-21T16:00:00.000Z');
    expect(auditTimeBound('2026.11', 'from')).toBe('2026-10-31T16:00:00.000Z');
    expect(auditTimeBound('2026.11', 'to')).toBe('2026-11-30T15:59:59.999Z');
    expect(auditTimeBound('2026.2', 'to')).toBe('2026-02-28T15:59:59.999Z');
    expect(auditTimeBound('2026.11.22 08:30', 'from')).toBe('2026-11-22T00:30:00.000Z');
    expect(auditTimeBound('2026-11-22T08:30', 'to')).toBe('2026-11-22T00:30:59.999Z');
    expect(auditTimeBound('2026.11.22 8:30:15', 'to')).toBe('2026-11-22T00:30:15.999Z');
  });

  it('refuses what is not a time, naming which bound', () => {
    for (const [text, end] of [
      ['2026.13.01', 'from'],
      ['昨天', 'to'],
      ['2026.11 08:30', 'from'],
      ['2026.11.22 24:00', 'to'],
      ['2026.02.30', 'to'],
    ] as const) {
      const e = refusal(() => auditTimeBound(text, end));
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toContain(end === 'from' ? '起始时间' : '截止时间');
      expect(e.message).toContain(text);
    }
  });
});

/** Two cadres and a hand-made log with times at the edges of 2026.11.01–2026.11.22 (local). */
function seed() {
  const db = core.db;
  db.exec("INSERT INTO units(id, name) VALUES (1, '市委组织部'), (2, '市财政局')");
  const zhang = Number(
    db
      .prepare("INSERT INTO cadres(unit_id, name, gender, birth, id_number) VALUES (1, '张三', '男', '1985-03', ?)")
      .run(makeIdNumber('110105', '1985-03-02', 1, '男')).lastInsertRowid,
  );
  const li = Number(db.prepare("INSERT INTO cadres(unit_id, name, gender, birth) VALUES (2, '李四', '女', '1990-07')").run().lastInsertRowid);
  const add = db.prepare('INSERT INTO audit_log(at, operator, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const entry = (at: string, operator: string, entity: string, entityId: number | null, action: string, before: unknown, after: unknown) =>
    Number(
      add.run(at, operator, entity, entityId, action, before === undefined ? null : JSON.stringify(before), after === undefined ? null : JSON.stringify(after))
        .lastInsertRowid,
    );
  const e = {
    beforeStart: entry('2026-10-31T15:59:59.999Z', '甲', 'cadre', zhang, 'edit', { post: '科员' }, { post: '副科长' }),
    atStart: entry('2026-10-31T16:00:00.000Z', '甲', 'cadre', zhang, 'edit', { post: '副科长' }, { post: '科长' }),
    deleteLi: entry('2026-11-10T02:00:00.000Z', '乙', 'cadre', li, 'delete', { deleted_at: null }, { deleted_at: '2026-11-10T02:00:00.000Z' }),
    operator: entry('2026-11-05T01:00:00.000Z', '甲', 'settings', null, 'operator', { operator: null }, { operator: '甲' }),
    backup: entry('2026-11-06T01:00:00.000Z', '乙', 'database', null, 'backup', undefined, { name: 'cadre-desk-2026-11-06T090000-manual.db' }),
    atEnd: entry(
      '2026-11-22T15:59:59.999Z',
      '乙',
      'cadre',
      zhang,
      'paste',
      { name: null, gender: null, unit_id: null },
      { name: '张三', gender: '男', unit_id: 1 },
    ),
    afterEnd: entry('2026-11-22T16:00:00.000Z', '甲', 'cadre', zhang, 'undo', { unit_id: 1 }, { unit_id: 2 }),
  };
  return { zhang, li, e };
}

const ids = (f: AuditFilter & { order?: 'asc' | 'desc' }) => auditPage(core.db, { ...f, offset: 0, limit: 100 }).rows.map(r => r.id);

describe('filters', () => {
  it('time range: both ends inclusive, in local time', () => {
    const { e } = seed();
    expect(ids({ from: '2026.11.01', to: '2026.11.22' }).sort()).toEqual([e.atStart, e.deleteLi, e.operator, e.backup, e.atEnd].sort());
    expect(ids({ from: '2026.11.22 23:59', to: '2026.11.23' })).toEqual([e.afterEnd, e.atEnd]);
    expect(ids({ to: '2026.10.31' })).toEqual([e.beforeStart]);
    // the whole month: 11-23 00:00 too, not 10-31 23:59:59.999
    expect(ids({ from: '2026.11', to: '2026.11' }).sort()).toEqual(
      Object.values(e)
        .filter(id => id !== e.beforeStart)
        .sort(),
    );
  });

  it('operator (exactly), cadre (编号, name, pinyin, ID number) and kind, alone and combined', () => {
    const { zhang, li, e } = seed();
    expect(ids({ operator: '乙' })).toEqual([e.atEnd, e.deleteLi, e.backup]);
    expect(ids({ operator: '乙乙' })).toEqual([]);
    const zhangAll = [e.afterEnd, e.atEnd, e.atStart, e.beforeStart];
    expect(ids({ cadre: String(zhang) })).toEqual(zhangAll);
    expect(ids({ cadre: '张三' })).toEqual(zhangAll);
    expect(ids({ cadre: 'zs' })).toEqual(zhangAll);
    expect(ids({ cadre: 'zhangsan' })).toEqual(zhangAll);
    expect(ids({ cadre: makeIdNumber('110105', '1985-03-02', 1, '男') })).toEqual(zhangAll);
    expect(ids({ cadre: String(li) })).toEqual([e.deleteLi]);
    expect(ids({ cadre: '王五' })).toEqual([]);
    expect(ids({ kind: 'edit' })).toEqual([e.atStart, e.beforeStart]);
    expect(ids({ kind: 'create' })).toEqual([e.atEnd]);
    // combined: every condition holds
    expect(ids({ cadre: '张三', operator: '甲', from: '2026.11.01', to: '2026.11.22' })).toEqual([e.atStart]);
    expect(ids({ cadre: 'zs', operator: '乙', kind: 'create', from: '2026.11.22', to: '2026.11.22' })).toEqual([e.atEnd]);
    expect(ids({ cadre: 'zs', operator: '乙', kind: 'edit' })).toEqual([]);
    expect(ids({ operator: '甲', kind: 'settings', from: '2026.11.05', to: '2026.11.05' })).toEqual([e.operator]);
  });

  it('newest first by default, oldest first on request; pages and the total agree', () => {
    seed();
    const desc = auditPage(core.db, { offset: 0, limit: 100 });
    expect(desc.total).toBe(7);
    const times = desc.rows.map(r => r.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(ids({ order: 'asc' })).toEqual([...desc.rows.map(r => r.id)].reverse());
    const pages = [0, 3, 6].map(offset => auditPage(core.db, { offset, limit: 3 }));
    expect(pages.every(p => p.total === 7)).toBe(true);
    expect(pages.flatMap(p => p.rows.map(r => r.id))).toEqual(desc.rows.map(r => r.id));
    expect(auditPage(core.db, { offset: 0, limit: 2, operator: '甲' })).toMatchObject({ total: 4, rows: [{}, {}] });
  });

  it('refuses a range that ends before it starts, and bad times through the route', async () => {
    expect(refusal(() => auditPage(core.db, { from: '2026.11.22', to: '2026.11.01', offset: 0, limit: 10 })).message).toBe(
      '起始时间「2026.11.22」晚于截止时间「2026.11.01」',
    );
    const r = await core.dispatch('queryAuditLog', { to: '2026.13', offset: 0, limit: 10 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('截止时间「2026.13」无法识别') } });
    expect(await core.dispatch('queryAuditLog', { kind: 'nonsense', offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('kinds of change', () => {
  it('maps stored entity/action pairs to kinds, and the kind filter finds exactly those', () => {
    const add = core.db.prepare('INSERT INTO audit_log(operator, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?)');
    const cases: [string, string, string | null, AuditKind, string][] = [
      ['cadre', 'edit', '{"post":"甲"}', 'edit', '修改'],
      ['cadre', 'paste', '{"post":"甲"}', 'edit', '修改（粘贴）'],
      ['cadre', 'fill', '{"rank":"甲"}', 'edit', '修改（向下填充）'],
      ['cadre', 'edit', '{"name":null,"post":null}', 'create', '新增'],
      ['cadre', 'paste', '{"name":null}', 'create', '新增（粘贴）'],
      ['cadre', 'create', null, 'create', '新增'],
      ['cadre', 'delete', '{"deleted_at":null}', 'delete', '删除'],
      ['cadre', 'restore', '{"deleted_at":"x"}', 'restore', '恢复'],
      ['cadre', 'undo', '{"name":null}', 'undo', '撤销'],
      ['cadre', 'redo', '{"post":"甲"}', 'redo', '重做'],
      ['cadre', 'import', '{"name":null}', 'import', '导入'],
      ['unit', 'import', null, 'import', '导入'],
      ['import', 'import.lrmx', null, 'import', '导入'],
      ['database', 'demo.load', null, 'demo', '示例数据'],
      ['database', 'demo.replace', null, 'demo', '示例数据'],
      ['database', 'backup', null, 'backup', '备份'],
      ['database', 'restore', null, 'restoreBackup', '从备份恢复'],
      ['settings', 'form', '{"reportingUnit":""}', 'settings', '设置'],
      ['settings', 'operator', '{"operator":null}', 'settings', '设置'],
      ['secondment_batch', 'create', null, 'create', '新增'],
      ['assessment_round', 'finalise', null, 'assessment', '考核'],
      ['cadre', 'assessment.finalise', '{"assessments":[]}', 'assessment', '考核'],
      ['secondment_members', 'secondment', '{"host_post":"甲"}', 'edit', '修改'],
      ['village_assignments', 'village', null, 'create', '新增'],
      ['cadre', 'exchange', '{"resume":""}', 'edit', '修改'],
      ['assessment_round', 'mystery', null, 'assessment', '考核'],
      ['unknown_table', 'mystery', null, 'other', '其他'],
      ['cadre', 'edit', 'not json at all', 'edit', '修改'],
    ];
    const expected = new Map<number, AuditKind>();
    for (const [entity, action, before, kind, text] of cases) {
      const id = Number(add.run('甲', entity, entity === 'cadre' ? 1 : null, action, before, '{}').lastInsertRowid);
      expected.set(id, kind);
      const row = auditPage(core.db, { offset: 0, limit: 1000 }).rows.find(r => r.id === id)!;
      expect([entity, action, row.kind, row.kindText]).toEqual([entity, action, kind, text]);
    }
    for (const kind of AUDIT_KINDS) {
      const want = [...expected]
        .filter(([, k]) => k === kind)
        .map(([id]) => id)
        .sort((a, b) => a - b);
      expect([kind, ids({ kind, order: 'asc' })]).toEqual([kind, want]);
    }
  });
});

describe('summaries', () => {
  it('name the cadre, the fields in Chinese and the values as users write them', () => {
    const { zhang, e } = seed();
    applyCadreChanges(core.db, { updates: [{ id: zhang, values: { workDate: '2008.07' } }] });
    applyCadreChanges(core.db, { updates: [{ id: zhang, values: { workDate: '2009.8', unitId: 2 } }] });
    const rows = auditPage(core.db, { offset: 0, limit: 100 }).rows;
    const latest = rows.reduce((a, b) => (b.id > a.id ? b : a)); // the seeded times may lie ahead of the clock
    expect(latest).toMatchObject({ cadreId: zhang, target: '张三', kind: 'edit', kindText: '修改' });
    expect(latest.summary.split('；').sort()).toEqual(['参加工作时间：2008.07 → 2009.08', '单位：市委组织部 → 市财政局'].sort());
    const byId = new Map(rows.map(r => [r.id, r]));
    expect(byId.get(e.deleteLi)).toMatchObject({ target: '李四', summary: '移入回收站' });
    expect(byId.get(e.atEnd)).toMatchObject({ summary: '新增记录：姓名 张三，性别 男，单位 市委组织部' });
    expect(byId.get(e.afterEnd)).toMatchObject({ kindText: '撤销', summary: '单位：市委组织部 → 市财政局' });
    expect(byId.get(e.operator)).toMatchObject({ cadreId: null, target: '设置', summary: '操作员：（空） → 甲' });
    expect(byId.get(e.backup)).toMatchObject({ target: '全部数据', summary: '备份全部数据到「cadre-desk-2026-11-06T090000-manual.db」' });
  });

  it('a cadre whose record is gone is still named when the entry holds the name, else by 编号', () => {
    const add = core.db.prepare("INSERT INTO audit_log(operator, entity, entity_id, action, before, after) VALUES ('甲', 'cadre', ?, ?, ?, ?)");
    add.run(999, 'undo', JSON.stringify({ name: '王五' }), JSON.stringify({ name: null }));
    add.run(998, 'edit', JSON.stringify({ post: '甲' }), JSON.stringify({ post: '乙' }));
    const rows = auditPage(core.db, { offset: 0, limit: 10, order: 'asc' }).rows;
    expect(rows.map(r => [r.cadreId, r.target, r.summary])).toEqual([
      [999, '王五', '移除该记录'],
      [998, '编号 998（记录已不存在）', '现任职务：甲 → 乙'],
    ]);
  });
});

describe('schema v7', () => {
  it('indexes the log by time and by operator, and the page queries use them', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
    const plan = (sql: string) => (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(r => r.detail).join(' / ');
    expect(plan('SELECT a.id FROM audit_log a ORDER BY a.at DESC, a.id DESC LIMIT 200')).toMatch(/INDEX audit_at/);
    expect(plan("SELECT a.id FROM audit_log a WHERE a.operator = '甲' ORDER BY a.at DESC, a.id DESC LIMIT 200")).toMatch(/INDEX audit_operator/);
    expect(plan("SELECT count(*) FROM audit_log a WHERE a.at >= '2026' AND a.at <= '2027'")).toMatch(/audit_at|audit_operator/);
  });
});
