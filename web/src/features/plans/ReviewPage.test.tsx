import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { client } from '../../test/fixtures';
import { apiError, json, mockFetch, type RecordedCall } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { POLICY } from '../assessment/testData';
import { ReviewPage } from './ReviewPage';
import { PLANNER, content, plan, version } from './testData';

const ACTIVE = plan({ active_version_no: 1, status: 'active', next_review_due: '2026-02-06' });
const TWO_OBJECTIVES = content({
  objectives: [
    { id: 'o1', goal_id: 'g1', text: 'Attend three groups a week', target_date: '2026-02-15', measure: 'attendance' },
    { id: 'o2', goal_id: 'g1', text: 'Negative tests for 30 days', target_date: '2026-03-01', measure: 'drug tests' },
  ],
});

function routes(post: (c: RecordedCall) => ReturnType<typeof json>) {
  return {
    'GET /api/v1/plans/plan-1': json(ACTIVE),
    'GET /api/v1/plans/plan-1/versions/1': json(version({ status: 'active', ...TWO_OBJECTIVES })),
    'GET /api/v1/clients/client-1': json(client()),
    'GET /api/v1/level-of-care/policy': json(POLICY),
    'POST /api/v1/plans/plan-1/reviews': post,
  };
}

const render = () =>
  renderScreen(<ReviewPage />, {
    route: '/clients/client-1/plans/plan-1/review',
    path: '/clients/:id/plans/:pid/review',
    session: PLANNER,
    extra: [{ path: '/clients/:id/plans/:pid', element: <h1>Plan page</h1> }],
  });

describe('ReviewPage', { timeout: 60_000 }, () => {
  it('records progress per objective, the client’s view and a step-down with the ratings behind it', async () => {
    const m = mockFetch(routes((c) => json({ id: 'rev-1', plan_id: 'plan-1', ...(c.body as object) }, 201)));
    render();
    await screen.findByRole('heading', { level: 1, name: 'Plan review' });
    await userEvent.click(within(screen.getByTestId('review-objective-1.1')).getByRole('radio', { name: 'Met' }));
    await userEvent.click(within(screen.getByTestId('review-objective-1.2')).getByRole('radio', { name: 'Progressing' }));
    fireEvent.change(screen.getByLabelText('Note on objective 1.2'), { target: { value: 'Two negative tests so far' } });
    fireEvent.change(screen.getByLabelText(/How the client sees their progress/), { target: { value: 'I feel steadier and want fewer groups' } });
    await userEvent.click(screen.getByRole('radio', { name: 'Step down' }));
    await userEvent.selectOptions(screen.getByLabelText('Level of care after the review'), '1.0');
    await userEvent.click(within(screen.getByTestId('review-dimension-5')).getByRole('radio', { name: '1 mild' }));
    await userEvent.click(within(screen.getByTestId('review-dimension-6')).getByRole('radio', { name: '0 none' }));
    fireEvent.change(screen.getByLabelText(/^Rationale/), { target: { value: 'Relapse risk now mild; stable home' } });
    await userEvent.click(screen.getByRole('button', { name: 'Record review' }));
    expect(await screen.findByRole('heading', { name: 'Plan page' }, { timeout: 5000 })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/plans/plan-1/reviews')[0]?.body).toEqual({
      objectives: [
        { objective_id: 'o1', status: 'met', note: '' },
        { objective_id: 'o2', status: 'progressing', note: 'Two negative tests so far' },
      ],
      client_view: 'I feel steadier and want fewer groups',
      level_of_care: {
        direction: 'step_down',
        level: '1.0',
        ratings: [
          { dimension: 5, rating: 1 },
          { dimension: 6, rating: 0 },
        ],
        rationale: 'Relapse risk now mild; stable home',
      },
    });
  });

  it('shows the server’s field errors beside the objective, the client’s view and the rationale; stays on the form', async () => {
    mockFetch(
      routes(() =>
        apiError(400, 'invalid', 'the review has errors', [
          { field: 'objectives[1].status', message: 'must be met, progressing, not_progressing or revised' },
          { field: 'client_view', message: 'is required' },
          { field: 'level_of_care.rationale', message: 'is required for a step up or down' },
        ]),
      ),
    );
    render();
    await screen.findByRole('heading', { level: 1, name: 'Plan review' });
    await userEvent.click(screen.getByRole('radio', { name: 'Step up' }));
    await userEvent.click(screen.getByRole('button', { name: 'Record review' }));
    expect(await screen.findByText('must be met, progressing, not_progressing or revised')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText(/How the client sees their progress/)).toHaveAccessibleDescription(/is required/));
    expect(screen.getByLabelText(/^Rationale/)).toHaveAccessibleDescription(/is required for a step up or down/);
    expect(screen.getByRole('alert')).toHaveTextContent('the review has errors');
    expect(screen.queryByRole('heading', { name: 'Plan page' })).not.toBeInTheDocument();
  });

  it('says so when the plan has no signed version to review', async () => {
    mockFetch({ ...routes(() => json({})), 'GET /api/v1/plans/plan-1': json(plan()) });
    render();
    expect(await screen.findByText('Nothing to review yet')).toBeInTheDocument();
  });
});
