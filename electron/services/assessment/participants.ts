/**
 * Who a set assesses: the people its scope names, resolved live (a batch's
 * members except those replaced 已调换, a unit and its sub-units, a tag, a
 * 职务层次, or every serving cadre), plus those added by hand, minus those
 * taken out by hand. Cadres in the 回收站 are never included.
 */
import type { ScopeKind } from '../../../shared/contract/routes/assessment';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { setExists } from './rows';

export interface Participant {
  cadreId: number;
  name: string;
  unit: string;
  post: string;
  leadershipLevel: string;
  idNumber: string;
  birth: string;
  source: 'scope' | 'added' | 'removed';
}

/** Ids in scope, in a stable order (a batch in its member order, otherwise the roster's). */
export function scopeCadreIds(db: Database, kind: ScopeKind, ref: string): number[] {
  const live = 'c.deleted_at IS NULL';
  const serving = `${live} AND c.status = '在职'`;
  const ids = (sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as { id: number }[]).map(r => r.id);
  switch (kind) {
    case 'all':
      return ids(`SELECT c.id FROM cadres c WHERE ${serving} ORDER BY c.sort_order, c.id`);
    case 'batch':
      return ids(
        `SELECT c.id FROM secondment_members m JOIN cadres c ON c.id = m.cadre_id
          WHERE m.batch_id = ? AND m.status <> '已调换' AND ${live}
          GROUP BY c.id ORDER BY min(m.sort_order), min(m.id)`,
        Number(ref),
      );
    case 'unit':
      return ids(
        `WITH RECURSIVE tree(id) AS (SELECT id FROM units WHERE id = ? UNION ALL SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)
         SELECT c.id FROM cadres c WHERE c.unit_id IN (SELECT id FROM tree) AND ${serving} ORDER BY c.sort_order, c.id`,
        Number(ref),
      );
    case 'tag':
      return ids(`SELECT c.id FROM cadres c JOIN cadre_tags t ON t.cadre_id = c.id WHERE t.tag = ? AND ${serving} ORDER BY c.sort_order, c.id`, ref);
    case 'leadershipLevel':
      return ids(`SELECT c.id FROM cadres c WHERE c.leadership_level = ? AND ${serving} ORDER BY c.sort_order, c.id`, ref);
  }
}

/** What the scope is, in words: 京沈对口合作 第四批 / 市发改委（含下级） / 年轻干部库 / 正处 / 全体干部. */
export function scopeLabel(db: Database, kind: ScopeKind, ref: string): string {
  switch (kind) {
    case 'all':
      return '全体干部';
    case 'batch': {
      const b = db
        .prepare('SELECT b.name, p.name AS programme FROM secondment_batches b JOIN secondment_programmes p ON p.id = b.programme_id WHERE b.id = ?')
        .get(Number(ref)) as { name: string; programme: string } | undefined;
      return b ? `${b.programme} ${b.name}` : `（批次 ${ref} 已不存在）`;
    }
    case 'unit': {
      const u = db.prepare('SELECT name FROM units WHERE id = ?').get(Number(ref)) as { name: string } | undefined;
      return u ? `${u.name}（含下级）` : `（单位 ${ref} 已不存在）`;
    }
    case 'tag':
    case 'leadershipLevel':
      return ref;
  }
}

/** Checks that the scope names something that exists. */
export function checkScope(db: Database, kind: ScopeKind, ref: string): void {
  if (kind === 'batch' && !db.prepare('SELECT 1 FROM secondment_batches WHERE id = ?').get(Number(ref))) {
    throw new AppError('VALIDATION', `范围「挂职批次」：找不到编号为 ${ref || '（空）'} 的批次`);
  }
  if (kind === 'unit' && !db.prepare('SELECT 1 FROM units WHERE id = ?').get(Number(ref))) {
    throw new AppError('VALIDATION', `范围「单位」：找不到编号为 ${ref || '（空）'} 的单位`);
  }
  if ((kind === 'tag' || kind === 'leadershipLevel') && ref.trim() === '') {
    throw new AppError('VALIDATION', kind === 'tag' ? '范围「干部类别」：请填写类别' : '范围「职务层次」：请选择职务层次');
  }
}

interface CadreInfo {
  id: number;
  name: string;
  unit: string;
  post: string;
  leadershipLevel: string;
  idNumber: string;
  birth: string;
}

export function cadreInfo(db: Database, ids: readonly number[]): Map<number, CadreInfo> {
  const rows = db
    .prepare(
      `SELECT c.id, c.name, coalesce(u.name, '') AS unit, c.post, c.leadership_level AS leadershipLevel, c.id_number AS idNumber, c.birth
         FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as CadreInfo[];
  return new Map(rows.map(r => [r.id, r]));
}

/** Everyone the set concerns: participants first (scope order, then additions), then those removed by hand. */
export function listParticipants(db: Database, setId: number, opts: { includeRemoved?: boolean } = {}): Participant[] {
  const set = setExists(db, setId);
  const scope = scopeCadreIds(db, set.scope_kind as ScopeKind, set.scope_ref);
  const manual = db.prepare('SELECT cadre_id AS id, mode FROM assessment_participants WHERE set_id = ?').all(setId) as { id: number; mode: 'add' | 'remove' }[];
  const removed = new Set(manual.filter(m => m.mode === 'remove').map(m => m.id));
  const inScope = new Set(scope);
  const entries: { id: number; source: Participant['source'] }[] = [];
  for (const id of scope) if (!removed.has(id)) entries.push({ id, source: 'scope' });
  const added = db
    .prepare(
      "SELECT p.cadre_id AS id FROM assessment_participants p JOIN cadres c ON c.id = p.cadre_id WHERE p.set_id = ? AND p.mode = 'add' AND c.deleted_at IS NULL ORDER BY c.sort_order, c.id",
    )
    .all(setId) as { id: number }[];
  for (const a of added) if (!inScope.has(a.id)) entries.push({ id: a.id, source: 'added' });
  if (opts.includeRemoved) for (const id of scope) if (removed.has(id)) entries.push({ id, source: 'removed' });
  const info = cadreInfo(
    db,
    entries.map(e => e.id),
  );
  return entries.flatMap(e => {
    const c = info.get(e.id);
    return c
      ? [
          {
            cadreId: c.id,
            name: c.name,
            unit: c.unit,
            post: c.post,
            leadershipLevel: c.leadershipLevel,
            idNumber: c.idNumber,
            birth: c.birth,
            source: e.source,
          },
        ]
      : [];
  });
}

/** Manual additions and removals; reset drops a cadre's manual entry (back to what the scope says). */
export function saveParticipants(db: Database, setId: number, change: { add: number[]; remove: number[]; reset: number[] }): Participant[] {
  setExists(db, setId);
  db.transaction(() => {
    const all = [...change.add, ...change.remove];
    if (all.length) {
      const found = new Set(
        (
          db.prepare('SELECT id FROM cadres WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL').all(JSON.stringify(all)) as { id: number }[]
        ).map(r => r.id),
      );
      const missing = all.filter(id => !found.has(id));
      if (missing.length) throw new AppError('NOT_FOUND', `找不到编号为 ${missing.slice(0, 5).join('、')} 的干部（可能已删除）`);
    }
    const both = change.add.filter(id => change.remove.includes(id));
    if (both.length) throw new AppError('VALIDATION', `编号为 ${both.slice(0, 5).join('、')} 的干部同时被添加和移出`);
    const upsert = db.prepare(
      'INSERT INTO assessment_participants(set_id, cadre_id, mode) VALUES (?, ?, ?) ON CONFLICT(set_id, cadre_id) DO UPDATE SET mode = excluded.mode',
    );
    const drop = db.prepare('DELETE FROM assessment_participants WHERE set_id = ? AND cadre_id = ?');
    for (const id of change.add) upsert.run(setId, id, 'add');
    for (const id of change.remove) upsert.run(setId, id, 'remove');
    for (const id of change.reset) drop.run(setId, id);
    audit(db, { entity: 'assessment_set', entityId: setId, action: 'participants', after: change });
  })();
  return listParticipants(db, setId, { includeRemoved: true });
}
