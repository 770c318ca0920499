import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppStatus } from '../../shared/contract/api';
import { api } from './api';
import { Welcome } from './pages/Welcome';
import { RosterPage } from './roster/RosterPage';
import { DataPage } from './pages/DataPage';
import { NotYetOpen } from './pages/NotYetOpen';
import { CadreDetail } from './form/CadreDetail';
import { NewCadre } from './form/NewCadre';
import { QuotaPage } from './units/QuotaPage';
import { ImportExportPage } from './io/ImportExportPage';
import { BatchesPage } from './secondment/BatchesPage';
import { BatchDetail } from './secondment/BatchDetail';
import { VillagePage } from './secondment/VillagePage';
import { IndicatorsPage } from './assessment/IndicatorsPage';
import { RoundPage } from './assessment/RoundPage';
import { SetEditor } from './assessment/SetEditor';
import './assessment/assessment.css';
import { AuditPage } from './audit/AuditPage';
import { StatsPage } from './stats/StatsPage';
import { OperatorBadge } from './audit/OperatorSetting';
import { FieldFocus } from './reminders/FieldFocus';
import { RemindersCount, RemindersPage } from './reminders/RemindersPage';
import { matchRoute } from './router';

interface PageDef {
  id: string;
  label: string;
  /** What the page will do, for the 尚未开放 state. */
  plan?: string;
}

export const PAGES: PageDef[] = [
  { id: 'roster', label: '干部名册' },
  { id: 'reminders', label: '工作提醒' },
  { id: 'batches', label: '挂职批次' },
  { id: 'village', label: '驻村干部' },
  { id: 'indicators', label: '考核指标' },
  { id: 'io', label: '导入导出' },
  { id: 'stats', label: '统计分析' },
  { id: 'audit', label: '审计日志' },
  { id: 'data', label: '数据与备份' },
];

interface Route {
  path: string;
  /** The sidebar entry it belongs under (a batch under 挂职批次, a set or round under 考核指标). */
  section: string;
  render: (p: { id: number; page: string; status: AppStatus }) => ReactNode;
}

/** Every page behind the hash; the first is where an unknown hash goes. */
const ROUTES: Route[] = [
  // Keyed by the whole hash: a drill-down from 统计分析 (#/roster?drill=…) opens a fresh roster.
  { path: 'roster', section: 'roster', render: ({ page }) => <RosterPage key={page} /> },
  {
    path: 'cadre/:id',
    section: 'roster',
    render: ({ id }) => (
      <>
        <CadreDetail id={id} />
        <FieldFocus />
      </>
    ),
  },
  { path: 'reminders', section: 'reminders', render: () => <RemindersPage tab="due" /> },
  { path: 'reminders/quality', section: 'reminders', render: () => <RemindersPage tab="quality" /> },
  { path: 'cadre/new', section: 'roster', render: () => <NewCadre unitId={null} /> },
  { path: 'cadre/new/:id', section: 'roster', render: ({ id, page }) => <NewCadre key={page} unitId={id} /> },
  { path: 'quota', section: 'roster', render: () => <QuotaPage unitId={null} /> },
  { path: 'quota/:id', section: 'roster', render: ({ id, page }) => <QuotaPage key={page} unitId={id} /> },
  { path: 'batches', section: 'batches', render: () => <BatchesPage /> },
  { path: 'batch/:id', section: 'batches', render: ({ id, page }) => <BatchDetail key={page} id={id} /> },
  { path: 'village', section: 'village', render: () => <VillagePage /> },
  { path: 'indicators', section: 'indicators', render: () => <IndicatorsPage /> },
  { path: 'set/:id', section: 'indicators', render: ({ id, page }) => <SetEditor key={page} id={id} /> },
  { path: 'round/:id', section: 'indicators', render: ({ id, page }) => <RoundPage key={page} id={id} /> },
  { path: 'io', section: 'io', render: () => <ImportExportPage /> },
  { path: 'stats', section: 'stats', render: () => <StatsPage /> },
  { path: 'audit', section: 'audit', render: () => <AuditPage /> },
  { path: 'data', section: 'data', render: ({ status }) => <DataPage status={status} /> },
  ...PAGES.filter(p => p.plan).map(p => ({ path: p.id, section: p.id, render: () => <NotYetOpen title={p.label} plan={p.plan ?? ''} /> })),
];

const routeFromHash = () => matchRoute(ROUTES, window.location.hash);

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [match, setMatch] = useState(routeFromHash);

  const refresh = useCallback(() => {
    api.getStatus({}).then(setStatus, (e: Error) => setError(e.message));
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    const onHash = () => setMatch(routeFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (error)
    return (
      <div className="fatal" role="alert">
        无法读取数据：{error}
      </div>
    );
  if (!status) return <div className="loading">正在打开数据……</div>;
  if (!status.started) {
    return (
      <Welcome
        onDone={(next, choice) => {
          setStatus(next);
          if (choice === 'import') window.location.hash = '#/io';
        }}
      />
    );
  }

  const current = PAGES.find(p => p.id === match.route.section) ?? PAGES[0];
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="主导航">
        <div className="brand">干部工作台</div>
        <ul>
          {PAGES.map(p => (
            <li key={p.id}>
              <a href={`#/${p.id}`} aria-current={p.id === current.id ? 'page' : undefined}>
                {p.label}
                {p.id === 'reminders' && <RemindersCount refresh={current.id} />}
              </a>
            </li>
          ))}
        </ul>
        <OperatorBadge />
        <div className="sidebar-foot">版本 {status.appVersion}</div>
      </nav>
      <main className="content">{match.route.render({ id: match.id, page: match.page, status })}</main>
    </div>
  );
}
