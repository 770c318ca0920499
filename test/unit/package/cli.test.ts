/**
 * `cadre package export` and `cadre package import` as a user runs them: a package of the demo
 * received into an empty data file (dry run first, which writes nothing), then received again,
 * which changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLI_TEST_BUDGET, cliOn, demoCli } from '../../support/cli';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

const sender = demoCli();
const receiver = cliOn(() => path.join(sender.dir(), 'city.db'));

describe('cadre package', () => {
  it('export → import --dry-run (nothing written) → import → import again (nothing changes)', () => {
    const file = path.join(sender.dir(), '望江区.cadrepkg');
    const sent = sender.json(['package', 'export', '--out', file]);
    expect(sent.file).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(sent.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sent.cadres).toBeGreaterThan(500);
    expect(sent.units).toBeGreaterThan(10);

    const dry = receiver.json(['package', 'import', file, '--dry-run']);
    expect(dry.dryRun).toBe(true);
    expect(dry.new).toBe(sent.cadres);
    expect(dry.errors).toEqual([]);
    expect(receiver.json(['list', 'cadres'])).toEqual([]);

    const merged = receiver.json(['package', 'import', file]);
    expect(merged.new).toBe(sent.cadres);
    expect(merged.packages[0].sha256).toBe(sent.sha256);
    const inRoster = (sender.json(['list', 'cadres']) as unknown[]).length;
    expect((receiver.json(['list', 'cadres']) as unknown[]).length).toBe(inRoster);

    const again = receiver.json(['package', 'import', file]);
    expect([again.new, again.changed, again.conflicts.length]).toEqual([0, 0, 0]);
    expect(again.unchanged).toBe(sent.cadres);
  });

  it('export --without leaves parts out; the JSON counts the batches, members, villages and assignments sent and received', () => {
    const file = path.join(sender.dir(), '全部.cadrepkg');
    const sent = sender.json(['package', 'export', '--without', 'photos,events', '--out', file]);
    expect(sent.includes).toEqual(['quotas', 'batches', 'villages', 'assessments']);
    expect(sent.events).toBe(0);
    // the demo's programme: 4 batches, 73 members (one replaced); its villages and rotations
    expect(sent.batches).toBe(4);
    expect(sent.members).toBe(74);
    expect(sent.villages).toBeGreaterThan(0);
    expect(sent.assignments).toBeGreaterThan(0);

    const county = cliOn(() => path.join(sender.dir(), 'county.db'));
    const merged = county.json(['package', 'import', file]);
    expect(merged.packages[0].includes).toEqual(sent.includes);
    expect(merged.events).toBe(0);
    expect(merged.batches).toEqual({ new: sent.batches, updated: 0 });
    expect(merged.members).toEqual({ new: sent.members, updated: 0, unchanged: 0 });
    expect(merged.villages).toEqual({ new: sent.villages });
    expect(merged.assignments).toEqual({ new: sent.assignments, updated: 0, unchanged: 0 });

    const bad = sender.run(['package', 'export', '--without', 'photos,照片', '--out', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--without 中的「照片」不是可选内容');
  });

  it('a file that is not a package is refused in Chinese (exit 1), nothing written', () => {
    const bogus = path.join(sender.dir(), '不是数据包.cadrepkg');
    fs.writeFileSync(bogus, 'hello');
    const r = receiver.run(['package', 'import', bogus, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.err).not.toMatch(/at .+\.(ts|js|cjs):\d+/);
  });
});
