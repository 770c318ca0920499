/** Small pieces the assessment pages share: the reason dialog, the method choice, number fields. */
import { useState } from 'react';
import { INDICATOR_METHODS, INDICATOR_METHOD_LABELS, type IndicatorMethod } from '../../../shared/contract/api';
import { FormDialog } from '../ui/FormDialog';

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
  return (
    <FormDialog
      title={props.title}
      action={props.confirm}
      onClose={props.onCancel}
      className="as-form"
      run={async () => {
        if (!reason.trim()) throw new Error(props.required);
        await props.onConfirm(reason);
      }}
    >
      <label className="as-field wide">
        <span>{props.prompt}</span>
        <textarea rows={3} value={reason} placeholder={props.placeholder} onChange={e => setReason(e.target.value)} autoFocus />
      </label>
    </FormDialog>
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

/** An indicator's 计分方式, named after the indicator for screen readers and tests. */
export function MethodSelect(props: { name: string; value: IndicatorMethod; disabled: boolean; onChange: (method: IndicatorMethod) => void }) {
  return (
    <select
      aria-label={`${props.name} 计分方式`}
      value={props.value}
      disabled={props.disabled}
      onChange={e => props.onChange(e.target.value as IndicatorMethod)}
    >
      {INDICATOR_METHODS.map(m => (
        <option key={m} value={m}>
          {INDICATOR_METHOD_LABELS[m]}
        </option>
      ))}
    </select>
  );
}
