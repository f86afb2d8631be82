import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

// The client search text is PHI (a name, an MRN, a date of birth), so it never goes into the URL (browser
// history, server logs) or web storage. It lives in memory for the signed-in app: coming back from a
// chart finds the same search, and signing out forgets it with everything else.

interface ClientSearch {
  q: string;
  setQ: (q: string) => void;
}

const ClientSearchContext = createContext<ClientSearch | null>(null);

export function ClientSearchProvider({ children }: { children: ReactNode }) {
  const [q, setQ] = useState('');
  const value = useMemo(() => ({ q, setQ }), [q]);
  return <ClientSearchContext.Provider value={value}>{children}</ClientSearchContext.Provider>;
}

/** The current client search (outside a provider, as in a single-screen test, it is local state). */
export function useClientSearch(): ClientSearch {
  const shared = useContext(ClientSearchContext);
  const [q, setQ] = useState('');
  return shared ?? { q, setQ };
}
