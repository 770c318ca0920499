import type { Unit } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';

/** The live tree: abolished (撤销) and merged units keep their rows for the record but leave the tree. */
export function listUnits(db: Database): Unit[] {
  return db
    .prepare(
      `SELECT id, parent_id AS parentId, name, short_name AS shortName, kind, level, sort_order AS sortOrder
         FROM units WHERE abolished_at IS NULL ORDER BY parent_id IS NOT NULL, parent_id, sort_order, id`,
    )
    .all() as Unit[];
}

export interface UnitRow {
  id: number;
  parent_id: number | null;
  name: string;
  short_name: string;
  kind: string;
  level: string;
  sort_order: number;
  abolished_at: string | null;
}

export function unitRow(db: Database, id: number): UnitRow {
  const row = db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的单位`);
  return row;
}

/** A unit that is still in the tree; `what` names it in the refusal ('上级单位'). */
export function liveUnit(db: Database, id: number, what = '单位'): UnitRow {
  const row = unitRow(db, id);
  if (row.abolished_at !== null) throw new AppError('CONFLICT', `${what}「${row.name}」已撤销`);
  return row;
}

/** '市委组织部 / 干部一科': the unit's name after its ancestors', as messages name a unit. */
export function unitPath(db: Database, id: number): string {
  const names = db
    .prepare(
      `WITH RECURSIVE up(id, parent_id, name, depth) AS (
         SELECT id, parent_id, name, 0 FROM units WHERE id = ?
         UNION ALL SELECT u.id, u.parent_id, u.name, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
       ) SELECT name FROM up ORDER BY depth DESC`,
    )
    .pluck()
    .all(id) as string[];
  return names.join(' / ');
}
