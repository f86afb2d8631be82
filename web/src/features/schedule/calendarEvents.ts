// Calendar items (GET /calendar) as grid events: which lane, what it says, whether it may be dragged.
import type { CalendarItem, Room } from '../../api/schedule';
import { itemTitle } from './MoveDialog';
import type { GridEvent, Lane } from './TimeGrid';
import { dayLabel, weekDates } from './time';

export const NO_ROOM = 'no-room';

export function itemKey(item: CalendarItem): string {
  return `${item.type}:${item.id}`;
}

export function itemDetail(item: CalendarItem): string {
  const place = item.modality === 'telehealth' ? 'Telehealth' : item.room_name || '';
  if (item.type === 'group') {
    const who = item.facilitator_names?.length ? item.facilitator_names.join(', ') : '';
    const extra = item.status === 'cancelled' ? `Cancelled${item.cancel_reason ? `: ${item.cancel_reason}` : ''}` : item.moved ? 'Moved' : '';
    return [item.track_name, place, who, extra].filter(Boolean).join(' · ');
  }
  const extra = item.status === 'cancelled' ? 'Cancelled' : item.pinned ? 'Pinned' : '';
  return [item.staff_name, place, extra].filter(Boolean).join(' · ');
}

export function toGridEvent(item: CalendarItem, lane: string, canMove: boolean): GridEvent {
  const tone: GridEvent['tone'] = item.status === 'cancelled' ? 'cancelled' : item.type === 'group' ? 'group' : item.kind;
  return {
    key: itemKey(item),
    lane,
    start: item.start,
    end: item.end,
    title: itemTitle(item),
    detail: itemDetail(item),
    tone,
    movable: canMove && item.status === 'scheduled',
  };
}

export function dayLanes(dates: string[]): Lane[] {
  return dates.map((d) => ({ key: d, label: dayLabel(d), date: d }));
}

export function weekLanes(monday: string): Lane[] {
  return dayLanes(weekDates(monday));
}

/** The room board's lanes for one day: every active room, then one for telehealth and sessions without a room. */
export function roomLanes(date: string, rooms: Room[]): Lane[] {
  return [
    ...rooms.filter((r) => r.active).map((r) => ({ key: r.id, label: `${r.name} (${r.capacity})`, date, roomId: r.id })),
    { key: NO_ROOM, label: 'Telehealth / no room', date, roomId: null },
  ];
}

export function eventsByDay(items: CalendarItem[], canMove: boolean): GridEvent[] {
  return items.map((i) => toGridEvent(i, i.date, canMove));
}

export function eventsByRoom(items: CalendarItem[], date: string, rooms: Room[], canMove: boolean): GridEvent[] {
  const known = new Set(rooms.filter((r) => r.active).map((r) => r.id));
  return items
    .filter((i) => i.date === date)
    .map((i) => toGridEvent(i, i.room_id && known.has(i.room_id) ? i.room_id : NO_ROOM, canMove));
}
