/** The page's one info/error line (role status/alert) with its × 关闭提示, and the state behind it. */
import { useMemo, useState } from 'react';
import { errorText } from './errors';

export type Message = { kind: 'error' | 'info'; text: string } | null;

export function MessageLine({ message, onClose }: { message: Message; onClose: () => void }) {
  if (!message) return null;
  return (
    <p className={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <span>{message.text}</span>
      <button type="button" className="close" aria-label="关闭提示" onClick={onClose}>
        ×
      </button>
    </p>
  );
}

/** Message state with the usual setters; the object is stable so it can sit in hook dependencies. */
export function useMessage() {
  const [message, setMessage] = useState<Message>(null);
  const setters = useMemo(
    () => ({
      set: setMessage,
      clear: () => setMessage(null),
      info: (text: string) => setMessage({ kind: 'info', text }),
      fail: (e: unknown) => setMessage({ kind: 'error', text: errorText(e) }),
    }),
    [],
  );
  return { message, ...setters };
}
