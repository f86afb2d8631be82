import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { sessionApi } from '../../api/endpoints';
import type { Session } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { browser } from '../../lib/browser';
import { flushAll } from '../../lib/pendingSaves';
import { MfaEnrollment } from './MfaEnrollment';
import { SignInForm, type SignedInStatus } from './SignInForm';
import { sessionStore, useSessionState } from './sessionStore';
import { signOut } from './signOut';

/** The warning shows this long before the idle timeout (half the timeout when that is shorter). */
export const WARNING_MS = 2 * 60 * 1000;

export function warningMs(idleTimeoutSeconds: number): number {
  return Math.min(WARNING_MS, (Math.max(1, idleTimeoutSeconds || 900) * 1000) / 2);
}

/** "1:59" */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * Watches the session's idle deadline: a warning two minutes before it, and when the session ends (the
 * deadline passed or any call answered 401) a sign-in dialog over the page, which stays mounted so typed
 * values survive. Signing in again as the same user carries on; another user gets a fresh app.
 */
export function SessionGuard({ onSignedOut }: { onSignedOut?: () => void }) {
  const st = useSessionState();
  const [now, setNow] = useState(() => Date.now());
  const active = Boolean(st.session) && !st.ended;

  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, [active, st.idleDeadline]);

  const remaining = st.idleDeadline - now;
  useEffect(() => {
    if (active && remaining <= 0) sessionStore.end();
  }, [active, remaining]);

  if (!st.session) return null;
  if (st.ended) return <ReSignInDialog previous={st.session} onSignedOut={onSignedOut} />;
  if (remaining > 0 && remaining <= warningMs(st.session.idle_timeout_seconds)) {
    const absolute = st.idleDeadline >= st.absoluteDeadline;
    return <ExpiryWarning remaining={remaining} absolute={absolute} onSignedOut={onSignedOut} />;
  }
  return null;
}

function ExpiryWarning({ remaining, absolute, onSignedOut }: { remaining: number; absolute: boolean; onSignedOut?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Save what autosaving forms hold while the session is still alive.
  useEffect(() => {
    void flushAll();
  }, []);
  const stay = async () => {
    setBusy(true);
    setError(null);
    try {
      sessionStore.start(await sessionApi.current());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) sessionStore.end();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={() => void stay()}
      title={absolute ? 'Your session is about to reach its time limit' : 'Are you still there?'}
      closeOnClickOutside={false}
      centered
      aria-describedby="expiry-text"
    >
      <Stack>
        <Text id="expiry-text" role="timer" aria-live="off">
          You will be signed out in <strong>{formatCountdown(remaining)}</strong>.
        </Text>
        {absolute && (
          <Text size="sm">
            Sessions last at most 12 hours. Save your work; you will be asked to sign in again.
          </Text>
        )}
        <ErrorAlert title="Could not reach the server" error={error} />
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              void signOut().then(() => onSignedOut?.());
            }}
          >
            Sign out
          </Button>
          {!absolute && (
            <Button onClick={() => void stay()} loading={busy} data-autofocus>
              Stay signed in
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function ReSignInDialog({ previous, onSignedOut }: { previous: Session; onSignedOut?: () => void }) {
  const [enrolling, setEnrolling] = useState<Session | null>(null);
  const signedIn = (session: Session, status: SignedInStatus) => {
    if (session.user.id !== previous.user.id) {
      // Someone else: never show them the previous user's page. Start the app afresh.
      browser.reloadTo('/');
      return;
    }
    if (status === 'mfa_enrollment_required') {
      setEnrolling(session);
      return;
    }
    sessionStore.start(session);
  };
  const finishEnrollment = async () => {
    try {
      const s = await sessionApi.current();
      sessionStore.start({ ...s, user: { ...s.user, mfa_enabled: true } });
    } catch {
      setEnrolling(null);
    }
  };
  return (
    <Modal
      opened
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      size="md"
      title="Your session has ended"
    >
      <Stack>
        {enrolling ? (
          <MfaEnrollment username={enrolling.user.username} headingOrder={2} onDone={() => void finishEnrollment()} />
        ) : (
          <>
            <Text size="sm">
              For privacy, Stepwise signs you out after a period without activity. Sign in again to carry on where
              you were: anything you typed on this page is kept.
            </Text>
            <SignInForm
              idPrefix="resignin"
              headingOrder={2}
              initialUsername={previous.user.username}
              onSignedIn={signedIn}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              void signOut().then(() => onSignedOut?.());
            }}
          >
            Sign out instead
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
