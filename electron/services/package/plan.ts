/**
 * The preview of one merge (汇总) of verified packages against the database as
 * it is now: where each sender's units go, and for each cadre whether it is
 * new, changed (field by field), unchanged, a conflict or an error. The merge
 * makes the same plan again inside its transaction, so what it writes always
 * rests on the data of that moment.
 *
 * Who a record is: the cadre a previous package from the same sender became
 * here, else RosterMatcher (ID number, else name + birth), as every import.
 */
import { AppError } from '../../../shared/contract/errors';
import { conflictMessage, diffFields, type ConflictKind, type FieldDiff } from '../../../shared/domain/package/conflicts';
import type { PackageCadre, PackageEvent, PackageUnit } from '../../../shared/domain/package/manifest';
import type { Database } from '../../db/database';
import { RosterMatcher } from '../import/api';
import { readCadreImage } from '../roster/api';
import { asSent, comparableOf, digestOf, packageCadreOf } from './records';
import type { LoadedPackage } from './verify';

export type UnitRef = { id: number } | { create: string };
export type CadreRef = { id: number } | { created: string };

export interface SenderPlan {
  id: string;
  name: string;
  /** The unit of ours its top units go under (null: the top level). */
  placeUnder: number | null;
  placeName: string;
  remembered: boolean;
  lastReferenceDate: string | null;
}

export interface UnitPlan {
  key: string;
  pkg: number;
  rec: PackageUnit;
  /** The unit a previous package created (or mapped), still in our tree; null: to be created. */
  existing: number | null;
  /** `existing` is the unit an earlier package from this sender became (its fields follow the sender's). */
  mapped: boolean;
  parent: UnitRef | null;
}

export interface RowPlan {
  key: string;
  pkg: number;
  rec: PackageCadre;
  action: 'new' | 'changed' | 'unchanged' | 'conflict' | 'error';
  target: CadreRef | null;
  unit: UnitRef | null;
  /** What differs, ours → theirs ('unit' shown by name). */
  diff: FieldDiff[];
  conflict: { kind: ConflictKind; other: string | null } | null;
  message: string;
  /** The package's events of this cadre that we do not have yet. */
  events: PackageEvent[];
  /** Our record's unit now (a matched cadre), for the digest of an unchanged one. */
  unitNow: number | null;
}

export interface Person {
  name: string;
  idNumber: string;
  sender: string;
  to: string;
  /** Arrived as a transfer conflict (counted by the merge when taken). */
  transfer?: boolean;
}

export interface MergePlan {
  packages: LoadedPackage[];
  senders: SenderPlan[];
  units: UnitPlan[];
  rows: RowPlan[];
  removedFromSender: Person[];
  moved: Person[];
}

interface PrevCadre {
  sender_id: string;
  their_id: number;
  cadre_id: number;
  name: string;
  id_number: string;
  digest: string;
}

export const unitKey = (sender: string, id: number) => `${sender}:u${id}`;
export const cadreKey = (sender: string, id: number) => `${sender}:${id}`;
const personKey = (c: PackageCadre) => c.fields.idNumber || `${c.fields.name}\u0000${(c.fields.birth ?? '').slice(0, 7)}`;

export function planMerge(db: Database, packages: readonly LoadedPackage[], placeUnder: ReadonlyMap<string, number | null>): MergePlan {
  const seenHash = new Set<string>();
  const seenSender = new Map<string, string>();
  for (const p of packages) {
    if (seenHash.has(p.sha256)) throw new AppError('VALIDATION', `数据包「${p.file}」选择了两次，未接收，数据未修改。`);
    seenHash.add(p.sha256);
    const other = seenSender.get(p.manifest.sender.id);
    if (other) throw new AppError('VALIDATION', `「${other}」和「${p.file}」是同一单位（${p.manifest.sender.name}）的两个数据包，请只选择最新的一个。`);
    seenSender.set(p.manifest.sender.id, p.file);
  }
  const unitNames = new Map((db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[]).map(u => [u.id, u.name]));
  const live = db.prepare('SELECT id, parent_id, name FROM units WHERE abolished_at IS NULL').all() as { id: number; parent_id: number | null; name: string }[];
  const liveUnits = new Set(live.map(u => u.id));
  const liveByPlace = new Map(live.map(u => [`${u.parent_id ?? ''}\u0000${u.name}`, u.id]));
  const senderRows = new Map(
    (
      db.prepare('SELECT id, name, unit_id, last_reference_date FROM package_senders').all() as {
        id: string;
        name: string;
        unit_id: number | null;
        last_reference_date: string;
      }[]
    ).map(r => [r.id, r]),
  );
  const prev = db.prepare('SELECT sender_id, their_id, cadre_id, name, id_number, digest FROM package_cadres').all() as PrevCadre[];
  const prevByKey = new Map(prev.map(r => [cadreKey(r.sender_id, r.their_id), r]));
  const prevByCadre = new Map<number, PrevCadre[]>();
  for (const r of prev) prevByCadre.set(r.cadre_id, [...(prevByCadre.get(r.cadre_id) ?? []), r]);
  const liveCadres = new Set(
    db.prepare('SELECT id FROM cadres WHERE deleted_at IS NULL AND id IN (SELECT cadre_id FROM package_cadres)').pluck().all() as number[],
  );
  const mappedUnits = new Map(
    (db.prepare('SELECT sender_id, their_id, unit_id FROM package_units').all() as { sender_id: string; their_id: number; unit_id: number }[]).map(r => [
      unitKey(r.sender_id, r.their_id),
      r.unit_id,
    ]),
  );
  const matcher = RosterMatcher.load(db);
  const senderName = (id: string) => packages.find(p => p.manifest.sender.id === id)?.manifest.sender.name ?? senderRows.get(id)?.name ?? '其他单位';

  const senders: SenderPlan[] = [];
  const units: UnitPlan[] = [];
  const rows: RowPlan[] = [];
  const unitRefs = new Map<string, UnitRef>();
  const unitByKey = new Map<string, UnitPlan>();
  const unitNameOf = (ref: UnitRef | null): string => {
    if (!ref) return '（无单位）';
    if ('id' in ref) return unitNames.get(ref.id) ?? '';
    const u = unitByKey.get(ref.create);
    return u ? `${u.rec.name}（新建）` : '';
  };
  /** Matched cadres of ours: which package row has them. */
  const seenOurs = new Map<number, RowPlan>();
  const seenNew = new Map<string, RowPlan>();

  packages.forEach((p, pkg) => {
    const sid = p.manifest.sender.id;
    const name = p.manifest.sender.name;
    const known = senderRows.get(sid);
    let node: number | null;
    if (known && (known.unit_id === null || liveUnits.has(known.unit_id))) node = known.unit_id;
    else {
      node = placeUnder.get(sid) ?? null;
      if (node !== null && !liveUnits.has(node)) throw new AppError('VALIDATION', `为「${name}」选择的上级单位不存在或已撤销，请重新选择。`);
    }
    senders.push({
      id: sid,
      name,
      placeUnder: node,
      placeName: node === null ? '（顶层）' : (unitNames.get(node) ?? ''),
      remembered: !!known,
      lastReferenceDate: known?.last_reference_date || null,
    });

    // Units, parents before children.
    const depth = new Map<number, number>();
    const parentOf = new Map(p.units.map(u => [u.id, u.parentId]));
    const depthOf = (id: number): number => {
      const cached = depth.get(id);
      if (cached !== undefined) return cached;
      const parent = parentOf.get(id) ?? null;
      const d = parent === null ? 0 : depthOf(parent) + 1;
      depth.set(id, d);
      return d;
    };
    for (const u of [...p.units].sort((a, b) => depthOf(a.id) - depthOf(b.id) || a.sortOrder - b.sortOrder || a.id - b.id)) {
      const key = unitKey(sid, u.id);
      const mapped = mappedUnits.get(key);
      const parent = u.parentId !== null ? unitRefs.get(unitKey(sid, u.parentId))! : node === null ? null : { id: node };
      // Not mapped yet: a live unit of the same name where it goes is that unit (never a twin beside it).
      const existing =
        mapped !== undefined && liveUnits.has(mapped)
          ? mapped
          : parent === null || 'id' in parent
            ? (liveByPlace.get(`${parent?.id ?? ''}\u0000${u.name}`) ?? null)
            : null;
      const planned: UnitPlan = { key, pkg, rec: u, existing, mapped: existing !== null && existing === mapped, parent };
      units.push(planned);
      unitByKey.set(key, planned);
      unitRefs.set(key, existing !== null ? { id: existing } : { create: key });
    }

    const eventsOf = new Map<number, PackageEvent[]>();
    for (const e of p.events) {
      const list = eventsOf.get(e.cadreId);
      if (list) list.push(e);
      else eventsOf.set(e.cadreId, [e]);
    }

    for (const rec of p.cadres) {
      const key = cadreKey(sid, rec.id);
      const unit = rec.unitId !== null ? unitRefs.get(unitKey(sid, rec.unitId))! : node === null ? null : { id: node };
      const row: RowPlan = {
        key,
        pkg,
        rec,
        action: 'new',
        target: null,
        unit,
        diff: [],
        conflict: null,
        message: '',
        events: eventsOf.get(rec.id) ?? [],
        unitNow: null,
      };
      rows.push(row);
      const who = rec.fields.name ?? '';
      const before = prevByKey.get(key);
      let ours: number | null = before && liveCadres.has(before.cadre_id) ? before.cadre_id : null;
      if (ours === null) {
        const m = matcher.match({ name: rec.fields.name, birth: rec.fields.birth, idNumber: rec.fields.idNumber });
        if (m.kind === 'error') {
          row.action = 'error';
          row.message = m.error.message;
          continue;
        }
        if (m.kind === 'matched') ours = m.cadre.id;
        else if (m.warning) row.message = m.warning.message;
      }
      if (ours === null) {
        const pk = personKey(rec);
        const first = seenNew.get(pk);
        if (first && first.pkg === pkg) {
          row.action = 'error';
          row.message = `「${who}」在本数据包中出现了两次`;
          continue;
        }
        if (first) {
          row.action = 'conflict';
          row.target = { created: first.key };
          const firstComparable = comparableOf(first.rec);
          row.diff = diffFields(firstComparable, asSent(comparableOf(rec), firstComparable, p.includes));
          if (unitNameOf(first.unit) !== unitNameOf(unit)) row.diff.push({ field: 'unit', ours: unitNameOf(first.unit), theirs: unitNameOf(unit) });
          row.conflict = { kind: 'twoSenders', other: packages[first.pkg].manifest.sender.name };
          row.message = conflictMessage('twoSenders', who, name, row.conflict.other);
          continue;
        }
        row.target = { created: key };
        seenNew.set(pk, row);
        continue;
      }
      row.target = { id: ours };
      const image = readCadreImage(db, ours)!;
      const oursComparable = comparableOf(packageCadreOf(image, ours, null));
      row.unitNow = (image.row.unit_id as number | null) ?? null;
      row.diff = diffFields(oursComparable, asSent(comparableOf(rec), oursComparable, p.includes));
      const unitChanged = unit === null ? row.unitNow !== null : !('id' in unit) || unit.id !== row.unitNow;
      if (unitChanged) row.diff.push({ field: 'unit', ours: unitNameOf(row.unitNow === null ? null : { id: row.unitNow }), theirs: unitNameOf(unit) });
      const first = seenOurs.get(ours);
      const elsewhere = (prevByCadre.get(ours) ?? []).find(r => r.sender_id !== sid && liveCadres.has(r.cadre_id));
      if (first && first.pkg === pkg) {
        row.action = 'error';
        row.message = `「${who}」在本数据包中出现了两次`;
        continue;
      }
      if (first) row.conflict = { kind: 'twoSenders', other: packages[first.pkg].manifest.sender.name };
      else if (elsewhere) row.conflict = { kind: 'transfer', other: senderName(elsewhere.sender_id) };
      else if (before && before.cadre_id === ours && row.diff.length && digestOf(oursComparable, row.unitNow) !== before.digest) {
        row.conflict = { kind: 'changedHere', other: null };
      }
      seenOurs.set(ours, row);
      if (row.conflict) {
        row.action = 'conflict';
        row.message = conflictMessage(row.conflict.kind, who, name, row.conflict.other);
      } else row.action = row.diff.length ? 'changed' : 'unchanged';
    }
  });

  // Events we already have (same kind, date, post and 文号) are not added again.
  const matched = rows.flatMap(r => (r.target && 'id' in r.target ? [r.target.id] : []));
  if (matched.length) {
    const have = new Set(
      (
        db
          .prepare('SELECT cadre_id, kind, date, post, doc_no FROM cadre_events WHERE cadre_id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(matched)) as { cadre_id: number; kind: string; date: string; post: string; doc_no: string }[]
      ).map(e => eventKey(e.cadre_id, e.kind, e.date, e.post, e.doc_no)),
    );
    for (const r of rows)
      if (r.target && 'id' in r.target)
        r.events = r.events.filter(e => !have.has(eventKey(r.target && 'id' in r.target ? r.target.id : 0, e.kind, e.date, e.post, e.docNo)));
  }

  // What a sender's last package held and this one does not: gone there, or gone to another sender in this merge.
  const removedFromSender: Person[] = [];
  const moved: Person[] = [];
  packages.forEach((p, pkg) => {
    const sid = p.manifest.sender.id;
    const present = new Set(p.cadres.map(c => c.id));
    for (const r of prev) {
      if (r.sender_id !== sid || present.has(r.their_id)) continue;
      const now = seenOurs.get(r.cadre_id);
      if (now && now.pkg === pkg) continue;
      if (now) moved.push({ name: r.name, idNumber: r.id_number, sender: p.manifest.sender.name, to: packages[now.pkg].manifest.sender.name });
      else removedFromSender.push({ name: r.name, idNumber: r.id_number, sender: p.manifest.sender.name, to: '' });
    }
  });
  for (const r of rows) {
    if (r.conflict?.kind === 'transfer') {
      const p = packages[r.pkg].manifest.sender.name;
      if (!moved.some(m => m.idNumber === (r.rec.fields.idNumber ?? '') && m.name === r.rec.fields.name && m.to === p)) {
        moved.push({ name: r.rec.fields.name ?? '', idNumber: r.rec.fields.idNumber ?? '', sender: r.conflict.other ?? '', to: p, transfer: true });
      }
    }
  }
  return { packages: [...packages], senders, units, rows, removedFromSender, moved };
}

function eventKey(cadre: number, kind: string, date: string, post: string, docNo: string): string {
  return [cadre, kind, date, post, docNo].join('\u0000');
}
