import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { appRoutes, emptyPage } from '../../test/appMocks';
import { META, ORG, session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';

describe('Bootstrap and shell', () => {
  it('first run creates the organization and the first administrator, then asks for two-step set-up', async () => {
    let setUp = false;
    const admin = session({ username: 'alice', display_name: 'Alice Admin', roles: ['administrator'], permissions: ['users.admin'], mfa_enabled: false });
    const m = mockFetch({
      'GET /api/v1/meta': json(META),
      'GET /api/v1/setup': () => json({ needs_first_user: !setUp, needs_organization: !setUp }),
      'POST /api/v1/setup': () => {
        setUp = true;
        return json({}, 201);
      },
      'GET /api/v1/session': () => (setUp ? json(admin) : apiError(401, 'unauthenticated', 'sign in first')),
    });
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up Stepwise' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create administrator' }));
    expect(await screen.findByText('Enter the organization’s name')).toBeInTheDocument();
    expect(screen.getByText('Enter a password')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/Organization name/), 'Lakeside Recovery');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Time zone/ }), 'America/Denver');
    await userEvent.type(screen.getByLabelText(/Your name/), 'Alice Admin');
    await userEvent.type(screen.getByLabelText(/^Username/), 'alice');
    await userEvent.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await userEvent.type(screen.getByLabelText(/Confirm password/), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Create administrator' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Set up two-step sign-in' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/setup')[0]?.body).toEqual({
      organization: { name: 'Lakeside Recovery', time_zone: 'America/Denver' },
      user: { display_name: 'Alice Admin', username: 'alice', password: 'correct horse battery' },
    });
  });

  it('a signed-in user without an organization who may create one gets the organization form', async () => {
    let created = false;
    const admin = session({ roles: ['administrator'], permissions: ['organization.setup', 'organization.read', 'program.read', 'staff.read'] });
    const m = mockFetch(
      appRoutes(
        { session: admin },
        {
          'GET /api/v1/setup': json({ needs_first_user: false, needs_organization: true }),
          'GET /api/v1/organization': () => (created ? json(ORG) : apiError(404, 'not_found', 'no organization yet')),
          'POST /api/v1/organization': (c) => {
            created = true;
            return json({ ...ORG, ...(c.body as object) }, 201);
          },
          'GET /api/v1/staff': emptyPage,
        },
      ),
    );
    renderApp(<AppRoutes />, '/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up your organization' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Organization name/), 'Lakeside Recovery');
    await userEvent.click(screen.getByRole('button', { name: 'Create organization' }));
    // An administrator has no client access: home is the first area they may open.
    expect(await screen.findByRole('heading', { level: 1, name: 'Staff' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/organization')[0]?.body).toMatchObject({ name: 'Lakeside Recovery' });
  });

  it('has a skip link, landmarks, navigation by care stage and the user menu', async () => {
    mockFetch(appRoutes());
    renderApp(<AppRoutes />, '/clients?stage=treatment');
    expect(await screen.findByRole('heading', { level: 1, name: 'Clients: In treatment' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('banner')).toHaveTextContent('Stepwise');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    const labels = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(labels).toEqual(['Dashboard', 'Intake', 'Assessment', 'Orientation', 'In treatment', 'Aftercare', 'Discharged', 'All clients', 'Staff', 'Program set-up', 'Documents']);
    expect(within(nav).getByRole('link', { name: 'In treatment' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Intake' })).toHaveAttribute('href', '/clients?stage=intake');
    expect(await screen.findByText('No clients match stage “In treatment”')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Account menu for Karen Olson' })).toBeInTheDocument();
  });

  it('shows the sign-in page when there is no session', async () => {
    mockFetch(appRoutes({ session: null }));
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Primary' })).not.toBeInTheDocument();
  });

  it('explains when the server cannot be reached and offers a retry', async () => {
    mockFetch({ 'GET /api/v1/meta': apiError(503, 'unavailable', 'the database is unavailable'), 'GET /api/v1/setup': json({ needs_first_user: false, needs_organization: false }) });
    renderApp(<AppRoutes />, '/');
    expect(await screen.findByText('Stepwise could not start')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
