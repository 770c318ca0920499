/**
 * Changes to the unit tree (机构改革): create, rename (名称变更 keeps the earlier
 * name with the date it ended; 简历 lines already written stay as written), move
 * and reorder, merge into another unit (its cadres and sub-units move there and it
 * is abolished) and abolish. A merged or abolished unit keeps its row: events and
 * the 历史库 still name it. Each change is one undoable, audited operation.
 */
import { AppError } from '../../../shared/contract/errors';
import { parseDateInput, todayCanonical } from '../../../shared/domain/common/dates';
import type { Database } from '../../db/database';
import { defineImageKind, withOperation, type OperationRecorder } from '../common/operation-log';
import { liveUnit, unitPath, unitRow } from './units';

export interface UnitFields {
  name?: string;
  shortName?: string;
  kind?: string;
  level?: string;
}

/** A date as typed (default today), canonical; `what` names it in the refusal. */
export function dateOrToday(text: string | undefined, what: string): string {
  const parsed = parseDateInput(text ?? '');
  if (!parsed.ok) throw new AppError('VALIDATION', `${what}：${parsed.message}`);
  return parsed.value || todayCanonical();
}

/** Live units under parentId (top level when null), in order. */
function siblings(db: Database, parentId: number | null): { id: number; sort_order: number }[] {
  return db.prepare('SELECT id, sort_order FROM units WHERE parent_id IS ? AND abolished_at IS NULL ORDER BY sort_order, id').all(parentId) as {
    id: number;
    sort_order: number;
  }[];
}

/**
 * The order of one parent's children (row id: the parent, 0 for the top level) as an
 * undoable image with no audit entry of its own: renumbering the siblings is part of
 * moving one unit, whose own entry tells the move.
 */
const SIBLING_ORDER = defineImageKind({
  name: 'unit_sibling_order',
  write(db, _parent, image) {
    const set = db.prepare('UPDATE units SET sort_order = ? WHERE id = ?');
    for (const [id, order] of image.rows as [number, number][]) set.run(order, id);
  },
  audit: () => [],
});

/** Numbers the units 1, 2, 3 … in the order given (the parent's order image logged first). */
function renumber(db: Database, op: OperationRecorder, parentId: number | null, list: { id: number; sort_order: number }[]): void {
  op.touchImage(SIBLING_ORDER, parentId ?? 0, () => ({ rows: siblings(db, parentId).map(s => [s.id, s.sort_order]) }));
  const update = db.prepare('UPDATE units SET sort_order = ? WHERE id = ?');
  list.forEach((s, i) => {
    if (s.sort_order !== i + 1) update.run(i + 1, s.id);
  });
}

/** Puts `id` at `index` among parentId's live children (last when absent). */
function place(db: Database, op: OperationRecorder, id: number, parentId: number | null, index?: number): void {
  op.touchRow('units', id);
  const list = siblings(db, parentId).filter(s => s.id !== id);
  list.splice(index === undefined ? list.length : Math.min(index, list.length), 0, { id, sort_order: -1 });
  renumber(db, op, parentId, list);
}

function refuseTwin(db: Database, parentId: number | null, name: string, except?: number): void {
  const twin = db
    .prepare('SELECT id FROM units WHERE parent_id IS ? AND name = ? AND abolished_at IS NULL AND id IS NOT ?')
    .get(parentId, name, except ?? null);
  if (twin) {
    const where = parentId === null ? '顶层' : `「${unitPath(db, parentId)}」下`;
    throw new AppError('CONFLICT', `${where}已有名为「${name}」的单位`);
  }
}

export function createUnit(db: Database, parentId: number | null, fields: UnitFields & { name: string }, index?: number): number {
  if (parentId !== null) liveUnit(db, parentId, '上级单位');
  refuseTwin(db, parentId, fields.name);
  return withOperation(db, { kind: 'unit', label: `新增单位「${fields.name}」` }, op => {
    const id = Number(
      db
        .prepare('INSERT INTO units(parent_id, name, short_name, kind, level, sort_order) VALUES (?, ?, ?, ?, ?, 0)')
        .run(parentId, fields.name, fields.shortName ?? '', fields.kind ?? '', fields.level ?? '').lastInsertRowid,
    );
    op.createdRow('units', id);
    place(db, op, id, parentId, index);
    return { id };
  }).id;
}

/** Renames (keeping the old name until `renamedOn`) or changes short name, kind or level. */
export function updateUnit(db: Database, id: number, fields: UnitFields, renamedOn?: string): void {
  const before = liveUnit(db, id);
  const renamed = fields.name !== undefined && fields.name !== before.name;
  if (renamed) refuseTwin(db, before.parent_id, fields.name!, id);
  const until = renamed ? dateOrToday(renamedOn, '更名日期') : '';
  const label = renamed ? `单位更名「${before.name}」为「${fields.name}」` : `修改单位「${before.name}」`;
  withOperation(db, { kind: 'unit', label }, op => {
    op.touchRow('units', id);
    db.prepare(`UPDATE units SET name = ?, short_name = ?, kind = ?, level = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`).run(
      fields.name ?? before.name,
      fields.shortName ?? before.short_name,
      fields.kind ?? before.kind,
      fields.level ?? before.level,
      id,
    );
    if (renamed) {
      const nameId = Number(db.prepare('INSERT INTO unit_names(unit_id, name, until) VALUES (?, ?, ?)').run(id, before.name, until).lastInsertRowid);
      op.createdRow('unit_names', nameId);
    }
  });
}

/** True when `candidate` is `id` or below it. */
function withinSubtree(db: Database, id: number, candidate: number): boolean {
  return !!db
    .prepare(
      `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM units WHERE id = ?
         UNION ALL SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
       SELECT 1 FROM up WHERE id = ?`,
    )
    .get(candidate, id);
}

export function moveUnit(db: Database, id: number, parentId: number | null, index?: number): void {
  const unit = liveUnit(db, id);
  if (parentId !== null) {
    const parent = liveUnit(db, parentId, '目标单位');
    if (withinSubtree(db, id, parentId)) throw new AppError('CONFLICT', `不能把「${unit.name}」移到它自己或它的下级单位「${parent.name}」之下`);
  }
  const reparented = parentId !== unit.parent_id;
  if (reparented) refuseTwin(db, parentId, unit.name, id);
  const label = reparented
    ? `移动单位「${unit.name}」到${parentId === null ? '顶层' : `「${unitRow(db, parentId).name}」之下`}`
    : `调整单位「${unit.name}」的顺序`;
  withOperation(db, { kind: 'unit', label }, op => {
    if (reparented) {
      op.touchRow('units', id);
      db.prepare("UPDATE units SET parent_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(parentId, id);
      renumber(db, op, unit.parent_id, siblings(db, unit.parent_id)); // close the gap it left
    }
    place(db, op, id, parentId, index);
  });
}

/** 在职 cadres of a unit: in the roster, and in the 回收站 (who would come back into it). */
function cadresIn(db: Database, id: number): { id: number; deleted: number }[] {
  return db.prepare("SELECT id, deleted_at IS NOT NULL AS deleted FROM cadres WHERE unit_id = ? AND status = '在职' ORDER BY sort_order, id").all(id) as {
    id: number;
    deleted: number;
  }[];
}

/**
 * Merges `id` into `into` (机构改革): its 在职 cadres (also any in the 回收站) and its
 * sub-units move there, after the target's own; the unit is abolished on `date`.
 * Cadres in the 历史库 keep the unit they left from.
 */
export function mergeUnit(db: Database, id: number, into: number, dateText?: string): { cadres: number; units: number } {
  const unit = liveUnit(db, id);
  const target = liveUnit(db, into, '目标单位');
  if (id === into) throw new AppError('CONFLICT', '不能把单位合并到它自己');
  if (withinSubtree(db, id, into)) throw new AppError('CONFLICT', `不能把「${unit.name}」合并到它的下级单位「${target.name}」`);
  const date = dateOrToday(dateText, '合并日期');
  return withOperation(db, { kind: 'unit', label: `合并单位「${unit.name}」到「${target.name}」` }, op => {
    const cadres = cadresIn(db, id);
    const move = db.prepare("UPDATE cadres SET unit_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
    for (const c of cadres) {
      op.touch(c.id);
      move.run(into, c.id);
    }
    const children = siblings(db, id);
    for (const child of children) {
      op.touchRow('units', child.id);
      db.prepare("UPDATE units SET parent_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(into, child.id);
      place(db, op, child.id, into);
    }
    abolish(db, op, id, date);
    return { cadres: cadres.length, units: children.length };
  });
}

function abolish(db: Database, op: OperationRecorder, id: number, date: string): void {
  op.touchRow('units', id);
  db.prepare("UPDATE units SET abolished_at = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(date, id);
  const parentId = unitRow(db, id).parent_id;
  renumber(db, op, parentId, siblings(db, parentId));
}

/** 撤销: refused while it holds 在职 cadres or live sub-units, saying how many and where. */
export function abolishUnit(db: Database, id: number, dateText?: string): void {
  const unit = liveUnit(db, id);
  const cadres = cadresIn(db, id);
  const children = db.prepare('SELECT name FROM units WHERE parent_id = ? AND abolished_at IS NULL ORDER BY sort_order, id').pluck().all(id) as string[];
  if (cadres.length || children.length) {
    const binned = cadres.filter(c => c.deleted).length;
    const held = [
      cadres.length ? `${cadres.length} 名干部${binned ? `（其中 ${binned} 名在回收站）` : ''}` : '',
      children.length ? `${children.length} 个下级单位（${children.slice(0, 5).join('、')}${children.length > 5 ? ' 等' : ''}）` : '',
    ]
      .filter(Boolean)
      .join('、');
    throw new AppError('CONFLICT', `不能撤销「${unitPath(db, id)}」：该单位还有 ${held}。请先将干部调出、下级单位移走，或把该单位合并到其他单位`, {
      cadres: cadres.length,
      subUnits: children.length,
    });
  }
  const date = dateOrToday(dateText, '撤销日期');
  withOperation(db, { kind: 'unit', label: `撤销单位「${unit.name}」` }, op => abolish(db, op, id, date));
}
