import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import type { InstrumentResponse } from '../../api/assessments';
import { appRoutes } from '../../test/appMocks';
import { DIRECTOR_PERMISSIONS, client, session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';
import { tabletLock } from './tabletLock';
import { PHQ9, phq9Response, scorePhq9 } from './testData';

const CLINICIAN = session({ permissions: [...DIRECTOR_PERMISSIONS, 'assessments.read', 'assessments.write'] });

function routes(start: InstrumentResponse, extra = {}) {
  let rec = start;
  return appRoutes(
    { session: CLINICIAN },
    {
      'GET /api/v1/instrument-responses/resp-1': () => json(rec),
      'GET /api/v1/instruments': json({ items: [PHQ9] }),
      'GET /api/v1/clients/client-1': json(client()),
      'GET /api/v1/safety-alerts': json({ items: [] }),
      'PATCH /api/v1/instrument-responses/resp-1': (c) => {
        const answers = { ...rec.answers, ...(c.body as { answers: Record<string, string> }).answers };
        rec = { ...rec, version: rec.version + 1, answers, scoring: scorePhq9(answers) };
        return json(rec);
      },
      'POST /api/v1/instrument-responses/resp-1/complete': () => {
        rec = { ...rec, version: rec.version + 1, status: 'complete', completed_at: '2026-03-01T15:10:00.000Z' };
        return json(rec);
      },
      ...extra,
    },
  );
}

const all = { q1: '1', q2: '1', q3: '0', q4: '0', q5: '0', q6: '0', q7: '0', q8: '0', q9: '1', q10: '0' };

describe('Tablet mode', () => {
  it('is full screen without app navigation or header, and shows no personal details but the first name', async () => {
    const start = phq9Response({ completed_by: 'client', client_first_name: undefined });
    mockFetch(routes(start));
    renderApp(<AppRoutes />, '/tablet/responses/resp-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Mari' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(screen.queryByRole('banner')).not.toBeInTheDocument();
    expect(screen.queryByTestId('user-menu')).not.toBeInTheDocument();
    const page = document.body.textContent ?? '';
    for (const phi of ['Lopez', 'Maria', 'SW-000001', '1988', 'Northstar']) expect(page).not.toContain(phi);
    expect(screen.queryByTestId('live-score')).not.toBeInTheDocument();
    // Large touch targets: answers are cards, not small radios.
    const q1 = screen.getByRole('radiogroup', { name: /^1\. / });
    expect(within(q1).getAllByRole('radio')).toHaveLength(4);
    expect(tabletLock.get()).toBe('resp-1');
  });

  it('ends with "Done — please hand the tablet back", and staff screens stay locked until the password is confirmed', async () => {
    let verified = 0;
    const m = mockFetch(
      routes(phq9Response({ completed_by: 'client', answers: all, scoring: scorePhq9(all) }), {
        'POST /api/v1/me/verify-password': (c: { body: unknown }) => {
          if ((c.body as { password: string }).password !== 'right-password') {
            return apiError(400, 'invalid_argument', 'check the fields', [{ field: 'password', message: 'is not your password' }]);
          }
          verified += 1;
          return { status: 204 };
        },
      }),
    );
    renderApp(<AppRoutes />, '/tablet/responses/resp-1');
    await userEvent.click(await screen.findByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('heading', { name: 'Done — please hand the tablet back' })).toBeInTheDocument();
    expect(screen.getByText('Thank you, Mari. Your answers have been saved.')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/instrument-responses/resp-1/complete')).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Staff: leave tablet mode' }));
    const dialog = await screen.findByRole('dialog', { name: 'Staff: leave tablet mode' });
    await userEvent.type(within(dialog).getByLabelText(/Your password/), 'wrong');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(within(dialog).getByLabelText(/Your password/)).toHaveAccessibleDescription(/is not your password/));
    expect(tabletLock.get()).toBe('resp-1');

    await userEvent.clear(within(dialog).getByLabelText(/Your password/));
    await userEvent.type(within(dialog).getByLabelText(/Your password/), 'right-password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    // Back on the staff page for this response, with the app's navigation.
    expect(await screen.findByRole('heading', { level: 1, name: 'PHQ-9' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Primary' })).toBeInTheDocument();
    expect(verified).toBe(1);
    expect(tabletLock.get()).toBeNull();
  });

  it('while locked, any staff address leads back to the tablet form', async () => {
    mockFetch(routes(phq9Response({ completed_by: 'client' })));
    tabletLock.lock('resp-1');
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Mari' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Primary' })).not.toBeInTheDocument();
  });
});
