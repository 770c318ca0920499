import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, SCHEMA_VERSION, migrate, openDatabase } from '../../../electron/db/database';
import { migrations, type Migration } from '../../../electron/db/migrations';
import { AppError } from '../../../shared/contract/errors';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(r => r.name);

describe('openDatabase', () => {
  it('creates the file with WAL, foreign keys, a busy timeout, our application_id and the latest schema', () => {
    const file = path.join(tmp.dir, 'sub', 'a.db');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('reopens an existing file without re-running migrations', () => {
    const file = path.join(tmp.dir, 'a.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a SQLite file that belongs to another program, leaving it untouched', () => {
    const file = path.join(tmp.dir, 'other.db');
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL)');
    other.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrowError(/不是干部工作台的数据文件/);
    try {
      openDatabase(file);
    } catch (e) {
      expect((e as AppError).code).toBe('FOREIGN_DB');
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file whose application_id is someone else’s', () => {
    const file = path.join(tmp.dir, 'other.db');
    const other = new BetterSqlite3(file);
    other.pragma('application_id = 12345');
    other.close();
    expect(() => openDatabase(file)).toThrowError(AppError);
  });

  it('refuses a file written by a newer version of the app', () => {
    const file = path.join(tmp.dir, 'newer.db');
    openDatabase(file).close();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrowError(/更新版本/);
  });

  it('refuses a file that is not SQLite at all', () => {
    const file = path.join(tmp.dir, 'roster.xlsx.db');
    fs.writeFileSync(file, 'PK\u0003\u0004 this is not a database, just some bytes'.repeat(200));
    expect(() => openDatabase(file)).toThrow();
  });
});

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('each applies on top of the previous version in its own step', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'step.db'));
    for (const m of migrations) {
      migrate(db, m.version);
      expect(db.pragma('user_version', { simple: true })).toBe(m.version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    }
    db.close();
  });

  it('v1 holds units, cadres and their child tables, with working constraints', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'v1.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 1);
    expect(tables(db)).toEqual(['audit_log', 'cadre_assessments', 'cadre_family', 'cadre_tags', 'cadres', 'settings', 'units']);
    const unit = db.prepare("INSERT INTO units(name, kind) VALUES ('市委组织部', '市委部门')").run().lastInsertRowid;
    const cadre = db.prepare("INSERT INTO cadres(unit_id, name, gender, id_number) VALUES (?, '张三', '男', '11010519491231002X')").run(unit).lastInsertRowid;
    // gender and status are checked; ID numbers are unique; units with cadres cannot vanish
    expect(() => db.prepare("INSERT INTO cadres(name, gender) VALUES ('李四', 'M')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO cadres(name, status) VALUES ('李四', '离职')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO cadres(name, id_number) VALUES ('王五', '11010519491231002X')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare('DELETE FROM units WHERE id = ?').run(unit)).toThrow(/FOREIGN KEY/);
    // child rows go with their cadre
    db.prepare("INSERT INTO cadre_tags(cadre_id, tag) VALUES (?, '选调生')").run(cadre);
    db.prepare("INSERT INTO cadre_family(cadre_id, seq, relation, name) VALUES (?, 1, '妻子', '王芳')").run(cadre);
    db.prepare('DELETE FROM cadres WHERE id = ?').run(cadre);
    expect(db.prepare('SELECT count(*) AS n FROM cadre_tags').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM cadre_family').get()).toEqual({ n: 0 });
    db.close();
  });

  it('v8 folds the round log into the one undo log, each operation with its scope', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'v8.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 7);
    db.exec(`
      INSERT INTO units(id, name) VALUES (1, '市委组织部');
      INSERT INTO cadres(id, unit_id, name) VALUES (1, 1, '张三'), (2, 1, '李四');
      INSERT INTO secondment_programmes(id, name) VALUES (1, '京沈对口合作');
      INSERT INTO secondment_batches(id, programme_id, seq, name) VALUES (4, 1, 4, '第四批');
      INSERT INTO assessment_sets(id, name, year) VALUES (1, '年度考核', 2025);
      INSERT INTO assessment_rounds(id, set_id, name, kind, year) VALUES (7, 1, '年度', '年度', 2025);
      INSERT INTO operations(id, operator, kind, label, undone) VALUES
        (1, '王科长', 'edit', '修改', 0), (2, '王科长', 'secondment', '添加成员', 0), (3, '王科长', 'village', '新增村', 1),
        (4, '王科长', 'secondment', '新建项目', 0), (5, '王科长', 'exchange', '调换', 0);
      INSERT INTO operation_rows(operation_id, cadre_id, before, after) VALUES (1, 1, NULL, '{}'), (5, 2, '{}', '{}');
      INSERT INTO operation_records(operation_id, tbl, row_id, before, after) VALUES
        (2, 'secondment_members', 9, NULL, '{"id":9,"batch_id":4}'), (2, 'secondment_batches', 4, '{"id":4}', '{"id":4}'),
        (3, 'villages', 1, NULL, '{"id":1}'), (4, 'secondment_programmes', 2, NULL, '{"id":2}'),
        (5, 'secondment_members', 9, '{"id":9,"batch_id":4}', '{"id":9,"batch_id":4}');
      INSERT INTO assessment_ops(id, round_id, at, operator, kind, label, undone) VALUES
        (1, 7, '2025-01-01T00:00:00.000Z', '王科长', 'scores.paste', '粘贴成绩 2 格', 0), (2, 7, '2025-01-02T00:00:00.000Z', '李科员', 'grades', '设定等次', 1);
      INSERT INTO assessment_op_rows(op_id, cadre_id, before, after) VALUES
        (1, 1, '{"scores":[],"votes":null,"grade":null}', '{"scores":[[1,90,""]],"votes":null,"grade":null}'),
        (1, 2, '{"scores":[],"votes":null,"grade":null}', '{"scores":[[1,80,""]],"votes":null,"grade":null}'),
        (2, 1, '{"scores":[[1,90,""]],"votes":null,"grade":null}', '{"scores":[[1,90,""]],"votes":null,"grade":["优秀",""]}');
    `);
    migrate(db, 8);
    expect(tables(db)).not.toContain('assessment_ops');
    expect(tables(db)).not.toContain('assessment_op_rows');
    expect(db.prepare('SELECT id, at, operator, kind, label, undone, scope FROM operations ORDER BY id').all()).toEqual([
      expect.objectContaining({ id: 1, label: '修改', scope: 'roster' }),
      expect.objectContaining({ id: 2, label: '添加成员', scope: 'batch:4' }),
      expect.objectContaining({ id: 3, label: '新增村', scope: 'villages', undone: 1 }),
      expect.objectContaining({ id: 4, label: '新建项目', scope: 'secondment' }),
      expect.objectContaining({ id: 5, label: '调换', scope: 'roster' }),
      { id: 6, at: '2025-01-01T00:00:00.000Z', operator: '王科长', kind: 'scores.paste', label: '粘贴成绩 2 格', undone: 0, scope: 'round:7' },
      { id: 7, at: '2025-01-02T00:00:00.000Z', operator: '李科员', kind: 'grades', label: '设定等次', undone: 1, scope: 'round:7' },
    ]);
    const records = db
      .prepare("SELECT operation_id AS op, row_id AS id, before, after FROM operation_records WHERE tbl = 'assessment_inputs' ORDER BY op, id")
      .all() as {
      op: number;
      id: number;
      before: string;
      after: string;
    }[];
    expect(records.map(r => [r.op, r.id, JSON.parse(r.before), JSON.parse(r.after)])).toEqual([
      [6, 1, { scores: [], votes: null, grade: null, round: 7 }, { scores: [[1, 90, '']], votes: null, grade: null, round: 7 }],
      [6, 2, { scores: [], votes: null, grade: null, round: 7 }, { scores: [[1, 80, '']], votes: null, grade: null, round: 7 }],
      [7, 1, { scores: [[1, 90, '']], votes: null, grade: null, round: 7 }, { scores: [[1, 90, '']], votes: null, grade: ['优秀', ''], round: 7 }],
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('v9 rebuilds cadres for 辞职 without losing a row, a child row, an index or a trigger', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'v9.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 8);
    db.exec(`
      INSERT INTO units(id, name) VALUES (1, '市委组织部');
      INSERT INTO cadres(id, unit_id, name, id_number, status) VALUES (1, 1, '张三', '11010519491231002X', '在职'), (2, 1, '李四', '', '退休');
      INSERT INTO cadre_tags(cadre_id, tag) VALUES (1, '选调生');
      INSERT INTO cadre_family(cadre_id, seq, relation, name) VALUES (1, 1, '妻子', '王芳');
      INSERT INTO secondment_programmes(id, name) VALUES (1, '京沈对口合作');
      INSERT INTO secondment_batches(id, programme_id, seq, name) VALUES (4, 1, 4, '第四批');
      INSERT INTO secondment_members(batch_id, cadre_id) VALUES (4, 2);
    `);
    const schemaOf = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'cadres' AND type = ? ORDER BY name").pluck().all(type) as string[];
    const indexes = schemaOf('index');
    const triggers = schemaOf('trigger');
    expect(triggers.length).toBeGreaterThan(0);
    migrate(db, 9);
    expect(db.prepare('SELECT id, name, status FROM cadres ORDER BY id').all()).toEqual([
      { id: 1, name: '张三', status: '在职' },
      { id: 2, name: '李四', status: '退休' },
    ]);
    // the rebuild's DROP did not cascade into the rows that point at cadres
    expect(db.prepare('SELECT count(*) FROM cadre_tags').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM cadre_family').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM secondment_members').pluck().get()).toBe(1);
    expect(schemaOf('index')).toEqual([...indexes, 'cadres_status'].sort());
    expect(schemaOf('trigger')).toEqual(triggers);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // 辞职 is a status now; anything else still is not; the unique ID and the name trigger still hold
    db.prepare("UPDATE cadres SET status = '辞职' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE cadres SET status = '离职' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO cadres(name, id_number) VALUES ('王五', '11010519491231002X')").run()).toThrow(/UNIQUE/);
    // deleting a cadre still cascades to its child rows
    db.prepare('DELETE FROM cadre_tags').run();
    db.prepare('DELETE FROM secondment_members').run();
    db.prepare('DELETE FROM cadres WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM cadre_family').pluck().get()).toBe(0);
    // the new tables: one event kind list, one quota per unit and level
    db.prepare("INSERT INTO cadre_events(cadre_id, kind, date) VALUES (2, '提任', '2026-11')").run();
    expect(() => db.prepare("INSERT INTO cadre_events(cadre_id, kind, date) VALUES (2, '升官', '2026-11')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO unit_quotas(unit_id, level, approved) VALUES (1, '副处', 3)").run();
    expect(() => db.prepare("INSERT INTO unit_quotas(unit_id, level, approved) VALUES (1, '副处', 2)").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('v10 indexes the live roster for the grid: tree order, pinyin and 出生年月, each block read in index order', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'v10.db'));
    migrate(db, 9);
    db.exec(`
      INSERT INTO units(id, name) VALUES (1, '市委组织部'), (2, '市财政局');
      INSERT INTO cadres(id, unit_id, name, birth, sort_order, deleted_at) VALUES (1, 1, '张三', '1985-03', 1, NULL), (2, 1, '李四', '1980-01', 2, '2026-01-01');
      WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
        INSERT INTO cadres(id, unit_id, name, birth, sort_order, resume) SELECT i, 1 + i % 2, '干部' || i, printf('%d-%02d', 1960 + i % 40, 1 + i % 12), i, zeroblob(300) FROM n;
    `);
    migrate(db, 10);
    db.exec('ANALYZE');
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(r => r.detail).join(' | ');
    // the grid's condition for the roster (roster/page.ts rosterWhere)
    const live = 'c.deleted_at IS NULL';
    // (the grid names this one: the planner would count through cadres_unit and the table)
    expect(plan(`SELECT c.unit_id, count(*) FROM cadres c INDEXED BY cadres_live_tree WHERE ${live} GROUP BY c.unit_id`)).toMatch(/INDEX cadres_live_tree/);
    expect(plan(`SELECT c.id FROM cadres c INDEXED BY cadres_live_tree WHERE ${live} AND c.unit_id = 1 ORDER BY c.sort_order, c.status, c.id`)).not.toMatch(
      /TEMP B-TREE/,
    );
    expect(plan(`SELECT c.id FROM cadres c WHERE ${live} ORDER BY c.name_keys, c.status, c.id`)).toMatch(/INDEX cadres_live_name/);
    expect(plan(`SELECT c.id FROM cadres c WHERE ${live} ORDER BY c.birth DESC, c.status DESC, c.id DESC`)).toMatch(/INDEX cadres_live_birth/);
    for (const sql of [
      `SELECT c.id FROM cadres c WHERE ${live} ORDER BY c.name_keys, c.status, c.id`,
      `SELECT c.id FROM cadres c WHERE ${live} ORDER BY c.birth DESC, c.status DESC, c.id DESC`,
    ])
      expect(plan(sql)).not.toMatch(/TEMP B-TREE/);
    // the 回收站 is not in them
    const live10 = db.prepare('SELECT c.id FROM cadres c INDEXED BY cadres_live_birth WHERE c.deleted_at IS NULL ORDER BY c.birth').pluck().all() as number[];
    expect(live10).toHaveLength(1999);
    expect(live10).not.toContain(2);
    db.close();
  });

  it('v12 remembers package senders, their units and the cadres of their last package, without holding on to units or cadres', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'v12.db'));
    migrate(db, 11);
    db.exec(`
      INSERT INTO units(id, name) VALUES (1, '望江区');
      INSERT INTO cadres(id, unit_id, name, id_number) VALUES (1, 1, '张三', '11010519491231002X');
    `);
    migrate(db, 12);
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    db.exec(`
      INSERT INTO package_senders(id, name, unit_id) VALUES ('s-1', '望江区委组织部', 1);
      INSERT INTO package_units(sender_id, their_id, unit_id) VALUES ('s-1', 7, 1);
      INSERT INTO package_cadres(sender_id, their_id, cadre_id, name, id_number, digest) VALUES ('s-1', 70, 1, '张三', '11010519491231002X', 'd');
    `);
    expect(() => db.prepare("INSERT INTO package_units(sender_id, their_id, unit_id) VALUES ('s-1', 7, 2)").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO package_senders(id, name) VALUES ('', '空')").run()).toThrow(/CHECK/);
    // 撤销 of a merge removes the cadre and the unit it created: nothing here refers to them by key
    db.pragma('foreign_keys = ON');
    db.prepare('DELETE FROM cadres WHERE id = 1').run();
    db.prepare('DELETE FROM units WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM package_cadres').pluck().get()).toBe(1);
    // forgetting a sender forgets what it sent
    db.prepare("DELETE FROM package_senders WHERE id = 's-1'").run();
    expect(db.prepare('SELECT (SELECT count(*) FROM package_units) + (SELECT count(*) FROM package_cadres)').pluck().get()).toBe(0);
    db.close();
  });

  it('a migration that fails part-way leaves the database exactly as before', () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'fail.db'));
    migrate(db);
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done(x)');
        d.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    expect(() => migrate(db, SCHEMA_VERSION + 1, [...migrations, broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });
});
