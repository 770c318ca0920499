/**
 * 汇总: the previewed packages written as one transaction and one 撤销 step
 * (withOperation, scope 'roster'), every changed cadre audited by the
 * operation log and each package by an entry naming its sender and SHA-256.
 * The plan is made again inside the transaction; conflicts follow the user's
 * choice per record (ours / theirs / these fields), else `onConflict`.
 * Then what each sender sent is remembered (migration 012) for the next one.
 */
import { choiceMoves, takenFields, type ConflictChoice, type SecondmentCounts } from '../../../shared/domain/package/conflicts';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { ROSTER_SCOPE, withOperation, type OperationSummary } from '../common/operation-log';
import { writeEvent } from '../events/api';
import { insertCadreImage, readCadreImage, writeCadreImage } from '../roster/api';
import { planMerge, unitKey, type CadreRef, type MergePlan, type UnitRef } from './plan';
import { asSent, comparableOf, digestOf, leavesOutCadreParts, newImageOf, packageCadreOf, takeParts } from './records';
import { planSecondment, writeSecondment } from './secondment';
import type { LoadedPackage } from './verify';

export interface MergeOptions {
  choices: ReadonlyMap<string, ConflictChoice>;
  onConflict: 'ours' | 'theirs';
}

export interface MergeResult {
  new: number;
  changed: number;
  unchanged: number;
  conflicts: number;
  unitsNew: number;
  events: number;
  /** 职数 rows added or changed. */
  quotas: number;
  moved: number;
  removedFromSender: number;
  /** 挂职批次 and 驻村 records written. */
  parts: SecondmentCounts;
  operation: OperationSummary | null;
}

export function mergePackages(
  db: Database,
  packages: readonly LoadedPackage[],
  placeUnder: ReadonlyMap<string, number | null>,
  opts: MergeOptions,
): MergeResult {
  return db.transaction(() => {
    const plan = planMerge(db, packages, placeUnder);
    const counted = { new: 0, changed: 0 };
    for (const r of plan.rows) if (r.action === 'new' || r.action === 'changed') counted[r.action]++;
    const result = withOperation(db, { kind: 'import', label: labelOf(plan, counted), scope: ROSTER_SCOPE }, op => write(db, plan, opts, op));
    return { ...result, operation: result.operation ?? null };
  })();
}

function labelOf(plan: MergePlan, n: { new: number; changed: number }): string {
  const what = plan.packages.length === 1 ? `数据包「${plan.senders[0].name}」` : ` ${plan.packages.length} 个数据包`;
  return `接收${what}（新增 ${n.new}，更新 ${n.changed}）`;
}

function write(db: Database, plan: MergePlan, opts: MergeOptions, op: Parameters<Parameters<typeof withOperation>[2]>[0]): Omit<MergeResult, 'operation'> {
  const createdUnits = new Map<string, number>();
  const unitId = (ref: UnitRef | null): number | null => (ref === null ? null : 'id' in ref ? ref.id : (createdUnits.get(ref.create) ?? null));
  const insertUnit = db.prepare('INSERT INTO units(parent_id, name, short_name, kind, level, sort_order) VALUES (?, ?, ?, ?, ?, ?)');
  for (const u of plan.units) {
    if (u.existing !== null) continue;
    const id = Number(insertUnit.run(unitId(u.parent), u.rec.name, u.rec.shortName, u.rec.kind, u.rec.level, u.rec.sortOrder).lastInsertRowid);
    createdUnits.set(u.key, id);
    op.unitCreated(id);
  }
  // Units an earlier package created follow the sender: renamed (the old name kept until the 报送日期), re-typed.
  const unitNow = db.prepare('SELECT parent_id, name, short_name, kind, level FROM units WHERE id = ?');
  const twin = db.prepare('SELECT 1 FROM units WHERE parent_id IS ? AND name = ? AND abolished_at IS NULL AND id <> ?');
  const updateUnit = db.prepare(
    "UPDATE units SET name = ?, short_name = ?, kind = ?, level = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
  );
  const keepName = db.prepare('INSERT INTO unit_names(unit_id, name, until) VALUES (?, ?, ?)');
  for (const u of plan.units) {
    if (u.existing === null || !u.mapped) continue;
    const before = unitNow.get(u.existing) as { parent_id: number | null; name: string; short_name: string; kind: string; level: string };
    const r = u.rec;
    if (before.name === r.name && before.short_name === r.shortName && before.kind === r.kind && before.level === r.level) continue;
    const name = r.name !== before.name && twin.get(before.parent_id, r.name, u.existing) ? before.name : r.name;
    // As units/tree.ts updateUnit writes a rename (not callable here: it runs its own operation,
    // and units/api cannot export it without an import cycle through the operation log).
    op.touchRow('units', u.existing);
    updateUnit.run(name, r.shortName, r.kind, r.level, u.existing);
    if (name !== before.name)
      op.createdRow('unit_names', Number(keepName.run(u.existing, before.name, plan.packages[u.pkg].manifest.referenceDate).lastInsertRowid));
  }
  const existingUnits = new Map(plan.units.map(u => [u.key, u.existing]));
  const unitOfTheirs = (pkg: number, their: number | null): number | null => {
    if (their === null) return null;
    const key = unitKey(plan.packages[pkg].manifest.sender.id, their);
    return createdUnits.get(key) ?? existingUnits.get(key) ?? null;
  };

  const createdCadres = new Map<string, number>();
  const cadreId = (ref: CadreRef): number | undefined => ('id' in ref ? ref.id : createdCadres.get(ref.created));
  let sortOrder = (db.prepare('SELECT coalesce(max(sort_order), 0) AS n FROM cadres').get() as { n: number }).n;
  const now = new Date().toISOString();
  const counts = {
    new: 0,
    changed: 0,
    unchanged: 0,
    conflicts: 0,
    unitsNew: createdUnits.size,
    events: 0,
    quotas: 0,
    moved: 0,
    removedFromSender: plan.removedFromSender.length,
  };
  /** Per sender: their cadre id → ours and the digest of ours after the merge. */
  const kept = new Map<string, { theirId: number; cadreId: number; name: string; idNumber: string; digest: string }[]>();
  const movedAway: number[] = [];

  for (const row of plan.rows) {
    if (row.action === 'error' || !row.target) continue;
    const sid = plan.packages[row.pkg].manifest.sender.id;
    const target = unitId(row.unit);
    const choice: ConflictChoice = row.action === 'conflict' ? (opts.choices.get(row.key) ?? { take: opts.onConflict }) : { take: 'theirs' };
    let id: number;
    if (row.action === 'new') {
      const image = newImageOf(row.rec, target, ++sortOrder, now);
      id = insertCadreImage(db, image);
      op.inserted(id, image);
      createdCadres.set(row.key, id);
      counts.new++;
    } else {
      const ours = cadreId(row.target);
      if (ours === undefined) continue;
      id = ours;
      const fields = takenFields(row.diff, choice);
      if (fields.length) {
        op.touch(id);
        writeCadreImage(db, id, takeParts(readCadreImage(db, id)!, row.rec, fields, target));
      }
      if (row.action === 'conflict') counts.conflicts++;
      else counts[row.action]++;
    }
    // What the sender sent, as it would stand here: where we keep other values, the next package finds
    // our record differing from it and asks again instead of overwriting what was kept.
    const includes = plan.packages[row.pkg].includes;
    const sent = comparableOf(row.rec);
    const digest = digestOf(
      row.action === 'new' || !leavesOutCadreParts(includes) ? sent : asSent(sent, comparableOf(packageCadreOf(readCadreImage(db, id)!, id, null)), includes),
      target,
    );
    const stays = row.action !== 'conflict' || row.conflict?.kind === 'changedHere' || choiceMoves(row.diff, choice);
    if (choice.take !== 'ours') {
      for (const e of row.events) {
        writeEvent(db, op, { ...e, cadreId: id, unitId: unitOfTheirs(row.pkg, e.unitId) });
        counts.events++;
      }
    }
    if (!stays) continue;
    if (row.conflict?.kind === 'transfer') {
      movedAway.push(id);
      counts.moved++;
    }
    const list = kept.get(sid) ?? [];
    list.push({ theirId: row.rec.id, cadreId: id, name: row.rec.fields.name ?? '', idNumber: row.rec.fields.idNumber ?? '', digest });
    kept.set(sid, list);
  }

  // 职数 of the sender's units: the package's figures stand (the sender sets its own).
  const quotaOf = db.prepare('SELECT id, approved, doc, doc_date AS docDate FROM unit_quotas WHERE unit_id = ? AND level = ?');
  const updateQuota = db.prepare('UPDATE unit_quotas SET approved = ?, doc = ?, doc_date = ? WHERE id = ?');
  const insertQuota = db.prepare('INSERT INTO unit_quotas(unit_id, level, approved, doc, doc_date) VALUES (?, ?, ?, ?, ?)');
  plan.packages.forEach((p, pkg) => {
    for (const q of p.quotas) {
      const unit = unitOfTheirs(pkg, q.unitId);
      if (unit === null) continue;
      const ours = quotaOf.get(unit, q.level) as { id: number; approved: number; doc: string; docDate: string } | undefined;
      if (!ours) {
        op.createdRow('unit_quotas', Number(insertQuota.run(unit, q.level, q.approved, q.doc, q.docDate).lastInsertRowid));
        counts.quotas++;
      } else if (ours.approved !== q.approved || ours.doc !== q.doc || ours.docDate !== q.docDate) {
        op.touchRow('unit_quotas', ours.id);
        updateQuota.run(q.approved, q.doc, q.docDate, ours.id);
        counts.quotas++;
      }
    }
  });

  // 挂职批次 and 驻村 of the cadres just written, in the same operation.
  const parts = writeSecondment(db, op, planSecondment(db, plan), cadreId);

  // Remember each sender, its units and what it sent.
  const upsertSender = db.prepare(
    `INSERT INTO package_senders(id, name, unit_id, last_sha256, last_at, last_reference_date) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id, last_sha256 = excluded.last_sha256,
       last_at = excluded.last_at, last_reference_date = excluded.last_reference_date`,
  );
  const mapUnit = db.prepare('INSERT OR REPLACE INTO package_units(sender_id, their_id, unit_id) VALUES (?, ?, ?)');
  const keep = db.prepare('INSERT INTO package_cadres(sender_id, their_id, cadre_id, name, id_number, digest) VALUES (?, ?, ?, ?, ?, ?)');
  const dropOthers = db.prepare('DELETE FROM package_cadres WHERE cadre_id = ? AND sender_id <> ?');
  plan.packages.forEach((p, pkg) => {
    const s = plan.senders[pkg];
    const m = p.manifest;
    upsertSender.run(s.id, s.name, s.placeUnder, p.sha256, now, m.referenceDate);
    for (const u of plan.units) if (u.pkg === pkg) mapUnit.run(s.id, u.rec.id, u.existing ?? createdUnits.get(u.key)!);
    db.prepare('DELETE FROM package_cadres WHERE sender_id = ?').run(s.id);
    for (const k of kept.get(s.id) ?? []) keep.run(s.id, k.theirId, k.cadreId, k.name, k.idNumber, k.digest);
    audit(db, {
      entity: 'package',
      action: 'import.package',
      after: {
        sender: s.name,
        file: p.file,
        sha256: p.sha256,
        referenceDate: m.referenceDate,
        operator: m.operator,
        cadres: m.counts.cadres,
        units: m.counts.units,
        events: m.counts.events,
        includes: [...p.includes],
        batches: m.counts.batches ?? 0,
        members: m.counts.members ?? 0,
        villages: m.counts.villages ?? 0,
        assignments: m.counts.assignments ?? 0,
      },
    });
  });
  for (const id of movedAway) {
    const row = plan.rows.find(r => r.target && 'id' in r.target && r.target.id === id)!;
    dropOthers.run(id, plan.packages[row.pkg].manifest.sender.id);
  }
  return { ...counts, parts };
}
