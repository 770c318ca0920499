import { useEffect, useRef, useState } from 'react';
import type { Unit, ImportMode, ImportPlanOutput } from '../../../shared/contract/api';
import { api } from '../api';
import { ModeChoice } from './ModeChoice';
import { readFileBase64 } from './files';
import { errorText } from '../ui/errors';
import { ErrorLine } from '../ui/useAction';

const ACTION_LABELS: Record<ImportPlanOutput['records'][number]['action'], string> = {
  new: '新增',
  update: '更新',
  unchanged: '不变',
  skip: '跳过',
  error: '错误',
};

interface Result {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: number;
}

/** 导入任免审批表 (.lrmx): files → planLrmx preview → commitLrmx. */
export function LrmxImport({ onCommitted }: { onCommitted: () => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [mode, setMode] = useState<ImportMode>('update');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [plan, setPlan] = useState<{ planId: string; plan: ImportPlanOutput } | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState<null | 'plan' | 'commit'>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.listUnits({}).then(setUnits, () => setUnits([]));
  }, []);

  const check = async () => {
    setBusy('plan');
    setError(null);
    setResult(null);
    setPlan(null);
    try {
      const uploaded = await Promise.all(files.map(readFileBase64));
      setPlan(await api.planLrmx({ files: uploaded, mode }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!plan) return;
    setBusy('commit');
    setError(null);
    try {
      const r = await api.commitLrmx({ planId: plan.planId, mode, fingerprint: plan.plan.fingerprint, unitId, skipInvalid });
      setResult(r);
      setPlan(null);
      setFiles([]);
      if (input.current) input.current.value = '';
      onCommitted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const c = plan?.plan.counts;
  const reason = !c
    ? null
    : c.error > 0 && !skipInvalid
      ? `有 ${c.error} 个文件有错误：请改正后重新选择，或勾选“跳过有错误的文件”。`
      : c.new + c.update === 0
        ? '没有需要新增或更新的人。'
        : null;

  return (
    <section className="io-card" aria-labelledby="io-lrmx-title">
      <h2 id="io-lrmx-title">导入任免审批表 (.lrmx)</h2>
      <p className="muted">可一次选择多个 .lrmx 文件；先检查并预览，确认后才写入名册。</p>
      <div className="io-row">
        <label className="io-file">
          <span className="io-file-button">选择文件…</span>
          <input
            ref={input}
            type="file"
            accept=".lrmx"
            className="io-hidden-input"
            multiple
            aria-label="选择要导入的任免审批表文件"
            disabled={busy !== null}
            onChange={e => {
              setFiles(Array.from(e.target.files ?? []));
              setPlan(null);
              setResult(null);
            }}
          />
        </label>
        <span className="muted">{files.length === 0 ? '未选择文件' : files.length === 1 ? files[0].name : `已选择 ${files.length} 个文件`}</span>
      </div>
      <ModeChoice
        name="lrmx-mode"
        mode={mode}
        disabled={busy !== null}
        onChange={m => {
          setMode(m);
          setPlan(null);
        }}
      />
      <div className="io-row">
        <label>
          新增干部的单位：
          <select value={unitId ?? ''} onChange={e => setUnitId(e.target.value ? Number(e.target.value) : null)} disabled={busy !== null}>
            <option value="">暂不指定</option>
            {units.map(u => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void check()} disabled={busy !== null || files.length === 0}>
          {busy === 'plan' ? '正在检查……' : '检查'}
        </button>
      </div>
      <ErrorLine error={error} />
      {plan && c && (
        <div className="io-preview">
          <p className="io-counts" aria-label="任免审批表检查结果">
            新增 {c.new}、更新 {c.update}、不变 {c.unchanged}、跳过 {c.skip}、<span className={c.error > 0 ? 'io-bad' : undefined}>错误 {c.error}</span>
          </p>
          <table className="io-table">
            <thead>
              <tr>
                <th>文件</th>
                <th>姓名</th>
                <th>处理</th>
                <th>变化（旧值 → 新值）/ 问题</th>
              </tr>
            </thead>
            <tbody>
              {plan.plan.records.map(r => (
                <tr key={r.index} className={r.action === 'error' ? 'io-error-row' : undefined}>
                  <td>{r.file}</td>
                  <td>{r.name}</td>
                  <td>
                    {ACTION_LABELS[r.action]}
                    {r.match ? <span className="muted">（{r.match.by === 'idNumber' ? '按身份证号' : '按姓名和出生年月'}）</span> : null}
                  </td>
                  <td>
                    {r.changes.length > 0 && (
                      <ul className="io-changes">
                        {r.changes.map(ch => (
                          <li key={ch.field}>
                            {ch.label}：<del>{ch.before || '（空）'}</del> → <ins>{ch.after || '（空）'}</ins>
                          </li>
                        ))}
                      </ul>
                    )}
                    {r.problems.length > 0 && (
                      <ul className="io-changes">
                        {r.problems.map((p, i) => (
                          <li key={i} className={p.severity === 'error' ? 'io-bad' : undefined}>
                            {p.severity === 'error' ? '错误' : '提示'}：{p.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="io-row io-actions">
            {c.error > 0 && (
              <label>
                <input type="checkbox" checked={skipInvalid} onChange={e => setSkipInvalid(e.target.checked)} /> 跳过有错误的文件，导入其余
              </label>
            )}
            <button type="button" className="primary" onClick={() => void commit()} disabled={reason !== null || busy !== null}>
              {busy === 'commit' ? '正在导入……' : '确认导入'}
            </button>
            {reason && <span className="io-reason">{reason}</span>}
          </div>
        </div>
      )}
      {result && (
        <div className="io-result" role="status">
          <strong>导入完成</strong>
          <p>
            新增 {result.inserted} 人、更新 {result.updated} 人、不变 {result.unchanged} 人、跳过 {result.skipped} 人
            {result.errors > 0 ? `，有错误未导入 ${result.errors} 个` : ''}。
          </p>
          <p className="muted">本次导入是一个整体操作：在“干部名册”页点击“撤销”可一次撤销整个导入。</p>
        </div>
      )}
    </section>
  );
}
