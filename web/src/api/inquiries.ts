// Types and calls for the admissions pipeline (docs/api.md "Admissions pipeline"): inquiries, stage
// moves, booking, follow-ups, the waitlist, the duplicate check and linking a client.
import { http } from './client';
import type { ClientDraft, ClientSummary, DateString, Episode, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

export type InquiryStage =
  | 'inquiry'
  | 'screening'
  | 'assessment_booked'
  | 'assessed'
  | 'admitted'
  | 'referred'
  | 'waitlisted'
  | 'closed';

export const INQUIRY_STAGES: { code: InquiryStage; label: string }[] = [
  { code: 'inquiry', label: 'Inquiry' },
  { code: 'screening', label: 'Screening' },
  { code: 'assessment_booked', label: 'Assessment booked' },
  { code: 'assessed', label: 'Assessed' },
  { code: 'waitlisted', label: 'Waitlisted' },
  { code: 'admitted', label: 'Admitted' },
  { code: 'referred', label: 'Referred elsewhere' },
  { code: 'closed', label: 'Closed' },
];

export type CallerType = 'self' | 'family' | 'referrer' | 'other';
export type Urgency = 'routine' | 'soon' | 'urgent';
export type PreferredSchedule = 'mornings' | 'evenings' | 'either' | 'unknown';

export const CALLER_TYPES: { value: CallerType; label: string }[] = [
  { value: 'self', label: 'The person' },
  { value: 'family', label: 'Family or friend' },
  { value: 'referrer', label: 'A referrer' },
  { value: 'other', label: 'Other' },
];
export const URGENCIES: { value: Urgency; label: string }[] = [
  { value: 'routine', label: 'Routine' },
  { value: 'soon', label: 'Soon' },
  { value: 'urgent', label: 'Urgent' },
];
export const SCHEDULES: { value: PreferredSchedule; label: string }[] = [
  { value: 'unknown', label: 'Not asked' },
  { value: 'mornings', label: 'Mornings' },
  { value: 'evenings', label: 'Evenings' },
  { value: 'either', label: 'Either' },
];
/** TEDS public-use codebook values (shared/reference/clinical.md §4), as the server stores them. */
export const TEDS_REFERRAL_SOURCES: { value: string; label: string }[] = [
  { value: '1', label: 'Individual (self, family, friend)' },
  { value: '2', label: 'Alcohol or drug use care provider' },
  { value: '3', label: 'Other health care provider' },
  { value: '4', label: 'School' },
  { value: '5', label: 'Employer or EAP' },
  { value: '6', label: 'Other community referral' },
  { value: '7', label: 'Court or criminal justice' },
];
export const TEDS_SUBSTANCES: { value: string; label: string }[] = [
  { value: '2', label: 'Alcohol' },
  { value: '3', label: 'Cocaine or crack' },
  { value: '4', label: 'Marijuana or hashish' },
  { value: '5', label: 'Heroin' },
  { value: '6', label: 'Non-prescription methadone' },
  { value: '7', label: 'Other opiates and synthetics' },
  { value: '8', label: 'PCP' },
  { value: '9', label: 'Hallucinogens' },
  { value: '10', label: 'Methamphetamine' },
  { value: '11', label: 'Other amphetamines' },
  { value: '12', label: 'Other stimulants' },
  { value: '13', label: 'Benzodiazepines' },
  { value: '14', label: 'Other tranquilizers' },
  { value: '15', label: 'Barbiturates' },
  { value: '16', label: 'Other sedatives or hypnotics' },
  { value: '17', label: 'Inhalants' },
  { value: '18', label: 'Over-the-counter medications' },
  { value: '19', label: 'Other' },
  { value: '1', label: 'None' },
];

export interface InquiryDraft {
  received_at?: Instant;
  caller_type: CallerType;
  caller_name?: string;
  caller_relationship?: string;
  caller_phone?: string;
  may_leave_message?: boolean;
  given_name: string;
  family_name?: string;
  birth_date?: DateString | null;
  phone?: string;
  email?: string;
  referral_source?: string | null;
  referrer_name?: string;
  substances?: string[];
  urgency?: Urgency;
  payer?: string;
  member_id?: string;
  preferred_schedule?: PreferredSchedule;
  program_id?: Id | null;
  notes?: string;
}

export interface Inquiry extends Required<Omit<InquiryDraft, 'birth_date' | 'referral_source' | 'program_id'>> {
  id: Id;
  version: number;
  voided: boolean;
  created_at: Instant;
  updated_at: Instant;
  display_name: string;
  birth_date: DateString | null;
  referral_source: string | null;
  program_id: Id | null;
  program_name: string | null;
  stage: InquiryStage;
  /** The stage moves the pipeline allows from here (booking has its own call). */
  next_stages: InquiryStage[];
  stage_changed_at: Instant;
  stage_reason: string;
  referred_to: string;
  track_id: Id | null;
  track_name: string | null;
  waitlisted_at: Instant | null;
  assessment_at: Instant | null;
  assessor_id: Id | null;
  assessor_name: string | null;
  /** Only for users who may read client records, and only once a user linked one. */
  client_id: Id | null;
  episode_id: Id | null;
  open_tasks: number;
  next_follow_up_on: DateString | null;
  overdue: boolean;
}

export interface InquirySummary {
  id: Id;
  version: number;
  received_at: Instant;
  display_name: string;
  caller_type: CallerType;
  urgency: Urgency;
  stage: InquiryStage;
  stage_changed_at: Instant;
  preferred_schedule: PreferredSchedule;
  substances: string[];
  assessment_at: Instant | null;
  assessor_name: string | null;
  track_name: string | null;
  open_tasks: number;
  next_follow_up_on: DateString | null;
  overdue: boolean;
}

export interface InquiryBoard {
  items: InquirySummary[];
  counts: Record<InquiryStage, number>;
}

export interface InquiryTask {
  id: Id;
  version: number;
  inquiry_id: Id;
  title: string;
  due_on: DateString;
  assigned_to: Id | null;
  done_at: Instant | null;
  status: 'open' | 'done';
  inquiry_name?: string;
  inquiry_stage?: InquiryStage;
  assigned_to_name?: string | null;
}

export interface WaitlistTrack {
  track_id: Id;
  name: string;
  capacity: number;
  enrolled: number;
  open_places: number;
  entries: { inquiry_id: Id; name: string; position: number; since: Instant; urgency: Urgency }[];
}

export interface PossibleDuplicate extends ClientSummary {
  why: string[];
}

export interface StageMove {
  stage: InquiryStage;
  reason?: string;
  referred_to?: string;
  track_id?: Id;
}

export type LinkedInquiry = Inquiry & { client_id: Id; episode: Episode };

export const inquiriesApi = {
  board: (query: { stage?: string; q?: string; overdue?: boolean; today?: DateString }, signal?: AbortSignal) =>
    http.get<InquiryBoard>('/inquiries', query, signal),
  get: (id: Id, signal?: AbortSignal) => http.get<Inquiry>(`/inquiries/${enc(id)}`, undefined, signal),
  create: (draft: InquiryDraft) => http.post<Inquiry>('/inquiries', draft),
  update: (id: Id, draft: InquiryDraft, version: number) => http.put<Inquiry>(`/inquiries/${enc(id)}`, draft, version),
  void: (id: Id, reason: string, version: number) => http.post<Inquiry>(`/inquiries/${enc(id)}/void`, { reason }, version),
  move: (id: Id, move: StageMove, version: number) => http.post<Inquiry>(`/inquiries/${enc(id)}/stage`, move, version),
  book: (id: Id, at: Instant, assessorId: Id, version: number) =>
    http.post<Inquiry>(`/inquiries/${enc(id)}/book-assessment`, { at, assessor_id: assessorId }, version),
  possibleDuplicates: (id: Id, signal?: AbortSignal) =>
    http.get<Items<PossibleDuplicate>>(`/inquiries/${enc(id)}/possible-duplicates`, undefined, signal),
  linkClient: (id: Id, link: { client_id: Id } | { client: ClientDraft }, version: number) =>
    http.post<LinkedInquiry>(`/inquiries/${enc(id)}/client`, link, version),
  tasks: (id: Id, signal?: AbortSignal) => http.get<Items<InquiryTask>>(`/inquiries/${enc(id)}/tasks`, undefined, signal),
  addTask: (id: Id, task: { title: string; due_on: DateString; assigned_to?: Id | null }) =>
    http.post<InquiryTask>(`/inquiries/${enc(id)}/tasks`, task),
  completeTask: (taskId: Id, version: number) => http.post<InquiryTask>(`/inquiry-tasks/${enc(taskId)}/done`, undefined, version),
  dueTasks: (query: { due_before?: DateString; mine?: boolean }, signal?: AbortSignal) =>
    http.get<Items<InquiryTask>>('/inquiry-tasks', query, signal),
  waitlist: (trackId?: Id, signal?: AbortSignal) =>
    http.get<{ tracks: WaitlistTrack[] }>('/waitlist', trackId ? { track_id: trackId } : undefined, signal),
};

export function stageLabel(stage: string): string {
  return INQUIRY_STAGES.find((s) => s.code === stage)?.label ?? stage;
}

export function substanceLabel(code: string): string {
  return TEDS_SUBSTANCES.find((s) => s.value === code)?.label ?? code;
}
