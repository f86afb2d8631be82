import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { TestingBoardPage } from './TestingBoardPage';
import { BOARD, POLICY, collection } from './testData';

const COLLECTOR = session({ permissions: ['clients.read', 'testing.read', 'testing.write'] });
const wait = { timeout: 10_000 };

describe('TestingBoardPage', { timeout: 40_000 }, () => {
  it('shows who is selected, collected, pending and needing review', async () => {
    mockFetch({ 'GET /api/v1/testing/board': json(BOARD) });
    renderScreen(<TestingBoardPage />, { session: COLLECTOR });
    const list = await screen.findByRole('list', { name: 'Selected for testing' }, wait);
    const entries = within(list).getAllByTestId('board-entry');
    expect(entries).toHaveLength(2);
    expect(within(entries[0]!).getByText('To collect')).toBeInTheDocument();
    expect(within(entries[0]!).getByRole('button', { name: 'Collect from Maria Lopez' })).toBeInTheDocument();
    expect(within(entries[1]!).getByText('Observed collection')).toBeInTheDocument();
    expect(within(entries[1]!).getByText('Contract')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Pending results' })).getByText('James Carter')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Needs review' })).getByText(/Unexpected positive → step 1, Warning/)).toBeInTheDocument();
  });

  it('records a collection from the panel of the policy and opens the result entry', async () => {
    const m = mockFetch({
      'GET /api/v1/testing/board': json(BOARD),
      'GET /api/v1/programs/prog-1/testing-policy': json(POLICY),
      'POST /api/v1/clients/client-1/collections': json(collection({ id: 'col-9' }), 201),
    });
    renderScreen(<TestingBoardPage />, {
      session: COLLECTOR,
      route: '/testing',
      path: '/testing',
      extra: [{ path: '/testing/collections/:id', element: <p>Result entry page</p> }],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Collect from Maria Lopez' }, wait));
    const dialog = await screen.findByRole('dialog', { name: 'Collection: Maria Lopez' });
    await within(dialog).findByDisplayValue('12-panel cup', undefined, wait);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save collection' }));
    expect(await screen.findByText('Result entry page', undefined, wait)).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/clients/client-1/collections')[0]?.body).toEqual({
      panel_code: 'cup12',
      specimen: 'urine',
      observed: false,
      refused: false,
      temperature_in_range: true,
    });
  });

  it('closing the day reports how many were recorded as missed', async () => {
    const m = mockFetch({ 'GET /api/v1/testing/board': json(BOARD), 'POST /api/v1/testing/close-day': json({ date: '2026-11-02', missed: 1, events: [] }) });
    renderScreen(<TestingBoardPage />, { session: COLLECTOR });
    await userEvent.click(await screen.findByRole('button', { name: 'Close the day' }, wait));
    expect(await screen.findByText('1 not collected: recorded as missed.')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/testing/close-day')[0]?.body).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });
});
