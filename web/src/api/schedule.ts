// Types and calls for the program calendar (docs/api.md "Calendar" and "Appointments"): rooms, closures,
// group series and occurrences, enrollments, appointments, live conflict checks, availability, the
// optimizer's proposals, scheduled hours and calendar feeds. Field names match the JSON exactly.
import { http } from './client';
import type { DateString, Id, Instant, Items } from './types';
import type { IntensityCheck, Weekday } from './plans';

const enc = encodeURIComponent;

export type Modality = 'in_person' | 'telehealth';

export interface Room {
  id: Id;
  version: number;
  site_id: Id;
  name: string;
  capacity: number;
  active: boolean;
}
export type RoomDraft = Omit<Room, 'id' | 'version'>;

export interface Closure {
  id: Id;
  version?: number;
  program_id: Id | null;
  date: DateString;
  name: string;
}

export interface GroupSeriesDraft {
  program_id: Id;
  track_id: Id;
  title: string;
  group_type: string;
  topic: string;
  curriculum_module: string;
  days: Weekday[];
  start: string;
  end: string;
  interval_weeks: number;
  starts_on: DateString;
  ends_on: DateString | null;
  room_id: Id | null;
  modality: Modality;
  meeting_link: string | null;
  facilitator_staff_ids: Id[];
  required_credentials: string[];
  size_limit: number;
}
export interface GroupSeries extends GroupSeriesDraft {
  id: Id;
  version: number;
}

/** One computed occurrence of a group series; `id` is `<series id>:<original local date>`. */
export interface Occurrence {
  id: string;
  series_id: Id;
  program_id: Id;
  track_id: Id;
  track_name: string;
  title: string;
  group_type: string;
  topic: string;
  curriculum_module: string;
  date: DateString;
  start_at: Instant;
  end_at: Instant;
  start: string;
  end: string;
  room_id: Id | null;
  room_name: string;
  modality: Modality;
  meeting_link: string | null;
  facilitator_staff_ids: Id[];
  facilitator_names: string[];
  size_limit: number;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string;
  moved: boolean;
  original_date: DateString;
  enrolled_count: number;
}

export type AppointmentKind = 'individual' | 'family' | 'drug_test_slot';

export interface Appointment {
  id: Id;
  version: number;
  kind: AppointmentKind;
  client_id: Id | null;
  client_name: string;
  staff_id: Id;
  staff_name: string;
  room_id: Id | null;
  room_name?: string;
  modality: Modality;
  meeting_link: string | null;
  start_at: Instant;
  end_at: Instant;
  date: DateString;
  start: string;
  end: string;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string;
  pinned: boolean;
  source: 'manual' | 'optimizer';
  proposal_id: Id | null;
  plan_intervention_id: Id | null;
  family_members: string[];
}

/** What POST/PUT /appointments take; the local date and times are in the organization's zone. */
export interface AppointmentDraft {
  kind: AppointmentKind;
  client_id: Id | null;
  staff_id: Id;
  room_id: Id | null;
  modality: Modality;
  meeting_link: string | null;
  date: DateString;
  start: string;
  end: string;
  pinned?: boolean;
  family_members?: string[];
}

export type CalendarItem = ({ type: 'group' } & Occurrence) | ({ type: 'appointment' } & Appointment);

export interface CalendarQuery {
  from: DateString;
  to: DateString;
  staff_id?: Id;
  client_id?: Id;
  room_id?: Id;
  track_id?: Id;
}

export interface Conflict {
  field: string;
  code: string;
  message: string;
}
export interface CheckResult {
  ok: boolean;
  conflicts: Conflict[];
}
/** A check of a new or moved appointment; `appointment_id` names the one being moved. */
export interface AppointmentCheck extends AppointmentDraft {
  appointment_id?: Id;
}
/** A check of a moved group occurrence (the other form of POST /schedule/check). */
export interface OccurrenceCheck {
  occurrence_id: string;
  date: DateString;
  start: string;
  end: string;
  room_id: Id | null;
}

export interface OccurrenceChange {
  action: 'cancel' | 'move' | 'substitute' | 'room';
  reason: string;
  date?: DateString;
  start?: string;
  end?: string;
  room_id?: Id | null;
  facilitator_staff_ids?: Id[];
}

export interface Enrollment {
  id: Id;
  version: number;
  client_id: Id;
  track_id: Id;
  track_name: string;
  starts_on: DateString;
  planned_end_on: DateString | null;
  ended_on: DateString | null;
}

export type WindowKind = 'available' | 'work' | 'school' | 'childcare' | 'other';
export interface WeeklyWindow {
  day: Weekday;
  start: string;
  end: string;
  kind: WindowKind;
  note: string;
}
export interface Absence {
  from_date: DateString;
  to_date: DateString;
  reason: string;
}
export interface ClientAvailability {
  client_id: Id;
  version: number;
  weekly: WeeklyWindow[];
  absences: Absence[];
}
export interface StaffAvailability {
  staff_id: Id;
  version: number;
  working: { day: Weekday; start: string; end: string }[];
  time_off: Absence[];
  caseload_limit: number | null;
  max_sessions_per_week: number | null;
}

export interface ProposalItem {
  item_id: string;
  action: 'create' | 'assign_track';
  kind: string;
  client_id: Id;
  client_name: string;
  staff_id: Id | null;
  staff_name: string;
  room_id: Id | null;
  room_name?: string;
  track_id?: Id | null;
  track_name?: string;
  start_at: Instant | null;
  end_at: Instant | null;
  date: DateString | null;
  start: string | null;
  end: string | null;
  reason: string;
  /** After an accept: whether this item was accepted, and the record it made. */
  accepted?: boolean;
  result_id?: Id | null;
}
export interface Proposal {
  id: Id;
  status: 'open' | 'accepted' | 'partly_accepted' | 'discarded';
  program_id?: Id;
  week_of?: DateString;
  items: ProposalItem[];
  unplaced: { client_id: Id; client_name: string; kind: string; reason: string }[];
  stats: { requested: number; placed: number; solve_ms: number };
}

export interface ScheduledHours {
  week_of: DateString;
  per_day: Partial<Record<Weekday, number>>;
  per_week: number;
  checks: IntensityCheck[];
}
export interface HoursWarning {
  client_id: Id;
  client_name: string;
  per_week: number;
  checks: IntensityCheck[];
}

export interface CalendarFeed {
  id: Id;
  owner_type: 'staff' | 'client';
  owner_id: Id;
  created_at?: Instant;
  revoked_at?: Instant | null;
  revoked?: boolean;
  /** Only in the answer to the create call: the token is shown once. */
  url?: string;
}

export const roomsApi = {
  list: (signal?: AbortSignal) => http.get<Items<Room>>('/rooms', undefined, signal),
  create: (draft: RoomDraft) => http.post<Room>('/rooms', draft),
  update: (id: Id, draft: RoomDraft, version: number) => http.put<Room>(`/rooms/${enc(id)}`, draft, version),
};

export const closuresApi = {
  list: (from: DateString, to: DateString, signal?: AbortSignal) => http.get<Items<Closure>>('/closures', { from, to }, signal),
  create: (draft: Omit<Closure, 'id' | 'version'>) => http.post<Closure>('/closures', draft),
  void: (id: Id, reason: string, version: number) => http.post<Closure>(`/closures/${enc(id)}/void`, { reason }, version),
};

export const seriesApi = {
  list: (query: { program_id?: Id; track_id?: Id } = {}, signal?: AbortSignal) => http.get<Items<GroupSeries>>('/group-series', { ...query }, signal),
  create: (draft: GroupSeriesDraft) => http.post<GroupSeries>('/group-series', draft),
  update: (id: Id, draft: GroupSeriesDraft, version: number) => http.put<GroupSeries>(`/group-series/${enc(id)}`, draft, version),
  end: (id: Id, endsOn: DateString, version: number) => http.post<GroupSeries>(`/group-series/${enc(id)}/end`, { ends_on: endsOn }, version),
};

/** A program's opening hours (every session must fit them); version 0 while the default 07:00–21:00 applies. */
export interface OpeningHours {
  program_id: Id;
  open: string;
  close: string;
  version: number;
  default: boolean;
}

export const openingHoursApi = {
  get: (programId: Id, signal?: AbortSignal) => http.get<OpeningHours>(`/programs/${enc(programId)}/opening-hours`, undefined, signal),
  set: (programId: Id, hours: { open: string; close: string }, version: number) =>
    http.put<OpeningHours>(`/programs/${enc(programId)}/opening-hours`, hours, version),
};

export const occurrencesApi = {
  change: (id: string, change: OccurrenceChange) => http.post<Occurrence>(`/occurrences/${enc(id)}/change`, change),
  /** Adds a drop-in or make-up client to one occurrence. */
  addToRoster: (id: string, clientId: Id, kind: 'drop_in' | 'make_up') =>
    http.post<unknown>(`/occurrences/${enc(id)}/roster`, { client_id: clientId, kind }),
  /** Takes a drop-in or make-up off one occurrence, with a reason. */
  removeFromRoster: (id: string, clientId: Id, reason: string) =>
    http.post<unknown>(`/occurrences/${enc(id)}/roster/remove`, { client_id: clientId, reason }),
};

export const enrollmentsApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<Enrollment>>(`/clients/${enc(clientId)}/enrollments`, undefined, signal),
  create: (clientId: Id, draft: { track_id: Id; starts_on: DateString; planned_end_on: DateString | null }) =>
    http.post<Enrollment>(`/clients/${enc(clientId)}/enrollments`, draft),
  end: (id: Id, endedOn: DateString, reason: string, version: number) =>
    http.post<Enrollment>(`/enrollments/${enc(id)}/end`, { ended_on: endedOn, reason }, version),
};

/** A manual session requirement: sessions the optimizer should place beyond the treatment plan's frequencies. */
export interface SessionRequirement {
  id: Id;
  version: number;
  client_id: Id;
  kind: 'individual' | 'family';
  minutes: number;
  count: number;
  per: 'week' | 'month';
  staff_id: Id | null;
  voided?: boolean;
}

export interface SessionRequirementDraft {
  kind: 'individual' | 'family';
  minutes: number;
  count: number;
  per: 'week' | 'month';
  staff_id?: Id | null;
}

export const requirementsApi = {
  list: (clientId: Id, signal?: AbortSignal) => http.get<Items<SessionRequirement>>(`/clients/${enc(clientId)}/session-requirements`, undefined, signal),
  create: (clientId: Id, draft: SessionRequirementDraft) => http.post<SessionRequirement>(`/clients/${enc(clientId)}/session-requirements`, draft),
  void: (id: Id, reason: string, version: number) => http.post<SessionRequirement>(`/session-requirements/${enc(id)}/void`, { reason }, version),
};

export const appointmentsApi = {
  create: (draft: AppointmentDraft) => http.post<Appointment>('/appointments', draft),
  update: (id: Id, draft: AppointmentDraft, version: number) => http.put<Appointment>(`/appointments/${enc(id)}`, draft, version),
  cancel: (id: Id, reason: string, version: number) => http.post<Appointment>(`/appointments/${enc(id)}/cancel`, { reason }, version),
};

export const calendarApi = {
  get: (query: CalendarQuery, signal?: AbortSignal) => http.get<Items<CalendarItem>>('/calendar', { ...query }, signal),
  /** Saves nothing: the conflicts a placement would have (for live checks while dragging). */
  check: (body: AppointmentCheck | OccurrenceCheck) => http.post<CheckResult>('/schedule/check', body),
};

export const availabilityApi = {
  client: (clientId: Id, signal?: AbortSignal) => http.get<ClientAvailability>(`/clients/${enc(clientId)}/availability`, undefined, signal),
  saveClient: (clientId: Id, body: Pick<ClientAvailability, 'weekly' | 'absences'>, version: number) =>
    http.put<ClientAvailability>(`/clients/${enc(clientId)}/availability`, body, version),
  staff: (staffId: Id, signal?: AbortSignal) => http.get<StaffAvailability>(`/staff/${enc(staffId)}/availability`, undefined, signal),
  saveStaff: (staffId: Id, body: Omit<StaffAvailability, 'staff_id' | 'version'>, version: number) =>
    http.put<StaffAvailability>(`/staff/${enc(staffId)}/availability`, body, version),
};

export const proposalsApi = {
  create: (body: { program_id: Id; week_of: DateString; weeks: number }) => http.post<Proposal>('/schedule/proposals', body),
  accept: (id: Id, itemIds?: string[]) => http.post<Proposal>(`/schedule/proposals/${enc(id)}/accept`, itemIds ? { item_ids: itemIds } : {}),
};

export const hoursApi = {
  client: (clientId: Id, weekOf: DateString, signal?: AbortSignal) =>
    http.get<ScheduledHours>(`/clients/${enc(clientId)}/scheduled-hours`, { week_of: weekOf }, signal),
  warnings: (weekOf: DateString, signal?: AbortSignal) => http.get<Items<HoursWarning>>('/schedule/hours-warnings', { week_of: weekOf }, signal),
};

export const feedsApi = {
  list: (ownerType: 'staff' | 'client', ownerId: Id, signal?: AbortSignal) =>
    http.get<Items<CalendarFeed>>('/calendar-feeds', { owner_type: ownerType, owner_id: ownerId }, signal),
  create: (ownerType: 'staff' | 'client', ownerId: Id) => http.post<CalendarFeed>('/calendar-feeds', { owner_type: ownerType, owner_id: ownerId }),
  revoke: (id: Id) => http.post<CalendarFeed>(`/calendar-feeds/${enc(id)}/revoke`, {}),
};
