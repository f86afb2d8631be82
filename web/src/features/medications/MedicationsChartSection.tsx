// The chart's medication section: the medication list (MAT marked, what each makes expected in drug tests,
// stopped ones with their reason), prescriber referrals with their status steps, and adherence check-ins
// with the weekly trend.
import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import {
  CATEGORIES,
  MAT_KINDS,
  REFERRAL_STATUS_LABELS,
  ROUTES,
  SOURCES,
  medicationsApi,
  type MatKind,
  type Medication,
  type MedicationCategory,
  type MedicationDraft,
  type MedicationSource,
  type Referral,
} from '../../api/medications';
import type { Client } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { AdherencePanel } from './AdherencePanel';
import { useAction, fieldError } from './useAction';

const matLabel = (k: string | null) => MAT_KINDS.find((m) => m.value === k)?.label ?? '';
const routeLabel = (r: string) => ROUTES.find((x) => x.value === r)?.label ?? r;

const EMPTY: MedicationDraft = { name: '', dose: '', route: 'oral', frequency: '', start_on: todayIso(), source: 'prescriber', category: 'psychiatric' };

function MedicationForm({ clientId, onSaved, onCancel }: { clientId: string; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<MedicationDraft>({ ...EMPTY, start_on: todayIso() });
  const { busy, error, run } = useAction();
  const set = (patch: Partial<MedicationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = () => {
    const body: MedicationDraft = { ...draft };
    if (!body.mat_kind) delete body.mat_kind;
    for (const k of ['rxnorm_code', 'prescriber', 'note'] as const) if (!body[k]) delete body[k];
    void run(() => medicationsApi.add(clientId, body), onSaved);
  };
  return (
    <Paper withBorder p="sm">
      <form
        aria-label="Add a medication"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput label="Medication" withAsterisk value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError(error, 'name')} />
            <TextInput
              label="RxNorm code"
              description="If known"
              value={draft.rxnorm_code ?? ''}
              onChange={(e) => set({ rxnorm_code: e.currentTarget.value })}
              error={fieldError(error, 'rxnorm_code')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label="Dose" withAsterisk value={draft.dose} onChange={(e) => set({ dose: e.currentTarget.value })} error={fieldError(error, 'dose')} />
            <Select label="Route" data={ROUTES} value={draft.route} allowDeselect={false} onChange={(v) => set({ route: v ?? 'oral' })} error={fieldError(error, 'route')} />
            <TextInput
              label="How often"
              withAsterisk
              value={draft.frequency}
              onChange={(e) => set({ frequency: e.currentTarget.value })}
              error={fieldError(error, 'frequency')}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Medication for addiction treatment"
              data={[{ value: '', label: 'None' }, ...MAT_KINDS]}
              value={draft.mat_kind ?? ''}
              allowDeselect={false}
              onChange={(v) => set(v ? { mat_kind: v as MatKind, category: 'addiction' } : { mat_kind: undefined })}
              error={fieldError(error, 'mat_kind')}
            />
            <Select
              label="Category"
              data={CATEGORIES}
              value={draft.category ?? 'other'}
              allowDeselect={false}
              onChange={(v) => set({ category: (v ?? 'other') as MedicationCategory })}
              error={fieldError(error, 'category')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label="Prescriber" value={draft.prescriber ?? ''} onChange={(e) => set({ prescriber: e.currentTarget.value })} />
            <TextInput label="Started on" type="date" withAsterisk value={draft.start_on} onChange={(e) => set({ start_on: e.currentTarget.value })} error={fieldError(error, 'start_on')} />
            <Select
              label="Source"
              data={SOURCES}
              value={draft.source}
              allowDeselect={false}
              onChange={(v) => set({ source: (v ?? 'prescriber') as MedicationSource })}
              error={fieldError(error, 'source')}
            />
          </Group>
          {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert title="Not saved" error={error} /> : null}
          <Group gap="xs">
            <Button type="submit" loading={busy}>
              Add medication
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function StopForm({ med, onDone }: { med: Medication; onDone: () => void }) {
  const [stopOn, setStopOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  return (
    <form
      aria-label={`Stop ${med.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => medicationsApi.stop(med.id, stopOn, reason, med.version), onDone);
      }}
    >
      <Group align="flex-end" gap="xs">
        <TextInput label="Stopped on" type="date" value={stopOn} onChange={(e) => setStopOn(e.currentTarget.value)} error={fieldError(error, 'stop_on')} />
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(error, 'reason')} style={{ flex: 1 }} />
        <Button type="submit" color="red.9" variant="outline" loading={busy}>
          Stop medication
        </Button>
      </Group>
      {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert title="Not saved" error={error} /> : null}
    </form>
  );
}

function MedicationTable({ meds, canWrite, onChanged }: { meds: Medication[]; canWrite: boolean; onChanged: () => void }) {
  const [stopping, setStopping] = useState<string | null>(null);
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table aria-label="Medications" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Medication</Table.Th>
            <Table.Th>Dose and route</Table.Th>
            <Table.Th>Prescriber</Table.Th>
            <Table.Th>Dates</Table.Th>
            <Table.Th>Expected in tests</Table.Th>
            {canWrite && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meds.map((m) => (
            <Table.Tr key={m.id} data-testid="medication-row">
              <Table.Td>
                <Text fw={600} size="sm">
                  {m.name}
                </Text>
                <Group gap={4}>
                  {m.mat_kind && <StatusBadge color="blue">{`MAT: ${matLabel(m.mat_kind)}`}</StatusBadge>}
                  {m.category === 'psychiatric' && <StatusBadge color="grape">Psychiatric</StatusBadge>}
                  {!m.active && <StatusBadge color="gray">Stopped</StatusBadge>}
                  {m.rxnorm_code && (
                    <Text span size="xs" c="dimmed">
                      RxNorm {m.rxnorm_code}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {m.dose}, {routeLabel(m.route)}
                </Text>
                <Text size="xs" c="dimmed">
                  {m.frequency}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.prescriber ?? '—'}</Text>
                <Text size="xs" c="dimmed">
                  {m.source === 'prescriber' ? 'From the prescriber' : 'Client report'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">Since {formatDate(m.start_on)}</Text>
                {m.stop_on && (
                  <Text size="xs" c="dimmed">
                    Stopped {formatDate(m.stop_on)}: {m.stop_reason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.expected_analytes.length ? m.expected_analytes.join(', ') : '—'}</Text>
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  {m.active && stopping !== m.id && (
                    <Button size="compact-sm" variant="subtle" onClick={() => setStopping(m.id)} aria-label={`Stop ${m.name}`}>
                      Stop…
                    </Button>
                  )}
                  {stopping === m.id && (
                    <StopForm
                      med={m}
                      onDone={() => {
                        setStopping(null);
                        onChanged();
                      }}
                    />
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const NEXT_STATUS: Record<string, { value: 'scheduled' | 'seen' | 'closed'; label: string }[]> = {
  sent: [
    { value: 'scheduled', label: 'Appointment scheduled' },
    { value: 'seen', label: 'Seen by the prescriber' },
    { value: 'closed', label: 'Closed' },
  ],
  scheduled: [
    { value: 'seen', label: 'Seen by the prescriber' },
    { value: 'closed', label: 'Closed' },
  ],
  seen: [{ value: 'closed', label: 'Closed' }],
  closed: [],
};

function ReferralStep({ r, onDone }: { r: Referral; onDone: () => void }) {
  const options = NEXT_STATUS[r.status] ?? [];
  const [status, setStatus] = useState(options[0]?.value ?? 'closed');
  const [date, setDate] = useState(todayIso());
  const [outcome, setOutcome] = useState('');
  const { busy, error, run } = useAction();
  if (!options.length) return null;
  return (
    <form
      aria-label={`Update the referral to ${r.provider_name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => medicationsApi.setReferralStatus(r.id, status, date, outcome, r.version), onDone);
      }}
    >
      <Group align="flex-end" gap="xs">
        <Select label="Next step" data={options} value={status} allowDeselect={false} onChange={(v) => setStatus((v ?? 'closed') as typeof status)} error={fieldError(error, 'status')} />
        <TextInput label={status === 'scheduled' ? 'Appointment on' : 'On'} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fieldError(error, 'date')} />
        <TextInput label="Outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={fieldError(error, 'outcome')} style={{ flex: 1 }} />
        <Button type="submit" variant="light" loading={busy}>
          Save step
        </Button>
      </Group>
      {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert title="Not saved" error={error} /> : null}
    </form>
  );
}

function ReferralForm({ clientId, onSaved, onCancel }: { clientId: string; onSaved: () => void; onCancel: () => void }) {
  const [provider, setProvider] = useState('');
  const [contact, setContact] = useState('');
  const [reason, setReason] = useState('');
  const [sentOn, setSentOn] = useState(todayIso());
  const { busy, error, run } = useAction();
  return (
    <Paper withBorder p="sm">
      <form
        aria-label="Refer to a prescriber"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () => medicationsApi.refer(clientId, { provider_name: provider, reason, sent_on: sentOn, ...(contact ? { provider_contact: contact } : {}) }),
            onSaved,
          );
        }}
      >
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput label="Prescriber or clinic" withAsterisk value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={fieldError(error, 'provider_name')} />
            <TextInput label="Contact" value={contact} onChange={(e) => setContact(e.currentTarget.value)} />
            <TextInput label="Sent on" type="date" value={sentOn} onChange={(e) => setSentOn(e.currentTarget.value)} error={fieldError(error, 'sent_on')} />
          </Group>
          <Textarea label="Reason" withAsterisk autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(error, 'reason')} />
          {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert title="Not saved" error={error} /> : null}
          <Group gap="xs">
            <Button type="submit" loading={busy}>
              Send referral
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ReferralsPanel({ clientId, canWrite }: { clientId: string; canWrite: boolean }) {
  const state = useAsync((signal) => medicationsApi.referrals(clientId, signal), [clientId]);
  const [adding, setAdding] = useState(false);
  const [stepping, setStepping] = useState<string | null>(null);
  const items = state.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Prescriber referrals
        </Title>
        {canWrite && !adding && (
          <Button size="compact-sm" variant="light" onClick={() => setAdding(true)}>
            Refer to a prescriber
          </Button>
        )}
      </Group>
      {adding && (
        <ReferralForm
          clientId={clientId}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            state.reload();
          }}
        />
      )}
      <ErrorAlert title="Could not load the referrals" error={state.error} onRetry={state.reload} />
      {!state.data && !state.error && <Loading label="Loading referrals…" />}
      {state.data && items.length === 0 && <EmptyState title="No referrals">No referral to a prescriber is recorded.</EmptyState>}
      {items.length > 0 && (
        <Stack gap="xs" role="list" aria-label="Prescriber referrals">
          {items.map((r) => (
            <Paper key={r.id} withBorder p="xs" role="listitem" data-testid="referral">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text fw={600} size="sm">
                    {r.provider_name}
                  </Text>
                  <Text size="sm">{r.reason}</Text>
                  <Text size="xs" c="dimmed">
                    Sent {formatDate(r.sent_on)}
                    {r.appointment_on && ` · appointment ${formatDate(r.appointment_on)}`}
                    {r.seen_on && ` · seen ${formatDate(r.seen_on)}`}
                    {r.closed_on && ` · closed ${formatDate(r.closed_on)}`}
                  </Text>
                  {r.outcome && <Text size="sm">Outcome: {r.outcome}</Text>}
                </div>
                <Group gap="xs">
                  <StatusBadge color={r.status === 'closed' || r.status === 'seen' ? 'gray' : 'yellow'}>{REFERRAL_STATUS_LABELS[r.status]}</StatusBadge>
                  {canWrite && r.status !== 'closed' && stepping !== r.id && (
                    <Button size="compact-sm" variant="subtle" onClick={() => setStepping(r.id)} aria-label={`Next step for the referral to ${r.provider_name}`}>
                      Next step…
                    </Button>
                  )}
                </Group>
              </Group>
              {stepping === r.id && (
                <ReferralStep
                  r={r}
                  onDone={() => {
                    setStepping(null);
                    state.reload();
                  }}
                />
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function MedicationsChartSection({ client }: { client: Pick<Client, 'id'> }) {
  const canRead = usePermission('medications.read');
  const canWrite = usePermission('medications.write');
  const state = useAsync((signal) => (canRead ? medicationsApi.list(client.id, signal) : Promise.resolve({ items: [] })), [client.id, canRead]);
  const [adding, setAdding] = useState(false);
  const meds = state.data?.items ?? [];
  if (!canRead) {
    return (
      <ChartSection id="medications" title="Medications">
        <Text size="sm" c="dimmed">
          Your role does not include medications.
        </Text>
      </ChartSection>
    );
  }
  return (
    <ChartSection
      id="medications"
      title="Medications"
      actions={
        canWrite && !adding ? (
          <Button size="compact-sm" onClick={() => setAdding(true)}>
            Add medication
          </Button>
        ) : null
      }
    >
      <Stack gap="md">
        {adding && (
          <MedicationForm
            clientId={client.id}
            onCancel={() => setAdding(false)}
            onSaved={() => {
              setAdding(false);
              state.reload();
            }}
          />
        )}
        <ErrorAlert title="Could not load the medications" error={state.error} onRetry={state.reload} />
        {!state.data && !state.error && <Loading label="Loading medications…" />}
        {state.data && meds.length === 0 && <EmptyState title="No medications">No medication is recorded for this client.</EmptyState>}
        {meds.length > 0 && <MedicationTable meds={meds} canWrite={canWrite} onChanged={state.reload} />}
        <ReferralsPanel clientId={client.id} canWrite={canWrite} />
        <AdherencePanel clientId={client.id} meds={meds.filter((m) => m.active)} canWrite={canWrite} />
      </Stack>
    </ChartSection>
  );
}
