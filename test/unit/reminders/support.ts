/**
 * A small roster on a real SQLite file for the reminder tests, built here (not from the demo):
 * who falls due on 2026-12-06 with a 12-month horizon, and who must not.
 */
import type { InputOf, Method, OutputOf } from '../../../shared/contract/api';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter, type NewCadre } from '../../../electron/services/roster/cadres';
import type { Database } from '../../../electron/db/database';
import { tempDir } from '../../support/temp';

export const REF = '2026-12-06';

export function openRoster() {
  const tmp = tempDir('cadre-reminders-');
  const core: Core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  const call = async <M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const r = await core.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as OutputOf<M>;
  };
  return {
    tmp,
    core,
    db: core.db,
    call,
    close() {
      core.close();
      tmp.cleanup();
    },
  };
}

export function addUnit(db: Database, name: string): number {
  return Number(db.prepare('INSERT INTO units(name) VALUES (?)').run(name).lastInsertRowid);
}

/** Someone nothing falls due for, changed by `fields`. */
export function addCadre(db: Database, fields: Partial<NewCadre> & { name: string }): number {
  return cadreInserter(db)({ unitId: null, gender: '男', birth: '1980-05', ...fields });
}

export function addEvent(
  db: Database,
  cadreId: number,
  e: { kind: string; date: string; unitId?: number | null; post?: string; probationEnd?: string; planned?: 0 | 1 },
): number {
  return Number(
    db
      .prepare('INSERT INTO cadre_events(cadre_id, kind, date, unit_id, post, probation_end, planned) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(cadreId, e.kind, e.date, e.unitId ?? null, e.post ?? '', e.probationEnd ?? '', e.planned ?? 0).lastInsertRowid,
  );
}

/** A programme with one batch, and a member per entry. */
export function addSecondment(db: Database, members: { cadreId: number; endDate: string; status: string }[]): void {
  const programme = db.prepare("INSERT INTO secondment_programmes(name) VALUES ('京沈对口合作干部交流')").run().lastInsertRowid;
  const batch = db
    .prepare(
      "INSERT INTO secondment_batches(programme_id, seq, name, start_date, planned_end_date, status) VALUES (?, 5, '第五批', '2025-10', '2026-10', '在岗')",
    )
    .run(programme).lastInsertRowid;
  const insert = db.prepare(
    "INSERT INTO secondment_members(batch_id, cadre_id, host_unit, host_post, end_date, status) VALUES (?, ?, '北京市商务局', '副局长', ?, ?)",
  );
  for (const m of members) insert.run(batch, m.cadreId, m.endDate, m.status);
}

export function addRound(db: Database, r: { name: string; endDate: string; status: 'open' | 'finalised' }): number {
  const set = db.prepare("INSERT INTO assessment_sets(name, year) VALUES ('2026年度考核', 2026)").run().lastInsertRowid;
  return Number(
    db
      .prepare("INSERT INTO assessment_rounds(set_id, name, kind, year, end_date, status) VALUES (?, ?, '年度', 2026, ?, ?)")
      .run(set, r.name, r.endDate, r.status).lastInsertRowid,
  );
}

/** A cadre who started work at 15 … */
export const CHILD_WORKER = { name: '许童工', birth: '1990-05', workDate: '2005-09' };
/** … and what the 数据质量 review says of him. */
export const childWorkerFinding = (cadreId: number) => ({
  kind: '参加工作早于16岁',
  cadreId,
  name: '许童工',
  unit: '',
  fields: [
    { key: 'workDate', label: '参加工作时间', value: '2005.09' },
    { key: 'birth', label: '出生年月', value: '1990.05' },
  ],
  detail: '参加工作时间 2005.09 时年仅 15 岁（出生年月 1990.05）',
});
