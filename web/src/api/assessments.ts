// Types and calls for instruments, instrument responses, safety alerts and biopsychosocial assessments
// (docs/api.md "Assessments"). Field names match the JSON exactly.
import { http, request } from './client';
import type { CodeLabel, Id, Instant, DateString, Items } from './types';

const enc = encodeURIComponent;

// ---- Instruments ----

export interface AnswerOption {
  code: string;
  label: string;
  value: number;
  loinc?: string;
}

export interface InstrumentItem {
  id: string;
  text: string;
  loinc?: string;
  required: boolean;
  scored: boolean;
  options: AnswerOption[];
}

export interface InstrumentDefinition {
  code: string;
  name: string;
  version: string;
  copyright: string;
  license_note?: string;
  loinc_panel?: string;
  loinc_total?: string;
  interval_days: number;
  /** The stem shown above the items ("Over the last 2 weeks, how often…"). */
  instructions?: string;
  items: InstrumentItem[];
  scales: CodeLabel[];
}

export interface ScaleScore {
  code: string;
  label: string;
  value: number;
  band_code: string;
  band_label: string;
}

export type FlagSeverity = 'info' | 'warning' | 'urgent';

export interface ScoringFlag {
  code: string;
  label: string;
  severity: FlagSeverity;
  safety: boolean;
}

export interface ItemResult {
  item_id: string;
  visible: boolean;
  answered: boolean;
  code: string;
  value: number;
}

export interface Scoring {
  complete: boolean;
  missing: string[];
  total: number | null;
  band_code: string;
  band_label: string;
  scales: ScaleScore[];
  flags: ScoringFlag[];
  items: ItemResult[];
}

export type CompletedBy = 'clinician' | 'client';
export type ResponseStatus = 'draft' | 'complete' | 'voided';

export interface InstrumentResponse {
  id: Id;
  version: number;
  client_id: Id;
  /** The client's first name (given or preferred), when the server sends it: the only PHI tablet mode shows. */
  client_first_name?: string;
  instrument: string;
  instrument_version: string;
  status: ResponseStatus;
  completed_by: CompletedBy;
  administered_by: Id | null;
  administered_by_name: string;
  started_at: Instant;
  completed_at: Instant | null;
  answers: Record<string, string>;
  scoring: Scoring;
  assessment_id: Id | null;
  created_at?: Instant;
  updated_at?: Instant;
}

export interface ResponseSummary {
  id: Id;
  instrument: string;
  instrument_name?: string;
  status: ResponseStatus;
  total: number | null;
  band_code: string;
  band_label: string;
  /** Stored flag codes (the chart's list); absent from an assessment's own summaries. */
  flags?: { code: string; label: string; severity?: FlagSeverity; safety?: boolean }[];
  started_at?: Instant;
  completed_at: Instant | null;
  completed_by?: CompletedBy;
}

export interface NewResponse {
  instrument: string;
  assessment_id?: Id;
  completed_by: CompletedBy;
  answers?: Record<string, string>;
}

export const instrumentsApi = {
  list: (signal?: AbortSignal) => http.get<Items<InstrumentDefinition>>('/instruments', undefined, signal),
};

export const responsesApi = {
  list: (clientId: Id, instrument?: string, signal?: AbortSignal) =>
    http.get<Items<ResponseSummary>>(`/clients/${enc(clientId)}/instrument-responses`, { instrument }, signal),
  get: (rid: Id, signal?: AbortSignal) => http.get<InstrumentResponse>(`/instrument-responses/${enc(rid)}`, undefined, signal),
  start: (clientId: Id, body: NewResponse) => http.post<InstrumentResponse>(`/clients/${enc(clientId)}/instrument-responses`, body),
  /** Merges answers (null clears one) into the draft; returns it with fresh scoring. */
  saveAnswers: (rid: Id, answers: Record<string, string | null>, version: number, keepalive = false) =>
    request<InstrumentResponse>('PATCH', `/instrument-responses/${enc(rid)}`, { body: { answers }, version, keepalive }),
  complete: (rid: Id, version: number) => http.post<InstrumentResponse>(`/instrument-responses/${enc(rid)}/complete`, {}, version),
  void: (rid: Id, reason: string, version: number) => http.post<InstrumentResponse>(`/instrument-responses/${enc(rid)}/void`, { reason }, version),
};

// ---- Safety alerts ----

export interface SafetyAlert {
  id: Id;
  client_id: Id;
  client_name: string;
  kind: string;
  label: string;
  severity: FlagSeverity;
  raised_at: Instant;
  response_id: Id | null;
  status: 'open' | 'resolved';
  assigned_to_name?: string;
  actions?: string[];
  note?: string;
  responded_by_name?: string;
  responded_at?: Instant | null;
}

/** The safety-response actions a clinician can record (codes fixed by the server). */
export const safetyAlertsApi = {
  mine: (status: 'open' | 'resolved' = 'open', signal?: AbortSignal) =>
    http.get<Items<SafetyAlert>>('/safety-alerts', { status }, signal),
  forClient: (clientId: Id, signal?: AbortSignal) => http.get<Items<SafetyAlert>>(`/clients/${enc(clientId)}/safety-alerts`, undefined, signal),
  respond: (id: Id, actions: string[], note: string) => http.post<SafetyAlert>(`/safety-alerts/${enc(id)}/respond`, { actions, note }),
};

/** Who besides the assessing clinician receives a program's safety alerts. */
export interface OnCallList {
  program_id: Id;
  staff_ids: Id[];
}

export const onCallApi = {
  get: (programId: Id, signal?: AbortSignal) => http.get<OnCallList>(`/programs/${enc(programId)}/on-call`, undefined, signal),
  /** Replaces the list (a list, not a versioned record: no If-Match). */
  set: (programId: Id, staffIds: Id[]) => request<OnCallList>('PUT', `/programs/${enc(programId)}/on-call`, { body: { staff_ids: staffIds } }),
};

// ---- Level of care and assessment options ----

export interface CareLevel {
  code: string;
  label: string;
  iop: boolean;
}

export interface PolicyRule {
  rule: string;
  reason: string;
  needs_level: string;
}

export interface LevelOfCarePolicy {
  name: string;
  example: boolean;
  edition: number;
  levels: CareLevel[];
  dimensions: { number: number; name: string }[];
  flags: CodeLabel[];
  rules: PolicyRule[];
}

/** TEDS code lists and the DSM-5 SUD criteria. Codes may come as numbers or strings; the UI uses strings. */
export interface AssessmentOptions {
  teds_substances: CodeLabel[];
  teds_routes: CodeLabel[];
  teds_frequencies: CodeLabel[];
  dsm5_criteria: CodeLabel[];
  /** What a clinician can record having done about a safety alert. */
  safety_actions: CodeLabel[];
  [key: string]: CodeLabel[] | unknown;
}

export const levelOfCareApi = {
  policy: (signal?: AbortSignal) => http.get<LevelOfCarePolicy>('/level-of-care/policy', undefined, signal),
  options: (signal?: AbortSignal) => http.get<AssessmentOptions>('/assessment-options', undefined, signal),
};

// ---- Assessments ----

export type AssessmentKind = 'initial' | 'continued_stay';
export type SectionValues = Record<string, string | number | boolean | null>;

export interface SubstanceUse {
  teds_code: number | null;
  age_first_use: number | null;
  /** TEDS route code. */
  route: string;
  /** TEDS frequency code (use in the last 30 days). */
  frequency_30d: string;
  /** A date or free text ("about a week ago"). */
  last_use: string;
  amount: string;
  criteria: string[];
  diagnosis_code: string;
  /** Computed by the server from the criteria count. */
  severity?: string;
  suggested_icd10?: { code: string; label: string }[];
}

export interface DimensionRating {
  number: number;
  name?: string;
  rating: number | null;
  rationale: string;
}

export interface TraceLine {
  rule: string;
  reason: string;
  needs_level: string;
  needs_label?: string;
  fired: boolean;
  /** This fired rule set the recommended level (the most intensive demand). */
  decisive?: boolean;
}

export interface Recommendation {
  level: string;
  level_label: string;
  iop_excluded: boolean;
  /** No rule fired: the policy's floor level applies. */
  from_floor?: boolean;
  trace: TraceLine[];
  policy_name: string;
  edition: number;
}

export interface Decision {
  level: string;
  reason: string;
  decided_by_name: string;
  decided_at: Instant;
}

export interface Outcome {
  kind: 'admitted' | 'referred' | 'level_changed' | 'continued';
  admission_date?: DateString;
  track_id?: Id | null;
  counselor_id?: Id | null;
  referred_to?: string;
  note?: string;
  /** Continued-stay reviews: the episode's level before the decision. */
  previous_level?: string;
  recorded_at?: Instant;
}

export interface Assessment {
  id: Id;
  version: number;
  client_id: Id;
  episode_id: Id | null;
  inquiry_id: Id | null;
  kind: AssessmentKind;
  status: 'draft' | 'complete' | 'voided';
  assessor_id: Id | null;
  assessor_name: string;
  started_at?: Instant;
  completed_at?: Instant | null;
  sections: Record<string, SectionValues>;
  substances: SubstanceUse[];
  dimensions: DimensionRating[];
  flags: string[];
  instrument_flags: string[];
  recommendation: Recommendation | null;
  current_level?: string | null;
  direction?: 'step_down' | 'continue' | 'step_up' | null;
  decision: Decision | null;
  outcome: Outcome | null;
  responses: ResponseSummary[];
  created_at?: Instant;
  updated_at?: Instant;
}

export interface AssessmentSummary {
  id: Id;
  kind: AssessmentKind;
  status: 'draft' | 'complete' | 'voided';
  assessor_name: string;
  started_at: Instant;
  completed_at: Instant | null;
  recommended_level: string | null;
  decided_level: string | null;
}

export interface AssessmentPatch {
  sections?: Record<string, SectionValues>;
  substances?: SubstanceUse[];
  dimensions?: { number: number; rating: number | null; rationale: string }[];
  flags?: string[];
}

export const assessmentsApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<AssessmentSummary>>(`/clients/${enc(clientId)}/assessments`, undefined, signal),
  start: (clientId: Id, body: { kind: AssessmentKind; inquiry_id?: Id; episode_id?: Id }) =>
    http.post<Assessment>(`/clients/${enc(clientId)}/assessments`, body),
  get: (aid: Id, signal?: AbortSignal) => http.get<Assessment>(`/assessments/${enc(aid)}`, undefined, signal),
  save: (aid: Id, patch: AssessmentPatch, version: number, keepalive = false) =>
    request<Assessment>('PATCH', `/assessments/${enc(aid)}`, { body: patch, version, keepalive }),
  complete: (aid: Id, version: number) => http.post<Assessment>(`/assessments/${enc(aid)}/complete`, {}, version),
  decide: (aid: Id, body: { level: string; reason: string }, version: number) =>
    http.post<Assessment>(`/assessments/${enc(aid)}/decision`, body, version),
  admit: (aid: Id, body: { admission_date: DateString; track_id?: Id; counselor_id?: Id; program_id?: Id }, version: number) =>
    http.post<Assessment>(`/assessments/${enc(aid)}/admit`, body, version),
  refer: (aid: Id, body: { referred_to: string; note?: string }, version: number) =>
    http.post<Assessment>(`/assessments/${enc(aid)}/refer`, body, version),
  void: (aid: Id, reason: string, version: number) => http.post<Assessment>(`/assessments/${enc(aid)}/void`, { reason }, version),
};

/** Confirms the signed-in user's own password (leaving tablet mode). 204 when right; 400/401 with `password` when not. */
export const verifyPasswordApi = {
  verify: (password: string) => http.post<void>('/me/verify-password', { password }),
};
