/** A button that asks before it acts (deletions): the question, then the action only on 确定. */
import type { ButtonHTMLAttributes } from 'react';

export function ConfirmButton({
  question,
  onConfirm,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> & {
  /** The question, or null when there is nothing to ask about (onConfirm is then not called). */
  question: string | (() => string | null);
  onConfirm: () => void | Promise<void>;
}) {
  return (
    <button
      type="button"
      {...button}
      onClick={() => {
        const q = typeof question === 'function' ? question() : question;
        if (q !== null && window.confirm(q)) void onConfirm();
      }}
    />
  );
}
