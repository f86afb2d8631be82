// The signed-in session, held in memory only (never in localStorage, sessionStorage, IndexedDB or cookies
// the script can read). One store for the whole app, read with useSyncExternalStore; linked to the other
// tabs of the browser (tabLink.ts) so they share the idle timer, the end of the session and sign-out.
import { useSyncExternalStore } from 'react';
import { setCsrfToken } from '../../api/client';
import type { Session } from '../../api/types';
import type { TabLink, TabMessage } from './tabLink';

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

/** Which session a tab message is about: its absolute expiry instant (the same in every tab sharing it). */
function sessionKey(s: Session | null): string {
  return s?.expires_at ?? '';
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** A session store; the app holds one (`sessionStore`), tests may make more (a tab each). */
export function createSessionStore() {
  let state: SessionState = initial;
  const listeners = new Set<() => void>();
  /** Calls waiting for the user to sign in again (see api/client onUnauthorized). */
  let waiters: ((retry: boolean) => void)[] = [];
  /** The other tabs of this browser, once linked. */
  let tabs: TabLink | null = null;

  function emit(next: SessionState) {
    state = next;
    for (const l of listeners) l();
  }

  function releaseWaiters(retry: boolean) {
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve(retry);
  }

  function tell(message: TabMessage) {
    if (message.session) tabs?.post(message);
  }

  function extendTo(idleDeadline: number): boolean {
    const next = Math.min(idleDeadline, state.absoluteDeadline);
    if (next <= state.idleDeadline) return false;
    emit({ ...state, idleDeadline: next });
    return true;
  }

  function endHere() {
    setCsrfToken(null);
    emit({ ...state, ended: true });
  }

  function clearHere() {
    setCsrfToken(null);
    emit(initial);
    releaseWaiters(false);
  }

  const store = {
    get: (): SessionState => state,

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** A session arrived (sign-in, MFA, refresh). Calls waiting on a re-sign-in are retried. */
    start(session: Session): void {
      const same = !state.ended && state.session !== null && sessionKey(state.session) === sessionKey(session);
      setCsrfToken(session.csrf_token);
      emit({ session, ended: false, ...deadlines(session, Date.now()) });
      releaseWaiters(true);
      tell(
        same
          ? { event: 'activity', session: sessionKey(session), idleDeadline: state.idleDeadline }
          : { event: 'signed-in', session: sessionKey(session) },
      );
    },

    /** A call succeeded with the session: the server pushed its idle timer forward (in every tab). */
    touch(): void {
      if (!state.session || state.ended) return;
      const timeout = Math.max(1, state.session.idle_timeout_seconds || 900) * 1000;
      const idleDeadline = Math.min(Date.now() + timeout, state.absoluteDeadline);
      if (idleDeadline !== state.idleDeadline) emit({ ...state, idleDeadline });
      tell({ event: 'activity', session: sessionKey(state.session), idleDeadline });
    },

    /** The session is over on the server (here and in the other tabs). Keeps the user and the page. */
    end(): void {
      if (!state.session || state.ended) return;
      endHere();
      tell({ event: 'ended', session: sessionKey(state.session) });
    },

    /** Waits until the user signs in again (true) or gives up and signs out (false). */
    waitForSignIn(): Promise<boolean> {
      return new Promise((resolve) => waiters.push(resolve));
    },

    /** Forgets everything (sign-out, which the other tabs follow). Waiting calls fail with their 401. */
    clear(): void {
      const key = sessionKey(state.session);
      clearHere();
      tell({ event: 'signed-out', session: key });
    },

    /**
     * Joins the other tabs: their activity moves this tab's idle deadline (so no tab warns or ends while
     * another is in use), their session ending or signing out does the same here, and a sign-in in one
     * calls `onSignedInElsewhere` in tabs without a live session. Returns the unlink.
     */
    linkTabs(link: TabLink, onSignedInElsewhere: () => void = () => {}): () => void {
      tabs?.close();
      tabs = link;
      const stop = link.listen((m) => {
        const mine = state.session !== null && sessionKey(state.session) === m.session;
        if (m.event === 'signed-in') {
          if (!state.session || state.ended) onSignedInElsewhere();
          return;
        }
        if (!mine) return;
        if (m.event === 'activity' && !state.ended && m.idleDeadline !== undefined) extendTo(m.idleDeadline);
        else if (m.event === 'ended' && !state.ended) endHere();
        else if (m.event === 'signed-out') clearHere();
      });
      return () => {
        stop();
        link.close();
        if (tabs === link) tabs = null;
      };
    },
  };
  return store;
}

export const sessionStore = createSessionStore();

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
