import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { tracksApi } from '../../api/endpoints';
import { enrollmentsApi, type Enrollment } from '../../api/schedule';
import type { Client } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

/** The client's track enrollment: the active one (with End), or a form to enroll in one of the program's tracks. */
export function EnrollmentPanel({ client, today, canWrite, onChanged }: { client: Client; today: string; canWrite: boolean; onChanged: () => void }) {
  const enrollments = useAsync((signal) => enrollmentsApi.list(client.id, signal), [client.id]);
  const programId = client.current_episode?.program_id ?? '';
  const tracks = useAsync((signal) => (programId ? tracksApi.list(programId, signal) : Promise.resolve({ items: [], next_cursor: null })), [programId]);
  const [trackId, setTrackId] = useState('');
  const [startsOn, setStartsOn] = useState(today);
  const [plannedEnd, setPlannedEnd] = useState('');
  const [ending, setEnding] = useState<Enrollment | null>(null);
  const [endOn, setEndOn] = useState(today);
  const [endReason, setEndReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const items = enrollments.data?.items ?? [];
  const active = items.find((e) => !e.ended_on || e.ended_on >= today) ?? null;
  const field = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      enrollments.reload();
      onChanged();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="enrollment">
      <Title order={3} size="h5">
        Track enrollment
      </Title>
      {enrollments.error ? <ErrorAlert title="Could not load enrollments" error={enrollments.error} onRetry={enrollments.reload} /> : null}
      {active && (
        <Text size="sm">
          <strong>{active.track_name}</strong> since {formatDate(active.starts_on)}
          {active.planned_end_on ? `, planned to end ${formatDate(active.planned_end_on)}` : ''}
          {active.ended_on ? `, ends ${formatDate(active.ended_on)}` : ''}
        </Text>
      )}
      {enrollments.data && !active && <Text size="sm">Not enrolled in a track.</Text>}
      <ErrorAlert error={error} title="Not saved" otherFields={error instanceof ApiError ? error.fields.filter((f) => !['track_id', 'starts_on', 'planned_end_on', 'ended_on', 'reason'].includes(f.field)) : []} />
      {canWrite && active && !ending && !active.ended_on && (
        <Group>
          <Button size="xs" variant="default" onClick={() => setEnding(active)}>
            End enrollment…
          </Button>
        </Group>
      )}
      {canWrite && ending && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput label="Last day" type="date" size="xs" value={endOn} onChange={(e) => setEndOn(e.currentTarget.value)} error={field('ended_on')} />
          <TextInput label="Reason" size="xs" value={endReason} onChange={(e) => setEndReason(e.currentTarget.value)} error={field('reason')} />
          <Button
            size="xs"
            loading={busy}
            onClick={() => void run(() => enrollmentsApi.end(ending.id, endOn, endReason.trim(), ending.version)).then((ok) => ok && setEnding(null))}
          >
            End enrollment
          </Button>
          <Button size="xs" variant="default" onClick={() => setEnding(null)}>
            Cancel
          </Button>
        </Group>
      )}
      {canWrite && enrollments.data && !active && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <NativeSelect
            label="Track"
            size="xs"
            value={trackId}
            onChange={(e) => setTrackId(e.currentTarget.value)}
            data={[{ value: '', label: 'Choose a track…' }, ...(tracks.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))]}
            error={field('track_id')}
          />
          <TextInput label="Starts on" type="date" size="xs" value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={field('starts_on')} />
          <TextInput label="Planned end" type="date" size="xs" value={plannedEnd} onChange={(e) => setPlannedEnd(e.currentTarget.value)} error={field('planned_end_on')} />
          <Button
            size="xs"
            loading={busy}
            disabled={!trackId}
            onClick={() => void run(() => enrollmentsApi.create(client.id, { track_id: trackId, starts_on: startsOn, planned_end_on: plannedEnd || null }))}
          >
            Enroll
          </Button>
        </Group>
      )}
    </Stack>
  );
}
