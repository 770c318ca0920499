/** A merge plan as the 接收 page and `cadre package import` show it. */
import type { PackagePreview } from '../../../shared/contract/api';
import { CONFLICT_LABELS, type SecondmentCounts } from '../../../shared/domain/package/conflicts';
import type { Database } from '../../db/database';
import type { MergePlan, RowPlan } from './plan';
import { shownField } from './records';

/** Rows listed in a preview (the counts cover all). */
const MAX_ROWS = 2000;

export function previewOf(db: Database, plan: MergePlan, planId: string, parts: SecondmentCounts): PackagePreview {
  const names = new Map((db.prepare('SELECT id, name FROM units').all() as { id: number; name: string }[]).map(u => [u.id, u.name]));
  const unitName = new Map<string, string>();
  for (const u of plan.units) {
    const ours = u.existing !== null ? (names.get(u.existing) ?? u.rec.name) : null;
    unitName.set(u.key, ours === null ? `${u.rec.name}（新建）` : u.mapped && ours !== u.rec.name ? `${ours}（更名为「${u.rec.name}」）` : ours);
  }
  const rowUnit = (r: RowPlan) => (r.unit === null ? '（无单位）' : 'id' in r.unit ? (names.get(r.unit.id) ?? '') : (unitName.get(r.unit.create) ?? ''));
  const sender = (r: RowPlan) => plan.senders[r.pkg].name;
  const fields = (r: RowPlan) => r.diff.map(d => shownField(d.field, d.ours, d.theirs));

  const perUnit = new Map<string, { sender: string; unit: string; isNew: boolean; new: number; changed: number; unchanged: number }>();
  for (const u of plan.units)
    perUnit.set(u.key, { sender: plan.senders[u.pkg].name, unit: unitName.get(u.key)!, isNew: u.existing === null, new: 0, changed: 0, unchanged: 0 });
  const counts = { new: 0, changed: 0, unchanged: 0, conflicts: 0, errors: 0, unitsNew: plan.units.filter(u => u.existing === null).length, events: 0 };
  for (const r of plan.rows) {
    if (r.action === 'conflict') counts.conflicts++;
    else if (r.action === 'error') counts.errors++;
    else counts[r.action]++;
    if (r.action !== 'error') counts.events += r.events.length;
    const u =
      r.unit && 'create' in r.unit ? perUnit.get(r.unit.create) : r.rec.unitId !== null ? perUnit.get(`${plan.senders[r.pkg].id}:u${r.rec.unitId}`) : undefined;
    if (u && (r.action === 'new' || r.action === 'changed' || r.action === 'unchanged')) u[r.action]++;
  }
  return {
    planId,
    packages: plan.packages.map((p, i) => ({
      file: p.file,
      sha256: p.sha256,
      sender: p.manifest.sender,
      referenceDate: p.manifest.referenceDate,
      createdAt: p.manifest.createdAt,
      operator: p.manifest.operator,
      counts: {
        ...p.manifest.counts,
        batches: p.manifest.counts.batches ?? 0,
        members: p.manifest.counts.members ?? 0,
        villages: p.manifest.counts.villages ?? 0,
        assignments: p.manifest.counts.assignments ?? 0,
      },
      includes: [...p.includes],
      lastReferenceDate: plan.senders[i].lastReferenceDate,
      placeUnder: { unitId: plan.senders[i].placeUnder, name: plan.senders[i].placeName },
      placeRemembered: plan.senders[i].remembered,
    })),
    counts,
    parts,
    units: [...perUnit.values()],
    rows: plan.rows
      .filter(r => r.action !== 'unchanged')
      .slice(0, MAX_ROWS)
      .map(r => ({
        key: r.key,
        sender: sender(r),
        name: r.rec.fields.name ?? '',
        idNumber: r.rec.fields.idNumber ?? '',
        unit: rowUnit(r),
        action: r.action,
        fields: r.action === 'new' ? [] : fields(r),
        message: r.message,
      })),
    conflicts: plan.rows
      .filter(r => r.conflict)
      .map(r => ({
        key: r.key,
        kind: r.conflict!.kind,
        kindLabel: CONFLICT_LABELS[r.conflict!.kind],
        sender: sender(r),
        name: r.rec.fields.name ?? '',
        idNumber: r.rec.fields.idNumber ?? '',
        message: r.message,
        fields: fields(r),
      })),
    removedFromSender: plan.removedFromSender.map(({ transfer: _t, ...p }) => p),
    moved: plan.moved.map(({ transfer: _t, ...p }) => p),
  };
}
