// Moving a calendar item: the body of the conflict check and of the save for a new place, and a hook that
// checks a place live (debounced, only the latest answer counts).
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  appointmentsApi,
  calendarApi,
  occurrencesApi,
  type Appointment,
  type AppointmentCheck,
  type AppointmentDraft,
  type CalendarItem,
  type CheckResult,
  type Occurrence,
  type OccurrenceCheck,
} from '../../api/schedule';
import { errorMessage } from '../../api/client';

export interface Placement {
  date: string;
  start: string;
  end: string;
  room_id: string | null;
}

export function placementOf(item: CalendarItem): Placement {
  return { date: item.date, start: item.start, end: item.end, room_id: item.room_id ?? null };
}

export function appointmentDraft(a: Appointment, p: Placement): AppointmentDraft {
  return {
    kind: a.kind,
    client_id: a.client_id,
    staff_id: a.staff_id,
    room_id: a.modality === 'telehealth' ? null : p.room_id,
    modality: a.modality,
    meeting_link: a.meeting_link,
    date: p.date,
    start: p.start,
    end: p.end,
    pinned: a.pinned,
    family_members: a.family_members ?? [],
  };
}

/** The conflict check's body; a moved appointment names itself (`appointment_id`) so it does not collide with its old place. */
export function checkBody(item: CalendarItem, p: Placement): AppointmentCheck | OccurrenceCheck {
  if (item.type === 'appointment') return { ...appointmentDraft(item, p), appointment_id: item.id };
  return { occurrence_id: item.id, date: p.date, start: p.start, end: p.end, room_id: item.modality === 'telehealth' ? null : p.room_id };
}

/** Saves a checked placement: an appointment is updated (If-Match), a group occurrence gets a one-off move. */
export async function savePlacement(item: CalendarItem, p: Placement, reason: string): Promise<Appointment | Occurrence> {
  if (item.type === 'appointment') return appointmentsApi.update(item.id, appointmentDraft(item, p), item.version);
  const roomChanged = (item.room_id ?? null) !== p.room_id;
  return occurrencesApi.change(item.id, {
    action: 'move',
    reason,
    date: p.date,
    start: p.start,
    end: p.end,
    ...(roomChanged ? { room_id: p.room_id } : {}),
  });
}

export type CheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; result: CheckResult }
  | { status: 'failed'; message: string };

function same(a: Placement, b: Placement): boolean {
  return a.date === b.date && a.start === b.start && a.end === b.end && a.room_id === b.room_id;
}

/**
 * Checks `placement` for `item` through POST /schedule/check after `delayMs` of quiet; only the latest
 * request's answer is kept. `checkNow` checks at once and resolves with the answer (used on drop).
 */
export function useConflictCheck(item: CalendarItem | null, placement: Placement | null, delayMs = 200) {
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  const seq = useRef(0);

  const run = useCallback(async (it: CalendarItem, p: Placement): Promise<CheckState> => {
    const mine = ++seq.current;
    setState({ status: 'checking' });
    let next: CheckState;
    try {
      next = { status: 'done', result: await calendarApi.check(checkBody(it, p)) };
    } catch (e) {
      next = { status: 'failed', message: errorMessage(e) };
    }
    if (mine === seq.current) setState(next);
    return next;
  }, []);

  const key = item && placement ? `${item.id}|${placement.date}|${placement.start}|${placement.end}|${placement.room_id}` : '';
  useEffect(() => {
    if (!item || !placement) {
      seq.current += 1;
      setState({ status: 'idle' });
      return;
    }
    if (same(placement, placementOf(item))) {
      seq.current += 1;
      setState({ status: 'idle' });
      return;
    }
    const t = setTimeout(() => void run(item, placement), delayMs);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { state, checkNow: run };
}
