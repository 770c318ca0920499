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
