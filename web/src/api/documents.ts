// Types and calls for document templates, signed documents and the orientation checklist (docs/api.md
// "Documents and orientation"; care/documents on the server). Field names match the JSON exactly.
import type { StoredSignature, SignatureValue } from '../components/SignaturePad';
import { buildUrl, http, request } from './client';
import type { Episode, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

export type DocumentKind =
  | 'consent_to_treatment'
  | 'hipaa_npp_ack'
  | 'part2_notice'
  | 'program_rules'
  | 'drug_testing_agreement'
  | 'telehealth_consent'
  | 'financial_agreement'
  | 'other';

export const DOCUMENT_KINDS: { code: DocumentKind; label: string }[] = [
  { code: 'consent_to_treatment', label: 'Consent to treatment' },
  { code: 'hipaa_npp_ack', label: 'HIPAA notice of privacy practices (acknowledgement)' },
  { code: 'part2_notice', label: '42 CFR Part 2 patient notice (acknowledgement)' },
  { code: 'program_rules', label: 'Program rules' },
  { code: 'drug_testing_agreement', label: 'Drug-testing agreement' },
  { code: 'telehealth_consent', label: 'Telehealth consent' },
  { code: 'financial_agreement', label: 'Financial agreement' },
  { code: 'other', label: 'Other document' },
];

export function documentKindLabel(kind: string): string {
  return DOCUMENT_KINDS.find((k) => k.code === kind)?.label ?? kind;
}

export type DeliveryMethod = 'in_person' | 'electronic' | 'mail';

export const DELIVERY_METHODS: { code: DeliveryMethod; label: string }[] = [
  { code: 'in_person', label: 'In person (given on paper or on this device)' },
  { code: 'electronic', label: 'Electronically (email or portal)' },
  { code: 'mail', label: 'By mail' },
];

/** Notices whose delivery to the client is recorded with a method (the server requires it). */
export function needsDeliveryMethod(kind: string): boolean {
  return kind === 'part2_notice' || kind === 'hipaa_npp_ack';
}

/** Placeholders a template body may use. */
export const PLACEHOLDERS = ['client_name', 'client_birth_date', 'program_name', 'organization_name', 'date'] as const;

// ---- Templates ----

export interface DocumentTemplate {
  id: Id;
  /** The record version for If-Match (each save also adds a template version, version_no). */
  version: number;
  kind: DocumentKind;
  title: string;
  version_no: number;
  requires_witness: boolean;
  /** A notice whose delivery method is recorded when it is signed (part2_notice, hipaa_npp_ack). */
  requires_delivery_method?: boolean;
  active: boolean;
  body: string;
  kind_label?: string;
  created_at?: Instant;
  updated_at: Instant;
}

export interface TemplateDraft {
  kind?: DocumentKind;
  title: string;
  body: string;
  requires_witness: boolean;
  active?: boolean;
}

export const templatesApi = {
  list: (signal?: AbortSignal) => http.get<Items<DocumentTemplate>>('/document-templates', undefined, signal),
  create: (draft: TemplateDraft) => http.post<DocumentTemplate>('/document-templates', { kind: 'other', ...draft }),
  /** Saves the next version (version_no + 1); the earlier versions stay as signed documents need them. */
  update: (id: Id, draft: TemplateDraft, version: number) => http.put<DocumentTemplate>(`/document-templates/${enc(id)}`, draft, version),
};

// ---- Preview and signing ----

export interface DocumentPreview {
  template_id: Id;
  template_version_no: number;
  kind?: DocumentKind;
  title: string;
  /** The document exactly as it will be signed (plain text; its SHA-256 is content_sha256). */
  text: string;
  content_sha256: string;
  requires_witness?: boolean;
  requires_delivery_method?: boolean;
}

export interface SignRequest {
  template_id: Id;
  template_version_no: number;
  content_sha256: string;
  signatures: SignatureValue[];
  delivery_method?: DeliveryMethod;
}

export interface SignedDocument {
  id: Id;
  client_id?: Id;
  kind: DocumentKind;
  title: string;
  template_id: Id;
  template_version_no: number;
  content_sha256: string;
  text: string;
  signatures: StoredSignature[];
  delivery_method: DeliveryMethod | '' | null;
  signed_at: Instant;
  episode_id: Id | '' | null;
  part2: boolean;
  voided?: boolean;
  void_reason?: string;
}

export interface DocumentVerification {
  content_sha256: string;
  recomputed: string;
  matches: boolean;
}

export const documentsApi = {
  preview: (clientId: Id, templateId: Id, signal?: AbortSignal) =>
    http.get<DocumentPreview>(`/clients/${enc(clientId)}/documents/preview`, { template_id: templateId }, signal),
  /** 409 when the document changed since the preview (the signer must see the new text). */
  sign: (clientId: Id, body: SignRequest) => http.post<SignedDocument>(`/clients/${enc(clientId)}/documents`, body),
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<SignedDocument>>(`/clients/${enc(clientId)}/documents`, undefined, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<SignedDocument>(`/documents/${enc(id)}`, undefined, signal),
  verify: (id: Id, signal?: AbortSignal) => http.get<DocumentVerification>(`/documents/${enc(id)}/verify`, undefined, signal),
  /** The PDF's address (a plain link: the browser downloads it with the session cookie). */
  pdfUrl: (id: Id) => buildUrl(`/documents/${enc(id)}/pdf`),
};

// ---- Orientation ----

export interface ChecklistItem {
  code: string;
  label: string;
  required: boolean;
  document_kind?: DocumentKind | '' | null;
}

export interface ProgramChecklist {
  id?: Id;
  /** The checklist's version for If-Match; 0 while the program uses the default list. */
  version: number;
  program_id?: Id;
  items: ChecklistItem[];
  /** True while the program uses the built-in default list. */
  is_default?: boolean;
}

export interface OrientationItem extends ChecklistItem {
  done: boolean;
  completed_at: Instant | '' | null;
  completed_by_name: string | null;
  note: string;
  document_id: Id | '' | null;
}

export interface OrientationStatus {
  episode_id: Id | null;
  items: OrientationItem[];
  part2_notice_delivered?: boolean;
  ready: boolean;
  /** Codes of required items still open (part2_notice until the notice was delivered). */
  blocking: string[];
}

export const orientationApi = {
  get: (clientId: Id, signal?: AbortSignal) => http.get<OrientationStatus>(`/clients/${enc(clientId)}/orientation`, undefined, signal),
  mark: (clientId: Id, code: string, done: boolean, note = '') =>
    http.post<OrientationStatus>(`/clients/${enc(clientId)}/orientation/items/${enc(code)}`, { done, note }),
  /** Moves the episode from orientation to treatment (returns it); 409 with `items.<code>` field errors for what blocks it. */
  finalize: (clientId: Id) => http.post<Episode>(`/clients/${enc(clientId)}/orientation/finalize`, {}),
  checklist: (programId: Id, signal?: AbortSignal) =>
    http.get<ProgramChecklist>(`/programs/${enc(programId)}/orientation-checklist`, undefined, signal),
  /** Saves the program's own list; `version` is the loaded one (0 for the default list). */
  saveChecklist: (programId: Id, items: ChecklistItem[], version: number) =>
    request<ProgramChecklist>('PUT', `/programs/${enc(programId)}/orientation-checklist`, { body: { items }, version }),
};
