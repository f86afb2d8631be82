import { Button, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { calendarApi, hoursApi, type CalendarItem, type ScheduledHours } from '../../api/schedule';
import type { Client } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { useAppContext } from '../shell/AppContext';
import { ClientAvailabilityDialog } from './ClientAvailabilityEditor';
import { EnrollmentPanel } from './EnrollmentPanel';
import { RequirementsPanel } from './RequirementsPanel';
import { NewAppointmentDialog } from './NewAppointmentDialog';
import { FeedDialogButton } from './FeedDialog';
import { itemDetail } from './calendarEvents';
import { itemTitle } from './MoveDialog';
import { WEEKDAY_CODES, addDays, dayLabel, mondayOf, rangeLabel, todayIn } from './time';

const hours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/** Scheduled hours of the week against the level-of-care checks (ASAM, H0015, TEDS), each with its reason. */
export function ScheduledHoursPanel({ data }: { data: ScheduledHours }) {
  const applying = data.checks.filter((c) => c.applies);
  const failing = applying.filter((c) => !c.ok);
  const days = WEEKDAY_CODES.filter((d) => (data.per_day?.[d] ?? 0) > 0);
  return (
    <Stack gap={4} data-testid="scheduled-hours">
      <Group gap="xs" align="baseline">
        <Title order={3} size="h5">
          Scheduled hours
        </Title>
        <Text fw={700} data-testid="scheduled-per-week">
          {hours(data.per_week)} h this week
        </Text>
        {applying.length > 0 && (failing.length === 0 ? <StatusBadge color="green">Meets the checks</StatusBadge> : <StatusBadge color="red">Below or above a check</StatusBadge>)}
      </Group>
      {days.length > 0 && (
        <Text size="sm" c="gray.7">
          {days.map((d) => `${d.charAt(0).toUpperCase()}${d.slice(1)} ${hours(data.per_day?.[d] ?? 0)} h`).join(' · ')}
        </Text>
      )}
      <List size="sm" listStyleType="none" p={0} spacing={2} data-testid="hours-checks">
        {data.checks.map((c) => (
          <List.Item key={c.code} data-ok={c.ok} data-applies={c.applies}>
            <Text size="sm" span fw={600} c={c.applies ? (c.ok ? undefined : 'red.9') : 'gray.7'} className={c.applies && c.ok ? 'sw-ok' : undefined}>
              {c.applies ? (c.ok ? '✓ ' : '✗ ') : '– '}
              {c.label}
            </Text>
            {c.message && (
              <Text size="xs" c={c.applies && !c.ok ? 'red.9' : 'gray.7'}>
                {c.applies ? c.message : `Does not apply: ${c.message}`}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function WeekTable({ items }: { items: CalendarItem[] }) {
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
  if (sorted.length === 0) return <EmptyState title="Nothing scheduled this week" />;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table fz="sm" verticalSpacing={4} aria-label="The client’s week" data-testid="client-week">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Day</Table.Th>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Session</Table.Th>
            <Table.Th scope="col">Where and with whom</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((i) => (
            <Table.Tr key={`${i.type}:${i.id}`} data-type={i.type} data-status={i.status}>
              <Table.Td>{dayLabel(i.date)}</Table.Td>
              <Table.Td>{rangeLabel(i.start, i.end)}</Table.Td>
              <Table.Td td={i.status === 'cancelled' ? 'line-through' : undefined}>
                {i.type === 'group' ? itemTitle(i) : i.kind === 'family' ? 'Family session' : i.kind === 'drug_test_slot' ? 'Drug test' : 'Individual session'}
                {i.type === 'appointment' && i.source === 'optimizer' ? ' (placed by the optimizer)' : ''}
              </Table.Td>
              <Table.Td>{itemDetail(i)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The chart's schedule: the client's week (groups and appointments in the program's local time), track
 * enrollment, scheduled hours against the intensity checks, availability and a calendar feed.
 */
export function ClientScheduleSection({ client }: { client: Client }) {
  const { organization } = useAppContext();
  const canRead = usePermission('schedule.read');
  const canWrite = usePermission('schedule.write');
  const today = todayIn(organization.time_zone);
  const [monday, setMonday] = useState(mondayOf(today));
  const [availability, setAvailability] = useState(false);
  const [adding, setAdding] = useState(false);
  const week = useAsync(
    (signal) => (canRead ? calendarApi.get({ from: monday, to: addDays(monday, 6), client_id: client.id }, signal) : Promise.resolve(null)),
    [client.id, monday, canRead],
  );
  const hoursState = useAsync((signal) => (canRead ? hoursApi.client(client.id, monday, signal) : Promise.resolve(null)), [client.id, monday, canRead]);
  const reload = () => {
    week.reload();
    hoursState.reload();
  };

  if (!canRead) {
    return (
      <ChartSection id="schedule" title="Schedule">
        <Text size="sm" c="gray.7">
          Your role does not include the program calendar.
        </Text>
      </ChartSection>
    );
  }
  const actions = (
    <Group gap="xs">
      {canWrite && (
        <Button size="xs" variant="default" onClick={() => setAdding(true)}>
          New session…
        </Button>
      )}
      {canWrite && (
        <Button size="xs" variant="default" onClick={() => setAvailability(true)}>
          Availability…
        </Button>
      )}
      {canWrite && <FeedDialogButton ownerType="client" ownerId={client.id} label="Subscribe…" />}
    </Group>
  );
  return (
    <ChartSection id="schedule" title="Schedule" actions={actions}>
      <Stack gap="sm">
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setMonday(addDays(monday, -7))} aria-label="Previous week">
            ←
          </Button>
          <Text size="sm" fw={600} aria-live="polite" data-testid="schedule-week">
            Week of {dayLabel(monday)}
          </Text>
          <Button size="xs" variant="default" onClick={() => setMonday(addDays(monday, 7))} aria-label="Next week">
            →
          </Button>
          {monday !== mondayOf(today) && (
            <Button size="xs" variant="subtle" onClick={() => setMonday(mondayOf(today))}>
              This week
            </Button>
          )}
        </Group>
        {week.error ? <ErrorAlert title="Could not load the week" error={week.error} onRetry={week.reload} /> : null}
        {!week.data && !week.error && <Loading label="Loading the week…" />}
        {week.data && <WeekTable items={week.data.items} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <div>
            {hoursState.error ? <ErrorAlert title="Could not load the scheduled hours" error={hoursState.error} onRetry={hoursState.reload} /> : null}
            {hoursState.data && <ScheduledHoursPanel data={hoursState.data} />}
          </div>
          <Stack gap="md">
            <EnrollmentPanel client={client} today={today} canWrite={canWrite} onChanged={reload} />
            <RequirementsPanel clientId={client.id} canWrite={canWrite} />
          </Stack>
        </SimpleGrid>
      </Stack>
      {adding && (
        <NewAppointmentDialog
          clientId={client.id}
          date={monday === mondayOf(today) ? today : monday}
          staffId={client.current_episode?.counselor_id}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
      {availability && <ClientAvailabilityDialog clientId={client.id} onClose={() => setAvailability(false)} onSaved={reload} />}
    </ChartSection>
  );
}
