// Adherence check-ins at sessions: a quick form (taken as prescribed, missed doses, side effects, craving)
// and the weekly trend; repeated non-adherence opens a task for the counselor (the server says when).
import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, Select, Slider, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { medicationsApi, type CheckinDraft, type Medication } from '../../api/medications';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { fieldError, useAction } from './useAction';

function CheckinForm({ clientId, meds, onSaved }: { clientId: string; meds: Medication[]; onSaved: (taskOpened: boolean) => void }) {
  const [taken, setTaken] = useState<'yes' | 'no'>('yes');
  const [missed, setMissed] = useState<number>(0);
  const [craving, setCraving] = useState(0);
  const [sideEffects, setSideEffects] = useState('');
  const [medicationId, setMedicationId] = useState<string>('');
  const { busy, error, run } = useAction();
  return (
    <Paper withBorder p="sm">
      <form
        aria-label="Adherence check-in"
        onSubmit={(e) => {
          e.preventDefault();
          const draft: CheckinDraft = {
            checked_on: todayIso(),
            taken_as_prescribed: taken === 'yes',
            missed_doses: taken === 'yes' ? 0 : missed,
            craving,
            ...(sideEffects ? { side_effects: sideEffects } : {}),
            ...(medicationId ? { medication_id: medicationId } : {}),
          };
          void run(() => medicationsApi.checkIn(clientId, draft), (c) => onSaved(Boolean(c.adherence_task_id)));
        }}
      >
        <Stack gap="xs">
          <Group align="flex-end" grow>
            <Select
              label="Medication"
              data={[{ value: '', label: 'All medications' }, ...meds.map((m) => ({ value: m.id, label: m.name }))]}
              value={medicationId}
              allowDeselect={false}
              onChange={(v) => setMedicationId(v ?? '')}
              error={fieldError(error, 'medication_id')}
            />
            <div>
              <Text size="sm" fw={500} id="taken-label">
                Taken as prescribed?
              </Text>
              <SegmentedControl
                aria-labelledby="taken-label"
                value={taken}
                onChange={(v) => setTaken(v as 'yes' | 'no')}
                data={[
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
              />
            </div>
            {taken === 'no' && (
              <NumberInput label="Missed doses" min={0} max={100} value={missed} onChange={(v) => setMissed(Number(v) || 0)} error={fieldError(error, 'missed_doses')} />
            )}
          </Group>
          <div>
            <Text size="sm" fw={500} id="craving-label">
              Craving today: {craving} of 10
            </Text>
            <Slider aria-labelledby="craving-label" min={0} max={10} step={1} value={craving} onChange={setCraving} thumbLabel="Craving" />
          </div>
          <TextInput label="Side effects" value={sideEffects} onChange={(e) => setSideEffects(e.currentTarget.value)} />
          {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert title="Not saved" error={error} /> : null}
          <Group>
            <Button type="submit" loading={busy}>
              Record check-in
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function AdherencePanel({ clientId, meds, canWrite }: { clientId: string; meds: Medication[]; canWrite: boolean }) {
  const trend = useAsync((signal) => medicationsApi.trend(clientId, signal), [clientId]);
  const [notice, setNotice] = useState<string | null>(null);
  const weeks = trend.data?.weeks ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Adherence
      </Title>
      {canWrite && (
        <CheckinForm
          clientId={clientId}
          meds={meds}
          onSaved={(taskOpened) => {
            setNotice(taskOpened ? 'Check-in recorded. Repeated non-adherence: a follow-up task is open for the counselor.' : 'Check-in recorded.');
            trend.reload();
          }}
        />
      )}
      {notice && (
        <Alert color={notice.includes('task') ? 'yellow' : 'green'} variant="light" role="status">
          {notice}
        </Alert>
      )}
      <ErrorAlert title="Could not load the adherence trend" error={trend.error} onRetry={trend.reload} />
      {!trend.data && !trend.error && <Loading label="Loading the trend…" />}
      {trend.data && weeks.length === 0 && <EmptyState title="No check-ins">No adherence check-in is recorded.</EmptyState>}
      {weeks.length > 0 && (
        <Table aria-label="Adherence by week" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Week of</Table.Th>
              <Table.Th>As prescribed</Table.Th>
              <Table.Th>Missed doses</Table.Th>
              <Table.Th>Craving (average, highest)</Table.Th>
              <Table.Th>Side effects reported</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((w) => (
              <Table.Tr key={w.week_of} data-testid="adherence-week">
                <Table.Td>{formatDate(w.week_of)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={w.as_prescribed < w.checkins ? 'red.9' : undefined} fw={w.as_prescribed < w.checkins ? 600 : undefined}>
                    {w.as_prescribed} of {w.checkins}
                  </Text>
                </Table.Td>
                <Table.Td>{w.missed_doses}</Table.Td>
                <Table.Td>
                  {w.average_craving.toFixed(1)}, {w.max_craving}
                </Table.Td>
                <Table.Td>{w.side_effect_reports}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {trend.data && (
        <Text size="xs" c="dimmed">
          {trend.data.non_adherent_count} check-ins not as prescribed within {trend.data.window_days} days open a follow-up task for the counselor.
        </Text>
      )}
    </Stack>
  );
}
