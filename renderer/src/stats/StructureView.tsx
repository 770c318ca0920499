/** 结构统计: one scope's structure table (the chosen rows and columns), its exports and its charts. */
import { useEffect, useMemo, useState } from 'react';
import {
  applyLayout,
  BREAKDOWN_COLUMNS,
  cellDrill,
  GROUP_KEYS,
  GROUP_LABELS,
  type GroupKey,
  type StatsLayout,
  type StatsScope,
  type StructureTable,
} from '../../../shared/contract/api';
import { api } from '../api';
import { downloadBase64 } from '../io/files';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { Chart, type ChartPick } from './Chart';
import { barOption, pieOption, pyramidOption } from './charts';
import { openDrill } from './drill';
import { ReportTable, type BandedSeries } from './ReportTable';

const BAND_LABELS = { level: '领导职务层次', gender: '性别' } as const;
const columnLabel = (key: string) => key.slice(key.indexOf(':') + 1);

/** Opens the people of one category of the 总体 column (or of a gender column). */
function pickDrill(table: StructureTable, group: GroupKey, category: string, column = 'all') {
  openDrill(cellDrill({ label: columnLabel(column), table, column }, { item: GROUP_LABELS[group], category, group, categories: [category], cells: [] }));
}

function LayoutChooser({ layout, onChange, onSave }: { layout: StatsLayout; onChange: (l: StatsLayout) => void; onSave: () => void }) {
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter(x => x !== item));
  return (
    <div className="st-layout" role="group" aria-label="表格设置">
      <fieldset>
        <legend>显示的项目（行）</legend>
        {GROUP_KEYS.map(g => (
          <label key={g}>
            <input
              type="checkbox"
              checked={layout.groups.includes(g)}
              onChange={e => onChange({ ...layout, groups: toggle(layout.groups, g, e.target.checked) })}
            />
            {GROUP_LABELS[g]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>分列统计（列，总体始终显示）</legend>
        {BREAKDOWN_COLUMNS.map(c => (
          <label key={c}>
            <input
              type="checkbox"
              checked={layout.columns.includes(c)}
              onChange={e => onChange({ ...layout, columns: toggle(layout.columns, c, e.target.checked) })}
            />
            {c.startsWith('gender:') ? `性别：${columnLabel(c)}` : columnLabel(c)}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={onSave}>
        保存为默认设置
      </button>
    </div>
  );
}

export function StructureView({
  scope,
  refDate,
  layout,
  onLayout,
}: {
  scope: StatsScope | null;
  refDate: string;
  layout: StatsLayout;
  onLayout: (l: StatsLayout) => void;
}) {
  const [table, setTable] = useState<StructureTable | null>(null);
  const [busy, setBusy] = useState(false);
  const [layoutOpen, setLayoutOpen] = useState(false);
  const [draft, setDraft] = useState(layout);
  const [chartGroup, setChartGroup] = useState<GroupKey>('level');
  const [chartKind, setChartKind] = useState<'bar' | 'pie'>('bar');
  const { message, info, fail, clear } = useMessage();

  useEffect(() => setDraft(layout), [layout]);
  useEffect(() => {
    setTable(null);
    if (!scope) return;
    let live = true;
    setBusy(true);
    api
      .statsStructure({ scope, refDate })
      .then(
        t => live && setTable(t),
        e => live && fail(e),
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [scope, refDate, fail]);

  const shown = useMemo(() => table && applyLayout(table, draft), [table, draft]);
  const series: BandedSeries[] = useMemo(
    () => (shown ? shown.columns.map(c => ({ label: c.label, table: shown, column: c.key, band: c.band === 'all' ? undefined : BAND_LABELS[c.band] })) : []),
    [shown],
  );
  const bar = useMemo(
    () => table && (chartKind === 'bar' ? barOption : pieOption)(table, chartGroup, `${GROUP_LABELS[chartGroup]}结构`),
    [table, chartGroup, chartKind],
  );
  const pyramid = useMemo(() => table && pyramidOption(table), [table]);

  const exportAs = async (format: 'xlsx' | 'csv') => {
    if (!scope) return;
    try {
      const r = await api.exportStatsStructure({ scope, refDate, layout: draft, format });
      if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
      info(`已导出：${r.fileName}`);
    } catch (e) {
      fail(e);
    }
  };
  const saveLayout = async () => {
    try {
      onLayout(await api.saveStatsLayout(draft));
      info('已保存表格设置，下次打开时按此显示');
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="st-structure" aria-label="结构统计">
      <div className="toolbar no-print" role="toolbar" aria-label="结构统计操作">
        <button type="button" onClick={() => setLayoutOpen(o => !o)} aria-expanded={layoutOpen}>
          表格设置
        </button>
        <button type="button" disabled={!table} onClick={() => void exportAs('xlsx')}>
          导出 Excel
        </button>
        <button type="button" disabled={!table} onClick={() => void exportAs('csv')}>
          导出 CSV
        </button>
        <button type="button" disabled={!table} onClick={() => window.print()}>
          打印
        </button>
        <span className="hint">点击任一人数可在干部名册中查看这些人员。</span>
      </div>
      {layoutOpen && <LayoutChooser layout={draft} onChange={setDraft} onSave={() => void saveLayout()} />}
      <MessageLine message={message} onClose={clear} />
      {!scope && <p className="muted">请选择统计范围。</p>}
      {scope && !table && busy && <p className="muted">正在统计……</p>}
      {shown && table && (
        <div className="st-sheet">
          <h2 className="st-title">
            {table.scopeLabel}
            <small>
              统计截止日期：{table.refDate.replaceAll('-', '.')}　共 {table.total} 人
            </small>
          </h2>
          <ReportTable series={series} groups={shown.groups.map(g => g.key)} keyFigures={false} label="结构统计表" />
          <div className="st-charts">
            <div className="st-chart-controls no-print">
              <label>
                图表项目
                <select aria-label="图表项目" value={chartGroup} onChange={e => setChartGroup(e.target.value as GroupKey)}>
                  {GROUP_KEYS.map(g => (
                    <option key={g} value={g}>
                      {GROUP_LABELS[g]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <input type="radio" name="st-chart-kind" checked={chartKind === 'bar'} onChange={() => setChartKind('bar')} />
                柱状图
              </label>
              <label>
                <input type="radio" name="st-chart-kind" checked={chartKind === 'pie'} onChange={() => setChartKind('pie')} />
                饼图
              </label>
            </div>
            <Chart option={bar!} title={`${table.scopeLabel}${GROUP_LABELS[chartGroup]}结构`} onPick={(p: ChartPick) => pickDrill(table, chartGroup, p.name)} />
            <Chart
              option={pyramid!}
              title={`${table.scopeLabel}年龄结构`}
              onPick={(p: ChartPick) => pickDrill(table, 'ageBand', p.name, `gender:${p.seriesName}`)}
            />
          </div>
        </div>
      )}
    </section>
  );
}
