/** 统计范围: everyone, a unit with its sub-units, a unit's 领导班子, a 查询方案, a 组合查询, a batch or a 干部类别. */
import { useEffect, useState } from 'react';
import { CADRE_TAGS } from '../../../shared/domain/roster/codes';
import { STATS_SCOPE_KIND_LABELS, STATS_SCOPE_KINDS, type SavedView, type StatsScope, type StatsScopeKind } from '../../../shared/contract/api';
import type { CadreQuery } from '../../../shared/domain/roster/query';
import { api } from '../api';
import { QueryBuilder } from '../roster/QueryBuilder';
import { buildColumns } from '../roster/columns';
import { unitOptions } from '../units/tree';

/** The lists a picker offers, loaded once per page. */
export function useScopeLists() {
  const [units, setUnits] = useState<ReturnType<typeof unitOptions>>([]);
  const [views, setViews] = useState<SavedView[]>([]);
  const [batches, setBatches] = useState<{ id: number; label: string }[]>([]);
  useEffect(() => {
    api.listUnits({}).then(
      u => setUnits(unitOptions(u)),
      () => undefined,
    );
    api.listViews({}).then(setViews, () => undefined);
    api.listSecondmentBatches({}).then(
      bs => setBatches(bs.map(b => ({ id: b.id, label: `${b.programme} ${b.name}` }))),
      () => undefined,
    );
  }, []);
  return { units, views, setViews, batches };
}

/** A scope still being chosen (no unit picked yet) is null. */
function emptyScope(kind: StatsScopeKind): StatsScope | null {
  return kind === 'all' ? { kind: 'all' } : kind === 'tag' ? { kind: 'tag', tag: CADRE_TAGS[0].name } : null;
}

export function ScopePicker({
  value,
  onChange,
  lists,
}: {
  value: StatsScope | null;
  onChange: (s: StatsScope | null, kind: StatsScopeKind) => void;
  lists: ReturnType<typeof useScopeLists>;
}) {
  const [kind, setKind] = useState<StatsScopeKind>(value?.kind ?? 'all');
  const [queryOpen, setQueryOpen] = useState(false);
  const unitId = value && (value.kind === 'unit' || value.kind === 'team') ? value.unitId : '';
  const saveView = async (name: string, query: CadreQuery) => {
    // Saved as the roster saves a 查询方案, with the roster's default columns.
    const columns = buildColumns()
      .filter(c => !c.hide && c.colId !== 'seq')
      .map(c => c.colId!);
    await api.saveView({ name, query, columns, sort: [] });
    lists.setViews(await api.listViews({}));
  };
  return (
    <fieldset className="st-scope">
      <legend>统计范围</legend>
      <select
        aria-label="统计范围"
        value={kind}
        onChange={e => {
          const k = e.target.value as StatsScopeKind;
          setKind(k);
          setQueryOpen(k === 'query');
          onChange(emptyScope(k), k);
        }}
      >
        {STATS_SCOPE_KINDS.map(k => (
          <option key={k} value={k}>
            {STATS_SCOPE_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      {(kind === 'unit' || kind === 'team') && (
        <select aria-label="单位" value={unitId} onChange={e => onChange(e.target.value ? { kind, unitId: Number(e.target.value) } : null, kind)}>
          <option value="">请选择单位</option>
          {lists.units.map(u => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      )}
      {kind === 'view' && (
        <select
          aria-label="查询方案"
          value={value?.kind === 'view' ? value.viewId : ''}
          onChange={e => onChange(e.target.value ? { kind: 'view', viewId: Number(e.target.value) } : null, kind)}
        >
          <option value="">{lists.views.length ? '请选择查询方案' : '（还没有保存的查询方案）'}</option>
          {lists.views.map(v => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      )}
      {kind === 'batch' && (
        <select
          aria-label="挂职批次"
          value={value?.kind === 'batch' ? value.batchId : ''}
          onChange={e => onChange(e.target.value ? { kind: 'batch', batchId: Number(e.target.value) } : null, kind)}
        >
          <option value="">请选择挂职批次</option>
          {lists.batches.map(b => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
      )}
      {kind === 'tag' && (
        <select aria-label="干部类别" value={value?.kind === 'tag' ? value.tag : ''} onChange={e => onChange({ kind: 'tag', tag: e.target.value }, kind)}>
          {CADRE_TAGS.map(t => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      {value?.kind === 'query' && value.from === 'roster' && <span className="st-from">干部名册当前的组合查询</span>}
      {kind === 'query' && (
        <button type="button" onClick={() => setQueryOpen(o => !o)} aria-expanded={queryOpen}>
          {value?.kind === 'query' ? '修改条件' : '设置条件'}
        </button>
      )}
      {kind === 'query' && queryOpen && (
        <QueryBuilder
          applied={value?.kind === 'query' ? value.query : null}
          views={lists.views}
          onApply={q => {
            onChange(q && q.where?.items.length ? { kind: 'query', query: q } : null, 'query');
            if (q) setQueryOpen(false);
          }}
          onSaveView={(name, q) => void saveView(name, q)}
          onOpenView={v => onChange({ kind: 'query', query: v.query }, 'query')}
          onDeleteView={v => void api.deleteView({ id: v.id }).then(() => api.listViews({}).then(lists.setViews))}
        />
      )}
    </fieldset>
  );
}
