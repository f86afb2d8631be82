import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isAbort } from '../../api/client';
import { staffApi } from '../../api/endpoints';
import type { Staff } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, labelFor } from '../../lib/format';
import { useMeta } from '../shell/AppContext';
import { usePermission } from '../security/sessionStore';

const PAGE_SIZE = 50;

export function staffDisplayName(s: Staff): string {
  return s.display_name ?? `${s.preferred_name || s.given_name} ${s.family_name}`;
}

export function StaffList() {
  usePageTitle('Staff');
  const meta = useMeta();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => setText((t) => (t.trim() === q ? t : q)), [q]);

  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if (debounced.trim() !== q) setParam('q', debounced.trim());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const [items, setItems] = useState<Staff[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const ac = new AbortController();
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    staffApi.list({ q, role, limit: PAGE_SIZE }, ac.signal).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems(page.items);
        setCursor(page.next_cursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e) || gen !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, [q, role, nonce]);

  const loadMore = async () => {
    if (!cursor) return;
    const gen = generation.current;
    setLoadingMore(true);
    try {
      const page = await staffApi.list({ q, role, limit: PAGE_SIZE, cursor });
      if (gen !== generation.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.next_cursor);
    } catch (e) {
      if (gen === generation.current) setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const roleLabel = labelFor(meta.roles, role);
  const canWrite = usePermission('staff.write');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Staff</Title>
        {canWrite && (
          <Button component={Link} to="/staff/new">
            New staff member
          </Button>
        )}
      </Group>
      <Paper withBorder p="sm">
        <form role="search" aria-label="Staff" onSubmit={(e) => e.preventDefault()}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Search staff"
              description="Name"
              type="search"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              style={{ flex: '1 1 16rem' }}
              autoComplete="off"
            />
            <NativeSelect
              label="Role"
              value={role}
              onChange={(e) => setParam('role', e.currentTarget.value)}
              data={[{ value: '', label: 'All roles' }, ...meta.roles.map((r) => ({ value: r.code, label: r.label }))]}
            />
          </Group>
        </form>
      </Paper>
      {error ? <ErrorAlert title="Could not load staff" error={error} onRetry={() => setNonce((n) => n + 1)} /> : null}
      {loading && items.length === 0 && !error && <Loading label="Loading staff…" />}
      {!loading && !error && items.length === 0 && (
        <Paper withBorder p="md">
          <EmptyState
            title={
              q || role
                ? `No staff match ${[q && `“${q}”`, role && `the role ${roleLabel}`].filter(Boolean).join(' with ')}`
                : 'No staff yet'
            }
          >
            {q || role ? (
              <Anchor component={Link} to="/staff">
                Clear the search and filter
              </Anchor>
            ) : (
              'Add the people who run the program with “New staff member”.'
            )}
          </EmptyState>
        </Paper>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-busy={loading}>
            <VisuallyHidden component="caption">Staff</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Roles</Table.Th>
                <Table.Th scope="col">Credentials</Table.Th>
                <Table.Th scope="col">Contact</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/staff/${s.id}`} fw={600}>
                      {staffDisplayName(s)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.roles.map((r) => labelFor(meta.roles, r)).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    {s.credentials.length === 0 ? (
                      <Text size="sm" c="dimmed">None recorded</Text>
                    ) : (
                      s.credentials.map((c, i) => (
                        <Text size="sm" key={i}>
                          {c.type}
                          {c.issuing_state ? ` (${c.issuing_state})` : ''}
                          {c.expires_on ? `, expires ${formatDate(c.expires_on)}` : ''}
                        </Text>
                      ))
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.email || '—'}</Text>
                    {s.phone && <Text size="sm">{s.phone}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!loading && cursor && (
        <Group justify="center">
          <Button variant="default" onClick={() => void loadMore()} loading={loadingMore}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
