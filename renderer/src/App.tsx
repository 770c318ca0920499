import { useCallback, useEffect, useState } from 'react';
import type { AppStatus } from '../../shared/contract/api';
import { api } from './api';
import { Welcome } from './pages/Welcome';
import { RosterPage } from './roster/RosterPage';
import { DataPage } from './pages/DataPage';
import { NotYetOpen } from './pages/NotYetOpen';
import { CadreDetail } from './form/CadreDetail';
import { ImportExportPage } from './io/ImportExportPage';
import { BatchesPage } from './secondment/BatchesPage';
import { BatchDetail } from './secondment/BatchDetail';
import { VillagePage } from './secondment/VillagePage';
import { AssessmentRoute, isAssessmentPage } from './assessment/AssessmentRoute';
import { AuditPage } from './audit/AuditPage';
import { OperatorBadge } from './audit/OperatorSetting';

interface PageDef {
  id: string;
  label: string;
  /** What the page will do, for the 尚未开放 state. */
  plan?: string;
}

export const PAGES: PageDef[] = [
  { id: 'roster', label: '干部名册' },
  { id: 'batches', label: '挂职批次' },
  { id: 'village', label: '驻村干部' },
  { id: 'indicators', label: '考核指标' },
  { id: 'io', label: '导入导出' },
  { id: 'stats', label: '统计分析', plan: '班子与队伍结构分析：年龄段、80后/90后占比、性别、学历、民族等。' },
  { id: 'audit', label: '审计日志' },
  { id: 'data', label: '数据与备份' },
];

function pageFromHash(): string {
  const id = window.location.hash.replace(/^#\/?/, '');
  return PAGES.some(p => p.id === id) || /^cadre\/\d+$/.test(id) || /^batch\/\d+$/.test(id) || isAssessmentPage(id) ? id : 'roster';
}

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(pageFromHash);

  const refresh = useCallback(() => {
    api.getStatus({}).then(setStatus, (e: Error) => setError(e.message));
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (error) return <div className="fatal" role="alert">无法读取数据：{error}</div>;
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

  // A batch's page belongs under 挂职批次 in the sidebar, a set's or round's under 考核指标.
  const section = /^batch\/\d+$/.test(page) ? 'batches' : isAssessmentPage(page) ? 'indicators' : page;
  const current = PAGES.find(p => p.id === section) ?? PAGES[0];
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="主导航">
        <div className="brand">干部工作台</div>
        <ul>
          {PAGES.map(p => (
            <li key={p.id}>
              <a href={`#/${p.id}`} aria-current={p.id === current.id ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
        <OperatorBadge />
        <div className="sidebar-foot">版本 {status.appVersion}</div>
      </nav>
      <main className="content">
        {/^cadre\/\d+$/.test(page) ? (
          <CadreDetail id={Number(page.slice('cadre/'.length))} />
        ) : /^batch\/\d+$/.test(page) ? (
          <BatchDetail key={page} id={Number(page.slice('batch/'.length))} />
        ) : current.id === 'batches' ? (
          <BatchesPage />
        ) : current.id === 'village' ? (
          <VillagePage />
        ) : isAssessmentPage(page) ? (
          <AssessmentRoute page={page} />
        ) : current.id === 'roster' ? (
          <RosterPage />
        ) : current.id === 'data' ? (
          <DataPage status={status} />
        ) : current.id === 'io' ? (
          <ImportExportPage />
        ) : current.id === 'audit' ? (
          <AuditPage />
        ) : (
          <NotYetOpen title={current.label} plan={current.plan ?? ''} />
        )}
      </main>
    </div>
  );
}
