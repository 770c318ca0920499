/**
 * The demo's secondments and village-stationed cadres, with fictional people
 * drawn from the demo roster (deterministic: the same seed and roster give
 * the same rows). Reproduces the seed articles' figures:
 * - 京沈对口合作干部交流 (partner 北京市): four batches, 73 cadres in all;
 *   batch 3 has 17, all under 40 at its start; batch 4 has 18, 15 of them born
 *   in the 1980s (83.3%); 22 of those who returned were later promoted or given
 *   bigger roles (提拔 / 重用); a leader and a 临时党支部 per batch, 结对 pairs,
 *   one replacement (调换) with its reason;
 * - a village programme with two rotations: kept on (留任), newly sent (新选派)
 *   and one replaced (调换, with reason and the sending unit); villages of several kinds.
 * A roster too small to staff them (fewer suitable cadres than needed) gets none.
 */
import { appendResumeLine, renderResume } from '../../../shared/domain/roster/resume';
import { secondmentResumeLine } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import { Rng } from './random';

interface Candidate {
  id: number;
  name: string;
  gender: string;
  birth: string;
  post: string;
  unit: string;
  party: string;
  resume: string;
}

interface BatchPlan {
  seq: number;
  start: string;
  end: string;
  /** [born from, born until] (canonical year-month, inclusive) and how many. */
  cohorts: [string, string, number][];
}

/** 20 + 18 (one more was replaced) + 17 + 18 = 73. */
const BATCHES: BatchPlan[] = [
  { seq: 1, start: '2018-03', end: '2019-03', cohorts: [['1972-01', '1988-12', 20]] },
  { seq: 2, start: '2019-09', end: '2020-09', cohorts: [['1972-01', '1989-12', 18]] },
  { seq: 3, start: '2021-03', end: '2022-03', cohorts: [['1982-01', '1993-12', 17]] },
  {
    seq: 4,
    start: '2023-03',
    end: '2024-03',
    cohorts: [
      ['1980-01', '1989-12', 15],
      ['1974-01', '1979-12', 3],
    ],
  },
];
/** The replacement in batch 2: who (by position), when, why. */
const REPLACED = { batch: 2, index: 5, date: '2019-12', reason: '因原单位重点工作需要，经双方组织部门商定提前调回，另行选派' };
const PROMOTED_TOTAL = 22;

const DISTRICTS = ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '通州区', '顺义区', '大兴区', '昌平区', '亦庄经济技术开发区'];
const BUREAUS = [
  '发展和改革委员会',
  '商务局',
  '科学技术委员会',
  '投资促进服务中心',
  '经济和信息化局',
  '住房和城乡建设委员会',
  '城市管理委员会',
  '园区管理委员会',
];
const POSTS = ['副局长', '副主任', '局长助理', '主任助理'];

const VILLAGE_COUNTY = [
  ['柳川县', '榆树镇', '三合村', '脱贫村'],
  ['柳川县', '榆树镇', '东升村', '乡村振兴重点帮扶村'],
  ['柳川县', '长岭镇', '前进村', '脱贫村'],
  ['柳川县', '兴隆镇', '光明社区', '易地扶贫搬迁安置点'],
  ['北山县', '马家镇', '新立村', '脱贫村'],
  ['北山县', '三道沟镇', '腰堡村', '软弱涣散村'],
  ['北山县', '永安镇', '后屯村', '乡村振兴重点帮扶村'],
  ['北山县', '红旗乡', '红星安置小区', '易地扶贫搬迁安置点'],
] as const;

const ROTATIONS = [
  { seq: 1, name: '第一轮驻村', start: '2021-06', end: '2023-06' },
  { seq: 2, name: '第二轮驻村', start: '2023-06', end: '2025-06' },
];
const VILLAGE_PROGRAMME = '驻村第一书记和工作队';

export interface SecondmentDemoCounts {
  batches: number;
  members: number;
  assignments: number;
}

/** Before the demo replaces everything: these rows point at cadres, so they go first. */
export function clearSecondmentData(db: Database): void {
  db.exec(`DELETE FROM village_assignments; DELETE FROM village_rotations; DELETE FROM villages;
           DELETE FROM secondment_members; DELETE FROM secondment_batches; DELETE FROM secondment_programmes;`);
}

const yearMonth = (s: string) => s.slice(0, 7);

export function loadSecondmentDemo(db: Database, seed: number): SecondmentDemoCounts {
  const rng = new Rng(seed ^ 0x5ec0);
  // Serving cadres of 科 and 处 levels (or staff), one query however big the roster.
  const pool = db
    .prepare(
      `SELECT c.id, c.name, c.gender, c.birth, c.post, coalesce(u.name, '') AS unit, c.political_status AS party, c.resume
         FROM cadres c LEFT JOIN units u ON u.id = c.unit_id
        WHERE c.deleted_at IS NULL AND c.status = '在职' AND c.leadership_level IN ('', '副科', '正科', '副处')
        ORDER BY c.id`,
    )
    .all() as Candidate[];
  const used = new Set<number>();
  const pick = (from: string, until: string, n: number): Candidate[] | null => {
    const fits = pool.filter(c => !used.has(c.id) && yearMonth(c.birth) >= from && yearMonth(c.birth) <= until);
    if (fits.length < n) return null;
    const chosen = rng.shuffle(fits).slice(0, n);
    for (const c of chosen) used.add(c.id);
    return chosen;
  };

  // Choose everyone first: a roster that cannot staff the whole demo gets none of it.
  const batchPeople: Candidate[][] = [];
  for (const b of BATCHES) {
    const people: Candidate[] = [];
    for (const [from, until, n] of b.cohorts) {
      const got = pick(from, until, n + (b.seq === REPLACED.batch ? 1 : 0));
      if (!got) return { batches: 0, members: 0, assignments: 0 };
      people.push(...got);
    }
    batchPeople.push(people);
  }
  const villagePeople = pick('1975-01', '1996-12', VILLAGE_COUNTY.length * 3 + 8);
  if (!villagePeople) return { batches: 0, members: 0, assignments: 0 };

  const programmeId = Number(
    db
      .prepare(
        "INSERT INTO secondment_programmes(name, partner_place, notes) VALUES ('京沈对口合作干部交流', '北京市', '按照京沈对口合作安排，分批选派优秀年轻干部赴京挂职锻炼')",
      )
      .run().lastInsertRowid,
  );
  const insertBatch = db.prepare(
    `INSERT INTO secondment_batches(programme_id, seq, name, direction, sending_place, receiving_place, start_date, planned_end_date,
       actual_end_date, status, leader_cadre_id, branch_name, branch_secretary_id, notes)
     VALUES (?, ?, ?, '派出', '沈阳市', '北京市', ?, ?, ?, '已返岗', ?, ?, ?, '')`,
  );
  const insertMember = db.prepare(
    `INSERT INTO secondment_members(batch_id, cadre_id, home_unit, home_post, host_unit, host_post, start_date, end_date, status,
       branch_role, return_date, outcome, outcome_date, outcome_post, resume_line, sort_order, replaces_member_id, replacement_reason)
     VALUES (:batch, :cadre, :homeUnit, :homePost, :hostUnit, :hostPost, :start, :end, :status, :role, :returned, :outcome, :outcomeDate,
       :outcomePost, :resumeLine, :order, :replaces, :reason)`,
  );
  const setResume = db.prepare('UPDATE cadres SET resume = ? WHERE id = ?');
  const pair = db.prepare('UPDATE secondment_members SET pair_member_id = ? WHERE id = ?');

  // Which returned members were promoted (提拔) or given bigger roles (重用): 22 of 73, spread over the batches.
  const returnedSlots = BATCHES.flatMap((b, i) => batchPeople[i].map((_, k) => ({ batch: b.seq, k }))).filter(
    s => !(s.batch === REPLACED.batch && s.k === REPLACED.index),
  );
  const promotedSlots = new Set(
    rng
      .shuffle(returnedSlots)
      .slice(0, PROMOTED_TOTAL)
      .map(s => `${s.batch}:${s.k}`),
  );

  let members = 0;
  BATCHES.forEach((b, i) => {
    const people = batchPeople[i];
    const name = `第${'一二三四'[i]}批`;
    const leader = people[0];
    const batchId = Number(
      insertBatch.run(programmeId, b.seq, name, b.start, b.end, b.end, leader.id, `京沈对口合作${name}挂职干部临时党支部`, leader.id).lastInsertRowid,
    );
    const ids: number[] = [];
    people.forEach((c, k) => {
      const replaced = b.seq === REPLACED.batch && k === REPLACED.index;
      const replacement = b.seq === REPLACED.batch && k === people.length - 1;
      const hostUnit = `北京市${rng.pick(DISTRICTS)}${rng.pick(BUREAUS)}`;
      const hostPost = rng.pick(POSTS);
      const start = replacement ? REPLACED.date : b.start;
      const end = replaced ? REPLACED.date : b.end;
      const promoted = promotedSlots.has(`${b.seq}:${k}`);
      const outcome = replaced ? '' : promoted ? (rng.chance(0.6) ? '提拔' : '重用') : rng.chance(0.3) ? '平职交流' : '';
      const outcomeYear = Number(b.end.slice(0, 4)) + rng.int(0, 1);
      const line = replaced ? null : secondmentResumeLine({ startDate: start, endDate: end, hostUnit, hostPost });
      if (line) setResume.run(appendResumeLine(c.resume, line), c.id);
      const id = Number(
        insertMember.run({
          batch: batchId,
          cadre: c.id,
          homeUnit: c.unit,
          homePost: c.post,
          hostUnit,
          hostPost,
          start,
          end,
          status: replaced ? '已调换' : '已返岗',
          role: k === 0 ? '书记' : k <= 2 ? '委员' : c.party === '中共党员' ? '党员' : '',
          returned: replaced ? '' : end,
          outcome,
          outcomeDate: outcome ? `${outcomeYear}-${String(rng.int(4, 12)).padStart(2, '0')}` : '',
          outcomePost: outcome === '提拔' ? '（提拔后职务）' : outcome === '重用' ? '（重用后职务）' : '',
          resumeLine: line ? renderResume([line]) : '',
          order: k + 1,
          replaces: replacement ? ids[REPLACED.index] : null,
          reason: replacement ? REPLACED.reason : '',
        }).lastInsertRowid,
      );
      ids.push(id);
      if (!replaced) members++;
    });
    // 双向结对帮带: members 2–3, 4–5, 6–7 (never the replaced one).
    for (const [a, c] of [
      [1, 2],
      [3, 4],
      [6, 7],
    ]) {
      if ((b.seq === REPLACED.batch && (a === REPLACED.index || c === REPLACED.index)) || c >= ids.length) continue;
      pair.run(ids[c], ids[a]);
      pair.run(ids[a], ids[c]);
    }
  });

  // Villages and two rotations: rotation 2 keeps five first secretaries on, sends the rest new, and replaces one.
  const insertVillage = db.prepare('INSERT INTO villages(name, township, county, kind) VALUES (?, ?, ?, ?)');
  const villageIds = VILLAGE_COUNTY.map(([county, town, name, kind]) => Number(insertVillage.run(name, town, `滨江市${county}`, kind).lastInsertRowid));
  const insertRotation = db.prepare('INSERT INTO village_rotations(programme, seq, name, start_date, end_date) VALUES (?, ?, ?, ?, ?)');
  const insertAssignment = db.prepare(
    `INSERT INTO village_assignments(rotation_id, village_id, cadre_id, role, sending_unit, start_date, end_date, kind, status,
       replaces_assignment_id, replacement_reason)
     VALUES (:rotation, :village, :cadre, :role, :unit, :start, :end, :kind, :status, :replaces, :reason)`,
  );
  const [r1, r2] = ROTATIONS.map(r => Number(insertRotation.run(VILLAGE_PROGRAMME, r.seq, r.name, r.start, r.end).lastInsertRowid));
  let assignments = 0;
  const next = (() => {
    let k = 0;
    return () => villagePeople[k++];
  })();
  const add = (row: Record<string, unknown>) => {
    assignments++;
    return Number(insertAssignment.run({ replaces: null, reason: '', status: '期满', ...row }).lastInsertRowid);
  };
  const firstSecretaries: Candidate[] = [];
  villageIds.forEach((village, v) => {
    const secretary = next();
    firstSecretaries.push(secretary);
    add({
      rotation: r1,
      village,
      cadre: secretary.id,
      role: '第一书记',
      unit: secretary.unit,
      start: ROTATIONS[0].start,
      end: ROTATIONS[0].end,
      kind: '新选派',
    });
    const member = next();
    add({
      rotation: r1,
      village,
      cadre: member.id,
      role: v % 2 ? '队员' : '工作队队长',
      unit: member.unit,
      start: ROTATIONS[0].start,
      end: ROTATIONS[0].end,
      kind: '新选派',
    });
  });
  villageIds.forEach((village, v) => {
    const kept = v < 5;
    const secretary = kept ? firstSecretaries[v] : next();
    const id = add({
      rotation: r2,
      village,
      cadre: secretary.id,
      role: '第一书记',
      unit: secretary.unit,
      start: ROTATIONS[1].start,
      end: v === 2 ? '2024-05' : ROTATIONS[1].end,
      kind: kept ? '留任' : '新选派',
      status: v === 2 ? '已调换' : '期满',
    });
    if (v === 2) {
      const successor = next();
      add({
        rotation: r2,
        village,
        cadre: successor.id,
        role: '第一书记',
        unit: successor.unit,
        start: '2024-05',
        end: ROTATIONS[1].end,
        kind: '调换',
        replaces: id,
        reason: '年度考核中群众满意度较低，不胜任驻村工作，由派出单位另行选派',
      });
    }
    const member = next();
    add({ rotation: r2, village, cadre: member.id, role: '队员', unit: member.unit, start: ROTATIONS[1].start, end: ROTATIONS[1].end, kind: '新选派' });
  });
  return { batches: BATCHES.length, members, assignments };
}
