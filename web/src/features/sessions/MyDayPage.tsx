import { Anchor, Button, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { myDayApi, type MyDay, type NoteSummary, type RollCallStatus } from '../../api/sessions';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { TaskList } from './TaskList';

const enc = encodeURIComponent;

export function groupLink(occurrenceId: string): string {
  return `/groups/${enc(occurrenceId)}`;
}

/** Where a note to sign or co-sign opens: the group screen for a group session, else the note editor. */
export function noteLink(n: Pick<NoteSummary, 'id' | 'client_id' | 'kind' | 'type' | 'occurrence_id'>): string {
  if (n.type === 'group_session') return groupLink(n.id);
  if (n.occurrence_id && !n.client_id) return groupLink(n.occurrence_id);
  return `/clients/${enc(n.client_id ?? '')}/notes/${enc(n.id)}`;
}

export function rollCallBadge(s: RollCallStatus) {
  if (s === 'signed') return <StatusBadge color="green">Signed</StatusBadge>;
  if (s === 'awaiting_cosign') return <StatusBadge color="yellow">Awaiting co-sign</StatusBadge>;
  if (s === 'draft') return <StatusBadge color="blue">Draft</StatusBadge>;
  return <StatusBadge color="gray">Not taken</StatusBadge>;
}

const KIND: Record<string, string> = { individual: 'Individual', family: 'Family', drug_test_slot: 'Drug test', group: 'Group', group_session: 'Group' };

function Card({ id, title, children, sub }: { id: string; title: string; sub?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-heading`}>
      <Stack gap="xs">
        <div>
          <Title order={2} size="h3" id={`${id}-heading`}>
            {title}
          </Title>
          {sub && (
            <Text size="sm" c="dimmed">
              {sub}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

export function GroupsToday({ groups }: { groups: MyDay['groups'] }) {
  if (groups.length === 0) return <EmptyState title="No groups today" />;
  return (
    <Table verticalSpacing="xs" aria-label="Groups today">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Time</Table.Th>
          <Table.Th scope="col">Group</Table.Th>
          <Table.Th scope="col">Roll call</Table.Th>
          <Table.Th scope="col">
            <VisuallyHidden component="span">Action</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => (
          <Table.Tr key={g.id} data-testid="my-day-group">
            <Table.Td>
              {g.start}–{g.end}
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={600}>
                {g.title}
              </Text>
              <Text size="xs" c="dimmed">
                {g.track_name}
                {g.room_name ? ` · ${g.room_name}` : ''} · {g.enrolled_count} enrolled
                {g.status === 'cancelled' ? ' · cancelled' : ''}
              </Text>
            </Table.Td>
            <Table.Td>{rollCallBadge(g.roll_call_status)}</Table.Td>
            <Table.Td>
              {g.status !== 'cancelled' && (
                <Button
                  component={Link}
                  to={groupLink(g.id)}
                  size="compact-sm"
                  variant={g.roll_call_status === 'signed' ? 'subtle' : 'filled'}
                  aria-label={`${g.roll_call_status === 'signed' ? 'Open' : 'Roll call'}: ${g.title} at ${g.start}`}
                >
                  {g.roll_call_status === 'signed' ? 'Open' : 'Roll call'}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function NotesTable({ notes, label, cosign }: { notes: NoteSummary[]; label: string; cosign?: boolean }) {
  if (notes.length === 0) return <EmptyState title={cosign ? 'Nothing to co-sign' : 'No notes waiting'} />;
  return (
    <Table verticalSpacing="xs" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Note</Table.Th>
          <Table.Th scope="col">{cosign ? 'Author' : 'Status'}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {notes.map((n) => (
          <Table.Tr key={`${n.id}-${n.occurrence_id ?? ''}`} data-testid="note-row">
            <Table.Td>
              <Anchor component={Link} to={noteLink(n)} size="sm">
                {n.title || `${KIND[n.kind ?? ''] ?? n.kind ?? 'Session'} note`}
                {n.client_name ? ` · ${n.client_name}` : ''}
              </Anchor>
              <Text size="xs" c="dimmed">
                {n.session_date || n.date ? formatDate(n.session_date || n.date) : formatInstant(n.start_at)}
              </Text>
            </Table.Td>
            <Table.Td>
              {cosign ? (
                <Text size="sm">{n.author_name ?? '—'}</Text>
              ) : n.overdue ? (
                <StatusBadge color="red">Past the signing deadline</StatusBadge>
              ) : (
                <StatusBadge color="blue">{n.status === 'draft' ? 'To sign' : n.status}</StatusBadge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** "My day" (/my-day): today's groups with their roll call, appointments, notes to sign, the co-sign queue and open tasks. */
export function MyDayPage() {
  const state = useAsync((signal) => myDayApi.get(signal), []);
  const canCosign = usePermission('notes.cosign');
  usePageTitle('My day');
  const d = state.data;
  return (
    <Stack gap="md" maw={1300}>
      <div>
        <Title order={1}>My day</Title>
        {d && (
          <Text c="dimmed" size="sm">
            {formatDate(d.date)}
          </Text>
        )}
      </div>
      <ErrorAlert title="Could not load your day" error={state.error} onRetry={state.reload} />
      {!d && !state.error && <Loading label="Loading your day…" />}
      {d && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Card id="my-groups" title="Groups today" sub="Take roll call and write the notes on one screen">
            <GroupsToday groups={d.groups} />
          </Card>
          <Card id="my-appointments" title="Appointments">
            {d.appointments.length === 0 ? (
              <EmptyState title="No appointments today" />
            ) : (
              <Table verticalSpacing="xs" aria-label="Appointments today">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Time</Table.Th>
                    <Table.Th scope="col">Session</Table.Th>
                    <Table.Th scope="col">Note</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.appointments.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        {a.start}–{a.end}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {KIND[a.kind] ?? a.kind}
                          {a.client_name ? ` · ${a.client_name}` : ''}
                        </Text>
                        {a.status === 'cancelled' && (
                          <Text size="xs" c="dimmed">
                            Cancelled
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {a.client_id && a.kind !== 'drug_test_slot' && a.status !== 'cancelled' && (
                          <Anchor
                            component={Link}
                            size="sm"
                            to={
                              a.note_id
                                ? `/clients/${enc(a.client_id)}/notes/${enc(a.note_id)}`
                                : `/clients/${enc(a.client_id)}/notes/new?kind=${a.kind === 'family' ? 'family' : 'individual'}&appointment=${enc(a.id)}`
                            }
                          >
                            {a.note_id ? 'Open note' : 'Write note'}
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Card id="my-notes" title="Notes to write and sign" sub="Unsigned notes; past the deadline first">
            <NotesTable notes={[...d.notes_to_sign].sort((a, b) => Number(Boolean(b.overdue)) - Number(Boolean(a.overdue)))} label="Notes to sign" />
          </Card>
          {canCosign && (
            <Card id="my-cosign" title="Co-sign queue" sub="Notes by unlicensed or trainee staff waiting for your signature">
              <NotesTable notes={d.cosign_queue} label="Notes to co-sign" cosign />
              {d.cosign_queue.length > 0 && (
                <Anchor component={Link} to="/notes/cosign" size="sm">
                  Open the co-sign queue
                </Anchor>
              )}
            </Card>
          )}
          <Card id="my-tasks" title="Open tasks" sub="Outreach after absences, follow-ups and reviews">
            <TaskList tasks={d.tasks} label="Open tasks" onChanged={() => state.reload()} />
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  );
}
