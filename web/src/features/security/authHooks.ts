// Connects the API client to the session store: a 401 raises the re-sign-in dialog (and the call is
// retried once the same user has signed in again), a CSRF refusal fetches the current token, and every
// successful call counts as activity for the idle timer (of every tab: see sessionStore.linkTabs).
import { ApiError, setAuthHooks } from '../../api/client';
import { sessionApi } from '../../api/endpoints';
import { browser } from '../../lib/browser';
import { sessionStore } from './sessionStore';

let probe: Promise<'alive' | 'ended' | 'other-user' | 'unknown'> | null = null;

/** Asks the server whether the session is still there (shared by concurrent callers). */
function probeSession(): Promise<'alive' | 'ended' | 'other-user' | 'unknown'> {
  if (!probe) {
    const userId = sessionStore.get().session?.user.id;
    probe = sessionApi
      .current()
      .then(
        (s) => {
          if (s.user.id !== userId) return 'other-user' as const;
          sessionStore.start(s);
          return 'alive' as const;
        },
        (e: unknown) => (e instanceof ApiError && e.status === 401 ? ('ended' as const) : ('unknown' as const)),
      )
      .finally(() => {
        probe = null;
      });
  }
  return probe;
}

async function onUnauthorized(): Promise<boolean> {
  const st = sessionStore.get();
  if (!st.session) return false; // never signed in: nothing to resume
  if (!st.ended) {
    // A 401 can also answer a wrong current password: only a session the server no longer knows has ended.
    const answer = await probeSession();
    if (answer === 'alive' || answer === 'unknown') return false;
    if (answer === 'other-user') {
      browser.reloadTo('/');
      return false;
    }
    sessionStore.end();
  }
  return sessionStore.waitForSignIn();
}

async function onCsrfRejected(): Promise<boolean> {
  const st = sessionStore.get();
  if (!st.session || st.ended) return false;
  const answer = await probeSession();
  if (answer === 'alive') return true;
  if (answer === 'other-user') {
    browser.reloadTo('/');
    return false;
  }
  if (answer === 'ended') {
    sessionStore.end();
    return sessionStore.waitForSignIn();
  }
  return false;
}

/**
 * Another tab signed in. A tab on the sign-in page takes up the session (the tabs share its cookie); one
 * whose session had ended carries on if it is the same user, and starts afresh for anyone else.
 */
export async function resumeAfterSignInElsewhere(): Promise<void> {
  const st = sessionStore.get();
  if (st.session && !st.ended) return;
  if (!st.session) {
    try {
      sessionStore.start(await sessionApi.current());
    } catch {
      // Not signed in after all (or unreachable): this tab stays on the sign-in page.
    }
    return;
  }
  if ((await probeSession()) === 'other-user') browser.reloadTo('/');
}

export function installAuthHooks(): () => void {
  return setAuthHooks({ onUnauthorized, onCsrfRejected, onActivity: () => sessionStore.touch() });
}

installAuthHooks();
