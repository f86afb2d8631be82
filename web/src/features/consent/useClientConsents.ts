// One read of a client's consents for everything on the chart that shows them (the expiry banner and the
// consents section): each read of client data is audited, so two widgets do not make two reads. A change
// (revoke, release) reloads every subscriber.
import { useEffect, useState } from 'react';
import { consentsApi, type Consent } from '../../api/consents';
import { isAbort } from '../../api/client';

/** Reads in flight: views mounted together (banner and section) share one request. */
const inflight = new Map<string, Promise<Consent[]>>();
const listeners = new Map<string, Set<() => void>>();

function load(clientId: string): Promise<Consent[]> {
  const hit = inflight.get(clientId);
  if (hit) return hit;
  const promise = consentsApi.list(clientId).then((r) => r.items);
  inflight.set(clientId, promise);
  const done = () => {
    if (inflight.get(clientId) === promise) inflight.delete(clientId);
  };
  promise.then(done, done);
  return promise;
}

/** Reloads every view of this client's consents (after a change). */
export function reloadClientConsents(clientId: string): void {
  inflight.delete(clientId);
  for (const l of listeners.get(clientId) ?? []) l();
}

export interface ClientConsents {
  consents: Consent[] | undefined;
  error: unknown;
  reload: () => void;
}

export function useClientConsents(clientId: string, enabled = true): ClientConsents {
  const [consents, setConsents] = useState<Consent[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const set = listeners.get(clientId) ?? new Set();
    const bump = () => setNonce((n) => n + 1);
    set.add(bump);
    listeners.set(clientId, set);
    return () => {
      set.delete(bump);
    };
  }, [clientId]);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setError(undefined);
    load(clientId).then(
      (items) => live && setConsents(items),
      (e: unknown) => live && !isAbort(e) && setError(e),
    );
    return () => {
      live = false;
    };
  }, [clientId, enabled, nonce]);

  return { consents, error, reload: () => reloadClientConsents(clientId) };
}
