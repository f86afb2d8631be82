import { useEffect, useSyncExternalStore } from 'react';
import { isAbort } from '../../api/client';
import { tasksApi } from '../../api/tasks';

// The open-task count shown in the navigation (tasks are the notifications, ADR 0012 decision 7). One
// in-memory value shared by the navigation and the screens that complete tasks; refreshed on navigation,
// every few minutes, and after a task changes.

let count: number | null = null;
const listeners = new Set<() => void>();
let inflight: AbortController | null = null;

function emit() {
  for (const l of listeners) l();
}

export const taskCountStore = {
  get: () => count,
  set(n: number | null) {
    count = n;
    emit();
  },
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** Asks the server for my open tasks and stores their number (a failure keeps the last value). */
  async refresh(): Promise<void> {
    inflight?.abort();
    const ac = new AbortController();
    inflight = ac;
    try {
      const r = await tasksApi.mine('open', ac.signal);
      if (!ac.signal.aborted) taskCountStore.set(r.items.filter((t) => t.status === 'open').length);
    } catch (e) {
      if (!isAbort(e)) {
        /* keep the last count */
      }
    }
  },
};

/** The open-task count (null until known); `refreshKey` changes (e.g. the location) ask again. */
export function useOpenTaskCount(enabled: boolean, refreshKey?: unknown): number | null {
  const value = useSyncExternalStore(taskCountStore.subscribe, taskCountStore.get, taskCountStore.get);
  useEffect(() => {
    if (!enabled) return;
    void taskCountStore.refresh();
  }, [enabled, refreshKey]);
  useEffect(() => {
    if (!enabled) return;
    const t = window.setInterval(() => void taskCountStore.refresh(), 180_000);
    return () => window.clearInterval(t);
  }, [enabled]);
  return enabled ? value : null;
}
