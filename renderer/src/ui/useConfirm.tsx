/**
 * Asking before an action (a deletion, 撤销到此步) in the app's own dialog: the browser's
 * confirm box shows the page's address as its title and, in Electron, buttons not in Chinese.
 * `confirm(question)` opens it and resolves true on 确定, false on 取消, × or Esc.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Dialog } from './Dialog';

export function useConfirm(): { confirm: (question: string) => Promise<boolean>; confirmDialog: ReactNode } {
  const [question, setQuestion] = useState<string | null>(null);
  const answer = useRef<(yes: boolean) => void>(() => undefined);
  const confirm = useCallback(
    (q: string) =>
      new Promise<boolean>(resolve => {
        answer.current(false); // a question still open is answered 取消
        answer.current = resolve;
        setQuestion(q);
      }),
    [],
  );
  const reply = (yes: boolean) => {
    setQuestion(null);
    const resolve = answer.current;
    answer.current = () => undefined;
    resolve(yes);
  };
  // On the page itself, not inside the table cell or toolbar that asked (a row may be transformed).
  const confirmDialog =
    question === null
      ? null
      : createPortal(
          <Dialog title="请确认" onClose={() => reply(false)}>
            <p className="ui-confirm">{question}</p>
            <footer>
              <button type="button" onClick={() => reply(false)}>
                取消
              </button>
              <button type="button" className="primary" autoFocus onClick={() => reply(true)}>
                确定
              </button>
            </footer>
          </Dialog>,
          document.body,
        );
  return { confirm, confirmDialog };
}
