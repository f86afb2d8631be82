import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { OpeningHoursSetup } from './OpeningHoursSetup';
import { SCHEDULER } from './testData';

const PATH = '/api/v1/programs/prog-1/opening-hours';

describe('OpeningHoursSetup', () => {
  it('shows the default hours, names a refused field and saves with the version it read', async () => {
    const user = userEvent.setup();
    let hours = { program_id: 'prog-1', open: '07:00', close: '21:00', version: 0, default: true };
    const m = mockFetch({
      'GET /api/v1/programs': json({ items: [{ id: 'prog-1', name: 'Adult IOP', level_of_care: '2.1', site_id: 'site-1', version: 1 }] }),
      [`GET ${PATH}`]: () => json(hours),
      [`PUT ${PATH}`]: (call) => {
        const body = call.body as { open: string; close: string };
        if (body.close <= body.open) return apiError(400, 'invalid_argument', 'invalid', [{ field: 'close', message: 'must be after open' }]);
        hours = { ...hours, ...body, version: 1, default: false };
        return json(hours);
      },
    });
    renderScreen(<OpeningHoursSetup />, { session: SCHEDULER });
    const opens = await screen.findByLabelText('Opens');
    expect(opens).toHaveValue('07:00');
    expect(screen.getByTestId('hours-status')).toHaveTextContent('The default hours apply');
    expect(screen.getByRole('button', { name: 'Save hours' })).toBeDisabled();

    await user.clear(opens);
    await user.type(opens, '22:00');
    await user.click(screen.getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText('must be after open')).toBeInTheDocument();
    await user.clear(opens);
    await user.type(opens, '08:00');
    await user.click(screen.getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    const puts = m.callsTo('PUT', PATH);
    expect(puts.map((c) => c.body)).toEqual([{ open: '22:00', close: '21:00' }, { open: '08:00', close: '21:00' }]);
    expect(puts.map((c) => c.headers['if-match'])).toEqual(['"0"', '"0"']);
  });
});
