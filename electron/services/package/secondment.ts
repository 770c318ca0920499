/**
 * 挂职批次 and 驻村 in a data package: what the sender sends (the batches, members, villages,
 * rotations and assignments of the cadres it sends), how they meet ours (natural keys: a batch by
 * its programme's name and 批次序号, a member by batch and cadre, a village by county, township and
 * name, a rotation by programme and seq, an assignment by rotation, village, cadre and role; the
 * cadre through the merge's own mapping of the sender's cadres), and the writes, inside the
 * merge's one operation (every row through op.createdRow / op.touchRow, so 撤销 takes it all back).
 *
 * Several packages in one merge: the first to send a record sets it; a later package's copy of
 * the same record (a city-wide batch sent by two districts) maps to it and writes nothing more.
 * A reference (leader, branch secretary, pair, replaced member or assignment) is kept only when
 * it resolves here; a new row leaves it empty, an existing row keeps ours.
 */
import type { PackageAssignment, PackageBatch, PackageMember, PackageRotation, PackageVillage } from '../../../shared/domain/package/manifest';
import type { SecondmentCounts } from '../../../shared/domain/package/conflicts';
import { AppError } from '../../../shared/contract/errors';
import type { PlacementKind } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import type { OperationRecorder } from '../common/operation-log';
import { cadreName } from '../roster/api';
import { MEMBER_COLUMN, overlapProblem } from '../secondment/api';
import { cadreKey, type CadreRef, type MergePlan } from './plan';
import type { LoadedPackage } from './verify';

// ---------------------------------------------------------------- columns

/** Package field → column, for the plain values of each record (references apart). */
const BATCH_COLUMNS = {
  name: 'name',
  direction: 'direction',
  sendingPlace: 'sending_place',
  receivingPlace: 'receiving_place',
  startDate: 'start_date',
  plannedEndDate: 'planned_end_date',
  actualEndDate: 'actual_end_date',
  status: 'status',
  branchName: 'branch_name',
  notes: 'notes',
} as const;
/** The grid's member columns, and those set by recall, replacement and return. */
const MEMBER_COLUMNS = {
  ...MEMBER_COLUMN,
  status: 'status',
  recallDate: 'recall_date',
  recallReason: 'recall_reason',
  replacementReason: 'replacement_reason',
  returnDate: 'return_date',
  resumeLine: 'resume_line',
} as const;
const VILLAGE_COLUMNS = { county: 'county', township: 'township', name: 'name', kind: 'kind' } as const;
const ROTATION_COLUMNS = { programme: 'programme', seq: 'seq', name: 'name', startDate: 'start_date', endDate: 'end_date', notes: 'notes' } as const;
const ASSIGNMENT_COLUMNS = {
  sendingUnit: 'sending_unit',
  startDate: 'start_date',
  endDate: 'end_date',
  kind: 'kind',
  status: 'status',
  replacementReason: 'replacement_reason',
  notes: 'notes',
} as const;

type Columns = Readonly<Record<string, string>>;
type Row = Record<string, unknown>;
const selectList = (cols: Columns, alias = '') => Object.entries(cols).map(([f, c]) => `${alias}${c} AS ${f}`);
const rowOf = (cols: Columns, rec: object): Row => Object.fromEntries(Object.entries(cols).map(([f, c]) => [c, (rec as Row)[f]]));
const differs = (cols: Columns, ours: Row, rec: object) => {
  const theirs = rowOf(cols, rec);
  return Object.values(cols).some(c => ours[c] !== theirs[c]);
};

// ---------------------------------------------------------------- export

const inList = (column: string) => `${column} IN (SELECT value FROM json_each(:sent))`;

/** The batches and members of the cadres sent (`everything`: every batch, even one without them). */
export function batchesOf(db: Database, sent: number[], everything: boolean): { batches: PackageBatch[]; members: PackageMember[] } {
  const p = { sent: JSON.stringify(sent), everything: everything ? 1 : 0 };
  const members = db
    .prepare(
      `SELECT id, batch_id AS batchId, cadre_id AS cadreId, ${selectList(MEMBER_COLUMNS).join(', ')},
              CASE WHEN pair_member_id IN (SELECT id FROM secondment_members WHERE ${inList('cadre_id')}) THEN pair_member_id END AS pairId,
              CASE WHEN replaces_member_id IN (SELECT id FROM secondment_members WHERE ${inList('cadre_id')}) THEN replaces_member_id END AS replacesId
         FROM secondment_members WHERE ${inList('cadre_id')} ORDER BY batch_id, sort_order, id`,
    )
    .all(p) as PackageMember[];
  const rows = db
    .prepare(
      `SELECT b.id, p.name AS programmeName, p.partner_place AS partnerPlace, p.notes AS programmeNotes, b.seq, ${selectList(BATCH_COLUMNS, 'b.').join(', ')},
              CASE WHEN ${inList('b.leader_cadre_id')} THEN b.leader_cadre_id END AS leaderCadreId,
              CASE WHEN ${inList('b.branch_secretary_id')} THEN b.branch_secretary_id END AS branchSecretaryId
         FROM secondment_batches b JOIN secondment_programmes p ON p.id = b.programme_id
        WHERE :everything OR b.id IN (SELECT batch_id FROM secondment_members WHERE ${inList('cadre_id')})
           OR ${inList('b.leader_cadre_id')} OR ${inList('b.branch_secretary_id')}
        ORDER BY p.id, b.seq`,
    )
    .all(p) as (Omit<PackageBatch, 'programme'> & { programmeName: string; partnerPlace: string; programmeNotes: string })[];
  const batches = rows.map(({ programmeName, partnerPlace, programmeNotes, ...b }) => ({
    ...b,
    programme: { name: programmeName, partnerPlace, notes: programmeNotes },
  }));
  return { batches, members };
}

/** The 驻村 assignments of the cadres sent, with their villages and rotations (`everything`: all of them). */
export function villagesOf(
  db: Database,
  sent: number[],
  everything: boolean,
): { villages: PackageVillage[]; rotations: PackageRotation[]; assignments: PackageAssignment[] } {
  const p = { sent: JSON.stringify(sent), everything: everything ? 1 : 0 };
  const assignments = db
    .prepare(
      `SELECT id, rotation_id AS rotationId, village_id AS villageId, cadre_id AS cadreId, role, ${selectList(ASSIGNMENT_COLUMNS).join(', ')},
              CASE WHEN replaces_assignment_id IN (SELECT id FROM village_assignments WHERE ${inList('cadre_id')}) THEN replaces_assignment_id END AS replacesId
         FROM village_assignments WHERE ${inList('cadre_id')} ORDER BY rotation_id, id`,
    )
    .all(p) as PackageAssignment[];
  const used = `(SELECT %s FROM village_assignments WHERE ${inList('cadre_id')})`;
  const villages = db
    .prepare(`SELECT id, ${selectList(VILLAGE_COLUMNS).join(', ')} FROM villages WHERE :everything OR id IN ${used.replace('%s', 'village_id')} ORDER BY id`)
    .all(p) as PackageVillage[];
  const rotations = db
    .prepare(
      `SELECT id, ${selectList(ROTATION_COLUMNS).join(', ')} FROM village_rotations WHERE :everything OR id IN ${used.replace('%s', 'rotation_id')} ORDER BY id`,
    )
    .all(p) as PackageRotation[];
  return { villages, rotations, assignments };
}

// ---------------------------------------------------------------- plan

type Action = 'new' | 'updated' | 'unchanged';

interface BatchPlan {
  pkg: number;
  rec: PackageBatch;
  existing: number | null;
  leader: CadreRef | null;
  secretary: CadreRef | null;
  action: Action;
  /** Ours after the write. */
  id?: number;
}

interface MemberPlan {
  /** null: ours, not in any package (left alone). */
  rec: PackageMember | null;
  pkg: number;
  batch: BatchPlan;
  cadre: CadreRef;
  existing: Row | null;
  pair?: MemberPlan;
  replaces?: MemberPlan;
  action: Action;
  id?: number;
}

interface PlacePlan<R> {
  key: string;
  rec: R;
  existing: number | null;
  id?: number;
}

interface AssignmentPlan {
  rec: PackageAssignment | null;
  pkg: number;
  rotation: PlacePlan<PackageRotation>;
  village: PlacePlan<PackageVillage>;
  cadre: CadreRef;
  existing: Row | null;
  replaces?: AssignmentPlan;
  action: Action;
  id?: number;
}

export interface SecondmentPlan {
  programmes: Map<string, { id: number | null; rec: PackageBatch['programme'] }>;
  batches: BatchPlan[];
  members: MemberPlan[];
  villages: PlacePlan<PackageVillage>[];
  rotations: PlacePlan<PackageRotation>[];
  assignments: AssignmentPlan[];
  counts: SecondmentCounts;
}

const refKey = (ref: CadreRef) => ('id' in ref ? `#${ref.id}` : ref.created);
/** A cadre reference of a new row or against ours: unresolved keeps ours; one to a cadre not yet here always differs. */
const sameCadre = (ours: unknown, ref: CadreRef | null) => ref === null || ('id' in ref && ref.id === ours);
/** Likewise for a reference to a row of the plan. */
const sameRow = (ours: unknown, ref: { existing: Row | null } | undefined) => ref === undefined || (ref.existing !== null && ref.existing.id === ours);

/** Rows of ours by a key of their columns, in id order. */
function rowsBy(db: Database, sql: string, keyOf: (r: Row) => string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of db.prepare(sql).all() as Row[]) {
    const key = keyOf(r);
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(r);
  }
  return out;
}

/**
 * Matches the packages' records of one table to slots: the k-th record of a key in a package is
 * the k-th of ours (by id), else the one an earlier package brought, else new. `where` gives a
 * record's key, our rows under it and a slot for one of them (null: new); null skips the record
 * (its batch or cadre is not written). Returns the slots to write and each record's slot.
 */
function matchRecords<R extends { id: number }, P extends { rec: R | null; pkg: number }>(
  packages: readonly LoadedPackage[],
  recsOf: (p: LoadedPackage) => R[],
  where: (pkg: number, rec: R) => { key: string; ours: () => Row[]; slot: (existing: Row | null) => P } | null,
): { list: P[]; of: Map<string, P> } {
  const slots = new Map<string, P[]>();
  const list: P[] = [];
  const of = new Map<string, P>();
  packages.forEach((p, pkg) => {
    const counted = new Map<string, number>();
    for (const rec of recsOf(p)) {
      const at = where(pkg, rec);
      if (!at) continue;
      const k = counted.get(at.key) ?? 0;
      counted.set(at.key, k + 1);
      let keyed = slots.get(at.key);
      if (!keyed) slots.set(at.key, (keyed = at.ours().map(at.slot)));
      if (k === keyed.length) keyed.push(at.slot(null));
      const slot = keyed[k];
      if (slot.rec === null) {
        Object.assign(slot, { rec, pkg });
        list.push(slot);
      }
      of.set(`${pkg}:${rec.id}`, slot);
    }
  });
  return { list, of };
}

/** The secondment and village parts of the packages against the database now. */
export function planSecondment(db: Database, plan: MergePlan): SecondmentPlan {
  const packages: readonly LoadedPackage[] = plan.packages;
  const cadreOf = new Map(plan.rows.map(r => [cadreKey(plan.packages[r.pkg].manifest.sender.id, r.rec.id), r.action === 'error' ? null : r.target]));
  const cadreIn = (pkg: number, their: number | null) => (their === null ? null : (cadreOf.get(cadreKey(packages[pkg].manifest.sender.id, their)) ?? null));

  // Programmes and batches.
  const programmes = new Map<string, { id: number | null; rec: PackageBatch['programme'] }>(
    (db.prepare('SELECT id, name FROM secondment_programmes').all() as { id: number; name: string }[]).map(p => [
      p.name,
      { id: p.id, rec: { name: p.name, partnerPlace: '', notes: '' } },
    ]),
  );
  const ourBatches = new Map(
    (
      db.prepare(`SELECT b.*, p.name AS programme_name FROM secondment_batches b JOIN secondment_programmes p ON p.id = b.programme_id`).all() as Record<
        string,
        unknown
      >[]
    ).map(b => [`${b.programme_name as string}\u0000${b.seq as number}`, b]),
  );
  const batchByKey = new Map<string, BatchPlan>();
  const batchOf = new Map<string, BatchPlan>();
  const batches: BatchPlan[] = [];
  packages.forEach((p, pkg) => {
    for (const rec of p.batches) {
      const key = `${rec.programme.name}\u0000${rec.seq}`;
      let b = batchByKey.get(key);
      if (!b) {
        const ours = ourBatches.get(key);
        const leader = cadreIn(pkg, rec.leaderCadreId);
        const secretary = cadreIn(pkg, rec.branchSecretaryId);
        const action: Action = !ours
          ? 'new'
          : differs(BATCH_COLUMNS, ours, rec) || !sameCadre(ours.leader_cadre_id, leader) || !sameCadre(ours.branch_secretary_id, secretary)
            ? 'updated'
            : 'unchanged';
        b = { pkg, rec, existing: ours ? (ours.id as number) : null, leader, secretary, action };
        batchByKey.set(key, b);
        batches.push(b);
        if (!programmes.has(rec.programme.name)) programmes.set(rec.programme.name, { id: null, rec: rec.programme });
      }
      batchOf.set(`${pkg}:${rec.id}`, b);
    }
  });

  // Members, by batch and cadre.
  const ourMembers = rowsBy(db, 'SELECT * FROM secondment_members ORDER BY id', m => `${m.batch_id as number}:#${m.cadre_id as number}`);
  const { list: members, of: memberOf } = matchRecords<PackageMember, MemberPlan>(
    packages,
    p => p.members,
    (pkg, rec) => {
      const batch = batchOf.get(`${pkg}:${rec.batchId}`);
      const cadre = cadreIn(pkg, rec.cadreId);
      if (!batch || !cadre) return null;
      return {
        key: `${batch.rec.programme.name}\u0000${batch.rec.seq}\u0000${refKey(cadre)}`,
        ours: () => (batch.existing !== null && 'id' in cadre ? (ourMembers.get(`${batch.existing}:#${cadre.id}`) ?? []) : []),
        slot: existing => ({ rec: null, pkg, batch, cadre, existing, action: existing ? 'unchanged' : 'new' }),
      };
    },
  );
  for (const m of members) {
    const rec = m.rec!;
    m.pair = rec.pairId === null ? undefined : memberOf.get(`${m.pkg}:${rec.pairId}`);
    m.replaces = rec.replacesId === null ? undefined : memberOf.get(`${m.pkg}:${rec.replacesId}`);
    if (m.existing)
      m.action =
        differs(MEMBER_COLUMNS, m.existing, rec) || !sameRow(m.existing.pair_member_id, m.pair) || !sameRow(m.existing.replaces_member_id, m.replaces)
          ? 'updated'
          : 'unchanged';
  }

  // Villages and rotations (new when missing; ours otherwise), then assignments.
  const place = <R>(sql: string, keyOf: (r: Row | R) => string, recs: (p: LoadedPackage) => (R & { id: number })[]) => {
    const ours = new Map((db.prepare(sql).all() as Row[]).map(r => [keyOf(r), r.id as number]));
    const byKey = new Map<string, PlacePlan<R>>();
    const of = new Map<string, PlacePlan<R>>();
    packages.forEach((p, pkg) => {
      for (const rec of recs(p)) {
        const key = keyOf(rec);
        let v = byKey.get(key);
        if (!v) byKey.set(key, (v = { key, rec, existing: ours.get(key) ?? null }));
        of.set(`${pkg}:${rec.id}`, v);
      }
    });
    return { list: [...byKey.values()], of };
  };
  const villages = place<PackageVillage>(
    'SELECT id, county, township, name FROM villages',
    v => `${v.county as string}\u0000${v.township as string}\u0000${v.name as string}`,
    p => p.villages,
  );
  const rotations = place<PackageRotation>(
    'SELECT id, programme, seq FROM village_rotations',
    r => `${r.programme as string}\u0000${r.seq as number}`,
    p => p.rotations,
  );
  const ourAssignments = rowsBy(
    db,
    'SELECT * FROM village_assignments ORDER BY id',
    a => `${a.rotation_id as number}:${a.village_id as number}:#${a.cadre_id as number}:${a.role as string}`,
  );
  const { list: assignments, of: assignmentOf } = matchRecords<PackageAssignment, AssignmentPlan>(
    packages,
    p => p.assignments,
    (pkg, rec) => {
      const rotation = rotations.of.get(`${pkg}:${rec.rotationId}`);
      const village = villages.of.get(`${pkg}:${rec.villageId}`);
      const cadre = cadreIn(pkg, rec.cadreId);
      if (!rotation || !village || !cadre) return null;
      return {
        key: `${rotation.key}\u0000${village.key}\u0000${refKey(cadre)}\u0000${rec.role}`,
        ours: () =>
          rotation.existing !== null && village.existing !== null && 'id' in cadre
            ? (ourAssignments.get(`${rotation.existing}:${village.existing}:#${cadre.id}:${rec.role}`) ?? [])
            : [],
        slot: existing => ({ rec: null, pkg, rotation, village, cadre, existing, action: existing ? 'unchanged' : 'new' }),
      };
    },
  );
  for (const a of assignments) {
    const rec = a.rec!;
    a.replaces = rec.replacesId === null ? undefined : assignmentOf.get(`${a.pkg}:${rec.replacesId}`);
    if (a.existing)
      a.action = differs(ASSIGNMENT_COLUMNS, a.existing, rec) || !sameRow(a.existing.replaces_assignment_id, a.replaces) ? 'updated' : 'unchanged';
  }

  const tally = (list: { action: Action }[]) => ({
    new: list.filter(x => x.action === 'new').length,
    updated: list.filter(x => x.action === 'updated').length,
    unchanged: list.filter(x => x.action === 'unchanged').length,
  });
  const b = tally(batches);
  return {
    programmes,
    batches,
    members,
    villages: villages.list,
    rotations: rotations.list,
    assignments,
    counts: {
      batches: { new: b.new, updated: b.updated },
      members: tally(members),
      villages: { new: villages.list.filter(v => v.existing === null).length },
      assignments: tally(assignments),
    },
  };
}

// ---------------------------------------------------------------- write

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** Inserts a row and logs it with the operation; returns its id. */
function insert(db: Database, op: OperationRecorder, table: Parameters<OperationRecorder['createdRow']>[0], row: Row): number {
  const cols = Object.keys(row);
  const id = Number(db.prepare(`INSERT INTO ${table}(${cols.join(', ')}) VALUES (${cols.map(c => ':' + c).join(', ')})`).run(row).lastInsertRowid);
  op.createdRow(table, id);
  return id;
}

/** Changes a row (its updated_at too), logged with the operation first. */
function update(db: Database, op: OperationRecorder, table: 'secondment_batches' | 'secondment_members' | 'village_assignments', id: number, row: Row): void {
  const cols = Object.keys(row);
  if (!cols.length) return;
  op.touchRow(table, id);
  db.prepare(`UPDATE ${table} SET ${cols.map(c => `${c} = :${c}`).join(', ')}, updated_at = ${NOW} WHERE id = :id`).run({ ...row, id });
}

/** Reference columns: set when they resolve; a new row leaves one empty, an existing row keeps ours. */
const refs = (pairs: [string, number | undefined][], isNew: boolean): Row =>
  Object.fromEntries(pairs.filter(([, id]) => id !== undefined || isNew).map(([c, id]) => [c, id ?? null]));

interface RowPlan {
  rec: object | null;
  existing: Row | null;
  action: Action;
  id?: number;
}

/**
 * Writes the records of one table: new ones inserted with the columns `placed` gives (null: a
 * cadre or batch not written, skipped), changed ones updated; then, once every record has its id
 * here, their references to each other (`refsOf`).
 */
function writeRows<P extends RowPlan>(
  db: Database,
  op: OperationRecorder,
  table: 'secondment_members' | 'village_assignments',
  cols: Columns,
  plans: P[],
  count: { new: number; updated: number; unchanged: number },
  placed: (p: P) => Row | null,
  refsOf: (p: P) => [string, number | undefined][],
): void {
  const written: P[] = [];
  for (const p of plans) {
    const where = placed(p);
    if (where === null) continue;
    if (p.existing === null) p.id = insert(db, op, table, { ...rowOf(cols, p.rec!), ...where });
    else {
      p.id = p.existing.id as number;
      if (p.action === 'updated') update(db, op, table, p.id, rowOf(cols, p.rec!));
    }
    count[p.action]++;
    written.push(p);
  }
  for (const p of written) if (p.action !== 'unchanged') update(db, op, table, p.id!, refs(refsOf(p), p.existing === null));
}

/**
 * Writes the plan inside the merge's operation. `cadreOf` gives ours for a cadre reference
 * (undefined: not written, so its rows are skipped). Returns what was written.
 */
export function writeSecondment(db: Database, op: OperationRecorder, sp: SecondmentPlan, cadreOf: (ref: CadreRef) => number | undefined): SecondmentCounts {
  const counts: SecondmentCounts = {
    batches: { new: 0, updated: 0 },
    members: { new: 0, updated: 0, unchanged: 0 },
    villages: { new: 0 },
    assignments: { new: 0, updated: 0, unchanged: 0 },
  };
  const cadreRef = (ref: CadreRef | null) => (ref === null ? undefined : cadreOf(ref));

  for (const [name, p] of sp.programmes) {
    if (p.id !== null || !sp.batches.some(b => b.existing === null && b.rec.programme.name === name)) continue;
    p.id = insert(db, op, 'secondment_programmes', { name, partner_place: p.rec.partnerPlace, notes: p.rec.notes });
  }
  for (const b of sp.batches) {
    const row = {
      ...rowOf(BATCH_COLUMNS, b.rec),
      ...refs(
        [
          ['leader_cadre_id', cadreRef(b.leader)],
          ['branch_secretary_id', cadreRef(b.secretary)],
        ],
        b.existing === null,
      ),
    };
    if (b.existing === null) {
      b.id = insert(db, op, 'secondment_batches', { ...row, programme_id: sp.programmes.get(b.rec.programme.name)!.id, seq: b.rec.seq });
      counts.batches.new++;
    } else {
      b.id = b.existing;
      if (b.action === 'updated') {
        update(db, op, 'secondment_batches', b.id, row);
        counts.batches.updated++;
      }
    }
  }

  const nextSort = new Map<number, number>();
  const sortIn = (batch: number) => {
    const n =
      nextSort.get(batch) ?? (db.prepare('SELECT coalesce(max(sort_order), 0) AS n FROM secondment_members WHERE batch_id = ?').get(batch) as { n: number }).n;
    nextSort.set(batch, n + 1);
    return n + 1;
  };
  writeRows(
    db,
    op,
    'secondment_members',
    MEMBER_COLUMNS,
    sp.members,
    counts.members,
    m => {
      const cadre = cadreOf(m.cadre);
      return cadre === undefined || m.batch.id === undefined ? null : { batch_id: m.batch.id, cadre_id: cadre, sort_order: sortIn(m.batch.id) };
    },
    m => [
      ['pair_member_id', m.pair?.id],
      ['replaces_member_id', m.replaces?.id],
    ],
  );

  for (const v of sp.villages) {
    if (v.existing !== null) v.id = v.existing;
    else {
      v.id = insert(db, op, 'villages', rowOf(VILLAGE_COLUMNS, v.rec));
      counts.villages.new++;
    }
  }
  for (const r of sp.rotations) r.id = r.existing ?? insert(db, op, 'village_rotations', rowOf(ROTATION_COLUMNS, r.rec));
  writeRows(
    db,
    op,
    'village_assignments',
    ASSIGNMENT_COLUMNS,
    sp.assignments,
    counts.assignments,
    a => {
      const cadre = cadreOf(a.cadre);
      return cadre === undefined ? null : { rotation_id: a.rotation.id, village_id: a.village.id, cadre_id: cadre, role: a.rec!.role };
    },
    a => [['replaces_assignment_id', a.replaces?.id]],
  );
  refuseOverlaps(db, [...sp.members.map(m => ['挂职', m, cadreOf(m.cadre)] as const), ...sp.assignments.map(a => ['驻村', a, cadreOf(a.cadre)] as const)]);
  return counts;
}

/**
 * One cadre holds one 挂职 or 驻村 at a time, as every page enforces. Two offices' records can
 * still meet here (a district's 挂职 for someone the city has stationed in a village): checked on
 * what was written, the first clash refuses the whole merge (its transaction is rolled back).
 */
function refuseOverlaps(db: Database, written: readonly (readonly [PlacementKind, RowPlan, number | undefined])[]): void {
  for (const [kind, p, cadre] of written) {
    if (p.id === undefined || p.action === 'unchanged' || cadre === undefined) continue;
    const problem = overlapProblem(db, kind, p.id, `「${cadreName(db, cadre)}」`);
    if (problem)
      throw new AppError('CONFLICT', `数据包中的${kind}与本库的记录冲突：${problem}。未接收，数据未修改；请在本库或发送单位调整其中一段的起止时间后再接收。`);
  }
}
