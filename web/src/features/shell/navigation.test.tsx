import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { appRoutes } from '../../test/appMocks';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';
import { homePath, navSections } from './navigation';

const CLIENT_LINKS = ['Intake', 'Assessment', 'Orientation', 'In treatment', 'Aftercare', 'Discharged', 'All clients'];

async function navLabels(permissions: string[], route = '/'): Promise<string[]> {
  mockFetch(
    appRoutes(
      { session: session({ permissions }) },
      {
        'GET /api/v1/users': json({ items: [] }),
        'GET /api/v1/roles': json({ roles: [], permissions: [] }),
        'GET /api/v1/audit-events': json({ items: [], next_cursor: null }),
        'GET /api/v1/staff': json({ items: [], next_cursor: null }),
      },
    ),
  );
  renderApp(<AppRoutes />, route);
  const nav = await screen.findByRole('navigation', { name: 'Primary' });
  return within(nav).getAllByRole('link').map((a) => a.textContent ?? '');
}

describe('Navigation by permission', () => {
  it('computes the sections and the home page from permissions', () => {
    expect(navSections([])).toMatchObject({ dashboard: false, admissions: false, clients: false, organization: [], privacy: [] });
    expect(navSections([]).calendar).toBe(false);
    expect(navSections(['schedule.read']).calendar).toBe(true);
    expect(navSections([]).testing).toBe(false);
    expect(navSections(['testing.read']).testing).toBe(true);
    expect(homePath(['users.admin', 'staff.read'])).toBe('/users');
    expect(homePath(['clients.read', 'audit.read'])).toBe('/');
    expect(homePath([])).toBe('/account');
  });

  it('an intake specialist lands on the dashboard and sees Admissions above the client stages', async () => {
    const labels = await navLabels(['admissions.read', 'admissions.write', 'clients.read']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(labels).toEqual(['Dashboard', 'Admissions', ...CLIENT_LINKS]);
  });

  it('a privacy officer sees clients, the audit trail and alerts, not user administration', async () => {
    const labels = await navLabels(['clients.read', 'program.read', 'staff.read', 'audit.read', 'alerts.read']);
    expect(labels).toEqual(['Dashboard', ...CLIENT_LINKS, 'Staff', 'Program set-up', 'Audit trail', 'Privacy alerts']);
  });

  it('an administrator sees users and set-up but no clients, and lands on Users and roles', async () => {
    const labels = await navLabels(['program.read', 'staff.read', 'users.admin', 'organization.read']);
    expect(labels).toEqual(['Staff', 'Program set-up', 'Users and roles']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Users and roles' })).toBeInTheDocument();
  });

  it('a front-desk user sees the dashboard and the client list, and a page outside their access says so', async () => {
    const labels = await navLabels(['clients.read', 'organization.read'], '/audit');
    expect(labels).toEqual(['Dashboard', ...CLIENT_LINKS]);
    expect(await screen.findByRole('heading', { level: 1, name: 'No access' })).toBeInTheDocument();
  });
});
