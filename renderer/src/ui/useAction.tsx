/** Busy state and the Chinese error of one action (a submit, a save): one place instead of try/catch/setError everywhere. */
import { useCallback, useState } from 'react';
import { errorText } from './errors';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs fn; a failure becomes `error` (and undefined is returned), busy while it runs. */
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** The error line of a form or dialog. */
export function ErrorLine({ error, className }: { error: string | null; className?: string }) {
  if (!error) return null;
  return (
    <p className={className ? `error ${className}` : 'error'} role="alert">
      {error}
    </p>
  );
}
