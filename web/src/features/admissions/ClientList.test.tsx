import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PROGRAM, SITE, TRACK, summary } from '../../test/fixtures';
import { apiError, json, mockFetch, type MockReply } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { useLocation } from 'react-router';
import { ClientList } from './ClientList';

function WithLocation() {
  const location = useLocation();
  return (
    <>
      <ClientList />
      <output data-testid="location">{location.pathname + location.search}</output>
    </>
  );
}

const catalog: Record<string, MockReply> = {
  'GET /api/v1/sites': json({ items: [SITE], next_cursor: null }),
  'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
  'GET /api/v1/programs/prog-1/tracks': json({ items: [TRACK], next_cursor: null }),
};

const maria = summary();
const david = summary({
  id: 'client-2',
  mrn: 'SW-000002',
  legal_name: { given: 'David', middle: '', family: 'Anderson' },
  preferred_name: '',
  pronouns: 'he/him',
  stage: 'intake',
  track_name: null,
  counselor_name: null,
});

describe('ClientList', () => {
  it('lists clients with name, legal name, MRN, stage, track and counselor, each linking to the chart', async () => {
    mockFetch({ ...catalog, 'GET /api/v1/clients': json({ items: [david, maria], next_cursor: null }) });
    renderScreen(<ClientList />, { route: '/clients', path: '/clients' });

    expect(screen.getByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'Mari Lopez' });
    expect(link).toHaveAttribute('href', '/clients/client-1');
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Legal name: Maria A. Lopez')).toBeInTheDocument();
    expect(within(row).getByText('SW-000001')).toBeInTheDocument();
    expect(within(row).getByText('Treatment')).toBeInTheDocument();
    expect(within(row).getByText('Morning track')).toBeInTheDocument();
    expect(within(row).getByText('Priya Shah')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'David Anderson' })).toHaveAttribute('href', '/clients/client-2');
    expect(screen.getByText('2 clients')).toBeInTheDocument();
  });

  it('searches by name with q after a short pause', async () => {
    const m = mockFetch({
      ...catalog,
      'GET /api/v1/clients': (c) => json({ items: c.query.get('q') === 'Maria Lopez' ? [maria] : [david, maria], next_cursor: null }),
    });
    renderScreen(<ClientList />, { route: '/clients', path: '/clients' });
    await screen.findByRole('link', { name: 'David Anderson' });

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search clients' }), 'Maria Lopez');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'David Anderson' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Mari Lopez' })).toBeInTheDocument();
    const queries = m.callsTo('GET', '/api/v1/clients').map((c) => c.query.get('q'));
    expect(queries).toContain('Maria Lopez');
    // Debounced: not one request per keystroke.
    expect(queries.length).toBeLessThan(5);
  });

  it('keeps the search text out of the URL (it is PHI), and takes an old ?q= out of it', async () => {
    mockFetch({ ...catalog, 'GET /api/v1/clients': (c) => json({ items: c.query.get('q') ? [maria] : [david, maria], next_cursor: null }) });
    renderScreen(<WithLocation />, { route: '/clients?stage=treatment&q=Lopez', path: '/clients' });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/clients\?stage=treatment$/));
    expect(screen.getByRole('searchbox', { name: 'Search clients' })).toHaveValue('Lopez');
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search clients' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search clients' }), 'Maria Lopez');
    await screen.findByRole('link', { name: 'Mari Lopez' });
    expect(screen.getByTestId('location').textContent).not.toMatch(/Maria|Lopez|q=/);
  });

  it('filters by stage and track from the URL and the selects', async () => {
    const m = mockFetch({ ...catalog, 'GET /api/v1/clients': json({ items: [david], next_cursor: null }) });
    renderScreen(<ClientList />, { route: '/clients?stage=intake', path: '/clients' });
    expect(screen.getByRole('heading', { level: 1, name: 'Clients: Intake' })).toBeInTheDocument();
    await screen.findByRole('link', { name: 'David Anderson' });
    expect(m.callsTo('GET', '/api/v1/clients')[0]?.query.get('stage')).toBe('intake');

    await screen.findByRole('option', { name: 'Morning track' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Track' }), 'track-1');
    await waitFor(() => {
      const last = m.callsTo('GET', '/api/v1/clients').at(-1);
      expect(last?.query.get('track_id')).toBe('track-1');
      expect(last?.query.get('stage')).toBe('intake');
    });
  });

  it('shows a clear empty state naming the search', async () => {
    mockFetch({ ...catalog, 'GET /api/v1/clients': json({ items: [], next_cursor: null }) });
    renderScreen(<ClientList />, { route: '/clients?q=Zed&stage=aftercare', path: '/clients' });
    expect(await screen.findByText('No clients match “Zed”, stage “Aftercare”')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'clear the search and filters' })).toHaveAttribute('href', '/clients');
  });

  it('loads more with next_cursor and appends', async () => {
    const m = mockFetch({
      ...catalog,
      'GET /api/v1/clients': (c) =>
        c.query.get('cursor') === 'cur-2' ? json({ items: [maria], next_cursor: null }) : json({ items: [david], next_cursor: 'cur-2' }),
    });
    renderScreen(<ClientList />, { route: '/clients', path: '/clients' });
    await screen.findByRole('link', { name: 'David Anderson' });
    expect(screen.getByText('1+ client (more available)')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Mari Lopez' });
    expect(screen.getByRole('link', { name: 'David Anderson' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(m.callsTo('GET', '/api/v1/clients').at(-1)?.query.get('limit')).toBe('50');
  });

  it('shows loading, then an error with a retry that recovers', async () => {
    let fail = true;
    mockFetch({
      ...catalog,
      'GET /api/v1/clients': () =>
        fail ? apiError(503, 'unavailable', 'the database is busy') : json({ items: [maria], next_cursor: null }),
    });
    renderScreen(<ClientList />, { route: '/clients', path: '/clients' });
    expect(screen.getByText('Loading clients…')).toBeInTheDocument();
    expect(await screen.findByText('the database is busy')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load clients');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Mari Lopez' })).toBeInTheDocument();
  });
});
