import { Anchor, Button, CopyButton, Group, List, Stack, Text, TextInput, Title, type TitleOrder } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { meApi } from '../../api/endpoints';
import type { MfaEnrollment as Enrollment } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { QrCode } from './QrCode';
import { RecoveryCodes } from './RecoveryCodes';

interface Props {
  username: string;
  /** Called after the recovery codes are saved. */
  onDone: () => void;
  onCancel?: () => void;
  headingOrder?: TitleOrder;
  /** Why the user is here (for example: "Your role requires two-step sign-in."). */
  reason?: string;
}

/** "ABCD EFGH …": the secret in groups of four, easier to type by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})/g, '$1 ').trim();
}

/** Sets up TOTP: a QR code and the secret, a code to confirm, then the recovery codes (shown once). */
export function MfaEnrollment({ username, onDone, onCancel, headingOrder = 1, reason }: Props) {
  const [step, setStep] = useState<'start' | 'scan' | 'codes'>('start');
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const begin = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrollment(await meApi.enrollMfa());
      setStep('scan');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      setCodeError('Enter the 6-digit code the app shows');
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    setError(null);
    try {
      const res = await meApi.confirmMfa(value);
      setCodes(res.recovery_codes);
      setStep('codes');
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.status === 401 || err.status === 403) ) {
        setCodeError(err.fieldMessage('code') ?? 'That code did not match. Check the app’s clock and enter the current code.');
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (step === 'codes') {
    return (
      <Stack>
        <Title order={headingOrder} size="h2">
          Two-step sign-in is on
        </Title>
        <RecoveryCodes codes={codes} username={username} onDone={onDone} />
      </Stack>
    );
  }

  if (step === 'scan' && enrollment) {
    return (
      <form onSubmit={(e) => void confirm(e)} noValidate aria-labelledby="mfa-enrol-heading">
        <Stack>
          <Title order={headingOrder} size="h2" id="mfa-enrol-heading">
            Scan the code with your authenticator app
          </Title>
          <List type="ordered" size="sm" spacing={4}>
            <List.Item>Open an authenticator app on your phone (for example FreeOTP, Google Authenticator or Microsoft Authenticator).</List.Item>
            <List.Item>Add an account and scan this QR code, or type the key below.</List.Item>
            <List.Item>Enter the 6-digit code the app shows for Stepwise.</List.Item>
          </List>
          <Group align="flex-start" gap="lg">
            <QrCode text={enrollment.otpauth_uri} label={`QR code to add Stepwise (${username}) to an authenticator app`} />
            <Stack gap={4}>
              <Text size="sm" fw={600} id="mfa-secret-label">
                Key for manual entry
              </Text>
              <Text ff="monospace" size="md" aria-labelledby="mfa-secret-label" data-testid="mfa-secret">
                {groupSecret(enrollment.secret)}
              </Text>
              <Text size="xs" c="dimmed">
                Time-based, 6 digits, every 30 seconds
              </Text>
              <CopyButton value={enrollment.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? 'Key copied' : 'Copy key'}
                  </Button>
                )}
              </CopyButton>
            </Stack>
          </Group>
          <ErrorAlert title="Could not turn on two-step sign-in" error={error} />
          <TextInput
            label="6-digit code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            value={code}
            error={codeError}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={busy}>
              Confirm
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <Stack>
      <Title order={headingOrder} size="h2">
        Set up two-step sign-in
      </Title>
      {reason && <Text size="sm">{reason}</Text>}
      <Text size="sm">
        You will need an authenticator app on your phone. Each time you sign in, Stepwise asks for the 6-digit code
        the app shows, so a stolen password alone cannot open client records.
      </Text>
      <ErrorAlert title="Could not start the set-up" error={error} onRetry={() => void begin()} />
      <Group>
        <Button onClick={() => void begin()} loading={busy} autoFocus data-autofocus>
          Begin set-up
        </Button>
        {onCancel && (
          <Anchor component="button" type="button" size="sm" onClick={onCancel}>
            Cancel
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
