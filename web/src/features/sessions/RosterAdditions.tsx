import { Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import { occurrencesApi } from '../../api/schedule';
import { ErrorAlert } from '../../components/Feedback';
import { displayName } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useAsync } from '../../lib/useAsync';
import type { RowDraft } from './rollCall';

const KINDS = [
  { value: 'drop_in', label: 'Drop-in' },
  { value: 'make_up', label: 'Make-up' },
] as const;

/**
 * Drop-ins and make-ups for one group occurrence, on the roll-call screen: find a client and add them, or take
 * one added by mistake off again with a reason. Enrolled clients are not listed here; they leave a group by
 * ending their enrollment. `onChanged` reloads the roster without losing what is typed on the screen.
 */
export function RosterAdditions({ occurrenceId, rows, full, onChanged }: { occurrenceId: string; rows: RowDraft[]; full: boolean; onChanged: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const [kind, setKind] = useState<'drop_in' | 'make_up'>('drop_in');
  const [removing, setRemoving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run: act } = useAction();
  const results = useAsync((signal) => (debounced.length >= 2 ? clientsApi.list({ q: debounced, limit: 8 }, signal) : Promise.resolve(null)), [debounced]);
  const onRoster = new Set(rows.map((r) => r.client_id));
  const found = (results.data?.items ?? []).filter((c) => !c.voided && !onRoster.has(c.id));
  const added = rows.filter((r) => r.kind === 'drop_in' || r.kind === 'make_up');
  const field = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);

  const run = (fn: () => Promise<unknown>, done: () => void) =>
    act(fn, async () => {
      done();
      await onChanged();
    });

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="additions-heading">
      <Stack gap="xs">
        <Title order={2} size="h5" id="additions-heading">
          Drop-ins and make-ups
        </Title>
        {added.length > 0 && (
          <List size="sm" spacing={4} listStyleType="none" p={0} aria-label="Added to this group">
            {added.map((r) => (
              <List.Item key={r.client_id}>
                <Group gap="xs" align="flex-end">
                  <Text size="sm">
                    {r.client_name} · {r.kind === 'drop_in' ? 'Drop-in' : 'Make-up'}
                  </Text>
                  {removing !== r.client_id ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${r.client_name} from this group`}
                      onClick={() => {
                        setRemoving(r.client_id);
                        setReason('');
                        setError(null);
                      }}
                    >
                      Remove…
                    </Button>
                  ) : (
                    <>
                      <TextInput label={`Reason for removing ${r.client_name}`} size="xs" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={field('reason')} data-autofocus />
                      <Button size="xs" color="red" loading={busy} onClick={() => void run(() => occurrencesApi.removeFromRoster(occurrenceId, r.client_id, reason.trim()), () => setRemoving(null))}>
                        Remove
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setRemoving(null)}>
                        Cancel
                      </Button>
                    </>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {full ? (
          <Text size="sm" c="dimmed">
            The group is full.
          </Text>
        ) : (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput label="Find a client to add" placeholder="Name, MRN or phone" size="xs" value={text} onChange={(e) => setText(e.currentTarget.value)} w={240} />
            <NativeSelect label="As" size="xs" value={kind} onChange={(e) => setKind(e.currentTarget.value as 'drop_in' | 'make_up')} data={[...KINDS]} />
          </Group>
        )}
        {!full && debounced.length >= 2 && results.data && found.length === 0 && (
          <Text size="sm" c="dimmed">
            No other client matches “{debounced}”.
          </Text>
        )}
        {!full && found.length > 0 && (
          <List size="sm" spacing={4} listStyleType="none" p={0} aria-label="Matching clients">
            {found.map((c) => (
              <List.Item key={c.id}>
                <Button
                  size="compact-sm"
                  variant="light"
                  loading={busy}
                  onClick={() =>
                    void run(
                      () => occurrencesApi.addToRoster(occurrenceId, c.id, kind),
                      () => setText(''),
                    )
                  }
                >
                  Add {displayName(c)} as {kind === 'drop_in' ? 'drop-in' : 'make-up'}
                </Button>
                <Text span size="xs" c="dimmed" ml="xs">
                  {c.mrn}
                  {c.track_name ? ` · ${c.track_name}` : ''}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        <ErrorAlert error={error} title="Not changed" otherFields={error instanceof ApiError ? error.fields.filter((f) => f.field !== 'reason') : []} />
      </Stack>
    </Paper>
  );
}
