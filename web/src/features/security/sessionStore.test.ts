import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentCsrfToken } from '../../api/client';
import { session } from '../../test/fixtures';
import { hasPermission, needsEnrollment, sessionStore } from './sessionStore';

afterEach(() => vi.useRealTimers());

describe('session store', () => {
  it('sets the idle deadline from the timeout and caps it at the absolute lifetime, without trusting the local clock', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T12:00:00.000Z'));
    // The server's clock is an hour ahead of the browser's: only differences between its instants count.
    sessionStore.start(
      session({}, { idle_timeout_seconds: 600, idle_expires_at: '2026-11-22T13:10:00.000Z', expires_at: '2026-11-22T13:15:00.000Z' }),
    );
    const now = Date.now();
    expect(sessionStore.get().idleDeadline).toBe(now + 600_000);
    expect(sessionStore.get().absoluteDeadline).toBe(now + 900_000);
    expect(currentCsrfToken()).toBe('csrf-token-1');

    // Activity pushes the idle deadline forward, never past the absolute one.
    vi.setSystemTime(now + 500_000);
    sessionStore.touch();
    expect(sessionStore.get().idleDeadline).toBe(now + 900_000);

    sessionStore.end();
    expect(sessionStore.get().ended).toBe(true);
    expect(sessionStore.get().session?.user.username).toBe('karen');
    expect(currentCsrfToken()).toBeNull();
  });

  it('resolves waiting calls: retry after a new sign-in, give up after sign-out', async () => {
    sessionStore.start(session());
    sessionStore.end();
    const first = sessionStore.waitForSignIn();
    sessionStore.start(session());
    await expect(first).resolves.toBe(true);
    sessionStore.end();
    const second = sessionStore.waitForSignIn();
    sessionStore.clear();
    await expect(second).resolves.toBe(false);
  });

  it('reads permissions and the need to enrol from the session user', () => {
    expect(hasPermission(null, 'clients.read')).toBe(false);
    expect(hasPermission(session(), 'clients.read')).toBe(true);
    expect(hasPermission(session(), 'users.admin')).toBe(false);
    expect(needsEnrollment(session({ mfa_required: true, mfa_enabled: false }))).toBe(true);
    expect(needsEnrollment(session({ mfa_required: false, mfa_enabled: false }))).toBe(false);
  });
});
