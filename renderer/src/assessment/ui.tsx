/** Small pieces the assessment pages share: the message line, a modal dialog, number fields. */
import { useState, type ReactNode } from 'react';
import { errorText } from '../io/files';

export type Message = { kind: 'error' | 'info'; text: string } | null;

export function MessageLine({ message, onClose }: { message: Message; onClose: () => void }) {
  if (!message) return null;
  return (
    <p className={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <span>{message.text}</span>
      <button className="close" aria-label="关闭提示" onClick={onClose}>
        ×
      </button>
    </p>
  );
}

/** Message state with the two usual setters. */
export function useMessage() {
  const [message, setMessage] = useState<Message>(null);
  return {
    message,
    clear: () => setMessage(null),
    info: (text: string) => setMessage({ kind: 'info', text }),
    fail: (e: unknown) => setMessage({ kind: 'error', text: errorText(e) }),
  };
}

export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={e => e.key === 'Escape' && onClose()}>
      <section className={`dialog as-dialog${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={title}>
        <header>
          <h2>{title}</h2>
          <button type="button" onClick={onClose} aria-label={`关闭${title}`}>
            关闭
          </button>
        </header>
        {children}
      </section>
    </div>
  );
}

/** Asks for a reason (解锁, 不定等次); the caller validates through the server. */
export function ReasonDialog(props: {
  title: string;
  prompt: string;
  placeholder?: string;
  confirm: string;
  /** Said when nothing was typed (the server's own length check names the field in its terms). */
  required: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!reason.trim()) return setError(props.required);
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm(reason);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      <form
        className="as-form"
        onSubmit={e => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="as-field wide">
          <span>{props.prompt}</span>
          <textarea rows={3} value={reason} placeholder={props.placeholder} onChange={e => setReason(e.target.value)} autoFocus />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <footer className="as-actions">
          <button type="button" onClick={props.onCancel}>
            取消
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {props.confirm}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

/** A number as the user typed it: '' → null; anything unparsable stays NaN so the server names it. */
export function numberOrNull(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : Number(t);
}

export function numberText(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n);
}
