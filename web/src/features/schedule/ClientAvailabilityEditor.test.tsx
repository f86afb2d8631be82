import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { ClientAvailabilityDialog } from './ClientAvailabilityEditor';
import { SCHEDULER } from './testData';

const AVAILABILITY = {
  client_id: 'client-1',
  version: 4,
  weekly: [
    { day: 'mon', start: '08:00', end: '16:00', kind: 'work', note: 'Warehouse shift' },
    { day: 'mon', start: '17:00', end: '21:00', kind: 'available', note: '' },
  ],
  absences: [],
};

describe('ClientAvailabilityDialog', () => {
  it('adds a window and shows the server’s field error beside the row it names', async () => {
    const m = mockFetch({
      'GET /api/v1/clients/client-1/availability': json(AVAILABILITY),
      'PUT /api/v1/clients/client-1/availability': apiError(400, 'invalid', 'Check the availability', [
        { field: 'weekly[2].start', message: 'overlaps weekly[1] (Monday 17:00–21:00)' },
      ]),
    });
    const user = userEvent.setup();
    renderScreen(<ClientAvailabilityDialog clientId="client-1" onClose={vi.fn()} onSaved={vi.fn()} />, { session: SCHEDULER });
    const dialog = await screen.findByRole('dialog', { name: 'Client availability' });
    expect(await within(dialog).findByDisplayValue('Warehouse shift')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add window' }));
    const start3 = within(dialog).getByLabelText('From (window 3)');
    await user.clear(start3);
    await user.type(start3, '18:00');
    await user.click(within(dialog).getByRole('button', { name: 'Save availability' }));
    expect(await within(dialog).findByText('overlaps weekly[1] (Monday 17:00–21:00)')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('From (window 3)')).toHaveAccessibleDescription('overlaps weekly[1] (Monday 17:00–21:00)');
    expect(within(dialog).getByLabelText('From (window 2)')).not.toHaveAccessibleDescription();
    const put = m.callsTo('PUT', '/api/v1/clients/client-1/availability')[0];
    expect(put?.headers['if-match']).toBe('"4"');
    expect((put?.body as { weekly: unknown[] }).weekly[2]).toEqual({ day: 'mon', start: '18:00', end: '21:00', kind: 'available', note: '' });
  });

  it('saves absences and closes', async () => {
    const onSaved = vi.fn();
    const onClose = vi.fn();
    const m = mockFetch({
      'GET /api/v1/clients/client-1/availability': json({ ...AVAILABILITY, weekly: [] }),
      'PUT /api/v1/clients/client-1/availability': json({ ...AVAILABILITY, version: 5 }),
    });
    const user = userEvent.setup();
    renderScreen(<ClientAvailabilityDialog clientId="client-1" onClose={onClose} onSaved={onSaved} />, { session: SCHEDULER });
    const dialog = await screen.findByRole('dialog', { name: 'Client availability' });
    await user.click(await within(dialog).findByRole('button', { name: 'Add absence' }));
    await user.type(within(dialog).getByLabelText('From date (absence 1)'), '2026-03-20');
    await user.type(within(dialog).getByLabelText('To date (absence 1)'), '2026-03-22');
    await user.type(within(dialog).getByLabelText('Reason (absence 1)'), 'Court date');
    await user.click(within(dialog).getByRole('button', { name: 'Save availability' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
    expect(m.callsTo('PUT', '/api/v1/clients/client-1/availability')[0]?.body).toEqual({
      weekly: [],
      absences: [{ from_date: '2026-03-20', to_date: '2026-03-22', reason: 'Court date' }],
    });
  });
});
