import { Anchor, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { usersApi } from '../../api/endpoints';
import type { Policy, User } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { Card } from '../../components/Card';
import { StatusBadge } from '../../components/StatusBadge';

/** A role's label, as GET /roles gives it (the server's one list of role labels); the code in words while it loads. */
export function roleLabel(policy: Policy | undefined, code: string): string {
  const fromPolicy = policy?.roles.find((r) => r.code === code)?.label;
  if (fromPolicy) return fromPolicy;
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SCOPE_LABELS: Record<string, string> = {
  none: 'No client records',
  caseload: 'Own caseload',
  program: 'Whole program',
};

export function UsersPage() {
  usePageTitle('Users and roles');
  const users = useAsync((signal) => usersApi.list(signal), []);
  const policy = useAsync((signal) => usersApi.roles(signal), []);
  const items = [...(users.data?.items ?? [])].sort((a, b) => a.username.localeCompare(b.username));
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Users and roles</Title>
        <Button component={Link} to="/users/new">
          New user
        </Button>
      </Group>
      <Card id="users" title="Users">
        <ErrorAlert title="Could not load users" error={users.error} onRetry={users.reload} />
        {!users.data && !users.error && <Loading label="Loading users…" />}
        {users.data && items.length === 0 && <EmptyState title="No users yet">Add one with “New user”.</EmptyState>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={820}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <VisuallyHidden component="caption">Users</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Username</Table.Th>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Roles</Table.Th>
                  <Table.Th scope="col">Two-step</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Emergency access</Table.Th>
                  <Table.Th scope="col">Last sign-in</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((u) => (
                  <UserRow key={u.id} user={u} policy={policy.data} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <RolesMatrix policy={policy.data} error={policy.error} onRetry={policy.reload} />
    </Stack>
  );
}

function UserRow({ user: u, policy }: { user: User; policy: Policy | undefined }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/users/${u.id}`} fw={600}>
          {u.username}
        </Anchor>
      </Table.Td>
      <Table.Td>{u.display_name}</Table.Td>
      <Table.Td>
        <Text size="sm">{u.roles.map((r) => roleLabel(policy, r)).join(', ') || '—'}</Text>
      </Table.Td>
      <Table.Td>
        {u.mfa_enabled ? (
          <StatusBadge color="green">
            On
          </StatusBadge>
        ) : (
          <StatusBadge color="gray">
            Off
          </StatusBadge>
        )}
      </Table.Td>
      <Table.Td>
        {u.disabled ? (
          <StatusBadge color="red">
            Disabled
          </StatusBadge>
        ) : (
          <Text size="sm">Active</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{u.emergency_access ? 'Yes' : 'No'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{u.last_sign_in_at ? formatInstant(u.last_sign_in_at) : 'Never'}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The access policy, read-only: which role holds which permission (a ● in the cell). */
export function RolesMatrix({ policy, error, onRetry }: { policy: Policy | undefined; error: unknown; onRetry: () => void }) {
  return (
    <Card id="roles" title="Roles and permissions">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The policy is server configuration (deny by default). Each role holds only the permissions marked here.
        </Text>
        <ErrorAlert title="Could not load the roles" error={error} onRetry={onRetry} />
        {!policy && !error && <Loading label="Loading roles…" />}
        {policy && (
          // Nothing inside is focusable, so the scrolling region itself takes focus (keyboard users can scroll it).
          <div className="sw-scroll-x" tabIndex={0} role="region" aria-label="Permissions by role">
            <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" data-testid="role-matrix">
              <VisuallyHidden component="caption">Permissions by role</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" miw={200}>
                    Permission
                  </Table.Th>
                  {policy.roles.map((r) => (
                    <Table.Th scope="col" key={r.code}>
                      {roleLabel(policy, r.code)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">Client records</Table.Th>
                  {policy.roles.map((r) => (
                    <Table.Td key={r.code}>{SCOPE_LABELS[r.client_scope] ?? r.client_scope}</Table.Td>
                  ))}
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Two-step sign-in</Table.Th>
                  {policy.roles.map((r) => (
                    <Table.Td key={r.code}>{r.mfa_required ? 'Required' : 'Optional'}</Table.Td>
                  ))}
                </Table.Tr>
                {policy.permissions.map((p) => (
                  <Table.Tr key={p.code}>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm" fw={600}>
                        {p.label}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.code} · {p.data_category}
                      </Text>
                    </Table.Th>
                    {policy.roles.map((r) => {
                      const has = r.permissions.includes(p.code);
                      return (
                        <Table.Td key={r.code} ta="center">
                          <span aria-hidden="true">{has ? '●' : ''}</span>
                          <VisuallyHidden>{has ? 'Yes' : 'No'}</VisuallyHidden>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Card>
  );
}
