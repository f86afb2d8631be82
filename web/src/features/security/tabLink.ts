// How the tabs of one browser keep the shared session's idle timer together (they share its cookie): a
// BroadcastChannel, or where there is none the `storage` event of a key written and removed at once.
// Messages hold an event name and timestamps only — never PHI, a user or a token.

/** What a tab tells the others about the session. */
export type TabEvent =
  /** A call succeeded (or the session was refreshed): the server's idle timer moved to `idleDeadline`. */
  | 'activity'
  /** The session ended (idle timeout or the server answered 401). */
  | 'ended'
  /** The user signed out. */
  | 'signed-out'
  /** A new session began (a re-sign-in after the session ended). */
  | 'signed-in';

export interface TabMessage {
  event: TabEvent;
  /** Which session: its absolute expiry instant as the server sent it (`expires_at`). */
  session: string;
  /** For 'activity': the idle deadline on the local clock (ms), which the tabs share. */
  idleDeadline?: number;
}

export interface TabLink {
  post(message: TabMessage): void;
  /** Calls `handler` with every message another tab posts; returns the unsubscribe. */
  listen(handler: (message: TabMessage) => void): () => void;
  close(): void;
}

const EVENTS: readonly string[] = ['activity', 'ended', 'signed-out', 'signed-in'];

/** Only well-formed messages pass, and only their known fields are kept. */
export function readTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (typeof d.event !== 'string' || !EVENTS.includes(d.event)) return null;
  if (typeof d.session !== 'string' || d.session.length > 40) return null;
  const m: TabMessage = { event: d.event as TabEvent, session: d.session };
  if (typeof d.idleDeadline === 'number' && Number.isFinite(d.idleDeadline)) m.idleDeadline = d.idleDeadline;
  return m;
}

export const TAB_CHANNEL = 'stepwise-session';

export function broadcastLink(channel: BroadcastChannel): TabLink {
  return {
    post: (message) => channel.postMessage(message),
    listen(handler) {
      const onMessage = (e: MessageEvent) => {
        const m = readTabMessage(e.data);
        if (m) handler(m);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
    close: () => channel.close(),
  };
}

/** The fallback: other tabs see a `storage` event for a key this tab sets and removes straight away. */
export function storageLink(storage: Storage, target: Pick<Window, 'addEventListener' | 'removeEventListener'>, key = TAB_CHANNEL): TabLink {
  const unsubscribers = new Set<() => void>();
  return {
    post(message) {
      try {
        storage.setItem(key, JSON.stringify({ ...message, at: Date.now() }));
        storage.removeItem(key);
      } catch {
        // Storage refused (private mode, quota): the other tabs fall back to their own timers.
      }
    },
    listen(handler) {
      const onStorage = (e: StorageEvent) => {
        if (e.key !== key || !e.newValue) return;
        try {
          const m = readTabMessage(JSON.parse(e.newValue));
          if (m) handler(m);
        } catch {
          // Not ours.
        }
      };
      target.addEventListener('storage', onStorage);
      const off = () => target.removeEventListener('storage', onStorage);
      unsubscribers.add(off);
      return () => {
        off();
        unsubscribers.delete(off);
      };
    },
    close() {
      for (const off of unsubscribers) off();
      unsubscribers.clear();
    },
  };
}

/** The browser's link between tabs, or null where it has neither BroadcastChannel nor localStorage. */
export function openTabLink(): TabLink | null {
  if (typeof BroadcastChannel === 'function') return broadcastLink(new BroadcastChannel(TAB_CHANNEL));
  try {
    if (typeof window !== 'undefined' && window.localStorage) return storageLink(window.localStorage, window);
  } catch {
    // localStorage can throw when disabled.
  }
  return null;
}
