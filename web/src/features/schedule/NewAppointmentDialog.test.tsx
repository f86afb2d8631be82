import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { COUNSELOR } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { NewAppointmentDialog } from './NewAppointmentDialog';
import { ROOMS, SCHEDULER, appointment } from './testData';

describe('NewAppointmentDialog', () => {
  it('names the conflicts of a new session beside its fields and saves only a time that fits', async () => {
    const m = mockFetch({
      'GET /api/v1/staff': json({ items: [COUNSELOR], next_cursor: null }),
      'GET /api/v1/rooms': json({ items: ROOMS }),
      'POST /api/v1/schedule/check': (call) =>
        json(
          (call.body as { start: string }).start === '09:00'
            ? { ok: false, conflicts: [{ field: 'start', code: 'client_busy', message: 'Mari Lopez is in Process group 09:00–10:30' }] }
            : { ok: true, conflicts: [] },
        ),
      'POST /api/v1/appointments': json(appointment(), 201),
    });
    const onSaved = vi.fn();
    renderScreen(<NewAppointmentDialog clientId="client-1" date="2026-03-09" staffId="staff-1" onClose={vi.fn()} onSaved={onSaved} />, { session: SCHEDULER });
    const dialog = await screen.findByRole('dialog', { name: 'New session' });
    await waitFor(() => expect(within(dialog).getByLabelText('Room')).toHaveTextContent('Room 2 (4)'));
    await userEvent.selectOptions(within(dialog).getByLabelText('Room'), 'room-2');
    const start = within(dialog).getByLabelText('Start');
    fireEvent.change(start, { target: { value: '09:00' } });
    await waitFor(() => expect(start).toHaveAccessibleDescription('Mari Lopez is in Process group 09:00–10:30'));
    expect(within(dialog).getByRole('button', { name: 'Save session' })).toBeDisabled();
    fireEvent.change(start, { target: { value: '11:00' } });
    fireEvent.change(within(dialog).getByLabelText('End'), { target: { value: '11:50' } });
    await within(dialog).findByText('No conflicts: this time fits.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save session' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(m.callsTo('POST', '/api/v1/appointments')[0]?.body).toEqual({
      kind: 'individual', client_id: 'client-1', staff_id: 'staff-1', room_id: 'room-2', modality: 'in_person', meeting_link: null,
      date: '2026-03-09', start: '11:00', end: '11:50', pinned: false, family_members: [],
    });
  });
});
