/** Small pieces the assessment pages share: the reason dialog, number fields. */
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { ErrorLine, useAction } from '../ui/useAction';

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
  const { busy, error, setError, run } = useAction();
  const submit = async () => {
    if (!reason.trim()) return setError(props.required);
    await run(() => props.onConfirm(reason));
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
        <ErrorLine error={error} />
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
