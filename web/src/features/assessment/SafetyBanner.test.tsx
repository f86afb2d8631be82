import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SafetyAlert } from '../../api/assessments';
import { DIRECTOR_PERMISSIONS, session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { SafetyAlertIndicator } from './SafetyAlertIndicator';
import { SafetyBanner } from './SafetyBanner';

const CLINICIAN = session({ permissions: [...DIRECTOR_PERMISSIONS, 'assessments.read', 'assessments.write'] });

const ALERT: SafetyAlert = {
  id: 'alert-1',
  client_id: 'client-1',
  client_name: 'Mari Lopez',
  kind: 'phq9_item9',
  label: 'PHQ-9 item 9 above 0',
  severity: 'urgent',
  raised_at: '2026-03-01T15:10:00.000Z',
  response_id: 'resp-1',
  status: 'open',
  assigned_to_name: 'Priya Shah',
};

describe('SafetyBanner', () => {
  it('shows an open alert in red until the safety response is recorded; the note is required', async () => {
    let status: 'open' | 'resolved' = 'open';
    const m = mockFetch({
      'GET /api/v1/clients/client-1/safety-alerts': () => json({ items: [{ ...ALERT, status }] }),
      'GET /api/v1/assessment-options': json({
        safety_actions: [
          { code: 'safety_plan', label: 'Safety plan made or reviewed' },
          { code: 'crisis_line_988', label: '988 Suicide & Crisis Lifeline given' },
        ],
      }),
      'POST /api/v1/safety-alerts/alert-1/respond': (c) => {
        const body = c.body as { actions: string[]; note: string };
        if (!body.note) return apiError(400, 'invalid_argument', 'check the fields', [{ field: 'note', message: 'is required' }]);
        status = 'resolved';
        return json({ ...ALERT, status: 'resolved', ...body });
      },
    });
    renderScreen(<SafetyBanner clientId="client-1" />, { session: CLINICIAN });
    const banner = await screen.findByTestId('safety-banner');
    expect(banner).toHaveTextContent('Safety alert: PHQ-9 item 9 above 0');
    await userEvent.click(within(banner).getByRole('button', { name: 'Record safety response' }));
    const form = screen.getByRole('form', { name: 'Safety response' });
    await userEvent.click(await within(form).findByRole('checkbox', { name: 'Safety plan made or reviewed' }));
    await userEvent.click(within(form).getByRole('checkbox', { name: '988 Suicide & Crisis Lifeline given' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Record safety response' }));
    await waitFor(() => expect(within(form).getByLabelText(/^Note/)).toHaveAccessibleDescription(/Note is required/));
    expect(screen.getByTestId('safety-banner')).toBeInTheDocument();

    await userEvent.type(within(form).getByLabelText(/^Note/), 'Passive ideation, no plan; safety plan agreed, sister aware.');
    await userEvent.click(within(form).getByRole('button', { name: 'Record safety response' }));
    expect(await screen.findByText('Safety response recorded.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('safety-banner')).not.toBeInTheDocument());
    expect(m.callsTo('POST', '/api/v1/safety-alerts/alert-1/respond').at(-1)?.body).toEqual({
      actions: ['safety_plan', 'crisis_line_988'],
      note: 'Passive ideation, no plan; safety plan agreed, sister aware.',
    });
  });

  it('is not shown (and nothing is fetched) without assessments.read', async () => {
    const m = mockFetch({});
    renderScreen(<SafetyBanner clientId="client-1" />);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByTestId('safety-banner')).not.toBeInTheDocument();
    expect(m.calls).toHaveLength(0);
  });
});

describe('SafetyAlertIndicator', () => {
  it('counts the user’s open alerts and links each to the client’s chart', async () => {
    const m = mockFetch({ 'GET /api/v1/safety-alerts': json({ items: [ALERT, { ...ALERT, id: 'alert-2', client_id: 'client-2', client_name: 'Sam Reed' }] }) });
    renderScreen(<SafetyAlertIndicator />, { session: CLINICIAN });
    const button = await screen.findByRole('button', { name: '2 safety alerts' });
    expect(m.calls[0]?.query.get('status')).toBe('open');
    await userEvent.click(button);
    const link = await screen.findByRole('menuitem', { name: /Sam Reed/ });
    expect(link).toHaveAttribute('href', '/clients/client-2#safety');
  });

  it('shows nothing when there are no open alerts', async () => {
    const m = mockFetch({ 'GET /api/v1/safety-alerts': json({ items: [] }) });
    renderScreen(<SafetyAlertIndicator />, { session: CLINICIAN });
    await waitFor(() => expect(m.calls).toHaveLength(1));
    expect(screen.queryByTestId('safety-indicator')).not.toBeInTheDocument();
  });
});
