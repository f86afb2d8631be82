import { Alert, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CalendarItem, Conflict, Room } from '../../api/schedule';
import { ErrorAlert } from '../../components/Feedback';
import { NO_ROOM, itemKey } from './calendarEvents';
import { ConflictList, Conflicts } from './ConflictList';
import { ItemDialog } from './ItemDialog';
import { MoveDialog } from './MoveDialog';
import { savePlacement, useConflictCheck, type Placement } from './moves';
import { TimeGrid, type DragTarget, type GridEvent, type Lane } from './TimeGrid';
import { dayLabel, rangeLabel, shiftRange } from './time';

interface Props {
  label: string;
  lanes: Lane[];
  events: GridEvent[];
  items: CalendarItem[];
  rooms: Room[];
  /** Lanes are rooms (the room board): dropping on a lane changes the room. */
  byRoom?: boolean;
  onChanged: () => void;
}

/**
 * A grid of calendar items with moving: drag an event (live conflict check while it hovers, saved on drop
 * only when it fits; a group occurrence asks for a reason first) or open it and use the move dialog.
 */
export function CalendarView({ label, lanes, events, items, rooms, byRoom = false, onChanged }: Props) {
  const byKey = new Map(items.map((i) => [itemKey(i), i]));
  const [drag, setDrag] = useState<{ item: CalendarItem; placement: Placement } | null>(null);
  const [dropped, setDropped] = useState<{ title: string; messages: Conflict[] } | null>(null);
  const [notice, setNotice] = useState('');
  const [saveError, setSaveError] = useState<unknown>(null);
  const [open, setOpen] = useState<{ item: CalendarItem; move: boolean; initial?: Placement } | null>(null);
  const { state, checkNow } = useConflictCheck(drag?.item ?? null, drag?.placement ?? null, 150);

  const placementFor = (item: CalendarItem, t: DragTarget): Placement => {
    const { start, end } = shiftRange(item.start, item.end, t.start);
    const room = byRoom && t.lane.key !== NO_ROOM ? (t.lane.roomId ?? null) : byRoom ? null : (item.room_id ?? null);
    return { date: t.lane.date, start, end, room_id: item.modality === 'telehealth' ? null : room };
  };

  const onDragMove = (ev: GridEvent, t: DragTarget) => {
    const item = byKey.get(ev.key);
    if (!item) return;
    setDropped(null);
    setNotice('');
    setDrag({ item, placement: placementFor(item, t) });
  };

  const onDrop = async (ev: GridEvent, t: DragTarget) => {
    const item = byKey.get(ev.key);
    if (!item) return;
    const placement = placementFor(item, t);
    setDrag({ item, placement });
    const answer = await checkNow(item, placement);
    const where = `${dayLabel(placement.date)}, ${rangeLabel(placement.start, placement.end)}`;
    if (answer.status !== 'done') {
      setDrag(null);
      setSaveError(answer.status === 'failed' ? new Error(answer.message) : null);
      return;
    }
    if (!answer.result.ok) {
      setDrag(null);
      setDropped({ title: `Not moved to ${where}`, messages: answer.result.conflicts });
      return;
    }
    if (item.type === 'group') {
      // A one-off change to a series needs a reason: finish in the dialog, already checked.
      setDrag(null);
      setOpen({ item, move: true, initial: placement });
      return;
    }
    try {
      await savePlacement(item, placement, '');
      setNotice(`Moved to ${where}.`);
      onChanged();
    } catch (e) {
      setSaveError(e);
    } finally {
      setDrag(null);
    }
  };

  const ghost = drag
    ? {
        lane: byRoom ? (drag.placement.room_id ?? NO_ROOM) : drag.placement.date,
        start: drag.placement.start,
        end: drag.placement.end,
        ok: state.status === 'done' ? state.result.ok : null,
      }
    : null;

  return (
    <Stack gap="xs">
      <div aria-live="polite" role="status" data-testid="move-status">
        {drag && (
          <Group gap="xs" align="flex-start">
            <Text size="sm" fw={600}>
              {dayLabel(drag.placement.date)}, {rangeLabel(drag.placement.start, drag.placement.end)}:
            </Text>
            <ConflictList state={state} />
          </Group>
        )}
        {notice && (
          <Text size="sm" className="sw-ok" fw={600}>
            {notice}
          </Text>
        )}
      </div>
      {dropped && (
        <Alert color="red" variant="light" role="alert" title={dropped.title} withCloseButton closeButtonLabel="Dismiss" onClose={() => setDropped(null)}>
          <Conflicts conflicts={dropped.messages} title="Conflicts" />
        </Alert>
      )}
      <ErrorAlert error={saveError} title="Not moved" />
      <TimeGrid
        label={label}
        lanes={lanes}
        events={events}
        onOpen={(ev) => {
          const item = byKey.get(ev.key);
          if (item) setOpen({ item, move: false });
        }}
        onDragMove={onDragMove}
        onDrop={(ev, t) => void onDrop(ev, t)}
        onDragCancel={() => setDrag(null)}
        ghost={ghost}
      />
      {open && !open.move && (
        <ItemDialog
          item={open.item}
          canMove={events.find((e) => e.key === itemKey(open.item))?.movable ?? false}
          onMove={() => setOpen({ item: open.item, move: true })}
          onClose={() => setOpen(null)}
          onChanged={onChanged}
        />
      )}
      {open && open.move && (
        <MoveDialog
          item={open.item}
          initial={open.initial}
          rooms={rooms}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            setNotice('Moved.');
            onChanged();
          }}
        />
      )}
    </Stack>
  );
}
