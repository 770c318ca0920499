/** #/set/<id>: one indicator set — its tree, personalised indicators, participants, daily records and rounds. */
import { useCallback, useEffect, useState } from 'react';
import type { AssessmentSetDetail, Round } from '../../../shared/contract/api';
import { api } from '../api';
import { DailyRecords } from './DailyRecords';
import { IndicatorTree } from './IndicatorTree';
import { Participants } from './Participants';
import { PersonalIndicators } from './PersonalIndicators';
import { RoundsTab } from './RoundsTab';
import { SetInfoDialog } from './SetInfoDialog';
import { MessageLine, useMessage } from '../ui/MessageLine';

type Tab = 'tree' | 'personal' | 'people' | 'daily' | 'rounds';
const TABS: { tab: Tab; label: string }[] = [
  { tab: 'tree', label: '指标体系' },
  { tab: 'personal', label: '个性化指标' },
  { tab: 'people', label: '参评人员' },
  { tab: 'daily', label: '日常考核' },
  { tab: 'rounds', label: '考核轮次' },
];

export function SetEditor({ id }: { id: number }) {
  const [set, setSet] = useState<AssessmentSetDetail | null>(null);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [tab, setTab] = useState<Tab>('tree');
  const [editing, setEditing] = useState(false);
  const msg = useMessage();

  const load = useCallback(async () => {
    try {
      const [s, r] = await Promise.all([api.getAssessmentSet({ id }), api.listAssessmentRounds({ setId: id })]);
      setSet(s);
      setRounds(r);
    } catch (e) {
      msg.fail(e);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  useEffect(() => void load(), [load]);

  const locked = rounds.some(r => r.status === 'finalised');

  return (
    <section className="page as-page">
      <header className="page-head">
        <a href="#/indicators" className="as-back">
          ‹ 考核指标
        </a>
        <h1>{set ? set.name : '指标体系'}</h1>
        {set && (
          <span className="count">
            {set.year} 年度 · 范围：{set.scope.label} · 参评 {set.participants} 人
          </span>
        )}
        <div className="as-head-actions">{set && <button onClick={() => setEditing(true)}>修改名称与范围</button>}</div>
      </header>
      <MessageLine message={msg.message} onClose={msg.clear} />
      {set && (
        <>
          {set.description && <p className="muted as-description">{set.description}</p>}
          <div className="as-tabs" role="tablist">
            {TABS.map(t => (
              <button key={t.tab} role="tab" aria-selected={tab === t.tab} onClick={() => setTab(t.tab)}>
                {t.label}
                {t.tab === 'people' ? `（${set.participants}）` : t.tab === 'rounds' ? `（${rounds.length}）` : ''}
              </button>
            ))}
          </div>
          <div className="as-scroll" role="tabpanel">
            {tab === 'tree' && <IndicatorTree key={set.id} set={set} locked={locked} onSaved={s => setSet(s)} />}
            {tab === 'personal' && <PersonalIndicators set={set} locked={locked} onChanged={() => void load()} />}
            {tab === 'people' && <Participants set={set} onChanged={() => void load()} />}
            {tab === 'daily' && <DailyRecords set={set} />}
            {tab === 'rounds' && <RoundsTab set={set} onChanged={() => void load()} />}
          </div>
        </>
      )}
      {editing && set && (
        <SetInfoDialog
          set={set}
          onClose={() => setEditing(false)}
          onSaved={s => {
            setEditing(false);
            setSet(s);
            msg.info('已保存');
          }}
        />
      )}
    </section>
  );
}
