import { useState } from 'react';

/**
 * One save-like action at a time for a small form or panel: `busy` while it runs, the last `error` (cleared
 * when the next one starts). `run(action, done)` calls `done` after a success and resolves to whether it succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>, done?: () => unknown): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await done?.();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
