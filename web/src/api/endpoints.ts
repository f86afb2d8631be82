// One function per endpoint of docs/api.md, grouped by care stage.
import { buildUrl, http, request } from './client';
import type { PossibleDuplicate } from './inquiries';
import type {
  ApiToken,
  AuditEvent,
  AuditQuery,
  AuditVerification,
  Client,
  ClientDraft,
  ClientQuery,
  ClientSummary,
  CreatedToken,
  Episode,
  EpisodeDraft,
  Grant,
  Id,
  Items,
  Meta,
  MfaEnrollment,
  MySession,
  Organization,
  OrganizationDraft,
  Page,
  Policy,
  PrivacyAlert,
  Program,
  ProgramDraft,
  RecoveryCodes,
  SecuritySettings,
  SecuritySettingsDraft,
  Session,
  SetupRequest,
  SetupState,
  SignInResult,
  Site,
  SiteDraft,
  Staff,
  StaffDraft,
  StaffQuery,
  Track,
  TrackDraft,
  User,
  UserCreate,
  UserUpdate,
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
  /** Existing clients who may be this person (a POST so names and birth dates stay out of URLs). */
  possibleDuplicates: (person: { given: string; family: string; birth_date?: string; phone?: string }) =>
    http.post<Items<PossibleDuplicate>>('/clients/possible-duplicates', person),
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

// ---- Identity, sessions and access (platform/security) ----

/** First run: whether a first user (and organization) must be created. Public. */
export const setupApi = {
  get: (signal?: AbortSignal) => request<SetupState>('GET', '/setup', { signal, signIn: true }),
  /** Creates the organization (when asked for) and the first administrator, and signs them in. */
  create: (body: SetupRequest) => request<unknown>('POST', '/setup', { body, signIn: true }),
};

export const sessionApi = {
  /** The current session (and a refreshed idle timer); 401 when signed out. */
  current: (signal?: AbortSignal) => request<Session>('GET', '/session', { signal, signIn: true }),
  signIn: (username: string, password: string) => request<SignInResult>('POST', '/session', { body: { username, password }, signIn: true }),
  verifyMfa: (code: string) => request<SignInResult>('POST', '/session/mfa', { body: { code }, signIn: true }),
  signOut: () => request<void>('DELETE', '/session', { signIn: true }),
};

export const meApi = {
  sessions: (signal?: AbortSignal) => http.get<Items<MySession>>('/me/sessions', undefined, signal),
  endSession: (id: Id) => http.delete(`/me/sessions/${enc(id)}`),
  changePassword: (body: { current_password: string; new_password: string; end_other_sessions: boolean }) =>
    http.post<void>('/me/password', body),
  enrollMfa: () => http.post<MfaEnrollment>('/me/mfa/enroll', {}),
  confirmMfa: (code: string) => http.post<RecoveryCodes>('/me/mfa/confirm', { code }),
  regenerateRecoveryCodes: (code: string) => http.post<RecoveryCodes>('/me/mfa/recovery-codes', { code }),
  tokens: (signal?: AbortSignal) => http.get<Items<ApiToken>>('/me/tokens', undefined, signal),
  createToken: (name: string, expiresInDays: number) => http.post<CreatedToken>('/me/tokens', { name, expires_in_days: expiresInDays }),
  revokeToken: (id: Id) => http.post<void>(`/me/tokens/${enc(id)}/revoke`, {}),
};

export const usersApi = {
  list: (signal?: AbortSignal) => http.get<Items<User>>('/users', undefined, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<User>(`/users/${enc(id)}`, undefined, signal),
  create: (body: UserCreate) => http.post<User>('/users', body),
  update: (id: Id, body: UserUpdate, version: number) => http.put<User>(`/users/${enc(id)}`, body, version),
  resetMfa: (id: Id, version: number) => http.post<User>(`/users/${enc(id)}/reset-mfa`, {}, version),
  setPassword: (id: Id, password: string, version: number) => http.post<User>(`/users/${enc(id)}/password`, { password }, version),
  roles: (signal?: AbortSignal) => http.get<Policy>('/roles', undefined, signal),
};

export const securitySettingsApi = {
  get: (signal?: AbortSignal) => http.get<SecuritySettings>('/organization/security', undefined, signal),
  update: (draft: SecuritySettingsDraft, version: number) => http.put<SecuritySettings>('/organization/security', draft, version),
};

export const emergencyApi = {
  grant: (clientId: Id, reason: string) => http.post<Grant>('/emergency-access', { client_id: clientId, reason }),
  mine: (signal?: AbortSignal) => http.get<Items<Grant>>('/emergency-access', undefined, signal),
};

export const alertsApi = {
  list: (signal?: AbortSignal) => http.get<Items<PrivacyAlert>>('/alerts', undefined, signal),
  acknowledge: (id: Id) => http.post<void>(`/alerts/${enc(id)}/acknowledge`, {}),
};

// ---- Audit trail (platform/audit) ----

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) => http.get<Page<AuditEvent>>('/audit-events', { ...query }, signal),
  /** The address of the CSV export for the same filters and order (a plain link: the browser downloads it). */
  csvUrl: (query: AuditQuery) => {
    const { cursor: _cursor, limit: _limit, ...rest } = query;
    return buildUrl('/audit-events.csv', { ...rest });
  },
  verify: (signal?: AbortSignal) => http.get<AuditVerification>('/audit/verify', undefined, signal),
};
