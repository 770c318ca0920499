/**
 * Migration 010: 年月 fields stored with a day by earlier imports become
 * year-month; text that is not a date (a party name in 入党时间) stays; every
 * import run before it was a roster import; the pinyin insert trigger runs only
 * when the insert gave no keys.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/database';
import { openCore } from '../../../electron/services/core/core';
import { stepHistory, withOperation } from '../../../electron/services/common/operation-log';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('migration 011', () => {
  it('moves day-precision 出生年月, 入党, 参加工作, 任现职, 任现职级 and family births to year-month', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'v11.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 10);
    db.exec(`
      INSERT INTO cadres(id, name, birth, party_date, work_date, post_date, rank_date)
        VALUES (1, '张三', '1986-05-17', '2008-07-01', '2009-08-15', '2021-09-30', '2022-01-01'),
               (2, '李四', '1975-03', '民盟', '', '2020-02', '');
      INSERT INTO cadre_family(cadre_id, seq, relation, name, birth) VALUES (1, 1, '妻子', '王芳', '1987-04-05'), (2, 1, '儿子', '李小', '2010-09');
      INSERT INTO import_runs(operator, file_name, file_hash, mode) VALUES ('王科长', '花名册.xlsx', 'x', 'update');
    `);
    migrate(db, 11);
    expect(db.prepare('SELECT id, birth, party_date, work_date, post_date, rank_date FROM cadres ORDER BY id').all()).toEqual([
      { id: 1, birth: '1986-05', party_date: '2008-07', work_date: '2009-08', post_date: '2021-09', rank_date: '2022-01' },
      { id: 2, birth: '1975-03', party_date: '民盟', work_date: '', post_date: '2020-02', rank_date: '' },
    ]);
    expect(db.prepare('SELECT birth FROM cadre_family ORDER BY cadre_id').pluck().all()).toEqual(['1987-04', '2010-09']);
    expect(db.prepare('SELECT target FROM import_runs').pluck().all()).toEqual(['干部名册']);
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    // The pinyin keys: filled in by the trigger when an insert gives none, kept when it gives them.
    db.prepare("INSERT INTO cadres(id, name) VALUES (3, '单雄')").run();
    db.prepare("INSERT INTO cadres(id, name, name_keys) VALUES (4, '吕布', 'lv bu|lvbu lb')").run();
    expect(db.prepare('SELECT name_keys FROM cadres WHERE id IN (3, 4) ORDER BY id').pluck().all()).toEqual(['shan xiong|shanxiong sx', 'lv bu|lvbu lb']);
    db.prepare("UPDATE cadres SET name = '张三' WHERE id = 4").run();
    expect(db.prepare('SELECT name_keys FROM cadres WHERE id = 4').pluck().get()).toBe('zhang san|zhangsan zs');
    db.close();
  });
});

describe('undo of a step logged before migration 011', () => {
  it('writes 年月 fields and family births back as year-month, the day dropped', () => {
    const core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
    try {
      const db = core.db;
      const id = Number(db.prepare("INSERT INTO cadres(name, birth, party_date) VALUES ('张三', '1986-05', '2008-07')").run().lastInsertRowid);
      db.prepare("INSERT INTO cadre_family(cadre_id, seq, relation, name, birth) VALUES (?, 1, '妻子', '王芳', '1987-04')").run(id);
      withOperation(db, { kind: 'edit', label: '修改 出生年月' }, op => {
        op.touch(id);
        db.prepare("UPDATE cadres SET birth = '1986-06', party_date = '2009-07' WHERE id = ?").run(id);
        db.prepare("UPDATE cadre_family SET birth = '1987-05' WHERE cadre_id = ?").run(id);
      });
      // As such a step was logged before 011: its before image holds the days the record had then.
      const stored = db.prepare('SELECT operation_id AS op, before FROM operation_rows WHERE cadre_id = ?').get(id) as { op: number; before: string };
      const before = JSON.parse(stored.before) as { row: Record<string, unknown>; family: Record<string, unknown>[] };
      Object.assign(before.row, { birth: '1986-05-17', party_date: '2008-07-01', work_date: '民盟' });
      before.family[0].birth = '1987-04-05';
      db.prepare('UPDATE operation_rows SET before = ? WHERE operation_id = ? AND cadre_id = ?').run(JSON.stringify(before), stored.op, id);

      stepHistory(db, 'undo');
      expect(db.prepare('SELECT birth, party_date, work_date FROM cadres WHERE id = ?').get(id)).toEqual({
        birth: '1986-05',
        party_date: '2008-07',
        work_date: '民盟',
      });
      expect(db.prepare('SELECT birth FROM cadre_family WHERE cadre_id = ?').pluck().get(id)).toBe('1987-04');
      stepHistory(db, 'redo');
      expect(db.prepare('SELECT birth FROM cadres WHERE id = ?').pluck().get(id)).toBe('1986-06');
    } finally {
      core.close();
    }
  });
});
