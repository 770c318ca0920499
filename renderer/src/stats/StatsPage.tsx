/**
 * 统计分析: structure tables of a scope (结构统计), units side by side (对比分析), every unit's
 * 领导班子 (班子分析) and the secondment/village figures over time (挂职与驻村). The tab, the scope,
 * the date and the compared units are kept for the browser tab, so coming back from the roster
 * (after a click on a number) shows the same page.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_LAYOUT, type StatsLayout, type StatsScope } from '../../../shared/contract/api';
import { todayCanonical } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { DateInput } from '../ui/DateInput';
import { CompareView } from './CompareView';
import { scopeFromHash } from './drill';
import { ScopePicker, useScopeLists } from './ScopePicker';
import { StructureView } from './StructureView';
import { TeamsView } from './TeamsView';
import { TrendView } from './TrendView';
import './stats.css';

const TABS = [
  ['structure', '结构统计'],
  ['compare', '对比分析'],
  ['teams', '班子分析'],
  ['trend', '挂职与驻村'],
] as const;
type Tab = (typeof TABS)[number][0];

interface PageState {
  tab: Tab;
  scope: StatsScope | null;
  refDate: string;
  compare: StatsScope[];
}
const STATE_KEY = 'cadre.stats.page';

/** The page as the browser tab left it; a scope in the address (the roster's 统计 button) comes first. */
function restored(): PageState {
  const fallback: PageState = { tab: 'structure', scope: { kind: 'all' }, refDate: todayCanonical(), compare: [] };
  let kept = fallback;
  try {
    kept = { ...fallback, ...(JSON.parse(sessionStorage.getItem(STATE_KEY) ?? '{}') as Partial<PageState>) };
  } catch {
    // A damaged saved state: start afresh.
  }
  const asked = scopeFromHash(window.location.hash);
  return asked ? { ...kept, tab: 'structure', scope: asked } : kept;
}

export function StatsPage() {
  const [state, setState] = useState(restored);
  const [layout, setLayout] = useState<StatsLayout>(DEFAULT_LAYOUT);
  const lists = useScopeLists();
  const set = (patch: Partial<PageState>) => setState(s => ({ ...s, ...patch }));

  useEffect(() => sessionStorage.setItem(STATE_KEY, JSON.stringify(state)), [state]);
  useEffect(() => {
    api.getStatsSettings({}).then(
      s => setLayout(s.layout),
      () => undefined,
    );
  }, []);

  return (
    <section className="page stats">
      <header className="page-head no-print">
        <h1>统计分析</h1>
        <nav className="st-tabs" role="tablist" aria-label="统计分析">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={state.tab === id} onClick={() => set({ tab: id })}>
              {label}
            </button>
          ))}
        </nav>
        <label className="st-date">
          统计截止日期
          <DateInput aria-label="统计截止日期" value={state.refDate} precision="day" required onChange={refDate => set({ refDate })} />
        </label>
      </header>
      {state.tab === 'structure' && (
        <>
          <div className="no-print">
            <ScopePicker value={state.scope} lists={lists} onChange={scope => set({ scope })} />
          </div>
          <StructureView scope={state.scope} refDate={state.refDate} layout={layout} onLayout={setLayout} />
        </>
      )}
      {state.tab === 'compare' && (
        <CompareView refDate={state.refDate} groups={layout.groups} lists={lists} scopes={state.compare} onScopes={compare => set({ compare })} />
      )}
      {state.tab === 'teams' && <TeamsView refDate={state.refDate} />}
      {state.tab === 'trend' && <TrendView refDate={state.refDate} />}
    </section>
  );
}
