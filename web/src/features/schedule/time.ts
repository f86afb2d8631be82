// Local dates and times of day for the calendar. Every time shown is the organization's local time as the
// server computed it (an item's `date`, `start` and `end`); these helpers only do calendar arithmetic on
// "YYYY-MM-DD" and "HH:MM" text, never on the browser's time zone.
import type { Weekday } from '../../api/plans';

export const WEEKDAY_CODES: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** The calendar grid's granularity, the same as the optimizer's slots. */
export const SLOT_MINUTES = 15;

function parseDate(d: string): Date {
  const [y = 1970, m = 1, day = 1] = d.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day));
}

function formatIso(t: Date): string {
  return t.toISOString().slice(0, 10);
}

export function addDays(d: string, n: number): string {
  const t = parseDate(d);
  t.setUTCDate(t.getUTCDate() + n);
  return formatIso(t);
}

/** mon..sun of a local date. */
export function weekdayOf(d: string): Weekday {
  return WEEKDAY_CODES[(parseDate(d).getUTCDay() + 6) % 7] ?? 'mon';
}

/** The Monday on or before `d`. */
export function mondayOf(d: string): string {
  return addDays(d, -WEEKDAY_CODES.indexOf(weekdayOf(d)));
}

export function weekDates(monday: string): string[] {
  return WEEKDAY_CODES.map((_, i) => addDays(monday, i));
}

/** "09:30" → 570. */
export function toMinutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 570 → "09:30". */
export function fromMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "13:30" → "1:30 PM" (a label; the value stays 24-hour). */
export function timeLabel(hhmm: string): string {
  const min = toMinutes(hhmm);
  if (!Number.isFinite(min)) return hhmm;
  const h = Math.floor(min / 60) % 24;
  const m = min % 60;
  const suffix = h < 12 ? 'AM' : 'PM';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

export function rangeLabel(start: string, end: string): string {
  return `${timeLabel(start)}–${timeLabel(end)}`;
}

/** "Mon, Mar 9" for a local date. */
export function dayLabel(d: string, long = false): string {
  return parseDate(d).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: long ? 'long' : 'short',
    month: 'short',
    day: 'numeric',
  });
}

/** Rounds minutes to the nearest slot. */
export function snap(minutes: number): number {
  return Math.round(minutes / SLOT_MINUTES) * SLOT_MINUTES;
}

/** Moves [start, end) so it starts at `newStart`, keeping its length; clamped to the day. */
export function shiftRange(start: string, end: string, newStart: number): { start: string; end: string } {
  const len = toMinutes(end) - toMinutes(start);
  const s = Math.max(0, Math.min(newStart, 24 * 60 - len));
  return { start: fromMinutes(s), end: fromMinutes(s + len) };
}

export interface Placed<T> {
  item: T;
  /** Column inside its lane (side by side when items overlap) and how many columns the cluster has. */
  column: number;
  columns: number;
}

/**
 * Lays out overlapping items of one day side by side: each cluster of overlapping items gets as many
 * columns as it needs at most, and every item the first free column.
 */
export function layoutDay<T>(items: T[], range: (t: T) => [number, number]): Placed<T>[] {
  const sorted = [...items].sort((a, b) => range(a)[0] - range(b)[0] || range(b)[1] - range(a)[1]);
  const out: Placed<T>[] = [];
  let cluster: Placed<T>[] = [];
  let clusterEnd = -1;
  let colEnds: number[] = [];
  const flush = () => {
    for (const p of cluster) p.columns = colEnds.length;
    cluster = [];
    colEnds = [];
  };
  for (const item of sorted) {
    const [s, e] = range(item);
    if (s >= clusterEnd) {
      flush();
      clusterEnd = e;
    }
    clusterEnd = Math.max(clusterEnd, e);
    let col = colEnds.findIndex((end) => end <= s);
    if (col < 0) {
      col = colEnds.length;
      colEnds.push(e);
    } else colEnds[col] = e;
    const placed = { item, column: col, columns: 1 };
    cluster.push(placed);
    out.push(placed);
  }
  flush();
  return out;
}

/** Today's local date in the organization's time zone (falls back to the browser's when the zone is unknown). */
export function todayIn(zone: string | undefined, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}
