/**
 * The one import wizard, for every importer: files (.xlsx .xls .et .csv .lrmx,
 * a .zip of them) → sheets & layout → column mapping (the target's fields) →
 * options → 检查 (asking before it drops a column that holds data) → preview
 * (new / changed old → new / unchanged / skipped / problems, the columns not
 * imported, the rows left out, how 单位及职务 was split) → 确认导入 → result.
 * The 导入导出 page, a batch's page and a round's page each show it with their
 * target; the words of the preview are the target's own.
 */
import { useEffect, useRef, useState } from 'react';
import type {
  ColumnMapping,
  ImportCommitResult,
  ImportIssue,
  ImportJob,
  ImportMode,
  ImportTarget,
  PlanAction,
  PlanOptions,
  PreviewRow,
  SheetInspection,
  TargetInfo,
} from '../../../shared/contract/api';
import { api } from '../api';
import { downloadBase64, readFileBase64, XLSX_MIME } from './files';
import { errorText } from '../ui/errors';
import { ModeChoice } from './ModeChoice';
import { ErrorLine } from '../ui/useAction';
import { IssuesTable } from '../ui/IssuesTable';
import { Pager } from '../ui/Pager';
import './io.css';

const ACTIVE_STATES = ['reading', 'planning', 'committing'];
const PAGE_SIZE = 100;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const DEFAULT_UNIT_OPTIONS: { value: 'none' | 'sheetName' | 'reportingUnit'; label: string }[] = [
  { value: 'none', label: '不填' },
  { value: 'sheetName', label: '用工作表名称' },
  { value: 'reportingUnit', label: '用“填报单位”' },
];

type Tab = Exclude<PlanAction, 'error'> | 'issues' | 'columns';

/** Columns that hold data but feed no field: the wizard asks before dropping them. */
function droppedColumns(sheets: SheetInspection[], mapping: ColumnMapping[]): { sheet: string; letter: string; header: string }[] {
  const field = new Map(mapping.map(m => [m.header, m.field]));
  return sheets.flatMap(s =>
    s.columns.filter(c => c.hasData && !c.known && !field.get(c.header)).map(c => ({ sheet: s.name, letter: c.letter, header: c.header })),
  );
}

export function ImportWizard({
  target,
  heading,
  hint,
  accept = '.xlsx,.xls,.et,.csv,.lrmx,.zip',
  onCommitted,
  onClose,
}: {
  target: ImportTarget;
  heading: string;
  hint: string;
  accept?: string;
  onCommitted: (result: ImportCommitResult) => void;
  /** In a dialog: the 关闭 button after the import. */
  onClose?: () => void;
}) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping[]>([]);
  const [mode, setMode] = useState<ImportMode>('update');
  const [defaultUnit, setDefaultUnit] = useState<'none' | 'sheetName' | 'reportingUnit'>('none');
  /** 跳过有误的文件: .lrmx files with errors are left out (listed) instead of blocking the import. */
  const [skipErrorFiles, setSkipErrorFiles] = useState(false);
  /** 重新调入: people of the 历史库 the file names come back into the roster instead of being left out. */
  const [returnFromHistory, setReturnFromHistory] = useState(false);
  /** The options changed since the last 检查: the preview no longer applies. */
  const [stale, setStale] = useState(false);
  /** Columns with data the user is about to drop: 检查 waits for an answer. */
  const [asking, setAsking] = useState<{ sheet: string; letter: string; header: string }[] | null>(null);
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

  const start = async (files: File[]) => {
    const gen = ++generation.current;
    setJob(null);
    setError(null);
    setNotice(null);
    setStale(false);
    setAsking(null);
    setReturnFromHistory(false); // bringing people back is chosen per file, never carried over
    setUploading(true);
    try {
      const sources = await Promise.all(files.map(readFileBase64));
      const { jobId } = await api.importStart({ sources, target });
      setUploading(false);
      const j = await poll(jobId, gen);
      if (j?.inspection) {
        setSheets(j.inspection.defaultSheets);
        setMapping(j.inspection.mapping);
        // A file of .lrmx persons only needs no mapping: check it straight away.
        if (j.inspection.sheets.length === 0 && j.inspection.documents > 0) await check(j, j.inspection.defaultSheets, j.inspection.mapping, true);
      }
      settled(j);
    } catch (e) {
      if (gen === generation.current) setError(errorText(e));
    } finally {
      setUploading(false);
    }
  };

  const check = async (current = job, chosen = sheets, columns = mapping, confirmed = false, skipping = skipErrorFiles, returning = returnFromHistory) => {
    if (!current?.inspection) return;
    const dropped = droppedColumns(
      current.inspection.sheets.filter(s => chosen.includes(s.key)),
      columns,
    );
    if (dropped.length && !confirmed) {
      setAsking(dropped);
      return;
    }
    setAsking(null);
    const gen = ++generation.current;
    setError(null);
    setNotice(null);
    const options: PlanOptions = { sheets: chosen, mapping: columns, mode, defaultUnit, skipErrorFiles: skipping, returnFromHistory: returning };
    try {
      await api.importPlan({ jobId: current.jobId, options });
      setStale(false);
      settled(await poll(current.jobId, gen));
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
      onCommitted(result);
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
    setAsking(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  /** An option changed: the preview shown no longer applies, and a pending question neither. */
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setAsking(null);
      if (job?.state === 'planned') setStale(true);
    };

  const busy = uploading || committing || (job !== null && ACTIVE_STATES.includes(job.state));
  const inspection = job?.inspection ?? null;
  const info = inspection?.target ?? null;
  const showOptions = inspection && job && inspection.sheets.length > 0 && ['ready', 'planning', 'planned', 'failed'].includes(job.state);
  const preview = job?.state === 'planned' && !stale ? job.preview : null;

  return (
    <section className="io-card io-wizard" aria-label={heading}>
      <h2>{heading}</h2>
      <p className="muted">{hint}</p>
      <div className="io-row">
        <label className="io-file">
          <span className="io-file-button">选择文件…</span>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={accept}
            className="io-hidden-input"
            aria-label="选择要导入的文件"
            disabled={busy}
            onChange={e => {
              const files = [...(e.target.files ?? [])];
              if (files.length) void start(files);
            }}
          />
        </label>
        {inspection && <span className="muted">{filesText(inspection.files)}</span>}
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

      {(uploading || (job && ACTIVE_STATES.includes(job.state))) && (
        <Progress job={job} onCancel={job && job.state !== 'committing' ? () => void cancel() : undefined} />
      )}

      {showOptions && info && (
        <>
          <SheetPicker sheets={inspection.sheets} chosen={sheets} disabled={busy} onChange={edit(setSheets)} />
          <MappingTable
            inspection={inspection.sheets.filter(s => sheets.includes(s.key))}
            fields={info.fields}
            mapping={mapping}
            disabled={busy}
            onChange={edit(setMapping)}
          />
          {info.modes && <ModeChoice name={`import-mode-${info.kind}`} mode={mode} disabled={busy} onChange={edit(setMode)} />}
          {info.units && (
            <div className="io-row">
              <label>
                单位为空时：
                <select value={defaultUnit} disabled={busy} onChange={e => edit(setDefaultUnit)(e.target.value as typeof defaultUnit)}>
                  {DEFAULT_UNIT_OPTIONS.map(o => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          {asking ? (
            <div className="io-ask" role="alertdialog" aria-label="确认不导入的列">
              <p>
                以下列有数据，但没有对应任何项目，将<strong>不导入</strong>：{asking.map(c => `「${c.header}」（${c.sheet} ${c.letter} 列）`).join('、')}。
              </p>
              <div className="io-row">
                <button type="button" className="primary" onClick={() => void check(job, sheets, mapping, true)}>
                  不导入这些列，继续检查
                </button>
                <button type="button" onClick={() => setAsking(null)}>
                  返回修改对应关系
                </button>
              </div>
            </div>
          ) : (
            <div className="io-row">
              <button type="button" className="primary" onClick={() => void check()} disabled={busy || sheets.length === 0}>
                检查
              </button>
              {sheets.length === 0 && <span className="muted">请至少选择一个工作表。</span>}
              {stale && <span className="muted">选项已修改，请重新检查。</span>}
            </div>
          )}
        </>
      )}

      {inspection && job && inspection.documents > 0 && ['planned', 'failed', 'ready'].includes(job.state) && (
        <OptionBox
          checked={skipErrorFiles}
          disabled={busy}
          label="跳过有误的文件（任免审批表有误时只导入其余文件；默认有误即全部不导入）"
          onChange={skipping => {
            setSkipErrorFiles(skipping);
            // A file of .lrmx persons only has no 检查 button: check again at once.
            if (inspection.sheets.length === 0) void check(job, sheets, mapping, true, skipping);
            else if (job.state === 'planned') setStale(true);
          }}
        />
      )}
      {job?.state === 'planned' && job.preview && (job.preview.counts.history > 0 || returnFromHistory) && (
        <OptionBox
          checked={returnFromHistory}
          disabled={busy}
          label="重新调入：表中历史库里的人员（已退休、调出等）恢复为在职并导入（默认不导入、也不另建新人）"
          onChange={returning => {
            setReturnFromHistory(returning);
            void check(job, sheets, mapping, true, skipErrorFiles, returning);
          }}
        />
      )}
      {preview && preview.skippedFiles.length > 0 && (
        <div className="io-notice" role="status" aria-label="跳过的文件">
          已跳过有误的文件 {preview.skippedFiles.length} 个：
          <ul>
            {preview.skippedFiles.map(f => (
              <li key={f.file}>
                {f.file}：{f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}

      {preview && job && info && (
        <Preview job={job} info={info} preview={preview} committing={committing} onReport={() => void report()} onCommit={() => void commit()} />
      )}

      {job?.state === 'committed' && job.result && info && (
        <div className="io-result" role="status">
          <strong>导入完成</strong>
          <p>
            {info.actions.new} {job.result.inserted}、{info.actions.update} {job.result.updated}、{info.actions.unchanged} {job.result.unchanged}、
            {info.actions.skip} {job.result.skipped}
            {job.result.unitsCreated > 0 && info.kind !== 'units' ? `，新建单位 ${job.result.unitsCreated} 个` : ''}
            {job.result.warnings > 0 ? `，提示 ${job.result.warnings} 条` : ''}。
          </p>
          {job.result.changedSincePreview > 0 && <p>检查之后数据有变动，{job.result.changedSincePreview} 行的处理结果与预览不同。</p>}
          <p className="muted">
            本次导入是一个整体操作，点击“撤销”可一次撤销整个导入
            {job.result.operation ? `（${job.result.operation.label}）` : ''}。
          </p>
          <div className="io-row">
            <button type="button" onClick={reset}>
              导入其他文件
            </button>
            {onClose && (
              <button type="button" onClick={onClose}>
                关闭
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

/** A choice of how to check that takes effect on the next check. */
function OptionBox({ checked, disabled, label, onChange }: { checked: boolean; disabled: boolean; label: string; onChange: (checked: boolean) => void }) {
  return (
    <div className="io-row">
      <label>
        <input type="checkbox" checked={checked} disabled={disabled} onChange={e => onChange(e.target.checked)} />
        {label}
      </label>
    </div>
  );
}

function filesText(files: { name: string; size: number; encoding: string | null }[]): string {
  if (files.length === 1) return `${files[0].name}（${formatBytes(files[0].size)}${files[0].encoding ? `，${files[0].encoding}` : ''}）`;
  return `${files.length} 个文件（${files
    .slice(0, 3)
    .map(f => f.name)
    .join('、')}${files.length > 3 ? ' 等' : ''}）`;
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

function visibilityLabel(s: SheetInspection): string {
  return s.visibility === 'visible' ? '' : s.visibility === 'hidden' ? '（隐藏）' : '（深度隐藏）';
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
        <div key={s.key} className="io-sheet">
          <label>
            <input
              type="checkbox"
              checked={chosen.includes(s.key)}
              disabled={!s.recognised && !chosen.includes(s.key)}
              onChange={e => onChange(e.target.checked ? [...chosen, s.key] : chosen.filter(n => n !== s.key))}
            />
            <strong>{s.key}</strong>
            {visibilityLabel(s) && <span className="io-tag">{visibilityLabel(s)}</span>}
            {s.recognised ? (
              <span className="muted">
                数据 {s.dataRows} 行{s.remembered ? '，沿用上次保存的对应关系' : ''}
              </span>
            ) : (
              <span className="muted">未识别到表头</span>
            )}
          </label>
          {s.recognised && chosen.includes(s.key) && <Layout sheet={s} />}
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
          <SkippedTable rows={sheet.skipped} />
        </details>
      )}
    </div>
  );
}

function SkippedTable({ rows }: { rows: { sheet?: string; row: number; label: string; text: string }[] }) {
  const withSheet = rows.some(r => r.sheet !== undefined);
  return (
    <table className="io-table" aria-label="跳过的行">
      <thead>
        <tr>
          {withSheet && <th>工作表</th>}
          <th>行</th>
          <th>原因</th>
          <th>内容</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 200).map(r => (
          <tr key={`${r.sheet ?? ''}:${r.row}`}>
            {withSheet && <td>{r.sheet}</td>}
            <td>{r.row}</td>
            <td>{r.label}</td>
            <td className="io-clip">{r.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MappingTable({
  inspection,
  fields,
  mapping,
  disabled,
  onChange,
}: {
  inspection: SheetInspection[];
  fields: TargetInfo['fields'];
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
  const shown = mapping.filter(m => columnOf(m.header));
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
          {shown.map(m => {
            const col = columnOf(m.header)!;
            const dup = m.field !== null && (used.get(m.field) ?? 0) > 1;
            return (
              <tr key={m.header} className={!m.field && col.hasData && !col.known ? 'io-warning-row' : undefined}>
                <td>{col.letter}</td>
                <td>
                  {m.header}
                  {col.hidden && <span className="io-tag">（隐藏列）</span>}
                </td>
                <td className="io-clip muted">{col.sample.filter(Boolean).slice(0, 3).join('、')}</td>
                <td>
                  <select
                    aria-label={`“${m.header}”导入为`}
                    value={m.field ?? ''}
                    disabled={disabled}
                    onChange={e => {
                      const field = e.target.value || null;
                      onChange(mapping.map(x => (x.header === m.header ? { ...x, field } : x)));
                    }}
                  >
                    <option value="">不导入</option>
                    {fields.map(f => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                  {dup && <span className="io-warn">多列对应同一项目</span>}
                  {!m.field && col.hasData && !col.known && <span className="io-warn">有数据</span>}
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
  info,
  preview,
  committing,
  onReport,
  onCommit,
}: {
  job: ImportJob;
  info: TargetInfo;
  preview: NonNullable<ImportJob['preview']>;
  committing: boolean;
  onReport: () => void;
  onCommit: () => void;
}) {
  const [tab, setTab] = useState<Tab>(preview.counts.errors > 0 ? 'issues' : preview.counts.new > 0 ? 'new' : 'update');
  const c = preview.counts;
  const counts: Record<Tab, number> = {
    new: c.new,
    update: c.update,
    unchanged: c.unchanged,
    skip: c.skip,
    history: c.history,
    issues: c.errors + c.warnings,
    columns: preview.unmapped.length + preview.skippedRows.length + preview.splits.split + preview.splits.whole,
  };
  const tabs: { tab: Tab; label: string }[] = [
    { tab: 'new', label: info.actions.new },
    { tab: 'update', label: info.actions.update },
    { tab: 'unchanged', label: info.actions.unchanged },
    { tab: 'skip', label: info.actions.skip },
    // People of the 历史库 the file names: their own group, shown only when there are any.
    ...(c.history > 0 ? [{ tab: 'history' as const, label: info.actions.history }] : []),
    { tab: 'issues', label: '问题' },
    { tab: 'columns', label: '未导入的列与行' },
  ];
  const nothing = c.new + c.update === 0 && preview.unitsToCreate.length === 0;
  const reason = preview.blocked
    ? `有 ${c.errors} 处错误（涉及 ${c.errorRows} 行），请在文件中改正后重新选择文件；改正之前不会写入任何数据。`
    : nothing
      ? '没有需要写入的内容。'
      : null;
  return (
    <div className="io-preview">
      <h3>检查结果</h3>
      <p className="io-counts" aria-label="检查结果统计">
        {(['new', 'update', 'unchanged', 'skip', ...(c.history > 0 ? (['history'] as const) : [])] as const).map(a => (
          <span key={a}>
            {info.actions[a]} {c[a]}、
          </span>
        ))}
        <span className={c.errors > 0 ? 'io-bad' : undefined}>错误 {c.errors}</span>、<span>提示 {c.warnings}</span>
        <span className="muted">
          （读取数据 {c.rows} 行，跳过 {c.layoutSkipped} 行，未导入的列 {preview.unmapped.length} 列）
        </span>
      </p>
      {preview.unitsToCreate.length > 0 && (
        <p className="muted">
          将新建单位：
          {preview.unitsToCreate.map(u => `${u.parentId !== null && u.parentName ? `${u.parentName} / ` : ''}${u.name}（${u.rows} 人）`).join('、')}
        </p>
      )}
      <div className="io-tabs" role="tablist" aria-label="预览">
        {tabs.map(t => (
          <button key={t.tab} type="button" role="tab" aria-selected={tab === t.tab} onClick={() => setTab(t.tab)}>
            {t.label}（{counts[t.tab]}）
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'issues' ? (
          <JobIssues jobId={job.jobId} />
        ) : tab === 'columns' ? (
          <LeftOut preview={preview} />
        ) : (
          <RowsTable jobId={job.jobId} action={tab} info={info} />
        )}
      </div>
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

/** What the import leaves out: columns by header, rows by number and reason, and how 单位及职务 was split. */
function LeftOut({ preview }: { preview: NonNullable<ImportJob['preview']> }) {
  const { unmapped, skippedRows, splits } = preview;
  return (
    <div className="io-leftout">
      <h4>未导入的列（{unmapped.length}）</h4>
      {unmapped.length === 0 ? (
        <p className="muted">每一列都已对应。</p>
      ) : (
        <table className="io-table" aria-label="未导入的列">
          <thead>
            <tr>
              <th>工作表</th>
              <th>列</th>
              <th>表头</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {unmapped.map(u => (
              <tr key={`${u.file}:${u.sheet}:${u.column}`} className={u.hasData && !u.known ? 'io-warning-row' : undefined}>
                <td>{u.sheet}</td>
                <td>{u.column}</td>
                <td>{u.header}</td>
                <td>{u.known ? '无需导入（序号、年龄等）' : u.hasData ? '有数据，未导入' : '空列'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>跳过的行（{skippedRows.length}）</h4>
      {skippedRows.length === 0 ? <p className="muted">没有跳过的行。</p> : <SkippedTable rows={skippedRows} />}
      {splits.split + splits.whole > 0 && (
        <>
          <h4>
            单位及职务：按单位树拆分 {splits.split} 行，整段作为现任职务 {splits.whole} 行
          </h4>
          <table className="io-table" aria-label="单位及职务的拆分">
            <thead>
              <tr>
                <th>工作表</th>
                <th>行</th>
                <th>原文</th>
                <th>单位</th>
                <th>职务</th>
                <th>方式</th>
              </tr>
            </thead>
            <tbody>
              {splits.rows.map(s => (
                <tr key={`${s.file}:${s.sheet}:${s.row}`}>
                  <td>{s.sheet}</td>
                  <td>{s.row}</td>
                  <td>{s.text}</td>
                  <td>{s.unit || '（空）'}</td>
                  <td>{s.post || '（空）'}</td>
                  <td>{s.how === 'split' ? '按单位树拆分' : '整段作为职务'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

const MATCHED: Record<NonNullable<PreviewRow['matchedBy']>, string> = { idNumber: '按身份证号匹配', nameBirth: '按姓名和出生年月匹配', name: '按姓名匹配' };

function RowsTable({ jobId, action, info }: { jobId: string; action: Exclude<PlanAction, 'error'>; info: TargetInfo }) {
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
  const where = (r: PreviewRow) => (r.sheet === null ? r.file : r.sheet);
  return (
    <>
      <table className="io-table">
        <thead>
          <tr>
            <th>{data.rows.some(r => r.sheet === null) ? '文件' : '工作表'}</th>
            <th>行</th>
            <th>{info.kind === 'units' ? '单位' : '姓名'}</th>
            <th>{action === 'new' ? '将写入' : action === 'update' ? '变化（旧值 → 新值）' : '匹配'}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map(r => (
            <tr key={`${r.file}:${r.sheet}:${r.row}`}>
              <td>{where(r)}</td>
              <td>{r.row ?? ''}</td>
              <td>{r.name || r.values.find(v => v.field === 'name')?.value}</td>
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
                  <span className="muted">{r.note ?? (r.matchedBy ? MATCHED[r.matchedBy] : '')}</span>
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
