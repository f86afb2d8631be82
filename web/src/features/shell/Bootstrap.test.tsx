import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { META, ORG } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';

const empty = json({ items: [], next_cursor: null });

describe('Bootstrap and shell', () => {
  it('shows first-run set-up when there is no organization, then the app', async () => {
    let created = false;
    const m = mockFetch({
      'GET /api/v1/meta': json(META),
      'GET /api/v1/organization': () => (created ? json(ORG) : apiError(404, 'not_found', 'no organization yet')),
      'POST /api/v1/organization': (c) => {
        created = true;
        return json({ ...ORG, ...(c.body as object) }, 201);
      },
      'GET /api/v1/clients': empty,
      'GET /api/v1/sites': empty,
      'GET /api/v1/programs': empty,
    });
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up your organization' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create organization' }));
    expect(await screen.findByText('Enter the organization’s name')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/Organization name/), 'Lakeside Recovery');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Time zone/ }), 'America/Denver');
    await userEvent.click(screen.getByRole('button', { name: 'Create organization' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/organization')[0]?.body).toEqual({ name: 'Lakeside Recovery', time_zone: 'America/Denver' });
    expect(screen.getByText('Lakeside Recovery')).toBeInTheDocument();
    expect(await screen.findByText('No clients yet')).toBeInTheDocument();
  });

  it('has a skip link, landmarks and navigation by care stage', async () => {
    mockFetch({
      'GET /api/v1/meta': json(META),
      'GET /api/v1/organization': json(ORG),
      'GET /api/v1/clients': empty,
      'GET /api/v1/sites': empty,
      'GET /api/v1/programs': empty,
    });
    renderApp(<AppRoutes />, '/clients?stage=treatment');
    expect(await screen.findByRole('heading', { level: 1, name: 'Clients: In treatment' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('banner')).toHaveTextContent('Stepwise');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    const labels = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(labels).toEqual(['Intake', 'Assessment', 'Orientation', 'In treatment', 'Aftercare', 'Discharged', 'All clients', 'Staff', 'Program set-up']);
    expect(within(nav).getByRole('link', { name: 'In treatment' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Intake' })).toHaveAttribute('href', '/clients?stage=intake');
    expect(await screen.findByText('No clients match stage “In treatment”')).toBeInTheDocument();
  });

  it('explains when the server cannot be reached and offers a retry', async () => {
    mockFetch({ 'GET /api/v1/meta': apiError(503, 'unavailable', 'the database is unavailable'), 'GET /api/v1/organization': json(ORG) });
    renderApp(<AppRoutes />, '/');
    expect(await screen.findByText('Stepwise could not start')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
