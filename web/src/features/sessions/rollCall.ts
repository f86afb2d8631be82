// The roll-call screen's pure parts: attendance statuses and which minutes they need, attended minutes
// (a preview; the server computes what is stored), the draft rows built from the server's record, the
// one request body, and the server's field errors mapped back to the row they belong to.
import { ApiError } from '../../api/client';
import type {
  AttendanceStatus,
  AttendeeNoteContent,
  GroupSession,
  GroupSessionRecord,
  GroupSessionSave,
  NoteStatus,
  NoteTemplate,
  Occurrence,
  SharedNote,
} from '../../api/sessions';
import type { FieldErrorItem } from '../../api/types';

export const STATUS_OPTIONS: { value: AttendanceStatus; label: string }[] = [
  { value: 'present', label: 'Present' },
  { value: 'late', label: 'Late' },
  { value: 'left_early', label: 'Left early' },
  { value: 'late_and_left_early', label: 'Late + left early' },
  { value: 'telehealth', label: 'Telehealth' },
  { value: 'absent_excused', label: 'Absent, excused' },
  { value: 'absent_unexcused', label: 'Absent, unexcused' },
];

export function statusLabel(status: string): string {
  return STATUS_OPTIONS.find((o) => o.value === status)?.label ?? status;
}

export const isAbsent = (s: AttendanceStatus | '') => s === 'absent_excused' || s === 'absent_unexcused';
export const needsLateMinutes = (s: AttendanceStatus | '') => s === 'late' || s === 'late_and_left_early';
export const needsLeftEarlyMinutes = (s: AttendanceStatus | '') => s === 'left_early' || s === 'late_and_left_early';
/** Attended in some form (a note belongs to attendees only). */
export const attended = (s: AttendanceStatus | '') => s !== '' && !isAbsent(s);

/** "09:00" → 540. */
export function minuteOfDay(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

/** The scheduled length of the occurrence in minutes (from the local times; an overnight end wraps). */
export function sessionMinutes(o: Pick<Occurrence, 'start' | 'end' | 'start_at' | 'end_at'>): number {
  const fromInstants = (Date.parse(o.end_at) - Date.parse(o.start_at)) / 60000;
  if (Number.isFinite(fromInstants) && fromInstants > 0) return Math.round(fromInstants);
  const d = minuteOfDay(o.end) - minuteOfDay(o.start);
  return d > 0 ? d : d + 1440;
}

/** Minutes attended: the session less late arrival and early leaving; 0 when absent or unmarked. */
export function attendedMinutes(status: AttendanceStatus | '', late: number, leftEarly: number, length: number): number {
  if (!attended(status)) return 0;
  const l = needsLateMinutes(status) ? Math.max(0, late) : 0;
  const e = needsLeftEarlyMinutes(status) ? Math.max(0, leftEarly) : 0;
  return Math.max(0, length - l - e);
}

export function emptyNote(clientId: string): AttendeeNoteContent {
  return {
    client_id: clientId,
    participation: '',
    objective_progress: [],
    mood_affect: '',
    risk: { level: 'none', observations: '' },
    client_quote: '',
    text: '',
  };
}

export function noteHasContent(n: AttendeeNoteContent): boolean {
  return Boolean(
    n.participation.trim() ||
      n.mood_affect.trim() ||
      n.client_quote.trim() ||
      n.text.trim() ||
      n.risk.observations.trim() ||
      n.risk.level !== 'none' ||
      n.objective_progress.length > 0,
  );
}

export interface RowDraft {
  client_id: string;
  client_name: string;
  kind: string;
  status: AttendanceStatus | '';
  /** Text, as typed (validated by the server; parsed for the preview). */
  late_minutes: string;
  left_early_minutes: string;
  absence_reason: string;
  /** What the server stored (shown after a save). */
  attended_minutes: number | null;
  note: AttendeeNoteContent;
  note_status: NoteStatus | null;
}

export interface Draft {
  shared: SharedNote;
  rows: RowDraft[];
}

/** The screen's starting point: the roster (plus anyone recorded who is no longer on it) and what was saved. */
export function draftFrom(gs: GroupSession): Draft {
  const rec = gs.record;
  const o = gs.occurrence;
  const shared: SharedNote = rec?.shared_note
    ? { ...rec.shared_note, facilitator_staff_ids: [...(rec.shared_note.facilitator_staff_ids ?? [])] }
    : {
        topic: o.topic ?? '',
        curriculum_module: o.curriculum_module ?? '',
        modality: o.modality ?? 'in_person',
        summary: '',
        facilitator_staff_ids: [...(o.facilitator_staff_ids ?? [])],
      };
  const people = new Map<string, { name: string; kind: string }>();
  for (const r of gs.roster) people.set(r.client_id, { name: r.client_name, kind: r.kind });
  for (const a of rec?.attendance ?? []) if (!people.has(a.client_id)) people.set(a.client_id, { name: a.client_name ?? '', kind: 'recorded' });
  const rows: RowDraft[] = [...people.entries()].map(([id, p]) => {
    const a = rec?.attendance.find((x) => x.client_id === id);
    const n = rec?.notes.find((x) => x.client_id === id);
    return {
      client_id: id,
      client_name: p.name,
      kind: p.kind,
      status: a?.status ?? '',
      late_minutes: a && a.late_minutes ? String(a.late_minutes) : '',
      left_early_minutes: a && a.left_early_minutes ? String(a.left_early_minutes) : '',
      absence_reason: a?.absence_reason ?? '',
      attended_minutes: a?.attended_minutes ?? null,
      note: n
        ? {
            client_id: id,
            participation: n.participation ?? '',
            objective_progress: (n.objective_progress ?? []).map((p) => ({ ...p, comment: p.comment ?? '' })),
            mood_affect: n.mood_affect ?? '',
            risk: { level: n.risk?.level ?? 'none', observations: n.risk?.observations ?? '' },
            client_quote: n.client_quote ?? '',
            text: n.text ?? '',
          }
        : emptyNote(id),
      note_status: n?.status ?? null,
    };
  });
  return { shared, rows };
}

const toInt = (s: string) => {
  const t = s.trim();
  if (t === '') return 0;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
};

export interface SaveRequest {
  body: GroupSessionSave;
  /** client id for each index of body.attendance and body.notes (to place the server's field errors). */
  attendanceIds: string[];
  noteIds: string[];
}

/**
 * The one request body: every marked row's attendance, and a note for each attendee whose note has content.
 * Minutes that do not apply to the status are sent as 0; unparseable minutes are sent as typed (NaN → -1) so
 * the server names the field.
 */
/**
 * The draft after the roster changed on the server (a drop-in added or removed): rows keep what was typed,
 * new roster members get fresh rows, and anyone who left the roster without a saved row is dropped.
 */
export function mergeRoster(current: Draft, fresh: GroupSession): Draft {
  const typed = new Map(current.rows.map((r) => [r.client_id, r]));
  const rows = draftFrom(fresh).rows.map((r) => {
    const had = typed.get(r.client_id);
    return had ? { ...had, kind: r.kind, client_name: r.client_name } : r;
  });
  return { shared: current.shared, rows };
}

export function saveRequest(d: Draft): SaveRequest {
  const marked = d.rows.filter((r) => r.status !== '');
  const minutes = (s: string) => {
    const n = toInt(s);
    return Number.isNaN(n) ? -1 : n;
  };
  const attendance = marked.map((r) => ({
    client_id: r.client_id,
    status: r.status as AttendanceStatus,
    late_minutes: needsLateMinutes(r.status) ? minutes(r.late_minutes) : 0,
    left_early_minutes: needsLeftEarlyMinutes(r.status) ? minutes(r.left_early_minutes) : 0,
    absence_reason: isAbsent(r.status) ? r.absence_reason.trim() : '',
  }));
  const withNotes = marked.filter((r) => attended(r.status) && noteHasContent(r.note));
  return {
    body: { shared_note: d.shared, attendance, notes: withNotes.map((r) => ({ ...r.note, client_id: r.client_id })) },
    attendanceIds: marked.map((r) => r.client_id),
    noteIds: withNotes.map((r) => r.client_id),
  };
}

export interface PlacedErrors {
  /** shared_note fields: `topic`, `summary`, … */
  shared: Record<string, string>;
  /** client id → field (`status`, `late_minutes`, `note.text`, `note.participation`, …) → message. */
  rows: Record<string, Record<string, string>>;
  /** Anything not placed beside an input. */
  other: FieldErrorItem[];
}

const ROW_ERROR = /^(attendance|notes)\[(\d+)\](?:\.(.+))?$/;

/** Places the server's field errors (JSON paths into the request body) beside the row they belong to. */
export function placeErrors(error: unknown, req: SaveRequest | null): PlacedErrors {
  const out: PlacedErrors = { shared: {}, rows: {}, other: [] };
  if (!(error instanceof ApiError)) return out;
  const add = (rec: Record<string, string>, k: string, msg: string) => {
    rec[k] = rec[k] ? `${rec[k]}; ${msg}` : msg;
  };
  for (const f of error.fields) {
    if (f.field.startsWith('shared_note.')) {
      add(out.shared, f.field.slice('shared_note.'.length), f.message);
      continue;
    }
    const m = ROW_ERROR.exec(f.field);
    const ids = m && req ? (m[1] === 'attendance' ? req.attendanceIds : req.noteIds) : null;
    const id = m && ids ? ids[Number(m[2])] : undefined;
    if (!m || !id) {
      out.other.push(f);
      continue;
    }
    const sub = m[3] ?? (m[1] === 'attendance' ? 'status' : 'text');
    const key = m[1] === 'notes' ? `note.${sub.split(/[.[]/)[0]}` : sub.split(/[.[]/)[0]!;
    out.rows[id] ??= {};
    add(out.rows[id], key, f.message);
  }
  return out;
}

/** The record in a save or sign answer (the server may answer with the whole session or only its record). */
export function recordOf(answer: GroupSession | GroupSessionRecord): GroupSessionRecord | null {
  if ('occurrence' in answer) return answer.record;
  return answer;
}

export const DEFAULT_TEMPLATES: NoteTemplate[] = [
  {
    code: 'engaged',
    label: 'Engaged, shared',
    participation: 'Actively engaged; shared personal experience related to the topic and gave feedback to peers.',
    mood_affect: 'Euthymic mood, congruent affect.',
  },
  {
    code: 'attentive',
    label: 'Attentive, quiet',
    participation: 'Attentive and on task; participated when prompted.',
    mood_affect: 'Calm; affect appropriate to content.',
  },
  {
    code: 'withdrawn',
    label: 'Withdrawn',
    participation: 'Minimal participation; declined to share when invited.',
    mood_affect: 'Mood appeared low; constricted affect.',
  },
  {
    code: 'skills',
    label: 'Practised a skill',
    participation: 'Practised the session’s coping skill in a role play and identified when to use it this week.',
  },
];

/** Fills the template's fields (only those it has), keeping what else was written. */
export function applyTemplate(note: AttendeeNoteContent, t: NoteTemplate): AttendeeNoteContent {
  const next = { ...note };
  if (t.field && t.text !== undefined) {
    if (t.field === 'participation' || t.field === 'mood_affect' || t.field === 'text' || t.field === 'client_quote') next[t.field] = t.text;
    return next;
  }
  if (t.participation !== undefined) next.participation = t.participation;
  if (t.mood_affect !== undefined) next.mood_affect = t.mood_affect;
  if (t.text !== undefined) next.text = t.text;
  return next;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The other attendee a note names (full name, or a given name of 3+ letters as a whole word), or null: a
 * warning before saving; the server refuses such a note ("names another attendee").
 */
export function namesAnotherAttendee(note: AttendeeNoteContent, rows: Pick<RowDraft, 'client_id' | 'client_name'>[]): string | null {
  const text = [note.participation, note.mood_affect, note.client_quote, note.text, note.risk.observations, ...note.objective_progress.map((p) => p.comment)].join('\n');
  if (!text.trim()) return null;
  for (const r of rows) {
    if (r.client_id === note.client_id || !r.client_name.trim()) continue;
    const full = r.client_name.trim();
    const given = full.split(/\s+/)[0] ?? '';
    if (new RegExp(`\\b${escapeRe(full)}\\b`, 'i').test(text)) return full;
    if (given.length >= 3 && new RegExp(`\\b${escapeRe(given)}\\b`, 'i').test(text)) return full;
  }
  return null;
}
