// Types and calls for 42 CFR Part 2 consents, court orders, disclosures and the accounting of disclosures
// (docs/api.md "Consents and disclosure"). Field names match the JSON exactly.
import { buildUrl, http, request, requestResponse } from './client';
import type { CodeLabel, DateString, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

// ---- Consents ----

export type ConsentKind = 'tpo' | 'specific';
export type ConsentStatus = 'draft' | 'active' | 'revoked' | 'expired';
export type RecipientKind = 'person' | 'organization' | 'tpo_class';
export type ExpirationKind = 'date' | 'event' | 'none';

export interface ConsentInformation {
  categories: string[];
  description: string;
}

export interface ConsentRecipient {
  kind: RecipientKind | '';
  category: string;
  name: string;
  organization: string;
  address: string;
  relationship: string;
}

export interface ConsentPurpose {
  code: string;
  text: string;
  /** The purpose's label (sent by the server; ignored when sent back). */
  label?: string;
}

export interface ConsentExpiration {
  kind: ExpirationKind | '';
  /** Null from the server when unset; the wizard sends '' for "not yet". */
  date: DateString | null;
  event: string | null;
}

/** A drawn signature's strokes: points in a width × height box. */
export interface SignatureImage {
  width: number;
  height: number;
  strokes: [number, number][][];
}

/** What the signing screen sends (the shared SignaturePad's value). */
export interface SignatureInput {
  role: string;
  signer_name: string;
  method: 'drawn' | 'typed';
  image?: SignatureImage;
}

/** A stored signature, with the fields the server sets. */
export interface SignatureRecord extends SignatureInput {
  id: Id;
  signed_at: Instant;
  content_sha256: string;
  staff_id?: string;
}

export interface Revocation {
  revoked_at: Instant;
  revoked_on?: DateString;
  recorded_by_name: string;
  method: 'written' | 'oral';
  note: string;
}

/** The fields a draft may carry (any subset while the wizard saves as it goes). */
export interface ConsentDraft {
  kind?: ConsentKind;
  discloser?: string;
  information?: ConsentInformation;
  recipient?: ConsentRecipient;
  purpose?: ConsentPurpose;
  revocation_statement?: string;
  expiration?: ConsentExpiration;
}

export interface Consent {
  id: Id;
  version: number;
  created_at: Instant;
  updated_at: Instant;
  client_id: Id;
  part2: boolean;
  kind: ConsentKind | '';
  status: ConsentStatus;
  discloser: string;
  information: ConsentInformation;
  recipient: ConsentRecipient;
  purpose: ConsentPurpose;
  revocation_statement: string;
  expiration: ConsentExpiration;
  tpo_statements?: { redisclosure: string; refusal_consequences: string } | null;
  signature: SignatureRecord | null;
  signed_on: DateString | null;
  revocation: Revocation | null;
  days_to_expiry: number | null;
  expiring_soon: boolean;
  plain_language: string;
  disclosure_count: number;
  client_name?: string;
  voided?: boolean;
}

export interface ExpiringConsent extends Consent {
  client_name: string;
}

export interface RevokeRequest {
  method: 'written' | 'oral';
  note: string;
  revoked_on?: DateString;
}

export const consentsApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<Consent>>(`/clients/${enc(clientId)}/consents`, undefined, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Consent>(`/consents/${enc(id)}`, undefined, signal),
  create: (clientId: Id, draft: ConsentDraft) => http.post<Consent>(`/clients/${enc(clientId)}/consents`, draft),
  update: (id: Id, patch: ConsentDraft, version: number) => request<Consent>('PATCH', `/consents/${enc(id)}`, { body: patch, version }),
  activate: (id: Id, body: { signature: SignatureInput; signed_on: DateString }, version: number) =>
    http.post<Consent>(`/consents/${enc(id)}/activate`, body, version),
  revoke: (id: Id, body: RevokeRequest, version: number) => http.post<Consent>(`/consents/${enc(id)}/revoke`, body, version),
  void: (id: Id, reason: string, version: number) => http.post<Consent>(`/consents/${enc(id)}/void`, { reason }, version),
  expiring: (withinDays: number, signal?: AbortSignal) =>
    http.get<Items<ExpiringConsent>>('/consents/expiring', { within_days: withinDays }, signal),
  /** The consent as signed, as a PDF (opened as a link: the session cookie goes with it; no PHI in the URL). */
  pdfUrl: (id: Id) => buildUrl(`/consents/${enc(id)}/pdf`),
};

// ---- Court orders ----

export interface CourtOrderDraft {
  court: string;
  case_number: string;
  judge: string;
  order_date: DateString;
  description: string;
  expires_on?: DateString;
}

export interface CourtOrder extends CourtOrderDraft {
  id: Id;
  version: number;
  client_id: Id;
  created_at: Instant;
  updated_at: Instant;
  recorded_by_name?: string;
  part2?: boolean;
}

export const courtOrdersApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<CourtOrder>>(`/clients/${enc(clientId)}/court-orders`, undefined, signal),
  create: (clientId: Id, draft: CourtOrderDraft) => http.post<CourtOrder>(`/clients/${enc(clientId)}/court-orders`, draft),
};

// ---- Disclosure (release of information) ----

export type DisclosureChannel = 'pdf' | 'print' | 'csv' | 'api' | 'referral_packet';

export interface DisclosureRequest {
  consent_id: Id;
  recipient_name: string;
  recipient_address?: string;
  purpose: string;
  categories: string[];
  description: string;
  channel: DisclosureChannel;
  court_order_id?: Id;
}

export interface LabelValue {
  label: string;
  value: string;
}

export interface DisclosureSection {
  category: string;
  title: string;
  fields: LabelValue[];
  columns: string[];
  rows: string[][];
  note: string | null;
}

/** The `api` channel's answer: the packet as JSON. */
export interface DisclosurePacket {
  disclosure: AccountingEntry;
  notice: { version: string; text: string };
  /** The consent (or court order) the release relied on, as label/value pairs. */
  consent_summary: LabelValue[];
  sections: DisclosureSection[];
}

export type ReleaseResult =
  | { kind: 'file'; blob: Blob; filename: string; contentType: string }
  | { kind: 'packet'; packet: DisclosurePacket };

/** The file name from a Content-Disposition header (`attachment; filename="disclosure-….pdf"`). */
export function dispositionFilename(header: string | null, fallback: string): string {
  const m = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  return m?.[1] ? decodeURIComponent(m[1]) : fallback;
}

export interface AccountingEntry {
  id: Id;
  disclosed_at: Instant;
  recipient_name: string;
  recipient_address: string;
  description: string;
  categories: string[];
  purpose: string;
  purpose_label: string;
  user_name: string;
  consent_id: Id | null;
  court_order_id?: Id | null;
  /** Null for a release under a court order alone. */
  consent_status_now?: ConsentStatus | string | null;
  channel: DisclosureChannel | string;
  notice_version?: string;
}

export interface Accounting {
  items: AccountingEntry[];
  years?: number;
  window_start: DateString | Instant;
  window_end: DateString | Instant;
}

export const disclosuresApi = {
  /**
   * Releases information through the one disclosure service. A PDF or CSV comes back as a file to save; the
   * `api` channel as JSON. A refusal is an ApiError 403 whose fields carry "<reason_code>: <explanation>".
   */
  release: async (clientId: Id, body: DisclosureRequest): Promise<ReleaseResult> => {
    const res = await requestResponse('POST', `/clients/${enc(clientId)}/disclosures`, { body });
    const contentType = res.headers.get('Content-Type') ?? '';
    if (contentType.includes('application/json')) {
      return { kind: 'packet', packet: (await res.json()) as DisclosurePacket };
    }
    const ext = contentType.includes('csv') ? 'csv' : 'pdf';
    const filename = dispositionFilename(res.headers.get('Content-Disposition'), `disclosure.${ext}`);
    return { kind: 'file', blob: await res.blob(), filename, contentType };
  },
  accounting: (clientId: Id, years: 3 | 6, signal?: AbortSignal) =>
    http.get<Accounting>(`/clients/${enc(clientId)}/disclosures`, { years }, signal),
  /** The accounting as a PDF the client can be given. */
  reportUrl: (clientId: Id, years: 3 | 6) => buildUrl(`/clients/${enc(clientId)}/disclosures/report.pdf`, { years }),
};

// ---- Vocabulary (the server checks the same codes) ----

export const INFORMATION_CATEGORIES: CodeLabel[] = [
  { code: 'demographics', label: 'Demographics (name, date of birth, contact details)' },
  { code: 'attendance', label: 'Attendance' },
  { code: 'assessments', label: 'Assessments and screening results' },
  { code: 'diagnosis', label: 'Diagnosis' },
  { code: 'treatment_plan', label: 'Treatment plan' },
  { code: 'progress', label: 'Progress in treatment' },
  { code: 'drug_tests', label: 'Drug test results' },
  { code: 'medications', label: 'Medications' },
  { code: 'discharge_summary', label: 'Discharge summary' },
  { code: 'all_records', label: 'All records' },
];

export interface PurposeOption extends CodeLabel {
  /** Treatment, payment or health care operations: the only purposes a TPO consent allows. */
  tpo: boolean;
  /** Legal proceedings need a recorded court order (42 CFR 2.61–2.67). */
  courtOrder?: boolean;
}

export const PURPOSES: PurposeOption[] = [
  { code: 'treatment', label: 'Treatment', tpo: true },
  { code: 'payment', label: 'Payment', tpo: true },
  { code: 'health_care_operations', label: 'Health care operations', tpo: true },
  { code: 'coordination_of_care', label: 'Coordination of care', tpo: false },
  { code: 'family_involvement', label: 'Family involvement in treatment', tpo: false },
  { code: 'employment', label: 'Employment (return to work, employee assistance)', tpo: false },
  { code: 'criminal_justice_supervision', label: 'Court, probation or parole supervision', tpo: false },
  { code: 'benefits_eligibility', label: 'Benefits eligibility', tpo: false },
  { code: 'research', label: 'Research', tpo: false },
  { code: 'other', label: 'Other (described below)', tpo: false },
  { code: 'legal_proceedings', label: 'Use in legal proceedings (needs a court order)', tpo: false, courtOrder: true },
];

export const RECIPIENT_CATEGORIES: CodeLabel[] = [
  { code: 'family', label: 'Family member or friend' },
  { code: 'referral_provider', label: 'Referral provider' },
  { code: 'treating_provider', label: 'Treating provider' },
  { code: 'employer', label: 'Employer' },
  { code: 'criminal_justice', label: 'Court, probation or parole' },
  { code: 'payer', label: 'Health plan or payer' },
  { code: 'other', label: 'Other' },
];

/** The recipient class a single TPO consent names (42 CFR 2.31(a)(4)). */
export const TPO_CLASS_TEXT = 'my treating providers, health plans, third-party payers, and people helping to operate this program';

export const EXPIRATION_EVENTS: CodeLabel[] = [{ code: 'end_of_treatment', label: 'End of treatment (discharge from the program)' }];

export function purposeLabel(code: string): string {
  return PURPOSES.find((p) => p.code === code)?.label ?? code;
}

export function categoryLabel(code: string): string {
  return INFORMATION_CATEGORIES.find((c) => c.code === code)?.label ?? code;
}
