/**
 * Small pieces the 挂职 and 驻村 pages share: the undo/redo state of the one
 * history log, and how shares and dates are shown.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RowClassRules } from 'ag-grid-community';
import type { HistoryState } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { typingIn } from '../ui/EditableGrid';
import { gridKeyAction } from '../ui/gridLogic';
import type { Message } from '../ui/MessageLine';
import './secondment.css';

/** Rows of people replaced (已调换) are shown struck through in the member and village grids. */
export function replacedRowRules<T extends { status: string }>(): RowClassRules<T> {
  return { 'sd-replaced-row': p => p.data?.status === '已调换' };
}

/** A share as reports print it: one decimal, e.g. 83.3%. */
export const pctText = (pct: number) => `${pct.toFixed(1)}%`;

/** A stored date as users write it ('2023-03' → '2023.03'); '' stays ''. */
export const shownDate = (canonical: string) => formatDate(canonical);

/** 2023.03—2024.03 (open end: 2023.03—). */
export const termText = (start: string, end: string) => (start || end ? `${shownDate(start)}—${shownDate(end)}` : '');

/**
 * The undo/redo buttons' state and Ctrl+Z / Ctrl+Y of one page: its writes are steps of
 * the one history log under the page's scope ('batch:4', 'villages', 'secondment' for
 * the batch list), and its buttons step through those only, never another page's.
 */
export function useHistorySteps(scope: string, onStepped: () => void, setMessage: (m: Message) => void) {
  const [history, setHistory] = useState<HistoryState>({ undo: null, redo: null });
  const refreshHistory = useCallback(() => {
    api.getHistory({ scope }).then(setHistory, () => undefined);
  }, [scope]);
  useEffect(refreshHistory, [refreshHistory]);
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const r = await api.stepHistory({ direction, scope });
        setHistory(r.history);
        setMessage({ kind: 'info', text: `已${direction === 'undo' ? '撤销' : '重做'}：${r.label}` });
        onStepped();
      } catch (e) {
        setMessage({ kind: 'error', text: errorText(e) });
      }
    },
    [onStepped, scope, setMessage],
  );
  /** The grid's undo/redo keys anywhere on the page (outside text fields and cell editors); the grid handles its own first. */
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent, editing: boolean) => {
      const action = gridKeyAction(e);
      if (e.defaultPrevented || editing || (action !== 'undo' && action !== 'redo') || typingIn(e.target, null)) return;
      e.preventDefault();
      void step(action);
    },
    [step],
  );
  return { history, setHistory, refreshHistory, step, onKeyDown };
}

export function UndoButtons({ history, step }: { history: HistoryState; step: (d: 'undo' | 'redo') => void }) {
  return (
    <>
      <button onClick={() => step('undo')} disabled={!history.undo} title={history.undo ? `撤销：${history.undo.label}（Ctrl+Z）` : ''}>
        撤销{history.undo ? `：${history.undo.label}` : ''}
      </button>
      <button onClick={() => step('redo')} disabled={!history.redo} title={history.redo ? `重做：${history.redo.label}（Ctrl+Y）` : ''}>
        重做
      </button>
    </>
  );
}

/** A labelled field of a small form. */
export function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={wide ? 'sd-field wide' : 'sd-field'}>
      <span>{label}</span>
      {children}
    </label>
  );
}
