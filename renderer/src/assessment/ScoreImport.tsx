/** 导入成绩: .xlsx upload → preview (matched cadres, columns → indicators, errors per cell) → 确认导入. */
import { useState } from 'react';
import type { OutputOf, ScoreGrid } from '../../../shared/contract/api';
import { api } from '../api';
import { readFileBase64 } from '../io/files';
import { ErrorLine, useAction } from '../ui/useAction';
import { Dialog } from '../ui/Dialog';
import { IssuesTable } from '../ui/IssuesTable';

type Preview = OutputOf<'previewScoreImport'>;

export function ScoreImport({
  roundId,
  onClose,
  onCommitted,
}: {
  roundId: number;
  onClose: () => void;
  onCommitted: (grid: ScoreGrid, written: number, file: string) => void;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const { busy, error, run } = useAction();

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setPreview(null);
    await run(async () => setPreview(await api.previewScoreImport({ roundId, file: await readFileBase64(file) })));
  };

  const commit = async () => {
    if (!preview) return;
    await run(async () => {
      const r = await api.commitScoreImport({ roundId, planId: preview.planId });
      onCommitted(r, r.written, preview.file);
    });
  };

  const matched = preview?.rows.filter(r => r.cadreId !== null).length ?? 0;

  return (
    <Dialog title="导入成绩" onClose={onClose} wide>
      <p className="muted">
        选择 Excel 成绩表（.xlsx）：按身份证号或“姓名 +
        出生年月”对应干部，按列标题对应指标（与导出的评分表格式相同）。先预览，确认无误后一次性导入；有任何错误则不导入。
      </p>
      <label className="as-file">
        <input
          className="as-hidden-input"
          type="file"
          accept=".xlsx"
          aria-label="选择成绩表"
          disabled={busy}
          onChange={e => void choose(e.target.files?.[0])}
        />
        <span className="as-file-button">选择成绩表（.xlsx）…</span>
        {preview && <span className="muted">{preview.file}</span>}
      </label>
      {busy && <p className="muted">正在读取……</p>}
      <ErrorLine error={error} className="message" />
      {preview && (
        <div className="as-import">
          <p>
            文件「{preview.file}」工作表「{preview.sheet}」：{preview.rows.length} 行，对应到干部 {matched} 人，成绩 {preview.cells} 格
            {preview.issues.length ? <strong className="as-over-text">，{preview.issues.length} 处问题</strong> : '，无错误'}。
          </p>
          <p className="as-columns">
            <strong>列对应：</strong>
            {preview.columns
              .filter(c => c.indicator)
              .map(c => (
                <span key={c.column} className="as-place">
                  {c.column} 列「{c.header}」→ {c.indicator}
                </span>
              ))}
            {preview.columns.some(c => !c.indicator) && (
              <span className="muted">
                不导入：
                {preview.columns
                  .filter(c => !c.indicator)
                  .map(c => c.header || c.column)
                  .join('、')}
              </span>
            )}
          </p>
          {preview.issues.length > 0 && (
            <>
              <h3>问题</h3>
              <IssuesTable issues={preview.issues} show={['sheet', 'row', 'column']} label="导入问题" className="as-table" errorRowClass="as-over" />
            </>
          )}
          <h3>干部</h3>
          <table className="as-table">
            <thead>
              <tr>
                <th>行</th>
                <th>姓名</th>
                <th>对应方式</th>
                <th>成绩格数</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map(r => (
                <tr key={r.row} className={r.cadreId === null ? 'as-over' : undefined}>
                  <td className="num">{r.row}</td>
                  <td>{r.name}</td>
                  <td>{r.matchedBy === 'idNumber' ? '身份证号' : r.matchedBy === 'nameBirth' ? '姓名 + 出生年月' : '未对应'}</td>
                  <td className="num">{r.cells}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <footer className="as-actions">
        <button type="button" onClick={onClose}>
          取消
        </button>
        <button type="button" className="primary" disabled={!preview || preview.blocked || busy} onClick={() => void commit()}>
          确认导入
        </button>
      </footer>
    </Dialog>
  );
}
