import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SITE } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { RoomsSetup } from './ScheduleSetupPage';
import { ROOMS, SCHEDULER } from './testData';

describe('RoomsSetup', () => {
  it('shows a capacity below a group meeting in the room beside Capacity and keeps the form open (issue 7)', async () => {
    const user = userEvent.setup();
    const message = 'Process group (Evening track) meets here with a size limit of 12; the room would hold 8';
    const onChanged = vi.fn();
    const m = mockFetch({
      'GET /api/v1/sites': json({ items: [SITE], next_cursor: null }),
      'PUT /api/v1/rooms/room-1': apiError(409, 'conflict', 'a group meeting in the room would not fit', [{ field: 'capacity', message }]),
    });
    renderScreen(<RoomsSetup rooms={ROOMS} onChanged={onChanged} />, { session: SCHEDULER });

    await user.click(await screen.findByRole('button', { name: 'Edit Room 1' }));
    const capacity = screen.getByLabelText('Capacity');
    expect(capacity).toHaveValue('14');
    await user.clear(capacity);
    await user.type(capacity, '8');
    await user.click(screen.getByRole('button', { name: 'Save room' }));

    await waitFor(() => expect(capacity).toHaveAccessibleDescription(message));
    expect(capacity).toHaveAttribute('aria-invalid', 'true');
    const section = screen.getByRole('region', { name: 'Rooms' });
    const alert = within(section).getByRole('alert');
    expect(alert).toHaveTextContent('Not saved');
    expect(alert).not.toHaveTextContent(message); // shown once, beside the field
    expect(screen.getByRole('heading', { name: 'Change Room 1' })).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
    const put = m.callsTo('PUT', '/api/v1/rooms/room-1');
    expect(put).toHaveLength(1);
    expect(put[0]?.body).toMatchObject({ capacity: 8, name: 'Room 1', site_id: 'site-1' });
    expect(put[0]?.headers['if-match']).toBe('"1"');
  });
});
