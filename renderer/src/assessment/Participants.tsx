/** 参评人员: who the scope resolves to today, plus hand additions and removals. */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AssessmentSetDetail, participantSchema, CadreRow } from '../../../shared/contract/api';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { ErrorLine, useAction } from '../ui/useAction';

type Participant = z.infer<typeof participantSchema>;
const SOURCE_LABEL: Record<Participant['source'], string> = { scope: '范围内', added: '手动添加', removed: '已移出' };

export function Participants({ set, onChanged }: { set: AssessmentSetDetail; onChanged: () => void }) {
  const [list, setList] = useState<Participant[] | null>(null);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<CadreRow[]>([]);
  const { error, setError, run } = useAction();

  const load = useCallback(() => api.listAssessmentParticipants({ setId: set.id }).then(setList, e => setError(errorText(e))), [set.id, setError]);
  useEffect(() => void load(), [load]);

  useEffect(() => {
    const text = search.trim();
    if (!text) return setFound([]);
    const t = setTimeout(
      () =>
        api.listCadres({ search: text }).then(
          r => setFound(r.slice(0, 20)),
          () => setFound([]),
        ),
      250,
    );
    return () => clearTimeout(t);
  }, [search]);

  const change = (req: { add?: number[]; remove?: number[]; reset?: number[] }) =>
    run(async () => {
      setList(await api.saveAssessmentParticipants({ setId: set.id, ...req }));
      onChanged();
    });

  const inList = new Map((list ?? []).map(p => [p.cadreId, p]));
  const active = (list ?? []).filter(p => p.source !== 'removed').length;

  return (
    <div className="as-participants">
      <p className="muted">
        范围：{set.scope.label}（按当前名册实时计算）。参评 {active} 人{list && list.length > active ? `，手动移出 ${list.length - active} 人` : ''}。
      </p>
      <div className="toolbar">
        <input
          className="search"
          type="search"
          aria-label="查找干部以添加"
          placeholder="添加参评人员：输入姓名、拼音或身份证号"
          value={search}
          onChange={e => setSearch(e.target.value)}
        />
      </div>
      {found.length > 0 && (
        <ul className="as-found" aria-label="查找结果">
          {found.map(c => {
            const p = inList.get(c.id);
            return (
              <li key={c.id}>
                <span>
                  {c.name} <small className="muted">{[c.unit, c.post].filter(Boolean).join(' ')}</small>
                </span>
                {p && p.source !== 'removed' ? (
                  <span className="muted">已在名单中</span>
                ) : (
                  <button type="button" className="link" onClick={() => void change(p ? { reset: [c.id] } : { add: [c.id] })}>
                    添加
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorLine error={error} className="message" />
      {list === null ? (
        <p className="muted">正在读取……</p>
      ) : list.length === 0 ? (
        <p className="muted">考核范围内暂无干部。</p>
      ) : (
        <table className="as-table" aria-label="参评人员">
          <thead>
            <tr>
              <th>序号</th>
              <th>姓名</th>
              <th>单位</th>
              <th>职务</th>
              <th>职务层次</th>
              <th>来源</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p, i) => (
              <tr key={p.cadreId} className={p.source === 'removed' ? 'as-removed' : undefined}>
                <td className="num">{i + 1}</td>
                <td>
                  <a href={`#/cadre/${p.cadreId}`}>{p.name}</a>
                </td>
                <td>{p.unit}</td>
                <td>{p.post}</td>
                <td>{p.leadershipLevel}</td>
                <td>{SOURCE_LABEL[p.source]}</td>
                <td>
                  {p.source === 'removed' ? (
                    <button type="button" className="link" onClick={() => void change({ reset: [p.cadreId] })}>
                      恢复
                    </button>
                  ) : p.source === 'added' ? (
                    <button type="button" className="link danger" onClick={() => void change({ reset: [p.cadreId] })}>
                      移出
                    </button>
                  ) : (
                    <button type="button" className="link danger" onClick={() => void change({ remove: [p.cadreId] })}>
                      移出
                    </button>
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
