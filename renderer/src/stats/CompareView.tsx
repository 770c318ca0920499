/** 对比分析: several units (or their 领导班子) side by side, the same rows as columns per unit. */
import { useEffect, useState } from 'react';
import type { GroupKey, StatsScope, StructureTable } from '../../../shared/contract/api';
import { api } from '../api';
import { downloadBase64 } from '../io/files';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { ReportTable } from './ReportTable';
import type { useScopeLists } from './ScopePicker';

const MAX = 12;
const sameScope = (a: StatsScope, b: StatsScope) => JSON.stringify(a) === JSON.stringify(b);

export function CompareView({
  refDate,
  groups,
  lists,
  scopes,
  onScopes,
}: {
  refDate: string;
  groups: GroupKey[];
  lists: ReturnType<typeof useScopeLists>;
  scopes: StatsScope[];
  onScopes: (s: StatsScope[]) => void;
}) {
  const [unitId, setUnitId] = useState('');
  const [team, setTeam] = useState(false);
  const [tables, setTables] = useState<StructureTable[]>([]);
  const { message, info, fail, clear } = useMessage();

  useEffect(() => {
    if (!scopes.length) {
      setTables([]);
      return;
    }
    let live = true;
    api.statsCompare({ scopes, refDate }).then(
      r => live && setTables(r.tables),
      e => live && fail(e),
    );
    return () => {
      live = false;
    };
  }, [scopes, refDate, fail]);

  const add = () => {
    if (!unitId) return;
    const scope: StatsScope = { kind: team ? 'team' : 'unit', unitId: Number(unitId) };
    if (scopes.some(s => sameScope(s, scope))) return info('已在对比中');
    if (scopes.length >= MAX) return info(`最多同时对比 ${MAX} 个`);
    onScopes([...scopes, scope]);
  };
  const exportAs = async (format: 'xlsx' | 'csv') => {
    try {
      const r = await api.exportStatsCompare({ scopes, refDate, groups, format });
      if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
      info(`已导出：${r.fileName}`);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="st-compare" aria-label="对比分析">
      <div className="toolbar no-print" role="toolbar" aria-label="对比分析操作">
        <select aria-label="对比单位" value={unitId} onChange={e => setUnitId(e.target.value)}>
          <option value="">选择单位</option>
          {lists.units.map(u => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
        <label>
          <input type="radio" name="st-compare-kind" checked={!team} onChange={() => setTeam(false)} />
          含下属单位
        </label>
        <label>
          <input type="radio" name="st-compare-kind" checked={team} onChange={() => setTeam(true)} />
          领导班子
        </label>
        <button type="button" disabled={!unitId} onClick={add}>
          加入对比
        </button>
        <button type="button" disabled={!scopes.length} onClick={() => void exportAs('xlsx')}>
          导出 Excel
        </button>
        <button type="button" disabled={!scopes.length} onClick={() => void exportAs('csv')}>
          导出 CSV
        </button>
        <button type="button" disabled={!scopes.length} onClick={() => window.print()}>
          打印
        </button>
      </div>
      {scopes.length > 0 && (
        <ul className="st-chips no-print" aria-label="对比的单位">
          {scopes.map((s, i) => (
            <li key={JSON.stringify(s)}>
              {tables[i]?.scopeLabel ?? '……'}
              <button type="button" aria-label={`移出对比：${tables[i]?.scopeLabel ?? ''}`} onClick={() => onScopes(scopes.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <MessageLine message={message} onClose={clear} />
      {!scopes.length && <p className="muted">选择单位后点“加入对比”，可并列比较多个单位（或领导班子）的结构。</p>}
      {tables.length === scopes.length && tables.length > 0 && (
        <div className="st-sheet">
          <h2 className="st-title">
            干部结构对比<small>统计截止日期：{refDate.replaceAll('-', '.')}</small>
          </h2>
          <ReportTable series={tables.map(t => ({ label: t.scopeLabel, table: t, column: 'all' }))} groups={groups} keyFigures label="对比分析表" />
        </div>
      )}
    </section>
  );
}
