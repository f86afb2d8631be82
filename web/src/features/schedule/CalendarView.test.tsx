import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CalendarItem } from '../../api/schedule';
import { json, mockFetch } from '../../test/mockFetch';
import { installPointerEvents } from '../../test/pointer';
import { renderScreen } from '../../test/render';
import { eventsByDay, weekLanes } from './calendarEvents';
import { CalendarView } from './CalendarView';
import { ROOMS, SCHEDULER, WEEK, appointment } from './testData';

beforeAll(() => installPointerEvents());

const BUSY = {
  ok: false,
  conflicts: [
    { field: 'start', code: 'room_busy', message: 'Room 2 is booked 10:00–11:00 (Process group)' },
    { field: 'start', code: 'client_busy', message: 'Mari Lopez is in Process group 09:00–10:30' },
  ],
};

function show(items: CalendarItem[] = WEEK, onChanged = vi.fn()) {
  renderScreen(
    <CalendarView label="My sessions" lanes={weekLanes('2026-03-09')} events={eventsByDay(items, true)} items={items} rooms={ROOMS} onChanged={onChanged} />,
    { session: SCHEDULER },
  );
  return onChanged;
}

/** Drags an event by pointer to `minutes` after 07:00 on the lane for `date` (jsdom lays out nothing: rects are 0). */
function drag(eventEl: HTMLElement, date: string, minutes: number, drop = true) {
  const lane = document.querySelector(`[data-lane="${date}"]`) as HTMLElement;
  fireEvent.pointerDown(eventEl, { button: 0, clientX: 0, clientY: 0, pointerId: 1 });
  fireEvent.pointerMove(lane, { clientX: 5, clientY: minutes, pointerId: 1 });
  if (drop) fireEvent.pointerUp(lane, { clientX: 5, clientY: minutes, pointerId: 1 });
}

describe('CalendarView', () => {
  it('shows each day as a labelled lane with its sessions, named with time and place', () => {
    mockFetch({});
    show();
    const monday = screen.getByRole('group', { name: 'Mon, Mar 9' });
    expect(within(monday).getByRole('button', { name: /^Process group, 9 AM–10:30 AM, Morning track · Room 1 · Priya Shah/ })).toBeInTheDocument();
    expect(within(monday).getByRole('button', { name: /^Individual session: Mari Lopez, 2 PM–3 PM, Priya Shah · Room 2/ })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Tue, Mar 10' })).getByText('Nothing scheduled')).toBeInTheDocument();
  });

  it('checks a dragged appointment live, names every conflict, and does not save a drop that conflicts', async () => {
    const m = mockFetch({ 'POST /api/v1/schedule/check': json(BUSY) });
    const onChanged = show();
    drag(screen.getByTestId('event-appointment:appt-1'), '2026-03-10', 180, false);
    const status = screen.getByTestId('move-status');
    expect(await within(status).findByText('Room 2 is booked 10:00–11:00 (Process group)')).toBeInTheDocument();
    expect(within(status).getByText('Mari Lopez is in Process group 09:00–10:30')).toBeInTheDocument();
    const body = m.callsTo('POST', '/api/v1/schedule/check')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ appointment_id: 'appt-1', kind: 'individual', client_id: 'client-1', staff_id: 'staff-1', date: '2026-03-10', start: '10:00', end: '11:00', room_id: 'room-2' });
    expect(screen.getByTestId('drag-ghost')).toHaveClass('sw-ghost-bad');

    fireEvent.pointerUp(document.querySelector('[data-lane="2026-03-10"]') as HTMLElement, { clientX: 5, clientY: 180, pointerId: 1 });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not moved to Tue, Mar 10, 10 AM–11 AM');
    expect(alert).toHaveTextContent('Room 2 is booked 10:00–11:00 (Process group)');
    expect(m.callsTo('PUT', '/api/v1/appointments/appt-1')).toHaveLength(0);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('saves a drop that fits with the version on screen', async () => {
    const m = mockFetch({
      'POST /api/v1/schedule/check': json({ ok: true, conflicts: [] }),
      'PUT /api/v1/appointments/appt-1': json(appointment({ version: 3, date: '2026-03-11', start: '08:15', end: '09:15' })),
    });
    const onChanged = show();
    drag(screen.getByTestId('event-appointment:appt-1'), '2026-03-11', 75);
    expect(await screen.findByText('Moved to Wed, Mar 11, 8:15 AM–9:15 AM.')).toBeInTheDocument();
    const put = m.callsTo('PUT', '/api/v1/appointments/appt-1');
    expect(put).toHaveLength(1);
    expect(put[0]?.headers['if-match']).toBe('"2"');
    expect(put[0]?.body).toMatchObject({ date: '2026-03-11', start: '08:15', end: '09:15' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('moves with the keyboard: open, Move…, type a time; Save only when the check says it fits', async () => {
    let ok = false;
    const m = mockFetch({
      'POST /api/v1/schedule/check': () => json(ok ? { ok: true, conflicts: [] } : BUSY),
      'PUT /api/v1/appointments/appt-1': json(appointment({ version: 3 })),
    });
    const user = userEvent.setup();
    const onChanged = show();
    screen.getByRole('button', { name: /^Individual session: Mari Lopez/ }).focus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Move…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move: Individual session: Mari Lopez' });
    const start = within(dialog).getByLabelText(/^Start/);
    fireEvent.change(start, { target: { value: '10:00' } });
    expect(await within(within(dialog).getByTestId('conflicts')).findByText('Room 2 is booked 10:00–11:00 (Process group)')).toBeInTheDocument();
    expect(start).toHaveAccessibleDescription(/Room 2 is booked 10:00–11:00 \(Process group\); Mari Lopez is in Process group/);
    expect(within(dialog).getByRole('button', { name: 'Save new time' })).toBeDisabled();

    ok = true;
    fireEvent.change(start, { target: { value: '10:15' } });
    expect(await within(dialog).findByText('No conflicts: this time fits.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save new time' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(m.callsTo('PUT', '/api/v1/appointments/appt-1')[0]?.body).toMatchObject({ start: '10:15', end: '15:00' });
  });

  it('moves one group occurrence through the dialog with a reason (a one-off change, not the series)', async () => {
    const m = mockFetch({
      'POST /api/v1/schedule/check': json({ ok: true, conflicts: [] }),
      'POST /api/v1/occurrences/series-1%3A2026-03-09/change': json({}),
    });
    const onChanged = show();
    drag(screen.getByTestId('event-group:series-1:2026-03-09'), '2026-03-12', 120);
    const dialog = await screen.findByRole('dialog', { name: 'Move: Process group' }, { timeout: 5000 });
    expect(m.callsTo('POST', '/api/v1/schedule/check')[0]?.body).toEqual({ occurrence_id: 'series-1:2026-03-09', date: '2026-03-12', start: '09:00', end: '10:30', room_id: 'room-1' });
    const save = within(dialog).getByRole('button', { name: 'Save new time' });
    await waitFor(() => expect(within(dialog).getByText('No conflicts: this time fits.')).toBeInTheDocument());
    expect(save).toBeDisabled();
    await userEvent.type(within(dialog).getByLabelText(/^Reason for moving/), 'Staff training Monday');
    await userEvent.click(save);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(m.callsTo('POST', '/api/v1/occurrences/series-1%3A2026-03-09/change')[0]?.body).toEqual({
      action: 'move', reason: 'Staff training Monday', date: '2026-03-12', start: '09:00', end: '10:30',
    });
  });
});
