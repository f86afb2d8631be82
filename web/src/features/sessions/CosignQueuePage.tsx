import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { notesApi } from '../../api/sessions';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { noteLink } from './MyDayPage';

const KIND: Record<string, string> = { individual: 'Individual', family: 'Family', group: 'Group' };

/** The co-sign queue (/notes/cosign): notes signed by unlicensed or trainee staff, oldest first; each opens to co-sign. */
export function CosignQueuePage() {
  const state = useAsync((signal) => notesApi.cosignQueue(signal), []);
  usePageTitle('Co-sign queue');
  const items = [...(state.data?.items ?? [])].sort((a, b) => (a.signed_at ?? '').localeCompare(b.signed_at ?? ''));
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={1}>Co-sign queue</Title>
        <Text size="sm" c="dimmed">
          Notes by staff without a licensed credential wait here for a supervisor's co-signature.
        </Text>
      </div>
      <ErrorAlert title="Could not load the queue" error={state.error} onRetry={state.reload} />
      {!state.data && !state.error && <Loading label="Loading the co-sign queue…" />}
      {state.data && items.length === 0 && <EmptyState title="Nothing to co-sign">Notes waiting for your co-signature show here.</EmptyState>}
      {items.length > 0 && (
        <Paper withBorder p="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Notes to co-sign">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Client</Table.Th>
                  <Table.Th scope="col">Session</Table.Th>
                  <Table.Th scope="col">Author</Table.Th>
                  <Table.Th scope="col">Signed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((n) => (
                  <Table.Tr key={n.id} data-testid="cosign-row">
                    <Table.Td>
                      <Anchor component={Link} to={noteLink(n)}>
                        {n.client_name || n.title || 'Group session'}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {n.title || KIND[n.kind ?? ''] || n.kind} {n.session_date || n.date ? `· ${formatDate(n.session_date || n.date)}` : ''}
                    </Table.Td>
                    <Table.Td>{n.author_name ?? '—'}</Table.Td>
                    <Table.Td>{formatInstant(n.signed_at)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
