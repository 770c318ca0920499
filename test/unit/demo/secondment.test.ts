import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { placementsOf } from '../../../electron/services/secondment/overlap';
import { programmeStats, rotationStatsOf } from '../../../electron/services/secondment/stats';
import { completedAge } from '../../../shared/domain/common/age';
import { parseResume } from '../../../shared/domain/roster/resume';
import { periodsOverlap } from '../../../shared/domain/secondment/rules';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const all = <T>(sql: string, ...params: unknown[]) => core.db.prepare(sql).all(...params) as T[];

describe('the demo secondments (seed figures)', () => {
  it('has the Beijing–Shenyang programme: four batches, 73 cadres, batch 3 all young, batch 4 83.3% born in the 1980s, 22 promoted', () => {
    loadDemo(core.db);
    const [p] = all<{ id: number; name: string; partner_place: string }>('SELECT * FROM secondment_programmes');
    expect(p).toMatchObject({ name: '京沈对口合作干部交流', partner_place: '北京市' });
    const s = programmeStats(core.db, p.id);
    expect(s.batches.map(b => b.stats.headcount)).toEqual([20, 18, 17, 18]);
    expect(s.headcount).toBe(73);
    expect(s.promoted).toBe(22);
    expect(s.replaced).toBe(1);
    const [, , b3, b4] = s.batches;
    expect(b3.stats.young).toBe(17);
    expect([b4.stats.born1980s, b4.stats.born1980sPct]).toEqual([15, 83.3]);
    // Independently of the statistics code: ages at the batch start from the rows.
    const rows = all<{ birth: string; start: string }>(
      'SELECT c.birth, b.start_date AS start FROM secondment_members m JOIN cadres c ON c.id = m.cadre_id JOIN secondment_batches b ON b.id = m.batch_id WHERE b.seq = 3',
    );
    expect(rows.every(r => completedAge(r.birth, r.start)! < 40)).toBe(true);
  });

  it('gives every batch a leader, a 临时党支部 with a secretary, symmetric pairs and one replacement with its reason', () => {
    loadDemo(core.db);
    for (const b of all<{ id: number; leader_cadre_id: number; branch_name: string; branch_secretary_id: number }>('SELECT * FROM secondment_batches')) {
      expect(b.branch_name).toMatch(/临时党支部$/);
      const members = all<{ id: number; cadre_id: number; pair_member_id: number | null; branch_role: string }>(
        'SELECT * FROM secondment_members WHERE batch_id = ?',
        b.id,
      );
      expect(members.some(m => m.cadre_id === b.leader_cadre_id)).toBe(true);
      expect(members.find(m => m.cadre_id === b.branch_secretary_id)?.branch_role).toBe('书记');
      const byId = new Map(members.map(m => [m.id, m]));
      const paired = members.filter(m => m.pair_member_id !== null);
      expect(paired.length).toBeGreaterThanOrEqual(4);
      for (const m of paired) expect(byId.get(m.pair_member_id!)?.pair_member_id).toBe(m.id);
    }
    const replacements = all<{ replacement_reason: string; replaces_member_id: number }>(
      'SELECT * FROM secondment_members WHERE replaces_member_id IS NOT NULL',
    );
    expect(replacements).toHaveLength(1);
    expect(replacements[0].replacement_reason).not.toBe('');
  });

  it('has village rotations with kept, new and replaced members on villages of several kinds', () => {
    loadDemo(core.db);
    const rotations = all<{ id: number }>('SELECT id FROM village_rotations ORDER BY seq');
    expect(rotations.length).toBeGreaterThanOrEqual(2);
    const s = rotationStatsOf(core.db, rotations[1].id);
    expect(s.kept).toBeGreaterThan(0);
    expect(s.new).toBeGreaterThan(0);
    expect(s.replaced).toBe(1);
    expect(s.replacements[0].reason).not.toBe('');
    expect(s.replacements[0].sendingUnit).not.toBe('');
    expect(s.villages).toBe(8);
    expect(new Set(all<{ kind: string }>('SELECT kind FROM villages').map(v => v.kind)).size).toBeGreaterThanOrEqual(3);
  });

  it('places nobody twice at once, and writes each returned member’s 简历 line once', () => {
    loadDemo(core.db);
    const cadres = all<{ cadre_id: number }>('SELECT cadre_id FROM secondment_members UNION SELECT cadre_id FROM village_assignments');
    for (const { cadre_id } of cadres) {
      const ps = placementsOf(core.db, cadre_id);
      for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) expect(periodsOverlap(ps[i].period, ps[j].period)).toBe(false);
    }
    for (const m of all<{ resume: string; line: string }>(
      "SELECT c.resume, m.resume_line AS line FROM secondment_members m JOIN cadres c ON c.id = m.cadre_id WHERE m.status = '已返岗'",
    )) {
      expect(m.line).toMatch(/^\d{4}\.\d{2}--\d{4}\.\d{2} {2}挂任北京市/);
      expect(m.resume.split('\n').filter(l => l === m.line)).toHaveLength(1);
      expect(parseResume(m.resume).problems).toEqual([]);
    }
  });

  it('is deterministic, replaced by a forced reload, and left out for a roster too small to staff it', () => {
    loadDemo(core.db);
    // Ids are AUTOINCREMENT (never reused), so compare what the rows say.
    const dump = () =>
      JSON.stringify([
        all(`SELECT c.name, c.id_number, b.seq, m.host_unit, m.host_post, m.start_date, m.end_date, m.status, m.branch_role, m.outcome, m.resume_line
               FROM secondment_members m JOIN cadres c ON c.id = m.cadre_id JOIN secondment_batches b ON b.id = m.batch_id ORDER BY m.id`),
        all(`SELECT c.name, v.name AS village, a.role, a.kind, a.status, a.start_date, a.end_date
               FROM village_assignments a JOIN cadres c ON c.id = a.cadre_id JOIN villages v ON v.id = a.village_id ORDER BY a.id`),
      ]);
    const first = dump();
    loadDemo(core.db, { force: true });
    expect(dump()).toBe(first);
    loadDemo(core.db, { force: true, cadreCount: 40 });
    expect(all('SELECT * FROM secondment_members')).toHaveLength(0);
    expect(all('SELECT * FROM village_assignments')).toHaveLength(0);
  });
});

describe('the demo assessment (issue 6)', () => {
  it('scores batch 4 with the Shenyang set and finalises one round within the 20% quota; a forced reload replaces it', () => {
    loadDemo(core.db);
    const sets = all<{ id: number; scope_kind: string; scope_ref: string }>('SELECT id, scope_kind, scope_ref FROM assessment_sets');
    const [batch4] = all<{ id: number }>('SELECT id FROM secondment_batches WHERE seq = 4');
    expect(sets).toEqual([expect.objectContaining({ scope_kind: 'batch', scope_ref: String(batch4.id) })]);
    const rounds = all<{ id: number; status: string }>('SELECT id, status FROM assessment_rounds WHERE set_id = ?', sets[0].id);
    expect(rounds.map(r => r.status)).toContain('finalised');
    const finalised = rounds.find(r => r.status === 'finalised')!;
    const results = all<{ grade: string }>('SELECT grade FROM assessment_results WHERE round_id = ?', finalised.id);
    // 18 members assessed; 20% of 18 = 3.6 → 4 places, so at most 4 优秀.
    expect(results.length).toBe(18);
    const excellent = results.filter(r => r.grade === '优秀').length;
    expect(excellent).toBeGreaterThan(0);
    expect(excellent).toBeLessThanOrEqual(4);

    loadDemo(core.db, { force: true });
    expect(all('SELECT id FROM assessment_sets').length).toBe(1);
    expect(all('SELECT id FROM secondment_batches').length).toBe(4);
  });
});
