/**
 * A cell of the printed form that edits in place: click (or Enter / F2 on the
 * focused cell) opens an input, Enter saves (Ctrl+Enter in a multi-line cell,
 * where Enter starts a new line), leaving the cell saves, Esc cancels. A value
 * the service refuses is not saved and the Chinese message shows beside the
 * cell; the editor stays open with the value (a short value refused on leaving
 * the cell goes back to the stored one; leaving again with the same refused
 * text gives up).
 */
import { useEffect, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import { useFitFont, type FitOptions } from './fit';

export interface SaveOutcome {
  /** Why the value was refused (nothing was saved). */
  error?: string;
  /** Saved, but worth a second look (e.g. an unknown 民族). */
  warning?: string;
}

interface Props {
  /** The Chinese field name, for the editor's accessible name. */
  label: string;
  /** What the editor starts with, as users write it (1985.03, not 1985-03). */
  editValue: string;
  /** What the cell shows; defaults to editValue. */
  children?: ReactNode;
  multiline?: boolean;
  /** Saves; resolves with a refusal or a warning. */
  onSave: (text: string) => Promise<SaveOutcome>;
  className?: string;
  /** data-field, for tests and styling. */
  field?: string;
  placeholder?: string;
  readOnly?: boolean;
  /** Told the font size the shown text fitted at. */
  onFit?: FitOptions['onFit'];
}

export function EditableText({ label, editValue, children, multiline, onSave, className, field, placeholder, readOnly, onFit }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(editValue);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  /** The draft last refused: leaving the cell with it unchanged gives up instead of asking again. */
  const refused = useRef<string | null>(null);
  const editor = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const shown = useRef<HTMLDivElement>(null);
  const cell = useRef<HTMLDivElement>(null);
  useFitFont(shown, `${editing}|${editValue}|${typeof children === 'string' ? children : ''}`, { onFit });

  useEffect(() => {
    if (editing) {
      editor.current?.focus();
      if (!multiline) editor.current?.select();
    }
  }, [editing, multiline]);

  const start = () => {
    if (readOnly || editing) return;
    setDraft(editValue);
    setError(null);
    setWarning(null);
    refused.current = null;
    setEditing(true);
  };

  const close = (refocus: boolean) => {
    setEditing(false);
    if (refocus) requestAnimationFrame(() => shown.current?.focus());
  };

  const commit = async (how: 'key' | 'blur') => {
    if (saving) return;
    if (draft === editValue) {
      setError(null);
      close(how === 'key');
      return;
    }
    if (how === 'blur' && draft === refused.current) {
      // Left the cell with the value already refused: keep the stored value and the message.
      setDraft(editValue);
      close(false);
      return;
    }
    setSaving(true);
    const outcome = await onSave(draft);
    setSaving(false);
    if (outcome.error) {
      setError(outcome.error);
      refused.current = draft;
      // A long text stays open with what was typed; a short value goes back to the stored one.
      if (how === 'key') editor.current?.focus();
      else if (!multiline) close(false);
      return;
    }
    setError(null);
    setWarning(outcome.warning ?? null);
    close(how === 'key');
  };

  const cancel = () => {
    setDraft(editValue);
    setError(null);
    close(true);
  };

  const common = {
    ref: editor,
    className: 'et-editor',
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    value: draft,
    readOnly: saving,
    placeholder,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: (e: FocusEvent) => {
      if (!cell.current?.contains(e.relatedTarget as Node | null)) void commit('blur');
    },
  };

  return (
    <div ref={cell} className={`et ${className ?? ''}${editing ? ' et-editing' : ''}${error ? ' et-error' : ''}`} data-field={field}>
      {editing ? (
        multiline ? (
          <textarea
            {...common}
            onKeyDown={e => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void commit('key');
              } else if (e.key === 'Escape') cancel();
            }}
          />
        ) : (
          <input
            {...common}
            onKeyDown={e => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void commit('key');
              } else if (e.key === 'Escape') cancel();
            }}
          />
        )
      ) : (
        <div
          ref={shown}
          className="et-text"
          tabIndex={readOnly ? undefined : 0}
          role={readOnly ? undefined : 'button'}
          aria-label={`${label}：${typeof children === 'string' ? children : editValue}`}
          title={readOnly ? undefined : `点击修改${label}`}
          onClick={start}
          onKeyDown={e => {
            if (e.key === 'Enter' || e.key === 'F2') {
              e.preventDefault();
              start();
            }
          }}
        >
          <div className="et-inner">{children ?? editValue}</div>
        </div>
      )}
      {error && (
        <div className="et-msg et-msg-error no-print" role="alert">
          {error}
          {!editing && (
            <button type="button" className="et-msg-close" aria-label="关闭提示" onClick={() => setError(null)}>
              ×
            </button>
          )}
        </div>
      )}
      {!error && warning && (
        <div className="et-msg et-msg-warn no-print" role="status">
          {warning}
          <button type="button" className="et-msg-close" aria-label="关闭提示" onClick={() => setWarning(null)}>
            ×
          </button>
        </div>
      )}
      {editing && multiline && <div className="et-hint no-print">Ctrl+Enter 保存，Esc 取消</div>}
    </div>
  );
}
