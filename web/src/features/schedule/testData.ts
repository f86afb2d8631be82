// Calendar fixtures for the schedule feature's tests (shapes as in docs/api.md).
import type { Appointment, CalendarItem, Occurrence, Proposal, Room } from '../../api/schedule';
import { DIRECTOR_PERMISSIONS, session } from '../../test/fixtures';

export const ROOMS: Room[] = [
  { id: 'room-1', version: 1, site_id: 'site-1', name: 'Room 1', capacity: 14, active: true },
  { id: 'room-2', version: 1, site_id: 'site-1', name: 'Room 2', capacity: 4, active: true },
];

export function appointment(over: Partial<Appointment> = {}): { type: 'appointment' } & Appointment {
  return {
    type: 'appointment',
    id: 'appt-1',
    version: 2,
    kind: 'individual',
    client_id: 'client-1',
    client_name: 'Mari Lopez',
    staff_id: 'staff-1',
    staff_name: 'Priya Shah',
    room_id: 'room-2',
    room_name: 'Room 2',
    modality: 'in_person',
    meeting_link: null,
    start_at: '2026-03-09T19:00:00Z',
    end_at: '2026-03-09T20:00:00Z',
    date: '2026-03-09',
    start: '14:00',
    end: '15:00',
    status: 'scheduled',
    cancel_reason: '',
    pinned: false,
    source: 'manual',
    proposal_id: null,
    plan_intervention_id: null,
    family_members: [],
    ...over,
  };
}

export function occurrence(over: Partial<Occurrence> = {}): { type: 'group' } & Occurrence {
  return {
    type: 'group',
    id: 'series-1:2026-03-09',
    series_id: 'series-1',
    program_id: 'prog-1',
    track_id: 'track-1',
    track_name: 'Morning track',
    title: 'Process group',
    group_type: 'process',
    topic: 'Coping with cravings',
    curriculum_module: '',
    date: '2026-03-09',
    start_at: '2026-03-09T14:00:00Z',
    end_at: '2026-03-09T15:30:00Z',
    start: '09:00',
    end: '10:30',
    room_id: 'room-1',
    room_name: 'Room 1',
    modality: 'in_person',
    meeting_link: null,
    facilitator_staff_ids: ['staff-1'],
    facilitator_names: ['Priya Shah'],
    size_limit: 12,
    status: 'scheduled',
    cancel_reason: '',
    moved: false,
    original_date: '2026-03-09',
    enrolled_count: 8,
    ...over,
  };
}

export const WEEK: CalendarItem[] = [occurrence(), appointment()];

export function proposal(over: Partial<Proposal> = {}): Proposal {
  return {
    id: 'prop-1',
    status: 'open',
    program_id: 'prog-1',
    week_of: '2026-03-16',
    items: [
      {
        item_id: 'i1', action: 'create', kind: 'individual', client_id: 'client-1', client_name: 'Mari Lopez', staff_id: 'staff-1',
        staff_name: 'Priya Shah', room_id: 'room-2', room_name: 'Room 2', start_at: '2026-03-17T15:00:00Z', end_at: '2026-03-17T16:00:00Z',
        date: '2026-03-17', start: '10:00', end: '11:00', reason: 'Same time as last week',
      },
      {
        item_id: 'i2', action: 'create', kind: 'family', client_id: 'client-2', client_name: 'Sam Reed', staff_id: 'staff-2',
        staff_name: 'Dana Cole', room_id: 'room-1', room_name: 'Room 1', start_at: '2026-03-18T22:00:00Z', end_at: '2026-03-18T23:00:00Z',
        date: '2026-03-18', start: '17:00', end: '18:00', reason: 'Next to the client’s group day',
      },
      {
        item_id: 'i3', action: 'assign_track', kind: 'track', client_id: 'client-3', client_name: 'Lee Park', staff_id: null,
        staff_name: '', room_id: null, track_id: 'track-2', track_name: 'Evening track', start_at: null, end_at: null, date: null, start: null, end: null,
        reason: 'Evening groups fit the client’s work hours',
      },
    ],
    unplaced: [{ client_id: 'client-4', client_name: 'Jo Kim', kind: 'individual', reason: 'No licensed clinician is free when the client is available' }],
    stats: { requested: 3, placed: 2, solve_ms: 12 },
    ...over,
  };
}


/** A scheduler (a counselor with the calendar) linked to staff-1. */
export const SCHEDULER = session({ staff_id: 'staff-1', permissions: [...DIRECTOR_PERMISSIONS, 'schedule.read', 'schedule.write'] });
/** A front-desk reader: sees the calendar, moves nothing. */
export const READER = session({ staff_id: 'staff-9', permissions: ['clients.read', 'schedule.read'] });
