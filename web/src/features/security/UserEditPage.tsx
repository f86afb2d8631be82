import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { staffApi, usersApi } from '../../api/endpoints';
import type { Policy, Staff, User } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { FormStatus, STALE_MESSAGE } from '../../components/FormStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useRecordForm } from '../../lib/useRecordForm';
import { Card } from '../../components/Card';
import { passwordProblem } from './passwords';
import { roleLabel } from './UsersPage';
import { StatusBadge } from '../../components/StatusBadge';

interface UserValues extends Record<string, unknown> {
  username: string;
  password: string;
  display_name: string;
  roles: string[];
  staff_id: string;
  emergency_access: boolean;
  disabled: boolean;
}

function toValues(u: User): UserValues {
  return {
    username: u.username,
    password: '',
    display_name: u.display_name,
    roles: [...u.roles],
    staff_id: u.staff_id ?? '',
    emergency_access: u.emergency_access,
    disabled: u.disabled,
  };
}

const EMPTY: UserValues = {
  username: '',
  password: '',
  display_name: '',
  roles: [],
  staff_id: '',
  emergency_access: false,
  disabled: false,
};

function staffName(s: Staff): string {
  return s.display_name || `${s.preferred_name || s.given_name} ${s.family_name}`;
}

/** `/users/new` and `/users/:id`: the loaded record is handed to the form, so the form never guesses. */
export function UserEditPage() {
  const { id } = useParams();
  const policy = useAsync((signal) => usersApi.roles(signal), []);
  const staff = useAsync((signal) => staffApi.list({ limit: 200 }, signal), []);
  const user = useAsync((signal) => (id ? usersApi.get(id, signal) : Promise.resolve(null)), [id]);
  usePageTitle(id ? (user.data ? `User ${user.data.username}` : 'User') : 'New user');

  if (user.error) {
    const notFound = user.error instanceof ApiError && user.error.isNotFound;
    return (
      <Stack>
        <Anchor component={Link} to="/users" size="sm">
          ← Back to users
        </Anchor>
        <Title order={1}>{notFound ? 'User not found' : 'Could not load the user'}</Title>
        <ErrorAlert error={user.error} onRetry={notFound ? undefined : user.reload} />
      </Stack>
    );
  }
  if (user.data === undefined) return <Loading label="Loading user…" />;
  return (
    <UserForm
      key={user.data?.id ?? 'new'}
      initial={user.data}
      policy={policy.data}
      policyError={policy.error}
      staff={staff.data?.items ?? []}
    />
  );
}

function UserForm({ initial, policy, policyError, staff }: { initial: User | null; policy: Policy | undefined; policyError: unknown; staff: Staff[] }) {
  const navigate = useNavigate();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const [user, setUser] = useState<User | null>(initial);
  const [saved, setSaved] = useState('');
  const isNew = !initial;
  const rf = useRecordForm<UserValues>({
    initialValues: initial ? toValues(initial) : EMPTY,
    validate: {
      username: (v) => (isNew && !v.trim() ? 'Choose a username' : null),
      password: (v) => (isNew ? passwordProblem(v) : null),
      display_name: (v) => (v.trim() ? null : 'Enter the person’s name'),
      roles: (v) => (v.length ? null : 'Choose at least one role'),
    },
    save: async (v) => {
      setSaved('');
      if (!user) {
        const created = await usersApi.create({
          username: v.username.trim(),
          password: v.password,
          display_name: v.display_name.trim(),
          roles: v.roles,
          staff_id: v.staff_id || null,
          emergency_access: v.emergency_access,
        });
        navigate(`/users/${created.id}`, { replace: true, state: { created: true } });
        return;
      }
      const updated = await usersApi.update(
        user.id,
        { display_name: v.display_name.trim(), roles: v.roles, staff_id: v.staff_id || null, emergency_access: v.emergency_access, disabled: v.disabled },
        user.version,
      );
      setUser(updated);
      setSaved('Changes saved.');
    },
    loadLatest: user
      ? async () => {
          const latest = await usersApi.get(user.id);
          setUser(latest);
          return toValues(latest);
        }
      : undefined,
  });
  const f = rf.form;
  const roleOptions = policy?.roles ?? [];
  const staffOptions = [{ value: '', label: 'Not linked' }, ...staff.map((s) => ({ value: s.id, label: staffName(s) }))];
  if (f.values.staff_id && !staff.some((s) => s.id === f.values.staff_id)) {
    staffOptions.push({ value: f.values.staff_id, label: 'Linked staff record' });
  }

  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to="/users" size="sm">
        ← Back to users
      </Anchor>
      <Group gap="sm" align="baseline">
        <Title order={1}>{user ? user.username : 'New user'}</Title>
        {user?.disabled && <StatusBadge color="red">Disabled</StatusBadge>}
      </Group>
      {justCreated && user && (
        <Alert color="green" variant="light" role="status" title="User created">
          Give {user.display_name} the username <strong>{user.username}</strong> and the initial password privately.
          If their roles need two-step sign-in, they set it up at their first sign-in.
        </Alert>
      )}
      {user && (
        <Text size="sm" c="dimmed">
          Two-step sign-in {user.mfa_enabled ? 'on' : 'off'} · last sign-in {user.last_sign_in_at ? formatInstant(user.last_sign_in_at) : 'never'}
        </Text>
      )}
      <Card id="profile" title={user ? 'Account' : 'New account'}>
        <form onSubmit={rf.onSubmit} noValidate aria-label="User account">
          <Stack gap="sm">
            <FormStatus {...rf} labels={{ display_name: 'Name', roles: 'Roles', staff_id: 'Staff record', emergency_access: 'Emergency access', disabled: 'Disabled' }} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {isNew ? (
                <TextInput label="Username" required autoCapitalize="none" spellCheck={false} autoComplete="off" {...f.getInputProps('username')} />
              ) : null}
              <TextInput label="Name" required {...f.getInputProps('display_name')} />
              {isNew && (
                <PasswordInput
                  label="Initial password"
                  description="12 to 128 characters; give it to the person privately"
                  required
                  autoComplete="new-password"
                  {...f.getInputProps('password')}
                />
              )}
              <NativeSelect label="Staff record" description="Links the account to the person’s caseload" data={staffOptions} {...f.getInputProps('staff_id')} />
            </SimpleGrid>
            <ErrorAlert title="Could not load the roles" error={policyError} />
            <Checkbox.Group label="Roles" withAsterisk {...f.getInputProps('roles')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
                {roleOptions.map((r) => (
                  <Checkbox
                    key={r.code}
                    value={r.code}
                    label={roleLabel(policy, r.code)}
                    description={r.mfa_required ? 'Requires two-step sign-in' : undefined}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox
              label="May use emergency access"
              description="Can open a client outside their caseload with a written reason; the privacy officer is alerted"
              {...f.getInputProps('emergency_access', { type: 'checkbox' })}
            />
            {!isNew && (
              <Checkbox
                label="Disabled"
                description="A disabled user cannot sign in; their API tokens stop working"
                {...f.getInputProps('disabled', { type: 'checkbox' })}
              />
            )}
            <Group>
              <Button type="submit" loading={rf.saving}>
                {isNew ? 'Create user' : 'Save changes'}
              </Button>
              {saved && (
                <Text size="sm" className="sw-ok" role="status">
                  {saved}
                </Text>
              )}
            </Group>
          </Stack>
        </form>
      </Card>
      {user && <SecurityActions user={user} onChanged={setUser} policy={policy} />}
    </Stack>
  );
}

function SecurityActions({ user, onChanged, policy }: { user: User; onChanged: (u: User) => void; policy: Policy | undefined }) {
  const [confirmReset, setConfirmReset] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'' | 'mfa' | 'password'>('');
  const [notice, setNotice] = useState('');
  const stale = error instanceof ApiError && error.isStale;

  const run = async (kind: 'mfa' | 'password', call: () => Promise<User>, message: string) => {
    setBusy(kind);
    setError(null);
    setNotice('');
    try {
      onChanged(await call());
      setNotice(message);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy('');
    }
  };
  const needsMfa = user.roles.some((r) => policy?.roles.find((p) => p.code === r)?.mfa_required);

  return (
    <Card id="security" title="Sign-in">
      <Stack gap="md">
        {stale ? (
          <Alert color="orange" variant="light" role="alert" title={STALE_MESSAGE}>
            Nothing was changed. Reload the page to see the latest version, then try again.
          </Alert>
        ) : (
          <ErrorAlert title="Not changed" error={error} />
        )}
        {notice && (
          <Text size="sm" className="sw-ok" role="status">
            {notice}
          </Text>
        )}
        <form
          noValidate
          aria-label="Set a new password"
          onSubmit={(e) => {
            e.preventDefault();
            const problem = passwordProblem(password);
            setPasswordError(problem ?? undefined);
            if (problem) return;
            void run('password', () => usersApi.setPassword(user.id, password, user.version), 'Password set. All of the user’s sessions were signed out.').then(
              (ok) => ok && setPassword(''),
            );
          }}
        >
          <Group align="flex-end">
            <PasswordInput
              label="New password"
              description="Ends all of the user’s sessions"
              autoComplete="new-password"
              value={password}
              error={passwordError}
              onChange={(e) => setPassword(e.currentTarget.value)}
              style={{ flex: '1 1 18rem' }}
            />
            <Button type="submit" variant="default" loading={busy === 'password'}>
              Set password
            </Button>
          </Group>
        </form>
        <Group>
          <Button variant="default" color="red" onClick={() => setConfirmReset(true)} disabled={!user.mfa_enabled}>
            Reset two-step sign-in
          </Button>
          <Text size="sm" c="dimmed">
            {user.mfa_enabled
              ? 'For a lost phone: the user sets it up again at their next sign-in.'
              : needsMfa
                ? 'Not set up yet: the user will be asked to at their next sign-in.'
                : 'Not set up.'}
          </Text>
        </Group>
      </Stack>
      <Modal opened={confirmReset} onClose={() => setConfirmReset(false)} title="Reset two-step sign-in?" centered>
        <Stack>
          <Text size="sm">
            {user.username}’s authenticator app and recovery codes stop working. They must set up two-step sign-in again
            the next time they sign in. Confirm who asked for this before going ahead.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmReset(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={busy === 'mfa'}
              onClick={() => {
                void run('mfa', () => usersApi.resetMfa(user.id, user.version), 'Two-step sign-in was reset.').then(() => setConfirmReset(false));
              }}
            >
              Reset
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

