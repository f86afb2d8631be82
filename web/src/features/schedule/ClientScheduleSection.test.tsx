import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { client } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { ClientScheduleSection } from './ClientScheduleSection';
import { READER, SCHEDULER, WEEK, appointment } from './testData';

const HOURS = {
  week_of: '2026-03-09',
  per_day: { mon: 4, wed: 3 },
  per_week: 7,
  checks: [
    { code: 'asam_2_1', label: 'ASAM 2.1: 9–19 hours a week', kind: 'asam', ok: false, applies: true, message: '7 h scheduled; adults need at least 9 h' },
    { code: 'teds', label: 'TEDS: 2 h/day on 3 days', kind: 'reporting', ok: true, applies: true, message: '' },
  ],
};

function routes() {
  return {
    'GET /api/v1/calendar': json({ items: [...WEEK, appointment({ id: 'appt-2', kind: 'family', date: '2026-03-11', start: '17:00', end: '18:00', source: 'optimizer' })] }),
    'GET /api/v1/clients/client-1/scheduled-hours': json(HOURS),
    'GET /api/v1/clients/client-1/enrollments': json({ items: [{ id: 'en-1', version: 1, client_id: 'client-1', track_id: 'track-1', track_name: 'Morning track', starts_on: '2026-01-05', planned_end_on: '2026-04-30', ended_on: null }] }),
    'GET /api/v1/programs/prog-1/tracks': json({ items: [], next_cursor: null }),
    'GET /api/v1/clients/client-1/session-requirements': json({ items: [] }),
    'GET /api/v1/staff': json({ items: [], next_cursor: null }),
  };
}

describe('ClientScheduleSection', () => {
  it('shows the client’s week, the enrollment and the scheduled hours against the checks with reasons', async () => {
    const m = mockFetch(routes());
    renderScreen(<ClientScheduleSection client={client()} />, { session: SCHEDULER });
    const section = await screen.findByRole('region', { name: 'Schedule' });
    const table = await within(section).findByRole('table', { name: 'The client’s week' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Mon, Mar 99 AM–10:30 AMProcess groupMorning track · Room 1 · Priya Shah');
    expect(rows[3]).toHaveTextContent('Wed, Mar 115 PM–6 PMFamily session (placed by the optimizer)');
    expect(await within(section).findByTestId('scheduled-per-week')).toHaveTextContent('7 h this week');
    expect(within(section).getByTestId('hours-checks')).toHaveTextContent('✗ ASAM 2.1: 9–19 hours a week7 h scheduled; adults need at least 9 h');
    expect(await within(section).findByText('Morning track')).toBeInTheDocument();
    const cal = m.callsTo('GET', '/api/v1/calendar')[0];
    expect(cal?.query.get('client_id')).toBe('client-1');
    expect(within(section).getByRole('button', { name: 'Availability…' })).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Next week' }));
    await vi.waitFor(() => expect(m.callsTo('GET', '/api/v1/calendar')).toHaveLength(2));
    const [a, b] = m.callsTo('GET', '/api/v1/calendar').map((c) => c.query.get('from') ?? '');
    expect(Date.parse(b ?? '') - Date.parse(a ?? '')).toBe(7 * 86_400_000);
  });

  it('offers no editing to a role that only reads the calendar', async () => {
    mockFetch(routes());
    renderScreen(<ClientScheduleSection client={client()} />, { session: READER });
    const section = await screen.findByRole('region', { name: 'Schedule' });
    await within(section).findByRole('table', { name: 'The client’s week' });
    expect(within(section).queryByRole('button', { name: 'Availability…' })).not.toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Enroll' })).not.toBeInTheDocument();
  });
});

