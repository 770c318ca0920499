/** 考核轮次 of a set: the list, and a new round (its settings are edited on the round page). */
import { useCallback, useEffect, useState } from 'react';
import { ROUND_KINDS, type AssessmentSetDetail, type Round } from '../../../shared/contract/api';
import { api } from '../api';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorLine, useAction } from '../ui/useAction';
import { RoundBadge } from './RoundBadge';
import { roundSummary } from './roundText';

const PERIODS: Record<(typeof ROUND_KINDS)[number], string[]> = {
  季度: ['第一季度', '第二季度', '第三季度', '第四季度'],
  半年: ['上半年', '下半年'],
  年度: ['全年'],
  专项: [''],
};

export function RoundsTab({ set, onChanged }: { set: AssessmentSetDetail; onChanged: () => void }) {
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [kind, setKind] = useState<(typeof ROUND_KINDS)[number]>('年度');
  const [period, setPeriod] = useState('全年');
  const [name, setName] = useState('');
  const { error, run } = useAction();

  const load = useCallback(() => run(async () => setRounds(await api.listAssessmentRounds({ setId: set.id }))), [run, set.id]);
  useEffect(() => void load(), [load]);

  const suggested = `${set.year}年${kind === '年度' ? '年度考核' : kind === '专项' ? '专项考核' : `${period}考核`}`;

  const create = () =>
    run(async () => {
      const r = await api.saveAssessmentRound({ setId: set.id, name: name.trim() || suggested, kind, year: set.year, period });
      onChanged();
      window.location.hash = `#/round/${r.id}`;
    });

  const remove = (r: Round) =>
    run(async () => {
      await api.deleteAssessmentRound({ id: r.id });
      onChanged();
      setRounds(await api.listAssessmentRounds({ setId: set.id }));
    });

  return (
    <div className="as-rounds">
      <form
        className="as-daily-form"
        onSubmit={e => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="as-field">
          <span>类型</span>
          <select
            aria-label="轮次类型"
            value={kind}
            onChange={e => {
              const k = e.target.value as (typeof ROUND_KINDS)[number];
              setKind(k);
              setPeriod(PERIODS[k][0]);
            }}
          >
            {ROUND_KINDS.map(k => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label className="as-field">
          <span>期间</span>
          <input aria-label="考核期间" list="as-periods" value={period} size={8} onChange={e => setPeriod(e.target.value)} />
          <datalist id="as-periods">
            {PERIODS[kind].map(p => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label className="as-field grow">
          <span>名称</span>
          <input aria-label="轮次名称" value={name} placeholder={suggested} onChange={e => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          新建考核轮次
        </button>
      </form>
      <ErrorLine error={error} className="message" />
      {rounds === null ? (
        <p className="muted">正在读取……</p>
      ) : rounds.length === 0 ? (
        <p className="muted">尚无考核轮次。新建后即可录入成绩、民主测评并评定等次。</p>
      ) : (
        <table className="as-table" aria-label="考核轮次">
          <thead>
            <tr>
              <th>名称</th>
              <th>类型</th>
              <th>年度</th>
              <th>设置</th>
              <th>状态</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rounds.map(r => (
              <tr key={r.id}>
                <td>
                  <a href={`#/round/${r.id}`}>{r.name}</a>
                </td>
                <td>
                  {r.kind}
                  {r.period ? ` · ${r.period}` : ''}
                </td>
                <td>{r.year}</td>
                <td className="muted">{roundSummary(r)}</td>
                <td>
                  <RoundBadge round={r} />
                </td>
                <td>
                  {r.status === 'open' && (
                    <ConfirmButton className="link danger" question={`删除考核轮次「${r.name}」及其成绩、测评票数和等次？`} onConfirm={() => remove(r)}>
                      删除
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
