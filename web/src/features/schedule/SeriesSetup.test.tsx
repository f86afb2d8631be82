import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GroupSeries } from '../../api/schedule';
import { COUNSELOR, PROGRAM, TRACK } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { SeriesSetup } from './SeriesSetup';
import { ROOMS, SCHEDULER } from './testData';

const SERIES: GroupSeries = {
  id: 'series-1',
  version: 3,
  program_id: 'prog-1',
  track_id: 'track-1',
  title: 'Process group',
  group_type: 'process',
  topic: '',
  curriculum_module: '',
  days: ['mon', 'wed'],
  start: '09:00',
  end: '10:30',
  interval_weeks: 1,
  starts_on: '2026-03-02',
  ends_on: null,
  room_id: 'room-1',
  modality: 'in_person',
  meeting_link: null,
  facilitator_staff_ids: [COUNSELOR.id],
  required_credentials: [],
  size_limit: 16,
};

describe('SeriesSetup', () => {
  it('shows a refused size limit beside the field and keeps the form open (issue 7)', async () => {
    const user = userEvent.setup();
    const message = '14 clients are enrolled; the limit cannot be below that';
    const m = mockFetch({
      'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
      'GET /api/v1/programs/prog-1/tracks': json({ items: [TRACK], next_cursor: null }),
      'GET /api/v1/staff': json({ items: [COUNSELOR], next_cursor: null }),
      'GET /api/v1/group-series': json({ items: [SERIES] }),
      'PUT /api/v1/group-series/series-1': apiError(409, 'conflict', 'the size limit is below the clients on the roster', [
        { field: 'size_limit', message },
      ]),
    });
    renderScreen(<SeriesSetup rooms={ROOMS} today="2026-11-23" />, { session: SCHEDULER });

    await user.click(await screen.findByRole('button', { name: 'Edit Process group' }));
    const form = screen.getByTestId('series-form');
    const limit = within(form).getByLabelText('Group size limit');
    expect(limit).toHaveValue('16');
    await user.clear(limit);
    await user.type(limit, '12');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(limit).toHaveAccessibleDescription(message));
    expect(limit).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('alert')).toHaveTextContent('Not saved');
    expect(screen.getByTestId('series-form')).toBeInTheDocument();
    const puts = m.callsTo('PUT', '/api/v1/group-series/series-1');
    expect(puts.map((c) => [(c.body as { size_limit: number }).size_limit, c.headers['if-match']])).toEqual([[12, '"3"']]);
  });
});
