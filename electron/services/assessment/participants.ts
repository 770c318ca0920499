/**
 * Who a set assesses: the people its scope names, resolved live (a batch's
 * members except those replaced 已调换, a unit and its sub-units, a tag, a
 * 职务层次, or every serving cadre), plus those added by hand, minus those
 * taken out by hand. Only cadres in the roster take part: those in the 历史库 (退休, 调出…)
 * or the 回收站 never do.
 */
import type { ScopeKind } from '../../../shared/contract/routes/assessment';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { cadreSummaries, inRosterIds, liveCadreIds, rosterIds, type CadreSummary } from '../roster/api';
import { batchMemberCadreIds } from '../secondment/api';
import { setExists } from './rows';

/** A cadre the set concerns, and why: in its scope, added or removed by hand. */
export type Participant = Pick<CadreSummary, 'name' | 'unit' | 'post' | 'leadershipLevel' | 'idNumber' | 'birth'> & {
  cadreId: number;
  source: 'scope' | 'added' | 'removed';
};

/**
 * Ids in scope, in a stable order (a batch in its member order, otherwise the roster's): only
 * cadres in the roster (IN_ROSTER), so those gone to the 历史库 or the 回收站 drop out.
 */
export function scopeCadreIds(db: Database, kind: ScopeKind, ref: string): number[] {
  switch (kind) {
    case 'all':
      return rosterIds(db);
    case 'batch': {
      const members = batchMemberCadreIds(db, Number(ref));
      const serving = new Set(inRosterIds(db, members));
      return members.filter(id => serving.has(id));
    }
    case 'unit':
      return rosterIds(db, { unitTree: Number(ref) });
    case 'tag':
      return rosterIds(db, { tag: ref });
    case 'leadershipLevel':
      return rosterIds(db, { leadershipLevel: ref });
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

/** Everyone the set concerns: participants first (scope order, then additions), then those removed by hand. */
export function listParticipants(db: Database, setId: number, opts: { includeRemoved?: boolean } = {}): Participant[] {
  const set = setExists(db, setId);
  const scope = scopeCadreIds(db, set.scope_kind as ScopeKind, set.scope_ref);
  const manual = db.prepare('SELECT cadre_id AS id, mode FROM assessment_participants WHERE set_id = ?').all(setId) as { id: number; mode: 'add' | 'remove' }[];
  const removed = new Set(manual.filter(m => m.mode === 'remove').map(m => m.id));
  const inScope = new Set(scope);
  const entries: { id: number; source: Participant['source'] }[] = [];
  for (const id of scope) if (!removed.has(id)) entries.push({ id, source: 'scope' });
  const added = inRosterIds(
    db,
    manual.filter(m => m.mode === 'add').map(m => m.id),
  );
  for (const id of added) if (!inScope.has(id)) entries.push({ id, source: 'added' });
  if (opts.includeRemoved) for (const id of scope) if (removed.has(id)) entries.push({ id, source: 'removed' });
  const info = cadreSummaries(
    db,
    entries.map(e => e.id),
  );
  return entries.flatMap(e => {
    const c = info.get(e.id);
    return c ? [toParticipant(c, e.source)] : [];
  });
}

export function toParticipant(c: CadreSummary, source: Participant['source']): Participant {
  return { cadreId: c.id, name: c.name, unit: c.unit, post: c.post, leadershipLevel: c.leadershipLevel, idNumber: c.idNumber, birth: c.birth, source };
}

/** Manual additions and removals; reset drops a cadre's manual entry (back to what the scope says). */
export function saveParticipants(db: Database, setId: number, change: { add: number[]; remove: number[]; reset: number[] }): Participant[] {
  setExists(db, setId);
  db.transaction(() => {
    const all = [...change.add, ...change.remove];
    if (all.length) {
      const found = liveCadreIds(db, all);
      const missing = all.filter(id => !found.has(id));
      if (missing.length) throw new AppError('NOT_FOUND', `找不到编号为 ${missing.slice(0, 5).join('、')} 的干部（可能已删除）`);
    }
    const serving = new Set(inRosterIds(db, change.add));
    const left = change.add.filter(id => !serving.has(id));
    if (left.length) {
      const names = cadreSummaries(db, left);
      const named = left.slice(0, 5).map(id => `「${names.get(id)?.name}」`);
      throw new AppError('VALIDATION', `${named.join('、')}已离开干部名册（在历史库中），不能参加考核`);
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
