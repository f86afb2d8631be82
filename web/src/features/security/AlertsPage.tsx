import { Button, Checkbox, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { alertsApi } from '../../api/endpoints';
import type { PrivacyAlert } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useRowAction } from '../../lib/useRowAction';
import { StatusBadge } from '../../components/StatusBadge';

const KIND_LABELS: Record<string, string> = { emergency_access: 'Emergency access' };

/** Privacy alerts (emergency access so far), newest first; the privacy officer acknowledges each. */
export function AlertsPage() {
  usePageTitle('Privacy alerts');
  const state = useAsync((signal) => alertsApi.list(signal), []);
  const [showAll, setShowAll] = useState(false);
  const all = [...(state.data?.items ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));
  const items = showAll ? all : all.filter((a) => !a.acknowledged_at);
  const {
    run: acknowledge,
    busyId: busy,
    error,
  } = useRowAction((a: PrivacyAlert) => alertsApi.acknowledge(a.id), state.reload);
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>Privacy alerts</Title>
      <Group>
        <Checkbox label="Show acknowledged alerts" checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} />
      </Group>
      <ErrorAlert title="Could not load alerts" error={state.error} onRetry={state.reload} />
      <ErrorAlert title="Could not acknowledge the alert" error={error} />
      {!state.data && !state.error && <Loading label="Loading alerts…" />}
      {state.data && items.length === 0 && (
        <Paper withBorder p="md">
          <EmptyState title={showAll ? 'No alerts' : 'No alerts to review'}>
            Each use of emergency access raises an alert here.
          </EmptyState>
        </Paper>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs">
            <VisuallyHidden component="caption">Privacy alerts</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">What happened</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(a.created_at)}</Table.Td>
                  <Table.Td>
                    <StatusBadge color="orange">
                      {KIND_LABELS[a.kind] ?? a.kind}
                    </StatusBadge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.message}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      user {a.user_id}
                      {a.client_id ? ` · client ${a.client_id}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {a.acknowledged_at ? (
                      <Text size="sm">Acknowledged {formatInstant(a.acknowledged_at)}</Text>
                    ) : (
                      <Button size="xs" loading={busy === a.id} onClick={() => void acknowledge(a)}>
                        Acknowledge
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
