import { useState } from 'react';
import { ROSTER_EXPORT_COLUMN_LABELS, type RosterExportColumnKey } from '../../../shared/contract/api';
import { STANDARD_ROSTER_COLUMNS } from '../../../shared/domain/roster/fields';
import { api } from '../api';
import { downloadBase64 } from './files';
import { errorText } from '../ui/errors';
import { ErrorLine } from '../ui/useAction';

/** The standard 干部名册 columns of an export from this page (the grid exports its own view). */
const ROSTER_COLUMNS: RosterExportColumnKey[] = ['seq', 'unit', ...STANDARD_ROSTER_COLUMNS];

type Job = 'xlsx' | 'csv' | 'template' | 'lrmx';

/** 导出: the roster (.xlsx / .csv), the import template, all cadres as .lrmx. */
export function ExportPanel() {
  const [busy, setBusy] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (job: Job) => {
    setBusy(job);
    setError(null);
    setDone(null);
    try {
      const columns = ROSTER_COLUMNS.map(key => ({ key }));
      if (job === 'xlsx' || job === 'csv') {
        const r = job === 'xlsx' ? await api.exportRoster({ columns }) : await api.exportCsv({ columns });
        if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
        setDone(`已导出 ${r.rows} 人：${r.fileName}`);
      } else if (job === 'template') {
        const r = await api.downloadTemplate({});
        if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
        setDone(`已下载：${r.fileName}`);
      } else {
        const ids = (await api.listCadres({})).map(c => c.id);
        if (ids.length === 0) throw new Error('名册中没有干部，无可导出的任免审批表');
        if (ids.length > 5000) throw new Error(`一次最多导出 5000 人的任免审批表，当前名册有 ${ids.length} 人，请在名册中选择后导出`);
        const r = await api.exportLrmx({ ids });
        if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
        setDone(`已导出 ${r.count} 人的任免审批表：${r.fileName}`);
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const button = (job: Job, label: string) => (
    <button type="button" onClick={() => void run(job)} disabled={busy !== null}>
      {busy === job ? '正在生成……' : label}
    </button>
  );

  return (
    <section className="io-card" aria-labelledby="io-export-title">
      <h2 id="io-export-title">导出</h2>
      <p className="muted" data-testid="roster-export-scope">
        名册导出：全部在册干部（不含回收站），按单位树顺序，共 {ROSTER_COLUMNS.length} 列：{ROSTER_COLUMNS.map(k => ROSTER_EXPORT_COLUMN_LABELS[k]).join('、')}
        。 要按筛选、排序和显示的列导出，请在“干部名册”页点“导出”。
      </p>
      <div className="io-row">
        {button('xlsx', '导出名册（Excel）')}
        {button('csv', '导出名册（CSV）')}
        {button('template', '下载导入模板')}
        {button('lrmx', '导出任免审批表 (.lrmx)')}
      </div>
      <ErrorLine error={error} />
      {done && (
        <p className="io-notice" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
