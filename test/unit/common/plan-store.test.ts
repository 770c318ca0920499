/** One plan store per opened core: shelves keep the latest few plans, and a reopen (restore) drops every preview. */
import type { ImportTarget } from '../../../shared/contract/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlanShelf } from '../../../electron/services/common/plan-store';
import { openWorld, type World } from '../secondment/support';

describe('PlanShelf', () => {
  it('keeps the latest `max` plans, pushing out the least recently used first and disposing it', () => {
    const dispose = vi.fn();
    const shelf = new PlanShelf<string>({ max: 2, dispose });
    const a = shelf.put('a');
    const b = shelf.put('b');
    expect(shelf.get(a)).toBe('a'); // a used again: b is now the oldest
    const c = shelf.put('c');
    expect(shelf.get(b)).toBeUndefined();
    expect(shelf.get(a)).toBe('a');
    expect(shelf.get(c)).toBe('c');
    expect(dispose).toHaveBeenCalledWith('b');
  });

  it('never pushes out a busy plan, drops expired ones, and forgets committed ones without disposing', () => {
    vi.useFakeTimers();
    try {
      const dispose = vi.fn();
      const shelf = new PlanShelf<{ busy: boolean }>({ max: 1, ttlMs: 1000, busy: v => v.busy, dispose });
      const busy = shelf.put({ busy: true });
      const idle = shelf.put({ busy: false });
      expect(shelf.get(busy)).toBeDefined();
      vi.advanceTimersByTime(1500);
      shelf.put({ busy: false }, 'given-id');
      expect(shelf.get(idle)).toBeUndefined();
      expect(shelf.get(busy)).toBeDefined();
      expect(shelf.get('given-id')).toBeDefined();
      shelf.delete('given-id');
      expect(shelf.get('given-id')).toBeUndefined();
      expect(dispose).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('plans and core.reopen()', () => {
  let w: World;
  beforeEach(() => {
    w = openWorld(600);
    w.load();
  });
  afterEach(() => w.close());

  /** Starts an import job with a plan: every importer (roster, .lrmx, member list, scores) is one of these. */
  const job = async (source: { fileName: string; base64: string | null }, target: ImportTarget = { kind: 'roster' }) =>
    (await w.call('importStart', { sources: [{ name: source.fileName, base64: source.base64! }], target, plan: {} })).jobId;
  const settled = async (jobId: string) => {
    for (;;) {
      const p = await w.call('importProgress', { jobId });
      if (!['reading', 'planning', 'committing'].includes(p.state)) return p;
      await new Promise(r => setTimeout(r, 10));
    }
  };

  it('a plan made before core.reopen() is gone after it: .lrmx, member list, Excel import, scores', async () => {
    const lrmx = await job(await w.call('exportLrmx', { ids: [1] }));
    const batch = (await w.call('listSecondmentBatches', {}))[0];
    const members = await job(await w.call('exportSecondmentBatch', { batchId: batch.id }), { kind: 'batch', batchId: batch.id });
    const roster = await job(
      await w.call('exportRoster', { columns: [{ key: 'name' }, { key: 'gender' }, { key: 'birth' }, { key: 'idNumber' }], ids: [1, 2] }),
    );
    const round = (await w.call('listAssessmentRounds', {}))[0];
    const scores = await job(await w.call('exportScoreSheet', { roundId: round.id }), { kind: 'round', roundId: round.id });
    for (const id of [lrmx, members, roster, scores]) expect((await settled(id)).state).toBe('planned');

    w.core.reopen();

    for (const jobId of [lrmx, members, roster, scores]) {
      expect((await w.fails('importProgress', { jobId })).code).toBe('NOT_FOUND');
      expect((await w.fails('importCommit', { jobId })).code).toBe('NOT_FOUND');
    }
  });

  it('without a reopen the same plans still commit', async () => {
    const jobId = await job(await w.call('exportLrmx', { ids: [1] }));
    await settled(jobId);
    expect(await w.call('importCommit', { jobId })).toMatchObject({ unchanged: 1 });
  });
});
