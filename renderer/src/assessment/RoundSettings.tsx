/**
 * A round's settings: kind, period, thresholds per grade, the 优秀 ratio,
 * its rounding and the grouping. The places each group would get under the
 * ratio and rounding being edited are shown beside them (the shared rule).
 */
import { useState } from 'react';
import { ROUND_GROUPINGS, ROUND_GROUPING_LABELS, ROUND_KINDS, ROUNDING_RULES, type Round, type ScoreGrid } from '../../../shared/contract/api';
import { quotaExplanation } from '../../../shared/domain/assessment/quota';
import { formatDate, parseDateInput } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { ErrorLine, useAction } from '../ui/useAction';

export function RoundSettings({ grid, onSaved, onClose }: { grid: ScoreGrid; onSaved: (r: Round) => void; onClose: () => void }) {
  const r = grid.round;
  const locked = r.status === 'finalised';
  const [name, setName] = useState(r.name);
  const [kind, setKind] = useState(r.kind);
  const [year, setYear] = useState(String(r.year));
  const [period, setPeriod] = useState(r.period);
  const [start, setStart] = useState(formatDate(r.startDate));
  const [end, setEnd] = useState(formatDate(r.endDate));
  const [excellent, setExcellent] = useState(String(r.thresholds.excellent));
  const [competent, setCompetent] = useState(String(r.thresholds.competent));
  const [basic, setBasic] = useState(String(r.thresholds.basic));
  const [percent, setPercent] = useState(String(r.quotaPercent));
  const [rounding, setRounding] = useState(r.rounding);
  const [grouping, setGrouping] = useState(r.grouping);
  const [notes, setNotes] = useState(r.notes);
  const { error, run } = useAction();

  const pct = Number(percent);
  const pctOk = Number.isInteger(pct) && pct >= 0 && pct <= 100;

  const save = () =>
    run(async () => {
      const num = (label: string, text: string) => {
        const n = Number(text);
        if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`${label}应为数字，不能是“${text}”`);
        return n;
      };
      const date = (label: string, text: string) => {
        const d = parseDateInput(text.trim());
        if (!d.ok) throw new Error(`${label}：${d.message}`);
        return d.value;
      };
      if (!name.trim()) throw new Error('请填写轮次名称');
      if (!pctOk) throw new Error(`优秀比例应为 0 到 100 的整数（百分点），不能是“${percent}”`);
      const saved = await api.saveAssessmentRound({
        id: r.id,
        setId: r.setId,
        name,
        kind,
        year: num('年度', year),
        period,
        startDate: date('开始日期', start),
        endDate: date('结束日期', end),
        thresholds: { excellent: num('优秀分数线', excellent), competent: num('称职分数线', competent), basic: num('基本称职分数线', basic) },
        quotaPercent: pct,
        rounding,
        grouping,
        notes,
      });
      onSaved(saved);
    });

  const text = (label: string, value: string, set: (v: string) => void, size = 6, placeholder?: string) => (
    <label className="as-field">
      <span>{label}</span>
      <input aria-label={label} value={value} size={size} disabled={locked} placeholder={placeholder} onChange={e => set(e.target.value)} />
    </label>
  );

  return (
    <form
      className="as-settings"
      aria-label="考核设置"
      onSubmit={e => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="as-row">
        {text('名称', name, setName, 22)}
        <label className="as-field">
          <span>类型</span>
          <select aria-label="类型" value={kind} disabled={locked} onChange={e => setKind(e.target.value as Round['kind'])}>
            {ROUND_KINDS.map(k => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        {text('年度', year, setYear, 5)}
        {text('期间', period, setPeriod, 8, '如：第一季度')}
        {text('开始日期', start, setStart, 10, '2025.01')}
        {text('结束日期', end, setEnd, 10, '2025.12')}
      </div>
      <div className="as-row">
        <fieldset className="as-group">
          <legend>等次分数线（总分不低于）</legend>
          {text('优秀', excellent, setExcellent, 4)}
          {text('称职', competent, setCompetent, 4)}
          {text('基本称职', basic, setBasic, 4)}
          <span className="muted">低于基本称职线为不称职；触发一票否决定为不称职。</span>
        </fieldset>
        <fieldset className="as-group">
          <legend>优秀比例</legend>
          <label className="as-field">
            <span>比例(%)</span>
            <input aria-label="优秀比例" value={percent} size={4} disabled={locked} onChange={e => setPercent(e.target.value)} />
          </label>
          <div className="as-radios" role="radiogroup" aria-label="名额取整">
            {ROUNDING_RULES.map(x => (
              <label key={x}>
                <input type="radio" name="rounding" checked={rounding === x} disabled={locked} onChange={() => setRounding(x)} />
                {x}
              </label>
            ))}
          </div>
          <div className="as-radios" role="radiogroup" aria-label="分组">
            {ROUND_GROUPINGS.map(g => (
              <label key={g}>
                <input type="radio" name="grouping" checked={grouping === g} disabled={locked} onChange={() => setGrouping(g)} />
                {ROUND_GROUPING_LABELS[g]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="as-places" aria-label="各组名额">
        <strong>各组名额：</strong>
        {grouping !== r.grouping ? (
          <span className="muted">分组方式已修改，保存后按新的分组计算各组名额。</span>
        ) : !pctOk ? (
          <span className="muted">请填写 0 到 100 的整数比例。</span>
        ) : grid.quota.length === 0 ? (
          <span className="muted">尚无参评人员。</span>
        ) : (
          grid.quota.map(q => (
            <span key={q.group} className="as-place">
              {q.group}：{quotaExplanation(q.assessed, pct, rounding)}
            </span>
          ))
        )}
      </div>
      <label className="as-field wide">
        <span>备注</span>
        <input aria-label="备注" value={notes} disabled={locked} onChange={e => setNotes(e.target.value)} />
      </label>
      <ErrorLine error={error} className="message" />
      <footer className="as-actions">
        <button type="button" onClick={onClose}>
          收起
        </button>
        {!locked && (
          <button type="submit" className="primary">
            保存设置
          </button>
        )}
      </footer>
    </form>
  );
}
