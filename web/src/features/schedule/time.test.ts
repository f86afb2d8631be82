import { describe, expect, it } from 'vitest';
import { addDays, layoutDay, mondayOf, rangeLabel, shiftRange, toMinutes, todayIn, weekdayOf } from './time';

describe('calendar time helpers', () => {
  it('finds the Monday of a week across month and year ends, without the browser’s zone', () => {
    expect(mondayOf('2026-03-11')).toBe('2026-03-09');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2027-01-02')).toBe('2026-12-28');
    expect(weekdayOf('2026-11-01')).toBe('sun');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
  });

  it('labels and shifts local times', () => {
    expect(rangeLabel('09:00', '10:30')).toBe('9 AM–10:30 AM');
    expect(rangeLabel('12:15', '13:00')).toBe('12:15 PM–1 PM');
    expect(shiftRange('14:00', '15:00', toMinutes('10:15'))).toEqual({ start: '10:15', end: '11:15' });
    expect(shiftRange('14:00', '15:00', 23 * 60 + 30)).toEqual({ start: '23:00', end: '24:00' });
  });

  it('puts overlapping items side by side and separate ones full width', () => {
    const items: [number, number][] = [[540, 630], [600, 660], [700, 760]];
    const placed = layoutDay(items, (r) => r);
    expect(placed.map((p) => [p.column, p.columns])).toEqual([[0, 2], [1, 2], [0, 1]]);
  });

  it('takes today in the organization’s zone', () => {
    const t = new Date('2026-03-09T03:30:00Z');
    expect(todayIn('America/Chicago', t)).toBe('2026-03-08');
    expect(todayIn('Europe/Berlin', t)).toBe('2026-03-09');
  });
});
