// The review queue: every open step of the consequences ladder (warning, behavioral contract, discharge
// review) with the results that triggered it, and the decision with its reason. A discharge review is
// decided only by someone holding testing.decide (the director); others see who must decide.
import { Anchor, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { ACTION_LABELS, KIND_LABELS, decisionsFor, testingApi, type TestingEvent } from '../../api/testing';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { fieldError, useAction } from '../medications/useAction';

function DecideForm({ e, onDone }: { e: TestingEvent; onDone: () => void }) {
  const options = decisionsFor(e.action);
  const [decision, setDecision] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  return (
    <form
      aria-label={`Decide the review for ${e.client_name ?? 'the client'}`}
      onSubmit={(ev) => {
        ev.preventDefault();
        void run(() => testingApi.decide(e.id, decision ?? '', reason, e.version), onDone);
      }}
    >
      <Stack gap="xs">
        <Select
          label="Decision"
          data={options}
          value={decision}
          onChange={setDecision}
          placeholder="Choose"
          error={fieldError(error, 'decision')}
        />
        <Textarea
          label="Reason"
          description="Recorded with the decision and audited"
          autosize
          minRows={2}
          value={reason}
          onChange={(x) => setReason(x.currentTarget.value)}
          error={fieldError(error, 'reason')}
        />
        {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert title="Not saved" error={error} /> : null}
        <Group>
          <Button type="submit" loading={busy} color={decision === 'discharge' ? 'red.9' : undefined}>
            Record decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReviewItem({ e, onDecided }: { e: TestingEvent; onDecided: () => void }) {
  const canDecide = usePermission('testing.decide');
  const needsDirector = e.action === 'discharge_review' || e.needs_permission === 'testing.decide';
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder p="md" role="listitem" data-testid="review-item">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Anchor component={Link} to={`/clients/${e.client_id}#drug-testing`} fw={700}>
              {e.client_name ?? 'Client'}
            </Anchor>
            <Text size="sm">
              {KIND_LABELS[e.kind] ?? e.kind} on {formatDate(e.at)} → step {e.step}
            </Text>
          </div>
          <StatusBadge color={e.action === 'discharge_review' ? 'red' : e.action === 'behavioral_contract' ? 'orange' : 'yellow'}>
            {ACTION_LABELS[e.action] ?? e.action}
          </StatusBadge>
        </Group>
        {e.collection_id && (
          <Anchor component={Link} to={`/testing/collections/${e.collection_id}`} size="sm">
            The result that triggered it
          </Anchor>
        )}
        {needsDirector && !canDecide ? (
          <Text size="sm" c="dimmed">
            The program director decides a discharge review.
          </Text>
        ) : open ? (
          <DecideForm e={e} onDone={onDecided} />
        ) : (
          <Group>
            <Button variant="light" onClick={() => setOpen(true)}>
              Decide…
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function ReviewQueuePage() {
  usePageTitle('Testing review queue');
  const state = useAsync((signal) => testingApi.reviewQueue(signal), []);
  const items = state.data?.items ?? [];
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to="/testing" size="sm">
        ← Testing board
      </Anchor>
      <Title order={1}>Testing review queue</Title>
      <ErrorAlert title="Could not load the review queue" error={state.error} onRetry={state.reload} />
      {!state.data && !state.error && <Loading label="Loading reviews…" />}
      {state.data && items.length === 0 && <EmptyState title="Nothing to review">No step of the consequences policy is waiting for a decision.</EmptyState>}
      {items.length > 0 && (
        <Stack gap="sm" role="list" aria-label="Reviews waiting for a decision">
          {items.map((e) => (
            <ReviewItem key={e.id} e={e} onDecided={state.reload} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
