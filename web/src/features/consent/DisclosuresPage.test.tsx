import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountingEntry } from '../../api/consents';
import { client } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { DisclosuresPage } from './DisclosuresPage';
import { ExpiringConsentsCard } from './ExpiringConsentsCard';
import { consent, consentSession } from './testData';

function entry(over: Partial<AccountingEntry> = {}): AccountingEntry {
  return {
    id: 'd-1',
    disclosed_at: '2026-06-02T15:04:00.000Z',
    recipient_name: 'Jane Smith',
    recipient_address: '12 Elm St',
    description: 'Attendance dates since admission',
    categories: ['attendance'],
    purpose: 'family_involvement',
    purpose_label: 'Family involvement in treatment',
    user_name: 'Priya Shah',
    consent_id: 'c-1',
    consent_status_now: 'revoked',
    channel: 'pdf',
    ...over,
  };
}

describe('DisclosuresPage (accounting of disclosures)', () => {
  it('lists every field of each disclosure in the 3-year window, and switches to 6 years', async () => {
    const m = mockFetch({
      'GET /api/v1/clients/client-1': json(client()),
      'GET /api/v1/clients/client-1/disclosures': (c) =>
        c.query.get('years') === '6'
          ? json({ items: [entry(), entry({ id: 'd-0', disclosed_at: '2021-03-01T10:00:00.000Z', recipient_name: 'Acme Corp', channel: 'csv', consent_status_now: 'expired' })], window_start: '2020-11-22', window_end: '2026-11-22' })
          : json({ items: [entry()], window_start: '2023-11-22', window_end: '2026-11-22' }),
    });
    renderScreen(<DisclosuresPage />, { route: '/clients/client-1/disclosures', path: '/clients/:id/disclosures', session: consentSession() });
    const table = await screen.findByRole('table', { name: 'Disclosures' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    for (const text of ['Jun 2, 2026', 'Jane Smith', '12 Elm St', 'Attendance dates since admission', 'Attendance', 'Family involvement in treatment', 'Priya Shah', 'PDF']) {
      expect(rows[0]).toHaveTextContent(text);
    }
    // Revoking the consent does not remove what was disclosed under it.
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Consent (revoked now)' })).toHaveAttribute('href', '/clients/client-1/consents/c-1');
    expect(screen.getByText(/Mari Lopez · Nov 22, 2023 to Nov 22, 2026/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'PDF for the client' })).toHaveAttribute('href', '/api/v1/clients/client-1/disclosures/report.pdf?years=3');

    await userEvent.click(screen.getByText('Last 6 years'));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Disclosures' })).getAllByRole('row')).toHaveLength(3));
    expect(screen.getByRole('link', { name: 'PDF for the client' })).toHaveAttribute('href', '/api/v1/clients/client-1/disclosures/report.pdf?years=6');
    expect(screen.getByText('Acme Corp')).toBeInTheDocument();
    expect(screen.getByText('CSV file')).toBeInTheDocument();
    expect(m.calls.filter((c) => c.path === '/api/v1/clients/client-1/disclosures').map((c) => c.query.get('years'))).toEqual(['3', '6']);
  });

  it('says plainly when nothing was disclosed', async () => {
    mockFetch({
      'GET /api/v1/clients/client-1': json(client()),
      'GET /api/v1/clients/client-1/disclosures': json({ items: [], window_start: '2023-11-22', window_end: '2026-11-22' }),
    });
    renderScreen(<DisclosuresPage />, { route: '/clients/client-1/disclosures', path: '/clients/:id/disclosures', session: consentSession() });
    expect(await screen.findByText('No disclosures in this period')).toBeInTheDocument();
  });
});

describe('ExpiringConsentsCard', () => {
  it('lists consents ending soon, soonest first, linking to the chart', async () => {
    const m = mockFetch({
      'GET /api/v1/consents/expiring': json({
        items: [
          { ...consent({ id: 'c-2', days_to_expiry: 20, expiration: { kind: 'date', date: '2026-12-12', event: '' } }), client_name: 'Ben Ortiz', client_id: 'client-2' },
          { ...consent({ days_to_expiry: 3, expiration: { kind: 'date', date: '2026-11-25', event: '' } }), client_name: 'Mari Lopez' },
        ],
      }),
    });
    renderScreen(<ExpiringConsentsCard />, { session: consentSession() });
    const table = await screen.findByRole('table', { name: 'Consents ending soon' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Mari Lopez');
    expect(rows[0]).toHaveTextContent('Nov 25, 2026 (3 days left)');
    expect(rows[1]).toHaveTextContent('Ben Ortiz');
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: 'Ben Ortiz' })).toHaveAttribute('href', '/clients/client-2#consents');
    expect(m.callsTo('GET', '/api/v1/consents/expiring')[0]?.query.get('within_days')).toBe('30');
  });
});
