// Two (or three) tabs simulated as session stores, each with its own BroadcastChannel on one name (or the
// storage-event fallback): activity anywhere keeps every tab's idle timer alive; the session's end, a
// sign-out and a sign-in reach the others; messages carry event names and timestamps only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../api/types';
import { session } from '../../test/fixtures';
import { createSessionStore, type SessionStore } from './sessionStore';
import { broadcastLink, readTabMessage, storageLink, type TabLink, type TabMessage } from './tabLink';

const T0 = new Date('2026-11-22T15:00:00.000Z').getTime();
const KEY = '2026-11-23T03:00:00.000Z';

/** Karen's session as every tab gets it from GET /session (the same absolute expiry). */
function shared(rest: Partial<Omit<Session, 'user'>> = {}): Session {
  return session({}, { idle_timeout_seconds: 900, idle_expires_at: '2026-11-22T15:15:00.000Z', expires_at: KEY, ...rest });
}

/** Lets the channels deliver (BroadcastChannel messages arrive on a later turn). */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 15));

let channel = 0;
let unlinks: (() => void)[] = [];

/** `n` tabs on one fresh channel name; `onSignedIn[i]` counts tab i's calls to resume. */
function tabs(n: number) {
  const name = `stepwise-test-${++channel}`;
  const stores: SessionStore[] = [];
  const resumed: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = createSessionStore();
    resumed.push(0);
    unlinks.push(s.linkTabs(broadcastLink(new BroadcastChannel(name)), () => (resumed[i] = (resumed[i] ?? 0) + 1)));
    stores.push(s);
  }
  const tab = (i: number): SessionStore => {
    const s = stores[i];
    if (!s) throw new Error(`no tab ${i}`);
    return s;
  };
  return { a: tab(0), b: tab(1), c: n > 2 ? tab(2) : createSessionStore(), resumed };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  for (const u of unlinks) u();
  unlinks = [];
  vi.useRealTimers();
});

describe('tabs sharing one session', () => {
  it('activity in one tab moves the idle deadline of the others, so none warns or ends while one is in use', async () => {
    const { a, b } = tabs(2);
    a.start(shared());
    b.start(shared());
    await delivered();
    expect(b.get().idleDeadline).toBe(T0 + 900_000);

    // Fourteen minutes of work in tab A only.
    vi.setSystemTime(T0 + 14 * 60_000);
    a.touch();
    await delivered();
    expect(b.get().idleDeadline).toBe(T0 + 14 * 60_000 + 900_000);
    expect(b.get().ended).toBe(false);

    // An older deadline from a slow tab never pulls it back.
    vi.setSystemTime(T0 + 14 * 60_000 + 1);
    const before = a.get().idleDeadline;
    a.start(shared()); // a "Stay signed in" refresh in A: same session, deadline from now
    await delivered();
    expect(b.get().idleDeadline).toBeGreaterThanOrEqual(before);
    expect(b.get().idleDeadline).toBe(a.get().idleDeadline);
  });

  it('never extends past the absolute lifetime', async () => {
    const { a, b } = tabs(2);
    // Twenty minutes left of the twelve hours.
    const late = shared({ idle_expires_at: '2026-11-22T15:15:00.000Z', expires_at: '2026-11-22T15:20:00.000Z' });
    a.start(late);
    b.start(late);
    await delivered();
    vi.setSystemTime(T0 + 400_000); // now + 15 min would pass the end of the lifetime
    a.touch();
    await delivered();
    expect(b.get().idleDeadline).toBe(b.get().absoluteDeadline);
  });

  it('the session ending in one tab ends it in the others, keeping their page and user', async () => {
    const { a, b, c } = tabs(3);
    a.start(shared());
    b.start(shared());
    c.start(shared({ expires_at: '2026-11-23T04:00:00.000Z' })); // another session (a later sign-in)
    await delivered();
    a.end();
    await delivered();
    expect(b.get().ended).toBe(true);
    expect(b.get().session?.user.username).toBe('karen');
    expect(c.get().ended).toBe(false);
  });

  it('signing out in one tab signs out the others; signing in again resumes tabs without a live session', async () => {
    const { a, b, resumed } = tabs(2);
    a.start(shared());
    b.start(shared());
    await delivered();
    const waiting = b.waitForSignIn();
    a.clear();
    await delivered();
    expect(b.get().session).toBeNull();
    await expect(waiting).resolves.toBe(false);

    a.start(shared({ expires_at: '2026-11-23T05:00:00.000Z' }));
    await delivered();
    expect(resumed).toEqual([0, 1]);
    // A tab that is signed in and active is left alone.
    b.start(shared({ expires_at: '2026-11-23T05:00:00.000Z' }));
    a.start(shared({ expires_at: '2026-11-23T06:00:00.000Z' }));
    await delivered();
    expect(resumed).toEqual([0, 1]);
  });

  it('sends event names and timestamps only: no user, name or token', async () => {
    const sent: TabMessage[] = [];
    const spy: TabLink = { post: (m) => sent.push(m), listen: () => () => {}, close: () => {} };
    const a = createSessionStore();
    unlinks.push(a.linkTabs(spy));
    a.start(shared());
    a.touch();
    a.start(shared());
    a.end();
    a.clear();
    expect(sent.map((m) => m.event)).toEqual(['signed-in', 'activity', 'activity', 'ended', 'signed-out']);
    const text = JSON.stringify(sent);
    for (const secret of ['karen', 'Karen', 'user-karen', 'csrf-token-1', 'clients.read']) expect(text).not.toContain(secret);
    for (const m of sent) {
      expect(Object.keys(m).every((k) => ['event', 'session', 'idleDeadline'].includes(k))).toBe(true);
    }
  });

  it('ignores malformed messages', () => {
    expect(readTabMessage(null)).toBeNull();
    expect(readTabMessage('ended')).toBeNull();
    expect(readTabMessage({ event: 'explode', session: KEY })).toBeNull();
    expect(readTabMessage({ event: 'ended', session: 5 })).toBeNull();
    expect(readTabMessage({ event: 'activity', session: KEY, idleDeadline: 'soon', user: 'karen' })).toEqual({
      event: 'activity',
      session: KEY,
    });
  });
});

describe('the storage-event fallback', () => {
  /** Two windows over one storage area: writing in one fires `storage` in the other only, as browsers do. */
  function windows() {
    const data = new Map<string, string>();
    const [t0, t1] = [new EventTarget(), new EventTarget()];
    const area = (other: EventTarget): Storage =>
      ({
        getItem: (k: string) => data.get(k) ?? null,
        setItem: (k: string, v: string) => {
          data.set(k, v);
          other.dispatchEvent(new StorageEvent('storage', { key: k, newValue: v }));
        },
        removeItem: (k: string) => {
          data.delete(k);
          other.dispatchEvent(new StorageEvent('storage', { key: k, newValue: null }));
        },
        clear: () => data.clear(),
        key: () => null,
        length: 0,
      }) as unknown as Storage;
    return { data, first: storageLink(area(t1), t0), second: storageLink(area(t0), t1) };
  }

  it('carries activity and the end of the session, and leaves nothing in storage', () => {
    const { data, first, second } = windows();
    const a = createSessionStore();
    const b = createSessionStore();
    unlinks.push(a.linkTabs(first), b.linkTabs(second));
    a.start(shared());
    b.start(shared());
    vi.setSystemTime(T0 + 600_000);
    a.touch();
    expect(b.get().idleDeadline).toBe(T0 + 600_000 + 900_000);
    a.end();
    expect(b.get().ended).toBe(true);
    expect(data.size).toBe(0);
  });
});
