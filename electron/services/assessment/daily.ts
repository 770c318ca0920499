/**
 * 日常考核: dated records of points for a cadre (optionally on a 加减分
 * indicator, whose score they feed in every round covering the date).
 * A record inside a finalised round's period cannot be added or removed.
 */
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { operatorName } from '../common/settings';
import { liveCadreName } from '../roster/api';
import { roundDateRange } from './grid';
import { listRounds, setExists } from './rows';

interface DailyRow {
  id: number;
  cadreId: number;
  name: string;
  indicatorId: number | null;
  indicator: string;
  date: string;
  points: number;
  note: string;
  operator: string;
}

const SELECT = `SELECT d.id, d.cadre_id AS cadreId, c.name, d.indicator_id AS indicatorId, coalesce(i.name, '') AS indicator, d.date, d.points, d.note, d.operator
  FROM assessment_daily d JOIN cadres c ON c.id = d.cadre_id LEFT JOIN assessment_indicators i ON i.id = d.indicator_id`;

export function listDaily(db: Database, setId: number, cadreId?: number): DailyRow[] {
  setExists(db, setId);
  return (
    cadreId === undefined
      ? db.prepare(`${SELECT} WHERE d.set_id = ? ORDER BY d.date, d.id`).all(setId)
      : db.prepare(`${SELECT} WHERE d.set_id = ? AND d.cadre_id = ? ORDER BY d.date, d.id`).all(setId, cadreId)
  ) as DailyRow[];
}

function assertDateOpen(db: Database, setId: number, date: string): void {
  const locked = listRounds(db, setId).find(r => {
    if (r.status !== 'finalised') return false;
    const [from, to] = roundDateRange(r);
    return date >= from && date <= to;
  });
  if (locked) throw new AppError('CONFLICT', `${date} 在已定稿的「${locked.name}」考核期间内，不能增删日常考核记录；如确需修改，请先解锁该轮次。`);
}

export function addDaily(
  db: Database,
  input: { setId: number; cadreId: number; indicatorId: number | null; date: string; points: number; note: string },
): DailyRow {
  const id = db.transaction(() => {
    setExists(db, input.setId);
    if (liveCadreName(db, input.cadreId) === undefined) throw new AppError('NOT_FOUND', `找不到编号为 ${input.cadreId} 的干部`);
    if (input.indicatorId !== null) {
      const ind = db.prepare('SELECT name, method FROM assessment_indicators WHERE id = ? AND set_id = ?').get(input.indicatorId, input.setId) as
        { name: string; method: string } | undefined;
      if (!ind) throw new AppError('VALIDATION', `编号为 ${input.indicatorId} 的指标不在这个指标体系中`);
      if (ind.method !== 'points') throw new AppError('VALIDATION', `「${ind.name}」不是加减分指标，日常考核的分数只能记到加减分指标上`);
    }
    assertDateOpen(db, input.setId, input.date);
    const newId = Number(
      db
        .prepare('INSERT INTO assessment_daily(set_id, cadre_id, indicator_id, date, points, note, operator) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.setId, input.cadreId, input.indicatorId, input.date, input.points, input.note, operatorName(db)).lastInsertRowid,
    );
    audit(db, { entity: 'assessment_daily', entityId: newId, action: 'create', after: input });
    return newId;
  })();
  return db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DailyRow;
}

export function removeDaily(db: Database, id: number): boolean {
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM assessment_daily WHERE id = ?').get(id) as { set_id: number; date: string } | undefined;
    if (!row) return false;
    assertDateOpen(db, row.set_id, row.date);
    db.prepare('DELETE FROM assessment_daily WHERE id = ?').run(id);
    audit(db, { entity: 'assessment_daily', entityId: id, action: 'delete', before: row });
    return true;
  })();
}
