import type { Client, ClientSummary, Meta, Organization, Program, Session, Site, Staff, Track } from '../api/types';

const meta0 = { version: 1, voided: false, void_reason: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };

export const META: Meta = {
  version: '0.1.0',
  roles: [
    { code: 'counselor', label: 'Counselor' },
    { code: 'therapist', label: 'Licensed therapist' },
    { code: 'medical', label: 'Medical provider / nurse' },
  ],
  credential_types: [
    { code: 'LADC', label: 'Licensed Alcohol and Drug Counselor' },
    { code: 'RN', label: 'Registered Nurse' },
  ],
  care_stages: [
    { code: 'intake', label: 'Intake' },
    { code: 'assessment', label: 'Assessment' },
    { code: 'orientation', label: 'Orientation' },
    { code: 'treatment', label: 'Treatment' },
    { code: 'aftercare', label: 'Aftercare' },
    { code: 'discharged', label: 'Discharged' },
  ],
  levels_of_care: [
    { code: '1.0', label: '1.0 Outpatient' },
    { code: '2.1', label: '2.1 Intensive outpatient' },
  ],
  sex_at_birth: [
    { code: 'female', label: 'Female' },
    { code: 'male', label: 'Male' },
  ],
  weekdays: [
    { code: 'mon', label: 'Monday' },
    { code: 'tue', label: 'Tuesday' },
    { code: 'wed', label: 'Wednesday' },
    { code: 'thu', label: 'Thursday' },
    { code: 'fri', label: 'Friday' },
    { code: 'sat', label: 'Saturday' },
    { code: 'sun', label: 'Sunday' },
  ],
};

export const ORG: Organization = { ...meta0, id: 'org-1', name: 'Northstar Recovery Center', time_zone: 'America/Chicago' };

export const SITE: Site = { ...meta0, id: 'site-1', name: 'Lakeside', phone: '', address: {} };

export const PROGRAM: Program = { ...meta0, id: 'prog-1', site_id: 'site-1', name: 'Adult IOP', level_of_care: '2.1' };

export const TRACK: Track = {
  ...meta0,
  id: 'track-1',
  program_id: 'prog-1',
  name: 'Morning track',
  days: ['mon', 'wed', 'fri'],
  start_time: '09:00',
  end_time: '12:00',
  capacity: 12,
  hours_per_week: 9,
};

export const COUNSELOR: Staff = {
  ...meta0,
  id: 'staff-1',
  given_name: 'Priya',
  family_name: 'Shah',
  preferred_name: '',
  display_name: 'Priya Shah',
  email: 'pshah@example.org',
  phone: '',
  roles: ['counselor'],
  credentials: [{ type: 'LADC', license_number: '123', issuing_state: 'MN', expires_on: '2027-06-30' }],
};

export function summary(over: Partial<ClientSummary> = {}): ClientSummary {
  return {
    id: 'client-1',
    mrn: 'SW-000001',
    legal_name: { given: 'Maria', middle: 'A.', family: 'Lopez' },
    preferred_name: 'Mari',
    pronouns: 'she/her',
    birth_date: '1988-04-17',
    age: 38,
    stage: 'treatment',
    track_name: 'Morning track',
    counselor_name: 'Priya Shah',
    voided: false,
    ...over,
  };
}

export function client(over: Partial<Client> = {}): Client {
  return {
    ...meta0,
    version: 3,
    id: 'client-1',
    mrn: 'SW-000001',
    legal_name: { given: 'Maria', middle: 'A.', family: 'Lopez' },
    preferred_name: 'Mari',
    pronouns: 'she/her',
    birth_date: '1988-04-17',
    age: 38,
    sex_at_birth: 'female',
    gender_identity: 'woman',
    phone: '(612) 555-1000',
    email: 'maria@example.org',
    address: { line1: '100 Cedar Ave', city: 'Minneapolis', state: 'MN', postal_code: '55410' },
    emergency_contact: { name: 'Chris Lopez', relationship: 'sibling', phone: '(612) 555-3000' },
    identifiers: [],
    current_episode: {
      ...meta0,
      id: 'ep-1',
      client_id: 'client-1',
      program_id: 'prog-1',
      track_id: 'track-1',
      counselor_id: 'staff-1',
      stage: 'treatment',
      status: 'open',
      level_of_care: '2.1',
      admission_date: '2026-01-05',
      discharge_date: null,
      track_name: 'Morning track',
      counselor_name: 'Priya Shah',
    },
    ...over,
  };
}

// ---- Sessions ----

/** Permissions of a program director (karen in the demo), without emergency access. */
export const DIRECTOR_PERMISSIONS = [
  'clients.read',
  'clients.write',
  'organization.read',
  'organization.write',
  'program.read',
  'program.write',
  'staff.read',
  'staff.write',
];

export function session(over: Partial<Session['user']> = {}, rest: Partial<Omit<Session, 'user'>> = {}): Session {
  const now = Date.now();
  return {
    user: {
      id: 'user-karen',
      username: 'karen',
      display_name: 'Karen Olson',
      roles: ['program_director'],
      permissions: DIRECTOR_PERMISSIONS,
      client_scope: 'program',
      staff_id: null,
      mfa_enabled: true,
      mfa_required: true,
      ...over,
    },
    csrf_token: 'csrf-token-1',
    idle_timeout_seconds: 900,
    idle_expires_at: new Date(now + 900_000).toISOString(),
    expires_at: new Date(now + 12 * 3600_000).toISOString(),
    ...rest,
  };
}
