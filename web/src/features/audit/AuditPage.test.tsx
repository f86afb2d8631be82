import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../api/types';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { AuditPage } from './AuditPage';
import { buildAuditQuery, localMidnightUtc, NO_FILTERS, nextSort } from './auditQuery';

function event(seq: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq,
    id: `ev-${seq}`,
    occurred_at: '2026-11-22T15:00:00.000Z',
    user_id: 'user-karen-0000',
    username: 'karen',
    role: 'program_director',
    action: 'read',
    resource_type: 'client',
    resource_id: 'client-1',
    client_id: 'client-1-aaaa-bbbb',
    data_category: 'demographics',
    source_address: '127.0.0.1',
    outcome: 'success',
    reason: null,
    request_id: 'r1',
    hash: 'h',
    ...over,
  };
}



describe('Audit query', () => {
  it('leaves out empty filters and sends "to" as the next local midnight (exclusive)', () => {
    expect(buildAuditQuery(NO_FILTERS, 'occurred_at', 'desc')).toEqual({ sort: 'occurred_at', order: 'desc', limit: 100 });
    const q = buildAuditQuery({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-22', action: ' read ', outcome: 'denied' }, 'action', 'asc');
    expect(q).toEqual({
      sort: 'action',
      order: 'asc',
      limit: 100,
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 23).toISOString(),
      action: 'read',
      outcome: 'denied',
    });
    expect(localMidnightUtc('not a date')).toBeUndefined();
  });

  it('flips the order on the same column and starts a new column ascending (time descending)', () => {
    expect(nextSort({ sort: 'occurred_at', order: 'desc' }, 'occurred_at')).toEqual({ sort: 'occurred_at', order: 'asc' });
    expect(nextSort({ sort: 'occurred_at', order: 'desc' }, 'user_id')).toEqual({ sort: 'user_id', order: 'asc' });
    expect(nextSort({ sort: 'user_id', order: 'asc' }, 'occurred_at')).toEqual({ sort: 'occurred_at', order: 'desc' });
  });
});

describe('AuditPage', () => {
  it('sorts by a clicked column (aria-sort), filters, pages and exports with the same query', async () => {
    const m = mockFetch({
      'GET /api/v1/audit-events': (c) =>
        c.query.get('cursor') ? json({ items: [event(3)], next_cursor: null }) : json({ items: [event(1), event(2, { outcome: 'denied' })], next_cursor: 'c2' }),
      'GET /api/v1/audit/verify': json({ ok: false, events_checked: 1234, first_broken_seq: 17, problem: 'hash mismatch' }),
    });
    renderScreen(<AuditPage />, { route: '/audit' });
    const table = await screen.findByTestId('audit-table');
    const timeHeader = within(table).getByRole('columnheader', { name: /Time/ });
    expect(timeHeader).toHaveAttribute('aria-sort', 'descending');
    expect(m.calls[0]?.query.toString()).toBe('sort=occurred_at&order=desc&limit=100');

    await userEvent.click(within(table).getByRole('button', { name: 'User' }));
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: /User/ })).toHaveAttribute('aria-sort', 'ascending'));
    expect(timeHeader).toHaveAttribute('aria-sort', 'none');
    expect(m.calls.at(-1)?.query.get('sort')).toBe('user_id');
    expect(m.calls.at(-1)?.query.get('order')).toBe('asc');
    await userEvent.click(within(table).getByRole('button', { name: 'User' }));
    await waitFor(() => expect(m.calls.at(-1)?.query.get('order')).toBe('desc'));

    await userEvent.type(screen.getByLabelText(/^Action/), 'read');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'denied');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To (inclusive)'), { target: { value: '2026-11-22' } });
    const before = m.calls.length;
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(m.calls.length).toBe(before + 1));
    const q = m.calls.at(-1)!.query;
    expect(q.get('action')).toBe('read');
    expect(q.get('outcome')).toBe('denied');
    expect(q.get('from')).toBe(new Date(2026, 10, 1).toISOString());
    expect(q.get('to')).toBe(new Date(2026, 10, 23).toISOString());
    expect(q.get('sort')).toBe('user_id');

    const csv = screen.getByRole('link', { name: 'Export CSV' });
    const href = new URL(csv.getAttribute('href') ?? '', 'http://x');
    expect(href.pathname).toBe('/api/v1/audit-events.csv');
    expect(href.searchParams.get('action')).toBe('read');
    expect(href.searchParams.get('outcome')).toBe('denied');
    expect(href.searchParams.get('from')).toBe(q.get('from'));
    expect(href.searchParams.get('sort')).toBe('user_id');
    expect(href.searchParams.has('limit')).toBe(false);

    // Clicking a client id narrows to that client.
    await userEvent.click((await screen.findAllByRole('button', { name: 'client-1…' }))[0]!);
    await waitFor(() => expect(m.calls.at(-1)?.query.get('client_id')).toBe('client-1-aaaa-bbbb'));
    expect(screen.getByLabelText(/Client id/)).toHaveValue('client-1-aaaa-bbbb');

    await userEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('3 events')).toBeInTheDocument();
    expect(m.calls.at(-1)?.query.get('cursor')).toBe('c2');

    await userEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The audit trail has been tampered with');
    expect(alert).toHaveTextContent('First broken link at event #17');
  });

  it('says so when no events match', async () => {
    mockFetch({ 'GET /api/v1/audit-events': json({ items: [], next_cursor: null }) });
    renderScreen(<AuditPage />, { route: '/audit' });
    expect(await screen.findByText('No audit events yet')).toBeInTheDocument();
  });
});
