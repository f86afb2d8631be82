// Tablet mode: while a client fills in a form or signs a document on the staff member's signed-in device,
// every staff screen is locked until the staff member confirms their password. The lock holds only ids (a
// response id, or a tablet page path made of ids; no PHI) and lives in sessionStorage so that reloading the
// page does not open the staff screens; sign-out removes it.
import { useSyncExternalStore } from 'react';
import { sessionStore } from '../security/sessionStore';

const KEY = 'stepwise.tablet-lock';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let current: string | null = typeof window === 'undefined' ? null : read();

function emit(next: string | null) {
  current = next;
  try {
    if (next) window.sessionStorage.setItem(KEY, next);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: the lock still holds for this page's life.
  }
  for (const l of listeners) l();
}

export const tabletLock = {
  /** The response id (or tablet page path) tablet mode is locked to, or null. */
  get: (): string | null => current,
  lock: (responseIdOrPath: string) => emit(responseIdOrPath),
  /** Only after the staff member confirmed their password (or signed out). */
  unlock: () => emit(null),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Signing out (a session that existed is cleared) ends tablet mode: the next user signs in afresh.
let hadSession = Boolean(sessionStore.get().session);
sessionStore.subscribe(() => {
  const has = Boolean(sessionStore.get().session);
  if (hadSession && !has && current) emit(null);
  hadSession = has;
});

export function useTabletLock(): string | null {
  return useSyncExternalStore(tabletLock.subscribe, tabletLock.get, tabletLock.get);
}

/**
 * The tablet page a lock leads to: a lock is either a response id (a questionnaire) or the path of another
 * tablet page (e.g. /tablet/documents/<client id>/<template id>, ids only).
 */
export const tabletPath = (lock: string) => (lock.startsWith('/tablet/') ? lock : `/tablet/responses/${encodeURIComponent(lock)}`);
