import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { browser } from '../../lib/browser';
import { appRoutes } from '../../test/appMocks';
import { client, session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';
import { formatCountdown, warningMs } from './SessionGuard';
import { createSessionStore, sessionStore } from './sessionStore';
import { broadcastLink } from './tabLink';

afterEach(() => {
  vi.useRealTimers();
});

/** Fakes only the clock: the guard's one-second ticker keeps running in real time and reads the fake clock. */
function fakeClock() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T15:00:00.000Z'));
}
const advance = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));

describe('Session guard', () => {
  it('formats the countdown as m:ss', () => {
    expect(formatCountdown(119_001)).toBe('2:00');
    expect(formatCountdown(119_000)).toBe('1:59');
    expect(formatCountdown(5_000)).toBe('0:05');
    expect(formatCountdown(-1)).toBe('0:00');
  });

  it('warns two minutes ahead, or half-way through a shorter idle timeout', () => {
    expect(warningMs(900)).toBe(120_000);
    expect(warningMs(60)).toBe(30_000);
  });

  it('warns two minutes before the idle timeout; "Stay signed in" refreshes the session', async () => {
    fakeClock();
    const m = mockFetch(appRoutes());
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    advance(900_000 - 119_000); // 1:59 left
    const dialog = await screen.findByRole('dialog', { name: 'Are you still there?' }, { timeout: 3000 });
    expect(dialog).toHaveTextContent('You will be signed out in 1:59');
    const before = m.callsTo('GET', '/api/v1/session').length;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Are you still there?' })).not.toBeInTheDocument());
    expect(m.callsTo('GET', '/api/v1/session').length).toBe(before + 1);

    // Fifteen quiet minutes later the session is over: the sign-in dialog covers the page.
    advance(900_001);
    expect(await screen.findByRole('dialog', { name: 'Your session has ended' }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'All clients', hidden: true })).toBeInTheDocument();
  });

  it('keeps a half-filled form when the session ends, and saves it after signing in again', async () => {
    let expired = true;
    let clientPosts = 0;
    const fresh = { ...session(), csrf_token: 'csrf-token-2' };
    const m = mockFetch(
      appRoutes(
        {},
        {
          'GET /api/v1/session': () => (sessionStore.get().session ? (expired ? apiError(401, 'unauthenticated', 'session ended') : json(fresh)) : json(session())),
          // The duplicate check comes first and meets the ended session.
          'POST /api/v1/clients/possible-duplicates': () =>
            expired ? apiError(401, 'unauthenticated', 'session ended') : json({ items: [] }),
          'POST /api/v1/clients': () => {
            clientPosts += 1;
            return expired ? apiError(401, 'unauthenticated', 'session ended') : json(client({ id: 'new-1' }), 201);
          },
          'POST /api/v1/session': (c) => {
            expect(c.body).toEqual({ username: 'karen', password: 'northstar-demo-pass' });
            expired = false;
            return json({ status: 'signed_in', session: fresh });
          },
          'GET /api/v1/clients/new-1': json(client({ id: 'new-1', legal_name: { given: 'Ana', family: 'Silva' }, preferred_name: '' })),
          'GET /api/v1/clients/new-1/episodes': json({ items: [], next_cursor: null }),
        },
      ),
    );
    renderApp(<AppRoutes />, '/clients/new');
    await userEvent.type(await screen.findByLabelText(/Legal given name/), 'Ana');
    await userEvent.type(screen.getByLabelText(/Legal family name/), 'Silva');
    fireEvent.change(screen.getByLabelText(/Date of birth/), { target: { value: '1992-10-03' } });
    await userEvent.click(screen.getByRole('button', { name: 'Register client' }));

    const dialog = await screen.findByRole('dialog', { name: 'Your session has ended' });
    // The page is still there underneath, with what was typed.
    expect(screen.getByLabelText(/Legal given name/, { selector: 'input' })).toHaveValue('Ana');
    expect(screen.getByLabelText(/Legal family name/, { selector: 'input' })).toHaveValue('Silva');
    const username = within(dialog).getByLabelText(/^Username/);
    expect(username).toHaveValue('karen');
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'northstar-demo-pass');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));

    // The save that met the ended session goes through (check, then register), with the new session's CSRF token.
    expect(await screen.findByTestId('chart-name')).toHaveTextContent('Ana Silva');
    expect(clientPosts).toBe(1);
    const checks = m.callsTo('POST', '/api/v1/clients/possible-duplicates');
    expect(checks).toHaveLength(2);
    expect(checks[1]?.headers['x-csrf-token']).toBe('csrf-token-2');
    const posts = m.callsTo('POST', '/api/v1/clients');
    expect(posts[0]?.headers['x-csrf-token']).toBe('csrf-token-2');
    expect(posts[0]?.body).toMatchObject({ legal_name: { given: 'Ana', family: 'Silva' }, birth_date: '1992-10-03' });
    expect(screen.queryByRole('dialog', { name: 'Your session has ended' })).not.toBeInTheDocument();
  });

  it('starts a clean app when a different user signs in over an ended session', async () => {
    const reload = vi.spyOn(browser, 'reloadTo').mockImplementation(() => {});
    mockFetch(
      appRoutes(
        {},
        {
          'POST /api/v1/session': json({ status: 'signed_in', session: session({ id: 'user-priya', username: 'priya', display_name: 'Priya Shah' }) }),
        },
      ),
    );
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
    sessionStore.end();
    const dialog = await screen.findByRole('dialog', { name: 'Your session has ended' });
    const username = within(dialog).getByLabelText(/^Username/);
    await userEvent.clear(username);
    await userEvent.type(username, 'priya');
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'northstar-demo-pass');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(reload).toHaveBeenCalledWith('/'));
    // Karen's session is not handed to Priya's page.
    expect(sessionStore.get().session?.user.username).toBe('karen');
  });

  it('a 401 that is not about the session (the session is still alive) is handed to the caller', async () => {
    mockFetch(
      appRoutes(
        {},
        {
          'GET /api/v1/me/sessions': json({ items: [] }),
          'GET /api/v1/me/tokens': json({ items: [] }),
          'POST /api/v1/me/password': apiError(401, 'unauthenticated', 'the current password is wrong'),
        },
      ),
    );
    renderApp(<AppRoutes />, '/account');
    await userEvent.type(await screen.findByLabelText(/Current password/), 'wrong wrong wrong');
    await userEvent.type(screen.getByLabelText(/^New password/), 'a brand new passphrase');
    await userEvent.type(screen.getByLabelText(/Confirm new password/), 'a brand new passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(screen.getByLabelText(/Current password/)).toHaveAccessibleDescription('The current password is not correct'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('Session guard with another tab open', () => {
  /** This tab's store and a second tab's, on one BroadcastChannel name. */
  function otherTab(name: string) {
    const unlinkThis = sessionStore.linkTabs(broadcastLink(new BroadcastChannel(name)));
    const other = createSessionStore();
    const unlinkOther = other.linkTabs(broadcastLink(new BroadcastChannel(name)));
    const current = sessionStore.get().session;
    if (current) other.start(current); // the same session: GET /session in the other tab
    return {
      other,
      unlink: () => {
        unlinkThis();
        unlinkOther();
      },
    };
  }

  it("activity in the other tab closes this tab's warning; the session ending there ends it here", async () => {
    fakeClock();
    mockFetch(appRoutes());
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
    const { other, unlink } = otherTab('guard-test-1');
    try {
      advance(900_000 - 119_000);
      expect(await screen.findByRole('dialog', { name: 'Are you still there?' }, { timeout: 3000 })).toBeInTheDocument();
      other.touch(); // the user works in the other tab
      await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Are you still there?' })).not.toBeInTheDocument());
      // Well past this tab's own deadline, still no warning: the shared deadline moved.
      advance(200_000);
      await new Promise((r) => setTimeout(r, 1100));
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(sessionStore.get().ended).toBe(false);

      other.end();
      expect(await screen.findByRole('dialog', { name: 'Your session has ended' })).toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 1, name: 'All clients', hidden: true })).toBeInTheDocument();
    } finally {
      unlink();
    }
  });

  it('signing out in the other tab signs out here', async () => {
    mockFetch(appRoutes());
    renderApp(<AppRoutes />, '/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'All clients' })).toBeInTheDocument();
    const { other, unlink } = otherTab('guard-test-2');
    try {
      other.clear();
      await waitFor(() => expect(sessionStore.get().session).toBeNull());
      expect(screen.queryByRole('heading', { level: 1, name: 'All clients' })).not.toBeInTheDocument();
    } finally {
      unlink();
    }
  });
});
