/** 考核指标: the indicator sets with their scope, indicator count and rounds; new, copy, delete. */
import { useCallback, useEffect, useState } from 'react';
import type { AssessmentSet, Round } from '../../../shared/contract/api';
import { api } from '../api';
import { SetInfoDialog } from './SetInfoDialog';
import { ConfirmButton } from '../ui/ConfirmButton';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { RoundBadge } from './RoundBadge';

interface Counts {
  first: number;
  second: number;
  extras: number;
}

export function IndicatorsPage() {
  const [sets, setSets] = useState<AssessmentSet[] | null>(null);
  const [counts, setCounts] = useState<Record<number, Counts>>({});
  const [rounds, setRounds] = useState<Round[]>([]);
  const [creating, setCreating] = useState(false);
  const msg = useMessage();

  const load = useCallback(async () => {
    try {
      const [list, allRounds] = await Promise.all([api.listAssessmentSets({}), api.listAssessmentRounds({})]);
      setSets(list);
      setRounds(allRounds);
      // The list route has no indicator counts: read each set's tree (sets are few).
      const details = await Promise.all(list.map(s => api.getAssessmentSet({ id: s.id })));
      setCounts(
        Object.fromEntries(
          details.map(d => {
            const own = d.indicators.filter(i => i.cadreId === null);
            return [
              d.id,
              { first: own.filter(i => i.level === 1).length, second: own.filter(i => i.level === 2).length, extras: d.indicators.length - own.length },
            ];
          }),
        ),
      );
    } catch (e) {
      msg.fail(e);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => void load(), [load]);

  const copy = async (s: AssessmentSet) => {
    try {
      const c = await api.copyAssessmentSet({ id: s.id, name: `${s.name}（副本）` });
      msg.info(`已复制为「${c.name}」`);
      await load();
    } catch (e) {
      msg.fail(e);
    }
  };
  const remove = async (s: AssessmentSet) => {
    try {
      await api.deleteAssessmentSet({ id: s.id });
      msg.info(`已删除「${s.name}」`);
      await load();
    } catch (e) {
      msg.fail(e);
    }
  };

  return (
    <section className="page as-page">
      <header className="page-head">
        <h1>考核指标</h1>
        <span className="count">{sets ? `共 ${sets.length} 套指标体系` : ''}</span>
        <div className="as-head-actions">
          <button className="primary" onClick={() => setCreating(true)}>
            新建指标体系
          </button>
        </div>
      </header>
      <MessageLine message={msg.message} onClose={msg.clear} />
      <div className="as-scroll">
        {sets === null ? (
          <p className="muted">正在读取……</p>
        ) : sets.length === 0 ? (
          <div className="as-empty">
            <p>还没有考核指标体系。</p>
            <p className="muted">可从内置模板（沈阳挂职干部考核、德能勤绩廉、湖州吴兴积分制、南通负重·承压·创先）新建，再按需修改。</p>
          </div>
        ) : (
          <table className="as-table" aria-label="指标体系">
            <thead>
              <tr>
                <th>名称</th>
                <th>年度</th>
                <th>考核范围</th>
                <th>参评人数</th>
                <th>指标</th>
                <th>考核轮次</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {sets.map(s => {
                const c = counts[s.id];
                const own = rounds.filter(r => r.setId === s.id);
                return (
                  <tr key={s.id}>
                    <td>
                      <a href={`#/set/${s.id}`}>{s.name}</a>
                    </td>
                    <td>{s.year}</td>
                    <td>{s.scope.label}</td>
                    <td className="num">{s.participants}</td>
                    <td>{c ? `一级 ${c.first} 项、二级 ${c.second} 项${c.extras ? `，个性化 ${c.extras} 项` : ''}` : '…'}</td>
                    <td>
                      {own.length === 0 ? (
                        <span className="muted">无</span>
                      ) : (
                        <ul className="as-round-links">
                          {own.map(r => (
                            <li key={r.id}>
                              <a href={`#/round/${r.id}`}>{r.name}</a> <RoundBadge round={r} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="as-cell-actions">
                      <a href={`#/set/${s.id}`}>编辑</a>
                      <button className="link" onClick={() => void copy(s)}>
                        复制
                      </button>
                      <ConfirmButton className="link danger" question={`删除指标体系「${s.name}」及其全部考核轮次、成绩？`} onConfirm={() => remove(s)}>
                        删除
                      </ConfirmButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {creating && (
        <SetInfoDialog
          onClose={() => setCreating(false)}
          onSaved={s => {
            setCreating(false);
            window.location.hash = `#/set/${s.id}`;
          }}
        />
      )}
    </section>
  );
}
