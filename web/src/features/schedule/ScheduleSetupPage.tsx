import { Anchor, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { programsApi, sitesApi } from '../../api/endpoints';
import { closuresApi, roomsApi, type Room, type RoomDraft } from '../../api/schedule';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useAppContext } from '../shell/AppContext';
import { OpeningHoursSetup } from './OpeningHoursSetup';
import { SeriesSetup } from './SeriesSetup';
import { addDays, todayIn } from './time';

const fieldOf = (error: unknown) => (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);

/** The rooms table and the add/change form (exported for its test). */
export function RoomsSetup({ rooms, onChanged }: { rooms: Room[]; onChanged: () => void }) {
  const sites = useAsync((signal) => sitesApi.list(signal), []);
  const [editing, setEditing] = useState<Room | null>(null);
  const [draft, setDraft] = useState<RoomDraft>({ site_id: '', name: '', capacity: 12, active: true });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = fieldOf(error);
  const siteId = draft.site_id || sites.data?.items[0]?.id || '';
  const siteName = (id: string) => sites.data?.items.find((s) => s.id === id)?.name ?? '';

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { ...draft, site_id: siteId, name: draft.name.trim() };
      if (editing) await roomsApi.update(editing.id, body, editing.version);
      else await roomsApi.create(body);
      setEditing(null);
      setDraft({ site_id: siteId, name: '', capacity: 12, active: true });
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rooms-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="rooms-heading">
          Rooms
        </Title>
        {rooms.length === 0 ? (
          <EmptyState title="No rooms yet">Add the rooms where groups and sessions meet, with how many people each holds.</EmptyState>
        ) : (
          <Table fz="sm" aria-label="Rooms" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Room</Table.Th>
                <Table.Th scope="col">Site</Table.Th>
                <Table.Th scope="col">Capacity</Table.Th>
                <Table.Th scope="col">In use</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rooms.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>{siteName(r.site_id)}</Table.Td>
                  <Table.Td>{r.capacity}</Table.Td>
                  <Table.Td>{r.active ? 'Yes' : 'No'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={`Edit ${r.name}`}
                      onClick={() => {
                        setEditing(r);
                        setError(null);
                        setDraft({ site_id: r.site_id, name: r.name, capacity: r.capacity, active: r.active });
                      }}
                    >
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Title order={3} size="h5">
          {editing ? `Change ${editing.name}` : 'Add a room'}
        </Title>
        <ErrorAlert error={error} title="Not saved" otherFields={error instanceof ApiError ? error.fields.filter((f) => !['site_id', 'name', 'capacity'].includes(f.field)) : []} />
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect label="Site" value={siteId} onChange={(e) => setDraft({ ...draft, site_id: e.currentTarget.value })} data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} error={field('site_id')} />
          <TextInput label="Room name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={field('name')} required />
          <NumberInput label="Capacity" min={1} w={110} value={draft.capacity} onChange={(v) => setDraft({ ...draft, capacity: Number(v) || 0 })} error={field('capacity')} />
          <Checkbox label="In use" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} mb={8} />
          <Button onClick={() => void save()} loading={busy} disabled={!siteId}>
            {editing ? 'Save room' : 'Add room'}
          </Button>
          {editing && (
            <Button variant="default" onClick={() => (setEditing(null), setDraft({ site_id: siteId, name: '', capacity: 12, active: true }))}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function ClosuresSetup({ today }: { today: string }) {
  const to = addDays(today, 365);
  const closures = useAsync((signal) => closuresApi.list(today, to, signal), [today, to]);
  const programs = useAsync((signal) => programsApi.list(signal), []);
  const [draft, setDraft] = useState({ date: '', name: '', program_id: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = fieldOf(error);
  const programName = (id: string | null) => (id ? (programs.data?.items.find((p) => p.id === id)?.name ?? 'One program') : 'Whole organization');

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      closures.reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="closures-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="closures-heading">
          Holidays and closures
        </Title>
        <Text size="sm" c="gray.7">
          No group meets and nothing can be scheduled on a closed day (for the whole organization or one program).
        </Text>
        {!closures.data && !closures.error && <Loading label="Loading closures…" />}
        {closures.error ? <ErrorAlert title="Could not load the closures" error={closures.error} onRetry={closures.reload} /> : null}
        {closures.data && closures.data.items.length === 0 && <EmptyState title="No closures in the next year" />}
        {closures.data && closures.data.items.length > 0 && (
          <Table fz="sm" aria-label="Closures" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">For</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {closures.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDate(c.date)}</Table.Td>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{programName(c.program_id)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="gray" aria-label={`Remove the closure on ${formatDate(c.date)}`} onClick={() => void run(() => closuresApi.void(c.id, 'Removed in set-up', c.version ?? 1))}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ErrorAlert error={error} title="Not saved" otherFields={error instanceof ApiError ? error.fields.filter((f) => !['date', 'name', 'program_id'].includes(f.field)) : []} />
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label="Closed on" type="date" value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.currentTarget.value })} error={field('date')} />
          <TextInput label="Name" placeholder="Thanksgiving" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={field('name')} />
          <NativeSelect
            label="For"
            value={draft.program_id}
            onChange={(e) => setDraft({ ...draft, program_id: e.currentTarget.value })}
            data={[{ value: '', label: 'Whole organization' }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]}
            error={field('program_id')}
          />
          <Button
            loading={busy}
            disabled={!draft.date || !draft.name.trim()}
            onClick={() =>
              void run(() => closuresApi.create({ date: draft.date, name: draft.name.trim(), program_id: draft.program_id || null })).then(
                (ok) => ok && setDraft({ date: '', name: '', program_id: draft.program_id }),
              )
            }
          >
            Add closure
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Rooms, group series, closures and opening hours (/schedule/setup, program.write). */
export function ScheduleSetupPage() {
  const { organization } = useAppContext();
  usePageTitle('Rooms, groups and closures');
  const today = todayIn(organization.time_zone);
  const rooms = useAsync((signal) => roomsApi.list(signal), []);
  return (
    <Stack gap="md" maw={1200}>
      <Anchor component={Link} to="/schedule" size="sm">
        ← Back to the calendar
      </Anchor>
      <Title order={1}>Rooms, groups and closures</Title>
      {rooms.error ? <ErrorAlert title="Could not load the rooms" error={rooms.error} onRetry={rooms.reload} /> : null}
      <RoomsSetup rooms={rooms.data?.items ?? []} onChanged={rooms.reload} />
      <SeriesSetup rooms={rooms.data?.items ?? []} today={today} />
      <ClosuresSetup today={today} />
      <OpeningHoursSetup />
    </Stack>
  );
}
