import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Room } from '../../api/schedule';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { MoveDialog } from './MoveDialog';
import { ROOMS, SCHEDULER, occurrence } from './testData';

const CHANGE = 'POST /api/v1/occurrences/series-1%3A2026-03-09/change';
const TOO_MANY = "13 clients would be on the roster of 2026-03-12 (12 enrolled then, 1 drop-in or make-up); the group's size limit is 12";

const HALL: Room = { id: 'room-3', version: 1, site_id: 'site-1', name: 'Hall', capacity: 30, active: true };

function show(onSaved = vi.fn()) {
  renderScreen(
    <MoveDialog item={occurrence()} initial={{ date: '2026-03-12', start: '09:00', end: '10:30', room_id: 'room-1' }} rooms={[...ROOMS, HALL]} onClose={vi.fn()} onSaved={onSaved} />,
    { session: SCHEDULER },
  );
  return onSaved;
}

// Issue 7: on another date a group's roster is that day's enrollments plus its drop-ins and make-ups; the server
// names `date` when newcomers would take it past its size limit (or room), live and on save.
describe('MoveDialog for a group occurrence', () => {
  it('shows a roster over the size limit under Date and offers no Save', async () => {
    mockFetch({ 'POST /api/v1/schedule/check': json({ ok: false, conflicts: [{ field: 'date', code: 'group_full', message: TOO_MANY }] }) });
    show();
    const dialog = await screen.findByRole('dialog', { name: 'Move: Process group' });
    const date = within(dialog).getByLabelText(/^Date/);
    await waitFor(() => expect(date).toHaveAccessibleDescription(TOO_MANY));
    await userEvent.type(within(dialog).getByLabelText(/^Reason for moving/), 'Staff training Monday');
    expect(within(dialog).getByRole('button', { name: 'Save new time' })).toBeDisabled();
  });

  it('shows the server refusing the move (the roster changed after the check) under Date', async () => {
    const m = mockFetch({
      'POST /api/v1/schedule/check': json({ ok: true, conflicts: [] }),
      [CHANGE]: apiError(409, 'conflict', 'the group would be larger than its size limit or room on the new date', [{ field: 'date', message: TOO_MANY }]),
    });
    const onSaved = show();
    const dialog = await screen.findByRole('dialog', { name: 'Move: Process group' });
    await within(dialog).findByText('No conflicts: this time fits.');
    await userEvent.type(within(dialog).getByLabelText(/^Reason for moving/), 'Staff training Monday');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save new time' }));
    await waitFor(() => expect(within(dialog).getByLabelText(/^Date/)).toHaveAccessibleDescription(TOO_MANY));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Not moved');
    expect(m.callsTo('POST', '/api/v1/occurrences/series-1%3A2026-03-09/change')).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('checks a new room live and sends it with the move, where the server checks it as a room change', async () => {
    const m = mockFetch({
      'POST /api/v1/schedule/check': (c) =>
        json(
          (c.body as { room_id: string }).room_id === 'room-2'
            ? { ok: false, conflicts: [{ field: 'room_id', code: 'room_capacity', message: 'Room 2 holds 4 (12 needed)' }] }
            : { ok: true, conflicts: [] },
        ),
      [CHANGE]: json(occurrence({ date: '2026-03-12', room_id: 'room-3' })),
    });
    const onSaved = show();
    const dialog = await screen.findByRole('dialog', { name: 'Move: Process group' });
    const room = within(dialog).getByLabelText(/^Room/);
    fireEvent.change(room, { target: { value: 'room-2' } });
    await waitFor(() => expect(room).toHaveAccessibleDescription('Room 2 holds 4 (12 needed)'));
    await userEvent.type(within(dialog).getByLabelText(/^Reason for moving/), 'Room 1 painted');
    expect(within(dialog).getByRole('button', { name: 'Save new time' })).toBeDisabled();

    fireEvent.change(room, { target: { value: 'room-3' } });
    await within(dialog).findByText('No conflicts: this time fits.');
    expect(m.callsTo('POST', '/api/v1/schedule/check').at(-1)?.body).toMatchObject({ date: '2026-03-12', room_id: 'room-3' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save new time' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(m.callsTo('POST', '/api/v1/occurrences/series-1%3A2026-03-09/change')[0]?.body).toEqual({
      action: 'move', reason: 'Room 1 painted', date: '2026-03-12', start: '09:00', end: '10:30', room_id: 'room-3',
    });
  });
});
