// jsdom has neither PointerEvent nor a 2D canvas. These stand-ins let tests draw on a SignaturePad:
//   installPointerEvents(); const lines = stubCanvas(); drawStroke(canvas, [[20, 30], [60, 50]]);
import { fireEvent } from '@testing-library/react';
import { vi } from 'vitest';

/** Defines window.PointerEvent (a MouseEvent with pointerId and pointerType) when jsdom lacks it. */
export function installPointerEvents() {
  if (typeof window.PointerEvent === 'function') return;
  class PointerEventStandIn extends MouseEvent {
    readonly pointerId: number;
    readonly pointerType: string;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
      this.pointerType = init.pointerType ?? 'mouse';
    }
  }
  Object.defineProperty(window, 'PointerEvent', { writable: true, configurable: true, value: PointerEventStandIn });
}

/**
 * A 2D context that records the points lines are drawn to, and a canvas shown at (left, top) with the given
 * CSS size. Returns the recorded points.
 */
export function stubCanvas({ left = 10, top = 20, width = 300, height = 100 } = {}) {
  const lines: [number, number][] = [];
  const ctx = {
    setTransform: vi.fn(),
    clearRect: vi.fn(),
    beginPath: vi.fn(),
    moveTo: vi.fn(),
    lineTo: vi.fn((x: number, y: number) => lines.push([x, y])),
    stroke: vi.fn(),
  };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never);
  vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockReturnValue({
    left,
    top,
    width,
    height,
    right: left + width,
    bottom: top + height,
    x: left,
    y: top,
    toJSON: () => ({}),
  });
  return lines;
}

/** One stroke through `points` (client coordinates) with one pointer. */
export function drawStroke(canvas: Element, points: [number, number][], pointerId = 1, pointerType = 'touch') {
  const [first, ...rest] = points;
  if (!first) return;
  const last = rest.at(-1) ?? first;
  fireEvent.pointerDown(canvas, { pointerId, pointerType, button: 0, clientX: first[0], clientY: first[1] });
  for (const [x, y] of rest) fireEvent.pointerMove(canvas, { pointerId, pointerType, clientX: x, clientY: y });
  fireEvent.pointerUp(canvas, { pointerId, pointerType, clientX: last[0], clientY: last[1] });
}
