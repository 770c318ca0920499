/**
 * 操作历史 on 数据与备份: every undoable step of every page, newest first, with
 * who made it, when and on which page, and 撤销到此步, which undoes that step
 * and every later one still in effect (all of them or, when one is refused,
 * none, with the reason naming the step).
 */
import { useCallback, useEffect, useState } from 'react';
import type { OperationHistoryRow } from '../../../shared/contract/api';
import { formatAuditTime } from '../../../shared/domain/audit/text';
import { api } from '../api';
import { ConfirmButton } from '../ui/ConfirmButton';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { Pager } from '../ui/Pager';

const PAGE = 20;

export function OperationHistory() {
  const [rows, setRows] = useState<OperationHistoryRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState(false);
  const { message, info, fail, clear } = useMessage();

  const load = useCallback(
    async (at: number) => {
      try {
        const r = await api.listOperationHistory({ offset: at, limit: PAGE });
        setRows(r.rows);
        setTotal(r.total);
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );
  useEffect(() => void load(offset), [load, offset]);

  /** What 撤销到此步 will do, asked before it does it. */
  const question = (row: OperationHistoryRow) => {
    if (offset > 0) return `将撤销「${row.label}」及其后所有尚未撤销的操作，确定吗？`;
    const n = (rows ?? []).filter(r => r.id >= row.id && !r.undone).length;
    return n > 1 ? `将撤销「${row.label}」及其后的 ${n - 1} 步操作（共 ${n} 步），确定吗？` : `将撤销「${row.label}」，确定吗？`;
  };

  const undoTo = async (row: OperationHistoryRow) => {
    setBusy(true);
    clear();
    try {
      const r = await api.undoOperationsTo({ id: row.id });
      info(r.count === 1 ? `已撤销：${r.labels[0]}` : `已撤销 ${r.count} 步，直到「${row.label}」`);
      await load(offset);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="data-block op-history" aria-labelledby="op-history-title">
      <h2 id="op-history-title">操作历史</h2>
      <p className="muted">
        各页面的“撤销/重做”只针对本页面的操作；这里列出所有页面的操作（最新的在前），可以一次撤销到某一步（该步及其后尚未撤销的操作都会撤销）。
      </p>
      <MessageLine message={message} onClose={clear} />
      {rows === null ? (
        <p className="muted">正在读取……</p>
      ) : rows.length === 0 ? (
        <p className="muted">还没有可以撤销的操作。</p>
      ) : (
        <table className="data-table" aria-label="操作历史">
          <thead>
            <tr>
              <th>时间</th>
              <th>操作员</th>
              <th>页面</th>
              <th>操作</th>
              <th>状态</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(r => (
              <tr key={r.id} className={r.undone ? 'op-undone' : undefined}>
                <td>{formatAuditTime(r.at)}</td>
                <td>{r.operator}</td>
                <td>{r.page}</td>
                <td className="op-label">{r.label}</td>
                <td>{r.undone ? '已撤销' : '有效'}</td>
                <td>
                  {!r.undone && (
                    <ConfirmButton disabled={busy} aria-label={`撤销到此步：${r.label}`} question={() => question(r)} onConfirm={() => undoTo(r)}>
                      撤销到此步
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} total={total} size={PAGE} onChange={setOffset} />
    </section>
  );
}
