// Types and calls for treatment plans: plans, versions, signing, reviews, the intervention catalog and the
// plans-due list (docs/api.md "Treatment plans"). Field names match the JSON exactly.
import { API_BASE, http, request } from './client';
import type { DateString, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

export type PlanVersionStatus = 'draft' | 'awaiting_signatures' | 'awaiting_cosign' | 'active' | 'superseded';
export type FrequencyPer = 'day' | 'week' | 'month';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface PlanVersionSummary {
  no: number;
  status: PlanVersionStatus;
  reason: string;
  created_at: Instant;
  created_by_name: string;
}

export interface Plan {
  id: Id;
  version?: number;
  client_id: Id;
  episode_id: Id | null;
  part2?: boolean;
  current_version_no: number;
  active_version_no: number | null;
  status: string;
  next_review_due: DateString | null;
  initial_due: DateString | null;
  versions: PlanVersionSummary[];
  created_at?: Instant;
  updated_at?: Instant;
}

export interface PlanProblem {
  id: Id;
  /** ASAM dimension 1..6. */
  dimension: number;
  description: string;
  from_assessment_id?: Id | null;
}

export interface PlanGoal {
  id: Id;
  problem_ids: Id[];
  /** In the client's own words. */
  text: string;
}

export interface PlanObjective {
  id: Id;
  goal_id: Id;
  text: string;
  target_date: DateString;
  measure: string;
}

export interface Frequency {
  count: number;
  per: FrequencyPer;
}

export interface PlanIntervention {
  id: Id;
  objective_ids: Id[];
  code: string;
  label: string;
  topic: string;
  minutes: number;
  frequency: Frequency;
  days?: Weekday[];
  staff_id: Id | null;
  staff_name?: string;
}

export interface PlanHours {
  per_week: number;
  per_day: Partial<Record<Weekday, number>>;
  days_per_week: number;
}

export interface IntensityCheck {
  code: string;
  label: string;
  kind: 'asam' | 'payer' | 'reporting' | string;
  ok: boolean;
  /** False when the check does not apply to this client (another population or level). */
  applies: boolean;
  /** Why the plan is outside the range (or what the rule asks). */
  message: string;
}

/** A signature as the server stores it (drawn strokes or a typed name). */
export interface PlanSignature {
  id?: Id;
  role: string;
  signer_name: string;
  method: 'drawn' | 'typed';
  image?: { width: number; height: number; strokes: [number, number][][] } | null;
  staff_id?: Id | null;
  signed_at: Instant;
  content_sha256?: string;
}

/** What the clinician edits in a draft version (the body of PUT …/versions/{no}). */
export interface PlanContent {
  preferred_track_id: Id | null;
  schedule_constraints: string;
  problems: PlanProblem[];
  goals: PlanGoal[];
  objectives: PlanObjective[];
  interventions: PlanIntervention[];
}

export interface PlanVersion extends PlanContent {
  /** The record version for If-Match. */
  version: number;
  plan_id?: Id;
  no: number;
  status: PlanVersionStatus;
  reason: string;
  hours: PlanHours;
  checks: IntensityCheck[];
  signatures: PlanSignature[];
  content_sha256?: string | null;
  created_at?: Instant;
  created_by_name?: string;
  /** True once anyone signed: the content can no longer change. */
  locked?: boolean;
  /** The author (the counselor who signed) is not licensed: a licensed supervisor co-signs last. */
  needs_cosign?: boolean;
  /** What the intensity checks were evaluated for: "adult" or "adolescent", and the level of care. */
  population?: string;
  level_of_care?: string;
}

export interface CatalogIntervention {
  code: string;
  label: string;
  category: string;
  /** Who may deliver it. */
  staff: 'any' | 'licensed' | 'credentialed' | 'medical' | string;
  topic_required: boolean;
  default_minutes: number;
  default_frequency: Frequency;
  /** The weekly schedule proposal books it as the client's individual or family sessions; absent: it does not. */
  session?: 'individual' | 'family';
}

export interface PlanCatalog {
  interventions: CatalogIntervention[];
}

export interface DiffChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
  label: string;
}

export type ObjectiveProgress = 'met' | 'progressing' | 'not_progressing' | 'revised';
export type CareDirection = 'continue' | 'step_down' | 'step_up';

export interface ReviewDraft {
  objectives: { objective_id: Id; status: ObjectiveProgress | ''; note: string }[];
  client_view: string;
  level_of_care: {
    direction: CareDirection;
    level: string;
    ratings: { dimension: number; rating: number | null }[];
    rationale: string;
  };
}

export interface PlanReview extends ReviewDraft {
  id: Id;
  plan_id: Id;
  version_no?: number;
  reviewed_on?: DateString;
  reviewer_name?: string;
  reviewed_by_name?: string;
  created_at?: Instant;
}

export interface PlanDue {
  client_id: Id;
  client_name: string;
  plan_id?: Id | null;
  kind: 'initial' | 'review';
  due_on: DateString;
  overdue: boolean;
  counselor_name?: string;
}

export const plansApi = {
  forClient: (clientId: Id, signal?: AbortSignal) => http.get<Items<Plan>>(`/clients/${enc(clientId)}/plans`, undefined, signal),
  /**
   * A new plan for the client's open, admitted episode; its first draft has a problem for each dimension
   * rated 2 or more in the latest completed assessment.
   */
  create: (clientId: Id) => http.post<Plan>(`/clients/${enc(clientId)}/plans`, {}),
  get: (planId: Id, signal?: AbortSignal) => http.get<Plan>(`/plans/${enc(planId)}`, undefined, signal),
  version: (planId: Id, no: number, signal?: AbortSignal) => http.get<PlanVersion>(`/plans/${enc(planId)}/versions/${no}`, undefined, signal),
  /** Replaces a draft's content (If-Match); a locked version answers 409 with field `version`. */
  save: (planId: Id, no: number, content: PlanContent, version: number, keepalive = false) =>
    request<PlanVersion>('PUT', `/plans/${enc(planId)}/versions/${no}`, { body: content, version, keepalive }),
  /** A new draft copied from the active version; the reason is required. */
  newVersion: (planId: Id, reason: string) => http.post<PlanVersion>(`/plans/${enc(planId)}/versions`, { reason }),
  diff: (planId: Id, no: number, against: number, signal?: AbortSignal) =>
    http.get<{ changes: DiffChange[] }>(`/plans/${enc(planId)}/versions/${no}/diff`, { against }, signal),
  /** The text a signer is shown and its hash (sent back when signing). */
  preview: (planId: Id, no: number, signal?: AbortSignal) =>
    http.get<{ text: string; content_sha256: string }>(`/plans/${enc(planId)}/versions/${no}/preview`, undefined, signal),
  /** Adds one signature to the version whose text hashed to `content_sha256` (409 when it changed since). */
  sign: (planId: Id, no: number, body: { content_sha256: string; signature: unknown }, version?: number) =>
    http.post<PlanVersion>(`/plans/${enc(planId)}/versions/${no}/sign`, body, version),
  pdfUrl: (planId: Id, no: number) => `${API_BASE}/plans/${enc(planId)}/versions/${no}/pdf`,
  reviews: (planId: Id, signal?: AbortSignal) => http.get<Items<PlanReview>>(`/plans/${enc(planId)}/reviews`, undefined, signal),
  review: (planId: Id, body: unknown) => http.post<PlanReview>(`/plans/${enc(planId)}/reviews`, body),
  catalog: (programId: Id, signal?: AbortSignal) => http.get<PlanCatalog>(`/programs/${enc(programId)}/plan-catalog`, undefined, signal),
  due: (withinDays = 14, signal?: AbortSignal) => http.get<Items<PlanDue>>('/plans/due', { within_days: withinDays }, signal),
};
