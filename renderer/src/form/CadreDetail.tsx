/**
 * One cadre on a page of its own (#/cadre/<id>): the appointment form
 * (任免审批表), the 职务变动 history and the 修改记录, with 返回名册 back to the roster.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Cadre } from '../../../shared/contract/api';
import { api } from '../api';
import { AppointmentForm } from './AppointmentForm';
import { AuditLog } from './AuditLog';
import { EventsTab } from '../events/EventsTab';
import './form.css';

type Tab = 'form' | 'events' | 'log';

export function CadreDetail({ id }: { id: number }) {
  const [cadre, setCadre] = useState<Cadre | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('form');

  useEffect(() => {
    let alive = true;
    setCadre(null);
    setError(null);
    api.getCadre({ id }).then(
      c => alive && setCadre(c),
      (e: Error) => alive && setError(e.message),
    );
    return () => {
      alive = false;
    };
  }, [id]);

  const onChanged = useCallback(
    (next?: Cadre) => {
      if (next) setCadre(next);
      else api.getCadre({ id }).then(setCadre, (e: Error) => setError(e.message));
    },
    [id],
  );

  const tabs: { id: Tab; label: string }[] = [
    { id: 'form', label: '任免审批表' },
    { id: 'events', label: '职务变动' },
    { id: 'log', label: '修改记录' },
  ];

  return (
    <div className="cadre-detail">
      <header className="cd-head">
        <button type="button" className="cd-back" onClick={() => (window.location.hash = '#/roster')}>
          ← 返回名册
        </button>
        <h1>{cadre ? cadre.name : '干部详情'}</h1>
        {cadre && (
          <span className="cd-sub">{[cadre.unit, cadre.post, cadre.status !== '在职' && `（${cadre.status}，在历史库中）`].filter(Boolean).join('　')}</span>
        )}
        <div className="cd-tabs" role="tablist" aria-label="干部详情">
          {tabs.map(t => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`cd-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`cd-panel-${t.id}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <div className="cd-body" role="tabpanel" id={`cd-panel-${tab}`} aria-labelledby={`cd-tab-${tab}`}>
        {error ? (
          <div className="cd-status error" role="alert">
            {error}
          </div>
        ) : !cadre ? (
          <div className="cd-status muted">正在读取……</div>
        ) : tab === 'form' ? (
          <AppointmentForm key={cadre.id} cadre={cadre} onChanged={onChanged} />
        ) : tab === 'events' ? (
          <EventsTab cadre={cadre} onChanged={() => onChanged()} />
        ) : (
          <AuditLog cadreId={id} />
        )}
      </div>
    </div>
  );
}
