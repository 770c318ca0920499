/**
 * 班子分析: every unit's 领导班子 with its figures (职数, 年龄梯次, 女干部, 党外干部, 全日制本科以上,
 * 正职任现职年限) and what it misses of the requirements of its kind of unit; the requirements
 * are set here, and the list exports to .xlsx. Every count opens its people in the roster.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  bandsUpTo,
  BACHELOR_OR_ABOVE,
  NON_CPC_CATEGORIES,
  YOUNG_AGES,
  type OutputOf,
  type StatsDrill,
  type Team,
  type TeamRequirements,
  type TeamRule,
} from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { downloadBase64 } from '../io/files';
import { FormDialog } from '../ui/FormDialog';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { drillHref } from './drill';

type Teams = OutputOf<'statsTeams'>;
type RuleBody = Omit<TeamRule, 'kind'>;

/** A count of a team as a link to its people. */
function People({ team, refDate, n, what, terms = {} }: { team: Team; refDate: string; n: number; what: string; terms?: Partial<StatsDrill> }) {
  const drill: StatsDrill = {
    scope: { kind: 'team', unitId: team.unitId },
    refDate,
    ...terms,
    label: `${team.unit}领导班子${what ? ` · ${what}` : ''}（截至 ${formatDate(refDate)}）`,
  };
  return (
    <a href={drillHref(drill)} title={`查看这 ${n} 人`}>
      {n}
    </a>
  );
}

function RuleFields({ rule, onChange, name }: { rule: RuleBody; onChange: (r: RuleBody) => void; name: string }) {
  const num = (key: keyof RuleBody, label: string, max: number, step = 1) => (
    <label>
      {label}
      <input
        type="number"
        min={0}
        max={max}
        step={step}
        aria-label={`${name}：${label}`}
        value={rule[key] as number}
        onChange={e => onChange({ ...rule, [key]: Math.max(0, Math.min(max, Number(e.target.value) || 0)) })}
      />
    </label>
  );
  return (
    <>
      {num('minWomen', '女干部至少（名）', 20)}
      <span className="st-young">
        {num('minYoung', '年轻干部至少（名）', 20)}
        <label>
          年龄
          <select
            aria-label={`${name}：年轻干部年龄`}
            value={rule.youngAge}
            onChange={e => onChange({ ...rule, youngAge: Number(e.target.value) as RuleBody['youngAge'] })}
          >
            {YOUNG_AGES.map(a => (
              <option key={a} value={a}>
                {a}岁及以下
              </option>
            ))}
          </select>
        </label>
      </span>
      {num('minNonCpc', '党外干部至少（名）', 20)}
      {num('minBachelorPct', '全日制本科以上不低于（%）', 100, 0.1)}
      {num('maxHeadYears', '正职任现职满（年）应交流，0 为不限', 50)}
      <label>
        <input
          type="checkbox"
          aria-label={`${name}：不超核定职数`}
          checked={rule.withinQuota}
          onChange={e => onChange({ ...rule, withinQuota: e.target.checked })}
        />
        不超核定职数
      </label>
    </>
  );
}

function RequirementsDialog({
  value,
  kinds,
  onClose,
  onSaved,
}: {
  value: TeamRequirements;
  kinds: string[];
  onClose: () => void;
  onSaved: (r: TeamRequirements) => void;
}) {
  const [draft, setDraft] = useState(value);
  const own = new Map(draft.byKind.map(r => [r.kind, r]));
  const allKinds = [...new Set([...kinds, ...draft.byKind.map(r => r.kind)])];
  const setKind = (kind: string, rule: RuleBody | null) =>
    setDraft(d => ({ ...d, byKind: rule ? [...d.byKind.filter(r => r.kind !== kind), { kind, ...rule }] : d.byKind.filter(r => r.kind !== kind) }));
  return (
    <FormDialog
      title="班子配备要求"
      action="保存"
      wide
      className="st-requirements"
      onClose={onClose}
      run={async () => onSaved(await api.saveTeamRequirements(draft))}
    >
      <fieldset>
        <legend>通用要求（适用于未单独设置的单位类别）</legend>
        <RuleFields name="通用要求" rule={draft.general} onChange={general => setDraft(d => ({ ...d, general }))} />
      </fieldset>
      {allKinds.map(kind => {
        const rule = own.get(kind);
        return (
          <fieldset key={kind}>
            <legend>
              <label>
                <input type="checkbox" checked={!!rule} onChange={e => setKind(kind, e.target.checked ? draft.general : null)} />
                {kind}：单独设置
              </label>
            </legend>
            {rule && <RuleFields name={kind} rule={rule} onChange={r => setKind(kind, r)} />}
          </fieldset>
        );
      })}
    </FormDialog>
  );
}

export function TeamsView({ refDate }: { refDate: string }) {
  const [data, setData] = useState<Teams | null>(null);
  const [onlyUnmet, setOnlyUnmet] = useState(true);
  const [editing, setEditing] = useState(false);
  const { message, info, fail, clear } = useMessage();

  const load = useCallback(() => {
    api.statsTeams({ refDate }).then(setData, fail);
  }, [refDate, fail]);
  useEffect(load, [load]);

  const exportXlsx = async () => {
    try {
      const r = await api.exportStatsTeams({ refDate });
      if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
      info(`已导出 ${r.teams} 个领导班子（其中 ${r.unmet} 个未达到配备要求）：${r.fileName}`);
    } catch (e) {
      fail(e);
    }
  };

  const teams = (data?.teams ?? []).filter(t => !onlyUnmet || t.unmet.length);
  const unmet = data?.teams.filter(t => t.unmet.length).length ?? 0;
  return (
    <section className="st-teams" aria-label="班子分析">
      <div className="toolbar no-print" role="toolbar" aria-label="班子分析操作">
        <button type="button" onClick={() => setEditing(true)} disabled={!data}>
          配备要求……
        </button>
        <button type="button" onClick={() => void exportXlsx()}>
          导出 Excel
        </button>
        <button type="button" onClick={() => window.print()}>
          打印
        </button>
        <label>
          <input type="checkbox" checked={onlyUnmet} onChange={e => setOnlyUnmet(e.target.checked)} />
          只看未达到要求的班子
        </label>
        {data && (
          <span className="hint">
            共 {data.teams.length} 个领导班子，其中 {unmet} 个未达到配备要求。
          </span>
        )}
      </div>
      <MessageLine message={message} onClose={clear} />
      {data && (
        <div className="st-sheet">
          <h2 className="st-title">
            领导班子结构分析<small>统计截止日期：{formatDate(data.refDate)}</small>
          </h2>
          <div className="st-table-wrap">
            <table className="st-table st-team-table" aria-label="领导班子">
              <thead>
                <tr>
                  <th>单位</th>
                  <th>类别</th>
                  <th>班子人数</th>
                  <th>核定职数</th>
                  <th>空缺</th>
                  <th>年龄（最小—最大，平均）</th>
                  <th>40岁及以下</th>
                  <th>45岁及以下</th>
                  <th>女干部</th>
                  <th>党外干部</th>
                  <th>全日制本科以上</th>
                  <th>正职任现职</th>
                  <th>未达到的配备要求</th>
                </tr>
              </thead>
              <tbody>
                {teams.map(t => (
                  <tr key={t.unitId}>
                    <th scope="row">{t.unit}</th>
                    <td>{t.kind}</td>
                    <td className="num">
                      <People team={t} refDate={data.refDate} n={t.size} what="" />
                    </td>
                    <td className="num">{t.quota?.approved ?? '—'}</td>
                    <td className="num">{t.quota ? t.quota.vacant : '—'}</td>
                    <td>{t.oldest === null ? '—' : `${t.youngest}—${t.oldest}岁，平均 ${t.averageAge?.toFixed(1)}岁`}</td>
                    <td className="num">
                      <People team={t} refDate={data.refDate} n={t.under40} what="40岁及以下" terms={{ group: 'ageBand', categories: bandsUpTo(40) }} />
                    </td>
                    <td className="num">
                      <People team={t} refDate={data.refDate} n={t.under45} what="45岁及以下" terms={{ group: 'ageBand', categories: bandsUpTo(45) }} />
                    </td>
                    <td className="num">
                      <People team={t} refDate={data.refDate} n={t.women} what="女干部" terms={{ gender: '女' }} />
                    </td>
                    <td className="num">
                      <People
                        team={t}
                        refDate={data.refDate}
                        n={t.nonCpc}
                        what="党外干部"
                        terms={{ group: 'political', categories: [...NON_CPC_CATEGORIES] }}
                      />
                    </td>
                    <td className="num">
                      <People
                        team={t}
                        refDate={data.refDate}
                        n={t.bachelor}
                        what="全日制本科以上"
                        terms={{ group: 'ftEducation', categories: [...BACHELOR_OR_ABOVE] }}
                      />
                      {`（${t.bachelorPct.toFixed(1)}%）`}
                    </td>
                    <td>{t.head ? `${t.head.name}${t.head.years === null ? '' : ` ${t.head.years}年`}` : '—'}</td>
                    <td className={t.unmet.length ? 'st-unmet' : 'muted'}>{t.unmet.length ? t.unmet.join('；') : '符合要求'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="st-note">
              注：年龄、任现职年限按统计截止日期计算周岁（按月）；百分比按四舍五入取值。班子为本单位担任本级及副职以上领导职务层次的干部。
            </p>
          </div>
        </div>
      )}
      {editing && data && (
        <RequirementsDialog
          value={data.requirements}
          kinds={data.kinds}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            info('已保存班子配备要求');
            load();
          }}
        />
      )}
    </section>
  );
}
