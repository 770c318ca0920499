/**
 * A date typed as users write it, shown one way everywhere: 1985.03 (year and
 * month) or 2026.12.06. It takes every form the roster's rules read
 * (shared/domain/common/dates.ts: 198503, 1985-03, 1985/3, 1985年3月, 20261206…)
 * and never opens a native mm/dd/yyyy picker. The value is committed on Enter
 * or leaving the field; what cannot be read is said beside it and not committed.
 */
import { useEffect, useState } from 'react';
import { formatDate, parseDateInput } from '../../../shared/domain/common/dates';
import './ui.css';

export interface DateInputProps {
  /** Canonical: '' (none), 'YYYY-MM' or 'YYYY-MM-DD'. */
  value: string;
  onChange: (canonical: string) => void;
  /** 'day': a full date is required (e.g. the date ages are counted at). */
  precision?: 'any' | 'day';
  /** An empty field is refused (the previous value is kept). */
  required?: boolean;
  'aria-label': string;
  placeholder?: string;
  className?: string;
}

export function DateInput({ value, onChange, precision = 'any', required = false, placeholder, className, ...aria }: DateInputProps) {
  const [text, setText] = useState(formatDate(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(formatDate(value)), [value]);

  const commit = () => {
    const r = parseDateInput(text);
    const problem = !r.ok
      ? r.message
      : r.value === ''
        ? required
          ? '请填写日期，如 2026.12.06'
          : null
        : precision === 'day' && r.value.length !== 10
          ? `「${text.trim()}」只写到月，请写到日，如 2026.12.06`
          : null;
    setError(problem);
    if (problem || !r.ok) return;
    setText(formatDate(r.value));
    if (r.value !== value) onChange(r.value);
  };

  return (
    <span className={className ? `date-input ${className}` : 'date-input'}>
      <input
        type="text"
        inputMode="numeric"
        aria-label={aria['aria-label']}
        aria-invalid={error !== null}
        value={text}
        size={11}
        placeholder={placeholder ?? (precision === 'day' ? '2026.12.06' : '1985.03')}
        onChange={e => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={e => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {error && (
        <span className="date-input-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
