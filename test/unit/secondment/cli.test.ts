import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI_TEST_BUDGET, demoCli } from '../../support/cli';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

const { run: cadre, json, dir } = demoCli();

describe('cadre secondment commands against the demo', () => {
  it('lists batches with headcounts and gives the seed figures', () => {
    const batches = json(['list', 'batches']) as Record<string, unknown>[];
    expect(batches.map(b => [b.seq, b.name, b.direction, b.status, b.headcount])).toEqual([
      [1, '第一批', '派出', '已返岗', 20],
      [2, '第二批', '派出', '已返岗', 18],
      [3, '第三批', '派出', '已返岗', 17],
      [4, '第四批', '派出', '已返岗', 18],
    ]);
    expect(batches[0]).toMatchObject({ programme: '京沈对口合作干部交流' });
    const b4 = json(['stats', 'batch', String(batches[3].id)]);
    expect(b4).toMatchObject({ headcount: 18, born1980s: 15, born1980sPct: 83.3 });
    expect(json(['stats', 'batch', String(batches[2].id)])).toMatchObject({ headcount: 17, young: 17 });
    const p = json(['stats', 'programme', String(batches[0].programmeId)]);
    expect(p).toMatchObject({ headcount: 73, promoted: 22 });
    for (const key of ['young', 'born1970s', 'born1990s', 'female']) expect(typeof p[key]).toBe('number');
    // A lower young threshold changes the count.
    expect(json(['stats', 'programme', String(batches[0].programmeId), '--young', '35']).young).toBeLessThan(p.young);
  });

  it('lists rotations and their kept / new / replaced / villages', () => {
    const rotations = json(['list', 'rotations']) as { id: number; seq: number }[];
    expect(rotations.length).toBe(2);
    const s = json(['stats', 'rotation', String(rotations[1].id)]);
    expect(s).toMatchObject({ kept: 5, new: 11, replaced: 1, villages: 8 });
  });

  it('prints plain text without --json and exits like the other commands', () => {
    const text = cadre(['stats', 'batch', '4']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('80后：15（83.3%）');
    expect(cadre(['stats', 'batch', 'x']).code).toBe(2);
    const missing = cadre(['stats', 'batch', '999']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('找不到编号为 999 的挂职批次');
  });

  it('exports a batch roster to a file', () => {
    const out = path.join(dir(), '第四批.xlsx');
    const r = json(['export', 'batch', '4', '--out', out]);
    expect(r.rows).toBe(18);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    expect(cadre(['export', 'batch', '4', '--out', path.join(dir(), 'a.txt')]).code).not.toBe(0);
  });
});
