import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isAbort } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import type { ClientSummary } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatDate, formatTime, labelFor, legalFullName } from '../../lib/format';
import { trackLabel, useCatalog } from '../program/useCatalog';
import { useEmergencyGrants } from '../security/EmergencyAccess';
import { usePermission } from '../security/sessionStore';
import { useMeta } from '../shell/AppContext';
import { STAGE_TITLES } from '../shell/navigation';
import { useClientSearch } from './clientSearch';
import { StageBadge } from './StageBadge';

export const PAGE_SIZE = 50;

type Status = 'loading' | 'ready' | 'error';

export function ClientList() {
  const meta = useMeta();
  const catalog = useCatalog();
  const canCreate = usePermission('clients.write');
  const emergency = useEmergencyGrants();
  const [params, setParams] = useSearchParams();
  const { q, setQ } = useClientSearch();
  const stage = params.get('stage') ?? '';
  const trackId = params.get('track') ?? '';

  // An old address may still carry ?q=: take the search into memory and drop it from the URL.
  const urlQ = params.get('q');
  useEffect(() => {
    if (urlQ === null) return;
    setQ(urlQ.trim());
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('q');
        return next;
      },
      { replace: true },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlQ]);

  // The search box applies the text after a short pause, so typing stays smooth.
  const [text, setText] = useState(q || urlQ || '');
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => setText((t) => (t.trim() === q ? t : q)), [q]);
  useEffect(() => {
    if (debounced.trim() !== q) setQ(debounced.trim());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const setFilter = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const [items, setItems] = useState<ClientSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState<unknown>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const ac = new AbortController();
    const gen = ++generation.current;
    setStatus('loading');
    setError(null);
    setMoreError(null);
    clientsApi.list({ q, stage, track_id: trackId, limit: PAGE_SIZE }, ac.signal).then(
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
  }, [q, stage, trackId, nonce]);

  const loadMore = async () => {
    if (!cursor) return;
    const gen = generation.current;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await clientsApi.list({ q, stage, track_id: trackId, limit: PAGE_SIZE, cursor });
      if (gen !== generation.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.next_cursor);
    } catch (e) {
      if (gen === generation.current) setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const stageTitle = stage ? STAGE_TITLES[stage] ?? labelFor(meta.care_stages, stage) : '';
  const title = stageTitle ? `Clients: ${stageTitle}` : 'All clients';
  usePageTitle(title);

  const filtered = Boolean(q || stage || trackId);
  const trackName = trackId ? catalog.tracks.get(trackId)?.name ?? 'the chosen track' : '';
  const emptyMessage = () => {
    const parts: string[] = [];
    if (q) parts.push(`“${q}”`);
    if (stage) parts.push(`stage “${stageTitle}”`);
    if (trackId) parts.push(`track “${trackName}”`);
    return parts.length ? `No clients match ${parts.join(', ')}` : 'No clients yet';
  };

  const trackOptions = [
    { value: '', label: 'All tracks' },
    ...(catalog.data?.tracks ?? []).map((t) => ({ value: t.id, label: trackLabel(t, catalog.programs) })),
  ];
  if (trackId && !catalog.tracks.has(trackId)) trackOptions.push({ value: trackId, label: 'Selected track' });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{title}</Title>
        {canCreate && (
          <Button component={Link} to="/clients/new">
            New client
          </Button>
        )}
      </Group>

      {emergency.grants.length > 0 && (
        <Alert color="orange" variant="light" title="Emergency access in use" data-testid="emergency-grants">
          <Stack gap={4}>
            {emergency.grants.map((g) => (
              <Text size="sm" key={g.id}>
                <Anchor component={Link} to={`/clients/${g.client_id}`}>
                  Open the client
                </Anchor>{' '}
                (until {formatTime(g.expires_at)}) — reason: “{g.reason}”
              </Text>
            ))}
          </Stack>
        </Alert>
      )}

      <Paper withBorder p="sm">
        <form role="search" aria-label="Clients" onSubmit={(e) => e.preventDefault()}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Search clients"
              description="Name, MRN or date of birth"
              type="search"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setQ(text.trim());
              }}
              style={{ flex: '1 1 18rem' }}
              autoComplete="off"
            />
            <NativeSelect
              label="Stage"
              value={stage}
              onChange={(e) => setFilter('stage', e.currentTarget.value)}
              data={[{ value: '', label: 'All stages' }, ...meta.care_stages.map((s) => ({ value: s.code, label: s.label }))]}
            />
            <NativeSelect
              label="Track"
              value={trackId}
              onChange={(e) => setFilter('track', e.currentTarget.value)}
              data={trackOptions}
            />
          </Group>
        </form>
      </Paper>

      {status === 'error' && (
        <ErrorAlert title="Could not load clients" error={error} onRetry={() => setNonce((n) => n + 1)} />
      )}
      {status === 'loading' && items.length === 0 && <Loading label="Loading clients…" />}

      <Text size="sm" role="status" aria-live="polite" c="dimmed">
        {status === 'ready' &&
          (items.length === 0
            ? ''
            : `${items.length}${cursor ? '+' : ''} client${items.length === 1 ? '' : 's'}${cursor ? ' (more available)' : ''}`)}
        {status === 'loading' && items.length > 0 && 'Updating…'}
      </Text>

      {status === 'ready' && items.length === 0 && (
        <Paper withBorder p="md">
          <EmptyState title={emptyMessage()}>
            {filtered ? (
              <>
                Check the spelling, search by MRN or date of birth (YYYY-MM-DD or MM/DD/YYYY), or{' '}
                <Anchor component={Link} to="/clients" onClick={() => setQ('')}>
                  clear the search and filters
                </Anchor>
                .
              </>
            ) : canCreate ? (
              'Register the first client with “New client”.'
            ) : (
              'Clients you may see appear here.'
            )}
            {emergency.allowed && filtered && (
              <>
                {' '}
                Looking for a client outside your caseload? Open the link to their chart: it offers emergency access.
              </>
            )}
          </EmptyState>
        </Paper>
      )}

      {items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-busy={status === 'loading'}>
            <VisuallyHidden component="caption">{title}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Client</Table.Th>
                <Table.Th scope="col">MRN</Table.Th>
                <Table.Th scope="col">Date of birth</Table.Th>
                <Table.Th scope="col">Stage</Table.Th>
                <Table.Th scope="col">Track</Table.Th>
                <Table.Th scope="col">Counselor</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <ClientRow key={c.id} client={c} stageLabel={labelFor(meta.care_stages, c.stage)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {moreError ? <ErrorAlert title="Could not load more clients" error={moreError} /> : null}
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

function ClientRow({ client: c, stageLabel }: { client: ClientSummary; stageLabel: string }) {
  const name = displayName(c);
  const legal = legalFullName(c.legal_name);
  const showLegal = c.preferred_name && legal !== name;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/clients/${c.id}`} fw={600}>
          {name}
        </Anchor>
        {showLegal && (
          <Text size="xs" c="dimmed">
            Legal name: {legal}
          </Text>
        )}
        {c.pronouns && (
          <Text size="xs" c="dimmed">
            {c.pronouns}
          </Text>
        )}
        {c.voided && (
          <Badge color="gray" variant="outline" size="xs">
            Voided
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ whiteSpace: "nowrap" }}>
          {c.mrn}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {formatDate(c.birth_date)} <Text span size="xs" c="dimmed">({c.age})</Text>
        </Text>
      </Table.Td>
      <Table.Td>{c.stage ? <StageBadge stage={c.stage} label={stageLabel} /> : <Text size="sm" c="dimmed">No open episode</Text>}</Table.Td>
      <Table.Td>
        <Text size="sm">{c.track_name ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.counselor_name ?? '—'}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
