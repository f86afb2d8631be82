import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiToken } from '../../api/types';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { MyAccount } from './MyAccount';

const SECRET = 'swt_live_0123456789abcdefSECRET';

describe('My account', () => {
  it('shows a new API token once, with a copy button, and never again', async () => {
    const tokens: ApiToken[] = [];
    const m = mockFetch({
      'GET /api/v1/me/sessions': json({ items: [] }),
      'GET /api/v1/me/tokens': () => json({ items: tokens }),
      'POST /api/v1/me/tokens': (c) => {
        const body = c.body as { name: string; expires_in_days: number };
        tokens.push({ id: 't1', name: body.name, created_at: '2026-11-22T15:00:00.000Z', expires_at: '2027-02-20T15:00:00.000Z', last_used_at: null, revoked_at: null });
        return json({ id: 't1', name: body.name, token: SECRET, expires_at: '2027-02-20T15:00:00.000Z' }, 201);
      },
      'POST /api/v1/me/tokens/t1/revoke': () => {
        tokens[0] = { ...tokens[0]!, revoked_at: '2026-11-22T16:00:00.000Z' };
        return { status: 204 };
      },
    });
    renderScreen(<MyAccount />, { route: '/account' });
    const card = await screen.findByRole('region', { name: 'API tokens' });
    expect(await within(card).findByText('No API tokens')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'New token' }));
    await userEvent.type(within(card).getByLabelText(/^Name/), 'Nightly export');
    const days = within(card).getByLabelText(/Expires after/);
    await userEvent.clear(days);
    await userEvent.type(days, '30');
    await userEvent.click(within(card).getByRole('button', { name: 'Create token' }));

    expect(await within(card).findByTestId('new-token')).toHaveTextContent(SECRET);
    expect(within(card).getByText('Copy it now. You will not see it again.')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Copy token' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/me/tokens')[0]?.body).toEqual({ name: 'Nightly export', expires_in_days: 30 });
    expect(await within(card).findByRole('cell', { name: 'Nightly export' })).toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(SECRET);

    await userEvent.click(within(card).getByRole('button', { name: 'Revoke Nightly export' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect(await within(card).findByText('Revoked')).toBeInTheDocument();
  });

  it('lists my sessions with the current one marked, and ends another', async () => {
    let items = [
      { id: 's1', created_at: '2026-11-22T14:00:00.000Z', last_seen_at: '2026-11-22T15:00:00.000Z', idle_expires_at: '', expires_at: '', source_address: '127.0.0.1', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0.0.0 Safari/537.36', current: true },
      { id: 's2', created_at: '2026-11-22T09:00:00.000Z', last_seen_at: '2026-11-22T10:00:00.000Z', idle_expires_at: '', expires_at: '', source_address: '10.0.0.8', user_agent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/128.0', current: false },
    ];
    const m = mockFetch({
      'GET /api/v1/me/sessions': () => json({ items }),
      'GET /api/v1/me/tokens': json({ items: [] }),
      'DELETE /api/v1/me/sessions/s2': () => {
        items = items.filter((s) => s.id !== 's2');
        return { status: 204 };
      },
    });
    renderScreen(<MyAccount />, { route: '/account' });
    const card = await screen.findByRole('region', { name: 'My sessions' });
    expect(await within(card).findByText('This session')).toBeInTheDocument();
    expect(within(card).getByText('Firefox 128 on Windows')).toBeInTheDocument();
    const buttons = within(card).getAllByRole('button', { name: 'End session' });
    expect(buttons).toHaveLength(1);
    await userEvent.click(buttons[0]!);
    await waitFor(() => expect(within(card).queryByText('10.0.0.8')).not.toBeInTheDocument());
    expect(m.callsTo('DELETE', '/api/v1/me/sessions/s2')).toHaveLength(1);
  });

  it('shows the server’s field errors on the password fields', async () => {
    mockFetch({
      'GET /api/v1/me/sessions': json({ items: [] }),
      'GET /api/v1/me/tokens': json({ items: [] }),
      'POST /api/v1/me/password': { status: 400, body: { error: { code: 'invalid_argument', message: 'some fields are invalid', fields: [{ field: 'new_password', message: 'is a commonly used password' }] } } },
    });
    renderScreen(<MyAccount />, { route: '/account' });
    await userEvent.type(screen.getByLabelText(/Current password/), 'my old passphrase');
    await userEvent.type(screen.getByLabelText(/^New password/), 'password1234');
    await userEvent.type(screen.getByLabelText(/Confirm new password/), 'password1234');
    expect(screen.getByLabelText('Sign out my other sessions')).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(screen.getByLabelText(/^New password/)).toHaveAccessibleDescription(/is a commonly used password/));
  });
});
