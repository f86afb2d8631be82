// Types and calls for session records and clinical notes (docs/api.md "Sessions and notes"): a group
// occurrence's roll call, shared note and per-attendee notes (saved in one request), individual and family
// notes in DAP/SOAP/BIRP, signing with a password, addenda, the co-sign queue, "My day", and the chart's
// timeline, attended hours and billing suggestions. Field names match the JSON exactly.
import { http, request } from './client';
import type { IntensityCheck } from './plans';
import type { Task } from './tasks';
import type { DateString, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

// ---- Calendar pieces this module reads (CAL / APPT own them) ----

/** One computed group occurrence, as the calendar sends it. */
export type { Occurrence } from './schedule';
import type { Occurrence } from './schedule';

export interface RosterEntry {
  client_id: Id;
  client_name: string;
  kind: 'enrolled' | 'drop_in' | 'make_up' | string;
}

export interface Appointment {
  id: Id;
  version?: number;
  kind: 'individual' | 'family' | 'drug_test_slot' | string;
  client_id: Id | null;
  client_name: string;
  staff_id: Id;
  staff_name: string;
  room_id: Id | null;
  room_name?: string;
  modality: string;
  meeting_link: string | null;
  start_at: Instant;
  end_at: Instant;
  date: DateString;
  start: string;
  end: string;
  status: 'scheduled' | 'cancelled';
  family_members?: string[];
  /** Set by "My day" when a note for the appointment exists. */
  note_id?: Id | null;
  note_status?: NoteStatus | null;
}

// ---- Group sessions ----

export type AttendanceStatus =
  | 'present'
  | 'late'
  | 'left_early'
  | 'late_and_left_early'
  | 'absent_excused'
  | 'absent_unexcused'
  | 'telehealth';

export interface Attendance {
  client_id: Id;
  client_name?: string;
  status: AttendanceStatus;
  late_minutes: number;
  left_early_minutes: number;
  absence_reason: string;
  /** Computed by the server. */
  attended_minutes?: number;
}

export type Progress = 'none' | 'some' | 'met';
export type RiskLevel = 'none' | 'low' | 'moderate' | 'high';
export type NoteStatus = 'draft' | 'signed' | 'awaiting_cosign';

export interface ObjectiveProgressEntry {
  objective_id: Id;
  progress: Progress;
  comment: string;
}

/** What a facilitator writes for one attendee (the body and the stored note share these fields). */
export interface AttendeeNoteContent {
  client_id: Id;
  participation: string;
  objective_progress: ObjectiveProgressEntry[];
  mood_affect: string;
  risk: { level: RiskLevel; observations: string };
  client_quote: string;
  text: string;
}

export interface AttendeeNote extends AttendeeNoteContent {
  note_id: Id;
  status: NoteStatus;
}

export interface SharedNote {
  topic: string;
  curriculum_module: string;
  modality: string;
  summary: string;
  facilitator_staff_ids: Id[];
}

export interface GroupSessionRecord {
  id: Id;
  version: number;
  status: NoteStatus;
  shared_note: SharedNote;
  attendance: Attendance[];
  notes: AttendeeNote[];
  signed_at?: Instant | null;
  signed_by_name?: string;
}

/** A template fills some of an attendee note's fields (participation, mood and affect, the note text). */
export interface NoteTemplate {
  code: string;
  label: string;
  participation?: string;
  mood_affect?: string;
  text?: string;
  /** Alternatively: one field and the text it fills. */
  field?: string;
}

export interface GroupSession {
  occurrence: Occurrence;
  record: GroupSessionRecord | null;
  roster: RosterEntry[];
  templates: NoteTemplate[];
}

/** The body of PUT /group-sessions/{occurrence_id}. */
export interface GroupSessionSave {
  shared_note: SharedNote;
  attendance: Omit<Attendance, 'client_name' | 'attended_minutes'>[];
  notes: AttendeeNoteContent[];
}

// ---- Individual and family notes ----

export type NoteFormat = 'DAP' | 'SOAP' | 'BIRP';
export type NoteKind = 'individual' | 'family' | 'group';

export interface FamilyMember {
  name: string;
  relationship: string;
}

export interface Addendum {
  id: Id;
  reason: string;
  text: string;
  created_at: Instant;
  author_name?: string;
  content_sha256?: string;
}

/** What the author edits in an individual or family note (the body of POST and PUT). */
export interface NoteDraft {
  kind: 'individual' | 'family';
  appointment_id?: Id | null;
  format: NoteFormat;
  sections: Record<string, string>;
  start_at: Instant;
  end_at: Instant;
  modality: string;
  delivery: 'in_person' | 'telehealth';
  objective_ids: Id[];
  intervention_ids: Id[];
  family_members: FamilyMember[];
}

export interface Note extends Omit<NoteDraft, 'kind'> {
  id: Id;
  version: number;
  client_id: Id;
  client_name?: string;
  kind: NoteKind;
  status: NoteStatus;
  part2?: boolean;
  author_staff_id?: Id;
  author_name?: string;
  signed_at?: Instant | null;
  cosigned_at?: Instant | null;
  cosigned_by_name?: string;
  cosigner_name?: string | null;
  author_licensed?: boolean;
  locked?: boolean;
  title?: string;
  session_date?: DateString;
  sign_deadline?: Instant | null;
  overdue?: boolean;
  content_sha256?: string | null;
  late_entry?: boolean;
  addenda?: Addendum[];
  /** Group notes: this client's own note fields and the group's shared note (never the roster). */
  occurrence_id?: string;
  participation?: string;
  mood_affect?: string;
  client_quote?: string;
  text?: string;
  risk?: { level: RiskLevel; observations: string };
  objective_progress?: ObjectiveProgressEntry[];
  shared_note?: Partial<SharedNote>;
  created_at?: Instant;
  updated_at?: Instant;
}

/** A line in the co-sign queue, the unsigned list and "My day". */
export interface NoteSummary {
  /** "note" (id is the note's) or "group_session" (id is the occurrence's). */
  type?: 'note' | 'group_session' | string;
  id: Id;
  /** For a group session still to sign: the occurrence to open. */
  occurrence_id?: string;
  client_id: Id | null;
  client_name: string | null;
  kind?: NoteKind | string;
  status: NoteStatus;
  author_name?: string;
  date?: DateString;
  session_date?: DateString;
  session_end?: string;
  sign_deadline?: Instant | null;
  start_at?: Instant;
  signed_at?: Instant | null;
  due_at?: Instant | null;
  overdue?: boolean;
  title?: string;
}

// ---- Chart ----

export type TimelineType = 'group_session' | 'individual_session' | 'family_session' | 'attendance' | 'note' | 'addendum';

export interface TimelineItem {
  at: Instant;
  type: TimelineType | string;
  title: string;
  detail: string;
  ref_id: string;
}

export interface AttendedHours {
  week_of: DateString;
  per_day: Record<string, number>;
  per_week: number;
  checks: IntensityCheck[];
  consecutive_absences: number;
}

export interface BillingSuggestion {
  date: DateString;
  code: string | null;
  units: number;
  minutes: number;
  reason: string;
  source_ids: string[];
}

export interface SessionSettings {
  version?: number;
  note_format: NoteFormat;
  sign_deadline_hours: number;
  late_entry_hours: number;
  absences_for_outreach: number;
  group_size_limit: number;
  h0015_min_minutes_per_day: number;
}

export type RollCallStatus = 'not_started' | 'draft' | 'signed' | 'awaiting_cosign' | string;

export interface MyDay {
  date: DateString;
  groups: (Occurrence & { roll_call_status: RollCallStatus })[];
  appointments: Appointment[];
  notes_to_sign: NoteSummary[];
  cosign_queue: NoteSummary[];
  tasks: Task[];
}

export const groupSessionsApi = {
  get: (occurrenceId: string, signal?: AbortSignal) => http.get<GroupSession>(`/group-sessions/${enc(occurrenceId)}`, undefined, signal),
  /** Roll call, the shared note and every attendee note in one transaction (If-Match once a record exists). */
  save: (occurrenceId: string, body: GroupSessionSave, version?: number) =>
    request<GroupSession | GroupSessionRecord>('PUT', `/group-sessions/${enc(occurrenceId)}`, { body, version }),
  /** Signs the shared note and every attendee note written by the actor. */
  sign: (occurrenceId: string, password: string) =>
    http.post<GroupSession | GroupSessionRecord>(`/group-sessions/${enc(occurrenceId)}/sign`, { password }),
};

export const notesApi = {
  get: (id: Id, signal?: AbortSignal) => http.get<Note>(`/notes/${enc(id)}`, undefined, signal),
  ofClient: (clientId: Id, signal?: AbortSignal) => http.get<Items<Note>>(`/clients/${enc(clientId)}/notes`, undefined, signal),
  create: (clientId: Id, draft: NoteDraft) => http.post<Note>(`/clients/${enc(clientId)}/notes`, draft),
  /** Drafts only; a signed note answers 409 ("signed notes take an addendum"). */
  save: (id: Id, draft: NoteDraft, version: number) => http.put<Note>(`/notes/${enc(id)}`, draft, version),
  sign: (id: Id, password: string) => http.post<Note>(`/notes/${enc(id)}/sign`, { password }),
  cosign: (id: Id, password: string) => http.post<Note>(`/notes/${enc(id)}/cosign`, { password }),
  addendum: (id: Id, reason: string, text: string) => http.post<Note>(`/notes/${enc(id)}/addenda`, { reason, text }),
  cosignQueue: (signal?: AbortSignal) => http.get<Items<NoteSummary>>('/notes/cosign-queue', undefined, signal),
  unsigned: (all = false, signal?: AbortSignal) => http.get<Items<NoteSummary>>('/notes/unsigned', { all: all ? 1 : undefined }, signal),
};

export const chartSessionsApi = {
  timeline: (clientId: Id, from: DateString, to: DateString, signal?: AbortSignal) =>
    http.get<Items<TimelineItem>>(`/clients/${enc(clientId)}/timeline`, { from, to }, signal),
  attendedHours: (clientId: Id, weekOf: DateString, signal?: AbortSignal) =>
    http.get<AttendedHours>(`/clients/${enc(clientId)}/attended-hours`, { week_of: weekOf }, signal),
  billing: (clientId: Id, from: DateString, to: DateString, signal?: AbortSignal) =>
    http.get<Items<BillingSuggestion>>(`/clients/${enc(clientId)}/billing-suggestions`, { from, to }, signal),
};

export const sessionSettingsApi = {
  get: (programId: Id, signal?: AbortSignal) => http.get<SessionSettings>(`/programs/${enc(programId)}/session-settings`, undefined, signal),
};

export const myDayApi = {
  get: (signal?: AbortSignal) => http.get<MyDay>('/my-day', undefined, signal),
};
