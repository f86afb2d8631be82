import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PROGRAM } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { CalendarPage } from './CalendarPage';
import { ROOMS, SCHEDULER, WEEK } from './testData';

describe('CalendarPage', () => {
  it('shows my sessions for the week of the date in the address, then the room board for that day', async () => {
    const m = mockFetch({
      'GET /api/v1/rooms': json({ items: ROOMS }),
      'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
      'GET /api/v1/programs/prog-1/tracks': json({ items: [], next_cursor: null }),
      'GET /api/v1/calendar': json({ items: WEEK }),
    });
    renderScreen(<CalendarPage />, { session: SCHEDULER, route: '/schedule?date=2026-03-11' });
    const grid = await screen.findByRole('region', { name: 'My sessions, Week of Mon, Mar 9' });
    expect(within(grid).getAllByRole('group')).toHaveLength(7);
    const first = m.callsTo('GET', '/api/v1/calendar')[0];
    expect(Object.fromEntries(first?.query ?? [])).toEqual({ from: '2026-03-09', to: '2026-03-15', staff_id: 'staff-1' });

    await userEvent.click(screen.getByRole('tab', { name: 'Room board' }));
    const board = await screen.findByRole('region', { name: 'Room board, Wednesday, Mar 11' });
    expect(within(board).getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual(['Room 1 (14)', 'Room 2 (4)', 'Telehealth / no room']);
    await vi.waitFor(() => expect(m.callsTo('GET', '/api/v1/calendar').at(-1)?.query.toString()).toBe('from=2026-03-11&to=2026-03-11'));
  });

  it('asks a user without a staff record to link one instead of showing someone else’s sessions', async () => {
    const m = mockFetch({ 'GET /api/v1/rooms': json({ items: ROOMS }), 'GET /api/v1/programs': json({ items: [], next_cursor: null }) });
    renderScreen(<CalendarPage />, { session: { ...SCHEDULER, user: { ...SCHEDULER.user, staff_id: null } }, route: '/schedule' });
    expect(await screen.findByText('Your account is not linked to a staff record')).toBeInTheDocument();
    expect(m.callsTo('GET', '/api/v1/calendar')).toHaveLength(0);
  });
});
