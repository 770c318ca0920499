/**
 * 个性化指标: per cadre, a target and/or weight replacing the set's default
 * for an indicator, and extra indicators of that cadre only. The set's
 * structure stays; the cadre's own tree must still sum to 100 at each level.
 */
import type { z } from 'zod';
import type { assessmentRoutes } from '../../../shared/contract/routes/assessment';
import { AppError } from '../../../shared/contract/errors';
import { checkWeights } from '../../../shared/domain/assessment/weights';
import { asWeightTree, personalTree, type PersonalOverride, type TreeIndicator } from '../../../shared/domain/assessment/totals';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { cadreName, liveCadreName } from '../roster/api';
import { listParticipants } from './participants';
import { assertSetEditable, loadIndicators, setExists } from './rows';
import { indicatorProblems } from './sets';

type SaveInput = z.output<(typeof assessmentRoutes)['savePersonalIndicators']['input']>;

export interface OverrideRow {
  indicatorId: number;
  cadreId: number;
  weight: number | null;
  target: number | null;
  note: string;
}

export function loadOverrides(db: Database, setId: number): OverrideRow[] {
  return db
    .prepare(
      `SELECT o.indicator_id AS indicatorId, o.cadre_id AS cadreId, o.weight, o.target, o.note
         FROM assessment_overrides o JOIN assessment_indicators i ON i.id = o.indicator_id WHERE i.set_id = ?`,
    )
    .all(setId) as OverrideRow[];
}

function personalView(db: Database, setId: number, cadreId: number, name: string) {
  const all = loadIndicators(db, setId);
  const overrides = new Map(
    loadOverrides(db, setId)
      .filter(o => o.cadreId === cadreId)
      .map(o => [o.indicatorId, o]),
  );
  return {
    cadreId,
    name,
    indicators: all
      .filter(i => i.cadreId === null || i.cadreId === cadreId)
      .map(i => {
        const o = overrides.get(i.id);
        return {
          indicatorId: i.id,
          parentId: i.parentId,
          name: i.name,
          method: i.method,
          extra: i.cadreId !== null,
          defaultWeight: i.weight,
          defaultTarget: i.target,
          weight: o?.weight ?? null,
          target: o?.target ?? null,
          targetUnit: i.targetUnit,
          note: o?.note ?? '',
        };
      }),
  };
}

export function listPersonal(db: Database, setId: number, cadreId?: number) {
  setExists(db, setId);
  const people = listParticipants(db, setId).filter(p => cadreId === undefined || p.cadreId === cadreId);
  if (cadreId !== undefined && people.length === 0) {
    const name = cadreName(db, cadreId);
    if (name === undefined) throw new AppError('NOT_FOUND', `找不到编号为 ${cadreId} 的干部`);
    return [personalView(db, setId, cadreId, name)];
  }
  return people.map(p => personalView(db, setId, p.cadreId, p.name));
}

/** Weight problems of one cadre's tree (empty when it sums right). */
export function personalProblems(all: readonly TreeIndicator[], cadreId: number, overrides: readonly PersonalOverride[]): string[] {
  return checkWeights(asWeightTree(personalTree(all, cadreId, overrides)));
}

export function savePersonal(db: Database, input: SaveInput) {
  const { setId, cadreId } = input;
  db.transaction(() => {
    setExists(db, setId);
    assertSetEditable(db, setId, '修改个性化指标');
    const name = liveCadreName(db, cadreId);
    if (name === undefined) throw new AppError('NOT_FOUND', `找不到编号为 ${cadreId} 的干部`);
    const own = loadIndicators(db, setId).filter(i => i.cadreId === null);
    const ownIds = new Set(own.map(i => i.id));
    const problems: string[] = [];
    for (const o of input.overrides) {
      if (!ownIds.has(o.indicatorId)) problems.push(`指标编号 ${o.indicatorId} 不是这个指标体系的指标`);
      const ind = own.find(i => i.id === o.indicatorId);
      if (ind && o.target !== null && ind.method !== 'target') problems.push(`「${ind.name}」不是目标完成率指标，不能设个性化目标`);
    }
    for (const e of input.extras) {
      if (e.parentId !== null && !own.some(i => i.id === e.parentId && i.parentId === null))
        problems.push(`个性化指标「${e.name}」的上级不是这个指标体系的一级指标`);
      problems.push(...indicatorProblems(e, e.parentId === null ? 1 : 2));
      if (own.some(i => i.name === e.name.trim())) problems.push(`个性化指标「${e.name}」与指标体系中的指标重名`);
    }
    if (problems.length) throw new AppError('VALIDATION', `${name}的个性化指标未保存：${problems.join('；')}`, { problems });

    const before = personalView(db, setId, cadreId, name);
    db.prepare('DELETE FROM assessment_overrides WHERE cadre_id = ? AND indicator_id IN (SELECT id FROM assessment_indicators WHERE set_id = ?)').run(
      cadreId,
      setId,
    );
    const put = db.prepare('INSERT INTO assessment_overrides(indicator_id, cadre_id, target, weight, note) VALUES (?, ?, ?, ?, ?)');
    for (const o of input.overrides) if (o.weight !== null || o.target !== null || o.note.trim()) put.run(o.indicatorId, cadreId, o.target, o.weight, o.note);
    // Extras: kept by id (their scores stay), the rest replaced.
    const existingExtras = new Set(
      (db.prepare('SELECT id FROM assessment_indicators WHERE set_id = ? AND cadre_id = ?').all(setId, cadreId) as { id: number }[]).map(r => r.id),
    );
    const keep = new Set(input.extras.flatMap(e => (e.id !== undefined ? [e.id] : [])));
    for (const id of keep) if (!existingExtras.has(id)) throw new AppError('VALIDATION', `个性化指标编号 ${id} 不属于${name}`);
    for (const id of existingExtras) if (!keep.has(id)) db.prepare('DELETE FROM assessment_indicators WHERE id = ?').run(id);
    input.extras.forEach((e, i) => {
      const params = {
        set_id: setId,
        parent_id: e.parentId,
        cadre_id: cadreId,
        name: e.name.trim(),
        weight: e.weight,
        method: e.method,
        max_score: e.maxScore,
        base_score: e.baseScore,
        add_cap: e.addCap,
        deduct_cap: e.deductCap,
        target: e.target,
        target_unit: e.targetUnit,
        max_ratio: e.maxRatio,
        description: e.description,
        evidence: e.evidence,
        sort_order: 90000 + i,
      };
      if (e.id !== undefined) {
        db.prepare(
          `UPDATE assessment_indicators SET parent_id = :parent_id, name = :name, weight = :weight, method = :method, max_score = :max_score,
          base_score = :base_score, add_cap = :add_cap, deduct_cap = :deduct_cap, target = :target, target_unit = :target_unit, max_ratio = :max_ratio,
          description = :description, evidence = :evidence, sort_order = :sort_order WHERE id = :id`,
        ).run({ ...params, id: e.id });
      } else {
        db.prepare(
          `INSERT INTO assessment_indicators(set_id, parent_id, cadre_id, name, weight, method, max_score, base_score, add_cap, deduct_cap,
          target, target_unit, max_ratio, description, evidence, sort_order) VALUES (:set_id, :parent_id, :cadre_id, :name, :weight, :method, :max_score,
          :base_score, :add_cap, :deduct_cap, :target, :target_unit, :max_ratio, :description, :evidence, :sort_order)`,
        ).run(params);
      }
    });
    const weightProblems = personalProblems(loadIndicators(db, setId), cadreId, loadOverrides(db, setId));
    if (weightProblems.length) throw new AppError('VALIDATION', `${name}的个性化指标未保存：${weightProblems.join('；')}`, { problems: weightProblems });
    audit(db, { entity: 'assessment_set', entityId: setId, action: 'personal', before, after: personalView(db, setId, cadreId, name) });
  })();
  return personalView(db, setId, cadreId, cadreName(db, cadreId)!);
}
