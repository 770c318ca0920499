/**
 * One batch (#/batch/<id>): its header (editable), the members grid with the
 * roster's editing, paste from Excel (TSV, all-or-nothing) and undo, the actions
 * of one member, the live statistics, and the member list's export and import.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellEditRequestEvent, GridApi } from 'ag-grid-community';
import {
  type CadreRow,
  type HistoryState,
  type OutputOf,
  BATCH_DIRECTIONS,
  BATCH_STATUSES,
  DEFAULT_YOUNG_AGE,
  MEMBER_FIELD_LABELS,
  type MemberEditableField,
  type SecondmentMember,
} from '../../../shared/contract/api';
import { api } from '../api';
import { EditableGrid, type FillRequest, type PasteRequest } from '../ui/EditableGrid';
import { EmptyHint } from '../ui/EmptyHint';
import { FILL_KEY_TEXT, lineValues } from '../ui/gridLogic';
import { downloadBase64, XLSX_MIME } from '../io/files';
import { errorText } from '../ui/errors';
import { batchInputOf, type BatchInput } from './batchInput';
import { CadrePicker } from './CadrePicker';
import { Field, replacedRowRules, UndoButtons, useHistorySteps } from './common';
import { Dialog } from '../ui/Dialog';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { useConfirm } from '../ui/useConfirm';
import { DateInput } from '../ui/DateInput';
import { isMemberEditable, memberColumns } from './memberColumns';
import {
  AddMembersDialog,
  FinishDialog,
  HistoryDialog,
  NewPersonDialog,
  OutcomeDialog,
  PairDialog,
  RecallDialog,
  ReplaceDialog,
  type Done,
} from './MemberDialogs';
import { MemberImportDialog } from './MemberImport';
import { StatsPanel } from './StatsPanel';

type BatchDetailData = OutputOf<'getSecondmentBatch'>;
type Action = 'add' | 'new' | 'pair' | 'recall' | 'replace' | 'finish' | 'outcome' | 'history' | 'import' | null;
const THRESHOLD_KEY = 'cadre.batch.youngThreshold';
/** A double-click on the row number or 姓名 opens the member's 任免审批表. */
const OPEN_COLUMNS = ['seq', 'name'];

export function BatchDetail({ id }: { id: number }) {
  const [batch, setBatch] = useState<BatchDetailData | null>(null);
  const [members, setMembers] = useState<SecondmentMember[]>([]);
  const [threshold, setThreshold] = useState(() => Number(localStorage.getItem(THRESHOLD_KEY)) || DEFAULT_YOUNG_AGE);
  const { message, set: setMessage, info, fail, clear: clearMessage } = useMessage();
  const { confirm, confirmDialog } = useConfirm();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const gridApi = useRef<GridApi<SecondmentMember> | null>(null);

  const load = useCallback(async () => {
    try {
      const [b, m] = await Promise.all([api.getSecondmentBatch({ id, youngThreshold: threshold }), api.listSecondmentMembers({ batchId: id })]);
      setBatch(b);
      setMembers(m);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, [id, threshold]);
  useEffect(() => void load(), [load]);

  const { history, setHistory, refreshHistory, step, onKeyDown } = useHistorySteps(`batch:${id}`, load, setMessage);
  const current = members.find(m => m.id === currentId) ?? null;

  /** After a write: its message, the new history state, fresh rows and figures. */
  const done: Done = useCallback(
    (text: string, h: HistoryState) => {
      setAction(null);
      setHistory(h);
      info(text);
      void load();
    },
    [info, load, setHistory],
  );

  /** `firstRow`: the grid row of the first update (a paste's), so a refusal names the row the user sees. */
  const saveMembers = async (
    updates: { id: number; values: Record<string, string | number | null> }[],
    label: string | undefined,
    text: string,
    firstRow?: number,
  ) => {
    try {
      const r = await api.saveSecondmentMembers({ updates, label, firstRow });
      done(text, r.history);
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };

  const onCellEditRequest = (e: CellEditRequestEvent<SecondmentMember>) => {
    const field = e.colDef.colId;
    if (!field || !e.data || !isMemberEditable(field)) return;
    void saveMembers([{ id: e.data.id, values: { [field]: e.newValue ?? '' } }], undefined, `已保存：${e.data.name} 的${MEMBER_FIELD_LABELS[field]}`);
  };

  /** A block copied from Excel/WPS, pasted at the focused cell over the rows below it: one undoable step. */
  const onPasteBlock = async (p: PasteRequest<SecondmentMember>) => {
    if (p.beyond > 0) {
      setMessage({
        kind: 'error',
        text: `未粘贴：粘贴了 ${p.block.length} 行，但从第 ${p.rowIndex + 1} 行起只有 ${p.existing} 名成员；新成员请用“从名册添加”或“导入名单”`,
      });
      return;
    }
    if (!p.colIds.some(isMemberEditable)) {
      setMessage({ kind: 'error', text: '未粘贴：粘贴的列都不可在此修改（姓名、性别、出生年月等请在干部名册中修改）' });
      return;
    }
    const updates = p.block.map((cells, i) => ({ id: p.rowAt(p.rowIndex + i)!.id, values: lineValues(p.colIds, cells, isMemberEditable) }));
    const label = `粘贴 ${p.block.length} 行挂职成员`;
    await saveMembers(updates, label, `已${label}`, p.rowIndex + 1);
  };

  /** Ctrl+D: the source row's value in the focused column, into the target rows. */
  const onFill = async ({ colId, source, targets }: FillRequest<SecondmentMember>) => {
    const label = `向下填充 ${MEMBER_FIELD_LABELS[colId as MemberEditableField]} ${targets.length} 行`;
    await saveMembers(
      targets.map(n => ({ id: n.id, values: { [colId]: source[colId as MemberEditableField] } })),
      label,
      `已${label}`,
    );
  };

  const removeSelected = async () => {
    const rows = gridApi.current?.getSelectedRows() ?? [];
    if (!rows.length) {
      info('请先勾选要移除的成员');
      return;
    }
    if (!(await confirm(`从本批次移除 ${rows.map(r => r.name).join('、')}？（可撤销）`))) return;
    try {
      const r = await api.removeSecondmentMembers({ ids: rows.map(m => m.id) });
      done(`已移除 ${r.removed} 名成员`, r.history);
    } catch (e) {
      fail(e);
    }
  };

  const exportList = async () => {
    try {
      const r = await api.exportSecondmentBatch({ batchId: id });
      if (r.base64) downloadBase64(r.fileName, r.base64, XLSX_MIME);
      info(`已导出成员名册「${r.fileName}」（${r.rows} 人）`);
    } catch (e) {
      fail(e);
    }
  };

  /** An action on the current member; tells the user when none is chosen. */
  const act = (a: Exclude<Action, 'add' | 'new' | 'import' | null>) => {
    if (!current) info('请先点选一名成员');
    else setAction(a);
  };

  const columns = useMemo(memberColumns, []);
  const inBatch = members.filter(m => m.status !== '已调换').map(m => m.cadreId);

  if (loadError) {
    return (
      <section className="page">
        <p className="error" role="alert">
          {loadError}
        </p>
        <a href="#/batches">← 返回挂职批次</a>
      </section>
    );
  }
  if (!batch) return <div className="loading">正在读取批次……</div>;

  const isActive = (m: SecondmentMember | null) => !!m && (m.status === '在岗' || m.status === '期满');

  return (
    <section className="page sd-page sd-detail" onKeyDown={e => onKeyDown(e, !!gridApi.current?.getEditingCells().length)}>
      {confirmDialog}
      <header className="page-head">
        <a className="sd-back" href="#/batches">
          ← 挂职批次
        </a>
        <h1>
          {batch.programme} {batch.name}
        </h1>
        <span className="count">
          {batch.status} · {batch.headcount} 人
        </span>
        <div className="toolbar sd-head-actions" role="toolbar" aria-label="撤销与导入导出">
          <UndoButtons history={history} step={d => void step(d)} />
          <span className="sd-sep" />
          <button onClick={() => void exportList()}>导出名册</button>
          <button onClick={() => setAction('import')}>导入名单</button>
        </div>
      </header>
      <MessageLine message={message} onClose={clearMessage} />
      <div className="sd-detail-body">
        <div className="sd-detail-main">
          <BatchHeader
            batch={batch}
            members={members}
            onSave={async patch => {
              try {
                const saved = await api.saveSecondmentBatch(batchInputOf(batch, patch));
                info(`已保存批次「${saved.name}」`);
                refreshHistory();
                await load();
                return true;
              } catch (e) {
                fail(e);
                return false;
              }
            }}
          />
          <div className="toolbar" role="toolbar" aria-label="成员操作">
            <button onClick={() => setAction('add')}>从名册添加</button>
            <button onClick={() => setAction('new')}>新增人员</button>
            <button onClick={() => void removeSelected()}>移除所选</button>
            <span className="sd-sep" />
            <span className="sd-current" aria-live="polite">
              {current ? `当前：${current.name}（${current.status}）` : '当前：未选成员'}
            </span>
            <button onClick={() => act('pair')} disabled={!!current && current.status === '已调换'}>
              结对
            </button>
            <button onClick={() => act('recall')} disabled={!!current && current.status !== '在岗'}>
              提前召回
            </button>
            <button onClick={() => act('replace')} disabled={!!current && !isActive(current)}>
              调换
            </button>
            <button onClick={() => act('history')}>调换记录</button>
            <button onClick={() => act('finish')} disabled={!!current && !isActive(current)}>
              期满返岗
            </button>
            <button onClick={() => act('outcome')} disabled={!!current && current.status !== '已返岗' && current.status !== '期满'}>
              返岗后去向
            </button>
          </div>
          <p className="hint muted sd-hint">
            双击姓名打开任免审批表，双击其他单元格（或选中后直接输入、按 F2）修改；从 Excel/WPS 复制后点选起始单元格按 Ctrl+V 粘贴（有错误则整块不保存）；
            {FILL_KEY_TEXT}；Ctrl+Z 撤销，Ctrl+Y 重做。姓名等基本信息在干部名册中修改。
          </p>
          <EditableGrid<SecondmentMember>
            wrapClassName="sd-grid"
            gridKey="batch"
            openColumns={OPEN_COLUMNS}
            onOpenRow={m => (window.location.hash = `#/cadre/${m.cadreId}`)}
            columnDefs={columns}
            rowData={members}
            getRowId={p => String(p.data.id)}
            onCellEditRequest={onCellEditRequest}
            // A batch has tens of members: render every column so paste targets and finds never miss one.
            suppressColumnVirtualisation
            ticks="all"
            rowClassRules={replacedRowRules()}
            onFocusRow={row => setCurrentId(row.id)}
            onGridReady={e => {
              gridApi.current = e.api;
            }}
            empty={
              <EmptyHint
                message="本批次还没有成员"
                detail="从名册中选人加入，新增名册外的人员，或导入 Excel 名单。"
                actions={[
                  { label: '从名册添加', onClick: () => setAction('add'), primary: true },
                  { label: '新增人员', onClick: () => setAction('new') },
                  { label: '导入名单', onClick: () => setAction('import') },
                ]}
              />
            }
            editable={isMemberEditable}
            onPasteBlock={onPasteBlock}
            onFill={onFill}
            onStep={step}
            onNotice={info}
          />
        </div>
        <aside className="sd-detail-side">
          <StatsPanel
            stats={batch.stats}
            threshold={threshold}
            onThreshold={n => {
              setThreshold(n);
              localStorage.setItem(THRESHOLD_KEY, String(n));
            }}
          />
          <BranchAndPairs batch={batch} />
        </aside>
      </div>
      {action === 'add' && <AddMembersDialog batchId={id} exclude={inBatch} onClose={() => setAction(null)} onDone={done} />}
      {action === 'new' && <NewPersonDialog batchId={id} onClose={() => setAction(null)} onDone={done} />}
      {action === 'import' && <MemberImportDialog batchId={id} onClose={() => setAction(null)} onDone={done} />}
      {current && action === 'pair' && <PairDialog member={current} members={members} onClose={() => setAction(null)} onDone={done} />}
      {current && action === 'recall' && <RecallDialog member={current} onClose={() => setAction(null)} onDone={done} />}
      {current && action === 'replace' && <ReplaceDialog member={current} exclude={inBatch} onClose={() => setAction(null)} onDone={done} />}
      {current && action === 'history' && <HistoryDialog member={current} onClose={() => setAction(null)} />}
      {current && action === 'finish' && <FinishDialog member={current} onClose={() => setAction(null)} onDone={done} />}
      {current && action === 'outcome' && <OutcomeDialog member={current} onClose={() => setAction(null)} onDone={done} />}
    </section>
  );
}

/** The 临时党支部 and the 结对 pairs, read-only (roles are edited in the grid, pairs by 结对). */
function BranchAndPairs({ batch }: { batch: BatchDetailData }) {
  return (
    <section className="sd-stats" aria-label="临时党支部与结对">
      <h3>临时党支部{batch.branchName && `：${batch.branchName}`}</h3>
      {batch.branch.length ? (
        <p>
          {batch.branch.map(b => (
            <span key={b.memberId} className="sd-chip">
              {b.name}
              {b.role && b.role !== '党员' ? `（${b.role}）` : ''}
            </span>
          ))}
        </p>
      ) : (
        <p className="muted">尚未登记支部成员（在成员表“临时党支部职务”列填写）。</p>
      )}
      <h3>结对帮带</h3>
      {batch.pairs.length ? (
        <ul className="sd-pairs">
          {batch.pairs.map(p => (
            <li key={p.a.memberId}>
              {p.a.name} ⇄ {p.b.name}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">尚无结对。</p>
      )}
    </section>
  );
}

/** The batch's own fields, edited in a small form and saved together. */
function BatchHeader({
  batch,
  members,
  onSave,
}: {
  batch: BatchDetailData;
  members: SecondmentMember[];
  onSave: (patch: Partial<BatchInput>) => Promise<boolean>;
}) {
  const initial = useCallback(
    () => ({
      direction: batch.direction,
      sendingPlace: batch.sendingPlace,
      receivingPlace: batch.receivingPlace,
      startDate: batch.startDate,
      plannedEndDate: batch.plannedEndDate,
      actualEndDate: batch.actualEndDate,
      status: batch.status,
      leaderCadreId: batch.leaderCadreId,
      branchName: batch.branchName,
      branchSecretaryId: batch.branchSecretaryId,
      notes: batch.notes,
    }),
    [batch],
  );
  const [v, setV] = useState(initial);
  const [names, setNames] = useState<Record<number, string>>({});
  const [picking, setPicking] = useState<'leaderCadreId' | 'branchSecretaryId' | null>(null);
  useEffect(() => setV(initial()), [initial]);

  const active = members.filter(m => m.status !== '已调换');
  const changed = JSON.stringify(v) !== JSON.stringify(initial());
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV({ ...v, [k]: value });

  /** A cadre chooser: the members, the current holder, and 从名册选择… for anyone else. */
  const personSelect = (k: 'leaderCadreId' | 'branchSecretaryId', currentName: string) => {
    const options = new Map<number, string>(active.map(m => [m.cadreId, m.name]));
    const held = k === 'leaderCadreId' ? batch.leaderCadreId : batch.branchSecretaryId;
    if (held !== null && !options.has(held)) options.set(held, currentName);
    if (v[k] !== null && !options.has(v[k]!)) options.set(v[k]!, names[v[k]!] ?? '');
    return (
      <select
        value={v[k] ?? ''}
        onChange={e => {
          if (e.target.value === 'pick') setPicking(k);
          else set(k, e.target.value ? Number(e.target.value) : null);
        }}
      >
        <option value="">（未定）</option>
        {[...options].map(([cid, name]) => (
          <option key={cid} value={cid}>
            {name}
          </option>
        ))}
        <option value="pick">从名册选择…</option>
      </select>
    );
  };

  return (
    <form
      className="sd-header"
      aria-label="批次信息"
      onSubmit={e => {
        e.preventDefault();
        void onSave(v);
      }}
    >
      <Field label="方向">
        <select value={v.direction} onChange={e => set('direction', e.target.value as typeof v.direction)}>
          {BATCH_DIRECTIONS.map(d => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </Field>
      <Field label="派出地">
        <input value={v.sendingPlace} onChange={e => set('sendingPlace', e.target.value)} />
      </Field>
      <Field label="接收地">
        <input value={v.receivingPlace} onChange={e => set('receivingPlace', e.target.value)} />
      </Field>
      <Field label="开始时间">
        <DateInput value={v.startDate} onChange={d => set('startDate', d)} aria-label="开始时间" placeholder="2023.03" />
      </Field>
      <Field label="计划结束">
        <DateInput value={v.plannedEndDate} onChange={d => set('plannedEndDate', d)} aria-label="计划结束" placeholder="2024.03" />
      </Field>
      <Field label="实际结束">
        <DateInput value={v.actualEndDate} onChange={d => set('actualEndDate', d)} aria-label="实际结束" />
      </Field>
      <Field label="状态">
        <select value={v.status} onChange={e => set('status', e.target.value as typeof v.status)}>
          {BATCH_STATUSES.map(s => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </Field>
      <Field label="领队">{personSelect('leaderCadreId', batch.leaderName)}</Field>
      <Field label="临时党支部">
        <input value={v.branchName} onChange={e => set('branchName', e.target.value)} placeholder={`${batch.name}挂职干部临时党支部`} />
      </Field>
      <Field label="支部书记">{personSelect('branchSecretaryId', batch.branchSecretaryName)}</Field>
      <Field label="备注" wide>
        <input value={v.notes} onChange={e => set('notes', e.target.value)} />
      </Field>
      <div className="sd-header-actions">
        <button type="submit" className="primary" disabled={!changed}>
          保存批次信息
        </button>
        <button type="button" disabled={!changed} onClick={() => setV(initial())}>
          还原
        </button>
      </div>
      {picking && (
        <PickCadreDialog
          title={picking === 'leaderCadreId' ? '选择领队' : '选择支部书记'}
          onClose={() => setPicking(null)}
          onPick={c => {
            setNames({ ...names, [c.id]: c.name });
            set(picking, c.id);
            setPicking(null);
          }}
        />
      )}
    </form>
  );
}

function PickCadreDialog({ title, onClose, onPick }: { title: string; onClose: () => void; onPick: (c: CadreRow) => void }) {
  const [chosen, setChosen] = useState<CadreRow[]>([]);
  return (
    <Dialog title={title} onClose={onClose} wide>
      <CadrePicker multiple={false} chosen={chosen} onChange={setChosen} />
      <footer>
        <button type="button" onClick={onClose}>
          取消
        </button>
        <button type="button" className="primary" disabled={!chosen.length} onClick={() => onPick(chosen[0])}>
          选定
        </button>
      </footer>
    </Dialog>
  );
}
