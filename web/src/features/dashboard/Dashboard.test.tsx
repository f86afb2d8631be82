import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { appRoutes } from '../../test/appMocks';
import { DIRECTOR_PERMISSIONS, session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';
import { sortDue } from '../plans/PlansDueCard';

const DUE = [
  { client_id: 'c-a', client_name: 'Ann Avery', plan_id: 'plan-a', kind: 'review', due_on: '2026-12-01', overdue: false, counselor_name: 'Priya Shah' },
  { client_id: 'c-b', client_name: 'Bo Baker', plan_id: null, kind: 'initial', due_on: '2026-11-20', overdue: true, counselor_name: 'Priya Shah' },
  { client_id: 'c-c', client_name: 'Cy Cole', plan_id: 'plan-c', kind: 'review', due_on: '2026-11-10', overdue: true, counselor_name: 'Sam Ortiz' },
  { client_id: 'c-d', client_name: 'Di Dunn', plan_id: 'plan-d', kind: 'initial', due_on: '2026-11-28', overdue: false, counselor_name: '' },
] as const;

function start(permissions: string[], due: unknown[] = [...DUE]) {
  const m = mockFetch(appRoutes({ session: session({ permissions }) }, { 'GET /api/v1/plans/due': json({ items: due }) }));
  renderApp(<AppRoutes />, '/');
  return m;
}

describe('Dashboard', { timeout: 30_000 }, () => {
  it('is the home page for staff with clients: plans due, overdue first (longest overdue on top), each linking to the work', async () => {
    const m = start([...DIRECTOR_PERMISSIONS, 'plans.read']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' }, { timeout: 5000 })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Plans due' }, { timeout: 5000 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['Cy Cole', 'Bo Baker', 'Di Dunn', 'Ann Avery']);
    expect(within(rows[0]!).getByText('Overdue since Nov 10, 2026')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Plan review')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Initial plan')).toBeInTheDocument();
    expect(within(rows[0]!).getByRole('link', { name: 'Cy Cole' })).toHaveAttribute('href', '/clients/c-c/plans/plan-c/review');
    expect(within(rows[1]!).getByRole('link', { name: 'Bo Baker' })).toHaveAttribute('href', '/clients/c-b#treatment-plan');
    expect(within(rows[2]!).getByRole('link', { name: 'Di Dunn' })).toHaveAttribute('href', '/clients/c-d/plans/plan-d');
    expect(screen.getByText(/2 overdue/)).toBeInTheDocument();
    expect(m.callsTo('GET', '/api/v1/plans/due')[0]?.query.get('within_days')).toBe('14');
  });

  it('says plainly when nothing is due', async () => {
    start([...DIRECTOR_PERMISSIONS, 'plans.read'], []);
    expect(await screen.findByText('Nothing due', {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('shows no plans card (and asks nothing) to a role without plans.read', async () => {
    const m = start(['clients.read', 'organization.read']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Plans due' })).not.toBeInTheDocument();
    expect(m.callsTo('GET', '/api/v1/plans/due')).toHaveLength(0);
  });

  it('sorts overdue before upcoming, each by date', () => {
    expect(sortDue([...DUE]).map((d) => d.client_id)).toEqual(['c-c', 'c-b', 'c-d', 'c-a']);
  });
});
