import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { appRoutes } from '../../test/appMocks';
import { session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';
import { sessionStore } from './sessionStore';

describe('Sign-in', () => {
  it('labels the fields with autocomplete hints and focuses the username', async () => {
    mockFetch(appRoutes({ session: null }));
    renderApp(<AppRoutes />, '/clients');
    const username = await screen.findByLabelText(/^Username/);
    expect(username).toHaveAttribute('autocomplete', 'username');
    expect(username).toHaveFocus();
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute('autocomplete', 'current-password');
  });

  it('gives one generic message for a wrong username or password', async () => {
    mockFetch(appRoutes({ session: null }, { 'POST /api/v1/session': apiError(401, 'unauthenticated', 'invalid username or password') }));
    renderApp(<AppRoutes />, '/clients');
    await userEvent.type(await screen.findByLabelText(/^Username/), 'nobody');
    await userEvent.type(screen.getByLabelText(/^Password/), 'not the password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The username or password is not correct.');
    expect(screen.getByLabelText(/^Password/)).toHaveValue('not the password');
  });

  it('says how long to wait after too many attempts (429 with Retry-After)', async () => {
    mockFetch(
      appRoutes(
        { session: null },
        {
          'POST /api/v1/session': {
            status: 429,
            body: { error: { code: 'too_many_requests', message: 'too many attempts' } },
            headers: { 'Retry-After': '30' },
          },
        },
      ),
    );
    renderApp(<AppRoutes />, '/clients');
    await userEvent.type(await screen.findByLabelText(/^Username/), 'karen');
    await userEvent.type(screen.getByLabelText(/^Password/), 'guess guess guess');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 30 seconds.');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });

  it('asks for the 6-digit code (or a recovery code) when the account has two-step sign-in', async () => {
    const pending = { ...session(), csrf_token: 'pending-token' };
    let verified = false;
    const m = mockFetch(
      appRoutes(
        { session: null },
        {
          'POST /api/v1/session': json({ status: 'mfa_required', session: pending }),
          'POST /api/v1/session/mfa': (c) => {
            const code = (c.body as { code: string }).code;
            if (code !== '123456' && code !== 'abcd-efgh-ijkl') return apiError(401, 'unauthenticated', 'invalid code');
            verified = true;
            return json({ status: 'signed_in', session: session() });
          },
          'GET /api/v1/session': () => (verified ? json(session()) : apiError(401, 'unauthenticated', 'sign in first')),
        },
      ),
    );
    renderApp(<AppRoutes />, '/clients');
    await userEvent.type(await screen.findByLabelText(/^Username/), 'karen');
    await userEvent.type(screen.getByLabelText(/^Password/), 'northstar-demo-pass');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Two-step verification' })).toBeInTheDocument();
    const code = screen.getByLabelText(/6-digit code/);
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveFocus();

    await userEvent.type(code, '12');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Enter the 6-digit code')).toBeInTheDocument();

    await userEvent.clear(code);
    await userEvent.type(code, '999999');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/That code did not work/);
    // The code step is protected by the pending session's CSRF token.
    expect(m.callsTo('POST', '/api/v1/session/mfa')[0]?.headers['x-csrf-token']).toBe('pending-token');

    await userEvent.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await userEvent.type(screen.getByLabelText(/Recovery code/), 'abcd-efgh-ijkl');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/session/mfa').at(-1)?.body).toEqual({ code: 'abcd-efgh-ijkl' });
  });

  it('sends a user who must enrol to the two-step set-up before anything else', async () => {
    const needs = session({ mfa_enabled: false, mfa_required: true });
    let confirmed = false;
    let signedIn = false;
    mockFetch(
      appRoutes(
        { session: null },
        {
          'POST /api/v1/session': () => {
            signedIn = true;
            return json({ status: 'mfa_enrollment_required', session: needs });
          },
          'POST /api/v1/me/mfa/enroll': json({
            secret: 'JBSWY3DPEHPK3PXP',
            otpauth_uri: 'otpauth://totp/Stepwise:karen?secret=JBSWY3DPEHPK3PXP&issuer=Stepwise&digits=6&period=30',
          }),
          'POST /api/v1/me/mfa/confirm': () => {
            confirmed = true;
            return json({ recovery_codes: Array.from({ length: 10 }, (_, i) => `code-${i}-aaaa-bbbb`) });
          },
          'GET /api/v1/session': () =>
            !signedIn ? apiError(401, 'unauthenticated', 'sign in first') : confirmed ? json(session()) : json(needs),
        },
      ),
    );
    renderApp(<AppRoutes />, '/clients');
    await userEvent.type(await screen.findByLabelText(/^Username/), 'karen');
    await userEvent.type(screen.getByLabelText(/^Password/), 'northstar-demo-pass');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up two-step sign-in' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Begin set-up' }));
    expect(await screen.findByRole('img', { name: /QR code/ })).toBeInTheDocument();
    expect(screen.getByTestId('mfa-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP');
    await userEvent.type(screen.getByLabelText(/6-digit code from the app/), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('code-0-aaaa-bbbb')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').filter((li) => li.textContent?.startsWith('code-'))).toHaveLength(10);
    const cont = screen.getByRole('button', { name: 'Continue' });
    expect(cont).toBeDisabled();
    await userEvent.click(screen.getByLabelText('I have saved my recovery codes'));
    await userEvent.click(cont);
    expect(await screen.findByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
  });

  it('sign-out ends the session on the server, forgets it and shows the sign-in page', async () => {
    const m = mockFetch(appRoutes({}, { 'DELETE /api/v1/session': { status: 204 } }));
    renderApp(<AppRoutes />, '/clients');
    await userEvent.click(await screen.findByRole('button', { name: 'Account menu for Karen Olson' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(m.callsTo('DELETE', '/api/v1/session')[0]?.headers['x-csrf-token']).toBe('csrf-token-1');
    await waitFor(() => expect(sessionStore.get().session).toBeNull());
    expect(screen.queryByText('All clients')).not.toBeInTheDocument();
  });
});
