/**
 * `cadre operations`, `cadre undo --to` and `cadre settings unit-name`: the 操作历史 and 本单位名称
 * of 数据与备份, on a demo data file, through the same routes the page calls.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setOperatorName } from '../../../electron/services/common/audit';
import { withOperation } from '../../../electron/services/common/operation-log';
import { applyCadreChanges } from '../../../electron/services/roster/writes';
import { openCore } from '../../../electron/services/core/core';
import { CLI_TEST_BUDGET, demoCli } from '../../support/cli';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

const cli = demoCli();
const dbPath = () => path.join(cli.dir(), 'demo.db');

interface Step {
  id: number;
  page: string;
  label: string;
  operator: string;
  time: string;
  at: string;
  undone: boolean;
}

/** Opens the data file in this process for a moment (the CLI runs in its own). */
function withCore<T>(fn: (core: ReturnType<typeof openCore>) => T): T {
  const core = openCore({ dbPath: dbPath(), appVersion: 'test' });
  try {
    return fn(core);
  } finally {
    core.close();
  }
}

const postOf = (id: number) => withCore(core => (core.db.prepare('SELECT post FROM cadres WHERE id = ?').get(id) as { post: string }).post);

let before: string[];
beforeAll(() => {
  before = [postOf(3), postOf(4), postOf(5)];
  withCore(core => {
    setOperatorName(core.db, '王科长');
    applyCadreChanges(core.db, { updates: [{ id: 3, values: { post: '第一步职务' } }], label: '第一步' });
    applyCadreChanges(core.db, { updates: [{ id: 4, values: { post: '第二步职务' } }], label: '第二步' });
    applyCadreChanges(core.db, { updates: [{ id: 5, values: { post: '第三步职务' } }], label: '第三步' });
  });
});

describe('cadre operations', () => {
  it('lists every step newest first, with the page, what, who and when as the page shows them', () => {
    const steps = cli.json(['operations']) as Step[];
    expect(steps.map(s => s.label)).toEqual(['第三步', '第二步', '第一步']);
    for (const s of steps) {
      expect(s).toMatchObject({ page: '干部名册', operator: '王科长', undone: false });
      expect(s.time).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
    }
    expect((cli.json(['operations', '--limit', '2']) as Step[]).map(s => s.label)).toEqual(['第三步', '第二步']);
    const text = cli.run(['operations', '--limit', '1']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('第三步');
    expect(text.out).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text.out).toContain('共 1 步');
  });

  it('refuses a --limit that is not a positive whole number, in Chinese', () => {
    const r = cli.run(['operations', '--limit', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--limit 应为正整数');
  });
});

describe('cadre undo --to', () => {
  it('undoes the chosen step and every later one, and says so', () => {
    const second = (cli.json(['operations']) as Step[]).find(s => s.label === '第二步')!;
    expect(cli.json(['undo', '--to', String(second.id)])).toEqual({ count: 2, labels: ['第三步', '第二步'] });
    expect([postOf(3), postOf(4), postOf(5)]).toEqual(['第一步职务', before[1], before[2]]);
    expect((cli.json(['operations']) as Step[]).map(s => s.undone)).toEqual([true, true, false]);
  });

  it('refuses, in Chinese and changing nothing, a step already undone, one not in the history, and one a finalised round guards', () => {
    const steps = cli.json(['operations']) as Step[];
    const undone = cli.run(['undo', '--to', String(steps[0].id)]);
    expect(undone.code).toBe(1);
    expect(undone.err.trim()).toBe('「第三步」及其后的操作都已撤销');
    const gone = cli.run(['undo', '--to', '987654']);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain('这一步已不在操作历史中');
    expect(cli.run(['undo']).err).toContain('请用 --to 指定撤销到哪一步');

    // A score step of the demo's finalised round, then a roster step after it: undoing back
    // to the round's step is refused by the round, and the later roster step stays.
    withCore(core => {
      const round = core.db.prepare("SELECT id, name FROM assessment_rounds WHERE status = 'finalised' LIMIT 1").get() as { id: number };
      withOperation(core.db, { kind: 'edit', label: '录入评分', scope: `round:${round.id}` }, op => {
        op.touch(6);
        core.db.prepare("UPDATE cadres SET remarks = '评分备注' WHERE id = 6").run();
      });
      applyCadreChanges(core.db, { updates: [{ id: 7, values: { post: '之后的职务' } }], label: '之后的修改' });
    });
    const [later, scored] = cli.json(['operations', '--limit', '2']) as Step[];
    expect([later.label, scored.label]).toEqual(['之后的修改', '录入评分']);
    const refused = cli.run(['undo', '--to', String(scored.id), '--json']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/定稿/);
    expect(refused.err).not.toMatch(/\bat\b|Error|\.ts:/);
    expect(postOf(7)).toBe('之后的职务');
    expect((cli.json(['operations', '--limit', '2']) as Step[]).map(s => s.undone)).toEqual([false, false]);
  });
});

describe('cadre settings unit-name', () => {
  it('reads, sets and clears 本单位名称, and refuses one too long', () => {
    expect(cli.json(['settings', 'unit-name'])).toEqual({ name: '' });
    expect(cli.json(['settings', 'unit-name', '  中共滨江市委组织部 '])).toEqual({ name: '中共滨江市委组织部' });
    expect(cli.json(['settings', 'unit-name'])).toEqual({ name: '中共滨江市委组织部' });
    expect(cli.run(['settings', 'unit-name']).out.trim()).toBe('本单位名称：中共滨江市委组织部');
    const long = cli.run(['settings', 'unit-name', '单'.repeat(200)]);
    expect(long.code).toBe(1);
    expect(long.err).toMatch(/[\u4e00-\u9fff]/);
    expect(cli.json(['settings', 'unit-name'])).toEqual({ name: '中共滨江市委组织部' });
    expect(cli.json(['settings', 'unit-name', ''])).toEqual({ name: '' });
  });
});
