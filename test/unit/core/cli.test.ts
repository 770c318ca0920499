import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseIdNumber } from '../../../shared/domain/common/idcard';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const cadre = runCli;

describe('cadre CLI', () => {
  it('--help prints Chinese usage and exits 0', () => {
    const r = cadre(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法');
    expect(r.out).toContain('list cadres');
  });

  it('bad usage exits 2 with a Chinese message', () => {
    expect(cadre(['frobnicate']).code).toBe(2);
    const r = cadre(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知选项');
    expect(cadre([]).code).toBe(2);
    expect(cadre(['list']).code).toBe(2);
  });

  it('demo, then list cadres --json with stable English keys and values as users write them', () => {
    const db = path.join(tmp.dir, 'x.db');
    const demo = cadre(['--db', db, 'demo']);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/已载入示例数据/);
    const r = cadre(['--db', db, 'list', 'cadres', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(550);
    for (const key of ['id', 'name', 'gender', 'birth', 'idNumber', 'ethnicity', 'unit', 'post', 'rank']) {
      expect(rows[0]).toHaveProperty(key);
    }
    for (const row of rows) {
      expect(['男', '女']).toContain(row.gender);
      expect(row.birth).toMatch(/^\d{4}-\d{2}$/);
      expect(row.ethnicity).toMatch(/族$/);
      expect(typeof row.unit).toBe('string');
      const id = parseIdNumber(String(row.idNumber));
      expect(id.ok).toBe(true);
      if (id.ok) {
        expect(id.info.birth.slice(0, 7)).toBe(row.birth);
        expect(id.info.gender).toBe(row.gender);
      }
    }
  });

  it('a --query nested thousands of levels deep is refused in Chinese (exit 1), not with a stack overflow', () => {
    const db = path.join(tmp.dir, 'deep.db');
    expect(cadre(['--db', db, 'demo']).code).toBe(0);
    const deep = '{"where":' + '{"join":"and","items":['.repeat(3000) + ']}'.repeat(3000) + '}';
    const r = cadre(['--db', db, 'list', 'cadres', '--json', '--query', deep]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('嵌套过深');
    expect(r.err).not.toMatch(/Maximum call stack|RangeError|at /);
  });

  it('list cadres --query runs a 组合查询 and returns every field of the form', () => {
    const db = path.join(tmp.dir, 'q.db');
    expect(cadre(['--db', db, 'demo']).code).toBe(0);
    const all = JSON.parse(cadre(['--db', db, 'list', 'cadres', '--json']).out) as { id: number; birth: string; resume: string; family: unknown[] }[];
    expect(all[0]).toHaveProperty('resume');
    expect(all[0]).toHaveProperty('family');
    const query = { where: { join: 'and', items: [{ field: 'age', op: 'between', value: 30, value2: 39 }] }, refDate: '2026-11-01' };
    const r = cadre(['--db', db, 'list', 'cadres', '--json', '--query', JSON.stringify(query)]);
    expect(r.code).toBe(0);
    const young = JSON.parse(r.out) as { id: number; birth: string }[];
    // completed age at 2026-11 between 30 and 39: born 1986-12 (39, birthday month not yet reached
    // counts as reached only from 12) … 1996-11 (30: the birth month equals the reference month)
    const expected = all.filter(c => c.birth >= '1986-12' && c.birth <= '1996-11').map(c => c.id);
    expect(young.map(c => c.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
    expect(cadre(['--db', db, 'list', 'cadres', '--query', '{not json']).code).toBe(2);
    const bad = cadre([
      '--db',
      db,
      'list',
      'cadres',
      '--query',
      JSON.stringify({ where: { join: 'and', items: [{ field: 'age', op: 'contains', value: 'x' }] } }),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/[\u4e00-\u9fff]/);
  });

  it('demo refuses to overwrite existing data (exit 1, Chinese reason) unless --force', () => {
    const db = path.join(tmp.dir, 'x.db');
    expect(cadre(['--db', db, 'demo']).code).toBe(0);
    const again = cadre(['--db', db, 'demo']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/已有 \d+ 名干部/);
    expect(cadre(['--db', db, 'demo', '--force']).code).toBe(0);
    const rows = JSON.parse(cadre(['--db', db, 'list', 'cadres', '--json']).out) as unknown[];
    expect(rows.length).toBeGreaterThanOrEqual(550);
  });

  it('the demo is deterministic: two fresh databases list the same cadres', () => {
    const a = path.join(tmp.dir, 'a.db');
    const b = path.join(tmp.dir, 'b.db');
    cadre(['--db', a, 'demo']);
    cadre(['--db', b, 'demo']);
    expect(cadre(['--db', a, 'list', 'cadres', '--json']).out).toBe(cadre(['--db', b, 'list', 'cadres', '--json']).out);
  });

  it('a file where the data folder should be: exit 1 with the Chinese reason, not the raw mkdir error', () => {
    const file = path.join(tmp.dir, '不是文件夹');
    fs.writeFileSync(file, 'x');
    const r = cadre(['--data-dir', file, 'demo']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('同名文件');
    expect(r.err).not.toContain('EEXIST');
  });

  it('--data-dir and CADRE_DATA_DIR choose the data folder', () => {
    const viaFlag = path.join(tmp.dir, 'flag');
    const viaEnv = path.join(tmp.dir, 'env');
    expect(cadre(['--data-dir', viaFlag, 'demo']).code).toBe(0);
    expect(fs.existsSync(path.join(viaFlag, 'cadre-desk.db'))).toBe(true);
    expect(cadre(['demo'], { CADRE_DATA_DIR: viaEnv }).code).toBe(0);
    expect(fs.existsSync(path.join(viaEnv, 'cadre-desk.db'))).toBe(true);
    const status = JSON.parse(cadre(['status', '--json'], { CADRE_DATA_DIR: viaFlag }).out);
    expect(status.counts.cadres).toBeGreaterThan(0);
  });

  it('a foreign file exits 1 with a Chinese message and is left untouched', () => {
    const file = path.join(tmp.dir, 'notes.txt');
    fs.writeFileSync(file, '这不是数据库');
    const r = cadre(['--db', file, 'list', 'cadres', '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/[\u4e00-\u9fff]/);
    expect(fs.readFileSync(file, 'utf8')).toBe('这不是数据库');
  });

  it('a mistyped --db in a missing folder is refused in Chinese (exit 1) and creates nothing; demo creates it', () => {
    const typo = path.join(tmp.dir, 'dtaa', 'cadre-desk.db');
    for (const args of [['status'], ['status', '--json'], ['list', 'cadres', '--json'], ['list', 'units'], ['audit'], ['backup']]) {
      const r = cadre(['--db', typo, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain(`数据文件「${typo}」不存在`);
      expect(r.err).toMatch(/cadre demo/);
      expect(fs.existsSync(path.dirname(typo))).toBe(false);
    }
    // a missing file in an existing folder, and a --data-dir that is not there: the same
    expect(cadre(['--db', path.join(tmp.dir, 'typo.db'), 'status']).code).toBe(1);
    expect(fs.existsSync(path.join(tmp.dir, 'typo.db'))).toBe(false);
    expect(cadre(['--data-dir', path.join(tmp.dir, 'nodir'), 'list', 'cadres']).code).toBe(1);
    expect(fs.existsSync(path.join(tmp.dir, 'nodir'))).toBe(false);

    expect(cadre(['--db', typo, 'demo']).code).toBe(0);
    expect(cadre(['--db', typo, 'status']).code).toBe(0);
  });
});
