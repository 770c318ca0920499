/**
 * 工作提醒 (#/reminders): what falls due for a reference date and horizon, past-due first,
 * filtered by kind, exported as .xlsx; a row opens the cadre (or the assessment round).
 * 数据质量 (#/reminders/quality): the 三龄两历 contradictions with counts per kind; a row
 * opens the cadre's form at the field.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ColDef, ICellRendererParams, RowClassRules, RowClickedEvent } from 'ag-grid-community';
import {
  DEFAULT_HORIZON_MONTHS,
  QUALITY_KINDS,
  REMINDER_KINDS,
  type OutputOf,
  type QualityKind,
  type QualityRow,
  type ReminderKind,
  type ReminderRow,
} from '../../../shared/contract/api';
import { formatDate, todayCanonical } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { EditableGrid, READ_ONLY_COL } from '../ui/EditableGrid';
import { EmptyHint } from '../ui/EmptyHint';
import { downloadBase64 } from '../io/files';
import { DateInput } from '../ui/DateInput';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { cadreFieldHash } from './FieldFocus';
import './reminders.css';

export type RemindersTab = 'due' | 'quality';

const HORIZONS = [3, 6, 12, 24, 36];

const reminderHref = (r: ReminderRow) => (r.cadreId !== null ? `#/cadre/${r.cadreId}` : `#/round/${r.roundId}`);
const qualityHref = (r: QualityRow) =>
  cadreFieldHash(
    r.cadreId,
    r.fields.map(f => f.key),
  );

function NameCell<R extends ReminderRow | QualityRow>({ data, href }: ICellRendererParams<R> & { href: (r: R) => string }) {
  if (!data) return null;
  return (
    <a href={href(data)} title={`打开「${data.name}」`}>
      {data.name}
    </a>
  );
}

const REMINDER_COLUMNS: ColDef<ReminderRow>[] = [
  {
    colId: 'due',
    headerName: '到期时间',
    width: 130,
    valueGetter: p => (p.data ? formatDate(p.data.due) : ''),
    cellRenderer: (p: ICellRendererParams<ReminderRow>) =>
      p.data?.overdue ? (
        <span>
          {p.value} <span className="rm-overdue-tag">逾期</span>
        </span>
      ) : (
        p.value
      ),
  },
  { colId: 'kind', field: 'kind', headerName: '提醒类别', width: 110 },
  { colId: 'name', field: 'name', headerName: '姓名', width: 110, cellRenderer: NameCell, cellRendererParams: { href: reminderHref } },
  { colId: 'unit', field: 'unit', headerName: '单位', width: 170, tooltipField: 'unit' },
  { colId: 'post', field: 'post', headerName: '现任职务', width: 220, tooltipField: 'post' },
  { colId: 'detail', field: 'detail', headerName: '说明', flex: 1, minWidth: 260, tooltipField: 'detail' },
];

const fieldsText = (r: QualityRow) => r.fields.map(f => `${f.label}：${f.value.replaceAll('\n', ' / ')}`).join('；');

const QUALITY_COLUMNS: ColDef<QualityRow>[] = [
  { colId: 'kind', field: 'kind', headerName: '问题类别', width: 170 },
  { colId: 'name', field: 'name', headerName: '姓名', width: 100, cellRenderer: NameCell, cellRendererParams: { href: qualityHref } },
  { colId: 'unit', field: 'unit', headerName: '单位', width: 150, tooltipField: 'unit' },
  { colId: 'fields', headerName: '涉及字段', width: 300, valueGetter: p => (p.data ? fieldsText(p.data) : ''), tooltipValueGetter: p => p.value },
  { colId: 'detail', field: 'detail', headerName: '说明', flex: 1, minWidth: 260, tooltipField: 'detail' },
];

/** 全部 N, then one button per kind with its count; the pressed one filters the list. */
function KindFilter<K extends string>({
  label,
  kinds,
  counts,
  total,
  value,
  onChange,
}: {
  label: string;
  kinds: readonly K[];
  counts: readonly { kind: K; count: number; overdue?: number }[];
  total: number;
  value: K | null;
  onChange: (k: K | null) => void;
}) {
  const byKind = new Map(counts.map(c => [c.kind, c]));
  return (
    <div className="toolbar rm-kinds" role="group" aria-label={label}>
      <button type="button" aria-pressed={value === null} onClick={() => onChange(null)}>
        全部 <b>{total}</b>
      </button>
      {kinds.map(k => {
        const c = byKind.get(k) ?? { count: 0, overdue: 0 };
        return (
          <button key={k} type="button" aria-pressed={value === k} disabled={c.count === 0} onClick={() => onChange(value === k ? null : k)}>
            {k} <b>{c.count}</b>
            {c.overdue ? <span className="rm-overdue-tag">逾期 {c.overdue}</span> : null}
          </button>
        );
      })}
    </div>
  );
}

type Message = ReturnType<typeof useMessage>;

/**
 * One tab's list: its own controls, 导出 Excel (of the kind shown), the kind buttons with
 * counts, the message line and the grid, whose rows open what they are about.
 */
function KindList<K extends string, R extends { kind: K }>(p: {
  label: string;
  kindLabel: string;
  kinds: readonly K[];
  data: { rows: R[]; counts: { kind: K; count: number; overdue?: number }[] } | null;
  columns: ColDef<R>[];
  /** The grid's name for its remembered column layout. */
  gridKey: string;
  /** What the empty list says, and what to do next. */
  empty: { message: string; detail: string };
  href: (r: R) => string;
  rowClassRules?: RowClassRules<R>;
  /** The controls before the export button. */
  tools: ReactNode;
  exporter: (kinds: K[] | undefined) => Promise<OutputOf<'exportReminders'>>;
  /** What a row is, for the export's message: 提醒, 问题. */
  what: string;
  msg: Message;
}) {
  const { data, exporter, msg, what } = p;
  const [kind, setKind] = useState<K | null>(null);
  const [exporting, setExporting] = useState(false);
  const rows = useMemo(() => (data ? (kind ? data.rows.filter(r => r.kind === kind) : data.rows) : null), [data, kind]);

  const exportXlsx = useCallback(async () => {
    setExporting(true);
    msg.clear();
    try {
      const file = await exporter(kind ? [kind] : undefined);
      downloadBase64(file.fileName, file.base64 ?? '', file.mime);
      msg.info(`已导出 ${file.rows} 条${what}：${file.fileName}`);
    } catch (e) {
      msg.fail(e);
    } finally {
      setExporting(false);
    }
  }, [exporter, kind, msg, what]);

  return (
    <>
      <div className="toolbar rm-bar">
        {p.tools}
        <button type="button" className="primary" onClick={() => void exportXlsx()} disabled={exporting || !rows?.length}>
          {exporting ? '正在导出……' : '导出 Excel'}
        </button>
      </div>
      {data && <KindFilter label={p.kindLabel} kinds={p.kinds} counts={data.counts} total={data.rows.length} value={kind} onChange={setKind} />}
      <MessageLine message={msg.message} onClose={msg.clear} />
      <EditableGrid<R>
        label={p.label}
        gridKey={p.gridKey}
        columnDefs={p.columns}
        defaultColDef={READ_ONLY_COL}
        rowData={rows}
        rowClassRules={p.rowClassRules}
        onRowClicked={(e: RowClickedEvent<R>) => e.data && (window.location.hash = p.href(e.data))}
        tooltipShowDelay={400}
        empty={<EmptyHint message={p.empty.message} detail={p.empty.detail} />}
      />
    </>
  );
}

const OVERDUE_ROWS: RowClassRules<ReminderRow> = { 'rm-overdue': p => !!p.data?.overdue };

function DueTab() {
  const [date, setDate] = useState(todayCanonical);
  const [months, setMonths] = useState(DEFAULT_HORIZON_MONTHS);
  const [list, setList] = useState<OutputOf<'listReminders'> | null>(null);
  const msg = useMessage();
  const { fail } = msg;

  useEffect(() => {
    let alive = true;
    api.listReminders({ date, months }).then(
      l => alive && setList(l),
      e => alive && fail(e),
    );
    return () => {
      alive = false;
    };
  }, [date, months, fail]);
  const exporter = useCallback((kinds: ReminderKind[] | undefined) => api.exportReminders({ date, months, kinds }), [date, months]);

  return (
    <KindList
      label="工作提醒列表"
      kindLabel="提醒类别"
      kinds={REMINDER_KINDS}
      data={list}
      columns={REMINDER_COLUMNS}
      gridKey="reminders"
      empty={{ message: '期限内没有需要提醒的事项', detail: '可以改参考日期，或把“提前”的月数放长再看。' }}
      href={reminderHref}
      rowClassRules={OVERDUE_ROWS}
      exporter={exporter}
      what="提醒"
      msg={msg}
      tools={
        <>
          <label>
            参考日期
            <DateInput aria-label="参考日期" value={date} precision="day" required onChange={setDate} />
          </label>
          <label>
            提前
            <select aria-label="提前月数" value={months} onChange={e => setMonths(Number(e.target.value))}>
              {HORIZONS.map(m => (
                <option key={m} value={m}>
                  {m} 个月
                </option>
              ))}
            </select>
          </label>
          <span className="muted" aria-live="polite">
            {list ? `${formatDate(list.date)} 至 ${formatDate(list.until)}，逾期的排在前面` : '正在计算……'}
          </span>
        </>
      }
    />
  );
}

function QualityTab() {
  const [review, setReview] = useState<OutputOf<'reviewQuality'> | null>(null);
  const msg = useMessage();
  const { fail } = msg;
  const load = useCallback(() => {
    setReview(null);
    api.reviewQuality({}).then(setReview, fail);
  }, [fail]);
  useEffect(load, [load]);
  const exporter = useCallback((kinds: QualityKind[] | undefined) => api.exportQuality({ kinds }), []);

  return (
    <KindList
      label="数据质量问题列表"
      kindLabel="问题类别"
      kinds={QUALITY_KINDS}
      data={review}
      columns={QUALITY_COLUMNS}
      gridKey="quality"
      empty={{ message: '没有发现矛盾', detail: '修改或导入干部信息后，点“重新检查”再审核一次。' }}
      href={qualityHref}
      exporter={exporter}
      what="问题"
      msg={msg}
      tools={
        <>
          <span className="muted">三龄两历审核：年龄、党龄、工龄、学历、经历之间的矛盾。点击一行，打开该干部的任免审批表并定位到相应栏目。</span>
          <button type="button" onClick={load} disabled={!review}>
            重新检查
          </button>
        </>
      }
    />
  );
}

export function RemindersPage({ tab }: { tab: RemindersTab }) {
  const tabs: { id: RemindersTab; label: string; href: string }[] = [
    { id: 'due', label: '工作提醒', href: '#/reminders' },
    { id: 'quality', label: '数据质量', href: '#/reminders/quality' },
  ];
  return (
    <section className="page rm-page">
      <header className="page-head">
        <h1>{tab === 'due' ? '工作提醒' : '数据质量'}</h1>
        <nav className="rm-tabs" role="tablist" aria-label="工作提醒与数据质量">
          {tabs.map(t => (
            <a key={t.id} role="tab" href={t.href} aria-selected={tab === t.id}>
              {t.label}
            </a>
          ))}
        </nav>
      </header>
      {tab === 'due' ? <DueTab /> : <QualityTab />}
    </section>
  );
}

/**
 * The sidebar's figure under 工作提醒: how many are past due and how many fall due in the
 * default window. Asked again whenever the section changes (the service keeps it until the data does).
 */
export function RemindersCount({ refresh }: { refresh: string }) {
  const [summary, setSummary] = useState<OutputOf<'reminderSummary'> | null>(null);
  useEffect(() => {
    let alive = true;
    api.reminderSummary({}).then(
      s => alive && setSummary(s),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [refresh]);
  if (!summary) return null;
  return (
    <span className="rm-count" title={`已逾期 ${summary.overdue} 项，${summary.months} 个月内到期共 ${summary.total} 项`}>
      {summary.overdue > 0 && <span className="rm-count-overdue">逾期 {summary.overdue}</span>}
      <span>
        {summary.months}个月内 {summary.total}
      </span>
    </span>
  );
}
