import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { programsApi, staffApi, tracksApi } from '../../api/endpoints';
import type { Weekday } from '../../api/plans';
import { seriesApi, type GroupSeries, type GroupSeriesDraft, type Room } from '../../api/schedule';
import { EmptyState, ErrorAlert } from '../../components/Feedback';
import { formatDate, labelFor } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { staffDisplayName } from '../program/StaffList';
import { useMeta } from '../shell/AppContext';
import { rangeLabel } from './time';

type MetaWithGroups = ReturnType<typeof useMeta> & { group_types?: { code: string; label: string }[] };

const FALLBACK_GROUP_TYPES = [
  { code: 'process', label: 'Process group' },
  { code: 'relapse_prevention', label: 'Relapse prevention' },
  { code: 'psychoeducation', label: 'Psychoeducation' },
  { code: 'family_education', label: 'Family education' },
  { code: 'mindfulness', label: 'Mindfulness' },
  { code: 'yoga', label: 'Yoga' },
  { code: 'art_therapy', label: 'Art therapy' },
  { code: 'exercise', label: 'Exercise' },
  { code: 'other', label: 'Other' },
];

function emptyDraft(programId: string, trackId: string, today: string): GroupSeriesDraft {
  return {
    program_id: programId,
    track_id: trackId,
    title: '',
    group_type: 'process',
    topic: '',
    curriculum_module: '',
    days: [],
    start: '09:00',
    end: '10:30',
    interval_weeks: 1,
    starts_on: today,
    ends_on: null,
    room_id: null,
    modality: 'in_person',
    meeting_link: null,
    facilitator_staff_ids: [],
    required_credentials: [],
    size_limit: 12,
  };
}

/** Group series of a program's tracks: the list, and a form to add one or change one (program.write). */
export function SeriesSetup({ rooms, today }: { rooms: Room[]; today: string }) {
  const meta = useMeta() as MetaWithGroups;
  const groupTypes = meta.group_types?.length ? meta.group_types : FALLBACK_GROUP_TYPES;
  const programs = useAsync((signal) => programsApi.list(signal), []);
  const [programId, setProgramId] = useState('');
  const program = programId || programs.data?.items[0]?.id || '';
  const tracks = useAsync((signal) => (program ? tracksApi.list(program, signal) : Promise.resolve({ items: [], next_cursor: null })), [program]);
  const staff = useAsync((signal) => staffApi.list({ limit: 200 }, signal), []);
  const series = useAsync((signal) => (program ? seriesApi.list({ program_id: program }, signal) : Promise.resolve({ items: [] })), [program]);
  const [editing, setEditing] = useState<GroupSeries | null>(null);
  const [draft, setDraft] = useState<GroupSeriesDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = (f: string) => (error instanceof ApiError ? error.fields.filter((x) => x.field === f || x.field.startsWith(`${f}[`)).map((x) => x.message).join('; ') || undefined : undefined);
  const set = (patch: Partial<GroupSeriesDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      if (editing) await seriesApi.update(editing.id, draft, editing.version);
      else await seriesApi.create(draft);
      setDraft(null);
      setEditing(null);
      series.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const trackName = (id: string) => tracks.data?.items.find((t) => t.id === id)?.name ?? '';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="series-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="series-heading">
            Group series
          </Title>
          <NativeSelect
            label="Program"
            size="xs"
            value={program}
            onChange={(e) => setProgramId(e.currentTarget.value)}
            data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Group>
        {series.error ? <ErrorAlert title="Could not load the group series" error={series.error} onRetry={series.reload} /> : null}
        {series.data && series.data.items.length === 0 && <EmptyState title="No group series in this program" />}
        {series.data && series.data.items.length > 0 && (
          <Table fz="sm" aria-label="Group series" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Group</Table.Th>
                <Table.Th scope="col">Track</Table.Th>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">From–until</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {series.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {s.title} <Text span size="xs" c="gray.7">({labelFor(groupTypes, s.group_type)})</Text>
                  </Table.Td>
                  <Table.Td>{trackName(s.track_id)}</Table.Td>
                  <Table.Td>
                    {s.days.map((d) => d.charAt(0).toUpperCase() + d.slice(1)).join('/')} {rangeLabel(s.start, s.end)}
                    {s.interval_weeks > 1 ? `, every ${s.interval_weeks} weeks` : ''}
                  </Table.Td>
                  <Table.Td>
                    {formatDate(s.starts_on)}–{s.ends_on ? formatDate(s.ends_on) : 'open'}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => {
                        setEditing(s);
                        setError(null);
                        const { id: _id, version: _v, ...rest } = s;
                        setDraft(rest);
                      }}
                      aria-label={`Edit ${s.title}`}
                    >
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {!draft && (
          <Group>
            <Button size="xs" onClick={() => (setEditing(null), setError(null), setDraft(emptyDraft(program, tracks.data?.items[0]?.id ?? '', today)))} disabled={!program}>
              Add group series
            </Button>
          </Group>
        )}
        {draft && (
          <Stack gap="xs" data-testid="series-form">
            <Title order={3} size="h5">
              {editing ? `Change ${editing.title}` : 'New group series'}
            </Title>
            <ErrorAlert error={error} title="Not saved" otherFields={error instanceof ApiError ? error.fields.filter((f) => /^(program_id|_)/.test(f.field)) : []} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect label="Track" value={draft.track_id} onChange={(e) => set({ track_id: e.currentTarget.value })} data={[{ value: '', label: 'Choose…' }, ...(tracks.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))]} error={field('track_id')} />
              <TextInput label="Title" value={draft.title} onChange={(e) => set({ title: e.currentTarget.value })} error={field('title')} required />
              <NativeSelect label="Group type" value={draft.group_type} onChange={(e) => set({ group_type: e.currentTarget.value })} data={groupTypes.map((g) => ({ value: g.code, label: g.label }))} error={field('group_type')} />
              <TextInput label="Topic" value={draft.topic} onChange={(e) => set({ topic: e.currentTarget.value })} error={field('topic')} />
              <TextInput label="Curriculum module" value={draft.curriculum_module} onChange={(e) => set({ curriculum_module: e.currentTarget.value })} error={field('curriculum_module')} />
              <NumberInput label="Group size limit" min={1} value={draft.size_limit} onChange={(v) => set({ size_limit: Number(v) || 0 })} error={field('size_limit')} />
            </SimpleGrid>
            <Checkbox.Group label="Days" value={draft.days} onChange={(v) => set({ days: v as Weekday[] })} error={field('days')}>
              <Group gap="sm" mt={4}>
                {meta.weekdays.map((d) => (
                  <Checkbox key={d.code} value={d.code} label={d.label} />
                ))}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 5 }}>
              <TextInput label="Start" type="time" step={900} value={draft.start} onChange={(e) => set({ start: e.currentTarget.value })} error={field('start')} />
              <TextInput label="End" type="time" step={900} value={draft.end} onChange={(e) => set({ end: e.currentTarget.value })} error={field('end')} />
              <NumberInput label="Every … weeks" min={1} value={draft.interval_weeks} onChange={(v) => set({ interval_weeks: Number(v) || 1 })} error={field('interval_weeks')} />
              <TextInput label="Starts on" type="date" value={draft.starts_on} onChange={(e) => set({ starts_on: e.currentTarget.value })} error={field('starts_on')} />
              <TextInput label="Ends on" type="date" value={draft.ends_on ?? ''} onChange={(e) => set({ ends_on: e.currentTarget.value || null })} error={field('ends_on')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect
                label="Modality"
                value={draft.modality}
                onChange={(e) => set({ modality: e.currentTarget.value as GroupSeriesDraft['modality'] })}
                data={[
                  { value: 'in_person', label: 'In person' },
                  { value: 'telehealth', label: 'Telehealth' },
                ]}
                error={field('modality')}
              />
              {draft.modality === 'in_person' ? (
                <NativeSelect label="Room" value={draft.room_id ?? ''} onChange={(e) => set({ room_id: e.currentTarget.value || null })} data={[{ value: '', label: 'Choose…' }, ...rooms.filter((r) => r.active).map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` }))]} error={field('room_id')} />
              ) : (
                <TextInput label="Meeting link" placeholder="https://" value={draft.meeting_link ?? ''} onChange={(e) => set({ meeting_link: e.currentTarget.value || null })} error={field('meeting_link')} />
              )}
            </SimpleGrid>
            <Checkbox.Group label="Facilitators" value={draft.facilitator_staff_ids} onChange={(v) => set({ facilitator_staff_ids: v })} error={field('facilitator_staff_ids')}>
              <Group gap="sm" mt={4}>
                {(staff.data?.items ?? []).map((s) => (
                  <Checkbox key={s.id} value={s.id} label={staffDisplayName(s)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group label="Required credentials (any one)" value={draft.required_credentials} onChange={(v) => set({ required_credentials: v })} error={field('required_credentials')}>
              <Group gap="sm" mt={4}>
                {meta.credential_types.map((c) => (
                  <Checkbox key={c.code} value={c.code} label={c.label} />
                ))}
              </Group>
            </Checkbox.Group>
            <Group>
              <Button onClick={() => void save()} loading={busy}>
                {editing ? 'Save changes' : 'Add series'}
              </Button>
              <Button variant="default" onClick={() => (setDraft(null), setEditing(null))}>
                Cancel
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
