import { useMemo } from 'react';
import { programsApi, sitesApi, tracksApi } from '../../api/endpoints';
import type { Program, Site, Track } from '../../api/types';
import { useAsync } from '../../lib/useAsync';

export interface Catalog {
  sites: Site[];
  programs: Program[];
  tracks: Track[];
}

export async function loadCatalog(signal?: AbortSignal): Promise<Catalog> {
  const [sites, programs] = await Promise.all([sitesApi.list(signal), programsApi.list(signal)]);
  const trackPages = await Promise.all(programs.items.map((p) => tracksApi.list(p.id, signal)));
  return { sites: sites.items, programs: programs.items, tracks: trackPages.flatMap((t) => t.items) };
}

/** Sites, programs and their tracks: the organization's program set-up, for pickers and filters. */
export function useCatalog() {
  const state = useAsync(loadCatalog, []);
  const byId = useMemo(() => {
    const programs = new Map((state.data?.programs ?? []).map((p) => [p.id, p]));
    const tracks = new Map((state.data?.tracks ?? []).map((t) => [t.id, t]));
    return { programs, tracks };
  }, [state.data]);
  return { ...state, ...byId };
}

/** "Morning track" or, when there are several programs, "Morning track — Adult IOP". */
export function trackLabel(t: Track, programs: Map<string, Program>): string {
  if (programs.size <= 1) return t.name;
  const p = programs.get(t.program_id);
  return p ? `${t.name} — ${p.name}` : t.name;
}
