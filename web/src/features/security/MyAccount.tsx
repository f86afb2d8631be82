import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { meApi } from '../../api/endpoints';
import type { ApiToken, CreatedToken, MySession } from '../../api/types';
import { EmptyState, ErrorAlert, Loading, saveErrorTitle } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { splitFieldErrors } from '../../lib/formErrors';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useRowAction } from '../../lib/useRowAction';
import { MfaEnrollment } from './MfaEnrollment';
import { passwordProblem } from './passwords';
import { RecoveryCodes } from './RecoveryCodes';
import { sessionStore, useSession } from './sessionStore';
import { Card } from '../../components/Card';
import { StatusBadge } from '../../components/StatusBadge';

export function MyAccount() {
  usePageTitle('My account');
  const session = useSession();
  return (
    <Stack gap="md" maw={1000}>
      <div>
        <Title order={1}>My account</Title>
        <Text c="dimmed" size="sm">
          {session.user.display_name} · username <strong>{session.user.username}</strong>
        </Text>
      </div>
      <PasswordCard />
      <MfaCard />
      <SessionsCard />
      <TokensCard />
    </Stack>
  );
}

// ---- Password ----

interface PasswordValues extends Record<string, unknown> {
  current_password: string;
  new_password: string;
  confirm: string;
  end_other_sessions: boolean;
}

function PasswordCard() {
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState('');
  const form = useForm<PasswordValues>({
    initialValues: { current_password: '', new_password: '', confirm: '', end_other_sessions: true },
    validate: {
      current_password: (v) => (v ? null : 'Enter your current password'),
      new_password: (v) => passwordProblem(v),
      confirm: (v, values) => (v === values.new_password ? null : 'The new passwords do not match'),
    },
  });
  const split = splitFieldErrors(error, form.values);
  const submit = form.onSubmit(async (v) => {
    setSaving(true);
    setError(null);
    setDone('');
    try {
      await meApi.changePassword({ current_password: v.current_password, new_password: v.new_password, end_other_sessions: v.end_other_sessions });
      form.reset();
      setDone(v.end_other_sessions ? 'Password changed. Your other sessions were signed out.' : 'Password changed.');
    } catch (e) {
      setError(e);
      const byPath = splitFieldErrors(e, v).byPath;
      // A wrong current password may come back without a field name.
      if (e instanceof ApiError && (e.status === 401 || e.status === 403) && !byPath.current_password) {
        byPath.current_password = 'The current password is not correct';
      }
      form.setErrors(byPath);
    } finally {
      setSaving(false);
    }
  });
  return (
    <Card id="password" title="Password">
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="sm" maw={420}>
          <ErrorAlert title={saveErrorTitle(error)} error={error} otherFields={split.other} />
          <PasswordInput label="Current password" required autoComplete="current-password" {...form.getInputProps('current_password')} />
          <PasswordInput
            label="New password"
            description="12 to 128 characters; common passwords are refused"
            required
            autoComplete="new-password"
            {...form.getInputProps('new_password')}
          />
          <PasswordInput label="Confirm new password" required autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Checkbox label="Sign out my other sessions" {...form.getInputProps('end_other_sessions', { type: 'checkbox' })} />
          <Group>
            <Button type="submit" loading={saving}>
              Change password
            </Button>
            {done && (
              <Text size="sm" className="sw-ok" role="status">
                {done}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

// ---- Two-step sign-in ----

function MfaCard() {
  const session = useSession();
  const [mode, setMode] = useState<'view' | 'enrol' | 'regenerate'>('view');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const enabled = session.user.mfa_enabled;

  const regenerate = async () => {
    const value = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      setCodeError('Enter the 6-digit code from your authenticator app');
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    setError(null);
    try {
      setCodes((await meApi.regenerateRecoveryCodes(value)).recovery_codes);
      setCode('');
    } catch (e) {
      if (e instanceof ApiError && (e.status === 400 || e.status === 401 || e.status === 403)) {
        setCodeError(e.fieldMessage('code') ?? 'That code did not work. Enter the current code from the app.');
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id="mfa" title="Two-step sign-in">
      {mode === 'enrol' ? (
        <MfaEnrollment
          username={session.user.username}
          headingOrder={3}
          onCancel={() => setMode('view')}
          onDone={() => {
            sessionStore.start({ ...session, user: { ...session.user, mfa_enabled: true } });
            setMode('view');
          }}
        />
      ) : codes ? (
        <RecoveryCodes
          codes={codes}
          username={session.user.username}
          doneLabel="Done"
          onDone={() => {
            setCodes(null);
            setMode('view');
          }}
        />
      ) : (
        <Stack gap="sm">
          <Group gap="xs">
            <Text>Status:</Text>
            {enabled ? <StatusBadge color="green">On</StatusBadge> : <StatusBadge color="gray">Off</StatusBadge>}
            {session.user.mfa_required && (
              <Text size="sm" c="dimmed">
                (required for your account)
              </Text>
            )}
          </Group>
          {!enabled && (
            <>
              <Text size="sm">Sign-in asks for a code from an authenticator app as well as your password.</Text>
              <Group>
                <Button onClick={() => setMode('enrol')}>Set up two-step sign-in</Button>
              </Group>
            </>
          )}
          {enabled && mode === 'view' && (
            <Group>
              <Button variant="default" onClick={() => setMode('regenerate')}>
                New recovery codes
              </Button>
            </Group>
          )}
          {enabled && mode === 'regenerate' && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void regenerate();
              }}
              noValidate
              aria-label="New recovery codes"
            >
              <Stack gap="sm" maw={420}>
                <Text size="sm">Your old recovery codes stop working when you get new ones. Confirm with a code from your app.</Text>
                <ErrorAlert title="Could not make new codes" error={error} />
                <TextInput
                  label="6-digit code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  value={code}
                  error={codeError}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  autoFocus
                />
                <Group>
                  <Button type="submit" loading={busy}>
                    Make new codes
                  </Button>
                  <Button variant="default" onClick={() => setMode('view')}>
                    Cancel
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      )}
    </Card>
  );
}

// ---- Sessions ----

function shortAgent(ua: string): string {
  if (!ua) return 'Unknown';
  const browser = /Firefox\/[\d.]+|Edg\/[\d.]+|Chrome\/[\d.]+|Safari\/[\d.]+|curl\/[\d.]+/.exec(ua)?.[0];
  const os = /Windows|Mac OS X|Android|iPhone|iPad|Linux/.exec(ua)?.[0];
  return [browser?.replace('/', ' ').replace(/(\d+)\..*/, '$1'), os && `on ${os}`].filter(Boolean).join(' ') || ua.slice(0, 40);
}

function SessionsCard() {
  const state = useAsync((signal) => meApi.sessions(signal), []);
  const items = state.data?.items ?? [];
  const { run: end, busyId: ending, error } = useRowAction((s: MySession) => meApi.endSession(s.id), state.reload);
  return (
    <Card id="sessions" title="My sessions">
      <ErrorAlert title="Could not load your sessions" error={state.error} onRetry={state.reload} />
      <ErrorAlert title="Could not end the session" error={error} />
      {!state.data && !state.error && <Loading label="Loading sessions…" />}
      {state.data && items.length === 0 && <EmptyState title="No sessions" />}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Browser</Table.Th>
                <Table.Th scope="col">Address</Table.Th>
                <Table.Th scope="col">Signed in</Table.Th>
                <Table.Th scope="col">Last active</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" title={s.user_agent}>
                      {shortAgent(s.user_agent)}
                    </Text>
                    {s.current && (
                      <StatusBadge color="indigo">
                        This session
                      </StatusBadge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {s.source_address || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatInstant(s.created_at)}</Table.Td>
                  <Table.Td>{formatInstant(s.last_seen_at)}</Table.Td>
                  <Table.Td>
                    {!s.current && (
                      <Button size="xs" variant="default" loading={ending === s.id} onClick={() => void end(s)}>
                        End session
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

// ---- API tokens ----

function tokenStatus(t: ApiToken): { label: string; color: string } {
  if (t.revoked_at) return { label: 'Revoked', color: 'gray' };
  if (Date.parse(t.expires_at) <= Date.now()) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'green' };
}

interface TokenValues extends Record<string, unknown> {
  name: string;
  expires_in_days: number | string;
}

function TokensCard() {
  const state = useAsync((signal) => meApi.tokens(signal), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<TokenValues>({
    initialValues: { name: '', expires_in_days: 90 },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the token after the script or integration that uses it'),
      expires_in_days: (v) => {
        const n = Number(v);
        return Number.isInteger(n) && n >= 1 && n <= 365 ? null : 'Between 1 and 365 days';
      },
    },
  });
  const split = splitFieldErrors(error, form.values);
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const t = await meApi.createToken(v.name.trim(), Number(v.expires_in_days));
      setCreated(t);
      setCreating(false);
      form.reset();
      state.reload();
    } catch (e) {
      setError(e);
      form.setErrors(splitFieldErrors(e, v).byPath);
    } finally {
      setBusy(false);
    }
  });
  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setError(null);
    try {
      await meApi.revokeToken(revoking.id);
      setRevoking(null);
      state.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const items = state.data?.items ?? [];
  return (
    <Card
      id="tokens"
      title="API tokens"
      actions={
        !creating && (
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setCreated(null);
              setError(null);
              setCreating(true);
            }}
          >
            New token
          </Button>
        )
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          For scripts and integrations: send <Code>Authorization: Bearer …</Code>. A token can do what you can do,
          never more.
        </Text>
        {created && (
          <Alert color="green" variant="light" title={`Token “${created.name}” created`} role="status">
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                Copy it now. You will not see it again.
              </Text>
              <Group gap="sm" wrap="nowrap">
                <Code block data-testid="new-token" style={{ flex: 1, wordBreak: 'break-all' }}>
                  {created.token}
                </Code>
                <CopyButton value={created.token}>
                  {({ copied, copy }) => (
                    <Button size="xs" onClick={copy}>
                      {copied ? 'Copied' : 'Copy token'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="xs">Expires {formatInstant(created.expires_at)}.</Text>
              <Group>
                <Button size="xs" variant="default" onClick={() => setCreated(null)}>
                  I have copied it
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {creating && (
          <Paper withBorder p="sm" bg="gray.0">
            <form onSubmit={submit} noValidate aria-label="New API token">
              <Stack gap="sm">
                <ErrorAlert title={saveErrorTitle(error)} error={error} otherFields={split.other} />
                <Group align="flex-start">
                  <TextInput label="Name" required autoFocus style={{ flex: '1 1 16rem' }} {...form.getInputProps('name')} />
                  <NumberInput label="Expires after (days)" required min={1} max={365} allowDecimal={false} w={180} {...form.getInputProps('expires_in_days')} />
                </Group>
                <Group>
                  <Button type="submit" loading={busy}>
                    Create token
                  </Button>
                  <Button variant="default" onClick={() => setCreating(false)}>
                    Cancel
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
        {!creating && <ErrorAlert title="Could not revoke the token" error={revoking ? null : error} />}
        <ErrorAlert title="Could not load your tokens" error={state.error} onRetry={state.reload} />
        {!state.data && !state.error && <Loading label="Loading tokens…" />}
        {state.data && items.length === 0 && <EmptyState title="No API tokens">Create one for each script or integration.</EmptyState>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Created</Table.Th>
                  <Table.Th scope="col">Expires</Table.Th>
                  <Table.Th scope="col">Last used</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((t) => {
                  const st = tokenStatus(t);
                  return (
                    <Table.Tr key={t.id}>
                      <Table.Td fw={600}>{t.name}</Table.Td>
                      <Table.Td>
                        <StatusBadge color={st.color}>
                          {st.label}
                        </StatusBadge>
                      </Table.Td>
                      <Table.Td>{formatInstant(t.created_at)}</Table.Td>
                      <Table.Td>{formatInstant(t.expires_at)}</Table.Td>
                      <Table.Td>{t.last_used_at ? formatInstant(t.last_used_at) : 'Never'}</Table.Td>
                      <Table.Td>
                        {st.label === 'Active' && (
                          <Button size="xs" variant="default" color="red" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this token?" centered>
        <Stack>
          <Text size="sm">
            Scripts using “{revoking?.name}” stop working at once. This cannot be undone; you can create a new token.
          </Text>
          <ErrorAlert title="Could not revoke the token" error={revoking ? error : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Keep it
            </Button>
            <Button color="red" loading={busy} onClick={() => void revoke()}>
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
