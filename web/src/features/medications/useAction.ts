import { useState } from 'react';
import { ApiError } from '../../api/client';

export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}

/** Runs an async action with busy and error state, for the small forms of the medication and testing screens. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T,>(action: () => Promise<T>, onDone: (result: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      onDone(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}
