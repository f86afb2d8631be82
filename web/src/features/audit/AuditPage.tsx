import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../../api/client';
import { auditApi } from '../../api/endpoints';
import type { AuditEvent, AuditSort, AuditVerification } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatInstant } from '../../lib/format';
import { buildAuditQuery, NO_FILTERS, nextSort, type AuditFilters } from './auditQuery';
import { StatusBadge } from '../../components/StatusBadge';

const COLUMNS: { key: AuditSort | null; label: string }[] = [
  { key: 'occurred_at', label: 'Time' },
  { key: 'user_id', label: 'User' },
  { key: 'role', label: 'Role' },
  { key: 'action', label: 'Action' },
  { key: 'resource_type', label: 'Record' },
  { key: 'client_id', label: 'Client' },
  { key: 'data_category', label: 'Data category' },
  { key: 'source_address', label: 'Source' },
  { key: 'outcome', label: 'Outcome' },
  { key: null, label: 'Reason' },
];

const OUTCOMES = [
  { value: '', label: 'Any outcome' },
  { value: 'success', label: 'Success' },
  { value: 'denied', label: 'Denied' },
  { value: 'failure', label: 'Failure' },
];

type Status = 'loading' | 'ready' | 'error';

function shortId(id: string | null): string {
  return id ? id.slice(0, 8) + '…' : '—';
}

export function AuditPage() {
  usePageTitle('Audit trail');
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [sorting, setSorting] = useState<{ sort: AuditSort; order: 'asc' | 'desc' }>({ sort: 'occurred_at', order: 'desc' });
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState<unknown>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);
  const query = buildAuditQuery(filters, sorting.sort, sorting.order);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    const ac = new AbortController();
    const gen = ++generation.current;
    setStatus('loading');
    setError(null);
    setMoreError(null);
    auditApi.list(query, ac.signal).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems(page.items);
        setCursor(page.next_cursor);
        setStatus('ready');
      },
      (e: unknown) => {
        if (isAbort(e) || gen !== generation.current) return;
        setError(e);
        setStatus('error');
      },
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, nonce]);

  const loadMore = async () => {
    if (!cursor) return;
    const gen = generation.current;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await auditApi.list({ ...query, cursor });
      if (gen !== generation.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.next_cursor);
    } catch (e) {
      if (gen === generation.current) setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const set = (key: keyof AuditFilters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const filterBy = (key: 'user_id' | 'client_id', value: string | null) => {
    if (!value) return;
    const next = { ...filters, [key]: value };
    setDraft(next);
    setFilters(next);
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Audit trail</Title>
        <Group gap="sm">
          <Button component="a" href={auditApi.csvUrl(query)} variant="default" download>
            Export CSV
          </Button>
        </Group>
      </Group>
      <VerifyChain />

      <Paper withBorder p="sm">
        <form
          aria-label="Filter audit events"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
              <TextInput label="From" type="date" value={draft.from} onChange={(e) => set('from')(e.currentTarget.value)} />
              <TextInput label="To (inclusive)" type="date" value={draft.to} onChange={(e) => set('to')(e.currentTarget.value)} />
              <TextInput
                label="Action"
                description="For example read, update, sign_in"
                value={draft.action}
                onChange={(e) => set('action')(e.currentTarget.value)}
                autoComplete="off"
              />
              <TextInput
                label="User id"
                description="Or click a user in the table"
                value={draft.user_id}
                onChange={(e) => set('user_id')(e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
              />
              <TextInput
                label="Client id"
                description="Or click a client in the table"
                value={draft.client_id}
                onChange={(e) => set('client_id')(e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
              />
              <NativeSelect label="Outcome" data={OUTCOMES} value={draft.outcome} onChange={(e) => set('outcome')(e.currentTarget.value)} />
            </SimpleGrid>
            <Group>
              <Button type="submit">Apply filters</Button>
              <Button
                variant="default"
                onClick={() => {
                  setDraft(NO_FILTERS);
                  setFilters(NO_FILTERS);
                }}
                disabled={!filtered && !Object.values(draft).some(Boolean)}
              >
                Clear
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      {status === 'error' && <ErrorAlert title="Could not load audit events" error={error} onRetry={() => setNonce((n) => n + 1)} />}
      {status === 'loading' && items.length === 0 && <Loading label="Loading audit events…" />}
      <Text size="sm" role="status" aria-live="polite" c="dimmed">
        {status === 'ready' && items.length > 0 && `${items.length}${cursor ? '+' : ''} event${items.length === 1 ? '' : 's'}`}
        {status === 'loading' && items.length > 0 && 'Updating…'}
      </Text>
      {status === 'ready' && items.length === 0 && (
        <Paper withBorder p="md">
          <EmptyState title={filtered ? 'No events match these filters' : 'No audit events yet'}>
            {filtered ? 'Widen the dates or clear a filter.' : undefined}
          </EmptyState>
        </Paper>
      )}

      {items.length > 0 && (
        <Table.ScrollContainer minWidth={1100}>
          <Table striped verticalSpacing={4} fz="sm" aria-busy={status === 'loading'} data-testid="audit-table">
            <VisuallyHidden component="caption">Audit events, sorted by {COLUMNS.find((c) => c.key === sorting.sort)?.label}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                {COLUMNS.map((c) => {
                  const active = c.key !== null && sorting.sort === c.key;
                  return (
                    <Table.Th
                      key={c.label}
                      scope="col"
                      aria-sort={c.key === null ? undefined : active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none'}
                    >
                      {c.key === null ? (
                        c.label
                      ) : (
                        <UnstyledButton
                          className="sw-sort-button"
                          onClick={() => c.key && setSorting((s) => nextSort(s, c.key as AuditSort))}
                        >
                          {c.label}
                          <span aria-hidden="true">{active ? (sorting.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                        </UnstyledButton>
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id ?? e.seq}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <span title={e.occurred_at}>{formatInstant(e.occurred_at)}</span>
                  </Table.Td>
                  <Table.Td>
                    {e.user_id ? (
                      <Anchor component="button" type="button" size="sm" onClick={() => filterBy('user_id', e.user_id)} title={`Show only ${e.user_id}`}>
                        {e.username || shortId(e.user_id)}
                      </Anchor>
                    ) : (
                      e.username || '—'
                    )}
                  </Table.Td>
                  <Table.Td>{e.role || '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {e.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {e.resource_type || '—'}
                    {e.resource_id && (
                      <Text size="xs" c="dimmed" ff="monospace" title={e.resource_id}>
                        {shortId(e.resource_id)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {e.client_id ? (
                      <Anchor component="button" type="button" size="sm" ff="monospace" onClick={() => filterBy('client_id', e.client_id)} title={`Show only client ${e.client_id}`}>
                        {shortId(e.client_id)}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{e.data_category || '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {e.source_address || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge color={e.outcome === 'success' ? 'green' : e.outcome === 'denied' ? 'red' : 'orange'}>
                      {e.outcome}
                    </StatusBadge>
                  </Table.Td>
                  <Table.Td>{e.reason || ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {moreError ? <ErrorAlert title="Could not load more events" error={moreError} /> : null}
      {status === 'ready' && cursor && (
        <Group justify="center">
          <Button variant="default" onClick={() => void loadMore()} loading={loadingMore}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function VerifyChain() {
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await auditApi.verify());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => void verify()} loading={busy}>
          Verify chain
        </Button>
        <Text size="sm" c="dimmed">
          Checks that no audit event was changed, removed or reordered.
        </Text>
      </Group>
      <ErrorAlert title="Could not verify the audit trail" error={error} />
      {result &&
        (result.ok ? (
          <Alert color="green" variant="light" role="status" title="The audit trail is intact">
            {result.events_checked.toLocaleString('en-US')} events checked; every link in the hash chain holds.
          </Alert>
        ) : (
          <Alert color="red" variant="light" role="alert" title="The audit trail has been tampered with">
            {result.problem ?? 'The hash chain is broken.'}
            {result.first_broken_seq !== null && ` First broken link at event #${result.first_broken_seq}.`} (
            {result.events_checked.toLocaleString('en-US')} events checked.) Tell the privacy officer and keep a copy of
            the database as it is.
          </Alert>
        ))}
    </Stack>
  );
}
