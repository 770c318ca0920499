/** One plan store per opened core: shelves keep the latest few plans, and a reopen (restore) drops every preview. */
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

  it('a plan made before core.reopen() is gone after it: .lrmx, member list, Excel import, scores', async () => {
    const lrmx = await w.call('exportLrmx', { ids: [1] });
    const lrmxPlan = await w.call('planLrmx', { files: [{ name: lrmx.fileName, base64: lrmx.base64! }], mode: 'update' });

    const batch = (await w.call('listSecondmentBatches', {}))[0];
    const list = await w.call('exportSecondmentBatch', { batchId: batch.id });
    const memberPlan = await w.call('planSecondmentImport', { batchId: batch.id, files: [{ name: list.fileName, base64: list.base64! }] });

    const roster = await w.call('exportRoster', { columns: [{ key: 'name' }, { key: 'gender' }, { key: 'birth' }, { key: 'idNumber' }], ids: [1, 2] });
    const { jobId } = await w.call('importStart', { source: { name: roster.fileName, base64: roster.base64! } });

    const round = (await w.call('listAssessmentRounds', {}))[0];
    const sheet = await w.call('exportScoreSheet', { roundId: round.id });
    const scorePlan = await w.call('previewScoreImport', { roundId: round.id, file: { name: sheet.fileName, base64: sheet.base64! } });

    w.core.reopen();

    expect((await w.fails('commitLrmx', { planId: lrmxPlan.planId, mode: 'update', fingerprint: lrmxPlan.plan.fingerprint })).code).toBe('NOT_FOUND');
    expect((await w.fails('commitSecondmentImport', { planId: memberPlan.planId })).code).toBe('NOT_FOUND');
    expect((await w.fails('importProgress', { jobId })).code).toBe('NOT_FOUND');
    expect((await w.fails('commitScoreImport', { roundId: round.id, planId: scorePlan.planId })).code).toBe('NOT_FOUND');
  });

  it('without a reopen the same plans still commit', async () => {
    const lrmx = await w.call('exportLrmx', { ids: [1] });
    const plan = await w.call('planLrmx', { files: [{ name: lrmx.fileName, base64: lrmx.base64! }], mode: 'update' });
    expect(await w.call('commitLrmx', { planId: plan.planId, mode: 'update', fingerprint: plan.plan.fingerprint })).toMatchObject({ unchanged: 1 });
  });
});
