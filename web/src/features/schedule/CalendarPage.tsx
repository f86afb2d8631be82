import { Anchor, Button, Group, NativeSelect, SegmentedControl, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { programsApi, tracksApi } from '../../api/endpoints';
import { calendarApi, roomsApi, type CalendarQuery } from '../../api/schedule';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { useAsync } from '../../lib/useAsync';
import { usePermission, useSession } from '../security/sessionStore';
import { useAppContext } from '../shell/AppContext';
import { dayLanes, eventsByDay, eventsByRoom, roomLanes, weekLanes } from './calendarEvents';
import { CalendarView } from './CalendarView';
import { FeedDialogButton } from './FeedDialog';
import { addDays, dayLabel, mondayOf, todayIn } from './time';

type View = 'mine' | 'rooms' | 'track';
type Period = 'day' | 'week';

const VIEW_LABELS: Record<View, string> = { mine: 'My sessions', rooms: 'Room board', track: 'Track groups' };

/**
 * The program calendar for staff (/schedule): my sessions, the room board (rooms × time for a day) and a
 * track's groups, by day or week, in the organization's local time. The view, date and track (no PHI) stay
 * in the address.
 */
export function CalendarPage() {
  const { organization } = useAppContext();
  const session = useSession();
  const canWrite = usePermission('schedule.write');
  const canSetup = usePermission('program.write');
  const [params, setParams] = useSearchParams();
  const view = (['mine', 'rooms', 'track'].includes(params.get('view') ?? '') ? params.get('view') : 'mine') as View;
  const today = todayIn(organization.time_zone);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? (params.get('date') as string) : today;
  const period: Period = view === 'rooms' ? 'day' : params.get('period') === 'day' ? 'day' : 'week';
  const trackId = params.get('track') ?? '';
  const staffId = session.user.staff_id;
  usePageTitle(`Calendar — ${VIEW_LABELS[view]}`);

  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  const from = period === 'week' ? mondayOf(date) : date;
  const to = period === 'week' ? addDays(from, 6) : date;
  const step = period === 'week' ? 7 : 1;

  const rooms = useAsync((signal) => roomsApi.list(signal), []);
  const tracks = useAsync(async (signal) => {
    const programs = await programsApi.list(signal);
    const lists = await Promise.all(programs.items.map((p) => tracksApi.list(p.id, signal)));
    return lists.flatMap((l, i) => l.items.map((t) => ({ ...t, program_name: programs.items[i]?.name ?? '' })));
  }, []);

  const query: CalendarQuery | null =
    view === 'mine' ? (staffId ? { from, to, staff_id: staffId } : null) : view === 'track' ? (trackId ? { from, to, track_id: trackId } : null) : { from, to };
  const cal = useAsync((signal) => (query ? calendarApi.get(query, signal) : Promise.resolve({ items: [] })), [JSON.stringify(query)]);
  const items = cal.data?.items ?? [];
  const roomList = rooms.data?.items ?? [];

  const lanes = view === 'rooms' ? roomLanes(date, roomList) : period === 'week' ? weekLanes(from) : dayLanes([date]);
  const events = view === 'rooms' ? eventsByRoom(items, date, roomList, canWrite) : eventsByDay(items, canWrite);
  const heading = period === 'week' ? `Week of ${dayLabel(from)}` : dayLabel(date, true);

  let body;
  if (view === 'mine' && !staffId) body = <EmptyState title="Your account is not linked to a staff record">Ask an administrator to link it; then your sessions show here.</EmptyState>;
  else if (view === 'track' && !trackId) body = <EmptyState title="Choose a track">Its groups for the {period} show here.</EmptyState>;
  else if (cal.error) body = <ErrorAlert title="Could not load the calendar" error={cal.error} onRetry={cal.reload} />;
  else if (!cal.data) body = <Loading label="Loading the calendar…" />;
  else
    body = (
      <CalendarView
        label={`${VIEW_LABELS[view]}, ${heading}`}
        lanes={lanes}
        events={events}
        items={items}
        rooms={roomList}
        byRoom={view === 'rooms'}
        onChanged={cal.reload}
      />
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Calendar</Title>
          <Text size="sm" c="gray.7">
            Times in the program’s time zone ({organization.time_zone}). {canWrite ? 'Drag a session to move it, or open it and choose Move.' : ''}
          </Text>
        </div>
        <Group gap="xs">
          {staffId && <FeedDialogButton ownerType="staff" ownerId={staffId} label="Subscribe to my calendar" />}
          {staffId && (
            <Button component={Link} to={`/schedule/staff/${encodeURIComponent(staffId)}/availability`} variant="default" size="xs">
              My working hours
            </Button>
          )}
          {canWrite && (
            <Button component={Link} to="/schedule/proposals" variant="default" size="xs">
              Optimizer
            </Button>
          )}
          {canSetup && (
            <Button component={Link} to="/schedule/setup" variant="default" size="xs">
              Rooms, groups & closures
            </Button>
          )}
        </Group>
      </Group>
      <Tabs value={view} onChange={(v) => set({ view: v ?? 'mine' })}>
        <Tabs.List aria-label="Calendar views">
          {(Object.keys(VIEW_LABELS) as View[]).map((v) => (
            <Tabs.Tab key={v} value={v}>
              {VIEW_LABELS[v]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {(Object.keys(VIEW_LABELS) as View[]).map((v) => (
          <Tabs.Panel key={v} value={v}>
            {v === view && (
              <Stack gap="md" mt="sm">
                <Group gap="sm" align="flex-end" wrap="wrap">
                  <Button variant="default" size="sm" onClick={() => set({ date: addDays(date, -step) })} aria-label={`Previous ${period}`}>
                    ←
                  </Button>
                  <Button variant="default" size="sm" onClick={() => set({ date: today })}>
                    Today
                  </Button>
                  <Button variant="default" size="sm" onClick={() => set({ date: addDays(date, step) })} aria-label={`Next ${period}`}>
                    →
                  </Button>
                  <TextInput label="Date" type="date" size="sm" value={date} onChange={(e) => e.currentTarget.value && set({ date: e.currentTarget.value })} />
                  {view !== 'rooms' && (
                    <SegmentedControl
                      aria-label="Day or week"
                      size="sm"
                      value={period}
                      onChange={(v) => set({ period: v === 'day' ? 'day' : '' })}
                      data={[
                        { value: 'week', label: 'Week' },
                        { value: 'day', label: 'Day' },
                      ]}
                    />
                  )}
                  {view === 'track' && (
                    <NativeSelect
                      label="Track"
                      size="sm"
                      value={trackId}
                      onChange={(e) => set({ track: e.currentTarget.value })}
                      data={[{ value: '', label: 'Choose a track…' }, ...(tracks.data ?? []).map((t) => ({ value: t.id, label: `${t.program_name}: ${t.name}` }))]}
                    />
                  )}
                </Group>
                <Title order={2} size="h3">
                  {heading}
                  {cal.loading && cal.data ? (
                    <Text span size="sm" c="gray.7" ml="sm">
                      updating…
                    </Text>
                  ) : null}
                </Title>
                <ErrorAlert title="Could not load the rooms" error={rooms.error} onRetry={rooms.reload} />
                {body}
                {view === 'rooms' && canSetup && (
                  <Anchor component={Link} to="/schedule/setup" size="sm">
                    Rooms are set up per site under Rooms, groups & closures.
                  </Anchor>
                )}
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
