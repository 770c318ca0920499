/**
 * Two programs on one data file (the page and `cadre import`, say): a write waits for
 * the other writer instead of failing, and when the wait runs out the answer is a
 * Chinese BUSY error, not 「程序内部错误」 with "database is locked".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { systemError } from '../../../electron/services/core/system-errors';
import { cadreInserter } from '../../../electron/services/roster/cadres';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let cadreId: number;
let child: ChildProcess | null = null;

beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  const unit = Number(core.db.prepare("INSERT INTO units(name, kind) VALUES ('市财政局', '机关')").run().lastInsertRowid);
  cadreId = cadreInserter(core.db)({ unitId: unit, name: '张三', birth: '1985-03' });
});
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  core.close();
  tmp.cleanup();
});

/** Another process that takes the write lock, writes, holds it `ms`, then commits. */
function otherWriter(ms: number): Promise<void> {
  const script = `
    const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO settings(key, value) VALUES ('other.writer', '1')").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  child = spawn(process.execPath, ['-e', script, path.join(tmp.dir, 'cadre-desk.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', d => String(d).includes('locked') && resolve());
    child!.on('exit', code => code && reject(new Error(`writer exited ${code}`)));
  });
}

const save = () => core.dispatch('saveCadres', { updates: [{ id: cadreId, values: { nativePlace: '辽宁铁岭' } }] });

describe('a second writer on the same file', () => {
  it('a write waits for the other writer to finish, then succeeds', async () => {
    // the page has read before (a snapshot), as it does when a clerk edits after scrolling
    expect((await core.dispatch('queryCadrePage', { offset: 0, limit: 10 })).ok).toBe(true);
    await otherWriter(1_500);
    const started = Date.now();
    const r = await save();
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    expect(Date.now() - started).toBeGreaterThan(1_000);
    expect(core.db.prepare("SELECT value FROM settings WHERE key = 'other.writer'").pluck().get()).toBe('1');
  });

  it('past the wait, the answer is BUSY in Chinese and nothing is written', async () => {
    await otherWriter(20_000);
    const r = await save();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BUSY');
      expect(r.error.message).toContain('另一个程序');
      expect(r.error.message).toContain('数据未被修改');
    }
    child!.kill('SIGKILL');
    await new Promise(resolve => child!.once('exit', resolve));
    const stored = core.db.prepare('SELECT native_place FROM cadres WHERE id = ?').pluck().get(cadreId);
    expect(stored).not.toBe('辽宁铁岭');
  }, 30_000);
});

describe('system failures in words a clerk can act on', () => {
  it.each([
    ['SQLITE_BUSY', 'BUSY', '稍后再试'],
    ['SQLITE_LOCKED_SHAREDCACHE', 'BUSY', '稍后再试'],
    ['SQLITE_FULL', 'STORAGE', '磁盘空间不足'],
    ['ENOSPC', 'STORAGE', '磁盘空间不足'],
    ['SQLITE_READONLY', 'STORAGE', '只读'],
    ['SQLITE_READONLY_DBMOVED', 'STORAGE', '只读'],
    ['EACCES', 'STORAGE', '没有权限'],
    ['SQLITE_CANTOPEN', 'STORAGE', '没有权限'],
    ['ENOTDIR', 'STORAGE', '同名文件'],
    ['SQLITE_IOERR_WRITE', 'STORAGE', '读写磁盘出错'],
    ['SQLITE_CORRUPT', 'STORAGE', '从备份恢复'],
  ])('%s → %s', (code, expected, words) => {
    const e = systemError(Object.assign(new Error('raw text'), { code }));
    expect(e?.code).toBe(expected);
    expect(e?.message).toContain(words);
    expect(e?.message).not.toContain('raw text');
  });

  it('a file where the data folder should be (mkdir: EEXIST) names the clash; another EEXIST is left alone', () => {
    const mkdir = Object.assign(new Error('EEXIST: file already exists, mkdir'), { code: 'EEXIST', syscall: 'mkdir' });
    expect(systemError(mkdir)?.message).toContain('同名文件');
    expect(systemError(Object.assign(new Error('x'), { code: 'EEXIST', syscall: 'open' }))).toBeNull();
  });

  it('leaves anything else to the caller', () => {
    expect(systemError(new Error('x'))).toBeNull();
    expect(systemError(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_CHECK' }))).toBeNull();
  });
});
