import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import {
  AMENDMENT_RECORD_TYPES,
  DENIAL_BASES,
  amendmentsApi,
  type Amendment,
  type AmendmentDraft,
  type AmendmentRecordType,
} from '../../api/amendments';
import type { Client } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate, formatInstant, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';

function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}

/** Runs an async action with busy and error state, for the small forms below. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>, onDone: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function StatusBadge({ a }: { a: Amendment }) {
  if (a.status === 'accepted') return <Badge color="green">Accepted</Badge>;
  if (a.status === 'denied') return <Badge color="gray">Denied</Badge>;
  return a.overdue ? <Badge color="red">Overdue since {formatDate(a.due_on)}</Badge> : <Badge color="yellow">Answer due {formatDate(a.due_on)}</Badge>;
}

function NewRequestForm({ clientId, onSaved, onCancel }: { clientId: string; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<AmendmentDraft>({ record_type: 'client', record_description: '', requested_change: '', received_on: todayIso() });
  const { busy, error, run } = useAction();
  const set = (patch: Partial<AmendmentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <Paper withBorder p="sm">
      <form
        aria-label="Record an amendment request"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => amendmentsApi.create(clientId, { ...draft, client_reason: draft.client_reason || undefined }), onSaved);
        }}
      >
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Select
              label="Part of the record"
              data={AMENDMENT_RECORD_TYPES}
              value={draft.record_type}
              onChange={(v) => set({ record_type: (v ?? 'other') as AmendmentRecordType })}
              allowDeselect={false}
              error={fieldError(error, 'record_type')}
            />
            <TextInput
              label="Received on"
              type="date"
              value={draft.received_on ?? ''}
              onChange={(e) => set({ received_on: e.currentTarget.value })}
              error={fieldError(error, 'received_on')}
            />
          </Group>
          <TextInput
            label="Which entry"
            description="For example: assessment of 2 November, substance history"
            withAsterisk
            value={draft.record_description}
            onChange={(e) => set({ record_description: e.currentTarget.value })}
            error={fieldError(error, 'record_description')}
          />
          <Textarea
            label="What the client asks to change"
            withAsterisk
            autosize
            minRows={2}
            value={draft.requested_change}
            onChange={(e) => set({ requested_change: e.currentTarget.value })}
            error={fieldError(error, 'requested_change')}
          />
          <Textarea
            label="The client's reason (optional)"
            autosize
            minRows={1}
            value={draft.client_reason ?? ''}
            onChange={(e) => set({ client_reason: e.currentTarget.value })}
          />
          {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert error={error} /> : null}
          <Group gap="xs">
            <Button type="submit" loading={busy}>
              Record request
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

type Panel = 'accept' | 'deny' | 'extend' | 'disagree' | null;

function RequestActions({ a, onChanged }: { a: Amendment; onChanged: () => void }) {
  const [panel, setPanel] = useState<Panel>(null);
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const { busy, error, run } = useAction();
  const open = (p: Panel, initial = '') => {
    setPanel(p);
    setText(initial);
    setDate('');
  };
  const done = () => {
    setPanel(null);
    onChanged();
  };
  if (!panel) {
    return (
      <Group gap="xs">
        {a.status === 'pending' && (
          <>
            <Button size="xs" onClick={() => open('accept')}>
              Accept…
            </Button>
            <Button size="xs" variant="default" onClick={() => open('deny', DENIAL_BASES[3])}>
              Deny…
            </Button>
            {!a.extended_to && (
              <Button size="xs" variant="subtle" onClick={() => open('extend')}>
                Extend 30 days…
              </Button>
            )}
          </>
        )}
        {a.status === 'denied' && !a.disagreement && (
          <Button size="xs" variant="default" onClick={() => open('disagree')}>
            Add the client's statement of disagreement…
          </Button>
        )}
      </Group>
    );
  }
  const submit = () => {
    if (panel === 'accept') return run(() => amendmentsApi.decide(a.id, { decision: 'accepted', amendment_text: text.trim() }, a.version), done);
    if (panel === 'deny') return run(() => amendmentsApi.decide(a.id, { decision: 'denied', denial_reason: text.trim() }, a.version), done);
    if (panel === 'extend') return run(() => amendmentsApi.extend(a.id, date, text.trim(), a.version), done);
    return run(() => amendmentsApi.disagree(a.id, text.trim(), a.version), done);
  };
  const labels: Record<Exclude<Panel, null>, [string, string, string]> = {
    accept: ['The correction to append', 'amendment_text', 'Accept and append'],
    deny: ['Why it is denied (the client is told this)', 'denial_reason', 'Deny'],
    extend: ['Why the answer is delayed', 'reason', 'Extend'],
    disagree: ["The client's statement", 'statement', 'Append statement'],
  };
  const [label, field, action] = labels[panel];
  return (
    <form
      aria-label={action}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        {panel === 'deny' && (
          <Select label="Basis" data={DENIAL_BASES} value={DENIAL_BASES.includes(text) ? text : null} onChange={(v) => setText(v ?? '')} />
        )}
        {panel === 'extend' && (
          <TextInput label="New due date" type="date" withAsterisk value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fieldError(error, 'extended_to')} />
        )}
        <Textarea label={label} withAsterisk autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fieldError(error, field)} />
        {panel === 'accept' && (
          <Text size="xs" c="dimmed">
            The original entry is kept as it is; the correction is shown with it.
          </Text>
        )}
        {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert error={error} /> : null}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>
            {action}
          </Button>
          <Button size="xs" variant="default" onClick={() => setPanel(null)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RequestCard({ a, canWrite, onChanged }: { a: Amendment; canWrite: boolean; onChanged: () => void }) {
  const type = AMENDMENT_RECORD_TYPES.find((t) => t.value === a.record_type)?.label ?? a.record_type;
  return (
    <Paper withBorder p="sm" data-testid="amendment">
      <Stack gap={6}>
        <Group justify="space-between" align="baseline">
          <Text fw={600}>
            {type}: {a.record_description}
          </Text>
          <StatusBadge a={a} />
        </Group>
        <Text size="sm">
          <b>Asked to change:</b> {a.requested_change}
        </Text>
        {a.client_reason && (
          <Text size="sm" c="dimmed">
            Reason: {a.client_reason}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Received {formatDate(a.received_on)}
          {a.extended_to ? ` · extended to ${formatDate(a.extended_to)}: ${a.extension_reason}` : ''}
          {a.decided_at ? ` · ${a.status} by ${a.decided_by_name} ${formatInstant(a.decided_at)}` : ''}
        </Text>
        {a.amendment_text && (
          <Text size="sm">
            <b>Correction appended:</b> {a.amendment_text}
          </Text>
        )}
        {a.denial_reason && (
          <Text size="sm">
            <b>Denied:</b> {a.denial_reason}
          </Text>
        )}
        {a.disagreement && (
          <Text size="sm">
            <b>Client's statement of disagreement:</b> {a.disagreement}
          </Text>
        )}
        {canWrite && <RequestActions a={a} onChanged={onChanged} />}
      </Stack>
    </Paper>
  );
}

/** The chart's amendment requests: the client's asks to correct their record, each answered within 60 days. */
export function AmendmentsSection({ client }: { client: Client }) {
  const canRead = usePermission('amendments.read');
  const canWrite = usePermission('amendments.write');
  const state = useAsync((signal) => (canRead ? amendmentsApi.list(client.id, signal) : Promise.resolve(null)), [client.id, canRead]);
  const [adding, setAdding] = useState(false);
  if (!canRead) return null;
  const items = state.data?.items ?? [];
  return (
    <ChartSection
      id="amendments"
      title="Amendment requests"
      actions={
        canWrite && !adding ? (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            Record a request
          </Button>
        ) : null
      }
    >
      <Stack gap="sm">
        {adding && (
          <NewRequestForm
            clientId={client.id}
            onCancel={() => setAdding(false)}
            onSaved={() => {
              setAdding(false);
              state.reload();
            }}
          />
        )}
        {state.error ? <ErrorAlert error={state.error} onRetry={state.reload} /> : null}
        {!state.data && !state.error ? <Loading label="Loading amendment requests…" /> : null}
        {state.data && items.length === 0 && !adding ? (
          <EmptyState title="No amendment requests">A client may ask to correct their record; the program answers within 60 days.</EmptyState>
        ) : null}
        {items.map((a) => (
          <RequestCard key={a.id} a={a} canWrite={canWrite} onChanged={state.reload} />
        ))}
      </Stack>
    </ChartSection>
  );
}
