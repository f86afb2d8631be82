// The chart's drug-testing section: where the client stands on the consequences ladder (warning,
// behavioral contract, discharge review) with the events and results behind it, the share of negative
// tests by week, and the timeline of tests with each analyte's result.
import { Alert, Anchor, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ACTION_LABELS, KIND_LABELS, testingApi, type ClientTests, type TestingState } from '../../api/testing';
import type { Client } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { CollectDialog } from './CollectDialog';

const OUTCOME: Record<string, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'gray' },
  negative: { label: 'Negative', color: 'green' },
  positive: { label: 'Unexpected positive', color: 'red' },
  expected_positive: { label: 'Positive, expected', color: 'blue' },
  refused: { label: 'Refused', color: 'red' },
  missed: { label: 'Missed', color: 'red' },
};

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export function PolicyState({ state }: { state: TestingState }) {
  const color = state.step >= 3 ? 'red' : state.step === 2 ? 'orange' : state.step === 1 ? 'yellow' : 'green';
  const current = state.action ? (ACTION_LABELS[state.action] ?? state.action) : 'No step';
  return (
    <Stack gap="xs" data-testid="testing-state">
      <Group gap="xs">
        <Title order={3} size="h4">
          Consequences policy
        </Title>
        <span data-testid="testing-step">
          <StatusBadge color={color}>
          {state.step > 0 ? `Step ${state.step}: ${current}` : 'No warnings'}
        </StatusBadge>
        </span>
      </Group>
      {state.contract && (
        <Alert color="orange" variant="light" title="Behavioral contract">
          From {formatDate(state.contract.since)} to {formatDate(state.contract.until)}, with {state.contract.extra_tests_per_week} extra test(s) a week.
        </Alert>
      )}
      {state.open_review && (
        <Alert color="red" variant="light" role="status" title={`Open review: ${ACTION_LABELS[state.open_review.action] ?? state.open_review.action}`}>
          {KIND_LABELS[state.open_review.kind] ?? state.open_review.kind} on {formatDate(state.open_review.at)} is waiting for a decision.
        </Alert>
      )}
      {state.events.length > 0 && (
        <List aria-label="Policy events" spacing={4} size="sm">
          {state.events.map((e) => (
            <List.Item key={e.id} data-testid="policy-event">
              {formatDate(e.at)}: {KIND_LABELS[e.kind] ?? e.kind} → step {e.step}, {ACTION_LABELS[e.action] ?? e.action}
              {e.status === 'decided' && e.decision ? ` — decided: ${e.decision.replace(/_/g, ' ')} (${e.reason ?? ''}${e.decided_by_name ? `, ${e.decided_by_name}` : ''})` : ''}
              {e.status === 'open' ? ' — open' : ''}
              {e.status === 'withdrawn' ? ' — withdrawn' : ''}
              {e.collection_id && (
                <>
                  {' '}
                  <Anchor component={Link} to={`/testing/collections/${e.collection_id}`} size="sm">
                    evidence
                  </Anchor>
                </>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

export function TestsTimeline({ tests }: { tests: ClientTests }) {
  if (tests.items.length === 0) return <EmptyState title="No drug tests">No test is recorded for this client.</EmptyState>;
  return (
    <Stack gap="sm">
      <Table aria-label="Share negative by week" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Week of</Table.Th>
            <Table.Th>Tests</Table.Th>
            <Table.Th>Negative</Table.Th>
            <Table.Th>Positive</Table.Th>
            <Table.Th>Missed or refused</Table.Th>
            <Table.Th>Share negative</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tests.weeks.map((w) => (
            <Table.Tr key={w.week_of} data-testid="tests-week">
              <Table.Td>{formatDate(w.week_of)}</Table.Td>
              <Table.Td>{w.tests}</Table.Td>
              <Table.Td>{w.negative}</Table.Td>
              <Table.Td>{w.positive}</Table.Td>
              <Table.Td>{w.missed + w.refused}</Table.Td>
              <Table.Td>
                <Text fw={600} size="sm">
                  {pct(w.share_negative)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table aria-label="Drug tests" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Analytes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tests.items.map((item, k) => {
            const c = item.collection;
            const outcome = c ? c.outcome : (item.selected?.status ?? item.type);
            const o = OUTCOME[outcome] ?? { label: outcome, color: 'gray' };
            const notable = (c?.interpretations ?? []).filter((i) => i.status !== 'negative' && i.status !== 'not_confirmed');
            return (
              <Table.Tr key={c?.id ?? `${item.date}-${k}`} data-testid="test-row">
                <Table.Td>{formatDate(item.date)}</Table.Td>
                <Table.Td>
                  <StatusBadge color={o.color}>{o.label}</StatusBadge>
                </Table.Td>
                <Table.Td>
                  {c ? (
                    <Group gap={4}>
                      {notable.length === 0 && (c.interpretations?.length ?? 0) > 0 && <Text size="sm">All negative</Text>}
                      {notable.map((i) => (
                        <StatusBadge key={i.code} color={i.expected ? 'blue' : 'red'}>
                          {i.label}
                          {i.expected ? ' (expected)' : ''}
                        </StatusBadge>
                      ))}
                      <Anchor component={Link} to={`/testing/collections/${c.id}`} size="sm">
                        Details
                      </Anchor>
                    </Group>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

type ChartClient = Pick<Client, 'id'> & { display_name?: string; current_episode?: { program_id: string } | null };

export function TestingChartSection({ client, name = '' }: { client: ChartClient; name?: string }) {
  const canRead = usePermission('testing.read');
  const canWrite = usePermission('testing.write');
  const [collecting, setCollecting] = useState(false);
  const navigate = useNavigate();
  const programId = client.current_episode?.program_id ?? '';
  const state = useAsync((signal) => (canRead ? testingApi.state(client.id, signal) : Promise.resolve(null)), [client.id, canRead]);
  const tests = useAsync((signal) => (canRead ? testingApi.clientTests(client.id, signal) : Promise.resolve(null)), [client.id, canRead]);
  if (!canRead) {
    return (
      <ChartSection id="drug-testing" title="Drug testing">
        <Text size="sm" c="dimmed">
          Your role does not include drug testing.
        </Text>
      </ChartSection>
    );
  }
  return (
    <ChartSection
      id="drug-testing"
      title="Drug testing"
      actions={
        canWrite && programId ? (
          <Button size="compact-sm" onClick={() => setCollecting(true)}>
            Record a collection
          </Button>
        ) : null
      }
    >
      <Stack gap="md">
        {collecting && (
          <CollectDialog
            entry={{ selected_id: '', client_id: client.id, client_name: name || 'this client', program_id: programId, reason: 'for_cause', observed: false, status: 'to_collect', collection_id: null, result_status: null }}
            onClose={() => setCollecting(false)}
            onCollected={(c) => {
              setCollecting(false);
              if (c.refused) {
                state.reload();
                tests.reload();
              } else navigate(`/testing/collections/${c.id}`);
            }}
          />
        )}
        <ErrorAlert title="Could not load the testing state" error={state.error} onRetry={state.reload} />
        {state.data === undefined && !state.error && <Loading label="Loading the testing state…" />}
        {state.data && <PolicyState state={state.data} />}
        <ErrorAlert title="Could not load the tests" error={tests.error} onRetry={tests.reload} />
        {tests.data === undefined && !tests.error && <Loading label="Loading tests…" />}
        {tests.data && <TestsTimeline tests={tests.data} />}
      </Stack>
    </ChartSection>
  );
}
