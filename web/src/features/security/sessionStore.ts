// The signed-in session, held in memory only (never in localStorage, sessionStorage, IndexedDB or cookies
// the script can read). One store for the whole app, read with useSyncExternalStore.
import { useSyncExternalStore } from 'react';
import { setCsrfToken } from '../../api/client';
import type { Session } from '../../api/types';

export interface SessionState {
  /** The signed-in session; kept (for its user) after it ends, until sign-out or a new sign-in. */
  session: Session | null;
  /** The session ended (idle timeout or a 401): the re-sign-in dialog is over the page. */
  ended: boolean;
  /** Local clock (ms) when the server will end the session for inactivity. */
  idleDeadline: number;
  /** Local clock (ms) when the session reaches its absolute lifetime. */
  absoluteDeadline: number;
}

const initial: SessionState = { session: null, ended: false, idleDeadline: 0, absoluteDeadline: 0 };

let state: SessionState = initial;
const listeners = new Set<() => void>();
/** Calls waiting for the user to sign in again (see api/client onUnauthorized). */
let waiters: ((retry: boolean) => void)[] = [];

function emit(next: SessionState) {
  state = next;
  for (const l of listeners) l();
}

function releaseWaiters(retry: boolean) {
  const w = waiters;
  waiters = [];
  for (const resolve of w) resolve(retry);
}

function parse(instant: string | undefined): number {
  const t = instant ? Date.parse(instant) : NaN;
  return Number.isFinite(t) ? t : NaN;
}

/**
 * Deadlines on the local clock. The session was just refreshed by the call that returned it, so the idle
 * deadline is now + the idle timeout; the absolute one is measured between two server instants (no skew).
 */
function deadlines(s: Session, now: number): { idleDeadline: number; absoluteDeadline: number } {
  const timeout = Math.max(1, s.idle_timeout_seconds || 900) * 1000;
  const gap = parse(s.expires_at) - parse(s.idle_expires_at);
  const absoluteDeadline = Number.isFinite(gap) ? now + timeout + Math.max(0, gap) : now + 12 * 3600 * 1000;
  return { idleDeadline: Math.min(now + timeout, absoluteDeadline), absoluteDeadline };
}

export const sessionStore = {
  get: (): SessionState => state,

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** A session arrived (sign-in, MFA, refresh). Calls waiting on a re-sign-in are retried. */
  start(session: Session): void {
    setCsrfToken(session.csrf_token);
    emit({ session, ended: false, ...deadlines(session, Date.now()) });
    releaseWaiters(true);
  },

  /** A call succeeded with the session: the server pushed its idle timer forward. */
  touch(): void {
    if (!state.session || state.ended) return;
    const timeout = Math.max(1, state.session.idle_timeout_seconds || 900) * 1000;
    const idleDeadline = Math.min(Date.now() + timeout, state.absoluteDeadline);
    if (idleDeadline !== state.idleDeadline) emit({ ...state, idleDeadline });
  },

  /** The session is over on the server. Keeps the user (for the re-sign-in dialog) and the page. */
  end(): void {
    if (!state.session || state.ended) return;
    setCsrfToken(null);
    emit({ ...state, ended: true });
  },

  /** Waits until the user signs in again (true) or gives up and signs out (false). */
  waitForSignIn(): Promise<boolean> {
    return new Promise((resolve) => waiters.push(resolve));
  },

  /** Forgets everything (sign-out). Waiting calls fail with their 401. */
  clear(): void {
    setCsrfToken(null);
    emit(initial);
    releaseWaiters(false);
  },
};

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}

/** The signed-in session (throws outside the signed-in app). */
export function useSession(): Session {
  const s = useSessionState().session;
  if (!s) throw new Error('useSession outside a signed-in session');
  return s;
}

/** Whether the signed-in user holds a permission (false when signed out). */
export function usePermission(permission: string): boolean {
  return hasPermission(useSessionState().session, permission);
}

export function hasPermission(session: Session | null, permission: string): boolean {
  return Boolean(session?.user.permissions?.includes(permission));
}

/** The user must enrol TOTP before doing anything else. */
export function needsEnrollment(session: Session | null): boolean {
  return Boolean(session && session.user.mfa_required && !session.user.mfa_enabled);
}
