import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PROGRAM, SITE, TRACK } from '../../test/fixtures';
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
