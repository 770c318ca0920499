/**
 * The one modal dialog: role=dialog named by its title, × (关闭) and Esc close it,
 * Tab keeps focus inside, and focus returns where it was when it closes.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import './ui.css';

/** Open dialogs, innermost last: Esc closes only the top one. */
const open: object[] = [];

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({
  title,
  onClose,
  children,
  wide,
  className,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** The area's class for its form controls inside; the frame itself looks the same everywhere. */
  className?: string;
}) {
  const box = useRef<HTMLElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const me = {};
    open.push(me);
    const before = document.activeElement as HTMLElement | null;
    // A field with autoFocus has already taken focus; otherwise the dialog takes it.
    if (!box.current?.contains(document.activeElement)) box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && open[open.length - 1] === me) {
        e.preventDefault();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      open.splice(open.indexOf(me), 1);
      if (before?.isConnected) before.focus();
    };
  }, []);

  const trapTab = (e: React.KeyboardEvent) => {
    if (e.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation">
      <section
        ref={box}
        tabIndex={-1}
        className={['dialog', 'ui-dialog', wide ? 'wide' : '', className ?? ''].filter(Boolean).join(' ')}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={trapTab}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" className="ui-dialog-close" onClick={onClose} aria-label="关闭" title="关闭（Esc）">
            ×
          </button>
        </header>
        {children}
      </section>
    </div>
  );
}
