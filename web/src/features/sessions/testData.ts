// Test data for the sessions screens (unit tests only).
import type { GroupSession, MyDay, Note, Occurrence } from '../../api/sessions';
import type { Task } from '../../api/tasks';

export const OCC_ID = 'series-1:2026-03-09';

export function occurrence(over: Partial<Occurrence> = {}): Occurrence {
  return {
    id: OCC_ID,
    series_id: 'series-1',
    program_id: 'prog-1',
    track_id: 'track-1',
    track_name: 'Morning track',
    title: 'Relapse prevention',
    group_type: 'relapse_prevention',
    topic: 'Coping with cravings',
    curriculum_module: 'Module 3',
    date: '2026-03-09',
    start_at: '2026-03-09T14:00:00Z',
    end_at: '2026-03-09T15:30:00Z',
    start: '09:00',
    end: '10:30',
    room_id: 'room-1',
    room_name: 'Room 2',
    modality: 'in_person',
    meeting_link: null,
    facilitator_staff_ids: ['staff-1'],
    facilitator_names: ['Priya Shah'],
    size_limit: 12,
    status: 'scheduled',
    cancel_reason: '',
    moved: false,
    original_date: '2026-03-09',
    enrolled_count: 12,
    ...over,
  };
}

const NAMES = ['Ana Reyes', 'Bo Lund', 'Carmen Diaz', 'Dev Patel', 'Eli Moss', 'Fay Chen', 'Gus Ortiz', 'Hana Sato', 'Ivan Petrov', 'Jo Kim', 'Kai Nunez', 'Lena Berg'];

export function clientId(i: number): string {
  return `client-${String(i + 1).padStart(2, '0')}`;
}

export function groupSession(n = 12, over: Partial<GroupSession> = {}): GroupSession {
  return {
    occurrence: occurrence(),
    record: null,
    roster: NAMES.slice(0, n).map((name, i) => ({ client_id: clientId(i), client_name: name, kind: i === n - 1 && n > 2 ? 'drop_in' : 'enrolled' })),
    templates: [],
    ...over,
  };
}

export function task(over: Partial<Task> = {}): Task {
  return {
    id: 'task-1',
    version: 2,
    client_id: clientId(0),
    client_name: 'Ana Reyes',
    assignee_staff_id: 'staff-1',
    assignee_role: '',
    kind: 'outreach',
    title: 'Reach out: 2 absences in a row',
    detail: '',
    source_type: 'attendance',
    source_id: `${clientId(0)}:2026-03-09`,
    due_on: '2026-03-10',
    status: 'open',
    overdue: false,
    ...over,
  };
}

export function myDay(over: Partial<MyDay> = {}): MyDay {
  return {
    date: '2026-03-09',
    groups: [
      { ...occurrence(), roll_call_status: 'not_started' },
      { ...occurrence({ id: 'series-2:2026-03-09', title: 'Process group', start: '13:00', end: '14:30' }), roll_call_status: 'signed' },
    ],
    appointments: [
      {
        id: 'appt-1',
        kind: 'individual',
        client_id: clientId(1),
        client_name: 'Bo Lund',
        staff_id: 'staff-1',
        staff_name: 'Priya Shah',
        room_id: null,
        modality: 'in_person',
        meeting_link: null,
        start_at: '2026-03-09T16:00:00Z',
        end_at: '2026-03-09T16:50:00Z',
        date: '2026-03-09',
        start: '11:00',
        end: '11:50',
        status: 'scheduled',
      },
    ],
    notes_to_sign: [{ id: 'note-9', client_id: clientId(2), client_name: 'Carmen Diaz', kind: 'individual', status: 'draft', date: '2026-03-06', overdue: true }],
    cosign_queue: [],
    tasks: [task()],
    ...over,
  };
}

export function note(over: Partial<Note> = {}): Note {
  return {
    id: 'note-1',
    version: 1,
    client_id: 'client-1',
    kind: 'individual',
    status: 'draft',
    format: 'DAP',
    sections: { data: 'Reports three sober days', assessment: '', plan: '' },
    start_at: '2026-03-09T15:00:00Z',
    end_at: '2026-03-09T15:50:00Z',
    modality: 'cbt',
    delivery: 'in_person',
    objective_ids: [],
    intervention_ids: [],
    family_members: [],
    author_staff_id: 'staff-1',
    author_name: 'Priya Shah',
    addenda: [],
    ...over,
  };
}
