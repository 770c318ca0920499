/**
 * validateDatabaseFile: the gate every restore goes through. Each broken or
 * foreign file is refused with a Chinese reason, and the file is never changed
 * (nor anything created beside it).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, SCHEMA_VERSION, APPLICATION_ID } from '../../../electron/db/database';
import { quickCheck, validateDatabaseFile, writeSnapshotFile } from '../../../electron/services/backup/backup';
import { addCadres, corruptPage } from '../../support/backup-db';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let good: string;
beforeEach(async () => {
  tmp = tempDir();
  const db = openDatabase(path.join(tmp.dir, 'live', 'cadre-desk.db'));
  addCadres(db, 300);
  good = path.join(tmp.dir, 'good.db');
  await writeSnapshotFile(db, good);
  db.close();
});
afterEach(() => tmp.cleanup());

const CHINESE = /[\u4e00-\u9fff]/;

function expectRefused(file: string, code: string, reason: RegExp) {
  const before = fs.readFileSync(file);
  const siblings = fs.readdirSync(path.dirname(file)).sort();
  const v = validateDatabaseFile(file);
  expect(v.ok).toBe(false);
  if (v.ok) return;
  expect(v.code).toBe(code);
  expect(v.reason).toMatch(CHINESE);
  expect(v.reason).toMatch(reason);
  expect(v.reason).toContain(file);
  // untouched, and nothing created beside it
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings);
}

describe('validateDatabaseFile', () => {
  it('accepts a complete snapshot and reports its schema version and counts', () => {
    const v = validateDatabaseFile(good);
    expect(v).toEqual({ ok: true, schemaVersion: SCHEMA_VERSION, counts: { cadres: 300, batches: 0, rounds: 0 } });
  });

  it('refuses a truncated file (cut in half)', () => {
    const file = path.join(tmp.dir, 'half.db');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096));
    expectRefused(file, 'TRUNCATED', /不完整/);
  });

  it('refuses a file cut off in the middle of a page', () => {
    const file = path.join(tmp.dir, 'cut.db');
    fs.writeFileSync(file, fs.readFileSync(good).subarray(0, 10_000));
    expectRefused(file, 'TRUNCATED', /不完整/);
  });

  it('refuses a file cut off inside the header', () => {
    const file = path.join(tmp.dir, 'stub.db');
    fs.writeFileSync(file, fs.readFileSync(good).subarray(0, 50));
    expectRefused(file, 'TRUNCATED', /不完整/);
  });

  it("refuses another program's SQLite file", () => {
    const file = path.join(tmp.dir, 'invoices.db');
    const other = new BetterSqlite3(file);
    other.pragma('journal_mode = DELETE');
    other.exec('CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices(amount) VALUES (9.5)');
    other.close();
    expectRefused(file, 'FOREIGN', /不是干部工作台的数据文件/);
  });

  it('refuses a SQLite file with a foreign application_id, even in WAL mode, without creating -wal/-shm beside it', () => {
    const file = path.join(tmp.dir, 'other-wal.db');
    const other = new BetterSqlite3(file);
    other.pragma('journal_mode = WAL');
    other.pragma('application_id = 12345');
    other.exec('CREATE TABLE t(x)');
    other.close();
    expectRefused(file, 'FOREIGN', /不是干部工作台的数据文件/);
  });

  it('refuses a text file, an Excel-like zip and an empty file', () => {
    const text = path.join(tmp.dir, 'notes.txt');
    fs.writeFileSync(text, '这不是数据库，只是一些文字。\n'.repeat(100));
    expectRefused(text, 'NOT_SQLITE', /不是 SQLite 数据库/);
    const zip = path.join(tmp.dir, 'roster.xlsx');
    fs.writeFileSync(zip, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5000, 7)]));
    expectRefused(zip, 'NOT_SQLITE', /不是 SQLite 数据库/);
    const empty = path.join(tmp.dir, 'empty.db');
    fs.writeFileSync(empty, '');
    expectRefused(empty, 'NOT_SQLITE', /0 字节/);
  });

  it('refuses a file written by a newer version of the app', () => {
    const file = path.join(tmp.dir, 'newer.db');
    fs.copyFileSync(good, file);
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expectRefused(file, 'TOO_NEW', /更新版本/);
  });

  it('refuses a file with a corrupted page in the middle', () => {
    const file = path.join(tmp.dir, 'corrupt.db');
    fs.copyFileSync(good, file);
    corruptPage(file);
    expectRefused(file, 'CORRUPT', /已损坏/);
  });

  it('refuses a missing file and a folder', () => {
    const v = validateDatabaseFile(path.join(tmp.dir, 'nope.db'));
    expect(v).toMatchObject({ ok: false, code: 'MISSING' });
    expect(validateDatabaseFile(tmp.dir)).toMatchObject({ ok: false, code: 'NOT_SQLITE' });
  });

  it('accepts an older schema version (restore migrates it)', () => {
    const file = path.join(tmp.dir, 'v1.db');
    const db = new BetterSqlite3(file);
    migrate(db, 1);
    db.exec("INSERT INTO units(name) VALUES ('市委组织部')");
    db.close();
    expect(validateDatabaseFile(file)).toEqual({ ok: true, schemaVersion: 1, counts: { cadres: 0, batches: 0, rounds: 0 } });
  });

  it('counts batches and rounds once those tables exist', () => {
    const file = path.join(tmp.dir, 'later.db');
    fs.copyFileSync(good, file);
    const db = new BetterSqlite3(file);
    db.exec("INSERT INTO secondment_programmes(name) VALUES ('京沈对口合作干部交流')");
    db.exec("INSERT INTO secondment_batches(programme_id, seq, name) VALUES (1, 1, '第一批'), (1, 2, '第二批')");
    db.exec("INSERT INTO assessment_sets(name, year) VALUES ('2025年度考核', 2025)");
    db.exec("INSERT INTO assessment_rounds(set_id, name, kind, year) VALUES (1, '2025年度考核', '年度', 2025)");
    db.close();
    expect(validateDatabaseFile(file)).toMatchObject({ ok: true, counts: { cadres: 300, batches: 2, rounds: 1 } });
  });
});

describe('quickCheck (start-up)', () => {
  it('is ok for a missing file, a new database and a good one', () => {
    expect(quickCheck(path.join(tmp.dir, 'none.db'))).toEqual({ ok: true, missing: true });
    expect(quickCheck(good)).toEqual({ ok: true });
    expect(quickCheck(path.join(tmp.dir, 'live', 'cadre-desk.db'))).toEqual({ ok: true });
  });

  it('reports a damaged page and a garbage header in Chinese', () => {
    const file = path.join(tmp.dir, 'corrupt.db');
    fs.copyFileSync(good, file);
    corruptPage(file);
    const r = quickCheck(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/已损坏/);
    const zeroed = path.join(tmp.dir, 'zeroed.db');
    fs.writeFileSync(zeroed, Buffer.alloc(8192));
    expect(quickCheck(zeroed)).toMatchObject({ ok: false });
  });

  it('leaves a foreign SQLite file for openDatabase to refuse (it is not damage)', () => {
    const file = path.join(tmp.dir, 'other.db');
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE t(x)');
    other.pragma(`application_id = ${APPLICATION_ID + 1}`);
    other.close();
    expect(quickCheck(file)).toEqual({ ok: true });
  });
});
