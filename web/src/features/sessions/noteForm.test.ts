import { describe, expect, it } from 'vitest';
import { addDays, draftBody, durationMinutes, mondayOf, newValues, sectionsOf, todayIn, utcToZoned, zonedToUtc } from './noteForm';

describe('local time in the program’s zone', () => {
  it('converts across the spring-forward and fall-back changes (New York)', () => {
    expect(zonedToUtc('2026-03-06', '09:00', 'America/New_York')).toBe('2026-03-06T14:00:00Z'); // EST
    expect(zonedToUtc('2026-03-09', '09:00', 'America/New_York')).toBe('2026-03-09T13:00:00Z'); // EDT
    expect(zonedToUtc('2026-11-02', '09:00', 'America/New_York')).toBe('2026-11-02T14:00:00Z');
    expect(utcToZoned('2026-03-09T13:00:00Z', 'America/New_York')).toEqual({ date: '2026-03-09', time: '09:00' });
    expect(utcToZoned('2026-03-09T03:30:00Z', 'America/Chicago')).toEqual({ date: '2026-03-08', time: '22:30' });
    expect(zonedToUtc('2026-3-9', '09:00', 'UTC')).toBeNull();
  });

  it('knows today, Mondays and day arithmetic', () => {
    expect(todayIn('America/Chicago', Date.parse('2026-03-10T04:00:00Z'))).toBe('2026-03-09');
    expect(mondayOf('2026-03-15')).toBe('2026-03-09');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('the note body', () => {
  it('has the format’s sections, UTC times from the local ones, and family members only for family notes', () => {
    const v = newValues('individual', 'SOAP', '2026-03-09');
    expect(Object.keys(v.sections)).toEqual(['subjective', 'objective', 'assessment', 'plan']);
    v.start = '10:00';
    v.end = '10:53';
    v.sections.subjective = 'Feels steadier';
    const body = draftBody(v, 'America/New_York');
    expect(body).toMatchObject({ kind: 'individual', format: 'SOAP', start_at: '2026-03-09T14:00:00Z', end_at: '2026-03-09T14:53:00Z', family_members: [] });
    expect(body.sections).toEqual({ subjective: 'Feels steadier', objective: '', assessment: '', plan: '' });
    expect(durationMinutes(v)).toBe(53);
    const f = newValues('family', 'BIRP', '2026-03-09');
    f.family_members = [{ name: 'Rosa Reyes', relationship: 'mother' }];
    expect(draftBody(f, 'UTC').family_members).toEqual([{ name: 'Rosa Reyes', relationship: 'mother' }]);
  });

  it('reads sections sent as an object or as [{key, text}]', () => {
    expect(sectionsOf({ data: 'd' })).toEqual({ data: 'd' });
    expect(sectionsOf([{ key: 'data', text: 'd' }, { key: 'plan', text: 'p' }])).toEqual({ data: 'd', plan: 'p' });
  });
});
