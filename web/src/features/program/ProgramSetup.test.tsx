import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PROGRAM, session, SITE, TRACK } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { ProgramSetup } from './ProgramSetup';

function catalogRoutes(tracks = [TRACK]) {
  return {
    'GET /api/v1/sites': json({ items: [SITE], next_cursor: null }),
    'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
    'GET /api/v1/programs/prog-1/tracks': json({ items: tracks, next_cursor: null }),
  };
}

describe('ProgramSetup', () => {
  it('is read-only for a user who may only read, and shows the security settings', async () => {
    mockFetch({
      ...catalogRoutes(),
      'GET /api/v1/organization/security': json({ require_mfa_for_all: false, idle_timeout_minutes: 15, emergency_minutes: 60, version: 2 }),
    });
    renderScreen(<ProgramSetup />, { session: session({ permissions: ['clients.read', 'program.read', 'organization.read'] }) });
    await screen.findByRole('article', { name: 'Adult IOP' });
    expect(screen.queryByRole('button', { name: 'Save organization' })).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Organization name/)).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Add site' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add track to Adult IOP' })).not.toBeInTheDocument();
    const security = await screen.findByRole('region', { name: 'Security settings' });
    expect(await within(security).findByLabelText(/Sign out after inactivity/)).toHaveValue('15');
    expect(within(security).getByLabelText(/Sign out after inactivity/)).toBeDisabled();
    expect(within(security).queryByRole('button', { name: 'Save security settings' })).not.toBeInTheDocument();
  });

  it('saves the security settings with If-Match', async () => {
    const m = mockFetch({
      ...catalogRoutes(),
      'GET /api/v1/organization/security': json({ require_mfa_for_all: false, idle_timeout_minutes: 15, emergency_minutes: 60, version: 2 }),
      'PUT /api/v1/organization/security': (c) => json({ ...(c.body as object), version: 3 }),
    });
    renderScreen(<ProgramSetup />);
    const security = await screen.findByRole('region', { name: 'Security settings' });
    const idle = await within(security).findByLabelText(/Sign out after inactivity/);
    await userEvent.clear(idle);
    await userEvent.type(idle, '10');
    await userEvent.click(within(security).getByLabelText('Require two-step sign-in for everyone'));
    await userEvent.click(within(security).getByRole('button', { name: 'Save security settings' }));
    expect(await within(security).findByText('Saved.')).toBeInTheDocument();
    const put = m.callsTo('PUT', '/api/v1/organization/security')[0];
    expect(put?.headers['if-match']).toBe('"2"');
    expect(put?.body).toEqual({ require_mfa_for_all: true, idle_timeout_minutes: 10, emergency_minutes: 60 });
  });

  it('lists sites, programs and tracks with hours per week', async () => {
    mockFetch(catalogRoutes());
    renderScreen(<ProgramSetup />);
    const program = await screen.findByRole('article', { name: 'Adult IOP' });
    expect(within(program).getByText('Lakeside · 2.1 Intensive outpatient')).toBeInTheDocument();
    const row = within(program).getByText('Morning track').closest('tr') as HTMLElement;
    expect(within(row).getByText('Mon, Wed, Fri')).toBeInTheDocument();
    expect(within(row).getByText('09:00–12:00')).toBeInTheDocument();
    expect(within(row).getByText('9 h/week')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Sites' })).toHaveTextContent('Lakeside');
  });

  it('adds a track with the chosen days and times', async () => {
    const m = mockFetch({
      ...catalogRoutes(),
      'POST /api/v1/programs/prog-1/tracks': (c) => json({ ...TRACK, id: 'track-2', ...(c.body as object), hours_per_week: 12 }, 201),
    });
    renderScreen(<ProgramSetup />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add track to Adult IOP' }));
    const form = screen.getByRole('form', { name: 'Add a track to Adult IOP' });
    await userEvent.type(within(form).getByLabelText(/Track name/), 'Evening track');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Thursday' }));
    expect(within(form).getByText(/12 h\/week/)).toBeInTheDocument();
    await userEvent.click(within(form).getByRole('button', { name: 'Add track' }));
    expect(await screen.findByText('Added Evening track (12 h/week).')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/programs/prog-1/tracks')[0]?.body).toEqual({
      name: 'Evening track',
      days: ['mon', 'wed', 'fri', 'thu'],
      start_time: '09:00',
      end_time: '12:00',
      capacity: 12,
    });
  });

  it('edits a track with If-Match and reports a conflict', async () => {
    const m = mockFetch({
      ...catalogRoutes(),
      'PUT /api/v1/tracks/track-1': apiError(412, 'stale_version', 'the record has changed'),
    });
    renderScreen(<ProgramSetup />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Morning track' }));
    const form = screen.getByRole('form', { name: 'Edit Morning track' });
    const capacity = within(form).getByLabelText(/Capacity/);
    await userEvent.clear(capacity);
    await userEvent.type(capacity, '15');
    await userEvent.click(within(form).getByRole('button', { name: 'Save track' }));
    expect(await within(form).findByText('This record was changed by someone else — reload')).toBeInTheDocument();
    expect(within(form).getByLabelText(/Capacity/)).toHaveValue('15');
    expect(m.callsTo('PUT', '/api/v1/tracks/track-1')[0]?.headers['if-match']).toBe('"1"');
  });

  it('shows a capacity below the clients enrolled beside Capacity and keeps the form open (issue 7)', async () => {
    const message = '14 clients are enrolled; the capacity cannot be below that';
    const m = mockFetch({
      ...catalogRoutes(),
      'PUT /api/v1/tracks/track-1': apiError(409, 'conflict', 'the capacity is below the clients enrolled', [{ field: 'capacity', message }]),
    });
    renderScreen(<ProgramSetup />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Morning track' }));
    const form = screen.getByRole('form', { name: 'Edit Morning track' });
    const capacity = within(form).getByLabelText(/Capacity/);
    await userEvent.clear(capacity);
    await userEvent.type(capacity, '10');
    await userEvent.click(within(form).getByRole('button', { name: 'Save track' }));
    await waitFor(() => expect(capacity).toHaveAccessibleDescription(message));
    expect(capacity).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('alert')).toHaveTextContent('Not saved');
    expect(screen.getByRole('form', { name: 'Edit Morning track' })).toBeInTheDocument();
    expect(m.callsTo('PUT', '/api/v1/tracks/track-1').map((c) => (c.body as { capacity: number }).capacity)).toEqual([10]);
  });

  it('creates a program with a level of care from meta', async () => {
    const m = mockFetch({
      ...catalogRoutes(),
      'POST /api/v1/programs': (c) => json({ ...PROGRAM, id: 'prog-2', ...(c.body as object) }, 201),
    });
    renderScreen(<ProgramSetup />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add program' }));
    const form = screen.getByRole('form', { name: 'Add a program' });
    await userEvent.type(within(form).getByLabelText(/Program name/), 'Outpatient');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: /Level of care/ }), '1.0');
    await userEvent.click(within(form).getByRole('button', { name: 'Add program' }));
    await waitFor(() =>
      expect(m.callsTo('POST', '/api/v1/programs')[0]?.body).toEqual({ site_id: 'site-1', name: 'Outpatient', level_of_care: '1.0' }),
    );
  });
});
