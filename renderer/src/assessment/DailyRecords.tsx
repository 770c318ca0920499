/** 日常考核: dated records with points on an indicator (加减分 indicators count them in the round covering the date). */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AssessmentSetDetail, dailyRecordSchema, participantSchema } from '../../../shared/contract/api';
import { formatDate, todayCanonical } from '../../../shared/domain/common/dates';
import { formatNumber } from '../../../shared/domain/assessment/numbers';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { ErrorLine, useAction } from '../ui/useAction';
import { DateInput } from '../ui/DateInput';

type DailyRecord = z.infer<typeof dailyRecordSchema>;
type Participant = z.infer<typeof participantSchema>;

export function DailyRecords({ set }: { set: AssessmentSetDetail }) {
  const [records, setRecords] = useState<DailyRecord[] | null>(null);
  const [people, setPeople] = useState<Participant[]>([]);
  const [cadreId, setCadreId] = useState('');
  const [indicatorId, setIndicatorId] = useState('');
  const [date, setDate] = useState(todayCanonical);
  const [points, setPoints] = useState('');
  const [note, setNote] = useState('');
  const { error, setError, run } = useAction();

  // Points land only on 加减分 indicators (the set's own, or the chosen cadre's extras).
  const leaves = set.indicators.filter(i => i.method === 'points' && (i.cadreId === null || String(i.cadreId) === cadreId));

  const load = useCallback(() => api.listDailyRecords({ setId: set.id }).then(setRecords, e => setError(errorText(e))), [set.id, setError]);
  useEffect(() => {
    void load();
    api.listAssessmentParticipants({ setId: set.id }).then(
      p => setPeople(p.filter(x => x.source !== 'removed')),
      () => undefined,
    );
  }, [load, set.id]);

  const add = () =>
    run(async () => {
      if (!cadreId) throw new Error('请选择干部');
      if (date.length !== 10) throw new Error('日常考核的日期需写到日，如 2025.03.12');
      const n = Number(points);
      if (points.trim() === '' || !Number.isFinite(n)) throw new Error(`分值应为数字（加分为正、扣分为负），不能是“${points}”`);
      await api.addDailyRecord({
        setId: set.id,
        cadreId: Number(cadreId),
        indicatorId: indicatorId ? Number(indicatorId) : null,
        date,
        points: n,
        note,
      });
      setPoints('');
      setNote('');
      await load();
    });

  const remove = (r: DailyRecord) =>
    run(async () => {
      await api.removeDailyRecord({ id: r.id });
      await load();
    });

  return (
    <div className="as-daily">
      <form
        className="as-daily-form"
        onSubmit={e => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="as-field">
          <span>干部</span>
          <select aria-label="日常考核干部" value={cadreId} onChange={e => setCadreId(e.target.value)}>
            <option value="">请选择</option>
            {people.map(p => (
              <option key={p.cadreId} value={p.cadreId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="as-field">
          <span>日期</span>
          <DateInput aria-label="日常考核日期" value={date} onChange={setDate} precision="day" required placeholder="2025.03.12" />
        </label>
        <label className="as-field">
          <span>指标</span>
          <select aria-label="日常考核指标" value={indicatorId} onChange={e => setIndicatorId(e.target.value)}>
            <option value="">（不计入指标，仅记录）</option>
            {leaves.map(i => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label className="as-field">
          <span>分值</span>
          <input aria-label="日常考核分值" value={points} size={5} placeholder="+2 / -1" onChange={e => setPoints(e.target.value)} />
        </label>
        <label className="as-field grow">
          <span>事由</span>
          <input aria-label="日常考核事由" value={note} onChange={e => setNote(e.target.value)} placeholder="如：牵头完成项目签约" />
        </label>
        <button type="submit" className="primary">
          记录
        </button>
      </form>
      <p className="muted">分值记到“加减分”指标上，计入考核期间覆盖该日期的轮次；不选指标则仅作记录，供评分时参考。</p>
      <ErrorLine error={error} className="message" />
      {records === null ? (
        <p className="muted">正在读取……</p>
      ) : records.length === 0 ? (
        <p className="muted">暂无日常考核记录。</p>
      ) : (
        <table className="as-table" aria-label="日常考核记录">
          <thead>
            <tr>
              <th>日期</th>
              <th>姓名</th>
              <th>指标</th>
              <th>分值</th>
              <th>事由</th>
              <th>记录人</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {records.map(r => (
              <tr key={r.id}>
                <td>{formatDate(r.date)}</td>
                <td>{r.name}</td>
                <td>{r.indicator || <span className="muted">—</span>}</td>
                <td className={`num ${r.points < 0 ? 'neg' : ''}`}>{r.points > 0 ? `+${formatNumber(r.points)}` : formatNumber(r.points)}</td>
                <td>{r.note}</td>
                <td>{r.operator}</td>
                <td>
                  <button type="button" className="link danger" onClick={() => void remove(r)}>
                    删除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
