// One function per endpoint of docs/api.md, grouped by care stage.
import { http } from './client';
import type {
  Client,
  ClientDraft,
  ClientQuery,
  ClientSummary,
  Episode,
  EpisodeDraft,
  Id,
  Meta,
  Organization,
  OrganizationDraft,
  Page,
  Program,
  ProgramDraft,
  Site,
  SiteDraft,
  Staff,
  StaffDraft,
  StaffQuery,
  Track,
  TrackDraft,
} from './types';

const enc = encodeURIComponent;

export const metaApi = {
  get: (signal?: AbortSignal) => http.get<Meta>('/meta', undefined, signal),
};

export const organizationApi = {
  get: (signal?: AbortSignal) => http.get<Organization>('/organization', undefined, signal),
  create: (draft: OrganizationDraft) => http.post<Organization>('/organization', draft),
  update: (draft: OrganizationDraft, version: number) => http.put<Organization>('/organization', draft, version),
};

export const sitesApi = {
  list: (signal?: AbortSignal) => http.get<Page<Site>>('/sites', undefined, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Site>(`/sites/${enc(id)}`, undefined, signal),
  create: (draft: SiteDraft) => http.post<Site>('/sites', draft),
  update: (id: Id, draft: SiteDraft, version: number) => http.put<Site>(`/sites/${enc(id)}`, draft, version),
  void: (id: Id, reason: string, version: number) => http.post<Site>(`/sites/${enc(id)}/void`, { reason }, version),
};

export const programsApi = {
  list: (signal?: AbortSignal) => http.get<Page<Program>>('/programs', undefined, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Program>(`/programs/${enc(id)}`, undefined, signal),
  create: (draft: ProgramDraft) => http.post<Program>('/programs', draft),
  update: (id: Id, draft: ProgramDraft, version: number) => http.put<Program>(`/programs/${enc(id)}`, draft, version),
  void: (id: Id, reason: string, version: number) => http.post<Program>(`/programs/${enc(id)}/void`, { reason }, version),
};

export const tracksApi = {
  list: (programId: Id, signal?: AbortSignal) => http.get<Page<Track>>(`/programs/${enc(programId)}/tracks`, undefined, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Track>(`/tracks/${enc(id)}`, undefined, signal),
  create: (programId: Id, draft: TrackDraft) => http.post<Track>(`/programs/${enc(programId)}/tracks`, draft),
  update: (id: Id, draft: TrackDraft, version: number) => http.put<Track>(`/tracks/${enc(id)}`, draft, version),
  void: (id: Id, reason: string, version: number) => http.post<Track>(`/tracks/${enc(id)}/void`, { reason }, version),
};

export const staffApi = {
  list: (query: StaffQuery = {}, signal?: AbortSignal) => http.get<Page<Staff>>('/staff', { ...query }, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Staff>(`/staff/${enc(id)}`, undefined, signal),
  create: (draft: StaffDraft) => http.post<Staff>('/staff', draft),
  update: (id: Id, draft: StaffDraft, version: number) => http.put<Staff>(`/staff/${enc(id)}`, draft, version),
  void: (id: Id, reason: string, version: number) => http.post<Staff>(`/staff/${enc(id)}/void`, { reason }, version),
};

export const clientsApi = {
  list: (query: ClientQuery = {}, signal?: AbortSignal) => http.get<Page<ClientSummary>>('/clients', { ...query }, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Client>(`/clients/${enc(id)}`, undefined, signal),
  create: (draft: ClientDraft) => http.post<Client>('/clients', draft),
  update: (id: Id, draft: ClientDraft, version: number) => http.put<Client>(`/clients/${enc(id)}`, draft, version),
  void: (id: Id, reason: string, version: number) => http.post<Client>(`/clients/${enc(id)}/void`, { reason }, version),
};

export const episodesApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Page<Episode>>(`/clients/${enc(clientId)}/episodes`, undefined, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Episode>(`/episodes/${enc(id)}`, undefined, signal),
  open: (clientId: Id, draft: EpisodeDraft) => http.post<Episode>(`/clients/${enc(clientId)}/episodes`, draft),
  update: (id: Id, draft: EpisodeDraft, version: number) => http.put<Episode>(`/episodes/${enc(id)}`, draft, version),
  void: (id: Id, reason: string, version: number) => http.post<Episode>(`/episodes/${enc(id)}/void`, { reason }, version),
};
