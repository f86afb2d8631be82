import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Consent } from '../../api/consents';
import { client } from '../../test/fixtures';
import { apiError, json, mockFetch, type MockReply } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { ConsentExpiryBanner, ConsentsChartSection } from './ConsentsChartSection';
import { consent, consentSession } from './testData';

const renderSection = () =>
  renderScreen(
    <>
      <ConsentExpiryBanner clientId="client-1" />
      <ConsentsChartSection client={client()} />
    </>,
    { session: consentSession() },
  );

function routes(consents: Consent[], extra: Record<string, MockReply | ((c: never) => MockReply)> = {}) {
  return mockFetch({
    'GET /api/v1/clients/client-1/consents': () => json({ items: consents }),
    'GET /api/v1/clients/client-1/court-orders': json({ items: [] }),
    ...(extra as Record<string, MockReply>),
  });
}

describe('ConsentsChartSection', () => {
  let created: string[];
  beforeEach(() => {
    created = [];
    URL.createObjectURL = vi.fn(() => {
      created.push('blob:1');
      return 'blob:1';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('lists consents with status, end, days left and disclosures, reading the list once for banner and section', async () => {
    const m = routes([
      consent({ disclosure_count: 2, days_to_expiry: 12, expiring_soon: true }),
      consent({ id: 'c-2', status: 'revoked', recipient: { kind: 'organization', category: 'employer', name: 'Acme Corp', organization: '', address: '', relationship: '' }, days_to_expiry: 40 }),
      consent({ id: 'c-3', status: 'draft', signed_on: null, signature: null }),
    ]);
    renderSection();
    const table = await screen.findByRole('table', { name: 'Consents' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Jane Smith (sister)');
    expect(rows[0]).toHaveTextContent('Active');
    expect(rows[0]).toHaveTextContent('May 1, 2027');
    expect(rows[0]).toHaveTextContent('12 days left');
    expect(within(rows[0] as HTMLElement).getByRole('cell', { name: '2' })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Acme Corp');
    expect(rows[1]).toHaveTextContent('Revoked');
    expect(rows[1]).not.toHaveTextContent('days left');
    expect(within(rows[2] as HTMLElement).getByRole('link', { name: 'Continue' })).toHaveAttribute('href', '/clients/client-1/consents/c-3');
    const banner = screen.getByTestId('consent-expiry-banner');
    expect(banner).toHaveTextContent('A consent ends soon');
    expect(banner).toHaveTextContent('Consent to share with Jane Smith (sister) ends May 1, 2027 (12 days left)');
    expect(m.callsTo('GET', '/api/v1/clients/client-1/consents')).toHaveLength(1);
  });

  it('revokes with the method, note and If-Match; the list then shows it revoked', async () => {
    let items = [consent({ version: 4 })];
    const m = routes([], {
      'GET /api/v1/clients/client-1/consents': () => json({ items }),
      'POST /api/v1/consents/c-1/revoke': () => {
        items = [consent({ version: 5, status: 'revoked' })];
        return json(items[0]);
      },
    } as never);
    renderSection();
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke consent' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke consent' }));
    expect(within(dialog).getByText('Choose how the client revoked the consent')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: /Spoken/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke consent' }));
    expect(within(dialog).getByText('Write down what the client said, and when')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/consents/c-1/revoke')).toHaveLength(0);
    await userEvent.type(within(dialog).getByLabelText(/^Note/), 'Told me on the phone she no longer wants her sister informed');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke consent' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Revoke consent' })).not.toBeInTheDocument());
    const call = m.callsTo('POST', '/api/v1/consents/c-1/revoke')[0];
    expect(call?.headers['if-match']).toBe('"4"');
    expect(call?.body).toMatchObject({ method: 'oral', note: 'Told me on the phone she no longer wants her sister informed' });
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
  });

  it('a refused release shows the reason in plain words and downloads nothing', async () => {
    const m = routes([consent({ status: 'revoked' })], {
      'POST /api/v1/clients/client-1/disclosures': apiError(403, 'permission_denied', 'the disclosure is not covered by a valid consent', [
        { field: 'consent_id', message: 'consent_revoked: the consent was revoked on 2026-11-21' },
      ]),
    });
    renderSection();
    await userEvent.click(await screen.findByRole('button', { name: 'Release information…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Release information' });
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Consent/), 'c-1');
    expect(within(dialog).getByLabelText(/^Recipient( \*)?$/)).toHaveValue('Jane Smith');
    expect(within(dialog).getByRole('checkbox', { name: 'Attendance' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Release' }));
    const refused = await within(dialog).findByTestId('release-refused');
    expect(refused).toHaveTextContent('Not released');
    expect(refused).toHaveTextContent('The client revoked this consent. Nothing more may be released under it.');
    expect(refused).toHaveTextContent('the consent was revoked on 2026-11-21');
    expect(created).toHaveLength(0);
    expect(m.callsTo('POST', '/api/v1/clients/client-1/disclosures')[0]?.body).toMatchObject({
      consent_id: 'c-1',
      recipient_name: 'Jane Smith',
      purpose: 'family_involvement',
      categories: ['attendance'],
      channel: 'pdf',
    });
  });

  it('a release under an active consent downloads the PDF and reloads the disclosure count', async () => {
    let count = 0;
    const m = mockFetch({
      'GET /api/v1/clients/client-1/consents': () => json({ items: [consent({ disclosure_count: count })] }),
      'GET /api/v1/clients/client-1/court-orders': json({ items: [] }),
      'POST /api/v1/clients/client-1/disclosures': () => {
        count += 1;
        return { status: 200, body: '%PDF-1.5', headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="disclosure-d1.pdf"' } };
      },
    });
    renderSection();
    await userEvent.click(await screen.findByRole('button', { name: 'Release information…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Release information' });
    expect(within(dialog).getByLabelText(/^Consent/)).toHaveValue('c-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Release' }));
    expect(await within(dialog).findByText(/The file disclosure-d1.pdf was downloaded/)).toBeInTheDocument();
    expect(created).toHaveLength(1);
    await waitFor(() => expect(m.callsTo('GET', '/api/v1/clients/client-1/consents')).toHaveLength(2));
  });

  it('a legal-proceedings release asks for the court order, and its refusal says a subpoena is not enough', async () => {
    routes([consent()], {
      'POST /api/v1/clients/client-1/disclosures': apiError(403, 'permission_denied', 'refused', [
        { field: 'court_order_id', message: 'court_order_required: no court order is recorded for this client' },
      ]),
    });
    renderSection();
    await userEvent.click(await screen.findByRole('button', { name: 'Release information…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Release information' });
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Purpose/), 'legal_proceedings');
    expect(within(dialog).getByLabelText(/^Court order/)).toHaveDisplayValue('No court order recorded');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Release' }));
    expect(await within(dialog).findByTestId('release-refused')).toHaveTextContent('a subpoena alone is not enough');
  });

  it('records a court order, naming missing fields first', async () => {
    const m = routes([], {
      'POST /api/v1/clients/client-1/court-orders': (c: { body: Record<string, string> }) => json({ id: 'o-1', version: 1, client_id: 'client-1', ...c.body }, 201),
    } as never);
    renderSection();
    await userEvent.click(await screen.findByRole('button', { name: 'Record court order' }));
    const form = screen.getByRole('form', { name: 'Record a court order' });
    await userEvent.click(within(form).getByRole('button', { name: 'Record court order' }));
    expect(within(form).getByText('Name the court')).toBeInTheDocument();
    await userEvent.type(within(form).getByLabelText(/^Court/), 'Hennepin County District Court');
    await userEvent.type(within(form).getByLabelText(/^Case number/), '27-CR-26-1234');
    await userEvent.type(within(form).getByLabelText(/^Date of the order/), '2026-11-01');
    await userEvent.type(within(form).getByLabelText(/^What the order authorizes/), 'Attendance records to the court');
    await userEvent.click(within(form).getByRole('button', { name: 'Record court order' }));
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/clients/client-1/court-orders')).toHaveLength(1));
    expect(m.callsTo('POST', '/api/v1/clients/client-1/court-orders')[0]?.body).toEqual({
      court: 'Hennepin County District Court',
      case_number: '27-CR-26-1234',
      order_date: '2026-11-01',
      description: 'Attendance records to the court',
    });
  });
});
