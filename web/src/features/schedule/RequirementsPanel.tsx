import { ActionIcon, Button, Group, List, NativeSelect, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { staffApi } from '../../api/endpoints';
import { requirementsApi, type SessionRequirement, type SessionRequirementDraft } from '../../api/schedule';
import { ErrorAlert } from '../../components/Feedback';
import { useAction } from '../../lib/useAction';
import { useAsync } from '../../lib/useAsync';
import { staffDisplayName } from '../program/StaffList';

const KIND = { individual: 'Individual', family: 'Family' } as const;
const EMPTY: SessionRequirementDraft = { kind: 'individual', minutes: 50, count: 1, per: 'week', staff_id: null };

function describe(r: SessionRequirement, staffName: (id: string | null) => string): string {
  const who = r.staff_id ? ` with ${staffName(r.staff_id)}` : '';
  return `${KIND[r.kind]} session, ${r.minutes} min, ${r.count}× per ${r.per}${who}`;
}

/**
 * Extra sessions for the optimizer to place beyond the treatment plan's frequencies (e.g. a weekly family session
 * the plan does not list yet): the live ones with Remove (a reason), and a short form to add one.
 */
export function RequirementsPanel({ clientId, canWrite }: { clientId: string; canWrite: boolean }) {
  const list = useAsync((signal) => requirementsApi.list(clientId, signal), [clientId]);
  const staff = useAsync((signal) => staffApi.list({ limit: 200 }, signal), []);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState<SessionRequirementDraft>(EMPTY);
  const [removing, setRemoving] = useState<SessionRequirement | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run: act } = useAction();
  const field = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const staffName = (id: string | null) => {
    const s = (staff.data?.items ?? []).find((x) => x.id === id);
    return s ? staffDisplayName(s) : 'the assigned clinician';
  };
  const run = (fn: () => Promise<unknown>, done: () => void) =>
    act(fn, () => {
      done();
      list.reload();
    });
  const items = list.data?.items ?? [];

  return (
    <Stack gap="xs" data-testid="requirements">
      <Title order={3} size="h5">
        Extra sessions to schedule
      </Title>
      <Text size="xs" c="dimmed">
        Beyond the treatment plan’s frequencies; the optimizer places these too.
      </Text>
      {list.error ? <ErrorAlert title="Could not load the extra sessions" error={list.error} onRetry={list.reload} /> : null}
      {list.data && items.length === 0 && <Text size="sm">None.</Text>}
      {items.length > 0 && (
        <List size="sm" spacing={4} listStyleType="none" p={0} aria-label="Extra sessions">
          {items.map((r) => (
            <List.Item key={r.id}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{describe(r, staffName)}</Text>
                {canWrite && removing?.id !== r.id && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={`Remove: ${describe(r, staffName)}`}
                    onClick={() => {
                      setRemoving(r);
                      setReason('');
                      setError(null);
                    }}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
              {removing?.id === r.id && (
                <Group gap="xs" align="flex-end" mt={4}>
                  <TextInput label="Reason for removing" size="xs" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={field('reason')} data-autofocus />
                  <Button size="xs" color="red" loading={busy} onClick={() => void run(() => requirementsApi.void(r.id, reason.trim(), r.version), () => setRemoving(null))}>
                    Remove
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setRemoving(null)}>
                    Cancel
                  </Button>
                </Group>
              )}
            </List.Item>
          ))}
        </List>
      )}
      <ErrorAlert error={error} title="Not saved" otherFields={error instanceof ApiError ? error.fields.filter((f) => !['kind', 'minutes', 'count', 'per', 'staff_id', 'reason'].includes(f.field)) : []} />
      {canWrite && !adding && (
        <Group>
          <Button size="xs" variant="default" onClick={() => setAdding(true)}>
            Add extra session…
          </Button>
        </Group>
      )}
      {canWrite && adding && (
        <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label="New extra session">
          <NativeSelect
            label="Kind"
            size="xs"
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as SessionRequirementDraft['kind'] })}
            data={[
              { value: 'individual', label: 'Individual' },
              { value: 'family', label: 'Family' },
            ]}
            error={field('kind')}
          />
          <NumberInput label="Minutes" size="xs" w={90} min={15} max={240} step={5} value={draft.minutes} onChange={(v) => setDraft({ ...draft, minutes: Number(v) || 0 })} error={field('minutes')} />
          <NumberInput label="How many" size="xs" w={90} min={1} max={7} value={draft.count} onChange={(v) => setDraft({ ...draft, count: Number(v) || 0 })} error={field('count')} />
          <NativeSelect
            label="Per"
            size="xs"
            value={draft.per}
            onChange={(e) => setDraft({ ...draft, per: e.currentTarget.value as SessionRequirementDraft['per'] })}
            data={[
              { value: 'week', label: 'week' },
              { value: 'month', label: 'month' },
            ]}
            error={field('per')}
          />
          <NativeSelect
            label="Clinician"
            size="xs"
            value={draft.staff_id ?? ''}
            onChange={(e) => setDraft({ ...draft, staff_id: e.currentTarget.value || null })}
            data={[{ value: '', label: 'The counselor' }, ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: staffDisplayName(s) }))]}
            error={field('staff_id')}
          />
          <Button
            size="xs"
            loading={busy}
            onClick={() =>
              void run(
                () => requirementsApi.create(clientId, draft),
                () => {
                  setAdding(false);
                  setDraft(EMPTY);
                },
              )
            }
          >
            Add
          </Button>
          <Button size="xs" variant="default" onClick={() => setAdding(false)}>
            Cancel
          </Button>
        </Group>
      )}
    </Stack>
  );
}
