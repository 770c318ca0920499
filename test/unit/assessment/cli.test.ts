import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../electron/services/core/core';
import { saveCells } from '../../../electron/services/assessment/inputs';
import { saveRound } from '../../../electron/services/assessment/rounds';
import { saveSet } from '../../../electron/services/assessment/sets';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';
import { addPeople, names } from './support';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
let db: string;
let roundId: number;
beforeEach(() => {
  tmp = tempDir();
  db = path.join(tmp.dir, 'a.db');
  const core = openCore({ dbPath: db, appVersion: 'test' });
  const ids = addPeople(
    core.db,
    names(12).map(name => ({ name, level: '正处' })),
  );
  const set = saveSet(core.db, { name: '2025年度考核', year: 2025, scope: { kind: 'all', ref: '' }, description: '', template: 'de-neng-qin-ji-lian' });
  roundId = saveRound(core.db, {
    setId: set.id,
    name: '2025年度考核',
    kind: '年度',
    year: 2025,
    period: '',
    startDate: '',
    endDate: '',
    thresholds: { excellent: 90, competent: 70, basic: 60 },
    quotaPercent: 20,
    rounding: '四舍五入',
    grouping: 'leadershipLevel',
    notes: '',
  }).id;
  // Totals 95, 94, 93, 80, 79 …: three 优秀 where 12 × 20% = 2.4 gives 2 places.
  const totals = [95, 94, 93, 80, 79, 78, 77, 76, 75, 74, 73, 72];
  saveCells(
    core.db,
    roundId,
    ids.flatMap((cadreId, k) => set.indicators.map(i => ({ cadreId, indicatorId: i.id, value: totals[k] }))),
  );
  core.close();
});
afterEach(() => tmp.cleanup());

const cadre = (args: string[]) => runCli(['--db', db, ...args]);

describe('cadre assessment commands', () => {
  it('list sets / list rounds --json', () => {
    const sets = JSON.parse(cadre(['list', 'sets', '--json']).out);
    expect(sets).toEqual([
      expect.objectContaining({ name: '2025年度考核', year: 2025, participants: 12, rounds: 1, scope: expect.objectContaining({ label: '全体干部' }) }),
    ]);
    const rounds = JSON.parse(cadre(['list', 'rounds', '--json']).out);
    expect(rounds).toEqual([expect.objectContaining({ id: roundId, kind: '年度', status: 'open', quotaPercent: 20, rounding: '四舍五入' })]);
    expect(cadre(['list', 'rounds', '--set', 'x']).code).toBe(2);
  });

  it('grade prints totals, ranks, proposals and the quota; --finalise exits 1 over quota with the Chinese message', () => {
    const r = cadre(['grade', String(roundId), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.cadres.slice(0, 4).map((c: { total: number; rank: number; proposedGrade: string }) => [c.total, c.rank, c.proposedGrade])).toEqual([
      [95, 1, '优秀'],
      [94, 2, '优秀'],
      [93, 3, '优秀'],
      [80, 4, '称职'],
    ]);
    expect(out.groups).toEqual([
      {
        group: '正处组',
        assessed: 12,
        ratio: 0.2,
        quotaPercent: 20,
        rounding: '四舍五入',
        exact: '2.4',
        places: 2,
        excellent: 3,
        over: 1,
        explanation: '12 人 × 20% = 2.4，四舍五入为 2 人',
      },
    ]);
    const f = cadre(['grade', String(roundId), '--finalise', '--json']);
    expect(f.code).toBe(1);
    expect(f.err).toContain('正处组优秀 3 人，超出名额 1 人（12 人 × 20% = 2.4，四舍五入为 2 人）');
    expect(JSON.parse(cadre(['list', 'rounds', '--json']).out)[0].status).toBe('open');
    expect(cadre(['grade', 'abc']).code).toBe(2);
    expect(cadre(['grade', '999', '--json']).code).toBe(1);
  });

  it('grade --finalise succeeds within the quota and locks the round', () => {
    const core = openCore({ dbPath: db, appVersion: 'test' });
    core.db.prepare("UPDATE assessment_rounds SET rounding = '进一法' WHERE id = ?").run(roundId);
    core.close();
    const f = cadre(['grade', String(roundId), '--finalise', '--json']);
    expect(f.code).toBe(0);
    const out = JSON.parse(f.out);
    expect(out).toMatchObject({ finalised: true, round: { status: 'finalised' }, groups: [expect.objectContaining({ places: 3, excellent: 3, over: 0 })] });
    const again = cadre(['grade', String(roundId), '--finalise']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/已定稿锁定/);
  });
});
