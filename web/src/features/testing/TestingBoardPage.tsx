// The testing board for one day: who is selected (and why), collected, pending results and needing review.
// Built for a tablet at the collection desk: one big button per client, a short collection form, then the
// result entry. Staff may run the day's selection (recorded, idempotent) and close the day (uncollected →
// missed).
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { testingApi, type BoardEntry, type BoardStatus } from '../../api/testing';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatInstant, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { CollectDialog } from './CollectDialog';
import { useAction } from '../medications/useAction';
import { ACTION_LABELS, KIND_LABELS } from '../../api/testing';

const STATUS: Record<BoardStatus, { label: string; color: string }> = {
  to_collect: { label: 'To collect', color: 'yellow' },
  collected: { label: 'Collected', color: 'green' },
  missed: { label: 'Missed', color: 'red' },
  refused: { label: 'Refused', color: 'red' },
};

const REASON: Record<string, string> = { random: 'Random', schedule: 'Scheduled', contract: 'Contract' };

const RESULT: Record<string, string> = {
  pending: 'Result pending',
  negative: 'Negative',
  positive: 'Unexpected positive',
  expected_positive: 'Positive, expected from medication',
  refused: 'Refused',
};

function Entry({ e, canWrite, onCollect }: { e: BoardEntry; canWrite: boolean; onCollect: (e: BoardEntry) => void }) {
  const s = STATUS[e.status] ?? { label: e.status, color: 'gray' };
  return (
    <Paper withBorder p="md" data-testid="board-entry" role="listitem" aria-label={e.client_name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Anchor component={Link} to={`/clients/${e.client_id}#drug-testing`} fw={700} size="lg">
            {e.client_name}
          </Anchor>
          <StatusBadge color={s.color}>
            {s.label}
          </StatusBadge>
        </Group>
        <Group gap="xs">
          <StatusBadge color="gray">
            {REASON[e.reason] ?? e.reason}
          </StatusBadge>
          {e.observed && (
            <StatusBadge color="orange">
              Observed collection
            </StatusBadge>
          )}
          {e.result_status && <Text size="sm">{RESULT[e.result_status] ?? e.result_status}</Text>}
        </Group>
        {canWrite && e.status === 'to_collect' && (
          <Button size="lg" fullWidth onClick={() => onCollect(e)} aria-label={`Collect from ${e.client_name}`}>
            Collect
          </Button>
        )}
        {e.collection_id && (
          <Button component={Link} to={`/testing/collections/${e.collection_id}`} variant="light" size="md" fullWidth aria-label={`Result for ${e.client_name}`}>
            {e.result_status === 'pending' ? 'Enter result' : 'View result'}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

export function TestingBoardPage() {
  usePageTitle('Testing board');
  const [date, setDate] = useState(todayIso());
  const board = useAsync((signal) => testingApi.board(date, signal), [date]);
  const canWrite = usePermission('testing.write');
  const canReview = usePermission('testing.review');
  const [collecting, setCollecting] = useState<BoardEntry | null>(null);
  const navigate = useNavigate();
  const closing = useAction();
  const [closedNote, setClosedNote] = useState<string | null>(null);
  const b = board.data;
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Testing board</Title>
        <Group align="flex-end">
          <TextInput label="Day" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value || todayIso())} />
          <Button component={Link} to="/testing/import" variant="default">
            Import lab results
          </Button>
          {canReview && (
            <Button component={Link} to="/testing/review" variant="default">
              Review queue
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert title="Could not load the board" error={board.error} onRetry={board.reload} />
      {!b && !board.error && <Loading label="Loading the board…" />}
      {b && (
        <>
          <section aria-labelledby="selected-heading">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h3" id="selected-heading">
                Selected today ({b.selected.length})
              </Title>
              {canWrite && b.selected.some((e) => e.status === 'to_collect') && (
                <Button
                  variant="outline"
                  color="red.9"
                  loading={closing.busy}
                  onClick={() =>
                    void closing.run(() => testingApi.closeDay(date), (r) => {
                      setClosedNote(`${r.missed} not collected: recorded as missed.`);
                      board.reload();
                    })
                  }
                >
                  Close the day
                </Button>
              )}
            </Group>
            <ErrorAlert title="Could not close the day" error={closing.error} />
            {closedNote && (
              <Text role="status" size="sm">
                {closedNote}
              </Text>
            )}
            {b.selected.length === 0 ? (
              <EmptyState title="Nobody is selected for this day">The day's selection runs when the program's policy says so.</EmptyState>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} role="list" aria-label="Selected for testing">
                {b.selected.map((e) => (
                  <Entry key={e.selected_id} e={e} canWrite={canWrite} onCollect={setCollecting} />
                ))}
              </SimpleGrid>
            )}
          </section>
          <section aria-labelledby="pending-heading">
            <Title order={2} size="h3" id="pending-heading" mb="xs">
              Pending results ({b.pending_results.length})
            </Title>
            {b.pending_results.length === 0 ? (
              <Text size="sm" c="dimmed">
                No collection is waiting for a result.
              </Text>
            ) : (
              <Stack gap="xs" role="list" aria-label="Pending results">
                {b.pending_results.map((p) => (
                  <Paper key={p.collection_id} withBorder p="xs" role="listitem">
                    <Group justify="space-between">
                      <Text size="sm">
                        <strong>{p.client_name}</strong> · collected {formatInstant(p.collected_at)} · {p.panel_code}
                        {p.lab ? ` · ${p.lab}` : ''}
                      </Text>
                      <Button component={Link} to={`/testing/collections/${p.collection_id}`} size="compact-md" variant="light">
                        Enter result
                      </Button>
                    </Group>
                  </Paper>
                ))}
              </Stack>
            )}
          </section>
          <section aria-labelledby="review-heading">
            <Title order={2} size="h3" id="review-heading" mb="xs">
              Needs review ({b.needs_review.length})
            </Title>
            {b.needs_review.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing waits for a review.
              </Text>
            ) : (
              <Stack gap="xs" role="list" aria-label="Needs review">
                {b.needs_review.map((r) => (
                  <Paper key={r.id} withBorder p="xs" role="listitem">
                    <Text size="sm">
                      <strong>{r.client_name}</strong>: {KIND_LABELS[r.kind] ?? r.kind} → step {r.step}, {ACTION_LABELS[r.action] ?? r.action}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            )}
          </section>
        </>
      )}
      {collecting && (
        <CollectDialog
          entry={collecting}
          onClose={() => setCollecting(null)}
          onCollected={(c) => {
            setCollecting(null);
            board.reload();
            if (!c.refused) navigate(`/testing/collections/${c.id}`);
          }}
        />
      )}
    </Stack>
  );
}
