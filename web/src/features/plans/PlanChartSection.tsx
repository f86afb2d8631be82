import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { plansApi, type Plan } from '../../api/plans';
import type { Client } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatInstant, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { STATUS_COLORS, STATUS_LABELS } from './planDraft';

const IN_PROGRAM = new Set(['orientation', 'treatment', 'aftercare']);

/** "Due Dec 3, 2026" or, once past, "Overdue since Dec 3, 2026" in red. */
export function DueText({ label, due }: { label: string; due: string | null | undefined }) {
  if (!due) return null;
  const overdue = due < todayIso();
  return (
    <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 600 : undefined} data-testid="plan-due" data-overdue={overdue}>
      {label} {overdue ? `overdue since ${formatDate(due)}` : `due ${formatDate(due)}`}
    </Text>
  );
}

function PlanSummary({ plan, clientId }: { plan: Plan; clientId: string }) {
  const versions = [...(plan.versions ?? [])].sort((a, b) => b.no - a.no);
  const current = versions.find((v) => v.no === plan.current_version_no) ?? versions[0];
  const active = plan.active_version_no;
  const base = `/clients/${encodeURIComponent(clientId)}/plans/${encodeURIComponent(plan.id)}`;
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <Anchor component={Link} to={base} fw={600}>
          {active !== null ? `Treatment plan, version ${active} active` : 'Treatment plan (not yet active)'}
        </Anchor>
        {current && <StatusBadge color={STATUS_COLORS[current.status]}>{`Version ${current.no}: ${STATUS_LABELS[current.status] ?? current.status}`}</StatusBadge>}
      </Group>
      {active === null ? <DueText label="Initial plan" due={plan.initial_due} /> : <DueText label="Next review" due={plan.next_review_due} />}
      <Table verticalSpacing={4} fz="sm" aria-label="Treatment plan versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.no}>
              <Table.Td>
                <Anchor component={Link} to={`${base}?version=${v.no}`} size="sm">
                  Version {v.no}
                </Anchor>
              </Table.Td>
              <Table.Td>{STATUS_LABELS[v.status] ?? v.status}</Table.Td>
              <Table.Td>{v.reason || (v.no === 1 ? 'Initial plan' : '—')}</Table.Td>
              <Table.Td>
                {formatInstant(v.created_at)}
                {v.created_by_name ? ` · ${v.created_by_name}` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The chart's treatment-plan section: the plan's status, the next review (or initial plan) due, its versions. */
export function PlanChartSection({ client }: { client: Client }) {
  const navigate = useNavigate();
  const canRead = usePermission('plans.read');
  const canWrite = usePermission('plans.write');
  const state = useAsync((signal) => (canRead ? plansApi.forClient(client.id, signal) : Promise.resolve(null)), [client.id, canRead]);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);

  if (!canRead) {
    return (
      <ChartSection id="treatment-plan" title="Treatment plan">
        <Text size="sm" c="dimmed">
          Your role does not include reading treatment plans.
        </Text>
      </ChartSection>
    );
  }
  const plans = state.data?.items ?? [];
  const ep = client.current_episode;
  const current = plans.find((p) => !ep || p.episode_id === ep.id || p.episode_id === null) ?? null;
  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const p = await plansApi.create(client.id);
      navigate(`/clients/${client.id}/plans/${p.id}`);
    } catch (e) {
      setStartError(e);
      setStarting(false);
    }
  };
  const canStart = canWrite && state.data && !current && ep && IN_PROGRAM.has(ep.stage);
  const actions = canStart ? (
    <Button size="xs" onClick={() => void start()} loading={starting}>
      Start treatment plan
    </Button>
  ) : null;

  return (
    <ChartSection id="treatment-plan" title="Treatment plan" actions={actions}>
      <Stack gap="sm">
        <ErrorAlert title="Could not start the plan" error={startError} />
        {state.error ? <ErrorAlert title="Could not load treatment plans" error={state.error} onRetry={state.reload} /> : null}
        {!state.data && !state.error && <Loading label="Loading treatment plans…" />}
        {state.data && !current && (
          <EmptyState title="No treatment plan">
            {ep && IN_PROGRAM.has(ep.stage)
              ? 'Start the plan with the client: problems come from the assessment; goals are in the client’s words.'
              : 'A plan is written once the client is admitted (orientation or treatment).'}
          </EmptyState>
        )}
        {current && <PlanSummary plan={current} clientId={client.id} />}
        {plans.filter((p) => p !== current).length > 0 && (
          <Text size="sm" c="dimmed">
            Earlier episodes’ plans:{' '}
            {plans
              .filter((p) => p !== current)
              .map((p, i) => (
                <Anchor key={p.id} component={Link} to={`/clients/${client.id}/plans/${p.id}`} size="sm">
                  {i > 0 ? ', ' : ''}plan {i + 1}
                </Anchor>
              ))}
          </Text>
        )}
      </Stack>
    </ChartSection>
  );
}
