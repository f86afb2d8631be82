// Types and calls for a client's medications, prescriber referrals and adherence check-ins (docs/api.md
// "Medications"). Field names match the JSON exactly.
import { http } from './client';
import type { DateString, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

export type MedicationCategory = 'addiction' | 'psychiatric' | 'other';
export type MatKind = 'buprenorphine' | 'methadone' | 'naltrexone_oral' | 'naltrexone_er' | 'acamprosate' | 'disulfiram';
export type MedicationSource = 'client_report' | 'prescriber';
export type ReferralStatus = 'sent' | 'scheduled' | 'seen' | 'closed';

export const MAT_KINDS: { value: MatKind; label: string }[] = [
  { value: 'buprenorphine', label: 'Buprenorphine' },
  { value: 'methadone', label: 'Methadone' },
  { value: 'naltrexone_oral', label: 'Naltrexone (oral)' },
  { value: 'naltrexone_er', label: 'Naltrexone (extended-release injection)' },
  { value: 'acamprosate', label: 'Acamprosate' },
  { value: 'disulfiram', label: 'Disulfiram' },
];

export const ROUTES: { value: string; label: string }[] = [
  { value: 'oral', label: 'Oral' },
  { value: 'sublingual', label: 'Sublingual' },
  { value: 'buccal', label: 'Buccal' },
  { value: 'intramuscular', label: 'Intramuscular injection' },
  { value: 'subcutaneous', label: 'Subcutaneous injection' },
  { value: 'transdermal', label: 'Transdermal' },
  { value: 'intranasal', label: 'Intranasal' },
  { value: 'inhaled', label: 'Inhaled' },
  { value: 'intravenous', label: 'Intravenous' },
  { value: 'other', label: 'Other' },
];

export const CATEGORIES: { value: MedicationCategory; label: string }[] = [
  { value: 'addiction', label: 'Addiction treatment' },
  { value: 'psychiatric', label: 'Psychiatric' },
  { value: 'other', label: 'Other' },
];

export const SOURCES: { value: MedicationSource; label: string }[] = [
  { value: 'prescriber', label: 'Prescriber' },
  { value: 'client_report', label: 'Client report' },
];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  sent: 'Sent',
  scheduled: 'Appointment scheduled',
  seen: 'Seen',
  closed: 'Closed',
};

export interface Medication {
  id: Id;
  version: number;
  voided: boolean;
  void_reason: string | null;
  client_id: Id;
  name: string;
  rxnorm_code: string | null;
  dose: string;
  route: string;
  frequency: string;
  prescriber: string | null;
  start_on: DateString;
  stop_on: DateString | null;
  stop_reason: string | null;
  category: MedicationCategory;
  mat_kind: MatKind | null;
  source: MedicationSource;
  note: string | null;
  active: boolean;
  /** Drug-test analytes this medication makes expected (config/medications.json). */
  expected_analytes: string[];
  created_at: Instant;
  updated_at: Instant;
}

export interface MedicationDraft {
  name: string;
  rxnorm_code?: string;
  dose: string;
  route: string;
  frequency: string;
  prescriber?: string;
  start_on: DateString;
  category?: MedicationCategory;
  mat_kind?: MatKind;
  source: MedicationSource;
  note?: string;
}

export interface Referral {
  id: Id;
  version: number;
  client_id: Id;
  provider_name: string;
  provider_contact: string | null;
  reason: string;
  status: ReferralStatus;
  sent_on: DateString;
  appointment_on: DateString | null;
  seen_on: DateString | null;
  closed_on: DateString | null;
  outcome: string | null;
}

export interface ReferralDraft {
  provider_name: string;
  provider_contact?: string;
  reason: string;
  sent_on?: DateString;
}

export interface Checkin {
  id: Id;
  version: number;
  voided: boolean;
  client_id: Id;
  medication_id: Id | null;
  checked_on: DateString;
  taken_as_prescribed: boolean;
  missed_doses: number;
  non_adherent: boolean;
  side_effects: string | null;
  craving: number;
  note: string | null;
  /** On a new check-in: the open adherence task it made or found. */
  adherence_task_id?: Id | null;
}

export interface CheckinDraft {
  medication_id?: Id;
  checked_on?: DateString;
  taken_as_prescribed: boolean;
  missed_doses?: number;
  side_effects?: string;
  craving?: number;
  note?: string;
}

export interface AdherenceWeek {
  week_of: DateString;
  checkins: number;
  as_prescribed: number;
  missed_doses: number;
  average_craving: number;
  max_craving: number;
  side_effect_reports: number;
}

export interface AdherenceTrend {
  weeks: AdherenceWeek[];
  non_adherent_count: number;
  window_days: number;
}

export const medicationsApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<Medication>>(`/clients/${enc(clientId)}/medications`, undefined, signal),
  add: (clientId: Id, draft: MedicationDraft) => http.post<Medication>(`/clients/${enc(clientId)}/medications`, draft),
  update: (id: Id, draft: MedicationDraft, version: number) => http.put<Medication>(`/medications/${enc(id)}`, draft, version),
  stop: (id: Id, stopOn: DateString, reason: string, version: number) =>
    http.post<Medication>(`/medications/${enc(id)}/stop`, { stop_on: stopOn, reason }, version),
  referrals: (clientId: Id, signal?: AbortSignal) =>
    http.get<Items<Referral>>(`/clients/${enc(clientId)}/medication-referrals`, undefined, signal),
  refer: (clientId: Id, draft: ReferralDraft) => http.post<Referral>(`/clients/${enc(clientId)}/medication-referrals`, draft),
  setReferralStatus: (id: Id, status: Exclude<ReferralStatus, 'sent'>, date: DateString, outcome: string, version: number) =>
    http.post<Referral>(`/medication-referrals/${enc(id)}/status`, { status, date, ...(outcome ? { outcome } : {}) }, version),
  checkins: (clientId: Id, signal?: AbortSignal) => http.get<Items<Checkin>>(`/clients/${enc(clientId)}/adherence`, undefined, signal),
  checkIn: (clientId: Id, draft: CheckinDraft) => http.post<Checkin>(`/clients/${enc(clientId)}/adherence`, draft),
  trend: (clientId: Id, signal?: AbortSignal) => http.get<AdherenceTrend>(`/clients/${enc(clientId)}/adherence/trend`, undefined, signal),
};
