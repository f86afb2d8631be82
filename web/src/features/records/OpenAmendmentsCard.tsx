// The dashboard card: clients' amendment requests still waiting for an answer (in the user's scope),
// soonest due first, overdue ones marked, each linking to the chart's amendment section.
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { amendmentsApi } from '../../api/amendments';
import { Card } from '../../components/Card';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';

export function OpenAmendmentsCard() {
  const canRead = usePermission('amendments.read');
  const state = useAsync((signal) => (canRead ? amendmentsApi.open(signal) : Promise.resolve({ items: [] })), [canRead]);
  if (!canRead) return null;
  const items = state.data?.items ?? [];
  return (
    <Card id="open-amendments" title="Amendment requests to answer">
      {state.error ? <ErrorAlert title="Could not load amendment requests" error={state.error} onRetry={state.reload} /> : null}
      {!state.data && !state.error && <Loading label="Loading amendment requests…" />}
      {state.data && items.length === 0 && <EmptyState title="No amendment requests are waiting" />}
      {items.length > 0 && (
        <Table verticalSpacing="xs" aria-label="Amendment requests to answer">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Client</Table.Th>
              <Table.Th scope="col">Entry</Table.Th>
              <Table.Th scope="col">Answer due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${a.client_id}#amendments`}>
                    {a.client_name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.record_description}</Table.Td>
                <Table.Td>
                  {formatDate(a.due_on)}
                  {a.overdue && (
                    <Text span size="sm" c="red.8" fw={600}>
                      {' '}
                      (overdue)
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
