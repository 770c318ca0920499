import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellEditRequestEvent, ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { CadreRow, HistoryState, InputOf, SavedView, Unit } from '../../../shared/contract/api';
import type { CadreQuery } from '../../../shared/domain/roster/query';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { api } from '../api';
import { EditableGrid, type FillRequest, type GridHandle, type PasteRequest } from '../ui/EditableGrid';
import { FILL_KEY_TEXT, lineValues } from '../ui/gridLogic';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { buildColumns, chooserColumns, historyColumns, isEditable, PINNED_COLUMNS } from './columns';
import { withSavedColumns } from '../ui/gridColumns';
import { QueryBuilder } from './QueryBuilder';
import { RecycleBin } from './RecycleBin';
import { RosterExport, type GridExportState } from './RosterExport';
import { UnitTree } from './UnitTree';
import type { UnitChange } from '../units/UnitDialogs';
import { EmptyHint, type HintAction } from '../ui/EmptyHint';
import { EventDialog, type EventCadre } from '../events/EventDialog';
import type { EventKind, StatsScope } from '../../../shared/contract/api';
import { drillFromHash, statsHref } from '../stats/drill';

type PageRequest = InputOf<'queryCadrePage'>;
type SaveRequest = InputOf<'saveCadres'>;

const BLOCK = 200;
/** The names the roster and the 历史库 keep their column layouts under (each its own). */
const GRID_KEY = 'roster';
const HISTORY_KEY = 'history';

/** The grid's text-filter model as the page route takes it. */
function toFilters(model: Record<string, { type?: string; filter?: string }> | undefined): PageRequest['filters'] {
  const out: NonNullable<PageRequest['filters']> = {};
  for (const [colId, f] of Object.entries(model ?? {})) {
    if (f?.type) out[colId] = { type: f.type as never, filter: f.filter === undefined ? undefined : String(f.filter) };
  }
  return out;
}

export function RosterPage() {
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [undoState, setHistory] = useState<HistoryState>({ undo: null, redo: null });
  const { message, set: setMessage, info, fail, clear } = useMessage();
  const [binOpen, setBinOpen] = useState(false);
  const [chooserOpen, setChooserOpen] = useState(false);
  const [queryOpen, setQueryOpen] = useState(false);
  const [query, setQuery] = useState<CadreQuery | null>(null);
  const [views, setViews] = useState<SavedView[]>([]);
  /** The 历史库 (cadres who left by 退休/调出/辞职/去世) instead of the roster. */
  const [history, setHistoryMode] = useState(false);
  const [filtered, setFiltered] = useState(false);
  const [eventFor, setEventFor] = useState<{ cadres: EventCadre[]; kind: EventKind } | null>(null);
  /** The row typed at the bottom of the grid: kept here until it has a name, then saved as a new cadre. */
  const [newRow, setNewRow] = useState<Partial<CadreRow>>({});
  /** The people behind a number of 统计分析 (#/roster?drill=…), until the user removes the chip. */
  const [drill, setDrill] = useState(() => drillFromHash(window.location.hash));
  const gridApi = useRef<GridApi<CadreRow> | null>(null);
  const grid = useRef<GridHandle | null>(null);
  const totalRef = useRef(0);
  totalRef.current = total ?? 0;
  const lastRequest = useRef<Omit<PageRequest, 'offset' | 'limit'>>({});

  const gridKey = history ? HISTORY_KEY : GRID_KEY;
  const columns = useMemo(() => (history ? historyColumns(buildColumns()) : buildColumns()), [history]);
  /** The columns shown as the grid restores them (EditableGrid keeps the layout per grid). */
  const shownColumns = useCallback(
    () =>
      new Set(
        withSavedColumns(columns, gridKey, PINNED_COLUMNS, true)
          .filter(c => !c.hide)
          .map(c => c.colId!),
      ),
    [columns, gridKey],
  );
  const [visible, setVisible] = useState(shownColumns);
  useEffect(() => setVisible(shownColumns()), [shownColumns]);

  const loadUnits = useCallback(() => api.listUnits({}).then(setUnits, fail), [fail]);
  useEffect(() => {
    void loadUnits();
    api.getHistory({}).then(setHistory, () => undefined);
    api.listViews({}).then(setViews, () => undefined);
  }, [fail, loadUnits]);
  useEffect(() => {
    const t = setTimeout(() => setSearch(searchText.trim()), 200);
    return () => clearTimeout(t);
  }, [searchText]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) => {
        const req: Omit<PageRequest, 'offset' | 'limit'> = {
          history: history || undefined,
          unitId: unitId ?? undefined,
          search: search || undefined,
          query: query ?? undefined,
          drill: drill ?? undefined,
          filters: toFilters(params.filterModel as Record<string, { type?: string; filter?: string }>),
          sort: (params.sortModel as SortModelItem[]).map(s => ({ colId: s.colId, sort: s.sort })),
        };
        lastRequest.current = req;
        setFiltered(Object.keys(req.filters ?? {}).length > 0);
        api.queryCadrePage({ ...req, offset: params.startRow, limit: params.endRow - params.startRow }).then(
          r => {
            setTotal(r.total);
            params.successCallback(r.rows, r.total);
          },
          e => {
            fail(e);
            params.failCallback();
          },
        );
      },
    }),
    [drill, fail, history, query, search, unitId],
  );

  const refresh = useCallback(() => gridApi.current?.refreshInfiniteCache(), []);

  const save = useCallback(
    async (req: SaveRequest, done: string) => {
      try {
        const r = await api.saveCadres(req);
        setHistory(r.history);
        const warn = r.warnings.length
          ? `；提示：${r.warnings
              .slice(0, 3)
              .map(w => `${fieldLabel(w.field)} ${w.message}`)
              .join('；')}`
          : '';
        info(done + warn);
        return r;
      } catch (e) {
        fail(e);
        return null;
      }
    },
    [fail, info],
  );

  /** A cell of the new row: kept until the row has a name, then the cadre is created in the chosen unit. */
  const editNewRow = useCallback(
    async (field: string, value: unknown) => {
      const next: Partial<CadreRow> =
        field === 'unit'
          ? { ...newRow, unitId: value as number | null, unit: units.find(u => u.id === value)?.name ?? '' }
          : { ...newRow, [field]: value ?? '' };
      if (!String(next.name ?? '').trim()) {
        setNewRow(next);
        info('新行：请填写姓名，填好后即保存为新干部');
        return;
      }
      const values: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(next)) if (k !== 'unit' && k !== 'unitId' && typeof v === 'string') values[k] = v;
      const unit = next.unitId ?? unitId;
      if (unit) values.unitId = unit;
      const r = await save(
        { creates: [{ values }], kind: 'create', label: `新增干部「${String(next.name).trim()}」` },
        `已新增干部「${String(next.name).trim()}」`,
      );
      if (r) {
        setNewRow({});
        refresh();
      } else setNewRow(next);
    },
    [info, newRow, refresh, save, unitId, units],
  );

  const onCellEditRequest = useCallback(
    async (e: CellEditRequestEvent<CadreRow>) => {
      const field = e.colDef.colId ?? e.colDef.field;
      if (!field || !e.data) return;
      if (e.rowPinned === 'bottom') return editNewRow(field, e.newValue);
      const values = field === 'unit' ? { unitId: (e.newValue as number | null) ?? null } : { [field]: e.newValue ?? '' };
      const r = await save({ updates: [{ id: e.data.id, values }] }, `已保存：${e.data.name} 的${fieldLabel(field)}`);
      const row = r?.rows.find(x => x.id === e.data!.id);
      if (row) e.node.setData(row);
    },
    [editNewRow, save],
  );

  /** Ids of the rows at display positions [from, from + n), fetched if not loaded. */
  const idsAt = useCallback(async (from: number, n: number): Promise<number[]> => {
    const g = gridApi.current!;
    const ids: (number | undefined)[] = [];
    for (let i = 0; i < n; i++) ids.push(g.getDisplayedRowAtIndex(from + i)?.data?.id);
    if (ids.every(id => id !== undefined)) return ids as number[];
    const page = await api.queryCadrePage({ ...lastRequest.current, offset: from, limit: n });
    return page.rows.map(r => r.id);
  }, []);

  /** A block pasted from Excel/WPS: existing rows updated, lines past the last row added as cadres; one undoable step. */
  const onPasteBlock = useCallback(
    async (p: PasteRequest<CadreRow>) => {
      const ids = p.existing ? await idsAt(p.rowIndex, p.existing) : [];
      const valuesOf = (cells: string[]) => lineValues(p.colIds, cells, isEditable);
      const updates = ids.map((id, i) => ({ id, values: valuesOf(p.block[i]) }));
      const creates = p.block.slice(p.existing).map(cells => ({ values: { ...valuesOf(cells), ...(unitId ? { unitId } : {}) } }));
      const label = `粘贴 ${p.block.length} 行`;
      const r = await save(
        { updates, creates, label, kind: 'paste', firstRow: p.rowIndex + 1 },
        `已${label}（修改 ${updates.length}，新增 ${creates.length}）`,
      );
      if (r) refresh();
    },
    [idsAt, refresh, save, unitId],
  );

  const onFill = useCallback(
    async ({ colId, source, targets }: FillRequest<CadreRow>) => {
      const value = (source as unknown as Record<string, unknown>)[colId];
      const updates = targets.map(row => ({ id: row.id, values: { [colId]: (value ?? '') as string } }));
      const label = `向下填充 ${fieldLabel(colId)} ${updates.length} 行`;
      if (await save({ updates, label, kind: 'fill' }, `已${label}`)) refresh();
    },
    [refresh, save],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const r = await api.stepHistory({ direction });
        setHistory(r.history);
        info(`已${direction === 'undo' ? '撤销' : '重做'}：${r.label}`);
        void loadUnits(); // the step may have been a change of the unit tree
        refresh();
      } catch (e) {
        fail(e);
      }
    },
    [fail, info, loadUnits, refresh],
  );
  // A unit that is gone (undone, merged, abolished) is no longer the one shown.
  useEffect(() => {
    if (unitId !== null && !units.some(u => u.id === unitId)) setUnitId(null);
  }, [unitId, units]);

  const deleteSelected = useCallback(async () => {
    const ids = (gridApi.current?.getSelectedNodes() ?? []).map(n => n.data?.id).filter((id): id is number => !!id);
    if (!ids.length) {
      info('请先勾选要删除的干部');
      return;
    }
    try {
      const r = await api.setCadresDeleted({ ids, deleted: true });
      setHistory(r.history);
      info(`已将 ${r.count} 名干部移入回收站（可撤销，或在回收站中恢复）`);
      gridApi.current?.deselectAll();
      refresh();
    } catch (e) {
      fail(e);
    }
  }, [fail, info, refresh]);

  const openFocused = useCallback(() => {
    const g = gridApi.current;
    const focused = g?.getFocusedCell();
    const id = focused ? g?.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id : undefined;
    if (id) window.location.hash = `#/cadre/${id}`;
    else info('请先点选一名干部');
  }, [info]);

  const saveView = async (name: string, q: CadreQuery) => {
    const g = gridApi.current;
    if (!g) return;
    const state = g.getColumnState();
    try {
      const view = await api.saveView({
        name,
        query: q,
        columns: state.filter(s => !s.hide && s.colId !== 'seq' && !s.colId.startsWith('ag-Grid-')).map(s => s.colId),
        sort: state.filter(s => s.sort).map(s => ({ colId: s.colId, sort: s.sort! })),
      });
      setViews(await api.listViews({}));
      info(`已保存查询方案「${view.name}」`);
    } catch (e) {
      fail(e);
    }
  };

  const openView = (v: SavedView) => {
    const g = gridApi.current;
    if (!g) return;
    const shown = new Set([...v.columns, 'name']);
    g.applyColumnState({
      state: columns
        .filter(c => c.colId !== 'seq')
        .map(c => ({ colId: c.colId!, hide: !shown.has(c.colId!), sort: v.sort.find(s => s.colId === c.colId)?.sort ?? null })),
    });
    setVisible(shown);
    setQuery(v.query);
    info(`已打开查询方案「${v.name}」`);
  };

  const deleteView = async (v: SavedView) => {
    await api.deleteView({ id: v.id });
    setViews(await api.listViews({}));
  };

  const toggleColumn = (colId: string, show: boolean) => {
    const next = new Set(visible);
    if (show) next.add(colId);
    else next.delete(colId);
    setVisible(next);
    gridApi.current?.setColumnsVisible([colId], show);
  };

  /** The grid as shown, for 导出: visible columns in display order and the last request's view. */
  const exportState = (): GridExportState | null => {
    const g = gridApi.current;
    if (!g) return null;
    const columns = g
      .getAllDisplayedColumns()
      .filter(c => !c.getColId().startsWith('ag-Grid-'))
      .map(c => ({ key: c.getColId() as GridExportState['columns'][number]['key'], header: c.getColDef().headerName }));
    return { columns, view: lastRequest.current };
  };

  const onUnitsChanged = async (c: UnitChange) => {
    setHistory(c.history);
    info(c.text);
    await loadUnits(); // first: a unit chosen before the tree has it would be dropped as gone
    if (c.select !== undefined) setUnitId(c.select);
    refresh();
  };

  /**
   * 统计分析 of what the roster shows: its 组合查询 (with the unit chosen in the tree), else the
   * unit, else everyone. The 查找 box and column filters are the roster's own and are not carried.
   */
  const openStats = () => {
    const scope: StatsScope = query
      ? { kind: 'query', query: { ...query, unitId: query.unitId ?? unitId ?? undefined }, from: 'roster' }
      : unitId
        ? { kind: 'unit', unitId }
        : { kind: 'all' };
    window.location.hash = statsHref(scope);
  };
  const statsTitle =
    (query ? '统计当前组合查询的干部（结构统计表）' : unitId ? '统计所选单位（含下属单位）的干部' : '统计全部干部') +
    (search || filtered ? '；不含查找框和列筛选条件' : '');

  const newCadre = () => {
    window.location.hash = unitId ? `#/cadre/new/${unitId}` : '#/cadre/new';
  };

  /** 职务变动 for the ticked rows (or the focused one); in the 历史库, a new event brings them back. */
  const openEvent = (kind: EventKind) => {
    const g = gridApi.current;
    const ticked = (g?.getSelectedNodes() ?? []).map(n => n.data).filter((r): r is CadreRow => !!r);
    const focused = g?.getFocusedCell();
    const current = focused && !focused.rowPinned ? g?.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
    const rows = ticked.length ? ticked : current ? [current] : [];
    if (!rows.length) return info('请先勾选（或点选）要登记职务变动的干部');
    setEventFor({
      kind,
      cadres: rows.map(r => ({ id: r.id, name: r.name, unitId: r.unitId, post: r.post, leadershipLevel: r.leadershipLevel, rank: r.rank })),
    });
  };

  const toggleHistory = (on: boolean) => {
    setHistoryMode(on);
    gridApi.current?.deselectAll();
  };

  const clearFilters = () => {
    setSearchText('');
    setSearch('');
    setUnitId(null);
    setQuery(null);
    gridApi.current?.setFilterModel(null);
  };

  /** What the empty grid says instead: the next step after 空白开始, or how to see rows again. */
  const emptyHint = () => {
    const filtering = !!(search || query || filtered);
    const unitName = units.find(u => u.id === unitId)?.name;
    const clear: HintAction = { label: '清除筛选', onClick: clearFilters, primary: true };
    if (history) {
      const back: HintAction = { label: '返回名册', onClick: () => toggleHistory(false) };
      return (
        <EmptyHint
          message={filtering || unitName ? '历史库中没有符合条件的干部' : '历史库中还没有干部'}
          detail="登记退休、调出、辞职或去世后，干部转入历史库，仍可在此查找。"
          actions={filtering || unitName ? [clear, back] : [back]}
        />
      );
    }
    if (filtering)
      return <EmptyHint message="没有符合条件的干部" detail="换个条件，或清除筛选查看全部干部。" actions={[clear, { label: '新增干部', onClick: newCadre }]} />;
    const add: HintAction[] = [
      { label: '新增干部', onClick: newCadre, primary: true },
      { label: '从 Excel 导入', onClick: () => (window.location.hash = '#/io') },
    ];
    if (unitName)
      return (
        <EmptyHint
          message={`「${unitName}」中还没有干部`}
          detail="新增的干部默认放在这个单位；也可在表格最下方的“新行”直接输入姓名。"
          actions={[...add, { label: '查看全部单位', onClick: () => setUnitId(null) }]}
        />
      );
    return (
      <EmptyHint
        message="名册中还没有干部"
        detail={
          units.length
            ? '可以逐个新增（也可在表格最下方的“新行”直接输入），或从 Excel、任免审批表文件导入。'
            : '可先在左侧“新增单位”建立单位树，再新增干部；也可从 Excel 导入（单位随之建立）。'
        }
        actions={add}
      />
    );
  };

  const newRowData = useMemo(() => ({ ...newRow, id: 0, tags: [] }) as unknown as CadreRow, [newRow]);

  const defaultColDef = useMemo<ColDef<CadreRow>>(
    () => ({ resizable: true, floatingFilter: true, filterParams: { maxNumConditions: 1, buttons: ['reset'] } }),
    [],
  );

  return (
    <section className="page roster">
      <header className="page-head">
        <h1>{history ? '干部名册 · 历史库' : '干部名册'}</h1>
        <input
          className="search"
          type="search"
          placeholder="姓名、拼音（zs / zhangsan）、身份证号、职务"
          aria-label="查找干部"
          value={searchText}
          onChange={e => setSearchText(e.target.value)}
        />
        <span className="count" aria-live="polite">
          {total === null ? '' : `共 ${total} 人`}
        </span>
        {drill && (
          <span className="drill-chip">
            统计：{drill.label ?? '统计分析中的一项'}
            <button
              type="button"
              aria-label="移除统计筛选"
              title="移除统计筛选"
              onClick={() => {
                window.history.replaceState(null, '', '#/roster');
                setDrill(null);
              }}
            >
              ×
            </button>
          </span>
        )}
      </header>
      <div className="toolbar" role="toolbar" aria-label="名册操作">
        <button onClick={() => void step('undo')} disabled={!undoState.undo} title={undoState.undo ? `撤销：${undoState.undo.label}` : ''}>
          撤销{undoState.undo ? `：${undoState.undo.label}` : ''}
        </button>
        <button onClick={() => void step('redo')} disabled={!undoState.redo} title={undoState.redo ? `重做：${undoState.redo.label}` : ''}>
          重做
        </button>
        <button onClick={newCadre} title={unitId ? '在所选单位新增一名干部（任免审批表）' : '新增一名干部（任免审批表）'}>
          新增干部
        </button>
        <button onClick={() => openEvent('任职')} title="为勾选的干部登记任免、调动、职级晋升、退休等（可多人同一文号）">
          {history ? '恢复到名册…' : '职务变动…'}
        </button>
        <button
          onClick={() => toggleHistory(!history)}
          aria-pressed={history}
          className={history ? 'active' : undefined}
          title="已退休、调出、辞职、去世的干部"
        >
          历史库
        </button>
        <button onClick={() => void grid.current?.fill()} title={FILL_KEY_TEXT}>
          向下填充 (Ctrl+D)
        </button>
        <button onClick={() => void deleteSelected()}>删除所选</button>
        <button onClick={() => setBinOpen(true)}>回收站</button>
        <button onClick={openFocused}>打开任免审批表</button>
        <button onClick={() => setChooserOpen(o => !o)} aria-expanded={chooserOpen}>
          选择列
        </button>
        <button onClick={() => setQueryOpen(o => !o)} aria-expanded={queryOpen} className={query ? 'active' : undefined}>
          组合查询{query ? '（已应用）' : ''}
        </button>
        <button onClick={openStats} disabled={history} title={statsTitle}>
          统计
        </button>
        <RosterExport current={exportState} onDone={setMessage} />
        <span className="hint">提示：从 Excel/WPS 复制一块单元格，点选起始单元格后按 Ctrl+V 粘贴；超出末行的部分新增为干部。</span>
      </div>
      {chooserOpen && (
        <fieldset className="column-chooser">
          <legend>显示的列</legend>
          {chooserColumns(columns).map(c => (
            <label key={c.colId}>
              <input type="checkbox" checked={visible.has(c.colId)} onChange={e => toggleColumn(c.colId, e.target.checked)} />
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
      {queryOpen && (
        <QueryBuilder
          applied={query}
          views={views}
          onApply={q => setQuery(q && q.where && q.where.items.length ? q : null)}
          onSaveView={(name, q) => void saveView(name, q)}
          onOpenView={openView}
          onDeleteView={v => void deleteView(v)}
        />
      )}
      <MessageLine message={message} onClose={clear} />
      <div className="roster-body">
        <UnitTree units={units} selected={unitId} onSelect={setUnitId} onChanged={c => void onUnitsChanged(c)} onFail={fail} />
        <div className="roster-main">
          <EditableGrid<CadreRow>
            handle={grid}
            columnDefs={columns}
            defaultColDef={defaultColDef}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={BLOCK}
            maxBlocksInCache={50}
            // Rows are drawn as their block arrives, not spread over later frames: no empty rows
            // on screen while the data is already there (a screen holds a few dozen rows).
            suppressAnimationFrame
            getRowId={p => String(p.data.id)}
            onCellEditRequest={e => void onCellEditRequest(e)}
            ticks="rows"
            gridKey={gridKey}
            columnChooser
            openColumns={PINNED_COLUMNS}
            onOpenRow={row => (window.location.hash = `#/cadre/${row.id}`)}
            onGridReady={(e: GridReadyEvent<CadreRow>) => {
              gridApi.current = e.api;
            }}
            editable={isEditable}
            rowCount={() => totalRef.current}
            onPasteBlock={onPasteBlock}
            onFill={onFill}
            onStep={step}
            onNotice={info}
            pinnedBottomRowData={history ? undefined : [newRowData]}
          />
          {total === 0 && <div className="roster-empty">{emptyHint()}</div>}
        </div>
      </div>
      {eventFor && (
        <EventDialog
          cadres={eventFor.cadres}
          units={units}
          kind={eventFor.kind}
          onClose={() => setEventFor(null)}
          onDone={(text, h) => {
            setEventFor(null);
            setHistory(h);
            info(text);
            gridApi.current?.deselectAll();
            refresh();
          }}
        />
      )}
      {binOpen && (
        <RecycleBin
          onClose={() => setBinOpen(false)}
          onRestored={(count, h) => {
            setHistory(h);
            info(`已恢复 ${count} 名干部`);
            refresh();
          }}
        />
      )}
    </section>
  );
}
