/**
 * 审计日志: every change, who made it and when, filtered by cadre, operator,
 * time and kind of change, paged and sorted by time in SQL (AG Grid's
 * infinite row model), and exported as .xlsx bytes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EditableGrid, READ_ONLY_COL } from '../ui/EditableGrid';
import { EmptyHint } from '../ui/EmptyHint';
import type { ColDef, ICellRendererParams, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, formatAuditTime, type AuditKind } from '../../../shared/domain/audit/text';
import type { AuditFilter, AuditRow } from '../../../shared/contract/api';
import { api } from '../api';
import { downloadBase64 } from '../io/files';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { DateInput } from '../ui/DateInput';
import './audit.css';

const BLOCK = 100;

function TargetCell({ data }: ICellRendererParams<AuditRow>) {
  if (!data) return null;
  if (data.cadreId === null) return <span>{data.target}</span>;
  return (
    <a href={`#/cadre/${data.cadreId}`} title={`打开 ${data.target} 的任免审批表`}>
      {data.target}
    </a>
  );
}

const COLUMNS: ColDef<AuditRow>[] = [
  {
    colId: 'at',
    field: 'at',
    headerName: '时间',
    width: 170,
    sortable: true,
    sort: 'desc',
    valueFormatter: p => (p.value ? formatAuditTime(String(p.value)) : ''),
  },
  { colId: 'operator', field: 'operator', headerName: '操作员', width: 120 },
  { colId: 'kind', field: 'kindText', headerName: '类型', width: 130 },
  { colId: 'target', field: 'target', headerName: '对象', width: 170, cellRenderer: TargetCell },
  { colId: 'summary', field: 'summary', headerName: '内容（修改前 → 修改后）', flex: 1, minWidth: 300, tooltipField: 'summary' },
];

const EMPTY: AuditFilter = {};

export function AuditPage() {
  const [cadreText, setCadreText] = useState('');
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const [operators, setOperators] = useState<string[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const { message, set: setMessage, info, fail, clear: clearMessage } = useMessage();
  const [exporting, setExporting] = useState(false);
  const order = useRef<'desc' | 'asc'>('desc');

  useEffect(() => {
    api.listAuditOperators({}).then(setOperators, fail);
  }, [fail]);
  // The cadre box searches as the user types, a moment after the last key.
  useEffect(() => {
    const t = setTimeout(() => setFilter(f => (f.cadre === (cadreText.trim() || undefined) ? f : { ...f, cadre: cadreText.trim() || undefined })), 300);
    return () => clearTimeout(t);
  }, [cadreText]);

  const set = (patch: Partial<AuditFilter>) => setFilter(f => ({ ...f, ...patch }));

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) => {
        const sort = (params.sortModel as SortModelItem[]).find(s => s.colId === 'at');
        order.current = sort?.sort === 'asc' ? 'asc' : 'desc';
        api.queryAuditLog({ ...filter, order: order.current, offset: params.startRow, limit: params.endRow - params.startRow }).then(
          r => {
            setTotal(r.total);
            setMessage(m => (m?.kind === 'error' ? null : m));
            params.successCallback(r.rows, r.total);
          },
          e => {
            setTotal(null);
            fail(e);
            params.failCallback();
          },
        );
      },
    }),
    [fail, filter, setMessage],
  );

  const exportXlsx = useCallback(async () => {
    setExporting(true);
    clearMessage();
    try {
      const file = await api.exportAuditLog({ ...filter, order: order.current });
      downloadBase64(file.fileName, file.base64, file.mime);
      info(`已导出 ${file.rows} 条记录：${file.fileName}`);
    } catch (e) {
      fail(e);
    } finally {
      setExporting(false);
    }
  }, [clearMessage, fail, filter, info]);

  const clear = () => {
    setCadreText('');
    setFilter(EMPTY);
  };
  const filtered = Object.values(filter).some(v => v !== undefined && v !== '') || cadreText.trim() !== '';

  return (
    <section className="page audit-page">
      <header className="page-head">
        <h1>审计日志</h1>
        <span className="count" aria-live="polite">
          {total === null ? '' : `共 ${total} 条`}
        </span>
      </header>
      <form className="audit-filters" aria-label="筛选审计日志" onSubmit={e => e.preventDefault()}>
        <label>
          干部
          <input type="search" aria-label="干部" value={cadreText} placeholder="编号、姓名、拼音或身份证号" onChange={e => setCadreText(e.target.value)} />
        </label>
        <label>
          操作员
          <select aria-label="操作员" value={filter.operator ?? ''} onChange={e => set({ operator: e.target.value || undefined })}>
            <option value="">全部</option>
            {operators.map(o => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          从
          <DateInput aria-label="起始日期" placeholder="2026.11.01" value={filter.from ?? ''} onChange={v => set({ from: v || undefined })} />
        </label>
        <label>
          至
          <DateInput aria-label="截止日期" placeholder="2026.11.30" value={filter.to ?? ''} onChange={v => set({ to: v || undefined })} />
        </label>
        <label>
          类型
          <select aria-label="类型" value={filter.kind ?? ''} onChange={e => set({ kind: (e.target.value || undefined) as AuditKind | undefined })}>
            <option value="">全部</option>
            {AUDIT_KINDS.map(k => (
              <option key={k} value={k}>
                {AUDIT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={clear} disabled={!filtered}>
          清空筛选
        </button>
        <button type="button" className="primary" onClick={() => void exportXlsx()} disabled={exporting || total === 0}>
          {exporting ? '正在导出……' : '导出 Excel'}
        </button>
      </form>
      <MessageLine message={message} onClose={clearMessage} />
      <EditableGrid<AuditRow>
        gridKey="audit"
        columnDefs={COLUMNS}
        defaultColDef={READ_ONLY_COL}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={50}
        getRowId={p => String(p.data.id)}
        tooltipShowDelay={400}
        empty={
          filtered ? (
            <EmptyHint
              message="没有符合条件的记录"
              detail="换个条件，或清空筛选查看全部记录。"
              actions={[{ label: '清空筛选', onClick: clear, primary: true }]}
            />
          ) : (
            <EmptyHint message="还没有审计记录" detail="修改、导入、撤销等每一次改动都会记在这里：谁、何时、改了什么。" />
          )
        }
      />
    </section>
  );
}
