import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { ReviewQueuePage } from './ReviewQueuePage';
import { event } from './testData';

const COUNSELOR = session({ permissions: ['clients.read', 'testing.read', 'testing.review'] });
const DIRECTOR = session({ permissions: ['clients.read', 'testing.read', 'testing.review', 'testing.decide'] });
const QUEUE = {
  items: [
    event(),
    event({ id: 'ev-3', step: 3, action: 'discharge_review', kind: 'missed', collection_id: null, client_name: 'James Carter', client_id: 'client-2', needs_permission: 'testing.decide' }),
  ],
};

describe('ReviewQueuePage', { timeout: 40_000 }, () => {
  it('a counselor sees that the director decides a discharge review', async () => {
    mockFetch({ 'GET /api/v1/testing/review-queue': json(QUEUE) });
    renderScreen(<ReviewQueuePage />, { session: COUNSELOR });
    const items = await screen.findAllByTestId('review-item', undefined, { timeout: 10_000 });
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('link', { name: 'The result that triggered it' })).toHaveAttribute('href', '/testing/collections/col-1');
    expect(within(items[1]!).getByText('The program director decides a discharge review.')).toBeInTheDocument();
    expect(within(items[1]!).queryByRole('button', { name: 'Decide…' })).not.toBeInTheDocument();
  });

  it('the director decides a discharge with a reason', async () => {
    const m = mockFetch({
      'GET /api/v1/testing/review-queue': json(QUEUE),
      'POST /api/v1/testing/reviews/ev-3/decide': json(event({ id: 'ev-3', status: 'decided', decision: 'discharge' })),
    });
    renderScreen(<ReviewQueuePage />, { session: DIRECTOR });
    const items = await screen.findAllByTestId('review-item', undefined, { timeout: 10_000 });
    await userEvent.click(within(items[1]!).getByRole('button', { name: 'Decide…' }));
    const form = within(items[1]!).getByRole('form', { name: 'Decide the review for James Carter' });
    await userEvent.click(within(form).getByRole('textbox', { name: 'Decision' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Discharge' }));
    await userEvent.type(within(form).getByRole('textbox', { name: 'Reason' }), 'Third missed test in 30 days; referred to residential care');
    await userEvent.click(within(form).getByRole('button', { name: 'Record decision' }));
    await screen.findAllByTestId('review-item');
    const call = m.callsTo('POST', '/api/v1/testing/reviews/ev-3/decide')[0]!;
    expect(call.body).toEqual({ decision: 'discharge', reason: 'Third missed test in 30 days; referred to residential care' });
    expect(call.headers['if-match']).toBe('"1"');
  });
});
