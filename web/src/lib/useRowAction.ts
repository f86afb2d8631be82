import { useState } from 'react';

/**
 * Runs an action on one row of a list (end a session, acknowledge an alert): remembers which row is busy
 * and the last error, and calls `done` (usually the list's reload) when the action succeeds.
 */
export function useRowAction<T extends { id: string }>(action: (row: T) => Promise<unknown>, done: () => void) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (row: T) => {
    setBusyId(row.id);
    setError(null);
    try {
      await action(row);
      done();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };
  return { run, busyId, error };
}
