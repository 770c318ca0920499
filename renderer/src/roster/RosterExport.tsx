import { useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../../shared/contract/api';
import { api } from '../api';
import { downloadBase64 } from '../io/files';
import { errorText } from '../ui/errors';

type ExportInput = InputOf<'exportRoster'>;

export interface GridExportState {
  /** The visible columns in display order, with the headers the grid shows. */
  columns: ExportInput['columns'];
  /** What the grid last asked for: unit, search, column filters, sort, 组合查询. */
  view: NonNullable<ExportInput['view']>;
}

/**
 * 导出 on the roster page: the grid as it is shown (its columns, filters,
 * unit, search, 组合查询 and sort) as the styled .xlsx or as CSV, offered as
 * a download (the bytes come back from the service; no path is named).
 */
export function RosterExport({
  current,
  onDone,
}: {
  current: () => GridExportState | null;
  onDone: (message: { kind: 'error' | 'info'; text: string }) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const run = async (kind: 'xlsx' | 'csv') => {
    setOpen(false);
    const state = current();
    if (!state) return;
    setBusy(true);
    try {
      // 出生年月 shows the age in the grid (1985.03(40岁)); the file says the same.
      const input: ExportInput = { columns: state.columns, view: state.view, birthWithAge: state.columns.some(c => c.key === 'birth') };
      const r = kind === 'xlsx' ? await api.exportRoster(input) : await api.exportCsv(input);
      if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
      onDone({ kind: 'info', text: `已导出 ${r.rows} 人（${state.columns.length} 列，按当前筛选和排序）：${r.fileName}` });
    } catch (e) {
      onDone({ kind: 'error', text: `导出失败：${errorText(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="export-menu" ref={box} style={{ position: 'relative', display: 'inline-block' }}>
      <button onClick={() => setOpen(o => !o)} aria-haspopup="menu" aria-expanded={open} disabled={busy}>
        {busy ? '正在导出……' : '导出'}
      </button>
      {open && (
        <span
          role="menu"
          aria-label="导出格式"
          className="export-menu-list"
          style={{
            position: 'absolute',
            top: '100%',
            left: 0,
            zIndex: 10,
            display: 'flex',
            flexDirection: 'column',
            gap: 2,
            padding: 4,
            background: '#fff',
            border: '1px solid var(--line)',
            borderRadius: 4,
            whiteSpace: 'nowrap',
          }}
        >
          <button role="menuitem" onClick={() => void run('xlsx')}>
            Excel 名册 (.xlsx)
          </button>
          <button role="menuitem" onClick={() => void run('csv')}>
            CSV (.csv)
          </button>
        </span>
      )}
    </span>
  );
}
