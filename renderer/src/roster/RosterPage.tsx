import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellEditRequestEvent, ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { CadreRow, HistoryState, InputOf, SavedView, Unit } from '../../../shared/contract/api';
import type { CadreQuery } from '../../../shared/domain/roster/query';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { api } from '../api';
import { EditableGrid, type FillRequest, type GridHandle, type PasteRequest } from '../ui/EditableGrid';
import { FILL_KEY_TEXT, lineValues } from '../ui/gridLogic';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { buildColumns, chooserColumns, isEditable } from './columns';
import { QueryBuilder } from './QueryBuilder';
import { RecycleBin } from './RecycleBin';
import { RosterExport, type GridExportState } from './RosterExport';
import { UnitTree } from './UnitTree';
import { drillFromHash } from '../stats/drill';

type PageRequest = InputOf<'queryCadrePage'>;
type SaveRequest = InputOf<'saveCadres'>;

const BLOCK = 200;
const COLUMNS_KEY = 'cadre.roster.columns';

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
  const [history, setHistory] = useState<HistoryState>({ undo: null, redo: null });
  const { message, set: setMessage, info, fail, clear } = useMessage();
  const [binOpen, setBinOpen] = useState(false);
  const [chooserOpen, setChooserOpen] = useState(false);
  const [queryOpen, setQueryOpen] = useState(false);
  const [query, setQuery] = useState<CadreQuery | null>(null);
  const [views, setViews] = useState<SavedView[]>([]);
  /** The people behind a number of 统计分析 (#/roster?drill=…), until the user removes the chip. */
  const [drill, setDrill] = useState(() => drillFromHash(window.location.hash));
  const gridApi = useRef<GridApi<CadreRow> | null>(null);
  const grid = useRef<GridHandle | null>(null);
  const totalRef = useRef(0);
  totalRef.current = total ?? 0;
  const lastRequest = useRef<Omit<PageRequest, 'offset' | 'limit'>>({});

  const columns = useMemo(() => {
    const cols = buildColumns();
    const saved = localStorage.getItem(COLUMNS_KEY);
    if (!saved) return cols;
    const visible = new Set(JSON.parse(saved) as string[]);
    return cols.map(c => (c.colId === 'seq' || c.colId === 'name' ? c : { ...c, hide: !visible.has(c.colId!) }));
  }, []);
  const [visible, setVisible] = useState(() => new Set(columns.filter(c => !c.hide).map(c => c.colId!)));

  useEffect(() => {
    api.listUnits({}).then(setUnits, fail);
    api.getHistory({}).then(setHistory, () => undefined);
    api.listViews({}).then(setViews, () => undefined);
  }, [fail]);
  useEffect(() => {
    const t = setTimeout(() => setSearch(searchText.trim()), 200);
    return () => clearTimeout(t);
  }, [searchText]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) => {
        const req: Omit<PageRequest, 'offset' | 'limit'> = {
          unitId: unitId ?? undefined,
          search: search || undefined,
          query: query ?? undefined,
          drill: drill ?? undefined,
          filters: toFilters(params.filterModel as Record<string, { type?: string; filter?: string }>),
          sort: (params.sortModel as SortModelItem[]).map(s => ({ colId: s.colId, sort: s.sort })),
        };
        lastRequest.current = req;
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
    [drill, fail, query, search, unitId],
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

  const onCellEditRequest = useCallback(
    async (e: CellEditRequestEvent<CadreRow>) => {
      const field = e.colDef.colId ?? e.colDef.field;
      if (!field || !e.data) return;
      const r = await save({ updates: [{ id: e.data.id, values: { [field]: e.newValue ?? '' } }] }, `已保存：${e.data.name} 的${fieldLabel(field)}`);
      const row = r?.rows.find(x => x.id === e.data!.id);
      if (row) e.node.setData(row);
    },
    [save],
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
      const r = await save({ updates, creates, label, kind: 'paste' }, `已${label}（修改 ${updates.length}，新增 ${creates.length}）`);
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
        refresh();
      } catch (e) {
        fail(e);
      }
    },
    [fail, info, refresh],
  );

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
    localStorage.setItem(COLUMNS_KEY, JSON.stringify([...next]));
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

  const defaultColDef = useMemo<ColDef<CadreRow>>(
    () => ({ resizable: true, floatingFilter: true, filterParams: { maxNumConditions: 1, buttons: ['reset'] } }),
    [],
  );

  return (
    <section className="page roster">
      <header className="page-head">
        <h1>干部名册</h1>
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
        <button onClick={() => void step('undo')} disabled={!history.undo} title={history.undo ? `撤销：${history.undo.label}` : ''}>
          撤销{history.undo ? `：${history.undo.label}` : ''}
        </button>
        <button onClick={() => void step('redo')} disabled={!history.redo} title={history.redo ? `重做：${history.redo.label}` : ''}>
          重做
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
        <UnitTree units={units} selected={unitId} onSelect={setUnitId} />
        <EditableGrid<CadreRow>
          handle={grid}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK}
          maxBlocksInCache={50}
          getRowId={p => String(p.data.id)}
          onCellEditRequest={e => void onCellEditRequest(e)}
          ticks="rows"
          onCellDoubleClicked={e => {
            if (e.colDef.colId === 'seq' && e.data) window.location.hash = `#/cadre/${e.data.id}`;
          }}
          onGridReady={(e: GridReadyEvent<CadreRow>) => {
            gridApi.current = e.api;
          }}
          editable={isEditable}
          rowCount={() => totalRef.current}
          onPasteBlock={onPasteBlock}
          onFill={onFill}
          onStep={step}
          onNotice={info}
        />
      </div>
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
