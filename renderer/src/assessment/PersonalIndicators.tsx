/**
 * 个性化指标: per cadre, a weight or target replacing the set's default
 * (shown beside it), and extra indicators of that cadre only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { INDICATOR_METHOD_LABELS, type AssessmentSetDetail, type IndicatorMethod, type personalIndicatorsSchema } from '../../../shared/contract/api';
import { formatNumber } from '../../../shared/domain/assessment/numbers';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { MethodSelect, numberOrNull, numberText } from './ui';
import { ErrorLine } from '../ui/useAction';

type Personal = z.infer<typeof personalIndicatorsSchema>;

interface OverrideDraft {
  weight: string;
  target: string;
  note: string;
}
interface ExtraDraft {
  key: string;
  id?: number;
  parentId: number | null;
  name: string;
  weight: string;
  method: IndicatorMethod;
  maxScore: string;
  target: string;
  targetUnit: string;
}

const customised = (p: Personal) => p.indicators.some(i => i.extra || i.weight !== null || i.target !== null);

export function PersonalIndicators({ set, locked, onChanged }: { set: AssessmentSetDetail; locked: boolean; onChanged: () => void }) {
  const [people, setPeople] = useState<Personal[] | null>(null);
  const [cadreId, setCadreId] = useState<number | null>(null);
  const [overrides, setOverrides] = useState<Record<number, OverrideDraft>>({});
  const [extras, setExtras] = useState<ExtraDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const chosen = useRef<number | null>(null);
  chosen.current = cadreId;

  const load = useCallback(async () => {
    try {
      const list = await api.listPersonalIndicators({ setId: set.id });
      setPeople(list);
      return list;
    } catch (e) {
      setError(errorText(e));
      return [];
    }
  }, [set.id]);
  // The set is re-read after every save: refresh the chosen cadre's draft from it (new extras get their ids).
  useEffect(() => {
    void load().then(list => {
      const p = list.find(x => x.cadreId === chosen.current);
      if (p) choose(p, false);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, set]);

  const current = people?.find(p => p.cadreId === cadreId) ?? null;
  const firstLevel = set.indicators.filter(i => i.cadreId === null && i.parentId === null);

  const choose = (p: Personal, fresh = true) => {
    setCadreId(p.cadreId);
    if (fresh) {
      setError(null);
      setNotice(null);
    }
    setOverrides(
      Object.fromEntries(
        p.indicators.filter(i => !i.extra).map(i => [i.indicatorId, { weight: numberText(i.weight), target: numberText(i.target), note: i.note }]),
      ),
    );
    setExtras(
      set.indicators
        .filter(i => i.cadreId === p.cadreId)
        .map(i => ({
          key: `e${i.id}`,
          id: i.id,
          parentId: i.parentId,
          name: i.name,
          weight: numberText(i.weight),
          method: i.method,
          maxScore: numberText(i.maxScore),
          target: numberText(i.target),
          targetUnit: i.targetUnit,
        })),
    );
  };

  const save = async () => {
    if (!current) return;
    setError(null);
    setNotice(null);
    try {
      const num = (label: string, text: string) => {
        const n = numberOrNull(text);
        if (n !== null && !Number.isFinite(n)) throw new Error(`${current.name}的个性化指标未保存：${label}应为数字，不能是“${text}”`);
        return n;
      };
      const own = current.indicators.filter(i => !i.extra);
      const saved = await api.savePersonalIndicators({
        setId: set.id,
        cadreId: current.cadreId,
        overrides: own.map(i => {
          const o = overrides[i.indicatorId] ?? { weight: '', target: '', note: '' };
          return {
            indicatorId: i.indicatorId,
            weight: num(`「${i.name}」的本人权重`, o.weight),
            target: num(`「${i.name}」的本人目标`, o.target),
            note: o.note,
          };
        }),
        extras: extras.map(e => ({
          id: e.id,
          parentId: e.parentId,
          name: e.name,
          weight: num(`「${e.name}」的权重`, e.weight) ?? 0,
          method: e.method,
          maxScore: num(`「${e.name}」的满分`, e.maxScore) ?? 100,
          target: num(`「${e.name}」的目标`, e.target),
          targetUnit: e.targetUnit,
        })),
      });
      setNotice(`已保存${saved.name}的个性化指标`);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const patchExtra = (key: string, p: Partial<ExtraDraft>) => setExtras(xs => xs.map(x => (x.key === key ? { ...x, ...p } : x)));
  const patchOverride = (id: number, p: Partial<OverrideDraft>) =>
    setOverrides(o => ({ ...o, [id]: { ...(o[id] ?? { weight: '', target: '', note: '' }), ...p } }));

  if (people === null) return <p className="muted">正在读取……</p>;
  if (people.length === 0) return <p className="muted">考核范围内没有干部；请先在“参评人员”中确认范围或添加人员。</p>;

  return (
    <div className="as-split">
      <ul className="as-people" aria-label="参评干部">
        {people.map(p => (
          <li key={p.cadreId}>
            <button type="button" aria-current={p.cadreId === cadreId ? 'true' : undefined} onClick={() => choose(p)}>
              {p.name}
              {customised(p) && <span className="as-tag">已个性化</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="as-personal">
        {!current ? (
          <p className="muted">在左侧选择一名干部，查看并设置其个性化指标（本人权重、本人目标，或增加本人指标）。</p>
        ) : (
          <>
            <h3>{current.name}的指标</h3>
            <table className="as-table" aria-label={`${current.name}的指标`}>
              <thead>
                <tr>
                  <th>指标</th>
                  <th>计分方式</th>
                  <th>默认权重</th>
                  <th>本人权重</th>
                  <th>默认目标</th>
                  <th>本人目标</th>
                  <th>备注</th>
                </tr>
              </thead>
              <tbody>
                {current.indicators
                  .filter(i => !i.extra)
                  .map(i => {
                    const o = overrides[i.indicatorId] ?? { weight: '', target: '', note: '' };
                    return (
                      <tr key={i.indicatorId} className={o.weight || o.target ? 'as-overridden' : undefined}>
                        <td className={i.parentId ? 'as-indent' : undefined}>{i.name}</td>
                        <td>{INDICATOR_METHOD_LABELS[i.method]}</td>
                        <td className="num">{formatNumber(i.defaultWeight)}</td>
                        <td>
                          <input
                            aria-label={`${i.name} 本人权重`}
                            size={6}
                            value={o.weight}
                            disabled={locked}
                            placeholder="同默认"
                            onChange={e => patchOverride(i.indicatorId, { weight: e.target.value })}
                          />
                        </td>
                        <td className="num">{i.defaultTarget === null ? '' : `${formatNumber(i.defaultTarget)}${i.targetUnit}`}</td>
                        <td>
                          {i.method === 'target' ? (
                            <input
                              aria-label={`${i.name} 本人目标`}
                              size={7}
                              value={o.target}
                              disabled={locked}
                              placeholder="同默认"
                              onChange={e => patchOverride(i.indicatorId, { target: e.target.value })}
                            />
                          ) : null}
                        </td>
                        <td>
                          <input
                            aria-label={`${i.name} 备注`}
                            value={o.note}
                            disabled={locked}
                            onChange={e => patchOverride(i.indicatorId, { note: e.target.value })}
                          />
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
            <h3>本人增加的指标</h3>
            {extras.length === 0 && <p className="muted">无。增加后，同级指标的权重仍须合计 100（可用“本人权重”调整）。</p>}
            {extras.length > 0 && (
              <table className="as-table" aria-label="本人增加的指标">
                <thead>
                  <tr>
                    <th>名称</th>
                    <th>上级</th>
                    <th>权重</th>
                    <th>计分方式</th>
                    <th>满分</th>
                    <th>目标</th>
                    <th>单位</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {extras.map(e => (
                    <tr key={e.key}>
                      <td>
                        <input aria-label="个性化指标名称" value={e.name} disabled={locked} onChange={ev => patchExtra(e.key, { name: ev.target.value })} />
                      </td>
                      <td>
                        <select
                          aria-label="上级指标"
                          value={e.parentId ?? ''}
                          disabled={locked}
                          onChange={ev => patchExtra(e.key, { parentId: ev.target.value ? Number(ev.target.value) : null })}
                        >
                          <option value="">（作为一级指标）</option>
                          {firstLevel.map(f => (
                            <option key={f.id} value={f.id}>
                              {f.name}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={`${e.name} 权重`}
                          size={4}
                          value={e.weight}
                          disabled={locked}
                          onChange={ev => patchExtra(e.key, { weight: ev.target.value })}
                        />
                      </td>
                      <td>
                        <MethodSelect name={e.name} value={e.method} disabled={locked} onChange={method => patchExtra(e.key, { method })} />
                      </td>
                      <td>
                        <input
                          size={4}
                          aria-label={`${e.name} 满分`}
                          value={e.maxScore}
                          disabled={locked}
                          onChange={ev => patchExtra(e.key, { maxScore: ev.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          size={5}
                          aria-label={`${e.name} 目标`}
                          value={e.target}
                          disabled={locked || e.method !== 'target'}
                          onChange={ev => patchExtra(e.key, { target: ev.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          size={4}
                          aria-label={`${e.name} 单位`}
                          value={e.targetUnit}
                          disabled={locked || e.method !== 'target'}
                          onChange={ev => patchExtra(e.key, { targetUnit: ev.target.value })}
                        />
                      </td>
                      <td>
                        {!locked && (
                          <button type="button" className="link danger" onClick={() => setExtras(xs => xs.filter(x => x.key !== e.key))}>
                            删除
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <ErrorLine error={error} className="message" />
            {notice && (
              <p className="message info" role="status">
                {notice}
              </p>
            )}
            {!locked && (
              <div className="toolbar">
                <button
                  type="button"
                  onClick={() =>
                    setExtras(xs => [
                      ...xs,
                      { key: `n${Date.now()}`, parentId: null, name: '本人指标', weight: '0', method: 'score', maxScore: '100', target: '', targetUnit: '' },
                    ])
                  }
                >
                  增加本人指标
                </button>
                <button type="button" className="primary" onClick={() => void save()}>
                  保存{current.name}的个性化指标
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
