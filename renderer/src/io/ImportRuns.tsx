import { useEffect, useState } from 'react';
import type { ImportRun } from '../../../shared/contract/api';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { MODE_OPTIONS } from './ModeChoice';
import { ErrorLine } from '../ui/useAction';

function formatTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** 导入记录: the recent import runs. `version` changes after each import. */
export function ImportRuns({ version }: { version: number }) {
  const [runs, setRuns] = useState<ImportRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.listImportRuns({ limit: 50 }).then(
      r => live && setRuns(r),
      e => live && setError(errorText(e)),
    );
    return () => void (live = false);
  }, [version]);

  return (
    <section className="io-card" aria-labelledby="io-runs-title">
      <h2 id="io-runs-title">导入记录</h2>
      <ErrorLine error={error} />
      {runs === null ? (
        !error && <p className="muted">正在读取……</p>
      ) : runs.length === 0 ? (
        <p className="muted">还没有导入过文件。</p>
      ) : (
        <table className="io-table" aria-label="导入记录">
          <thead>
            <tr>
              <th>时间</th>
              <th>文件</th>
              <th>导入到</th>
              <th>方式</th>
              <th>新增</th>
              <th>更新</th>
              <th>不变</th>
              <th>跳过</th>
              <th>提示</th>
              <th>操作人</th>
            </tr>
          </thead>
          <tbody>
            {runs.map(r => (
              <tr key={r.id}>
                <td>{formatTime(r.at)}</td>
                <td title={r.sheets.length ? `工作表：${r.sheets.join('、')}` : undefined}>{r.fileName}</td>
                <td>{r.target}</td>
                <td>{r.target === '干部名册' ? (MODE_OPTIONS.find(m => m.mode === r.mode)?.label ?? r.mode) : ''}</td>
                <td>{r.inserted}</td>
                <td>{r.updated}</td>
                <td>{r.unchanged}</td>
                <td>{r.skipped}</td>
                <td>{r.warnings}</td>
                <td>{r.operator}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
