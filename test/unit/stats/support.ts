import type { Database } from '../../../electron/db/database';
import { cadreInserter } from '../../../electron/services/roster/api';
import { rosterPage } from '../../../electron/services/roster/page';
import { withDrill } from '../../../electron/services/stats/api';
import type { CadreRow } from '../../../shared/contract/api';
import type { StatsDrill } from '../../../shared/domain/stats/scope';

/** A unit to hang test cadres on; returns its id. */
export function addUnit(db: Database, name: string, parentId: number | null = null, extra: { kind?: string; level?: string } = {}): number {
  return Number(
    db.prepare('INSERT INTO units(parent_id, name, kind, level) VALUES (?, ?, ?, ?)').run(parentId, name, extra.kind ?? '', extra.level ?? '').lastInsertRowid,
  );
}

type Person = Partial<Record<string, string>> & { name?: string; unitId?: number | null };

/** Inserts cadres (any roster fields as stored); returns their ids in order. */
export function addCadres(db: Database, unitId: number, people: Person[]): number[] {
  const insert = cadreInserter(db);
  return db.transaction(() =>
    people.map((p, i) => insert({ ...p, name: p.name ?? `干部${i + 1}`, unitId: p.unitId === undefined ? unitId : p.unitId, sortOrder: i })),
  )();
}

/** The roster's rows for a drill-down, through the roster's own page query. */
export function drillRows(db: Database, drill: StatsDrill): CadreRow[] {
  return rosterPage(db, { extra: withDrill(db, drill, undefined), offset: 0, limit: 1_000_000 }).rows;
}
