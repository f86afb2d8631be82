import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import {
  applyTemplate,
  attendedMinutes,
  draftFrom,
  emptyNote,
  mergeRoster,
  namesAnotherAttendee,
  placeErrors,
  saveRequest,
  sessionMinutes,
} from './rollCall';
import { groupSession, occurrence } from './testData';

describe('attended minutes', () => {
  it('is the whole session when present or on telehealth, less late and early minutes, 0 when absent or unmarked', () => {
    expect(attendedMinutes('present', 0, 0, 90)).toBe(90);
    expect(attendedMinutes('telehealth', 0, 0, 90)).toBe(90);
    expect(attendedMinutes('late', 15, 99, 90)).toBe(75);
    expect(attendedMinutes('left_early', 99, 20, 90)).toBe(70);
    expect(attendedMinutes('late_and_left_early', 15, 20, 90)).toBe(55);
    expect(attendedMinutes('late_and_left_early', 60, 60, 90)).toBe(0);
    expect(attendedMinutes('absent_excused', 0, 0, 90)).toBe(0);
    expect(attendedMinutes('absent_unexcused', 0, 0, 90)).toBe(0);
    expect(attendedMinutes('', 0, 0, 90)).toBe(0);
  });

  it('takes the session length from the instants (a DST day keeps the real minutes) or the local times', () => {
    expect(sessionMinutes(occurrence())).toBe(90);
    expect(sessionMinutes({ start: '09:00', end: '12:00', start_at: '', end_at: '' })).toBe(180);
  });
});

describe('the save request', () => {
  it('sends every marked row and a note only for attendees whose note has content; minutes only where the status has them', () => {
    const d = draftFrom(groupSession(4));
    const [a, b, c, e] = d.rows;
    a!.status = 'late';
    a!.late_minutes = '10';
    a!.left_early_minutes = '30'; // left over from an earlier choice: not sent for "late"
    a!.note = { ...a!.note, participation: 'Shared about the weekend' };
    b!.status = 'absent_excused';
    b!.absence_reason = 'Court date';
    b!.note = { ...b!.note, text: 'typed before the absence was known' };
    c!.status = 'present';
    void e; // unmarked
    const req = saveRequest(d);
    expect(req.body.attendance).toEqual([
      { client_id: a!.client_id, status: 'late', late_minutes: 10, left_early_minutes: 0, absence_reason: '' },
      { client_id: b!.client_id, status: 'absent_excused', late_minutes: 0, left_early_minutes: 0, absence_reason: 'Court date' },
      { client_id: c!.client_id, status: 'present', late_minutes: 0, left_early_minutes: 0, absence_reason: '' },
    ]);
    expect(req.body.notes.map((n) => n.client_id)).toEqual([a!.client_id]);
    expect(req.attendanceIds).toEqual([a!.client_id, b!.client_id, c!.client_id]);
    expect(req.noteIds).toEqual([a!.client_id]);
    expect(req.body.shared_note.topic).toBe('Coping with cravings');
  });

  it('sends unparseable minutes as -1 so the server names the field', () => {
    const d = draftFrom(groupSession(1));
    d.rows[0]!.status = 'late';
    d.rows[0]!.late_minutes = 'ten';
    expect(saveRequest(d).body.attendance[0]!.late_minutes).toBe(-1);
  });
});

describe('server errors', () => {
  it('land beside the row they name (attendance and note indexes map to the clients sent)', () => {
    const d = draftFrom(groupSession(3));
    d.rows.forEach((r) => (r.status = 'present'));
    d.rows[0]!.status = 'absent_unexcused';
    d.rows[2]!.note = { ...d.rows[2]!.note, text: 'Talked with Client Two after group' };
    const req = saveRequest(d);
    const err = new ApiError(400, 'invalid', 'invalid', [
      { field: 'attendance[1].late_minutes', message: 'is beyond the session length' },
      { field: 'notes[0].text', message: 'names another attendee' },
      { field: 'notes[0].objective_progress[1].objective_id', message: 'is not in the plan' },
      { field: 'shared_note.summary', message: 'is required' },
      { field: 'something_else', message: 'odd' },
    ]);
    const placed = placeErrors(err, req);
    expect(placed.rows[d.rows[1]!.client_id]).toEqual({ late_minutes: 'is beyond the session length' });
    expect(placed.rows[d.rows[2]!.client_id]).toEqual({ 'note.text': 'names another attendee', 'note.objective_progress': 'is not in the plan' });
    expect(placed.shared).toEqual({ summary: 'is required' });
    expect(placed.other.map((f) => f.field)).toEqual(['something_else']);
  });
});

describe('confidentiality warning', () => {
  it('finds another attendee by full or given name as a whole word, never the client themself', () => {
    const rows = [
      { client_id: 'a', client_name: 'Ana Reyes' },
      { client_id: 'b', client_name: 'Bo Lund' },
      { client_id: 'c', client_name: 'Carmen Diaz' },
    ];
    const note = (text: string) => ({ ...emptyNote('a'), text });
    expect(namesAnotherAttendee(note('Supported carmen when she shared'), rows)).toBe('Carmen Diaz');
    expect(namesAnotherAttendee(note('Sat next to Bo Lund'), rows)).toBe('Bo Lund');
    expect(namesAnotherAttendee(note('Ana shared about her job'), rows)).toBeNull();
    expect(namesAnotherAttendee(note('Talked about Carmenere wine'), rows)).toBeNull();
    expect(namesAnotherAttendee(note('bo'), rows)).toBeNull(); // two-letter given names only as a full name
  });
});

describe('templates', () => {
  it('fill only the fields they have', () => {
    const n = { ...emptyNote('a'), text: 'kept', mood_affect: 'old' };
    const t = applyTemplate(n, { code: 'x', label: 'X', participation: 'Engaged' });
    expect(t).toMatchObject({ participation: 'Engaged', mood_affect: 'old', text: 'kept' });
    expect(applyTemplate(n, { code: 'y', label: 'Y', field: 'client_quote', text: '“one day”' }).client_quote).toBe('“one day”');
  });
});

describe('merging a changed roster into the draft', () => {
  it('keeps what was typed, adds the new drop-in and drops a removed one without a saved row', () => {
    const before = groupSession(4); // the 4th is a drop-in
    const d = draftFrom(before);
    d.shared.summary = 'typed summary';
    d.rows[0]!.status = 'late';
    d.rows[0]!.late_minutes = '10';
    d.rows[0]!.note.participation = 'typed note';
    const fresh = groupSession(5, { roster: [...before.roster.slice(0, 3), { client_id: 'client-new', client_name: 'New Person', kind: 'make_up' }] });
    const merged = mergeRoster(d, fresh);
    expect(merged.shared.summary).toBe('typed summary');
    expect(merged.rows.map((r) => r.client_id)).toEqual([before.roster[0]!.client_id, before.roster[1]!.client_id, before.roster[2]!.client_id, 'client-new']);
    expect(merged.rows[0]).toMatchObject({ status: 'late', late_minutes: '10' });
    expect(merged.rows[0]!.note.participation).toBe('typed note');
    expect(merged.rows[3]).toMatchObject({ client_name: 'New Person', kind: 'make_up', status: '' });
  });
});
