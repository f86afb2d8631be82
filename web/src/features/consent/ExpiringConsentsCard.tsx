// The dashboard card: consents in the user's scope (a counselor: their caseload) that end within the
// warning window, soonest first, each linking to the client's chart.
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { consentsApi } from '../../api/consents';
import { Card } from '../../components/Card';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { daysLeftText, expiryText, recipientText } from './ConsentSummary';

export const EXPIRY_WINDOW_DAYS = 30;

export function ExpiringConsentsCard({ withinDays = EXPIRY_WINDOW_DAYS }: { withinDays?: number }) {
  const canRead = usePermission('consents.read');
  const state = useAsync((signal) => (canRead ? consentsApi.expiring(withinDays, signal) : Promise.resolve({ items: [] })), [withinDays, canRead]);
  if (!canRead) return null;
  const items = [...(state.data?.items ?? [])].sort((a, b) => (a.days_to_expiry ?? 0) - (b.days_to_expiry ?? 0));
  return (
    <Card id="expiring-consents" title="Consents ending soon">
      {state.error ? <ErrorAlert title="Could not load consents" error={state.error} onRetry={state.reload} /> : null}
      {!state.data && !state.error && <Loading label="Loading consents…" />}
      {state.data && items.length === 0 && <EmptyState title={`No consents end in the next ${withinDays} days`} />}
      {items.length > 0 && (
        <Table verticalSpacing="xs" aria-label="Consents ending soon">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Client</Table.Th>
              <Table.Th scope="col">Shared with</Table.Th>
              <Table.Th scope="col">Ends</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${c.client_id}#consents`}>
                    {c.client_name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{recipientText(c)}</Table.Td>
                <Table.Td>
                  {expiryText(c)}{' '}
                  <Text span size="sm" fw={600}>
                    ({daysLeftText(c)})
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
