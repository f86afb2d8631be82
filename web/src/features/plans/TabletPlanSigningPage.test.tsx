import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { client } from '../../test/fixtures';
import { apiError, json, mockFetch, type Handler } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { tabletLock } from '../assessment/tabletLock';
import { TabletPlanSigningPage } from './TabletPlanSigningPage';
import { PLANNER, plan, version } from './testData';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

function routes(sign: Handler, preview: Handler = () => json({ text: 'TREATMENT PLAN\nGoal 1: I want to stop drinking', content_sha256: 'hash-1' })) {
  return {
    'GET /api/v1/plans/plan-1': json(plan()),
    'GET /api/v1/plans/plan-1/versions/1': json(version({ version: 4 })),
    'GET /api/v1/plans/plan-1/versions/1/preview': preview,
    'GET /api/v1/clients/client-1': json(client()),
    'POST /api/v1/plans/plan-1/versions/1/sign': sign,
    'POST /api/v1/me/verify-password': { status: 204 },
  };
}

const render = () =>
  renderScreen(<TabletPlanSigningPage />, {
    route: '/tablet/plans/plan-1/versions/1',
    path: '/tablet/plans/:pid/versions/:no',
    session: PLANNER,
    extra: [{ path: '/clients/:id/plans/:pid', element: <h1>Plan page</h1> }],
  });

async function signTyped() {
  const pad = await screen.findByTestId('signature-client');
  await userEvent.click(within(pad).getByRole('button', { name: 'Type name instead' }));
  await userEvent.click(within(pad).getByRole('checkbox', { name: /sign with this typed name/ }));
  await userEvent.click(screen.getByRole('button', { name: 'Sign my plan' }));
}

describe('TabletPlanSigningPage', { timeout: 30_000 }, () => {
  it('the client reads the plan text and signs with its hash; staff unlock with their password and go back to the plan', async () => {
    const m = mockFetch(routes(() => json(version({ status: 'awaiting_signatures' }))));
    render();
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Mari' })).toBeInTheDocument();
    expect(screen.getByTestId('plan-text')).toHaveTextContent('Goal 1: I want to stop drinking');
    expect(tabletLock.get()).toBe('/tablet/plans/plan-1/versions/1');
    expect(within(screen.getByTestId('signature-client')).getByLabelText(/Full name of the signer/)).toHaveValue('Maria A. Lopez');
    await signTyped();
    expect(await screen.findByRole('heading', { name: 'Signed — please hand the tablet back' })).toBeInTheDocument();
    const post = m.callsTo('POST', '/api/v1/plans/plan-1/versions/1/sign')[0];
    expect(post?.body).toEqual({ content_sha256: 'hash-1', signature: { role: 'client', signer_name: 'Maria A. Lopez', method: 'typed' } });
    expect(post?.headers['if-match']).toBe('"4"');
    await userEvent.click(screen.getByRole('button', { name: 'Staff: continue' }));
    await userEvent.type(await screen.findByLabelText(/Your password/), 'staff-password');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { name: 'Plan page' })).toBeInTheDocument();
    expect(tabletLock.get()).toBeNull();
  });

  it('a plan without goals cannot be signed: the server’s reason is shown and the tablet stays on the plan', async () => {
    mockFetch(routes(() => apiError(400, 'invalid', 'the plan cannot be signed yet', [{ field: 'goals', message: 'a plan needs at least one goal before it is signed' }])));
    render();
    await signTyped();
    expect(await screen.findByText(/a plan needs at least one goal before it is signed/)).toBeInTheDocument();
    expect(screen.getByTestId('plan-text')).toBeInTheDocument();
    tabletLock.unlock();
  });

  it('a plan changed since it was shown (409) is not signed: the new text is shown to read again', async () => {
    let text = 'TREATMENT PLAN\nGoal 1: old words';
    mockFetch(
      routes(
        () => apiError(409, 'conflict', 'the plan changed since it was shown', [{ field: 'content_sha256', message: 'does not match the plan' }]),
        () => json({ text, content_sha256: text === 'TREATMENT PLAN\nGoal 1: old words' ? 'hash-1' : 'hash-2' }),
      ),
    );
    render();
    await signTyped();
    expect(await screen.findByText('The plan changed — nothing was signed')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign my plan' })).toBeDisabled();
    text = 'TREATMENT PLAN\nGoal 1: new words';
    await userEvent.click(screen.getByRole('button', { name: 'Show the new version' }));
    await waitFor(() => expect(screen.getByTestId('plan-text')).toHaveTextContent('Goal 1: new words'));
    tabletLock.unlock();
  });
});
