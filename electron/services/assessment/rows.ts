/** Reading assessment rows into the contract's shapes, and the lock check every write makes. */
import type { Indicator, Round } from '../../../shared/contract/routes/assessment';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';

export interface IndicatorRow {
  id: number;
  set_id: number;
  parent_id: number | null;
  cadre_id: number | null;
  name: string;
  weight: number;
  method: Indicator['method'];
  max_score: number;
  base_score: number | null;
  add_cap: number | null;
  deduct_cap: number | null;
  target: number | null;
  target_unit: string;
  max_ratio: number | null;
  description: string;
  evidence: string;
  sort_order: number;
}

export function toIndicator(r: IndicatorRow): Indicator {
  return {
    id: r.id,
    parentId: r.parent_id,
    cadreId: r.cadre_id,
    level: r.parent_id === null ? 1 : 2,
    name: r.name,
    weight: r.weight,
    method: r.method,
    maxScore: r.max_score,
    baseScore: r.base_score,
    addCap: r.add_cap,
    deductCap: r.deduct_cap,
    target: r.target,
    targetUnit: r.target_unit,
    maxRatio: r.max_ratio,
    description: r.description,
    evidence: r.evidence,
    sortOrder: r.sort_order,
  };
}

/** The set's indicators (and every cadre's extras): each 一级 followed by its 二级, in order. */
export function loadIndicators(db: Database, setId: number): Indicator[] {
  const rows = (db.prepare('SELECT * FROM assessment_indicators WHERE set_id = ? ORDER BY sort_order, id').all(setId) as IndicatorRow[]).map(toIndicator);
  const out: Indicator[] = [];
  for (const top of rows.filter(r => r.parentId === null)) {
    out.push(top);
    out.push(...rows.filter(r => r.parentId === top.id));
  }
  return out;
}

interface RoundRow {
  id: number;
  set_id: number;
  set_name: string;
  name: string;
  kind: Round['kind'];
  year: number;
  period: string;
  start_date: string;
  end_date: string;
  excellent_min: number;
  competent_min: number;
  basic_min: number;
  quota_percent: number;
  rounding: Round['rounding'];
  grouping: Round['grouping'];
  status: Round['status'];
  finalised_at: string | null;
  finalised_by: string | null;
  notes: string;
}

const ROUND_SELECT = 'SELECT r.*, s.name AS set_name FROM assessment_rounds r JOIN assessment_sets s ON s.id = r.set_id';

function toRound(r: RoundRow): Round {
  return {
    id: r.id,
    setId: r.set_id,
    setName: r.set_name,
    name: r.name,
    kind: r.kind,
    year: r.year,
    period: r.period,
    startDate: r.start_date,
    endDate: r.end_date,
    thresholds: { excellent: r.excellent_min, competent: r.competent_min, basic: r.basic_min },
    quotaPercent: r.quota_percent,
    rounding: r.rounding,
    grouping: r.grouping,
    status: r.status,
    finalisedAt: r.finalised_at,
    finalisedBy: r.finalised_by,
    notes: r.notes,
  };
}

export function getRound(db: Database, id: number): Round {
  const r = db.prepare(`${ROUND_SELECT} WHERE r.id = ?`).get(id) as RoundRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的考核轮次`);
  return toRound(r);
}

export function listRounds(db: Database, setId?: number): Round[] {
  const rows = (
    setId === undefined
      ? db.prepare(`${ROUND_SELECT} ORDER BY r.year DESC, r.id`).all()
      : db.prepare(`${ROUND_SELECT} WHERE r.set_id = ? ORDER BY r.year DESC, r.id`).all(setId)
  ) as RoundRow[];
  return rows.map(toRound);
}

/** Every write to a finalised round is refused. */
export function assertRoundOpen(round: Round, what = '修改'): void {
  if (round.status === 'finalised') {
    throw new AppError('CONFLICT', `「${round.name}」已定稿锁定，不能${what}；如确需${what}，请先解锁（需填写原因）。`);
  }
}

/** Changing a set's indicators would change a finalised round's totals: refused while one is locked. */
export function assertSetEditable(db: Database, setId: number, what: string): void {
  const locked = db.prepare("SELECT name FROM assessment_rounds WHERE set_id = ? AND status = 'finalised' ORDER BY id").all(setId) as { name: string }[];
  if (locked.length) {
    throw new AppError('CONFLICT', `考核轮次「${locked.map(l => l.name).join('」「')}」已定稿锁定，不能${what}；如确需修改，请先解锁该轮次。`);
  }
}

export function setExists(db: Database, setId: number): { id: number; name: string; year: number; scope_kind: string; scope_ref: string } {
  const s = db.prepare('SELECT id, name, year, scope_kind, scope_ref FROM assessment_sets WHERE id = ?').get(setId) as
    { id: number; name: string; year: number; scope_kind: string; scope_ref: string } | undefined;
  if (!s) throw new AppError('NOT_FOUND', `找不到编号为 ${setId} 的考核指标体系`);
  return s;
}
