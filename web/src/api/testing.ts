// Types and calls for drug testing (docs/api.md "Drug testing"): the day's board, collections and results,
// lab CSV import, the review queue and decisions, a client's tests and their testing state on the policy's
// ladder. Field names match the JSON exactly.
import { http } from './client';
import type { DateString, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

export type BoardStatus = 'to_collect' | 'collected' | 'missed' | 'refused';
/** A collection's overall outcome. */
export type CollectionOutcome = 'pending' | 'negative' | 'positive' | 'expected_positive' | 'refused';
export type Interpretation = 'negative' | 'presumptive_positive' | 'confirmed_positive' | 'not_confirmed';
export type LadderAction = 'warning' | 'behavioral_contract' | 'discharge_review' | string;

export interface BoardEntry {
  selected_id: Id;
  client_id: Id;
  client_name: string;
  program_id: Id;
  reason: 'random' | 'schedule' | 'contract' | string;
  observed: boolean;
  status: BoardStatus;
  collection_id: Id | null;
  result_status: CollectionOutcome | null;
}

export interface PendingResult {
  collection_id: Id;
  client_id: Id;
  client_name: string;
  collected_at: Instant;
  panel_code: string;
  lab: string | null;
}

export interface TestingEvent {
  id: Id;
  version: number;
  client_id: Id;
  client_name?: string;
  program_id: Id | null;
  at: DateString;
  /** What happened: positive (unexpected), missed, refused. */
  kind: string;
  step: number;
  action: LadderAction;
  collection_id: Id | null;
  selected_id: Id | null;
  result_ids: Id[];
  task_id: Id | null;
  status: 'open' | 'decided' | 'withdrawn' | string;
  decision: string | null;
  reason: string | null;
  decided_by_name: string | null;
  decided_at: Instant | null;
  /** On the review queue: the permission a decision needs. */
  needs_permission?: 'testing.review' | 'testing.decide';
}

export interface Board {
  date: DateString;
  selected: BoardEntry[];
  pending_results: PendingResult[];
  needs_review: TestingEvent[];
}

export interface PanelAnalyte {
  code: string;
  label: string;
  drug_class?: string;
  unit: string;
  screening_cutoff: number;
  confirmation_cutoff: number;
}

export interface Panel {
  code: string;
  label: string;
  specimen: 'urine' | 'oral_fluid' | string;
  analytes: PanelAnalyte[];
}

export interface TestingPolicy {
  program_id: Id;
  source: string;
  version: number;
  panels: Panel[];
  observed: string;
  missed_counts_as_positive: boolean;
  refused_counts_as_positive: boolean;
  validity: Record<string, number>;
}

export interface CollectionDraft {
  collected_at?: Instant;
  specimen?: 'urine' | 'oral_fluid';
  temperature_f?: number;
  temperature_in_range?: boolean;
  observed?: boolean;
  chain_of_custody_id?: string;
  lab?: string;
  panel_code: string;
  refused?: boolean;
}

export interface AnalyteInput {
  code: string;
  value?: number | null;
  unit?: string;
  reading?: 'negative' | 'positive' | null;
  stage?: 'screening' | 'confirmation';
}

export interface ResultDraft {
  method: 'poc_cup' | 'lab';
  presumptive_method?: 'read_by_eye' | 'instrument' | 'analyzer';
  analytes: AnalyteInput[];
  validity?: { creatinine?: number; specific_gravity?: number; ph?: number; nitrite?: number };
}

export interface AnalyteInterpretation {
  code: string;
  label: string;
  status: Interpretation;
  expected: boolean;
  screening_value: number | null;
  confirmation_value: number | null;
  screening_cutoff: number;
  confirmation_cutoff: number;
}

export interface Collection {
  id: Id;
  version: number;
  client_id: Id;
  client_name?: string;
  program_id: Id | null;
  collected_at: Instant;
  date: DateString;
  collector_name: string;
  specimen: string;
  temperature_f: number | null;
  temperature_in_range: boolean | null;
  observed: boolean;
  chain_of_custody_id: string | null;
  lab: string | null;
  panel_code: string;
  refused: boolean;
  outcome: CollectionOutcome;
  validity_status: string;
  interpretations?: AnalyteInterpretation[];
  validity?: { status: string; reasons: string[]; recollect_observed: boolean };
  billing?: { code: string; units: number; reason: string }[];
  event?: TestingEvent | null;
}

export interface ImportReport {
  rows: number;
  errors: { row: number; field: string; message: string }[];
  duplicate: boolean;
  imported: boolean;
  collection_ids: Id[];
  result_ids: Id[];
}

export interface TestWeek {
  week_of: DateString;
  tests: number;
  negative: number;
  positive: number;
  missed: number;
  refused: number;
  share_negative: number | null;
}

export interface ClientTests {
  items: { date: DateString; type: string; collection?: Collection; selected?: { status: string; reason: string } }[];
  weeks: TestWeek[];
}

export interface TestingState {
  step: number;
  action: LadderAction | null;
  events: TestingEvent[];
  contract: { active: boolean; since: DateString; until: DateString; extra_tests_per_week: number } | null;
  open_review: TestingEvent | null;
}

/** The decisions a review of each ladder action takes (the server checks the same list). */
export function decisionsFor(action: LadderAction): { value: string; label: string }[] {
  if (action === 'warning') return [{ value: 'warning_given', label: 'Warning given' }, { value: 'dismissed', label: 'Dismiss' }];
  if (action === 'behavioral_contract')
    return [{ value: 'contract_signed', label: 'Contract signed' }, { value: 'dismissed', label: 'Dismiss' }];
  if (action === 'discharge_review')
    return [
      { value: 'continue', label: 'Continue in the program' },
      { value: 'discharge', label: 'Discharge' },
      { value: 'dismissed', label: 'Dismiss' },
    ];
  return [{ value: 'acknowledged', label: 'Acknowledged' }, { value: 'dismissed', label: 'Dismiss' }];
}

export const ACTION_LABELS: Record<string, string> = {
  warning: 'Warning',
  behavioral_contract: 'Behavioral contract',
  discharge_review: 'Discharge review',
};

export const KIND_LABELS: Record<string, string> = {
  positive: 'Unexpected positive',
  missed: 'Missed test',
  refused: 'Refused test',
};

export const testingApi = {
  board: (date: DateString, signal?: AbortSignal) => http.get<Board>('/testing/board', { date }, signal),
  select: (programId: Id, date: DateString) => http.post<unknown>('/testing/selection', { program_id: programId, date }),
  closeDay: (date: DateString) => http.post<{ date: DateString; missed: number }>('/testing/close-day', { date }),
  policy: (programId: Id, signal?: AbortSignal) => http.get<TestingPolicy>(`/programs/${enc(programId)}/testing-policy`, undefined, signal),
  collect: (clientId: Id, draft: CollectionDraft) => http.post<Collection>(`/clients/${enc(clientId)}/collections`, draft),
  collection: (id: Id, signal?: AbortSignal) => http.get<Collection>(`/collections/${enc(id)}`, undefined, signal),
  addResult: (collectionId: Id, draft: ResultDraft) => http.post<Collection>(`/collections/${enc(collectionId)}/results`, draft),
  labImport: (csv: string, dryRun: boolean) =>
    http.postText<ImportReport>('/testing/lab-import', 'text/csv', csv, dryRun ? { dry_run: 1 } : undefined),
  clientTests: (clientId: Id, signal?: AbortSignal) => http.get<ClientTests>(`/clients/${enc(clientId)}/drug-tests`, undefined, signal),
  state: (clientId: Id, signal?: AbortSignal) => http.get<TestingState>(`/clients/${enc(clientId)}/testing-state`, undefined, signal),
  reviewQueue: (signal?: AbortSignal) => http.get<Items<TestingEvent>>('/testing/review-queue', undefined, signal),
  decide: (eventId: Id, decision: string, reason: string, version: number) =>
    http.post<TestingEvent>(`/testing/reviews/${enc(eventId)}/decide`, { decision, reason }, version),
};
