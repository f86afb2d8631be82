import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PROGRAM } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { ProposalPage } from './ProposalPage';
import { SCHEDULER, proposal } from './testData';

async function propose() {
  const user = userEvent.setup();
  renderScreen(<ProposalPage />, { session: SCHEDULER });
  await waitFor(() => expect(screen.getByLabelText('Program')).toHaveValue('prog-1'));
  await user.clear(screen.getByLabelText('Week of (Monday)'));
  await user.type(screen.getByLabelText('Week of (Monday)'), '2026-03-16');
  await user.click(screen.getByRole('button', { name: 'Propose a schedule' }));
  await screen.findByTestId('proposal');
  return user;
}

describe('ProposalPage', () => {
  it('shows the proposal as a diff: new sessions, track assignments and the unplaced with reasons', async () => {
    const m = mockFetch({
      'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
      'POST /api/v1/schedule/proposals': json(proposal(), 201),
    });
    await propose();
    expect(m.callsTo('POST', '/api/v1/schedule/proposals')[0]?.body).toEqual({ program_id: 'prog-1', week_of: '2026-03-16', weeks: 1 });
    expect(screen.getByTestId('proposal-stats')).toHaveTextContent('2 of 3 requested sessions placed · solved in 12 ms');
    const sessions = screen.getByRole('table', { name: 'New sessions' });
    const rows = within(sessions).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Mari Lopez+ Individual sessionTue, Mar 17, 10 AM–11 AMPriya ShahRoom 2Same time as last week');
    expect(within(screen.getByRole('table', { name: 'Track assignments' })).getByText('+ Evening track')).toBeInTheDocument();
    expect(screen.getByTestId('proposal-unplaced')).toHaveTextContent('Jo Kim — Individual session: No licensed clinician is free when the client is available');
    expect(screen.getByRole('button', { name: 'Accept selected (3)' })).toBeEnabled();
  });

  it('accepts only the selected items', async () => {
    const m = mockFetch({
      'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
      'POST /api/v1/schedule/proposals': json(proposal(), 201),
      'POST /api/v1/schedule/proposals/prop-1/accept': json(proposal({ status: 'partly_accepted' })),
    });
    const user = await propose();
    await user.click(screen.getByRole('checkbox', { name: 'Include family session for Sam Reed, Wed, Mar 18, 5 PM–6 PM' }));
    expect(screen.getByRole('checkbox', { name: 'Select every row of new sessions' })).toBePartiallyChecked();
    await user.click(screen.getByRole('button', { name: 'Accept selected (2)' }));
    expect(await screen.findByText('Partly accepted')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/schedule/proposals/prop-1/accept')[0]?.body).toEqual({ item_ids: ['i1', 'i3'] });
    expect(screen.queryByRole('button', { name: /Accept selected/ })).not.toBeInTheDocument();
  });

  it('shows a failed accept’s named conflicts beside the item it names; nothing is accepted', async () => {
    mockFetch({
      'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
      'POST /api/v1/schedule/proposals': json(proposal(), 201),
      'POST /api/v1/schedule/proposals/prop-1/accept': apiError(409, 'conflict', 'A proposed session no longer fits', [
        { field: 'item_ids[1]', message: 'Room 1 is booked 17:00–18:00 (Family education)' },
      ]),
    });
    const user = await propose();
    await user.click(screen.getByRole('button', { name: 'Accept all (3)' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was accepted');
    expect(within(alert).getByTestId('accept-conflicts')).toHaveTextContent('Sam Reed: Room 1 is booked 17:00–18:00 (Family education)');
    const row = screen.getByRole('table', { name: 'New sessions' }).querySelector('[data-item="i2"]') as HTMLElement;
    expect(within(row).getByRole('note')).toHaveTextContent('Conflict: Room 1 is booked 17:00–18:00 (Family education)');
    expect(screen.getByText('Open')).toBeInTheDocument();
  });
});
