import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { hoursApi } from '../../api/schedule';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { useAppContext } from '../shell/AppContext';
import { dayLabel, mondayOf, todayIn } from './time';

/** The director's dashboard card: clients whose scheduled hours this week fail a level-of-care check. */
export function HoursWarningsCard() {
  const { organization } = useAppContext();
  const monday = mondayOf(todayIn(organization.time_zone));
  const state = useAsync((signal) => hoursApi.warnings(monday, signal), [monday]);
  const items = state.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="hours-warnings-heading">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id="hours-warnings-heading">
            Scheduled hours
          </Title>
          <Text size="sm" c="gray.7">
            Clients whose schedule for the week of {dayLabel(monday)} is outside their level of care’s hours
          </Text>
        </div>
        <ErrorAlert title="Could not load the hours warnings" error={state.error} onRetry={state.reload} />
        {!state.data && !state.error && <Loading label="Loading hours warnings…" />}
        {state.data && items.length === 0 && <EmptyState title="Every client’s schedule meets the checks" />}
        {items.length > 0 && (
          <Table verticalSpacing="xs" fz="sm" aria-label="Scheduled hours warnings" data-testid="hours-warnings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Client</Table.Th>
                <Table.Th scope="col">Hours</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((w) => (
                <Table.Tr key={w.client_id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${encodeURIComponent(w.client_id)}#schedule`}>
                      {w.client_name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{Number.isInteger(w.per_week) ? w.per_week : w.per_week.toFixed(1)} h</Table.Td>
                  <Table.Td>
                    {w.checks
                      .filter((c) => c.applies && !c.ok)
                      .map((c) => c.message || c.label)
                      .join('; ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
