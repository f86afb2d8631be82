import { Anchor, Button, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { chartSessionsApi, notesApi, type Note, type TimelineItem } from '../../api/sessions';
import { tasksApi } from '../../api/tasks';
import type { Client } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { useAppContext } from '../shell/AppContext';
import { noteStatusBadge } from './NoteEditorPage';
import { addDays, mondayOf, todayIn } from './noteForm';
import { TaskList } from './TaskList';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_LABEL: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const TYPE_LABEL: Record<string, string> = {
  group_session: 'Group',
  individual_session: 'Individual',
  family_session: 'Family',
  attendance: 'Attendance',
  note: 'Note',
  addendum: 'Addendum',
};
const KIND: Record<string, string> = { individual: 'Individual', family: 'Family', group: 'Group' };

const h = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function AttendedHoursPanel({ clientId, today }: { clientId: string; today: string }) {
  const [week, setWeek] = useState(() => mondayOf(today));
  const state = useAsync((signal) => chartSessionsApi.attendedHours(clientId, week, signal), [clientId, week]);
  const d = state.data;
  const applying = d?.checks.filter((c) => c.applies) ?? [];
  return (
    <Stack gap="xs" data-testid="attended-hours">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Attended hours
        </Title>
        <Group gap={4}>
          <Button size="compact-xs" variant="subtle" onClick={() => setWeek(addDays(week, -7))}>
            ← Previous week
          </Button>
          <Button size="compact-xs" variant="subtle" onClick={() => setWeek(addDays(week, 7))} disabled={week >= mondayOf(today)}>
            Next week →
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Week of {formatDate(week)}
      </Text>
      <ErrorAlert title="Could not load the attended hours" error={state.error} onRetry={state.reload} />
      {!d && !state.error && <Loading label="Loading hours…" />}
      {d && (
        <>
          <Group gap="xs" align="baseline">
            <Text fz={28} fw={700} lh={1} data-testid="attended-per-week">
              {h(d.per_week)}
            </Text>
            <Text size="sm">hours attended this week</Text>
          </Group>
          <Text size="sm">
            {DAYS.filter((k) => (d.per_day?.[k] ?? 0) > 0)
              .map((k) => `${DAY_LABEL[k]} ${h(d.per_day[k] ?? 0)} h`)
              .join(' · ') || 'No attended time this week.'}
          </Text>
          {d.consecutive_absences > 0 && (
            <StatusBadge color={d.consecutive_absences >= 2 ? 'red' : 'yellow'}>
              {d.consecutive_absences} consecutive absence{d.consecutive_absences === 1 ? '' : 's'}
            </StatusBadge>
          )}
          {applying.length > 0 && (
            <List spacing={4} size="sm" listStyleType="none" p={0} data-testid="attended-checks">
              {applying.map((c) => (
                <List.Item key={c.code}>
                  <Text size="sm" fw={600} c={c.ok ? undefined : 'red.9'} className={c.ok ? 'sw-ok' : undefined} span>
                    {c.ok ? '✓ ' : '✗ '}
                    {c.label}
                  </Text>
                  {c.message && !c.ok && (
                    <Text size="xs" c="red.9">
                      {c.message}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </Stack>
  );
}

function timelineLink(clientId: string, t: TimelineItem): string | null {
  if (!t.ref_id) return null;
  if (t.type === 'note' || t.type === 'individual_session' || t.type === 'family_session' || t.type === 'addendum') {
    return `/clients/${encodeURIComponent(clientId)}/notes/${encodeURIComponent(t.ref_id.split('#')[0]!)}`;
  }
  return null;
}

function Timeline({ clientId, today }: { clientId: string; today: string }) {
  const [days, setDays] = useState(30);
  const state = useAsync((signal) => chartSessionsApi.timeline(clientId, addDays(today, -days), addDays(today, 1), signal), [clientId, today, days]);
  const items = [...(state.data?.items ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Timeline (last {days} days)
      </Title>
      <ErrorAlert title="Could not load the timeline" error={state.error} onRetry={state.reload} />
      {!state.data && !state.error && <Loading label="Loading the timeline…" />}
      {state.data && items.length === 0 && <EmptyState title="Nothing recorded in this period" />}
      {items.length > 0 && (
        <List spacing={6} listStyleType="none" p={0} aria-label="Session timeline" data-testid="timeline">
          {items.map((t, i) => {
            const link = timelineLink(clientId, t);
            return (
              <List.Item key={`${t.ref_id}-${t.type}-${i}`} data-type={t.type}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed" w={150} style={{ flexShrink: 0 }}>
                    {formatInstant(t.at)}
                  </Text>
                  <StatusBadge color="gray">{TYPE_LABEL[t.type] ?? t.type}</StatusBadge>
                  <div>
                    {link ? (
                      <Anchor component={Link} to={link} size="sm">
                        {t.title}
                      </Anchor>
                    ) : (
                      <Text size="sm">{t.title}</Text>
                    )}
                    {t.detail && (
                      <Text size="xs" c="dimmed">
                        {t.detail}
                      </Text>
                    )}
                  </div>
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      {state.data && (
        <Group>
          <Button size="compact-xs" variant="subtle" onClick={() => setDays(days + 60)}>
            Show earlier
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function NotesList({ clientId }: { clientId: string }) {
  const state = useAsync((signal) => notesApi.ofClient(clientId, signal), [clientId]);
  const items: Note[] = [...(state.data?.items ?? [])].sort((a, b) => (b.start_at ?? '').localeCompare(a.start_at ?? ''));
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Notes
      </Title>
      <ErrorAlert title="Could not load the notes" error={state.error} onRetry={state.reload} />
      {!state.data && !state.error && <Loading label="Loading notes…" />}
      {state.data && items.length === 0 && <EmptyState title="No session notes yet" />}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-label="Session notes" data-testid="client-notes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Session</Table.Th>
                <Table.Th scope="col">Author</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((n) => (
                <Table.Tr key={n.id} data-testid="client-note-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}/notes/${encodeURIComponent(n.id)}`} size="sm">
                      {KIND[n.kind] ?? n.kind} · {formatInstant(n.start_at)}
                    </Anchor>
                    {n.kind === 'group' && (n.participation || n.text) && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {n.participation || n.text}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{n.author_name ?? '—'}</Table.Td>
                  <Table.Td>{noteStatusBadge(n)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Billing({ clientId, today }: { clientId: string; today: string }) {
  const from = addDays(today, -30);
  const state = useAsync((signal) => chartSessionsApi.billing(clientId, from, today, signal), [clientId, from, today]);
  const items = [...(state.data?.items ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Billing suggestions (last 30 days)
      </Title>
      <Text size="xs" c="dimmed">
        Read-only facts from attendance and notes, for the billing export.
      </Text>
      <ErrorAlert title="Could not load the billing suggestions" error={state.error} onRetry={state.reload} />
      {!state.data && !state.error && <Loading label="Loading billing suggestions…" />}
      {state.data && items.length === 0 && <EmptyState title="No billable sessions in this period" />}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} aria-label="Billing suggestions" data-testid="billing-suggestions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Code</Table.Th>
                <Table.Th scope="col">Units</Table.Th>
                <Table.Th scope="col">Minutes</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((b, i) => (
                <Table.Tr key={`${b.date}-${b.code ?? 'none'}-${i}`}>
                  <Table.Td>{formatDate(b.date)}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {b.code ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{b.code ? b.units : '—'}</Table.Td>
                  <Table.Td>{b.minutes}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{b.reason}</Text>
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

function ClientTasks({ clientId }: { clientId: string }) {
  const state = useAsync((signal) => tasksApi.ofClient(clientId, signal), [clientId]);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Tasks
      </Title>
      <ErrorAlert title="Could not load the tasks" error={state.error} onRetry={state.reload} />
      {!state.data && !state.error && <Loading label="Loading tasks…" />}
      {state.data && <TaskList tasks={state.data.items} showClient={false} label="Tasks for this client" onChanged={state.reload} />}
    </Stack>
  );
}

/**
 * The chart's "Sessions" section: this client's notes, the timeline of sessions, attendance and notes, the
 * attended hours against the level-of-care checks, billing suggestions (read-only) and the client's tasks.
 * Everything comes from this client's own records; nothing names another attendee.
 */
export function SessionsChartSection({ client }: { client: Pick<Client, 'id'> }) {
  const canRead = usePermission('notes.read');
  const canWrite = usePermission('notes.write');
  const canTasks = usePermission('tasks.read');
  const { organization } = useAppContext();
  const today = todayIn(organization.time_zone || 'UTC');
  const base = `/clients/${encodeURIComponent(client.id)}/notes/new`;
  return (
    <ChartSection
      id="sessions"
      title="Sessions"
      actions={
        canWrite ? (
          <Group gap="xs">
            <Button component={Link} to={`${base}?kind=individual`} size="xs" variant="light">
              Individual note
            </Button>
            <Button component={Link} to={`${base}?kind=family`} size="xs" variant="light">
              Family note
            </Button>
          </Group>
        ) : undefined
      }
    >
      {!canRead ? (
        <Text size="sm" c="dimmed">
          Your role does not include session notes.
        </Text>
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <AttendedHoursPanel clientId={client.id} today={today} />
            {canTasks ? <ClientTasks clientId={client.id} /> : <div />}
          </SimpleGrid>
          <NotesList clientId={client.id} />
          <Timeline clientId={client.id} today={today} />
          <Billing clientId={client.id} today={today} />
        </Stack>
      )}
    </ChartSection>
  );
}
