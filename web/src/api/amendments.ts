// Clients' requests to amend their records (docs/api.md "Amendment requests", HIPAA 164.526).
import { http } from './client';
import type { DateString, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

export type AmendmentStatus = 'pending' | 'accepted' | 'denied';
export type AmendmentRecordType = 'document' | 'assessment' | 'instrument_response' | 'client' | 'plan' | 'consent' | 'other';

export const AMENDMENT_RECORD_TYPES: { value: AmendmentRecordType; label: string }[] = [
  { value: 'client', label: 'Demographics' },
  { value: 'assessment', label: 'Assessment' },
  { value: 'instrument_response', label: 'Screening form' },
  { value: 'document', label: 'Signed document' },
  { value: 'plan', label: 'Treatment plan' },
  { value: 'consent', label: 'Consent' },
  { value: 'other', label: 'Other' },
];

/** The HIPAA bases for a denial (45 CFR 164.526(a)(2)), offered as starting text. */
export const DENIAL_BASES = [
  'The information was not created by this program',
  'The information is not part of the designated record set',
  'The information is not available for inspection under HIPAA',
  'The information is accurate and complete',
];

export interface Amendment {
  id: Id;
  version: number;
  client_id: Id;
  client_name?: string;
  record_type: AmendmentRecordType;
  record_id: Id | null;
  record_description: string;
  requested_change: string;
  client_reason: string | null;
  received_on: DateString;
  due_on: DateString;
  extended_to: DateString | null;
  extension_reason: string | null;
  status: AmendmentStatus;
  overdue: boolean;
  decided_at: Instant | null;
  decided_by_name: string | null;
  amendment_text: string | null;
  denial_reason: string | null;
  disagreement: string | null;
  created_at: Instant;
}

export interface AmendmentDraft {
  record_type: AmendmentRecordType;
  record_description: string;
  requested_change: string;
  client_reason?: string;
  received_on?: DateString;
}

export type Decision = { decision: 'accepted'; amendment_text: string } | { decision: 'denied'; denial_reason: string };

export const amendmentsApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<Amendment>>(`/clients/${enc(clientId)}/amendments`, undefined, signal),
  open: (signal?: AbortSignal) => http.get<Items<Amendment>>('/amendments/open', undefined, signal),
  create: (clientId: Id, draft: AmendmentDraft) => http.post<Amendment>(`/clients/${enc(clientId)}/amendments`, draft),
  decide: (id: Id, decision: Decision, version: number) => http.post<Amendment>(`/amendments/${enc(id)}/decide`, decision, version),
  extend: (id: Id, extendedTo: DateString, reason: string, version: number) =>
    http.post<Amendment>(`/amendments/${enc(id)}/extend`, { extended_to: extendedTo, reason }, version),
  disagree: (id: Id, statement: string, version: number) =>
    http.post<Amendment>(`/amendments/${enc(id)}/disagreement`, { statement }, version),
};
