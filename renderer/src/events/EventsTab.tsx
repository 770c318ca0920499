/**
 * The cadre's 职务变动 tab: every event in date order (文号, unit, posts, 试用期, the 简历
 * line written, a recorded 超职数 reason), plans (拟任免) last with 决定 and 取消; buttons
 * to record an event or a plan (which fills the form's 拟任职务/拟免职务/任免理由 for printing).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Cadre, CadreEvent, HistoryState, Unit } from '../../../shared/contract/api';
import { formatDate, thisMonthCanonical } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DateInput } from '../ui/DateInput';
import { FormDialog } from '../ui/FormDialog';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { EventDialog } from './EventDialog';
import './events.css';

type Open = { kind: 'event' | 'plan' } | { kind: 'decide'; event: CadreEvent } | null;

export function EventsTab({ cadre, onChanged }: { cadre: Cadre; onChanged: (history: HistoryState) => void }) {
  const [events, setEvents] = useState<CadreEvent[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [open, setOpen] = useState<Open>(null);
  const { message, info, fail, clear } = useMessage();

  const load = useCallback(() => {
    api.listEvents({ cadreId: cadre.id }).then(setEvents, fail);
  }, [cadre.id, fail]);
  useEffect(() => {
    load();
    api.listUnits({}).then(setUnits, fail);
  }, [fail, load]);

  const done = (text: string, history: HistoryState) => {
    setOpen(null);
    info(text);
    load();
    onChanged(history);
  };
  const cancel = async (e: CadreEvent) => {
    try {
      const r = await api.cancelPlannedEvent({ id: e.id });
      done(`已取消拟${e.kind}`, r.history);
    } catch (err) {
      fail(err);
    }
  };

  const inHistory = cadre.status !== '在职';
  return (
    <div className="events-tab">
      <div className="toolbar" role="toolbar" aria-label="职务变动">
        <button type="button" className="primary" onClick={() => setOpen({ kind: 'event' })}>
          {inHistory ? '登记职务变动（恢复到名册）' : '登记职务变动'}
        </button>
        <button type="button" onClick={() => setOpen({ kind: 'plan' })} disabled={inHistory}>
          拟任免（填入任免审批表）
        </button>
        {inHistory && <span className="hint">该干部已{cadre.status}，在历史库中；登记新的任职等变动即恢复到名册。</span>}
      </div>
      <MessageLine message={message} onClose={clear} />
      {events === null ? (
        <p className="muted">正在读取……</p>
      ) : events.length === 0 ? (
        <p className="muted">还没有职务变动记录。</p>
      ) : (
        <table aria-label="职务变动记录">
          <thead>
            <tr>
              <th>时间</th>
              <th>类别</th>
              <th>单位</th>
              <th>任职务</th>
              <th>免职务</th>
              <th>层次 / 职级</th>
              <th>文号</th>
              <th>试用期至</th>
              <th>写入的简历行</th>
              <th>备注</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {events.map(e => (
              <tr key={e.id} className={e.planned ? 'planned' : undefined}>
                <td>{formatDate(e.date)}</td>
                <td>{e.planned ? `拟${e.kind}` : e.kind}</td>
                <td>{e.unit}</td>
                <td>{e.post}</td>
                <td>{e.removedPost}</td>
                <td>{[e.leadershipLevel, e.rank].filter(Boolean).join(' / ')}</td>
                <td>{[e.docNo, e.authority].filter(Boolean).join('　')}</td>
                <td>{e.probationEnd ? formatDate(e.probationEnd) : ''}</td>
                <td className="resume">{e.resumeLine}</td>
                <td>{[e.note, e.quotaReason && `超职数配备理由：${e.quotaReason}`].filter(Boolean).join('；')}</td>
                <td>
                  {e.planned && (
                    <>
                      <button type="button" onClick={() => setOpen({ kind: 'decide', event: e })}>
                        决定
                      </button>
                      <ConfirmButton question={`取消拟${e.kind}？任免审批表上由它填入的拟任、拟免职务将清空。`} onConfirm={() => cancel(e)}>
                        取消
                      </ConfirmButton>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(open?.kind === 'event' || open?.kind === 'plan') && (
        <EventDialog
          cadres={[cadre]}
          units={units}
          kind={inHistory ? '任职' : open.kind === 'plan' ? '提任' : '任职'}
          planned={open.kind === 'plan'}
          onClose={() => setOpen(null)}
          onDone={done}
        />
      )}
      {open?.kind === 'decide' && <DecideDialog event={open.event} onClose={() => setOpen(null)} onDone={done} />}
    </div>
  );
}

/** 决定: the plan becomes the event, on the decision's date and 文号. */
function DecideDialog({ event, onClose, onDone }: { event: CadreEvent; onClose: () => void; onDone: (text: string, history: HistoryState) => void }) {
  const [date, setDate] = useState(thisMonthCanonical);
  const [docNo, setDocNo] = useState(event.docNo);
  const [quotaReason, setQuotaReason] = useState(event.quotaReason);
  return (
    <FormDialog
      title={`决定：拟${event.kind} ${event.post || event.removedPost || event.rank}`}
      action="登记"
      onClose={onClose}
      className="ui-form lifecycle-form"
      run={async () => {
        const r = await api.decidePlannedEvent({ id: event.id, date, docNo, quotaReason });
        onDone(`已登记${event.kind}${r.event.resumeLine ? `；简历追加「${r.event.resumeLine.replace(/\s+/g, ' ')}」` : ''}`, r.history);
      }}
    >
      <label>
        时间
        <DateInput value={date} onChange={setDate} required aria-label="时间" />
      </label>
      <label>
        文号
        <input value={docNo} onChange={e => setDocNo(e.target.value)} aria-label="文号" />
      </label>
      <label className="wide">
        超职数配备理由（超出核定职数时必填）
        <input value={quotaReason} onChange={e => setQuotaReason(e.target.value)} aria-label="超职数配备理由" />
      </label>
    </FormDialog>
  );
}
