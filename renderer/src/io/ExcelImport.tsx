import { useEffect, useRef, useState } from 'react';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import {
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
  type ImportIssue,
  type ImportJob,
  type ImportMode,
  type PlanAction,
  type PlanOptions,
  type PreviewRow,
  type SheetInspection,
} from '../../../shared/contract/api';
import { api } from '../api';
import { downloadBase64, readFileBase64, XLSX_MIME } from './files';
import { errorText } from '../ui/errors';
import { ModeChoice } from './ModeChoice';
import { ErrorLine } from '../ui/useAction';
import { IssuesTable } from '../ui/IssuesTable';
import { Pager } from '../ui/Pager';

const ACTIVE_STATES = ['reading', 'planning', 'committing'];
const PAGE_SIZE = 100;

const DEFAULT_UNIT_OPTIONS: { value: 'none' | 'sheetName' | 'reportingUnit'; label: string }[] = [
  { value: 'none', label: '不填' },
  { value: 'sheetName', label: '用工作表名称' },
  { value: 'reportingUnit', label: '用“填报单位”' },
];

const FIELD_LABELS: Record<ImportField, string> = Object.fromEntries(IMPORT_FIELDS.map(f => [f, fieldLabel(f)])) as Record<ImportField, string>;

type Tab = 'new' | 'update' | 'unchanged' | 'skip' | 'issues';
const TABS: { tab: Tab; label: string }[] = [
  { tab: 'new', label: '新增' },
  { tab: 'update', label: '更新' },
  { tab: 'unchanged', label: '不变' },
  { tab: 'skip', label: '跳过' },
  { tab: 'issues', label: '问题' },
];

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function visibilityLabel(s: SheetInspection): string {
  return s.visibility === 'visible' ? '' : s.visibility === 'hidden' ? '（隐藏）' : '（深度隐藏）';
}

/** 从 Excel 导入: file → sheets & layout → mapping → mode → 检查 → preview → 确认导入 → result. */
export function ExcelImport({ onCommitted }: { onCommitted: () => void }) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping[]>([]);
  const [mode, setMode] = useState<ImportMode>('update');
  const [defaultUnit, setDefaultUnit] = useState<'none' | 'sheetName' | 'reportingUnit'>('none');
  /** The options changed since the last 检查: the preview no longer applies. */
  const [stale, setStale] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  /** Bumped on every new job / reset so an old poll loop stops. */
  const generation = useRef(0);

  useEffect(() => () => void (generation.current += 1), []);

  const poll = async (jobId: string, gen: number): Promise<ImportJob | null> => {
    for (;;) {
      if (gen !== generation.current) return null;
      const j = await api.importProgress({ jobId });
      if (gen !== generation.current) return null;
      setJob(j);
      if (!ACTIVE_STATES.includes(j.state)) return j;
      await sleep(250);
    }
  };

  const settled = (j: ImportJob | null) => {
    if (!j) return;
    if (j.state === 'failed' && j.error) setError(j.error.message);
    if (j.state === 'cancelled') {
      setNotice('已取消，数据未修改。');
      setJob(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const start = async (file: File) => {
    const gen = ++generation.current;
    setJob(null);
    setError(null);
    setNotice(null);
    setStale(false);
    setUploading(true);
    try {
      const source = await readFileBase64(file);
      const { jobId } = await api.importStart({ source });
      setUploading(false);
      const j = await poll(jobId, gen);
      if (j?.inspection) {
        setSheets(j.inspection.defaultSheets);
        setMapping(j.inspection.mapping);
      }
      settled(j);
    } catch (e) {
      if (gen === generation.current) setError(errorText(e));
    } finally {
      setUploading(false);
    }
  };

  const check = async () => {
    if (!job) return;
    const gen = ++generation.current;
    setError(null);
    setNotice(null);
    const options: PlanOptions = { sheets, mapping, mode, defaultUnit };
    try {
      await api.importPlan({ jobId: job.jobId, options });
      setStale(false);
      settled(await poll(job.jobId, gen));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      await api.importCancel({ jobId: job.jobId });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const commit = async () => {
    if (!job) return;
    setCommitting(true);
    setError(null);
    try {
      const result = await api.importCommit({ jobId: job.jobId });
      setJob({ ...job, state: 'committed', result });
      onCommitted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setCommitting(false);
    }
  };

  const report = async () => {
    if (!job) return;
    try {
      const r = await api.importReport({ jobId: job.jobId });
      if (r.base64) downloadBase64(r.fileName, r.base64, XLSX_MIME);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const reset = () => {
    generation.current += 1;
    setJob(null);
    setError(null);
    setNotice(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const changed = () => {
    if (job?.state === 'planned') setStale(true);
  };

  const busy = uploading || committing || (job !== null && ACTIVE_STATES.includes(job.state));
  const inspection = job?.inspection ?? null;
  const showOptions = inspection && job && ['ready', 'planning', 'planned', 'failed'].includes(job.state);
  const preview = job?.state === 'planned' && !stale ? job.preview : null;

  return (
    <section className="io-card" aria-labelledby="io-excel-title">
      <h2 id="io-excel-title">从 Excel 导入</h2>
      <p className="muted">支持 .xlsx、.xls、.et（WPS）与 .csv 文件。导入前会逐行检查并预览，确认后才写入名册。</p>
      <div className="io-row">
        <label className="io-file">
          <span className="io-file-button">选择文件…</span>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,.xls,.et,.csv"
            className="io-hidden-input"
            aria-label="选择要导入的 Excel 文件"
            disabled={busy}
            onChange={e => {
              const f = e.target.files?.[0];
              if (f) void start(f);
            }}
          />
        </label>
        {inspection && (
          <span className="muted">
            {inspection.file.name}（{formatBytes(inspection.file.size)}
            {inspection.file.encoding ? `，${inspection.file.encoding}` : ''}）
          </span>
        )}
        {job && !busy && (
          <button type="button" onClick={reset}>
            重新开始
          </button>
        )}
      </div>

      <ErrorLine error={error} className="io-alert" />
      {notice && (
        <p className="io-notice" role="status">
          {notice}
        </p>
      )}

      {(uploading || (job && ACTIVE_STATES.includes(job.state) && job.state !== 'committing')) && (
        <Progress job={job} onCancel={job ? () => void cancel() : undefined} />
      )}

      {showOptions && (
        <>
          <SheetPicker
            sheets={inspection.sheets}
            chosen={sheets}
            disabled={busy}
            onChange={next => {
              setSheets(next);
              changed();
            }}
          />
          <MappingTable
            inspection={inspection.sheets.filter(s => sheets.includes(s.name))}
            mapping={mapping}
            disabled={busy}
            onChange={next => {
              setMapping(next);
              changed();
            }}
          />
          <ModeChoice
            name="import-mode"
            mode={mode}
            disabled={busy}
            onChange={m => {
              setMode(m);
              changed();
            }}
          />
          <div className="io-row">
            <label>
              单位为空时：
              <select
                value={defaultUnit}
                disabled={busy}
                onChange={e => {
                  setDefaultUnit(e.target.value as typeof defaultUnit);
                  changed();
                }}
              >
                {DEFAULT_UNIT_OPTIONS.map(o => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="io-row">
            <button type="button" className="primary" onClick={() => void check()} disabled={busy || sheets.length === 0}>
              检查
            </button>
            {sheets.length === 0 && <span className="muted">请至少选择一个工作表。</span>}
            {stale && <span className="muted">选项已修改，请重新检查。</span>}
          </div>
        </>
      )}

      {preview && job && <Preview job={job} preview={preview} committing={committing} onReport={() => void report()} onCommit={() => void commit()} />}

      {job?.state === 'committed' && job.result && (
        <div className="io-result" role="status">
          <strong>导入完成</strong>
          <p>
            新增 {job.result.inserted} 人、更新 {job.result.updated} 人、不变 {job.result.unchanged} 人、跳过 {job.result.skipped} 人
            {job.result.unitsCreated > 0 ? `，新建单位 ${job.result.unitsCreated} 个` : ''}
            {job.result.warnings > 0 ? `，提示 ${job.result.warnings} 条` : ''}。
          </p>
          {job.result.changedSincePreview > 0 && <p>检查之后名册有变动，{job.result.changedSincePreview} 行的处理结果与预览不同。</p>}
          <p className="muted">
            本次导入是一个整体操作：在“干部名册”页点击“撤销”可一次撤销整个导入
            {job.result.operation ? `（${job.result.operation.label}）` : ''}。
          </p>
          <button type="button" onClick={reset}>
            导入其他文件
          </button>
        </div>
      )}
    </section>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function Progress({ job, onCancel }: { job: ImportJob | null; onCancel?: () => void }) {
  const phase = job?.phase || '正在上传文件';
  const total = job?.total ?? 0;
  const done = job?.done ?? 0;
  return (
    <div className="io-progress">
      <span>{phase}……</span>
      <progress aria-label={phase} max={total > 0 ? total : undefined} value={total > 0 ? done : undefined} />
      {total > 0 && (
        <span className="muted">
          {done} / {total}
        </span>
      )}
      {onCancel && (
        <button type="button" onClick={onCancel}>
          取消
        </button>
      )}
    </div>
  );
}

function SheetPicker({
  sheets,
  chosen,
  disabled,
  onChange,
}: {
  sheets: SheetInspection[];
  chosen: string[];
  disabled: boolean;
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="io-sheets" disabled={disabled}>
      <legend>工作表（可选择多个格式相同的工作表）</legend>
      {sheets.map(s => (
        <div key={s.name} className="io-sheet">
          <label>
            <input
              type="checkbox"
              checked={chosen.includes(s.name)}
              disabled={!s.recognised && !chosen.includes(s.name)}
              onChange={e => onChange(e.target.checked ? [...chosen, s.name] : chosen.filter(n => n !== s.name))}
            />
            <strong>{s.name}</strong>
            {visibilityLabel(s) && <span className="io-tag">{visibilityLabel(s)}</span>}
            {s.recognised ? (
              <span className="muted">
                数据 {s.dataRows} 行{s.remembered ? '，沿用上次保存的对应关系' : ''}
              </span>
            ) : (
              <span className="muted">未识别到表头，不是名册</span>
            )}
          </label>
          {s.recognised && chosen.includes(s.name) && <Layout sheet={s} />}
        </div>
      ))}
    </fieldset>
  );
}

function Layout({ sheet }: { sheet: SheetInspection }) {
  return (
    <div className="io-layout">
      <dl>
        <dt>标题</dt>
        <dd>{sheet.title ?? '（无）'}</dd>
        <dt>填报单位</dt>
        <dd>
          {sheet.reportingUnit ?? '（无）'}
          {sheet.reportingDate ? `　填报日期 ${sheet.reportingDate}` : ''}
        </dd>
        <dt>表头</dt>
        <dd>
          {sheet.headerRows
            ? sheet.headerRows[0] === sheet.headerRows[1]
              ? `第 ${sheet.headerRows[0]} 行`
              : `第 ${sheet.headerRows[0]}–${sheet.headerRows[1]} 行`
            : '（未识别）'}
        </dd>
        <dt>跳过的行</dt>
        <dd>{sheet.skipped.length === 0 ? '无' : `${sheet.skipped.length} 行`}</dd>
      </dl>
      {sheet.skipped.length > 0 && (
        <details>
          <summary>查看跳过的行</summary>
          <table className="io-table">
            <thead>
              <tr>
                <th>行</th>
                <th>原因</th>
                <th>内容</th>
              </tr>
            </thead>
            <tbody>
              {sheet.skipped.slice(0, 200).map(r => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.label}</td>
                  <td className="io-clip">{r.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

function MappingTable({
  inspection,
  mapping,
  disabled,
  onChange,
}: {
  inspection: SheetInspection[];
  mapping: ColumnMapping[];
  disabled: boolean;
  onChange: (next: ColumnMapping[]) => void;
}) {
  const columnOf = (header: string) => {
    for (const s of inspection) {
      const c = s.columns.find(col => col.header === header);
      if (c) return c;
    }
    return null;
  };
  const used = new Map<string, number>();
  for (const m of mapping) if (m.field) used.set(m.field, (used.get(m.field) ?? 0) + 1);
  return (
    <div className="io-mapping">
      <h3>列的对应关系</h3>
      <table className="io-table" aria-label="列的对应关系">
        <thead>
          <tr>
            <th>列</th>
            <th>表头</th>
            <th>示例</th>
            <th>导入为</th>
          </tr>
        </thead>
        <tbody>
          {mapping.map((m, i) => {
            const col = columnOf(m.header);
            const dup = m.field !== null && (used.get(m.field) ?? 0) > 1;
            return (
              <tr key={m.header}>
                <td>{col?.letter ?? ''}</td>
                <td>
                  {m.header}
                  {col?.hidden && <span className="io-tag">（隐藏列）</span>}
                </td>
                <td className="io-clip muted">{col?.sample.filter(Boolean).slice(0, 3).join('、')}</td>
                <td>
                  <select
                    aria-label={`“${m.header}”导入为`}
                    value={m.field ?? ''}
                    disabled={disabled}
                    onChange={e => {
                      const field = (e.target.value || null) as ImportField | null;
                      onChange(mapping.map((x, j) => (j === i ? { ...x, field } : x)));
                    }}
                  >
                    <option value="">不导入</option>
                    {IMPORT_FIELDS.map(f => (
                      <option key={f} value={f}>
                        {FIELD_LABELS[f]}
                      </option>
                    ))}
                  </select>
                  {dup && <span className="io-warn">多列对应同一项目</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Preview({
  job,
  preview,
  committing,
  onReport,
  onCommit,
}: {
  job: ImportJob;
  preview: NonNullable<ImportJob['preview']>;
  committing: boolean;
  onReport: () => void;
  onCommit: () => void;
}) {
  const [tab, setTab] = useState<Tab>(preview.counts.errors > 0 ? 'issues' : 'new');
  const c = preview.counts;
  const counts: Record<Tab, number> = { new: c.new, update: c.update, unchanged: c.unchanged, skip: c.skip, issues: c.errors + c.warnings };
  const nothing = c.new + c.update === 0 && preview.unitsToCreate.length === 0;
  const reason = preview.blocked
    ? `有 ${c.errors} 处错误（涉及 ${c.errorRows} 行），请在文件中改正后重新选择文件；改正之前不会写入任何数据。`
    : nothing
      ? '没有需要新增或更新的人。'
      : null;
  return (
    <div className="io-preview">
      <h3>检查结果</h3>
      <p className="io-counts" aria-label="检查结果统计">
        <span>新增 {c.new}</span>、<span>更新 {c.update}</span>、<span>不变 {c.unchanged}</span>、<span>跳过 {c.skip}</span>、
        <span className={c.errors > 0 ? 'io-bad' : undefined}>错误 {c.errors}</span>、<span>提示 {c.warnings}</span>
        <span className="muted">
          （读取数据 {c.rows} 行，版式跳过 {c.layoutSkipped} 行）
        </span>
      </p>
      {preview.unitsToCreate.length > 0 && (
        <p className="muted">
          将新建单位：
          {preview.unitsToCreate.map(u => `${u.parentId !== null && u.parentName ? `${u.parentName} / ` : ''}${u.name}（${u.rows} 人）`).join('、')}
        </p>
      )}
      <div className="io-tabs" role="tablist" aria-label="预览">
        {TABS.map(t => (
          <button key={t.tab} type="button" role="tab" aria-selected={tab === t.tab} onClick={() => setTab(t.tab)}>
            {t.label}（{counts[t.tab]}）
          </button>
        ))}
      </div>
      <div role="tabpanel">{tab === 'issues' ? <JobIssues jobId={job.jobId} /> : <RowsTable jobId={job.jobId} action={tab} />}</div>
      <div className="io-row io-actions">
        <button type="button" onClick={onReport} disabled={counts.issues === 0}>
          下载问题报告（.xlsx）
        </button>
        <button type="button" className="primary" onClick={onCommit} disabled={reason !== null || committing}>
          {committing ? '正在导入……' : '确认导入'}
        </button>
        {reason && <span className="io-reason">{reason}</span>}
      </div>
    </div>
  );
}

function RowsTable({ jobId, action }: { jobId: string; action: Exclude<PlanAction, 'error'> }) {
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; rows: PreviewRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setOffset(0), [action]);
  useEffect(() => {
    let live = true;
    setData(null);
    api.importPreviewRows({ jobId, action, offset, limit: PAGE_SIZE }).then(
      d => live && setData(d),
      e => live && setError(errorText(e)),
    );
    return () => void (live = false);
  }, [jobId, action, offset]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="muted">正在读取……</p>;
  if (data.total === 0) return <p className="muted">没有这类行。</p>;
  return (
    <>
      <table className="io-table">
        <thead>
          <tr>
            <th>工作表</th>
            <th>行</th>
            <th>姓名</th>
            <th>{action === 'new' ? '将写入' : action === 'update' ? '变化（旧值 → 新值）' : '匹配'}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map(r => (
            <tr key={`${r.sheet}:${r.row}`}>
              <td>{r.sheet}</td>
              <td>{r.row}</td>
              <td>{r.name}</td>
              <td>
                {action === 'new' ? (
                  <span className="io-values">
                    {r.values
                      .filter(v => v.value)
                      .map(v => `${v.label}：${v.value}`)
                      .join('；')}
                  </span>
                ) : action === 'update' ? (
                  <ul className="io-changes">
                    {r.changes.map(ch => (
                      <li key={ch.field}>
                        {ch.label}：<del>{ch.old || '（空）'}</del> → <ins>{ch.new || '（空）'}</ins>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{r.matchedBy === 'idNumber' ? '按身份证号匹配' : r.matchedBy === 'nameBirth' ? '按姓名和出生年月匹配' : ''}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} total={data.total} size={PAGE_SIZE} onChange={setOffset} />
    </>
  );
}

/** The job's problems, a page at a time. */
function JobIssues({ jobId }: { jobId: string }) {
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; issues: ImportIssue[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.importIssues({ jobId, offset, limit: PAGE_SIZE }).then(
      d => live && setData(d),
      e => live && setError(errorText(e)),
    );
    return () => void (live = false);
  }, [jobId, offset]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="muted">正在读取……</p>;
  if (data.total === 0) return <p className="muted">没有发现问题。</p>;
  return (
    <>
      <IssuesTable issues={data.issues} show={['severity', 'file', 'sheet', 'row', 'column']} className="io-table io-issues" />
      <Pager offset={offset} total={data.total} size={PAGE_SIZE} onChange={setOffset} />
    </>
  );
}
