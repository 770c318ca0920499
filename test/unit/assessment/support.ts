/** A real database in a temp folder, cadres and a secondment batch, and calls through the dispatcher. */
import type { InputOf, Method, OutputOf } from '../../../shared/contract/api';
import type { ApiErrorShape } from '../../../shared/contract/errors';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { openCore, type Core } from '../../../electron/services/core/core';
import type { Database } from '../../../electron/db/database';
import { routeCalls } from '../../support/dispatch';
import { tempDir } from '../../support/temp';

export interface TestCore {
  core: Core;
  dir: string;
  call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  fail(method: Method, input: unknown): Promise<ApiErrorShape>;
  close(): void;
}

export function openTestCore(): TestCore {
  const tmp = tempDir();
  const core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  core.db.prepare("INSERT INTO settings(key, value) VALUES ('operator', '王科长')").run();
  const { call, refused } = routeCalls(core);
  return {
    core,
    dir: tmp.dir,
    call,
    fail: refused,
    close() {
      core.close();
      tmp.cleanup();
    },
  };
}

export interface Person {
  name: string;
  level?: string;
  unit?: string;
}

/** Inserts cadres with valid ID numbers (born 1980–1989, in order); returns their ids. */
export function addPeople(db: Database, people: readonly Person[]): number[] {
  const units = new Map<string, number>();
  const unitId = (name: string) => {
    if (!units.has(name)) units.set(name, Number(db.prepare('INSERT INTO units(name) VALUES (?)').run(name).lastInsertRowid));
    return units.get(name)!;
  };
  const insert = db.prepare('INSERT INTO cadres(unit_id, name, gender, birth, id_number, leadership_level, post, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const base = (db.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n;
  return people.map((p, i) => {
    const k = base + i;
    const gender = k % 2 ? '女' : '男';
    const birth = `${1980 + (k % 10)}-${String((k % 12) + 1).padStart(2, '0')}-1${k % 9}`;
    const id = makeIdNumber('210102', birth, (k * 7) % 1000, gender);
    return Number(
      insert.run(unitId(p.unit ?? '沈阳市发改委'), p.name, gender, birth.slice(0, 7), id, p.level ?? '正处', `${p.unit ?? '沈阳市发改委'}副主任`, k + 1)
        .lastInsertRowid,
    );
  });
}

/** A 京沈对口合作 programme with one batch holding these cadres; returns the batch id. */
export function addBatch(db: Database, cadreIds: readonly number[], seq = 4): number {
  let programme = db.prepare("SELECT id FROM secondment_programmes WHERE name = '京沈对口合作干部交流'").get() as { id: number } | undefined;
  if (!programme)
    programme = {
      id: Number(db.prepare("INSERT INTO secondment_programmes(name, partner_place) VALUES ('京沈对口合作干部交流', '北京')").run().lastInsertRowid),
    };
  const batch = Number(
    db
      .prepare("INSERT INTO secondment_batches(programme_id, seq, name, start_date, planned_end_date, status) VALUES (?, ?, ?, '2024-10', '2025-10', '在岗')")
      .run(programme.id, seq, `第${'一二三四五六七八九'[seq - 1]}批`).lastInsertRowid,
  );
  const m = db.prepare('INSERT INTO secondment_members(batch_id, cadre_id, sort_order) VALUES (?, ?, ?)');
  cadreIds.forEach((id, i) => m.run(batch, id, i + 1));
  return batch;
}

export const names = (n: number, prefix = '干部') =>
  Array.from({ length: n }, (_, i) => `${prefix}${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i >= 10 ? '子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10] : ''}`);
