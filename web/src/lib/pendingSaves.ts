// Autosaving forms register here so unsaved edits are sent before the session ends (sign-out, the idle
// warning) and when the page is hidden or unloaded. Nothing is kept in browser storage: edits only ever
// live in memory and on the server.

/** Sends whatever a form has not saved yet; `keepalive` lets the request outlive an unloading page. */
export type Flush = (keepalive: boolean) => Promise<unknown>;

const flushes = new Set<Flush>();
let listening = false;

function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAll(true);
  });
  window.addEventListener('pagehide', () => void flushAll(true));
}

/** Registers a form's flush; returns the function that removes it. */
export function registerFlush(flush: Flush): () => void {
  listen();
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

/**
 * Sends every registered form's unsaved edits and waits for them (at most `timeoutMs`, so signing out never
 * hangs on an unreachable server). Errors are left to each form to show.
 */
export async function flushAll(keepalive = false, timeoutMs = 5000): Promise<void> {
  if (flushes.size === 0) return;
  const all = Promise.allSettled([...flushes].map((f) => f(keepalive)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([all, timeout]);
  if (timer) clearTimeout(timer);
}

/** How many forms are registered (for tests). */
export function registeredFlushCount(): number {
  return flushes.size;
}
