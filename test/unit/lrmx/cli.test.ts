import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  tmp = tempDir();
  db = path.join(tmp.dir, 'x.db');
});
afterEach(() => tmp.cleanup());

const cadre = (args: string[], database = db) => runCli(['--db', database, ...args]);

interface ImportJson {
  dryRun: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  blocked: boolean;
  errors: { file: string; message: string }[];
  warnings: unknown[];
  changed: { file: string; changes: { field: string; old: string; new: string }[] }[];
}

/** `import` takes .lrmx files and folders; `import-lrmx` is the same command by its old name. */
describe('cadre import / import-lrmx with .lrmx files', () => {
  it('a folder exported from one database imports into another; again it changes nothing', () => {
    expect(cadre(['demo']).code).toBe(0);
    const dir = path.join(tmp.dir, 'out');
    expect(cadre(['export', 'lrmx', '--out', dir, '--ids', '1,2,3,4,5']).code).toBe(0);

    const other = path.join(tmp.dir, 'other.db');
    const first = cadre(['import', dir, '--json'], other);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ dryRun: false, inserted: 5, updated: 0, errors: [] });
    const again = cadre(['import-lrmx', dir, '--json'], other);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    const list = JSON.parse(cadre(['list', 'cadres', '--json'], other).out) as unknown[];
    expect(list).toHaveLength(5);
  });

  it('--dry-run previews changes without writing; --mode update then writes them', () => {
    expect(cadre(['demo']).code).toBe(0);
    const dir = path.join(tmp.dir, 'out');
    cadre(['export', 'lrmx', '--out', dir, '--ids', '2']);
    const [file] = fs.readdirSync(dir);
    const p = path.join(dir, file);
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/<XianRenZhiWu>[^<]*</, '<XianRenZhiWu>滨江市委常委<'));
    const dry = cadre(['import-lrmx', p, '--mode', 'update', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.out) as ImportJson;
    expect(plan).toMatchObject({ dryRun: true, updated: 1 });
    expect(plan.changed[0].changes).toEqual([expect.objectContaining({ field: 'post', new: '滨江市委常委' })]);
    const before = (JSON.parse(cadre(['list', 'cadres', '--json']).out) as { id: number; post: string }[]).find(c => c.id === 2)!;
    expect(before.post).not.toBe('滨江市委常委');
    // add mode leaves the existing cadre alone.
    const add = JSON.parse(cadre(['import-lrmx', p, '--mode', 'add', '--json']).out) as ImportJson;
    expect(add).toMatchObject({ inserted: 0, updated: 0, skipped: 1 });
    expect(JSON.stringify(add.warnings)).toMatch(/库中已有此人/);
    expect(JSON.parse(cadre(['import-lrmx', p, '--mode', 'skip', '--json']).out)).toMatchObject({ inserted: 0, updated: 0, skipped: 1, warnings: [] });
    const done = cadre(['import-lrmx', p, '--mode', 'update']);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/导入完成（干部名册）：新增 0，更新 1/);
    const after = (JSON.parse(cadre(['list', 'cadres', '--json']).out) as { id: number; post: string }[]).find(c => c.id === 2)!;
    expect(after.post).toBe('滨江市委常委');
  });

  it('a hostile or broken file blocks the import: exit 1, Chinese errors per file, nothing written', () => {
    expect(cadre(['demo']).code).toBe(0);
    const dir = path.join(tmp.dir, 'in');
    fs.mkdirSync(dir);
    cadre(['export', 'lrmx', '--out', dir, '--ids', '1']);
    fs.writeFileSync(path.join(dir, 'bomb.lrmx'), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Person><XingMing>&a;</XingMing></Person>');
    fs.writeFileSync(path.join(dir, 'empty.lrmx'), '');
    fs.writeFileSync(path.join(dir, 'deep.lrmx'), '<Person>' + '<a>'.repeat(10_000) + '</a>'.repeat(10_000) + '</Person>');
    const sql = path.join(tmp.dir, 'status-before.json');
    fs.writeFileSync(sql, cadre(['list', 'cadres', '--json']).out);
    const r = cadre(['import-lrmx', dir, '--mode', 'update', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as ImportJson;
    expect(out.blocked).toBe(true);
    expect([...new Set(out.errors.map(e => e.file))].sort()).toEqual(['bomb.lrmx', 'deep.lrmx', 'empty.lrmx']);
    for (const e of out.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(cadre(['list', 'cadres', '--json']).out).toBe(fs.readFileSync(sql, 'utf8'));
  });

  it('usage errors exit 2; a missing path exits 1', () => {
    expect(cadre(['import-lrmx']).code).toBe(2);
    expect(cadre(['import-lrmx', 'x.lrmx', '--mode', 'merge']).code).toBe(2);
    const missing = cadre(['import-lrmx', path.join(tmp.dir, 'nope.lrmx')]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/找不到文件或文件夹/);
    const emptyDir = path.join(tmp.dir, 'empty');
    fs.mkdirSync(emptyDir);
    expect(cadre(['import-lrmx', emptyDir]).out).toMatch(/没有可导入的文件/);
  });
});
