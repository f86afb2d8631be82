import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { SessionsChartSection } from './SessionsChartSection';
import { note, task } from './testData';

const READER = session({ permissions: ['clients.read', 'notes.read', 'notes.write', 'tasks.read', 'tasks.write'], staff_id: 'staff-1' });

describe('SessionsChartSection', { timeout: 30_000 }, () => {
  it('shows this client’s notes, timeline, attended hours against the checks, billing suggestions and tasks', async () => {
    const m = mockFetch({
      'GET /api/v1/clients/client-1/notes': json({
        items: [
          note({ id: 'n-group', kind: 'group', status: 'signed', participation: 'Shared a trigger', start_at: '2026-03-09T14:00:00Z' }),
          note({ id: 'n-ind', status: 'draft', start_at: '2026-03-10T15:00:00Z' }),
        ],
      }),
      'GET /api/v1/clients/client-1/timeline': json({
        items: [
          { at: '2026-03-09T14:00:00Z', type: 'group_session', title: 'Relapse prevention', detail: 'Late 10 min · attended 80 min', ref_id: 'series-1:2026-03-09' },
          { at: '2026-03-10T15:00:00Z', type: 'note', title: 'Individual session note', detail: 'Draft', ref_id: 'n-ind' },
        ],
      }),
      'GET /api/v1/clients/client-1/attended-hours': json({
        week_of: '2026-03-09',
        per_day: { mon: 1.5, wed: 3 },
        per_week: 4.5,
        checks: [{ code: 'asam_2_1_min', label: 'ASAM 2.1: at least 9 hours a week', kind: 'asam', ok: false, applies: true, message: '4.5 hours is below 9' }],
        consecutive_absences: 2,
      }),
      'GET /api/v1/clients/client-1/billing-suggestions': json({
        items: [
          { date: '2026-03-09', code: '90853', units: 1, minutes: 80, reason: 'Group psychotherapy attended', source_ids: [] },
          { date: '2026-03-09', code: null, units: 0, minutes: 80, reason: 'H0015 needs 180 minutes in a day', source_ids: [] },
        ],
      }),
      'GET /api/v1/clients/client-1/tasks': json({ items: [task({ client_id: 'client-1' })] }),
    });
    renderScreen(<SessionsChartSection client={{ id: 'client-1' }} />, { session: READER });
    const section = screen.getByRole('region', { name: 'Sessions' });
    const notes = await within(section).findByRole('table', { name: 'Session notes' });
    const rows = within(notes).getAllByTestId('client-note-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link')).toHaveAttribute('href', '/clients/client-1/notes/n-ind');
    expect(within(rows[1]!).getByText('Shared a trigger')).toBeInTheDocument();
    expect(await within(section).findByTestId('attended-per-week')).toHaveTextContent('4.5');
    expect(within(section).getByText('2 consecutive absences')).toBeInTheDocument();
    expect(within(section).getByText(/ASAM 2.1: at least 9 hours a week/)).toBeInTheDocument();
    const timeline = await within(section).findByRole('list', { name: 'Session timeline' });
    expect(within(timeline).getByRole('link', { name: 'Individual session note' })).toHaveAttribute('href', '/clients/client-1/notes/n-ind');
    expect(within(timeline).getByText('Relapse prevention')).toBeInTheDocument();
    const billing = await within(section).findByRole('table', { name: 'Billing suggestions' });
    expect(within(billing).getByText('90853')).toBeInTheDocument();
    expect(within(billing).getByText('H0015 needs 180 minutes in a day')).toBeInTheDocument();
    expect(await within(section).findByRole('table', { name: 'Tasks for this client' })).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Individual note' })).toHaveAttribute('href', '/clients/client-1/notes/new?kind=individual');
    const hours = m.callsTo('GET', '/api/v1/clients/client-1/attended-hours')[0]!;
    expect(hours.query.get('week_of')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${hours.query.get('week_of')}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('asks nothing of a role without notes.read', () => {
    const m = mockFetch({});
    renderScreen(<SessionsChartSection client={{ id: 'client-1' }} />, { session: session({ permissions: ['clients.read'] }) });
    expect(screen.getByText('Your role does not include session notes.')).toBeInTheDocument();
    expect(m.calls.filter((c) => c.path.startsWith('/api/v1/clients/'))).toHaveLength(0);
  });
});
