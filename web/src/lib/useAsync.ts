import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { isAbort } from '../api/client';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetch again (keeps the current data on screen while loading). */
  reload: () => void;
  /** Replace the data, e.g. with the record a save returned. */
  setData: (data: T) => void;
}

/**
 * Runs `load` when `deps` change, aborting the previous run. Keeps the last data while reloading so the
 * screen does not flash empty.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(undefined);
    load(ac.signal).then(
      (d) => {
        if (ac.signal.aborted) return;
        setDataState(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (ac.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((d: T) => {
    setDataState(d);
    setError(undefined);
    setLoading(false);
  }, []);

  return { data, error, loading, reload, setData };
}
