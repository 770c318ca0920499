/**
 * Writing a round's inputs: indicator values (one cell or a whole paste),
 * 民主测评 tallies and manual grades. Each call is all-or-nothing and one
 * undo step; every problem is reported by cadre and indicator.
 */
import { AppError } from '../../../shared/contract/errors';
import { parseCell } from '../../../shared/domain/assessment/scoring';
import type { Database } from '../../db/database';
import { withRoundOperation } from './history';
import { listParticipants } from './participants';
import { getRound, loadIndicators } from './rows';

export interface CellChange {
  cadreId: number;
  indicatorId: number;
  value: number | string | null;
  note?: string;
}

export interface CellProblem {
  cadreId: number;
  indicatorId: number;
  name: string;
  indicator: string;
  message: string;
}

function participantsOf(db: Database, roundId: number): Map<number, string> {
  const round = getRound(db, roundId);
  return new Map(listParticipants(db, round.setId).map(p => [p.cadreId, p.name]));
}

/** Parses every cell; returns the values to write or throws VALIDATION listing the problems. */
export function checkCells(
  db: Database,
  roundId: number,
  cells: readonly CellChange[],
): { cadreId: number; indicatorId: number; value: number | null; note: string | undefined }[] {
  const round = getRound(db, roundId);
  const people = participantsOf(db, roundId);
  const indicators = new Map(loadIndicators(db, round.setId).map(i => [i.id, i]));
  const parents = new Set([...indicators.values()].flatMap(i => (i.parentId === null ? [] : [i.parentId])));
  const problems: CellProblem[] = [];
  const out: ReturnType<typeof checkCells> = [];
  for (const c of cells) {
    const name = people.get(c.cadreId);
    const ind = indicators.get(c.indicatorId);
    const problem = (message: string) =>
      problems.push({
        cadreId: c.cadreId,
        indicatorId: c.indicatorId,
        name: name ?? `编号 ${c.cadreId}`,
        indicator: ind?.name ?? `编号 ${c.indicatorId}`,
        message,
      });
    if (name === undefined) problem(`编号为 ${c.cadreId} 的干部不在这一轮考核中`);
    else if (!ind) problem(`编号为 ${c.indicatorId} 的指标不在这个指标体系中`);
    else if (ind.cadreId !== null && ind.cadreId !== c.cadreId) problem(`「${ind.name}」是其他干部的个性化指标`);
    else if (parents.has(ind.id)) problem(`「${ind.name}」由其二级指标计分，不能直接填写`);
    else {
      const parsed = parseCell(ind, c.value);
      if (!parsed.ok) problem(parsed.message);
      else out.push({ cadreId: c.cadreId, indicatorId: c.indicatorId, value: parsed.value, note: c.note });
    }
  }
  if (problems.length) {
    const shown = problems.slice(0, 5).map(p => `${p.name}·${p.indicator}：${p.message}`);
    throw new AppError('VALIDATION', `成绩未保存（共 ${problems.length} 处错误）：${shown.join('；')}${problems.length > 5 ? ' 等' : ''}`, { problems });
  }
  return out;
}

const KIND_LABEL: Record<string, string> = { edit: '修改', paste: '粘贴', fill: '填充', clear: '清除', import: '导入' };

export function saveCells(db: Database, roundId: number, cells: readonly CellChange[], opts: { label?: string; kind?: string } = {}): number {
  const kind = opts.kind ?? (cells.length > 1 ? 'paste' : 'edit');
  const label = opts.label ?? `${KIND_LABEL[kind] ?? '修改'}成绩 ${cells.length} 格`;
  return withRoundOperation(db, roundId, { kind: `scores.${kind}`, label }, touch => writeCells(db, roundId, checkCells(db, roundId, cells), touch)).changed;
}

/** Writes checked cells inside a round operation (`touch` before each cadre's inputs change). */
export function writeCells(db: Database, roundId: number, checked: ReturnType<typeof checkCells>, touch: (cadreId: number) => void): number {
  const upsert = db.prepare(
    `INSERT INTO assessment_scores(round_id, cadre_id, indicator_id, value, note) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(round_id, cadre_id, indicator_id) DO UPDATE SET value = excluded.value, note = coalesce(?, note)`,
  );
  const remove = db.prepare('DELETE FROM assessment_scores WHERE round_id = ? AND cadre_id = ? AND indicator_id = ?');
  for (const c of checked) {
    touch(c.cadreId);
    if (c.value === null) remove.run(roundId, c.cadreId, c.indicatorId);
    else upsert.run(roundId, c.cadreId, c.indicatorId, c.value, c.note ?? '', c.note ?? null);
  }
  return checked.length;
}

export interface Tally {
  cadreId: number;
  excellent: number;
  competent: number;
  basic: number;
  incompetent: number;
  unknown: number;
}

export function saveTallies(db: Database, roundId: number, tallies: readonly Tally[]): number {
  return withRoundOperation(db, roundId, { kind: 'votes', label: `录入民主测评 ${tallies.length} 人` }, touch => writeTallies(db, roundId, tallies, touch))
    .changed;
}

/** Writes 民主测评 tallies of the round's participants inside a round operation. */
export function writeTallies(db: Database, roundId: number, tallies: readonly Tally[], touch: (cadreId: number) => void): void {
  const people = participantsOf(db, roundId);
  const missing = tallies.filter(t => !people.has(t.cadreId)).map(t => t.cadreId);
  if (missing.length) throw new AppError('VALIDATION', `编号为 ${missing.slice(0, 5).join('、')} 的干部不在这一轮考核中`);
  const put = db.prepare(
    `INSERT INTO assessment_votes(round_id, cadre_id, excellent, competent, basic, incompetent, unknown) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(round_id, cadre_id) DO UPDATE SET excellent = excluded.excellent, competent = excluded.competent, basic = excluded.basic,
     incompetent = excluded.incompetent, unknown = excluded.unknown`,
  );
  for (const t of tallies) {
    touch(t.cadreId);
    put.run(roundId, t.cadreId, t.excellent, t.competent, t.basic, t.incompetent, t.unknown);
  }
}

export function saveGrades(db: Database, roundId: number, grades: readonly { cadreId: number; grade: string | null; reason: string }[]): number {
  const label = grades.length === 1 ? (grades[0].grade ? `定为${grades[0].grade}` : '恢复拟定等次') : `调整等次 ${grades.length} 人`;
  return withRoundOperation(db, roundId, { kind: 'grades', label }, touch => {
    const people = participantsOf(db, roundId);
    const problems: string[] = [];
    for (const g of grades) {
      const name = people.get(g.cadreId);
      if (name === undefined) problems.push(`编号为 ${g.cadreId} 的干部不在这一轮考核中`);
      else if (g.grade === '不定等次' && g.reason.trim().length < 2) problems.push(`${name}定为不定等次，须填写原因（如：新录用公务员试用期内）`);
    }
    if (problems.length) throw new AppError('VALIDATION', `等次未保存：${problems.join('；')}`, { problems });
    const put = db.prepare(
      'INSERT INTO assessment_grades(round_id, cadre_id, grade, reason) VALUES (?, ?, ?, ?) ON CONFLICT(round_id, cadre_id) DO UPDATE SET grade = excluded.grade, reason = excluded.reason',
    );
    const remove = db.prepare('DELETE FROM assessment_grades WHERE round_id = ? AND cadre_id = ?');
    for (const g of grades) {
      touch(g.cadreId);
      if (g.grade === null) remove.run(roundId, g.cadreId);
      else put.run(roundId, g.cadreId, g.grade, g.reason.trim());
    }
  }).changed;
}
