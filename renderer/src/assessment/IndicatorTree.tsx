/**
 * The set's own indicator tree (一级 / 二级), edited as a draft and saved in
 * one call. The weight check runs live with the shared rule; saving is left
 * to the server, whose refusal is shown as it is.
 */
import { useMemo, useState } from 'react';
import { type AssessmentSetDetail, type Indicator, type IndicatorMethod, type IndicatorTreeInput } from '../../../shared/contract/api';
import { checkWeights } from '../../../shared/domain/assessment/weights';
import { formatNumber } from '../../../shared/domain/assessment/numbers';
import { api } from '../api';
import { MethodSelect, numberOrNull, numberText } from './ui';
import { ErrorLine, useAction } from '../ui/useAction';

interface Draft {
  key: string;
  id?: number;
  name: string;
  weight: string;
  method: IndicatorMethod;
  maxScore: string;
  baseScore: string;
  addCap: string;
  deductCap: string;
  target: string;
  targetUnit: string;
  /** 完成率封顶 in percent (the contract keeps a ratio). */
  maxRatioPercent: string;
  description: string;
  evidence: string;
  children: Draft[];
}

let keySeq = 0;
const newKey = () => `k${++keySeq}`;

function toDraft(i: Indicator, children: Draft[] = []): Draft {
  return {
    key: newKey(),
    id: i.id,
    name: i.name,
    weight: numberText(i.weight),
    method: i.method,
    maxScore: numberText(i.maxScore),
    baseScore: numberText(i.baseScore),
    addCap: numberText(i.addCap),
    deductCap: numberText(i.deductCap),
    target: numberText(i.target),
    targetUnit: i.targetUnit,
    maxRatioPercent: i.maxRatio === null ? '' : formatNumber(i.maxRatio * 100),
    description: i.description,
    evidence: i.evidence,
    children,
  };
}

function blank(level: 1 | 2): Draft {
  return {
    key: newKey(),
    name: level === 1 ? '新一级指标' : '新二级指标',
    weight: '0',
    method: 'score',
    maxScore: '100',
    baseScore: '',
    addCap: '',
    deductCap: '',
    target: '',
    targetUnit: '',
    maxRatioPercent: '',
    description: '',
    evidence: '',
    children: [],
  };
}

/** The set's own tree from its flat list (extras of single cadres are edited under 个性化指标). */
export function draftTree(indicators: Indicator[]): Draft[] {
  const own = indicators.filter(i => i.cadreId === null);
  return own
    .filter(i => i.parentId === null)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map(p =>
      toDraft(
        p,
        own
          .filter(c => c.parentId === p.id)
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .map(c => toDraft(c)),
      ),
    );
}

const weightOf = (d: Draft) => Number(d.weight.trim() === '' ? 0 : d.weight);

/** The draft as the route takes it; a number that is not one is named here, before the server. */
function toInput(tree: Draft[]): IndicatorTreeInput[] {
  const problems: string[] = [];
  const num = (d: Draft, label: string, text: string): number | null => {
    const n = numberOrNull(text);
    if (n !== null && !Number.isFinite(n)) problems.push(`「${d.name}」的${label}应为数字，不能是“${text}”`);
    return n;
  };
  const node = (d: Draft) => {
    const ratio = num(d, '完成率封顶', d.maxRatioPercent);
    return {
      id: d.id,
      name: d.name,
      weight: num(d, '权重', d.weight) ?? 0,
      method: d.method,
      maxScore: num(d, '满分', d.maxScore) ?? 100,
      baseScore: num(d, '基础分', d.baseScore),
      addCap: num(d, '加分上限', d.addCap),
      deductCap: num(d, '扣分上限', d.deductCap),
      target: num(d, '目标值', d.target),
      targetUnit: d.targetUnit.trim(),
      maxRatio: ratio === null ? null : ratio / 100,
      description: d.description,
      evidence: d.evidence,
    };
  };
  // Blank names are named here: the contract's own message would name the field by its path.
  tree.forEach((t, i) => {
    if (!t.name.trim()) problems.push(`第 ${i + 1} 个一级指标的名称为空`);
    t.children.forEach((c, j) => !c.name.trim() && problems.push(`「${t.name || `第 ${i + 1} 个一级指标`}」下第 ${j + 1} 个二级指标的名称为空`));
  });
  const out = tree.map(d => ({ ...node(d), children: d.children.map(node) }));
  if (problems.length) throw new Error(`指标未保存：${problems.join('；')}`);
  return out;
}

/** One level's weight check: the shared rule's message when off, else a tick. */
function SumNote({ problem, label }: { problem: string | undefined; label: string }) {
  return problem ? <span className="as-sum bad">{problem}</span> : <span className="as-sum ok">{label}合计 100 ✓</span>;
}

export function IndicatorTree({ set, locked, onSaved }: { set: AssessmentSetDetail; locked: boolean; onSaved: (s: AssessmentSetDetail) => void }) {
  const [tree, setTree] = useState<Draft[]>(() => draftTree(set.indicators));
  const [dirty, setDirty] = useState(false);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const { busy, error, setError, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  const problems = useMemo(
    () =>
      checkWeights(tree.map(t => ({ name: t.name, weight: weightOf(t) || 0, children: t.children.map(c => ({ name: c.name, weight: weightOf(c) || 0 })) }))),
    [tree],
  );

  const change = (next: Draft[]) => {
    setTree(next);
    setDirty(true);
    setNotice(null);
  };
  const patch = (key: string, p: Partial<Draft>) =>
    change(tree.map(t => (t.key === key ? { ...t, ...p } : { ...t, children: t.children.map(c => (c.key === key ? { ...c, ...p } : c)) })));
  const move = <T,>(list: T[], i: number, by: number): T[] => {
    const j = i + by;
    if (j < 0 || j >= list.length) return list;
    const next = [...list];
    [next[i], next[j]] = [next[j], next[i]];
    return next;
  };
  const moveNode = (key: string, by: number) => {
    const i = tree.findIndex(t => t.key === key);
    if (i >= 0) return change(move(tree, i, by));
    change(
      tree.map(t => ({
        ...t,
        children: move(
          t.children,
          t.children.findIndex(c => c.key === key),
          by,
        ),
      })),
    );
  };
  const removeNode = (key: string) => change(tree.filter(t => t.key !== key).map(t => ({ ...t, children: t.children.filter(c => c.key !== key) })));

  const save = () =>
    run(async () => {
      const saved = await api.saveAssessmentIndicators({ setId: set.id, indicators: toInput(tree) });
      setTree(draftTree(saved.indicators));
      setDirty(false);
      setNotice('指标已保存');
      onSaved(saved);
    });

  const row = (d: Draft, level: 1 | 2, index: number, parent?: Draft) => {
    const hasChildren = level === 1 && d.children.length > 0;
    const field = (label: string, key: keyof Draft, size = 5, suffix?: string) => (
      <label className="as-param">
        {label}
        <input
          aria-label={`${d.name} ${label}`}
          value={d[key] as string}
          size={size}
          disabled={locked}
          onChange={e => patch(d.key, { [key]: e.target.value } as Partial<Draft>)}
        />
        {suffix}
      </label>
    );
    return (
      <tr key={d.key} className={level === 1 ? 'as-level1' : 'as-level2'}>
        <td>
          <span className="as-level-tag">{level === 1 ? '一级' : '二级'}</span>
          <input
            className="as-name"
            aria-label={`${level === 1 ? '一级' : '二级'}指标名称`}
            value={d.name}
            disabled={locked}
            onChange={e => patch(d.key, { name: e.target.value })}
          />
        </td>
        <td>
          <input
            className="as-weight"
            aria-label={`${d.name} 权重`}
            value={d.weight}
            disabled={locked}
            onChange={e => patch(d.key, { weight: e.target.value })}
            size={4}
          />
        </td>
        <td>
          {hasChildren ? (
            <span className="muted">按二级指标加权</span>
          ) : (
            <MethodSelect name={d.name} value={d.method} disabled={locked} onChange={method => patch(d.key, { method })} />
          )}
        </td>
        <td className="as-params">
          {hasChildren ? null : d.method === 'score' ? (
            field('满分', 'maxScore', 4)
          ) : d.method === 'points' ? (
            <>
              {field('满分', 'maxScore', 4)}
              {field('基础分', 'baseScore', 4)}
              {field('加分上限', 'addCap', 4)}
              {field('扣分上限', 'deductCap', 4)}
            </>
          ) : d.method === 'target' ? (
            <>
              {field('目标', 'target', 5)}
              {field('单位', 'targetUnit', 4)}
              {field('完成率封顶', 'maxRatioPercent', 4, '%')}
            </>
          ) : d.method === 'passFail' ? (
            <span className="muted">合格得满分，不合格不得分</span>
          ) : d.method === 'veto' ? (
            <span className="muted">不计分（权重 0）；触发即定为不称职</span>
          ) : (
            <span className="muted">按民主测评票数折算（优秀 95、称职 85、基本称职 75、不称职 65）</span>
          )}
        </td>
        <td>
          <button
            type="button"
            className="link"
            aria-expanded={open.has(d.key)}
            onClick={() => setOpen(o => new Set(o.has(d.key) ? [...o].filter(k => k !== d.key) : [...o, d.key]))}
          >
            {d.description || d.evidence ? '说明 ✎' : '说明'}
          </button>
        </td>
        <td className="as-cell-actions">
          {!locked && (
            <>
              <button type="button" className="link" aria-label={`上移 ${d.name}`} onClick={() => moveNode(d.key, -1)} disabled={index === 0}>
                ↑
              </button>
              <button
                type="button"
                className="link"
                aria-label={`下移 ${d.name}`}
                onClick={() => moveNode(d.key, 1)}
                disabled={index === (parent ? parent.children.length : tree.length) - 1}
              >
                ↓
              </button>
              {level === 1 && (
                <button type="button" className="link" onClick={() => patch(d.key, { children: [...d.children, blank(2)] })}>
                  加二级
                </button>
              )}
              <button type="button" className="link danger" onClick={() => removeNode(d.key)}>
                删除
              </button>
            </>
          )}
        </td>
      </tr>
    );
  };

  const details = (d: Draft) =>
    open.has(d.key) ? (
      <tr key={`${d.key}-more`} className="as-details">
        <td colSpan={6}>
          <label className="as-field">
            <span>指标说明</span>
            <textarea rows={2} value={d.description} disabled={locked} onChange={e => patch(d.key, { description: e.target.value })} />
          </label>
          <label className="as-field">
            <span>佐证材料</span>
            <textarea rows={2} value={d.evidence} disabled={locked} onChange={e => patch(d.key, { evidence: e.target.value })} />
          </label>
        </td>
      </tr>
    ) : null;

  return (
    <div className="as-tree">
      <div className="toolbar">
        <SumNote label="一级指标权重" problem={problems.find(p => p.startsWith('一级指标'))} />
        {!locked && (
          <>
            <button type="button" onClick={() => change([...tree, blank(1)])}>
              添加一级指标
            </button>
            <button type="button" className="primary" onClick={() => void save()} disabled={busy || !dirty}>
              保存指标
            </button>
            {dirty && (
              <button type="button" onClick={() => (setTree(draftTree(set.indicators)), setDirty(false), setError(null))}>
                放弃修改
              </button>
            )}
          </>
        )}
        {locked && <span className="muted">本指标体系有已定稿的考核轮次，指标已锁定；解锁该轮次后方可修改。</span>}
      </div>
      <ErrorLine error={error} className="message" />
      {notice && (
        <p className="message info" role="status">
          {notice}
        </p>
      )}
      <table className="as-table as-tree-table" aria-label="指标体系">
        <thead>
          <tr>
            <th>指标</th>
            <th>权重(%)</th>
            <th>计分方式</th>
            <th>计分参数</th>
            <th>说明</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {tree.flatMap((t, i) => [
            row(t, 1, i),
            details(t),
            ...t.children.flatMap((c, j) => [row(c, 2, j, t), details(c)]),
            t.children.length > 0 ? (
              <tr key={`${t.key}-sum`} className="as-sum-row">
                <td colSpan={6}>
                  <SumNote label={`「${t.name}」下的二级指标权重`} problem={problems.find(p => p.startsWith(`「${t.name}」下的二级指标`))} />
                </td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
      {tree.length === 0 && <p className="muted">尚无指标，点“添加一级指标”开始。</p>}
    </div>
  );
}
