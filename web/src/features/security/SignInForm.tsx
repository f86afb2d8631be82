import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title, type TitleOrder } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, setCsrfToken } from '../../api/client';
import { sessionApi } from '../../api/endpoints';
import type { Session, SignInResult } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';

export const WRONG_CREDENTIALS = 'The username or password is not correct.';
export const WRONG_CODE = 'That code did not work. Enter the current code from your authenticator app (it changes every 30 seconds).';

export type SignedInStatus = 'signed_in' | 'mfa_enrollment_required';

interface Props {
  /** Prefills the username (the re-sign-in dialog). */
  initialUsername?: string;
  /** Called once the password (and code, when asked) are accepted. */
  onSignedIn: (session: Session, status: SignedInStatus) => void;
  headingOrder?: TitleOrder;
  /** Shown under the first step's heading. */
  intro?: string;
  /** Field ids must be unique when two forms could be on the page. */
  idPrefix?: string;
}

function tooManyMessage(seconds: number | null): string {
  if (seconds === null) return 'Too many attempts. Wait a little and try again.';
  return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

/** The session that came with a sign-in answer, or the current one when the answer carried none. */
async function sessionOf(result: SignInResult): Promise<Session> {
  if (result.session && result.session.user && result.session.csrf_token) return result.session;
  return sessionApi.current();
}

/**
 * Username and password, then (when the account has it) the 6-digit code or a recovery code. Used by the
 * sign-in page and by the re-sign-in dialog over a page whose session ended.
 */
export function SignInForm({ initialUsername = '', onSignedIn, headingOrder = 1, intro, idPrefix = 'signin' }: Props) {
  const [step, setStep] = useState<'password' | 'mfa'>('password');
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string; code?: string }>({});
  const [other, setOther] = useState<unknown>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [, setTick] = useState(0);

  // While throttled, re-render each second so the button comes back on time.
  useEffect(() => {
    if (!waitUntil) return;
    const t = window.setInterval(() => {
      if (Date.now() >= waitUntil) {
        setWaitUntil(0);
        setMessage('');
      }
      setTick((n) => n + 1);
    }, 1000);
    return () => window.clearInterval(t);
  }, [waitUntil]);
  const throttled = waitUntil > 0 && Date.now() < waitUntil;

  const fail = (e: unknown, wrong: string) => {
    setOther(null);
    if (e instanceof ApiError && e.status === 401) setMessage(wrong);
    else if (e instanceof ApiError && e.status === 429) {
      setMessage(tooManyMessage(e.retryAfter));
      if (e.retryAfter) setWaitUntil(Date.now() + e.retryAfter * 1000);
    } else if (e instanceof ApiError && e.status === 400 && e.fields.length) {
      setMessage('');
      const f: Record<string, string> = {};
      for (const x of e.fields) f[x.field === 'code' ? 'code' : x.field] = x.message;
      setFieldErrors(f);
    } else {
      setMessage('');
      setOther(e);
    }
  };

  const finish = async (result: SignInResult) => {
    if (result.status === 'mfa_required') {
      // The pending session's token protects the code step.
      if (result.session?.csrf_token) setCsrfToken(result.session.csrf_token);
      setStep('mfa');
      setCode('');
      setMessage('');
      return;
    }
    const session = await sessionOf(result);
    onSignedIn(session, result.status === 'mfa_enrollment_required' ? 'mfa_enrollment_required' : 'signed_in');
  };

  const submitPassword = async (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof fieldErrors = {};
    if (!username.trim()) errs.username = 'Enter your username';
    if (!password) errs.password = 'Enter your password';
    setFieldErrors(errs);
    if (errs.username || errs.password) return;
    setBusy(true);
    setMessage('');
    setOther(null);
    try {
      await finish(await sessionApi.signIn(username.trim(), password));
      setPassword('');
    } catch (err) {
      fail(err, WRONG_CREDENTIALS);
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    const value = code.trim();
    if (!useRecovery && !/^\d{6}$/.test(value.replace(/\s/g, ''))) {
      setFieldErrors({ code: 'Enter the 6-digit code' });
      return;
    }
    if (useRecovery && !value) {
      setFieldErrors({ code: 'Enter one of your recovery codes' });
      return;
    }
    setFieldErrors({});
    setBusy(true);
    setMessage('');
    setOther(null);
    try {
      await finish(await sessionApi.verifyMfa(useRecovery ? value : value.replace(/\s/g, '')));
    } catch (err) {
      fail(err, useRecovery ? 'That recovery code did not work. Each code works once; check for typing mistakes.' : WRONG_CODE);
    } finally {
      setBusy(false);
    }
  };

  const startAgain = () => {
    setStep('password');
    setPassword('');
    setCode('');
    setMessage('');
    setFieldErrors({});
    setOther(null);
  };

  const alert = message ? (
    <Alert color="red" variant="light" role="alert" title={step === 'password' ? 'Not signed in' : 'Not verified'}>
      {message}
    </Alert>
  ) : null;

  if (step === 'mfa') {
    return (
      <form onSubmit={(e) => void submitCode(e)} noValidate aria-labelledby={`${idPrefix}-mfa-heading`}>
        <Stack>
          <Title order={headingOrder} size="h2" id={`${idPrefix}-mfa-heading`}>
            Two-step verification
          </Title>
          <Text size="sm">
            {useRecovery
              ? 'Enter one of the recovery codes you saved when you set up two-step sign-in. Each code works once.'
              : 'Enter the 6-digit code your authenticator app shows for Stepwise.'}
          </Text>
          {alert}
          <ErrorAlert title="Could not verify the code" error={other} />
          {useRecovery ? (
            <TextInput
              key="recovery"
              id={`${idPrefix}-recovery`}
              label="Recovery code"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              data-autofocus
              required
              value={code}
              error={fieldErrors.code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          ) : (
            <TextInput
              key="totp"
              id={`${idPrefix}-code`}
              label="6-digit code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={7}
              autoFocus
              data-autofocus
              required
              value={code}
              error={fieldErrors.code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          )}
          <Button type="submit" loading={busy} disabled={throttled}>
            Verify
          </Button>
          <Group justify="space-between">
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setUseRecovery((r) => !r);
                setCode('');
                setFieldErrors({});
                setMessage('');
              }}
            >
              {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code'}
            </Anchor>
            <Anchor component="button" type="button" size="sm" onClick={startAgain}>
              Start again
            </Anchor>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <form onSubmit={(e) => void submitPassword(e)} noValidate aria-labelledby={`${idPrefix}-heading`}>
      <Stack>
        <Title order={headingOrder} size="h2" id={`${idPrefix}-heading`}>
          Sign in
        </Title>
        {intro && <Text size="sm">{intro}</Text>}
        {alert}
        <ErrorAlert title="Could not sign in" error={other} />
        <TextInput
          id={`${idPrefix}-username`}
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus={!initialUsername}
          data-autofocus={!initialUsername || undefined}
          value={username}
          error={fieldErrors.username}
          onChange={(e) => setUsername(e.currentTarget.value)}
        />
        <PasswordInput
          id={`${idPrefix}-password`}
          label="Password"
          name="password"
          autoComplete="current-password"
          required
          autoFocus={Boolean(initialUsername)}
          data-autofocus={Boolean(initialUsername) || undefined}
          value={password}
          error={fieldErrors.password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" loading={busy} disabled={throttled}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
