import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { plansApi, type PlanDue } from '../../api/plans';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

/** Overdue first (the longest overdue at the top), then by due date. */
export function sortDue(items: PlanDue[]): PlanDue[] {
  return [...items].sort((a, b) => (a.overdue === b.overdue ? a.due_on.localeCompare(b.due_on) : a.overdue ? -1 : 1));
}

function target(d: PlanDue): string {
  const client = `/clients/${encodeURIComponent(d.client_id)}`;
  if (!d.plan_id) return `${client}#treatment-plan`;
  const plan = `${client}/plans/${encodeURIComponent(d.plan_id)}`;
  return d.kind === 'review' ? `${plan}/review` : plan;
}

/**
 * Initial plans and reviews due within the window, for the user's scope (a counselor's caseload, a
 * director's whole program): the dashboard card.
 */
export function PlansDueCard({ withinDays = 14 }: { withinDays?: number }) {
  const state = useAsync((signal) => plansApi.due(withinDays, signal), [withinDays]);
  const items = sortDue(state.data?.items ?? []);
  const overdue = items.filter((d) => d.overdue).length;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plans-due-heading">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id="plans-due-heading">
            Plans due
          </Title>
          <Text size="sm" c="dimmed">
            Initial treatment plans and plan reviews due in the next {withinDays} days
            {state.data && overdue > 0 ? ` · ${overdue} overdue` : ''}
          </Text>
        </div>
        <ErrorAlert title="Could not load the plans due" error={state.error} onRetry={state.reload} />
        {!state.data && !state.error && <Loading label="Loading plans due…" />}
        {state.data && items.length === 0 && <EmptyState title="Nothing due">No initial plan or review is due in the next {withinDays} days.</EmptyState>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" aria-label="Plans due" data-testid="plans-due">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Client</Table.Th>
                  <Table.Th scope="col">What</Table.Th>
                  <Table.Th scope="col">Due</Table.Th>
                  <Table.Th scope="col">Counselor</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={`${d.client_id}-${d.kind}-${d.plan_id ?? ''}`} data-overdue={d.overdue}>
                    <Table.Td>
                      <Anchor component={Link} to={target(d)}>
                        {d.client_name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{d.kind === 'initial' ? 'Initial plan' : 'Plan review'}</Table.Td>
                    <Table.Td>
                      {d.overdue ? (
                        <StatusBadge color="red">Overdue since {formatDate(d.due_on)}</StatusBadge>
                      ) : (
                        formatDate(d.due_on)
                      )}
                    </Table.Td>
                    <Table.Td>{d.counselor_name || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
