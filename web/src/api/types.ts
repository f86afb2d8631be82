// Types for the Stepwise HTTP API v1 (docs/api.md). Field names match the JSON exactly.

/** A UUIDv7 string. */
export type Id = string;
/** A date without time, "YYYY-MM-DD". */
export type DateString = string;
/** A UTC instant, "YYYY-MM-DDTHH:MM:SS.mmmZ". */
export type Instant = string;

export interface CodeLabel {
  code: string;
  label: string;
}

export interface Meta {
  version: string;
  roles: CodeLabel[];
  credential_types: CodeLabel[];
  care_stages: CodeLabel[];
  levels_of_care: CodeLabel[];
  sex_at_birth: CodeLabel[];
  weekdays: CodeLabel[];
}

/** Fields every mutable record carries. */
export interface RecordMeta {
  id: Id;
  version: number;
  voided: boolean;
  void_reason: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postal_code?: string;
}

// ---- Organization and program set-up ----

export interface OrganizationDraft {
  name: string;
  time_zone: string;
}
export interface Organization extends RecordMeta, OrganizationDraft {}

export interface SiteDraft {
  name: string;
  phone?: string;
  address?: Address;
}
export interface Site extends RecordMeta {
  name: string;
  phone: string;
  address: Address;
}

export interface ProgramDraft {
  site_id: Id;
  name: string;
  level_of_care: string;
}
export interface Program extends RecordMeta, ProgramDraft {
  /** Present on GET /programs/{id}. */
  tracks?: Track[];
}

export interface TrackDraft {
  name: string;
  days: string[];
  start_time: string;
  end_time: string;
  capacity: number;
}
export interface Track extends RecordMeta, TrackDraft {
  program_id: Id;
  hours_per_week: number;
}

// ---- Staff ----

export interface Credential {
  type: string;
  license_number?: string;
  issuing_state?: string;
  expires_on?: DateString | null;
}

export interface StaffDraft {
  given_name: string;
  family_name: string;
  preferred_name?: string;
  email?: string;
  phone?: string;
  roles: string[];
  credentials: Credential[];
}
export interface Staff extends RecordMeta {
  given_name: string;
  family_name: string;
  preferred_name: string;
  display_name?: string;
  email: string;
  phone: string;
  roles: string[];
  credentials: Credential[];
}

export interface StaffQuery {
  q?: string;
  role?: string;
  include_voided?: boolean;
  limit?: number;
  cursor?: string;
}

// ---- Clients and episodes ----

export interface LegalName {
  given: string;
  middle?: string;
  family: string;
}

export interface EmergencyContact {
  name?: string;
  relationship?: string;
  phone?: string;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface ClientDraft {
  mrn?: string;
  legal_name: LegalName;
  preferred_name?: string;
  pronouns?: string;
  birth_date: DateString;
  sex_at_birth?: string;
  gender_identity?: string;
  phone?: string;
  email?: string;
  address?: Address;
  emergency_contact?: EmergencyContact;
  identifiers?: Identifier[];
}

export type CareStage = 'intake' | 'assessment' | 'orientation' | 'treatment' | 'aftercare' | 'discharged';

export interface EpisodeDraft {
  program_id: Id;
  track_id?: Id | null;
  counselor_id?: Id | null;
  stage: string;
  level_of_care: string;
  admission_date?: DateString | null;
  discharge_date?: DateString | null;
}

export interface Episode extends RecordMeta {
  client_id: Id;
  program_id: Id;
  track_id: Id | null;
  counselor_id: Id | null;
  stage: string;
  status?: 'open' | 'closed';
  level_of_care: string;
  admission_date: DateString | null;
  discharge_date: DateString | null;
  /** Present on a client's current_episode. */
  track_name?: string | null;
  counselor_name?: string | null;
}

export interface Client extends RecordMeta {
  mrn: string;
  legal_name: LegalName;
  preferred_name: string;
  display_name?: string;
  pronouns: string;
  birth_date: DateString;
  age: number;
  sex_at_birth: string;
  gender_identity: string;
  phone: string;
  email: string;
  address: Address;
  emergency_contact: EmergencyContact;
  identifiers: Identifier[];
  current_episode: Episode | null;
}

export interface ClientSummary {
  id: Id;
  mrn: string;
  legal_name: LegalName;
  preferred_name: string;
  display_name?: string;
  pronouns: string;
  birth_date: DateString;
  age: number;
  stage: string | null;
  track_name: string | null;
  counselor_name: string | null;
  voided: boolean;
}

export interface ClientQuery {
  q?: string;
  birth_date?: string;
  mrn?: string;
  stage?: string;
  track_id?: string;
  counselor_id?: string;
  include_voided?: boolean;
  limit?: number;
  cursor?: string;
}

// ---- Errors ----

export interface FieldErrorItem {
  field: string;
  message: string;
}

export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    fields?: FieldErrorItem[];
  };
}

// ---- Identity, sessions and access (platform/security) ----

export interface SetupState {
  needs_first_user: boolean;
  needs_organization: boolean;
}

export interface SetupRequest {
  organization?: OrganizationDraft;
  user: { username: string; password: string; display_name: string };
}

export type ClientScope = 'none' | 'caseload' | 'program';

export interface SessionUser {
  id: Id;
  username: string;
  display_name: string;
  roles: string[];
  permissions: string[];
  client_scope: ClientScope | string;
  staff_id: Id | null;
  mfa_enabled: boolean;
  mfa_required: boolean;
  /** Designated for emergency access (not in the documented Session yet; when present and false, the offer is hidden). */
  emergency_access?: boolean;
}

export interface Session {
  user: SessionUser;
  csrf_token: string;
  idle_timeout_seconds: number;
  idle_expires_at: Instant;
  expires_at: Instant;
}

export type SignInStatus = 'signed_in' | 'mfa_required' | 'mfa_enrollment_required';

export interface SignInResult {
  status: SignInStatus;
  /** Present when signed in; for a pending (MFA) session it may be partial. */
  session?: Session | null;
}

export interface MySession {
  id: Id;
  created_at: Instant;
  last_seen_at: Instant;
  idle_expires_at: Instant;
  expires_at: Instant;
  source_address: string;
  user_agent: string;
  current: boolean;
}

export interface MfaEnrollment {
  secret: string;
  otpauth_uri: string;
}

export interface RecoveryCodes {
  recovery_codes: string[];
}

export interface ApiToken {
  id: Id;
  name: string;
  created_at: Instant;
  expires_at: Instant;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
}

export interface CreatedToken {
  id: Id;
  name: string;
  token: string;
  expires_at: Instant;
}

export interface User {
  id: Id;
  username: string;
  display_name: string;
  roles: string[];
  staff_id: Id | null;
  emergency_access: boolean;
  mfa_enabled: boolean;
  disabled: boolean;
  last_sign_in_at: Instant | null;
  version: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface UserCreate {
  username: string;
  password: string;
  display_name: string;
  roles: string[];
  staff_id?: Id | null;
  emergency_access?: boolean;
}

export interface UserUpdate {
  display_name: string;
  roles: string[];
  staff_id: Id | null;
  emergency_access: boolean;
  disabled: boolean;
}

export interface PolicyRole {
  code: string;
  /** The same label as GET /meta's roles (one list on the server). */
  label: string;
  client_scope: ClientScope | string;
  permissions: string[];
  mfa_required: boolean;
}

export interface PolicyPermission {
  code: string;
  label: string;
  data_category: string;
}

export interface Policy {
  roles: PolicyRole[];
  permissions: PolicyPermission[];
}

export interface SecuritySettingsDraft {
  require_mfa_for_all: boolean;
  idle_timeout_minutes: number;
  emergency_minutes: number;
}

export interface SecuritySettings extends SecuritySettingsDraft {
  version: number;
}

export interface Grant {
  id: Id;
  user_id: Id;
  client_id: Id;
  reason: string;
  started_at: Instant;
  expires_at: Instant;
}

export interface PrivacyAlert {
  id: Id;
  kind: 'emergency_access' | string;
  message: string;
  user_id: Id;
  client_id: Id | null;
  created_at: Instant;
  acknowledged_at: Instant | null;
}

export interface Items<T> {
  items: T[];
}

// ---- Audit trail (platform/audit) ----

export type AuditSort =
  | 'occurred_at'
  | 'user_id'
  | 'role'
  | 'action'
  | 'resource_type'
  | 'client_id'
  | 'data_category'
  | 'source_address'
  | 'outcome';

export interface AuditQuery {
  from?: string;
  to?: string;
  user_id?: string;
  client_id?: string;
  action?: string;
  outcome?: string;
  sort?: AuditSort;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

export interface AuditEvent {
  seq: number;
  id: Id;
  occurred_at: Instant;
  user_id: Id | null;
  username: string | null;
  role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: Id | null;
  client_id: Id | null;
  data_category: string | null;
  source_address: string | null;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  events_checked: number;
  first_broken_seq: number | null;
  problem: string | null;
}
