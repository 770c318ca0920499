/**
 * 导入成员名单: Excel files → a preview against the roster (matched / new to the
 * roster / already in the batch / errors by file, sheet, row and column) → confirm,
 * all-or-nothing. Files travel as bytes through the io helpers.
 */
import { useState } from 'react';
import type { MemberImportPreview } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { readFileBase64 } from '../io/files';
import { Dialog } from '../ui/Dialog';
import { IssuesTable } from '../ui/IssuesTable';
import { useAction } from '../ui/useAction';
import type { Done } from './MemberDialogs';

const ACTION_TEXT = { existing: '已匹配名册', new: '新入名册', already: '已在本批次', error: '有错误' } as const;
const MATCH_TEXT = { idNumber: '按身份证号', nameBirth: '按姓名和出生年月' } as const;

export function MemberImportDialog({ batchId, onClose, onDone }: { batchId: number; onClose: () => void; onDone: Done }) {
  const [preview, setPreview] = useState<MemberImportPreview | null>(null);
  const { busy, error, run } = useAction();

  const plan = async (files: FileList | null) => {
    if (!files?.length) return;
    setPreview(null);
    await run(async () => {
      const uploaded = await Promise.all([...files].map(readFileBase64));
      setPreview(await api.planSecondmentImport({ batchId, files: uploaded }));
    });
  };

  const commit = async () => {
    if (!preview) return;
    await run(async () => {
      const r = await api.commitSecondmentImport({ planId: preview.planId });
      onDone(`已导入 ${r.added} 名成员${r.cadresCreated ? `，其中 ${r.cadresCreated} 人新加入名册` : ''}`, r.history);
    });
  };

  const errors = preview?.issues.filter(i => i.severity === 'error') ?? [];
  const warnings = preview?.issues.filter(i => i.severity === 'warning') ?? [];
  const toAdd = preview ? preview.counts.existing + preview.counts.new : 0;

  return (
    <Dialog title="导入成员名单" onClose={onClose} wide>
      <div className="sd-import">
        <p className="muted">
          选择一个或多个 Excel
          名单（.xlsx、.xls、.et、.csv）。按身份证号、其次按姓名和出生年月与名册匹配；名册中没有的人员将新加入名册。先预览，确认后一次性写入，有错误时整批不写入。
        </p>
        <label className="io-file">
          <span className="io-file-button">选择文件…</span>
          <input
            type="file"
            multiple
            accept=".xlsx,.xls,.et,.csv"
            className="io-hidden-input"
            aria-label="选择成员名单文件"
            disabled={busy}
            onChange={e => {
              void plan(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        {busy && !preview && <p className="muted">正在读取并检查……</p>}
        {error && (
          <p className="io-alert" role="alert">
            {error}
          </p>
        )}
        {preview && (
          <>
            <p className="io-counts" aria-label="导入预览汇总">
              共 {preview.counts.rows} 行：已匹配名册 {preview.counts.existing} 人，新入名册 {preview.counts.new} 人，已在本批次 {preview.counts.already} 人，
              <span className={preview.counts.error ? 'io-bad' : undefined}>有错误 {preview.counts.error} 行</span>
            </p>
            {errors.length > 0 && <IssuesTable issues={errors} show={['file', 'sheet', 'row', 'column']} label="导入错误" />}
            {warnings.length > 0 && (
              <ul className="sd-warnings" aria-label="导入提示">
                {warnings.map((i, n) => (
                  <li key={n}>
                    {[i.file, i.sheet, i.row ? `第 ${i.row} 行` : '', i.column ? `${i.column} 列` : ''].filter(Boolean).join(' ')}：{i.message}
                  </li>
                ))}
              </ul>
            )}
            <div className="sd-import-rows">
              <table className="io-table" aria-label="导入预览">
                <thead>
                  <tr>
                    <th>工作表</th>
                    <th>行</th>
                    <th>姓名</th>
                    <th>身份证号</th>
                    <th>出生年月</th>
                    <th>挂职单位及职务</th>
                    <th>处理</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map(r => (
                    <tr key={`${r.file}/${r.sheet}/${r.row}`} className={r.action === 'error' ? 'io-error-row' : undefined}>
                      <td>{r.sheet}</td>
                      <td>{r.row}</td>
                      <td>{r.name}</td>
                      <td>{r.idNumber}</td>
                      <td>{formatDate(r.birth)}</td>
                      <td>{`${r.hostUnit}${r.hostPost}`}</td>
                      <td>
                        {ACTION_TEXT[r.action]}
                        {r.matchedBy && `（${MATCH_TEXT[r.matchedBy]}）`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <footer>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={!preview || preview.blocked || busy || toAdd === 0} onClick={() => void commit()}>
            {preview?.blocked ? '有错误，不能导入' : `确认导入 ${toAdd} 人`}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
