import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Amendment } from '../../api/amendments';
import { client, session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { AmendmentsSection } from './AmendmentsSection';
import { OpenAmendmentsCard } from './OpenAmendmentsCard';

const C = client();
const PENDING: Amendment = {
  id: 'am-1',
  version: 1,
  client_id: C.id,
  record_type: 'assessment',
  record_id: null,
  record_description: 'Assessment of 2 November',
  requested_change: 'I did not use cocaine',
  client_reason: null,
  received_on: '2026-11-01',
  due_on: '2026-12-31',
  extended_to: null,
  extension_reason: null,
  status: 'pending',
  overdue: false,
  decided_at: null,
  decided_by_name: null,
  amendment_text: null,
  denial_reason: null,
  disagreement: null,
  created_at: '2026-11-01T10:00:00.000Z',
};
const WRITE = ['clients.read', 'amendments.read', 'amendments.write'];

describe('AmendmentsSection', () => {
  it('records a request and shows the field the server names', async () => {
    let items: Amendment[] = [];
    const m = mockFetch({
      [`GET /api/v1/clients/${C.id}/amendments`]: () => json({ items }),
      [`POST /api/v1/clients/${C.id}/amendments`]: (c) => {
        const body = c.body as { requested_change: string };
        if (!body.requested_change) {
          return json({ error: { code: 'invalid_argument', message: 'some fields are invalid', fields: [{ field: 'requested_change', message: 'is required' }] } }, 400);
        }
        items = [{ ...PENDING, requested_change: body.requested_change }];
        return json(items[0], 201);
      },
    });
    renderScreen(<AmendmentsSection client={C} />, { session: session({ permissions: WRITE }) });
    expect(await screen.findByText('No amendment requests')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Record a request' }));
    const form = screen.getByRole('form', { name: 'Record an amendment request' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Which entry/ }), 'Assessment of 2 November');
    await userEvent.click(within(form).getByRole('button', { name: 'Record request' }));
    expect(await within(form).findByText('is required')).toBeInTheDocument();
    await userEvent.type(within(form).getByRole('textbox', { name: /What the client asks to change/ }), 'I did not use cocaine');
    await userEvent.click(within(form).getByRole('button', { name: 'Record request' }));
    expect(await screen.findByTestId('amendment')).toHaveTextContent('Asked to change: I did not use cocaine');
    expect(screen.getByTestId('amendment')).toHaveTextContent('Answer due');
    expect(m.callsTo('POST', `/api/v1/clients/${C.id}/amendments`).at(-1)?.body).toMatchObject({
      record_description: 'Assessment of 2 November',
      requested_change: 'I did not use cocaine',
    });
  });

  it('accepts with the correction appended, sending the version', async () => {
    let current: Amendment = { ...PENDING, overdue: true };
    const m = mockFetch({
      [`GET /api/v1/clients/${C.id}/amendments`]: () => json({ items: [current] }),
      'POST /api/v1/amendments/am-1/decide': (c) => {
        current = { ...current, version: 2, status: 'accepted', overdue: false, amendment_text: (c.body as { amendment_text: string }).amendment_text, decided_at: '2026-11-22T10:00:00.000Z', decided_by_name: 'Karen' };
        return json(current);
      },
    });
    renderScreen(<AmendmentsSection client={C} />, { session: session({ permissions: WRITE }) });
    expect(await screen.findByText(/Overdue since/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Accept…' }));
    await userEvent.type(screen.getByRole('textbox', { name: /The correction to append/ }), 'Cocaine use removed from the history: entered in error.');
    await userEvent.click(screen.getByRole('button', { name: 'Accept and append' }));
    await waitFor(() => expect(screen.getByTestId('amendment')).toHaveTextContent('Correction appended: Cocaine use removed'));
    expect(screen.getByTestId('amendment')).toHaveTextContent('Asked to change: I did not use cocaine');
    const call = m.callsTo('POST', '/api/v1/amendments/am-1/decide')[0];
    expect(call?.headers['if-match']).toBe('"1"');
    expect(call?.body).toEqual({ decision: 'accepted', amendment_text: 'Cocaine use removed from the history: entered in error.' });
  });

  it('is read-only without amendments.write and hidden without amendments.read', async () => {
    mockFetch({ [`GET /api/v1/clients/${C.id}/amendments`]: json({ items: [{ ...PENDING, status: 'denied', denial_reason: 'accurate' }] }) });
    const { unmount } = renderScreen(<AmendmentsSection client={C} />, { session: session({ permissions: ['clients.read', 'amendments.read'] }) });
    expect(await screen.findByText(/Denied:/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /statement of disagreement/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record a request' })).not.toBeInTheDocument();
    unmount();
    renderScreen(<AmendmentsSection client={C} />, { session: session({ permissions: ['clients.read'] }) });
    expect(screen.queryByText('Amendment requests')).not.toBeInTheDocument();
  });

  it('the dashboard card lists requests waiting for an answer, overdue marked, linking to the chart', async () => {
    mockFetch({
      'GET /api/v1/amendments/open': json({
        items: [
          { ...PENDING, client_name: 'Maria Lopez', overdue: true, due_on: '2026-11-01' },
          { ...PENDING, id: 'am-2', client_id: 'c-2', client_name: 'Bo Baker', record_description: 'Intake call' },
        ],
      }),
    });
    renderScreen(<OpenAmendmentsCard />, { session: session({ permissions: ['amendments.read'] }) });
    const table = await screen.findByRole('table', { name: 'Amendment requests to answer' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('(overdue)');
    expect(rows[1]).not.toHaveTextContent('(overdue)');
    expect(within(rows[1]!).getByRole('link', { name: 'Bo Baker' })).toHaveAttribute('href', '/clients/c-2#amendments');
  });
});
