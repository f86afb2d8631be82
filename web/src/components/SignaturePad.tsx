// The one signature input of the web app (documents, consents, plans) and its read-only view. A drawn
// signature is kept as strokes of points in a 600×200 box — what the server stores and renders into PDFs
// (docs/adr/0011) — never as an image. A typed signature is the signer's name with an explicit statement
// that it is their signature; typed mode works by keyboard alone and is the way for screen-reader users.
import { Button, Checkbox, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { formatInstant } from '../lib/format';
import './SignaturePad.css';

export type SignaturePoint = [number, number];

/** What a signing request sends for one signer (the server adds who, when, where and the content hash). */
export interface SignatureValue {
  role: string;
  signer_name: string;
  method: 'drawn' | 'typed';
  image?: { width: number; height: number; strokes: SignaturePoint[][] };
}

/** A stored signature as the server returns it (SignatureValue plus the server-set fields). */
export interface StoredSignature extends SignatureValue {
  id?: string;
  signed_at?: string;
  content_sha256?: string;
  staff_id?: string;
}

/** The drawing box, in the units the strokes are stored in. */
export const BOX_WIDTH = 600;
export const BOX_HEIGHT = 200;
/** The server's limits (care/documents/signature.h). */
export const MAX_STROKES = 200;
export const MAX_POINTS = 5000;
/** Points closer than this to the previous one are dropped (keeps a signature small). */
const MIN_STEP = 1.5;
/** Backing-store pixels per box unit, so lines stay crisp on high-density screens. */
const SCALE = 2;

const ROLE_LABELS: Record<string, string> = {
  client: 'Client',
  guardian: 'Guardian',
  counselor: 'Counselor',
  supervisor: 'Supervisor',
  witness: 'Witness',
  staff: 'Staff',
};

export function signatureRoleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

function pointCount(strokes: SignaturePoint[][]): number {
  return strokes.reduce((n, s) => n + s.length, 0);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function paint(canvas: HTMLCanvasElement | null, strokes: SignaturePoint[][]) {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  ctx.setTransform(SCALE, 0, 0, SCALE, 0, 0);
  ctx.clearRect(0, 0, BOX_WIDTH, BOX_HEIGHT);
  // The signing line.
  ctx.strokeStyle = '#adb5bd';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(24, BOX_HEIGHT - 40);
  ctx.lineTo(BOX_WIDTH - 24, BOX_HEIGHT - 40);
  ctx.stroke();
  ctx.strokeStyle = '#1a1b1e';
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    ctx.beginPath();
    ctx.moveTo(first[0], first[1]);
    for (const [x, y] of rest) ctx.lineTo(x, y);
    ctx.stroke();
  }
}

function compose(role: string, name: string, mode: 'drawn' | 'typed', strokes: SignaturePoint[][], confirmed: boolean): SignatureValue | null {
  const signer = name.trim();
  if (!signer) return null;
  if (mode === 'typed') return confirmed ? { role, signer_name: signer, method: 'typed' } : null;
  if (strokes.length === 0) return null;
  return { role, signer_name: signer, method: 'drawn', image: { width: BOX_WIDTH, height: BOX_HEIGHT, strokes } };
}

export interface SignaturePadProps {
  /** The signer's role sent with the signature: client, guardian, counselor, supervisor, witness, staff. */
  role: string;
  /** Names the pad for everyone (the fieldset legend), e.g. "Client signature". */
  label: string;
  /** The complete signature, or null while it is not complete (no name, nothing drawn, not confirmed). */
  value: SignatureValue | null;
  onChange: (value: SignatureValue | null) => void;
  /** The name filled in at first (the signer may correct it). */
  defaultName?: string;
  disabled?: boolean;
  /** An error to show (e.g. the server's message for `signatures[0]`). */
  error?: string;
  /** Larger text for tablet mode. */
  size?: 'md' | 'lg';
}

/**
 * A signature input: the signer's printed name, and either a drawing area (finger, stylus or mouse, through
 * pointer events) or "Type name instead" with a confirmation. Calls onChange with the complete value or null.
 */
export function SignaturePad({ role, label, value, onChange, defaultName = '', disabled = false, error, size = 'md' }: SignaturePadProps) {
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const nameRef = useRef<HTMLInputElement | null>(null);
  const [name, setName] = useState(value?.signer_name ?? defaultName);
  const [mode, setMode] = useState<'drawn' | 'typed'>(value?.method ?? 'drawn');
  const [strokes, setStrokes] = useState<SignaturePoint[][]>(value?.image?.strokes ?? []);
  const [confirmed, setConfirmed] = useState(value?.method === 'typed');
  const [full, setFull] = useState(false);
  const drawing = useRef<{ pointerId: number; points: SignaturePoint[] } | null>(null);
  const emitted = useRef<SignatureValue | null>(value);
  const focusName = useRef(false);

  const emit = useCallback(
    (nextName: string, nextMode: 'drawn' | 'typed', nextStrokes: SignaturePoint[][], nextConfirmed: boolean) => {
      const next = compose(role, nextName, nextMode, nextStrokes, nextConfirmed);
      const same = JSON.stringify(next) === JSON.stringify(emitted.current);
      emitted.current = next;
      if (!same) onChange(next);
    },
    [onChange, role],
  );

  // The parent cleared the signature (e.g. after a refused submit): start again, keeping the name.
  useEffect(() => {
    if (value === null && emitted.current !== null) {
      emitted.current = null;
      setStrokes([]);
      setConfirmed(false);
      setFull(false);
    }
  }, [value]);

  useLayoutEffect(() => {
    if (mode === 'drawn') paint(canvasRef.current, strokes);
  }, [mode, strokes]);

  useEffect(() => {
    if (focusName.current) {
      focusName.current = false;
      nameRef.current?.focus();
    }
  }, [mode]);

  const toBox = (e: { clientX: number; clientY: number }): SignaturePoint => {
    const canvas = canvasRef.current;
    const rect = canvas?.getBoundingClientRect();
    const sx = rect && rect.width > 0 ? BOX_WIDTH / rect.width : 1;
    const sy = rect && rect.height > 0 ? BOX_HEIGHT / rect.height : 1;
    const x = (e.clientX - (rect?.left ?? 0)) * sx;
    const y = (e.clientY - (rect?.top ?? 0)) * sy;
    return [round(Math.min(BOX_WIDTH, Math.max(0, x))), round(Math.min(BOX_HEIGHT, Math.max(0, y)))];
  };

  const budgetLeft = () => MAX_POINTS - pointCount(strokes) - (drawing.current?.points.length ?? 0);

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    if (strokes.length >= MAX_STROKES || budgetLeft() <= 0) {
      setFull(true);
      return;
    }
    e.preventDefault();
    try {
      e.currentTarget.setPointerCapture?.(e.pointerId);
    } catch {
      // Capture is a nicety (strokes leaving the box); drawing works without it.
    }
    drawing.current = { pointerId: e.pointerId, points: [toBox(e)] };
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drawing.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const native = e.nativeEvent as PointerEvent & { getCoalescedEvents?: () => PointerEvent[] };
    const events = native.getCoalescedEvents?.() ?? [];
    const ctx = canvasRef.current?.getContext('2d');
    for (const ev of events.length ? events : [e]) {
      if (budgetLeft() <= 0) {
        setFull(true);
        break;
      }
      const p = toBox(ev);
      const last = d.points[d.points.length - 1];
      if (!last) continue;
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP) continue;
      d.points.push(p);
      if (ctx) {
        ctx.beginPath();
        ctx.moveTo(last[0], last[1]);
        ctx.lineTo(p[0], p[1]);
        ctx.stroke();
      }
    }
  };

  const endStroke = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drawing.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drawing.current = null;
    // A tap is a dot: two points so that it draws and counts as a stroke.
    const [only] = d.points;
    const points: SignaturePoint[] = d.points.length === 1 && only ? [only, [round(only[0] + 0.5), only[1]]] : d.points;
    const next = [...strokes, points];
    setStrokes(next);
    emit(name, mode, next, confirmed);
  };

  const clear = () => {
    setStrokes([]);
    setConfirmed(false);
    setFull(false);
    emit(name, mode, [], false);
  };

  const switchMode = () => {
    const next = mode === 'drawn' ? 'typed' : 'drawn';
    focusName.current = next === 'typed';
    setMode(next);
    emit(name, next, strokes, confirmed);
  };

  const complete = compose(role, name, mode, strokes, confirmed) !== null;
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  let status: string;
  if (mode === 'typed') {
    status = complete ? 'Typed signature ready.' : name.trim() ? 'Tick the box to sign with your typed name.' : 'Type the full name first.';
  } else if (strokes.length === 0) {
    status = 'Not signed yet.';
  } else {
    status = name.trim() ? 'Signature drawn.' : 'Signature drawn — type the full name above it too.';
  }
  const big = size === 'lg';

  return (
    <Fieldset legend={label} disabled={disabled} variant="unstyled" data-testid={`signature-${role}`}>
      <Stack gap="sm">
        <TextInput
          ref={nameRef}
          label="Full name of the signer"
          size={big ? 'lg' : 'sm'}
          value={name}
          required
          autoComplete="off"
          onChange={(e) => {
            const next = e.currentTarget.value;
            setName(next);
            emit(next, mode, strokes, confirmed);
          }}
          maw={420}
        />
        {mode === 'drawn' ? (
          <>
            <Text id={hintId} size={big ? 'md' : 'sm'}>
              Sign in the box with a finger, a stylus or the mouse.
            </Text>
            <canvas
              ref={canvasRef}
              className="sw-signature-canvas"
              width={BOX_WIDTH * SCALE}
              height={BOX_HEIGHT * SCALE}
              role="img"
              aria-label={`${label}: drawing area`}
              aria-describedby={`${hintId} ${statusId}`}
              data-signed={strokes.length > 0 ? 'true' : 'false'}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={endStroke}
              onPointerCancel={endStroke}
            />
          </>
        ) : (
          <>
            <div className="sw-signature-typed" aria-hidden="true">
              {name.trim()}
            </div>
            <Checkbox
              size={big ? 'md' : 'sm'}
              label={name.trim() ? `I, ${name.trim()}, sign with this typed name` : 'I sign with this typed name'}
              checked={confirmed}
              disabled={!name.trim()}
              onChange={(e) => {
                const next = e.currentTarget.checked;
                setConfirmed(next);
                emit(name, mode, strokes, next);
              }}
            />
          </>
        )}
        <Text id={statusId} size="sm" c={complete ? undefined : 'dimmed'} className={complete ? 'sw-ok' : undefined} aria-live="polite" data-testid="signature-status">
          {status}
        </Text>
        {full && (
          <Text size="sm" c="red.8" role="alert">
            The signature is too long to store. Clear it and sign again.
          </Text>
        )}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group gap="sm">
          <Button variant="default" size={big ? 'md' : 'xs'} onClick={clear} disabled={disabled || (strokes.length === 0 && !confirmed)}>
            Clear
          </Button>
          <Button variant="subtle" size={big ? 'md' : 'xs'} onClick={switchMode} disabled={disabled}>
            {mode === 'drawn' ? 'Type name instead' : 'Draw instead'}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** A stored or entered signature, read-only: drawn strokes as SVG, a typed name in script, and a caption. */
export function SignatureView({ signature, caption = true }: { signature: StoredSignature; caption?: boolean }) {
  const who = `${signature.signer_name} (${signatureRoleLabel(signature.role)})`;
  const img = signature.image;
  return (
    <figure className="sw-signature" data-testid="signature-view">
      {signature.method === 'drawn' && img && img.strokes.length > 0 ? (
        <svg
          className="sw-signature-view"
          viewBox={`0 0 ${img.width || BOX_WIDTH} ${img.height || BOX_HEIGHT}`}
          role="img"
          aria-label={`Drawn signature of ${signature.signer_name}`}
        >
          {img.strokes.map((stroke, i) => (
            <polyline
              key={i}
              points={stroke.map(([x, y]) => `${x},${y}`).join(' ')}
              fill="none"
              stroke="currentColor"
              strokeWidth={2.5}
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          ))}
        </svg>
      ) : (
        <div className="sw-signature-typed" role="img" aria-label={`Typed signature of ${signature.signer_name}`}>
          {signature.signer_name}
        </div>
      )}
      {caption && (
        <Text component="figcaption" size="sm" c="dimmed">
          {signature.method === 'typed' ? 'Typed by ' : 'Signed by '}
          {who}
          {signature.signed_at ? ` on ${formatInstant(signature.signed_at)}` : ''}
        </Text>
      )}
    </figure>
  );
}
