/** A button that asks before it acts (deletions): the question, then the action only on 确定. */
import type { ButtonHTMLAttributes } from 'react';
import { useConfirm } from './useConfirm';

export function ConfirmButton({
  question,
  onConfirm,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> & {
  /** The question, or null when there is nothing to ask about (onConfirm is then not called). */
  question: string | (() => string | null);
  onConfirm: () => void | Promise<void>;
}) {
  const { confirm, confirmDialog } = useConfirm();
  return (
    <>
      <button
        type="button"
        {...button}
        onClick={async () => {
          const q = typeof question === 'function' ? question() : question;
          if (q !== null && (await confirm(q))) void onConfirm();
        }}
      />
      {confirmDialog}
    </>
  );
}
