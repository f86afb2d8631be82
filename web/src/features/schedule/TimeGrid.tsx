import { Text } from '@mantine/core';
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { fromMinutes, layoutDay, rangeLabel, snap, timeLabel, toMinutes } from './time';
import './schedule.css';

/** One column of the grid: a day (week views) or a room (the room board). */
export interface Lane {
  key: string;
  label: string;
  date: string;
  /** The room a drop on this lane puts the item in (room board); undefined keeps the item's room. */
  roomId?: string | null;
}

export interface GridEvent {
  key: string;
  lane: string;
  start: string;
  end: string;
  title: string;
  detail: string;
  tone: 'group' | 'individual' | 'family' | 'drug_test_slot' | 'cancelled';
  movable: boolean;
}

export interface DragTarget {
  lane: Lane;
  /** The new local start, minutes after midnight. */
  start: number;
}

interface Props {
  label: string;
  lanes: Lane[];
  events: GridEvent[];
  /** First and last hour shown (local). */
  fromHour?: number;
  toHour?: number;
  /** Pixels per minute. */
  scale?: number;
  onOpen: (e: GridEvent) => void;
  /** While dragging: the event hovers over a new place (snapped to 15 minutes). */
  onDragMove?: (e: GridEvent, target: DragTarget) => void;
  onDrop?: (e: GridEvent, target: DragTarget) => void;
  onDragCancel?: () => void;
  /** The place the dragged event would land, drawn as a ghost; `ok` colours it. */
  ghost?: { lane: string; start: string; end: string; ok: boolean | null } | null;
}

const DRAG_THRESHOLD_PX = 4;

/**
 * Lanes (days or rooms) against local time of day. Each event is a button (Enter opens it: details and
 * the move dialog, the keyboard way to move); a pointer drag moves a movable event by 15-minute steps
 * across lanes, reporting each hover and the drop so the owner can check conflicts live.
 */
export function TimeGrid({ label, lanes, events, fromHour = 7, toHour = 21, scale = 1, onOpen, onDragMove, onDrop, onDragCancel, ghost }: Props) {
  const first = fromHour * 60;
  const height = (toHour - fromHour) * 60 * scale;
  const drag = useRef<{ event: GridEvent; x: number; y: number; offset: number; moved: boolean; target: DragTarget | null } | null>(null);
  const suppressClick = useRef(false);
  const [dragging, setDragging] = useState<string | null>(null);
  const hours = Array.from({ length: toHour - fromHour + 1 }, (_, i) => fromHour + i);

  const startDrag = (ev: GridEvent, e: ReactPointerEvent<HTMLElement>) => {
    if (!ev.movable || e.button !== 0 || !onDrop) return;
    const top = (e.currentTarget as HTMLElement).getBoundingClientRect().top;
    drag.current = { event: ev, x: e.clientX, y: e.clientY, offset: e.clientY - top, moved: false, target: null };
  };

  const targetAt = (lane: Lane, e: ReactPointerEvent<HTMLElement>, el: HTMLElement): DragTarget | null => {
    const d = drag.current;
    if (!d) return null;
    const y = e.clientY - el.getBoundingClientRect().top - d.offset;
    const len = toMinutes(d.event.end) - toMinutes(d.event.start);
    const start = Math.max(first, Math.min(snap(first + y / scale), toHour * 60 - len));
    return { lane, start };
  };

  const move = (lane: Lane, e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d) return;
    if (!d.moved && Math.abs(e.clientY - d.y) + Math.abs(e.clientX - d.x) < DRAG_THRESHOLD_PX) return;
    if (!d.moved) {
      d.moved = true;
      setDragging(d.event.key);
    }
    const t = targetAt(lane, e, e.currentTarget);
    if (!t) return;
    if (d.target && d.target.lane.key === t.lane.key && d.target.start === t.start) return;
    d.target = t;
    onDragMove?.(d.event, t);
  };

  const end = (lane: Lane | null, e: ReactPointerEvent<HTMLElement> | null) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    setDragging(null);
    if (!d.moved) return;
    suppressClick.current = true;
    const t = lane && e ? (targetAt(lane, e, e.currentTarget) ?? d.target) : null;
    if (t) onDrop?.(d.event, t);
    else onDragCancel?.();
  };

  return (
    <div className="sw-grid" role="region" aria-label={label} tabIndex={0} onPointerLeave={() => drag.current?.moved && end(null, null)}>
      <div className="sw-grid-head" aria-hidden="true">
        <div className="sw-grid-gutter" />
        {lanes.map((l) => (
          <div key={l.key} className="sw-grid-lane-head">
            {l.label}
          </div>
        ))}
      </div>
      <div className="sw-grid-body">
        <div className="sw-grid-gutter" style={{ height }} aria-hidden="true">
          {hours.map((h) => (
            <span key={h} className="sw-grid-hour" style={{ top: (h * 60 - first) * scale }}>
              {timeLabel(fromMinutes(h * 60))}
            </span>
          ))}
        </div>
        {lanes.map((lane) => {
          const mine = events.filter((e) => e.lane === lane.key);
          const placed = layoutDay(mine, (e) => [toMinutes(e.start), toMinutes(e.end)]);
          return (
            <div
              key={lane.key}
              role="group"
              aria-label={lane.label}
              className="sw-grid-lane"
              data-lane={lane.key}
              style={{ height, backgroundSize: `100% ${60 * scale}px` }}
              onPointerMove={(e) => move(lane, e)}
              onPointerUp={(e) => end(lane, e)}
            >
              {mine.length === 0 && (
                <Text size="xs" c="gray.7" className="sw-grid-empty">
                  Nothing scheduled
                </Text>
              )}
              {placed.map(({ item: ev, column, columns }) => {
                const s = Math.max(toMinutes(ev.start), first);
                const e = Math.min(toMinutes(ev.end), toHour * 60);
                return (
                  <button
                    key={ev.key}
                    type="button"
                    className={`sw-event sw-event-${ev.tone}${dragging === ev.key ? ' sw-event-dragging' : ''}${ev.movable ? ' sw-event-movable' : ''}`}
                    data-testid={`event-${ev.key}`}
                    style={{
                      top: (s - first) * scale,
                      height: Math.max((e - s) * scale, 18),
                      left: `${(100 / columns) * column}%`,
                      width: `calc(${100 / columns}% - 4px)`,
                    }}
                    aria-label={`${ev.title}, ${rangeLabel(ev.start, ev.end)}${ev.detail ? `, ${ev.detail}` : ''}${ev.movable ? '. Press Enter to move' : ''}`}
                    onPointerDown={(pe) => startDrag(ev, pe)}
                    onClick={() => {
                      if (suppressClick.current) {
                        suppressClick.current = false;
                        return;
                      }
                      onOpen(ev);
                    }}
                  >
                    <span className="sw-event-time">{rangeLabel(ev.start, ev.end)}</span>
                    <span className="sw-event-title">{ev.title}</span>
                    {ev.detail && <span className="sw-event-detail">{ev.detail}</span>}
                  </button>
                );
              })}
              {ghost && ghost.lane === lane.key && (
                <div
                  className={`sw-ghost ${ghost.ok === null ? '' : ghost.ok ? 'sw-ghost-ok' : 'sw-ghost-bad'}`}
                  data-testid="drag-ghost"
                  aria-hidden="true"
                  style={{ top: (toMinutes(ghost.start) - first) * scale, height: (toMinutes(ghost.end) - toMinutes(ghost.start)) * scale }}
                >
                  {rangeLabel(ghost.start, ghost.end)}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
