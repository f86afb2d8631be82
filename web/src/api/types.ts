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
