/**
 * 驻村干部 (#/village): the rotations (轮次) on the left; the chosen rotation's
 * assignments (第一书记 / 工作队队长 / 队员 by village) edited in place, added from
 * the roster, replaced (调换); and its figures (留任 / 新选派 / 调换, villages covered).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellEditRequestEvent, ColDef, GridApi, ValueFormatterParams } from 'ag-grid-community';
import {
  type CadreRow,
  ASSIGNMENT_EDITABLE_FIELDS,
  ASSIGNMENT_FIELD_LABELS,
  ASSIGNMENT_KINDS,
  ASSIGNMENT_STATUSES,
  VILLAGE_KINDS,
  VILLAGE_ROLES,
  type RotationStats,
  type Village,
  type VillageAssignment,
  type VillageRotation,
} from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { EditableGrid } from '../ui/EditableGrid';
import { EmptyHint } from '../ui/EmptyHint';
import { CadrePicker } from './CadrePicker';
import { Figure } from './StatsPanel';
import { FormDialog } from '../ui/FormDialog';
import { useConfirm } from '../ui/useConfirm';
import { Field, pctText, replacedRowRules, termText, UndoButtons, useHistorySteps } from './common';
import { Dialog } from '../ui/Dialog';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorLine, useAction } from '../ui/useAction';
import { DateInput } from '../ui/DateInput';

type AssignmentField = (typeof ASSIGNMENT_EDITABLE_FIELDS)[number];
const ROTATION_KEY = 'cadre.village.rotation';
const date = (p: ValueFormatterParams<VillageAssignment>) => formatDate(String(p.value ?? ''));

function assignmentColumns(villages: Village[]): ColDef<VillageAssignment>[] {
  const names = new Map(villages.map(v => [v.id, v.name]));
  const edit = (field: AssignmentField, width: number, extra: Partial<ColDef<VillageAssignment>> = {}): ColDef<VillageAssignment> => ({
    colId: field,
    field,
    headerName: ASSIGNMENT_FIELD_LABELS[field],
    width,
    editable: true,
    ...extra,
  });
  return [
    { colId: 'seq', headerName: '序号', width: 70, valueGetter: p => (p.node?.rowIndex ?? 0) + 1, pinned: 'left', sortable: false },
    edit('villageId', 130, {
      headerName: '村',
      pinned: 'left',
      valueFormatter: p => p.data?.village ?? '',
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: villages.map(v => v.id), formatValue: (id: number) => names.get(id) ?? String(id) },
    }),
    { colId: 'township', field: 'township', headerName: '乡镇', width: 100 },
    { colId: 'county', field: 'county', headerName: '县区', width: 150 },
    { colId: 'villageKind', field: 'villageKind', headerName: '村类型', width: 150 },
    {
      colId: 'name',
      field: 'name',
      headerName: '姓名',
      width: 90,
      cellRenderer: (p: { value: string; data?: VillageAssignment }) => (p.data ? <a href={`#/cadre/${p.data.cadreId}`}>{p.value}</a> : null),
    },
    { colId: 'gender', field: 'gender', headerName: '性别', width: 64 },
    { colId: 'birth', field: 'birth', headerName: '出生年月', width: 96, valueFormatter: date },
    edit('role', 110, { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [...VILLAGE_ROLES] } }),
    edit('sendingUnit', 180),
    edit('startDate', 112, { valueFormatter: date, cellEditorParams: { useFormatter: true } }),
    edit('endDate', 112, { valueFormatter: date, cellEditorParams: { useFormatter: true } }),
    edit('kind', 96, { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [...ASSIGNMENT_KINDS] } }),
    edit('status', 90, { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [...ASSIGNMENT_STATUSES] } }),
    {
      colId: 'replacement',
      headerName: '调换情况',
      width: 200,
      valueGetter: p =>
        p.data?.replacesName
          ? `接替${p.data.replacesName}${p.data.replacementReason ? `（${p.data.replacementReason}）` : ''}`
          : p.data?.replacedByAssignmentId
            ? '已被接替'
            : '',
      tooltipValueGetter: p => (p.value ? String(p.value) : null),
    },
    edit('notes', 160),
  ];
}

export function VillagePage() {
  const [rotations, setRotations] = useState<VillageRotation[] | null>(null);
  const [rotationId, setRotationId] = useState<number | null>(() => Number(localStorage.getItem(ROTATION_KEY)) || null);
  const [assignments, setAssignments] = useState<VillageAssignment[]>([]);
  /** The rotation `assignments` were loaded for (until then the grid shows neither rows nor its empty hint). */
  const [assignmentsOf, setAssignmentsOf] = useState<number | null>(null);
  const [villages, setVillages] = useState<Village[]>([]);
  const [stats, setStats] = useState<RotationStats | null>(null);
  const { message, set: setMessage, info, fail, clear: clearMessage } = useMessage();
  const { confirm, confirmDialog } = useConfirm();
  const [dialog, setDialog] = useState<'rotation' | 'editRotation' | 'add' | 'replace' | 'villages' | null>(null);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const gridApi = useRef<GridApi<VillageAssignment> | null>(null);

  const rotation = rotations?.find(r => r.id === rotationId) ?? null;
  const current = assignments.find(a => a.id === currentId) ?? null;

  const loadRotations = useCallback(async () => {
    try {
      const [list, vs] = await Promise.all([api.listVillageRotations({}), api.listVillages({})]);
      setRotations(list);
      setVillages(vs);
      setRotationId(id => (list.some(r => r.id === id) ? id : (list[0]?.id ?? null)));
    } catch (e) {
      fail(e);
    }
  }, [fail]);
  const loadAssignments = useCallback(async () => {
    if (rotationId === null) {
      setAssignments([]);
      setStats(null);
      return;
    }
    try {
      const [list, s] = await Promise.all([api.listVillageAssignments({ rotationId }), api.villageRotationStats({ id: rotationId })]);
      setAssignments(list);
      setAssignmentsOf(rotationId);
      setStats(s);
    } catch (e) {
      fail(e);
    }
  }, [fail, rotationId]);
  const reload = useCallback(() => {
    void loadRotations();
    void loadAssignments();
  }, [loadRotations, loadAssignments]);
  const { history, refreshHistory, step, onKeyDown } = useHistorySteps('villages', reload, setMessage);

  useEffect(() => void loadRotations(), [loadRotations]);
  useEffect(() => {
    if (rotationId !== null) localStorage.setItem(ROTATION_KEY, String(rotationId));
    void loadAssignments();
  }, [rotationId, loadAssignments]);

  const afterWrite = (text: string) => {
    setDialog(null);
    info(text);
    refreshHistory();
    reload();
  };

  const onCellEditRequest = async (e: CellEditRequestEvent<VillageAssignment>) => {
    const field = e.colDef.colId as AssignmentField | undefined;
    if (!field || !e.data || rotationId === null || !(ASSIGNMENT_EDITABLE_FIELDS as readonly string[]).includes(field)) return;
    try {
      await api.saveVillageAssignments({ rotationId, updates: [{ id: e.data.id, values: { [field]: e.newValue ?? '' } }] });
      afterWrite(`已保存：${e.data.name} 的${field === 'villageId' ? '驻村' : ASSIGNMENT_FIELD_LABELS[field]}`);
    } catch (err) {
      fail(err);
    }
  };

  const removeSelected = async () => {
    const rows = gridApi.current?.getSelectedRows() ?? [];
    if (!rows.length) {
      info('请先勾选要移除的驻村记录');
      return;
    }
    if (!(await confirm(`移除 ${rows.map(r => `${r.village} ${r.name}`).join('、')}？（可撤销）`))) return;
    try {
      const r = await api.removeVillageAssignments({ ids: rows.map(a => a.id) });
      afterWrite(`已移除 ${r.removed} 条驻村记录`);
    } catch (e) {
      fail(e);
    }
  };

  const deleteRotation = async (r: VillageRotation) => {
    if (r.headcount > 0) {
      setMessage({ kind: 'error', text: `「${r.name}」还有 ${r.headcount} 条驻村记录，不能删除` });
      return;
    }
    if (!(await confirm(`删除驻村轮次「${r.name}」？（可撤销）`))) return;
    try {
      await api.deleteVillageRotation({ id: r.id });
      afterWrite(`已删除驻村轮次「${r.name}」`);
    } catch (e) {
      fail(e);
    }
  };

  const columns = useMemo(() => assignmentColumns(villages), [villages]);
  const inRotation = assignments.filter(a => a.status !== '已调换').map(a => a.cadreId);

  return (
    <section className="page sd-page" onKeyDown={e => onKeyDown(e, !!gridApi.current?.getEditingCells().length)}>
      {confirmDialog}
      <header className="page-head">
        <h1>驻村干部</h1>
        <span className="count">{rotations ? `${rotations.length} 个轮次，${villages.length} 个村` : ''}</span>
      </header>
      <MessageLine message={message} onClose={clearMessage} />
      <div className="sd-columns">
        <aside className="sd-programmes" aria-label="驻村轮次">
          <div className="sd-aside-head">
            <h2>驻村轮次</h2>
            <button onClick={() => setDialog('rotation')}>新建轮次</button>
          </div>
          {rotations?.length === 0 && <p className="muted">还没有驻村轮次。</p>}
          <ul>
            {rotations?.map(r => (
              <li key={r.id} aria-current={r.id === rotationId ? 'true' : undefined}>
                <button className="sd-programme" onClick={() => setRotationId(r.id)}>
                  <strong>{r.name}</strong>
                  <span className="muted">
                    {r.programme && `${r.programme} · `}第{r.seq}轮 · {termText(r.startDate, r.endDate)}
                  </span>
                  <span className="muted">
                    {r.headcount} 人 · {r.villages} 个村
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <button className="sd-aside-foot" onClick={() => setDialog('villages')}>
            管理村庄（{villages.length}）
          </button>
        </aside>
        <div className="sd-main">
          {rotation ? (
            <>
              <div className="sd-title-row">
                <h2>{rotation.name}</h2>
                <span className="muted">{termText(rotation.startDate, rotation.endDate)}</span>
                <button onClick={() => setDialog('editRotation')}>编辑轮次</button>
                <button onClick={() => void deleteRotation(rotation)}>删除轮次</button>
              </div>
              {stats && <RotationFigures stats={stats} />}
              <div className="toolbar" role="toolbar" aria-label="驻村操作">
                <button onClick={() => setDialog('add')}>从名册选派</button>
                <button
                  onClick={() => (current ? setDialog('replace') : info('请先点选一条驻村记录'))}
                  disabled={!!current && current.status !== '在岗'}
                  title={current && current.status !== '在岗' ? `${current.name}的状态是${current.status}，只有在岗的可以调换` : ''}
                >
                  调换{current ? `：${current.name}` : ''}
                </button>
                <button onClick={() => void removeSelected()}>移除所选</button>
                <UndoButtons history={history} step={d => void step(d)} />
                <span className="hint">双击单元格修改；Ctrl+Z 撤销。</span>
              </div>
              <EditableGrid<VillageAssignment>
                wrapClassName="sd-grid"
                gridKey="villages"
                columnDefs={columns}
                rowData={assignmentsOf === rotationId ? assignments : null}
                getRowId={p => String(p.data.id)}
                onCellEditRequest={e => void onCellEditRequest(e)}
                suppressColumnVirtualisation
                ticks="all"
                rowClassRules={replacedRowRules()}
                onFocusRow={row => setCurrentId(row.id)}
                onGridReady={e => {
                  gridApi.current = e.api;
                }}
                empty={
                  <EmptyHint
                    message="本轮次还没有驻村干部"
                    detail="从名册中选派干部，选定驻村和担任的职务。"
                    actions={[{ label: '从名册选派', onClick: () => setDialog('add'), primary: true }]}
                  />
                }
                onStep={step}
              />
            </>
          ) : (
            <p className="muted">请先新建或选择一个驻村轮次。</p>
          )}
        </div>
      </div>
      {(dialog === 'rotation' || (dialog === 'editRotation' && rotation)) && (
        <RotationDialog
          rotation={dialog === 'editRotation' ? rotation : null}
          nextSeq={(rotations ?? []).reduce((m, r) => Math.max(m, r.seq), 0) + 1}
          onClose={() => setDialog(null)}
          onSaved={r => {
            setRotationId(r.id);
            afterWrite(`已保存驻村轮次「${r.name}」`);
          }}
        />
      )}
      {dialog === 'add' && rotation && (
        <AddAssignmentDialog rotation={rotation} villages={villages} exclude={inRotation} onClose={() => setDialog(null)} onDone={afterWrite} />
      )}
      {dialog === 'replace' && current && (
        <ReplaceAssignmentDialog assignment={current} exclude={inRotation} onClose={() => setDialog(null)} onDone={afterWrite} />
      )}
      {dialog === 'villages' && <VillagesDialog villages={villages} onClose={() => setDialog(null)} onChanged={afterWrite} />}
    </section>
  );
}

function RotationFigures({ stats }: { stats: RotationStats }) {
  return (
    <div className="sd-rotation-stats">
      <dl className="sd-figures" aria-label="轮次统计">
        <Figure label="驻村干部" count={stats.headcount} />
        <Figure label="覆盖村" count={stats.villages} unit="个" />
        <Figure label="留任" count={stats.kept} />
        <Figure label="新选派" count={stats.new} />
        <Figure label="调换" count={stats.replaced} />
        <Figure label={`年轻干部（${stats.youngThreshold}岁以下）`} count={stats.young} />
        <Figure label="女干部" count={stats.female} />
      </dl>
      <p className="muted sd-note">
        {stats.byRole.map(s => `${s.label} ${s.count} 人（${pctText(s.pct)}）`).join('，')}
        {stats.byVillageKind.length > 0 && `；村类型：${stats.byVillageKind.map(s => `${s.label} ${s.count}`).join('，')}`}
      </p>
      {stats.replacements.length > 0 && (
        <details className="sd-per-batch">
          <summary>调换情况（{stats.replacements.length} 人）</summary>
          <table className="io-table" aria-label="调换情况">
            <thead>
              <tr>
                <th>村</th>
                <th>原驻村干部</th>
                <th>接替人员</th>
                <th>调换时间</th>
                <th>调换原因</th>
                <th>派出单位</th>
              </tr>
            </thead>
            <tbody>
              {stats.replacements.map(r => (
                <tr key={r.assignmentId}>
                  <td>{r.village}</td>
                  <td>{r.replacesName}</td>
                  <td>{r.name}</td>
                  <td>{formatDate(r.date)}</td>
                  <td>{r.reason}</td>
                  <td>{r.sendingUnit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

function RotationDialog({
  rotation,
  nextSeq,
  onClose,
  onSaved,
}: {
  rotation: VillageRotation | null;
  nextSeq: number;
  onClose: () => void;
  onSaved: (r: VillageRotation) => void;
}) {
  const [v, setV] = useState({
    programme: rotation?.programme ?? '',
    seq: String(rotation?.seq ?? nextSeq),
    name: rotation?.name ?? '',
    startDate: rotation?.startDate ?? '',
    endDate: rotation?.endDate ?? '',
    notes: rotation?.notes ?? '',
  });
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.target.value });
  return (
    <FormDialog
      title={rotation ? '编辑驻村轮次' : '新建驻村轮次'}
      action="保存"
      onClose={onClose}
      run={async () => onSaved(await api.saveVillageRotation({ ...v, id: rotation?.id, seq: Number(v.seq) }))}
    >
      <Field label="选派项目">
        <input value={v.programme} onChange={set('programme')} placeholder="驻村第一书记和工作队" />
      </Field>
      <Field label="轮次序号">
        <input type="number" min={1} max={999} value={v.seq} onChange={set('seq')} />
      </Field>
      <Field label="轮次名称" wide>
        <input value={v.name} onChange={set('name')} placeholder="2021—2023年度驻村轮换" autoFocus />
      </Field>
      <Field label="开始时间">
        <DateInput value={v.startDate} onChange={startDate => setV({ ...v, startDate })} aria-label="开始时间" placeholder="2021.06" />
      </Field>
      <Field label="结束时间">
        <DateInput value={v.endDate} onChange={endDate => setV({ ...v, endDate })} aria-label="结束时间" placeholder="2023.06" />
      </Field>
      <Field label="备注" wide>
        <input value={v.notes} onChange={set('notes')} />
      </Field>
    </FormDialog>
  );
}

function AddAssignmentDialog({
  rotation,
  villages,
  exclude,
  onClose,
  onDone,
}: {
  rotation: VillageRotation;
  villages: Village[];
  exclude: number[];
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [chosen, setChosen] = useState<CadreRow[]>([]);
  const [villageId, setVillageId] = useState<string>(villages[0] ? String(villages[0].id) : '');
  const [role, setRole] = useState<(typeof VILLAGE_ROLES)[number]>('第一书记');
  const [kind, setKind] = useState<(typeof ASSIGNMENT_KINDS)[number]>('新选派');
  const [sendingUnit, setSendingUnit] = useState('');
  const [startDate, setStartDate] = useState(rotation.startDate);
  const [endDate, setEndDate] = useState(rotation.endDate);
  return (
    <FormDialog
      title="从名册选派驻村干部"
      action={`选派（${chosen.length}）`}
      wide
      onClose={onClose}
      run={async () => {
        if (!villageId) throw new Error('请选择村（可在“管理村庄”中新增）');
        if (!chosen.length) throw new Error('请选择干部');
        await api.saveVillageAssignments({
          rotationId: rotation.id,
          creates: chosen.map(c => ({
            values: { villageId: Number(villageId), cadreId: c.id, role, kind, sendingUnit: sendingUnit || c.unit, startDate, endDate },
          })),
        });
        onDone(`已选派 ${chosen.map(c => c.name).join('、')} 驻村`);
      }}
    >
      <Field label="村">
        <select value={villageId} onChange={e => setVillageId(e.target.value)}>
          {villages.length === 0 && <option value="">（还没有村，请先在“管理村庄”中新增）</option>}
          {villages.map(v => (
            <option key={v.id} value={v.id}>
              {[v.county, v.township, v.name].filter(Boolean).join(' ')}
              {v.kind && `（${v.kind}）`}
            </option>
          ))}
        </select>
      </Field>
      <Field label="驻村职务">
        <select value={role} onChange={e => setRole(e.target.value as typeof role)}>
          {VILLAGE_ROLES.map(r => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </Field>
      <Field label="选派类型">
        <select value={kind} onChange={e => setKind(e.target.value as typeof kind)}>
          {ASSIGNMENT_KINDS.filter(k => k !== '调换').map(k => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </Field>
      <Field label="派出单位">
        <input value={sendingUnit} onChange={e => setSendingUnit(e.target.value)} placeholder="默认取干部所在单位" />
      </Field>
      <Field label="驻村开始">
        <DateInput value={startDate} onChange={setStartDate} aria-label="驻村开始" />
      </Field>
      <Field label="驻村结束">
        <DateInput value={endDate} onChange={setEndDate} aria-label="驻村结束" />
      </Field>
      <div className="wide">
        <CadrePicker multiple chosen={chosen} onChange={setChosen} exclude={exclude} />
      </div>
    </FormDialog>
  );
}

function ReplaceAssignmentDialog({
  assignment,
  exclude,
  onClose,
  onDone,
}: {
  assignment: VillageAssignment;
  exclude: number[];
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [chosen, setChosen] = useState<CadreRow[]>([]);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [sendingUnit, setSendingUnit] = useState('');
  return (
    <FormDialog
      title={`驻村调换：${assignment.village} ${assignment.name}`}
      action="确认调换"
      wide
      onClose={onClose}
      run={async () => {
        if (!chosen.length) throw new Error('请选择接替人员');
        const r = await api.replaceVillageAssignment({ id: assignment.id, cadreId: chosen[0].id, date, reason, sendingUnit: sendingUnit || chosen[0].unit });
        onDone(`已调换：「${r.replacement.name}」接替「${r.old.name}」驻${r.replacement.village}`);
      }}
    >
      <p className="muted wide">
        {assignment.role}，{assignment.sendingUnit}，{termText(assignment.startDate, assignment.endDate)}。原记录保留为“已调换”。
      </p>
      <Field label="调换时间">
        <DateInput value={date} onChange={setDate} required aria-label="调换时间" placeholder="2022.06" />
      </Field>
      <Field label="接替人员派出单位">
        <input value={sendingUnit} onChange={e => setSendingUnit(e.target.value)} placeholder="默认取接替人员所在单位" />
      </Field>
      <Field label="调换原因" wide>
        <input value={reason} onChange={e => setReason(e.target.value)} />
      </Field>
      <div className="wide">
        <CadrePicker multiple={false} chosen={chosen} onChange={setChosen} exclude={exclude} label="查找接替人员" />
      </div>
    </FormDialog>
  );
}

function VillagesDialog({ villages, onClose, onChanged }: { villages: Village[]; onClose: () => void; onChanged: (text: string) => void }) {
  const empty = { name: '', township: '', county: '', kind: '' };
  const [editing, setEditing] = useState<Village | null>(null);
  const [v, setV] = useState(empty);
  const { error, run } = useAction();
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.target.value });
  const save = () =>
    run(async () => {
      const saved = await api.saveVillage({ ...v, id: editing?.id });
      onChanged(`已保存村「${saved.name}」`);
    });
  const remove = (village: Village) =>
    run(async () => {
      await api.deleteVillage({ id: village.id });
      onChanged(`已删除村「${village.name}」`);
    });
  return (
    <Dialog title="管理村庄" onClose={onClose} wide>
      <div className="sd-picker-list">
        <table className="io-table">
          <thead>
            <tr>
              <th>村</th>
              <th>乡镇</th>
              <th>县区</th>
              <th>类型</th>
              <th>驻村记录</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {villages.map(x => (
              <tr key={x.id}>
                <td>{x.name}</td>
                <td>{x.township}</td>
                <td>{x.county}</td>
                <td>{x.kind}</td>
                <td>{x.assignments}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(x);
                      setV({ name: x.name, township: x.township, county: x.county, kind: x.kind });
                    }}
                  >
                    编辑
                  </button>
                  <ConfirmButton
                    question={`删除村「${x.name}」？（可撤销）`}
                    onConfirm={() => remove(x)}
                    disabled={x.assignments > 0}
                    title={x.assignments > 0 ? '有驻村记录的村不能删除' : ''}
                  >
                    删除
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="ui-form"
        onSubmit={e => {
          e.preventDefault();
          void save();
        }}
      >
        <h4 className="wide">{editing ? `编辑：${editing.name}` : '新增村'}</h4>
        <Field label="村名">
          <input value={v.name} onChange={set('name')} />
        </Field>
        <Field label="乡镇">
          <input value={v.township} onChange={set('township')} />
        </Field>
        <Field label="县区">
          <input value={v.county} onChange={set('county')} />
        </Field>
        <Field label="类型">
          <input value={v.kind} onChange={set('kind')} list="sd-village-kinds" />
        </Field>
        <datalist id="sd-village-kinds">
          {VILLAGE_KINDS.map(k => (
            <option key={k} value={k} />
          ))}
        </datalist>
        <ErrorLine error={error} className="wide" />
        <footer>
          {editing && (
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setV(empty);
              }}
            >
              改为新增
            </button>
          )}
          <button type="submit" className="primary">
            {editing ? '保存' : '新增'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
