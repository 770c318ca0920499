/**
 * Indicator sets: create (optionally from a built-in template), edit, copy,
 * delete, and save the whole indicator tree in one call with the weights
 * checked at each level.
 */
import type { AssessmentSet, AssessmentSetDetail, IndicatorTreeInput, ScopeKind } from '../../../shared/contract/routes/assessment';
import type { z } from 'zod';
import type { indicatorTreeInputSchema } from '../../../shared/contract/routes/assessment';
import { AppError } from '../../../shared/contract/errors';
import { checkWeights } from '../../../shared/domain/assessment/weights';
import { findTemplate } from '../../../shared/domain/assessment/templates';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { checkScope, listParticipants, scopeLabel } from './participants';
import { assertSetEditable, loadIndicators, setExists, type IndicatorRow } from './rows';

type TreeInput = z.output<typeof indicatorTreeInputSchema>;
type NodeInput = Omit<TreeInput, 'children'>;

interface SetRow {
  id: number;
  name: string;
  year: number;
  scope_kind: ScopeKind;
  scope_ref: string;
  template: string;
  description: string;
  updated_at: string;
}

function toSet(db: Database, r: SetRow): AssessmentSet {
  const rounds = (db.prepare('SELECT count(*) AS n FROM assessment_rounds WHERE set_id = ?').get(r.id) as { n: number }).n;
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    scope: { kind: r.scope_kind, ref: r.scope_ref, label: scopeLabel(db, r.scope_kind, r.scope_ref) },
    template: r.template,
    description: r.description,
    participants: listParticipants(db, r.id).length,
    rounds,
    updatedAt: r.updated_at,
  };
}

export function listSets(db: Database, year?: number): AssessmentSet[] {
  const rows = (
    year === undefined
      ? db.prepare('SELECT * FROM assessment_sets ORDER BY year DESC, id').all()
      : db.prepare('SELECT * FROM assessment_sets WHERE year = ? ORDER BY id').all(year)
  ) as SetRow[];
  return rows.map(r => toSet(db, r));
}

export function getSet(db: Database, id: number): AssessmentSetDetail {
  const r = db.prepare('SELECT * FROM assessment_sets WHERE id = ?').get(id) as SetRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的考核指标体系`);
  return { ...toSet(db, r), indicators: loadIndicators(db, id) };
}

const INSERT_INDICATOR = `INSERT INTO assessment_indicators(set_id, parent_id, cadre_id, name, weight, method, max_score, base_score, add_cap, deduct_cap,
  target, target_unit, max_ratio, description, evidence, sort_order)
  VALUES (:set_id, :parent_id, :cadre_id, :name, :weight, :method, :max_score, :base_score, :add_cap, :deduct_cap,
  :target, :target_unit, :max_ratio, :description, :evidence, :sort_order)`;

function indicatorParams(setId: number, parentId: number | null, cadreId: number | null, n: NodeInput, sortOrder: number) {
  return {
    set_id: setId,
    parent_id: parentId,
    cadre_id: cadreId,
    name: n.name.trim(),
    weight: n.weight,
    method: n.method,
    max_score: n.maxScore,
    base_score: n.baseScore,
    add_cap: n.addCap,
    deduct_cap: n.deductCap,
    target: n.target,
    target_unit: n.targetUnit,
    max_ratio: n.maxRatio,
    description: n.description,
    evidence: n.evidence,
    sort_order: sortOrder,
  };
}

/** Rules of one indicator beyond the weights; messages name it. */
export function indicatorProblems(n: NodeInput & { children?: readonly NodeInput[] }, level: 1 | 2): string[] {
  const out: string[] = [];
  const label = `「${n.name}」`;
  const hasChildren = level === 1 && (n.children?.length ?? 0) > 0;
  if (!hasChildren) {
    if (n.method === 'veto' && n.weight !== 0) out.push(`${label}是一票否决指标，不计权重，权重应为 0`);
    if (n.method === 'target' && !n.target) out.push(`${label}是目标完成率指标，请填写目标值`);
    if (n.method === 'points' && n.baseScore !== null && (n.baseScore < 0 || n.baseScore > n.maxScore))
      out.push(`${label}的基础分应在 0 到满分 ${n.maxScore} 之间`);
    if (n.method === 'target' && n.maxRatio !== null && n.maxRatio < 1) out.push(`${label}的完成率封顶不能低于 100%`);
  } else if (n.method === 'veto') {
    out.push(`${label}是一票否决指标，不能有二级指标`);
  }
  return out;
}

/** Checks a whole tree: weights at each level, each indicator's rules, unique names. */
export function treeProblems(tree: readonly TreeInput[]): string[] {
  const problems = checkWeights(tree.map(t => ({ name: t.name, weight: t.weight, children: t.children })));
  const seen = new Set<string>();
  for (const t of tree) {
    problems.push(...indicatorProblems(t, 1));
    for (const c of t.children) problems.push(...indicatorProblems(c, 2));
    for (const n of [t, ...t.children]) {
      const key = n.name.trim();
      if (seen.has(key)) problems.push(`指标名称「${key}」重复（导入成绩时按名称对应列，名称需唯一）`);
      seen.add(key);
    }
  }
  return problems;
}

/** Replaces the set's own indicators with the tree; existing ids keep their scores. */
function writeTree(db: Database, setId: number, tree: readonly TreeInput[]): void {
  const existing = new Map(
    (db.prepare('SELECT * FROM assessment_indicators WHERE set_id = ? AND cadre_id IS NULL').all(setId) as IndicatorRow[]).map(r => [r.id, r]),
  );
  const kept = new Set<number>();
  for (const n of tree.flatMap(t => [t, ...t.children])) {
    if (n.id === undefined) continue;
    if (!existing.has(n.id)) throw new AppError('VALIDATION', `指标「${n.name}」的编号 ${n.id} 不属于这个指标体系`);
    if (kept.has(n.id)) throw new AppError('VALIDATION', `指标编号 ${n.id} 出现了两次`);
    kept.add(n.id);
  }
  // Children of a removed 一级 that are kept elsewhere are moved before the removal cascades.
  const insert = db.prepare(INSERT_INDICATOR);
  const update = db.prepare(`UPDATE assessment_indicators SET parent_id = :parent_id, name = :name, weight = :weight, method = :method, max_score = :max_score,
    base_score = :base_score, add_cap = :add_cap, deduct_cap = :deduct_cap, target = :target, target_unit = :target_unit, max_ratio = :max_ratio,
    description = :description, evidence = :evidence, sort_order = :sort_order WHERE id = :id`);
  const put = (n: NodeInput, parentId: number | null, order: number): number => {
    const params = indicatorParams(setId, parentId, null, n, order);
    if (n.id !== undefined) {
      update.run({ ...params, id: n.id });
      return n.id;
    }
    return Number(insert.run(params).lastInsertRowid);
  };
  // First detach every kept indicator so a removal cannot cascade into one that moved.
  const detach = db.prepare('UPDATE assessment_indicators SET parent_id = NULL WHERE id = ?');
  for (const id of kept) detach.run(id);
  const remove = db.prepare('DELETE FROM assessment_indicators WHERE id = ?');
  for (const id of existing.keys()) if (!kept.has(id)) remove.run(id);
  tree.forEach((t, i) => {
    const parentId = put(t, null, (i + 1) * 100);
    t.children.forEach((c, j) => put(c, parentId, (i + 1) * 100 + j + 1));
  });
  db.prepare("UPDATE assessment_sets SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(setId);
}

export function saveIndicators(db: Database, setId: number, tree: readonly TreeInput[]): AssessmentSetDetail {
  db.transaction(() => {
    setExists(db, setId);
    assertSetEditable(db, setId, '修改指标');
    const problems = treeProblems(tree);
    if (problems.length) throw new AppError('VALIDATION', `指标未保存：${problems.join('；')}`, { problems });
    const before = loadIndicators(db, setId).filter(i => i.cadreId === null);
    writeTree(db, setId, tree);
    audit(db, { entity: 'assessment_set', entityId: setId, action: 'indicators', before, after: loadIndicators(db, setId).filter(i => i.cadreId === null) });
  })();
  return getSet(db, setId);
}

/** A built-in template as the tree input (ids absent: all new). */
export function templateTree(key: string): TreeInput[] {
  const t = findTemplate(key);
  if (!t) throw new AppError('VALIDATION', `没有名为「${key}」的内置模板`);
  return t.indicators.map(({ children, ...n }) => ({ ...n, children: children.map(c => ({ ...c })) }));
}

export interface SetInput {
  id?: number;
  name: string;
  year: number;
  scope: { kind: ScopeKind; ref: string };
  description: string;
  template?: string;
}

export function saveSet(db: Database, input: SetInput): AssessmentSetDetail {
  const ref = input.scope.kind === 'all' ? '' : input.scope.ref.trim();
  const id = db.transaction(() => {
    checkScope(db, input.scope.kind, ref);
    if (input.id !== undefined) {
      setExists(db, input.id);
      if (input.template) throw new AppError('VALIDATION', '模板只能在新建指标体系时使用；已有指标体系请直接修改指标');
      const before = db.prepare('SELECT name, year, scope_kind, scope_ref, description FROM assessment_sets WHERE id = ?').get(input.id);
      db.prepare(
        "UPDATE assessment_sets SET name = ?, year = ?, scope_kind = ?, scope_ref = ?, description = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
      ).run(input.name, input.year, input.scope.kind, ref, input.description, input.id);
      audit(db, {
        entity: 'assessment_set',
        entityId: input.id,
        action: 'update',
        before,
        after: { name: input.name, year: input.year, scope_kind: input.scope.kind, scope_ref: ref, description: input.description },
      });
      return input.id;
    }
    const tree = input.template ? templateTree(input.template) : [];
    const template = input.template ? findTemplate(input.template)! : null;
    const newId = Number(
      db
        .prepare('INSERT INTO assessment_sets(name, year, scope_kind, scope_ref, template, description) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.name, input.year, input.scope.kind, ref, input.template ?? '', input.description || template?.description || '').lastInsertRowid,
    );
    if (tree.length) writeTree(db, newId, tree);
    audit(db, {
      entity: 'assessment_set',
      entityId: newId,
      action: 'create',
      after: { name: input.name, year: input.year, scope: input.scope, template: input.template ?? '' },
    });
    return newId;
  })();
  return getSet(db, id);
}

export function deleteSet(db: Database, id: number): boolean {
  return db.transaction(() => {
    const set = setExists(db, id);
    assertSetEditable(db, id, '删除指标体系');
    db.prepare('DELETE FROM assessment_sets WHERE id = ?').run(id);
    audit(db, { entity: 'assessment_set', entityId: id, action: 'delete', before: set });
    return true;
  })();
}

/** A new set with the same tree, scope, personalised indicators and manual participants; no rounds. */
export function copySet(db: Database, id: number, name: string, year?: number): AssessmentSetDetail {
  const newId = db.transaction(() => {
    const src = db.prepare('SELECT * FROM assessment_sets WHERE id = ?').get(id) as SetRow | undefined;
    if (!src) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的考核指标体系`);
    const to = Number(
      db
        .prepare('INSERT INTO assessment_sets(name, year, scope_kind, scope_ref, template, description) VALUES (?, ?, ?, ?, ?, ?)')
        .run(name, year ?? src.year, src.scope_kind, src.scope_ref, src.template, src.description).lastInsertRowid,
    );
    const rows = db.prepare('SELECT * FROM assessment_indicators WHERE set_id = ? ORDER BY parent_id IS NOT NULL, sort_order, id').all(id) as IndicatorRow[];
    const map = new Map<number, number>();
    const insert = db.prepare(INSERT_INDICATOR);
    for (const r of rows) {
      const { id: oldId, set_id: _s, ...rest } = r;
      map.set(oldId, Number(insert.run({ ...rest, set_id: to, parent_id: r.parent_id === null ? null : (map.get(r.parent_id) ?? null) }).lastInsertRowid));
    }
    const overrides = db.prepare('SELECT o.* FROM assessment_overrides o JOIN assessment_indicators i ON i.id = o.indicator_id WHERE i.set_id = ?').all(id) as {
      indicator_id: number;
      cadre_id: number;
      target: number | null;
      weight: number | null;
      note: string;
    }[];
    const putOverride = db.prepare('INSERT INTO assessment_overrides(indicator_id, cadre_id, target, weight, note) VALUES (?, ?, ?, ?, ?)');
    for (const o of overrides) putOverride.run(map.get(o.indicator_id), o.cadre_id, o.target, o.weight, o.note);
    db.prepare('INSERT INTO assessment_participants(set_id, cadre_id, mode) SELECT ?, cadre_id, mode FROM assessment_participants WHERE set_id = ?').run(
      to,
      id,
    );
    audit(db, { entity: 'assessment_set', entityId: to, action: 'copy', after: { from: id, name } });
    return to;
  })();
  return getSet(db, newId);
}

export type { IndicatorTreeInput };
