/**
 * 挂职批次 (#/batches): the programmes (挂职项目) on the left; the chosen programme's
 * batches in a grid edited in place, with its live statistics above.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellEditRequestEvent, ColDef, GridApi, ValueFormatterParams } from 'ag-grid-community';
import { type OutputOf, BATCH_DIRECTIONS, BATCH_STATUSES, type SecondmentBatch, type SecondmentProgramme } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { defaultBatchName } from '../../../shared/domain/secondment/rules';
import { api } from '../api';
import { EditableGrid } from '../ui/EditableGrid';
import { EmptyHint } from '../ui/EmptyHint';
import { batchInputOf, type BatchInput } from './batchInput';
import { Field, pctText, UndoButtons, useHistorySteps } from './common';
import { FormDialog } from '../ui/FormDialog';
import { useConfirm } from '../ui/useConfirm';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { DateInput } from '../ui/DateInput';
import { StatsSummary } from './StatsPanel';

type ProgrammeStats = OutputOf<'secondmentProgrammeStats'>;
const PROGRAMME_KEY = 'cadre.batches.programme';

const dateCol = (field: keyof SecondmentBatch, headerName: string): ColDef<SecondmentBatch> => ({
  field,
  headerName,
  width: 116,
  editable: true,
  valueFormatter: (p: ValueFormatterParams<SecondmentBatch>) => formatDate(String(p.value ?? '')),
  // In the editor dates appear as users write them (2023.03).
  cellEditorParams: { useFormatter: true },
});

function batchColumns(): ColDef<SecondmentBatch>[] {
  return [
    {
      field: 'seq',
      headerName: '批次',
      width: 90,
      editable: true,
      cellEditor: 'agNumberCellEditor',
      valueFormatter: p => defaultBatchName(Number(p.value)),
      pinned: 'left',
    },
    {
      field: 'name',
      headerName: '批次名称',
      width: 220,
      editable: true,
      pinned: 'left',
      cellRenderer: (p: { value: string; data?: SecondmentBatch }) =>
        p.data ? (
          <a href={`#/batch/${p.data.id}`} title="打开批次详情">
            {p.value}
          </a>
        ) : null,
    },
    {
      field: 'direction',
      headerName: '方向',
      width: 80,
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...BATCH_DIRECTIONS] },
    },
    { field: 'sendingPlace', headerName: '派出地', width: 110, editable: true },
    { field: 'receivingPlace', headerName: '接收地', width: 110, editable: true },
    dateCol('startDate', '开始时间'),
    dateCol('plannedEndDate', '计划结束'),
    dateCol('actualEndDate', '实际结束'),
    { field: 'status', headerName: '状态', width: 90, editable: true, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [...BATCH_STATUSES] } },
    { field: 'headcount', headerName: '人数', width: 80, type: 'numericColumn' },
    { field: 'leaderName', headerName: '领队', width: 100 },
    { field: 'branchName', headerName: '临时党支部', width: 200, editable: true },
    { field: 'notes', headerName: '备注', flex: 1, minWidth: 160, editable: true },
  ];
}

export function BatchesPage() {
  const [programmes, setProgrammes] = useState<SecondmentProgramme[] | null>(null);
  const [programmeId, setProgrammeId] = useState<number | null>(() => Number(localStorage.getItem(PROGRAMME_KEY)) || null);
  const [batches, setBatches] = useState<SecondmentBatch[]>([]);
  /** The programme whose batches are shown: 新增批次 numbers after them, so waits for them. */
  const [batchesOf, setBatchesOf] = useState<number | null>(null);
  const [stats, setStats] = useState<ProgrammeStats | null>(null);
  const { message, set: setMessage, info, fail, clear: clearMessage } = useMessage();
  const { confirm, confirmDialog } = useConfirm();
  const [editing, setEditing] = useState<SecondmentProgramme | 'new' | null>(null);
  const [adding, setAdding] = useState(false);
  const gridApi = useRef<GridApi<SecondmentBatch> | null>(null);

  const programme = programmes?.find(p => p.id === programmeId) ?? null;

  const loadProgrammes = useCallback(async () => {
    try {
      const list = await api.listSecondmentProgrammes({});
      setProgrammes(list);
      setProgrammeId(id => (list.some(p => p.id === id) ? id : (list[0]?.id ?? null)));
    } catch (e) {
      fail(e);
    }
  }, [fail]);

  const loadBatches = useCallback(async () => {
    if (programmeId === null) {
      setBatches([]);
      setStats(null);
      return;
    }
    try {
      const [list, s] = await Promise.all([api.listSecondmentBatches({ programmeId }), api.secondmentProgrammeStats({ id: programmeId })]);
      setBatches(list);
      setBatchesOf(programmeId);
      setStats(s);
    } catch (e) {
      fail(e);
    }
  }, [fail, programmeId]);

  const reload = useCallback(() => {
    void loadProgrammes();
    void loadBatches();
  }, [loadProgrammes, loadBatches]);
  const { history, refreshHistory, step, onKeyDown } = useHistorySteps('secondment', reload, setMessage);

  useEffect(() => void loadProgrammes(), [loadProgrammes]);
  useEffect(() => {
    if (programmeId !== null) localStorage.setItem(PROGRAMME_KEY, String(programmeId));
    void loadBatches();
  }, [programmeId, loadBatches]);

  /** Saves one batch; the history and the figures follow. */
  const saveBatch = async (input: BatchInput, done: string) => {
    try {
      const saved = await api.saveSecondmentBatch(input);
      info(done.replace('{name}', saved.name));
      refreshHistory();
      reload();
      return saved;
    } catch (e) {
      fail(e);
      return null;
    }
  };

  const onCellEditRequest = (e: CellEditRequestEvent<SecondmentBatch>) => {
    const field = e.colDef.field as keyof BatchInput | undefined;
    if (!field || !e.data) return;
    const value = field === 'seq' ? Number(e.newValue) : (e.newValue ?? '');
    void saveBatch(batchInputOf(e.data, { [field]: value }), `已保存：{name} 的${e.colDef.headerName}`);
  };

  const deleteBatch = async () => {
    const b = gridApi.current?.getSelectedRows()[0];
    if (!b) {
      info('请先点选要删除的批次');
      return;
    }
    if (b.headcount > 0) {
      setMessage({ kind: 'error', text: `「${b.name}」还有 ${b.headcount} 名成员，不能删除；请先在批次详情中移除成员` });
      return;
    }
    if (!(await confirm(`删除批次「${b.name}」？（可撤销）`))) return;
    try {
      await api.deleteSecondmentBatch({ id: b.id });
      info(`已删除批次「${b.name}」`);
      refreshHistory();
      reload();
    } catch (e) {
      fail(e);
    }
  };

  const deleteProgramme = async (p: SecondmentProgramme) => {
    if (p.batchCount > 0) {
      setMessage({ kind: 'error', text: `「${p.name}」还有 ${p.batchCount} 个批次，不能删除` });
      return;
    }
    if (!(await confirm(`删除挂职项目「${p.name}」？（可撤销）`))) return;
    try {
      await api.deleteSecondmentProgramme({ id: p.id });
      info(`已删除挂职项目「${p.name}」`);
      refreshHistory();
      reload();
    } catch (e) {
      fail(e);
    }
  };

  const columns = useMemo(batchColumns, []);
  const nextSeq = batches.reduce((m, b) => Math.max(m, b.seq), 0) + 1;

  return (
    <section className="page sd-page" onKeyDown={e => onKeyDown(e, !!gridApi.current?.getEditingCells().length)}>
      {confirmDialog}
      <header className="page-head">
        <h1>挂职批次</h1>
        <span className="count">{programmes ? `${programmes.length} 个挂职项目` : ''}</span>
      </header>
      <MessageLine message={message} onClose={clearMessage} />
      <div className="sd-columns">
        <aside className="sd-programmes" aria-label="挂职项目">
          <div className="sd-aside-head">
            <h2>挂职项目</h2>
            <button onClick={() => setEditing('new')}>新建项目</button>
          </div>
          {programmes?.length === 0 && <p className="muted">还没有挂职项目。点“新建项目”，例如“京沈对口合作干部交流”。</p>}
          <ul>
            {programmes?.map(p => (
              <li key={p.id} aria-current={p.id === programmeId ? 'true' : undefined}>
                <button className="sd-programme" onClick={() => setProgrammeId(p.id)}>
                  <strong>{p.name}</strong>
                  <span className="muted">
                    {p.partnerPlace && `${p.partnerPlace} · `}
                    {p.batchCount} 批 · {p.headcount} 人
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <div className="sd-main">
          {programme ? (
            <>
              <div className="sd-title-row">
                <h2>{programme.name}</h2>
                {programme.partnerPlace && <span className="muted">对口：{programme.partnerPlace}</span>}
                <button onClick={() => setEditing(programme)}>编辑项目</button>
                <button onClick={() => void deleteProgramme(programme)}>删除项目</button>
              </div>
              {programme.notes && <p className="muted sd-note">{programme.notes}</p>}
              {stats && <StatsSummary stats={stats} label="项目统计" />}
              {stats && stats.batches.length > 0 && (
                <details className="sd-per-batch">
                  <summary>各批次统计</summary>
                  <table className="io-table">
                    <thead>
                      <tr>
                        <th>批次</th>
                        <th>人数</th>
                        <th>年轻干部</th>
                        <th>70后</th>
                        <th>80后</th>
                        <th>90后</th>
                        <th>女干部</th>
                        <th>提拔重用</th>
                      </tr>
                    </thead>
                    <tbody>
                      {stats.batches.map(b => (
                        <tr key={b.batchId}>
                          <td>{b.name}</td>
                          <td>{b.stats.headcount}</td>
                          <td>{`${b.stats.young}（${pctText(b.stats.youngPct)}）`}</td>
                          <td>{`${b.stats.born1970s}（${pctText(b.stats.born1970sPct)}）`}</td>
                          <td>{`${b.stats.born1980s}（${pctText(b.stats.born1980sPct)}）`}</td>
                          <td>{`${b.stats.born1990s}（${pctText(b.stats.born1990sPct)}）`}</td>
                          <td>{`${b.stats.female}（${pctText(b.stats.femalePct)}）`}</td>
                          <td>{b.stats.promoted}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              )}
              <div className="toolbar" role="toolbar" aria-label="批次操作">
                <button onClick={() => setAdding(true)} disabled={batchesOf !== programmeId}>
                  新增批次
                </button>
                <button onClick={() => void deleteBatch()}>删除所选批次</button>
                <UndoButtons history={history} step={d => void step(d)} />
                <span className="hint">双击单元格修改；点批次名称打开批次详情（成员、统计、导入导出）。</span>
              </div>
              <EditableGrid<SecondmentBatch>
                wrapClassName="sd-grid"
                gridKey="batches"
                columnDefs={columns}
                // Not yet loaded for this project: neither its rows nor the 还没有批次 hint.
                rowData={batchesOf === programmeId ? batches : null}
                getRowId={p => String(p.data.id)}
                onCellEditRequest={onCellEditRequest}
                suppressColumnVirtualisation
                rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
                onGridReady={e => {
                  gridApi.current = e.api;
                }}
                empty={
                  <EmptyHint
                    message="本项目还没有批次"
                    detail="新增一个批次，再在批次详情中从名册添加或导入挂职人员。"
                    actions={[{ label: '新增批次', onClick: () => setAdding(true), primary: true }]}
                  />
                }
                onStep={step}
              />
            </>
          ) : (
            <p className="muted">请先新建或选择一个挂职项目。</p>
          )}
        </div>
      </div>
      {editing && (
        <ProgrammeDialog
          programme={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={p => {
            setEditing(null);
            setProgrammeId(p.id);
            info(`已保存挂职项目「${p.name}」`);
            refreshHistory();
            reload();
          }}
        />
      )}
      {adding && programme && (
        <NewBatchDialog
          programme={programme}
          seq={nextSeq}
          onClose={() => setAdding(false)}
          onSave={async input => {
            if (await saveBatch(input, '已新增批次「{name}」')) setAdding(false);
          }}
        />
      )}
    </section>
  );
}

function ProgrammeDialog({
  programme,
  onClose,
  onSaved,
}: {
  programme: SecondmentProgramme | null;
  onClose: () => void;
  onSaved: (p: SecondmentProgramme) => void;
}) {
  const [name, setName] = useState(programme?.name ?? '');
  const [partnerPlace, setPartnerPlace] = useState(programme?.partnerPlace ?? '');
  const [notes, setNotes] = useState(programme?.notes ?? '');
  return (
    <FormDialog
      title={programme ? '编辑挂职项目' : '新建挂职项目'}
      action="保存"
      onClose={onClose}
      run={async () => onSaved(await api.saveSecondmentProgramme({ id: programme?.id, name, partnerPlace, notes }))}
    >
      <Field label="项目名称">
        <input value={name} onChange={e => setName(e.target.value)} placeholder="京沈对口合作干部交流" autoFocus />
      </Field>
      <Field label="对口地区">
        <input value={partnerPlace} onChange={e => setPartnerPlace(e.target.value)} placeholder="北京市" />
      </Field>
      <Field label="备注" wide>
        <textarea value={notes} onChange={e => setNotes(e.target.value)} rows={3} />
      </Field>
    </FormDialog>
  );
}

function NewBatchDialog({
  programme,
  seq: firstSeq,
  onClose,
  onSave,
}: {
  programme: SecondmentProgramme;
  seq: number;
  onClose: () => void;
  onSave: (input: BatchInput) => Promise<void>;
}) {
  const [seq, setSeq] = useState(String(firstSeq));
  const [name, setName] = useState('');
  const [direction, setDirection] = useState<(typeof BATCH_DIRECTIONS)[number]>('派出');
  const [sendingPlace, setSendingPlace] = useState('');
  const [receivingPlace, setReceivingPlace] = useState(programme.partnerPlace);
  const [startDate, setStartDate] = useState('');
  const [plannedEndDate, setPlannedEndDate] = useState('');
  const n = Number(seq);
  return (
    <FormDialog
      title="新增批次"
      action="新增"
      onClose={onClose}
      run={() =>
        onSave({
          programmeId: programme.id,
          seq: n,
          name: name.trim() || undefined,
          direction,
          sendingPlace,
          receivingPlace,
          startDate,
          plannedEndDate,
        })
      }
    >
      <p className="muted wide">挂职项目：{programme.name}</p>
      <Field label="批次序号">
        <input type="number" min={1} max={999} value={seq} onChange={e => setSeq(e.target.value)} />
      </Field>
      <Field label="批次名称">
        <input value={name} onChange={e => setName(e.target.value)} placeholder={Number.isInteger(n) && n > 0 ? defaultBatchName(n) : ''} />
      </Field>
      <Field label="方向">
        <select value={direction} onChange={e => setDirection(e.target.value as typeof direction)}>
          {BATCH_DIRECTIONS.map(d => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </Field>
      <Field label="派出地">
        <input value={sendingPlace} onChange={e => setSendingPlace(e.target.value)} placeholder="沈阳市" />
      </Field>
      <Field label="接收地">
        <input value={receivingPlace} onChange={e => setReceivingPlace(e.target.value)} />
      </Field>
      <Field label="开始时间">
        <DateInput value={startDate} onChange={setStartDate} aria-label="开始时间" placeholder="2023.03" />
      </Field>
      <Field label="计划结束时间">
        <DateInput value={plannedEndDate} onChange={setPlannedEndDate} aria-label="计划结束时间" placeholder="2024.03" />
      </Field>
    </FormDialog>
  );
}
