import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DIRECTOR_PERMISSIONS, client, session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { PlanChartSection } from './PlanChartSection';
import { PLANNER, plan } from './testData';

const render = (s = PLANNER) =>
  renderScreen(<PlanChartSection client={client()} />, {
    route: '/clients/client-1',
    path: '/clients/:id',
    session: s,
    extra: [{ path: '/clients/:id/plans/:pid', element: <h1>Plan editor</h1> }],
  });

describe('PlanChartSection', () => {
  it('starts the plan of a client in treatment and opens the editor', async () => {
    const m = mockFetch({
      'GET /api/v1/clients/client-1/plans': json({ items: [] }),
      'POST /api/v1/clients/client-1/plans': json(plan(), 201),
    });
    render();
    const section = await screen.findByRole('region', { name: 'Treatment plan' });
    expect(await within(section).findByText('No treatment plan')).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Start treatment plan' }));
    expect(await screen.findByRole('heading', { name: 'Plan editor' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/clients/client-1/plans')).toHaveLength(1);
  });

  it('shows the status, the overdue review in red words, and every version with its reason', async () => {
    mockFetch({
      'GET /api/v1/clients/client-1/plans': json({
        items: [
          plan({
            episode_id: client().current_episode?.id ?? null,
            current_version_no: 2,
            active_version_no: 2,
            next_review_due: '2020-01-01',
            versions: [
              { no: 1, status: 'superseded', reason: '', created_at: '2026-01-06T15:00:00.000Z', created_by_name: 'Priya Shah' },
              { no: 2, status: 'active', reason: 'Moved to the evening track', created_at: '2026-02-06T15:00:00.000Z', created_by_name: 'Priya Shah' },
            ],
          }),
        ],
      }),
    });
    render();
    const section = await screen.findByRole('region', { name: 'Treatment plan' });
    expect(await within(section).findByRole('link', { name: 'Treatment plan, version 2 active' })).toHaveAttribute('href', '/clients/client-1/plans/plan-1');
    expect(within(section).getByTestId('plan-due')).toHaveTextContent('Next review overdue since Jan 1, 2020');
    const rows = within(within(section).getByRole('table', { name: 'Treatment plan versions' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Version 2ActiveMoved to the evening track');
    expect(rows[2]).toHaveTextContent('Version 1SupersededInitial plan');
    expect(within(section).queryByRole('button', { name: 'Start treatment plan' })).not.toBeInTheDocument();
  });

  it('tells a role without plans.read that it cannot read plans (and asks nothing)', async () => {
    const m = mockFetch({});
    render(session({ permissions: DIRECTOR_PERMISSIONS }));
    expect(await screen.findByText('Your role does not include reading treatment plans.')).toBeInTheDocument();
    expect(m.calls).toHaveLength(0);
  });
});
