import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { myDayApi } from '../../api/sessions';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { GroupsToday } from './MyDayPage';

/** The dashboard's "My day" card: today's groups with their roll-call buttons and what else waits. */
export function MyDayCard() {
  const state = useAsync((signal) => myDayApi.get(signal), []);
  const d = state.data;
  const toTake = d?.groups.filter((g) => g.status !== 'cancelled' && g.roll_call_status !== 'signed').length ?? 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="my-day-card-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3" id="my-day-card-heading">
            My day
          </Title>
          <Anchor component={Link} to="/my-day" size="sm">
            Open My day
          </Anchor>
        </Group>
        <ErrorAlert title="Could not load your day" error={state.error} onRetry={state.reload} />
        {!d && !state.error && <Loading label="Loading your day…" />}
        {d && (
          <>
            <Text size="sm" data-testid="my-day-summary">
              {d.groups.length} group{d.groups.length === 1 ? '' : 's'} ({toTake} to document) · {d.appointments.length} appointment
              {d.appointments.length === 1 ? '' : 's'} · {d.notes_to_sign.length} note{d.notes_to_sign.length === 1 ? '' : 's'} to sign ·{' '}
              {d.tasks.filter((t) => t.status === 'open').length} open task{d.tasks.length === 1 ? '' : 's'}
              {d.cosign_queue.length > 0 ? ` · ${d.cosign_queue.length} to co-sign` : ''}
            </Text>
            <GroupsToday groups={d.groups} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
