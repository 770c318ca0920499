import { useCallback, useEffect, useState } from 'react';
import type { CadreRow, HistoryState } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { Dialog } from '../ui/Dialog';
import { ErrorLine, useAction } from '../ui/useAction';

/** 回收站: deleted cadres, restorable (restoring is itself undoable). */
export function RecycleBin({ onClose, onRestored }: { onClose: () => void; onRestored: (count: number, history: HistoryState) => void }) {
  const [rows, setRows] = useState<CadreRow[] | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const { error, run } = useAction();
  const load = useCallback(() => run(async () => setRows(await api.listDeletedCadres({}))), [run]);
  useEffect(() => void load(), [load]);

  const restore = () =>
    run(async () => {
      const r = await api.setCadresDeleted({ ids: [...chosen], deleted: false });
      setChosen(new Set());
      onRestored(r.count, r.history);
      setRows(await api.listDeletedCadres({}));
    });

  return (
    <Dialog title="回收站" onClose={onClose} wide>
      <ErrorLine error={error} />
      {rows === null ? (
        <p>正在读取……</p>
      ) : rows.length === 0 ? (
        <p className="muted">回收站是空的。</p>
      ) : (
        <table className="plain">
          <thead>
            <tr>
              <th />
              <th>姓名</th>
              <th>出生年月</th>
              <th>单位</th>
              <th>现任职务</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(r => (
              <tr key={r.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`选择 ${r.name}`}
                    checked={chosen.has(r.id)}
                    onChange={e => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(r.id);
                      else next.delete(r.id);
                      setChosen(next);
                    }}
                  />
                </td>
                <td>{r.name}</td>
                <td>{formatDate(r.birth)}</td>
                <td>{r.unit}</td>
                <td>{r.post}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <footer>
        <button onClick={() => void restore()} disabled={chosen.size === 0}>
          恢复所选（{chosen.size}）
        </button>
      </footer>
    </Dialog>
  );
}
