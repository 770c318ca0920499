/**
 * Small pieces the 挂职 and 驻村 pages share: the message line, a modal dialog,
 * the undo/redo state of the one history log, and how shares and dates are shown.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { HistoryState } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { errorText } from '../io/files';
import './secondment.css';

export type Message = { kind: 'error' | 'info'; text: string } | null;

/** A share as reports print it: one decimal, e.g. 83.3%. */
export const pctText = (pct: number) => `${pct.toFixed(1)}%`;

/** A stored date as users write it ('2023-03' → '2023.03'); '' stays ''. */
export const shownDate = (canonical: string) => formatDate(canonical);

/** 2023.03—2024.03 (open end: 2023.03—). */
export const termText = (start: string, end: string) => (start || end ? `${shownDate(start)}—${shownDate(end)}` : '');

export function MessageLine({ message, onClose }: { message: Message; onClose: () => void }) {
  if (!message) return null;
  return (
    <p className={message.kind === 'error' ? 'error message' : 'info message'} role={message.kind === 'error' ? 'alert' : 'status'}>
      {message.text}
      <button className="close" aria-label="关闭提示" onClick={onClose}>
        ×
      </button>
    </p>
  );
}

/** A modal dialog named by its title (role dialog, labelled), closed by 取消 or Esc. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" role="presentation">
      <section className={wide ? 'dialog sd-dialog wide' : 'dialog sd-dialog'} role="dialog" aria-modal="true" aria-label={title}>
        <header>
          <h2>{title}</h2>
          <button type="button" onClick={onClose} aria-label="关闭" title="关闭（Esc）">
            ×
          </button>
        </header>
        {children}
      </section>
    </div>
  );
}

/**
 * The undo/redo buttons' state and Ctrl+Z / Ctrl+Y: every write of these pages is one
 * step of the same history log as the roster, so a step may also undo a roster edit.
 */
export function useHistorySteps(onStepped: () => void, setMessage: (m: Message) => void) {
  const [history, setHistory] = useState<HistoryState>({ undo: null, redo: null });
  useEffect(() => {
    api.getHistory({}).then(setHistory, () => undefined);
  }, []);
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const r = await api.stepHistory({ direction });
        setHistory(r.history);
        setMessage({ kind: 'info', text: `已${direction === 'undo' ? '撤销' : '重做'}：${r.label}` });
        onStepped();
      } catch (e) {
        setMessage({ kind: 'error', text: errorText(e) });
      }
    },
    [onStepped, setMessage],
  );
  /** Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) outside text fields and cell editors. */
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent, editing: boolean) => {
      if (!(e.ctrlKey || e.metaKey) || editing) return;
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void step('undo');
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void step('redo');
      }
    },
    [step],
  );
  return { history, setHistory, step, onKeyDown };
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
