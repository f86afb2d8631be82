import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import type { Grant } from '../../api/types';
import { appRoutes } from '../../test/appMocks';
import { client, DIRECTOR_PERMISSIONS, session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';
import { reasonProblem } from './EmergencyAccess';

const nurse = session({ id: 'user-julia', username: 'julia', display_name: 'Julia Berg', roles: ['medical'], permissions: ['clients.read', 'emergency.use'] });

describe('Emergency access', () => {
  it('needs a reason of at least 10 characters', () => {
    expect(reasonProblem('   ')).toBe('Write why you need to open this record');
    expect(reasonProblem('overdose')).toBe('Write at least 10 characters (8 so far)');
    expect(reasonProblem('  overdosed!  ')).toBeNull();
  });

  it('offers emergency access on a chart outside the caseload, then shows the chart with a banner', async () => {
    const grants: Grant[] = [];
    const m = mockFetch(
      appRoutes(
        { session: nurse },
        {
          'GET /api/v1/clients/client-9': () => (grants.length ? json(client({ id: 'client-9' })) : apiError(404, 'not_found', 'no such client')),
          'GET /api/v1/clients/client-9/episodes': json({ items: [], next_cursor: null }),
          'GET /api/v1/emergency-access': () => json({ items: grants }),
          'POST /api/v1/emergency-access': (c) => {
            const body = c.body as { client_id: string; reason: string };
            const g = { id: 'g1', user_id: 'user-julia', client_id: body.client_id, reason: body.reason, started_at: new Date().toISOString(), expires_at: new Date(Date.now() + 3600_000).toISOString() };
            grants.push(g);
            return json(g, 201);
          },
        },
      ),
    );
    renderApp(<AppRoutes />, '/clients/client-9');
    expect(await screen.findByRole('heading', { level: 1, name: 'Client not found' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Emergency access' }));
    const dialog = await screen.findByRole('dialog', { name: 'Emergency access' });
    const reason = within(dialog).getByLabelText(/^Reason/);
    await userEvent.type(reason, 'seizure');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open the record' }));
    expect(await within(dialog).findByText('Write at least 10 characters (7 so far)')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/emergency-access')).toHaveLength(0);

    await userEvent.type(reason, ' in group, need medication list');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open the record' }));
    expect(await screen.findByTestId('chart-name')).toHaveTextContent('Mari Lopez');
    expect(m.callsTo('POST', '/api/v1/emergency-access')[0]?.body).toEqual({ client_id: 'client-9', reason: 'seizure in group, need medication list' });
    expect(screen.getByTestId('emergency-banner')).toHaveTextContent('seizure in group, need medication list');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Emergency access' })).not.toBeInTheDocument());
  });

  it('does not offer emergency access without the permission', async () => {
    mockFetch(appRoutes({ session: session({ permissions: DIRECTOR_PERMISSIONS }) }, { 'GET /api/v1/clients/client-9': apiError(404, 'not_found', 'no such client') }));
    renderApp(<AppRoutes />, '/clients/client-9');
    expect(await screen.findByRole('heading', { level: 1, name: 'Client not found' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Emergency access' })).not.toBeInTheDocument();
  });

  it('lets a privacy officer acknowledge alerts', async () => {
    let acked = false;
    const officer = session({ roles: ['privacy_officer'], permissions: ['clients.read', 'audit.read', 'alerts.read'] });
    mockFetch(
      appRoutes(
        { session: officer },
        {
          'GET /api/v1/alerts': () =>
            json({
              items: [
                { id: 'a1', kind: 'emergency_access', message: 'julia used emergency access', user_id: 'user-julia', client_id: 'client-9', created_at: '2026-11-22T15:00:00.000Z', acknowledged_at: acked ? '2026-11-22T15:05:00.000Z' : null },
              ],
            }),
          'POST /api/v1/alerts/a1/acknowledge': () => {
            acked = true;
            return { status: 204 };
          },
        },
      ),
    );
    renderApp(<AppRoutes />, '/alerts');
    expect(await screen.findByText('julia used emergency access')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByText('No alerts to review')).toBeInTheDocument();
  });
});
