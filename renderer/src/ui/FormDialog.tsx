/** A small form in a dialog: its fields, the error line, 取消 and the action (disabled while it runs). */
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorLine, useAction } from './useAction';

export function FormDialog({
  title,
  action,
  onClose,
  run,
  children,
  disabled,
  wide,
  className = 'ui-form',
}: {
  title: string;
  action: string;
  onClose: () => void;
  /** The action; what it throws is shown in the dialog, which stays open. */
  run: () => Promise<unknown>;
  children: ReactNode;
  disabled?: boolean;
  wide?: boolean;
  /** The form's layout: two columns by default. */
  className?: string;
}) {
  const { busy, error, run: act } = useAction();
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      <form
        className={className}
        onSubmit={e => {
          e.preventDefault();
          void act(run);
        }}
      >
        {children}
        <ErrorLine error={error} className="wide" />
        <footer>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={busy || disabled}>
            {action}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
