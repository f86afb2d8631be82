// The individual/family note editor's pure parts: the sections of each format, modality labels, local time
// in the program's zone ↔ UTC instants, and the form values ↔ the request body.
import type { FamilyMember, Note, NoteDraft, NoteFormat } from '../../api/sessions';

export const SECTIONS: Record<NoteFormat, { key: string; label: string; hint: string }[]> = {
  DAP: [
    { key: 'data', label: 'Data', hint: 'What the client said and did; what you observed' },
    { key: 'assessment', label: 'Assessment', hint: 'Your clinical interpretation and progress on the objectives' },
    { key: 'plan', label: 'Plan', hint: 'Next steps, homework, next session' },
  ],
  SOAP: [
    { key: 'subjective', label: 'Subjective', hint: 'The client’s report, in their words' },
    { key: 'objective', label: 'Objective', hint: 'What you observed; measures' },
    { key: 'assessment', label: 'Assessment', hint: 'Your clinical interpretation' },
    { key: 'plan', label: 'Plan', hint: 'Next steps' },
  ],
  BIRP: [
    { key: 'behavior', label: 'Behavior', hint: 'What the client presented with' },
    { key: 'intervention', label: 'Intervention', hint: 'What you did' },
    { key: 'response', label: 'Response', hint: 'How the client responded' },
    { key: 'plan', label: 'Plan', hint: 'Next steps' },
  ],
};

export const MODALITIES: { value: string; label: string }[] = [
  { value: 'cbt', label: 'CBT' },
  { value: 'dbt_skills', label: 'DBT skills' },
  { value: 'mi', label: 'Motivational interviewing' },
  { value: 'emdr', label: 'EMDR' },
  { value: 'act', label: 'ACT' },
  { value: 'trauma_focused', label: 'Trauma-focused' },
  { value: 'family_systems', label: 'Family systems' },
  { value: 'supportive', label: 'Supportive' },
  { value: 'psychoeducation', label: 'Psychoeducation' },
  { value: 'other', label: 'Other' },
];

export function isFormat(f: unknown): f is NoteFormat {
  return f === 'DAP' || f === 'SOAP' || f === 'BIRP';
}

/** The note's sections as an object, whether the server sent `{data: …}` or `[{key, text}]`. */
export function sectionsOf(s: unknown): Record<string, string> {
  if (Array.isArray(s)) {
    const out: Record<string, string> = {};
    for (const x of s as { key?: string; text?: string }[]) if (x && typeof x.key === 'string') out[x.key] = x.text ?? '';
    return out;
  }
  if (s && typeof s === 'object') return { ...(s as Record<string, string>) };
  return {};
}

// ---- Local time in a zone ----

function parts(t: number, zone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(new Date(t))) p[x.type] = x.value;
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, mi: Number(p.minute), s: Number(p.second) };
}

/** The zone's offset from UTC at instant `t`, in ms. */
function offsetAt(t: number, zone: string): number {
  const p = parts(t, zone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(t / 1000) * 1000;
}

/** "2026-03-09" + "09:00" in `zone` → "2026-03-09T14:00:00Z" (null for a bad date or time). */
export function zonedToUtc(date: string, time: string, zone: string): string | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  const wall = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]));
  let t = wall - offsetAt(wall, zone);
  t = wall - offsetAt(t, zone);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A UTC instant → its local date and "HH:MM" in `zone`. */
export function utcToZoned(instant: string, zone: string): { date: string; time: string } {
  const t = Date.parse(instant);
  if (!Number.isFinite(t)) return { date: '', time: '' };
  const p = parts(t, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.y}-${two(p.mo)}-${two(p.d)}`, time: `${two(p.h)}:${two(p.mi)}` };
}

/** Today in `zone`, "YYYY-MM-DD". */
export function todayIn(zone: string, now = Date.now()): string {
  return utcToZoned(new Date(now).toISOString(), zone).date;
}

/** The Monday of the week holding `date` ("YYYY-MM-DD"). */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = Date.UTC(y!, m! - 1, d!);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!) + days * 86_400_000).toISOString().slice(0, 10);
}

// ---- Form values ----

export interface NoteValues {
  kind: 'individual' | 'family';
  appointment_id: string;
  format: NoteFormat;
  sections: Record<string, string>;
  date: string;
  start: string;
  end: string;
  modality: string;
  delivery: 'in_person' | 'telehealth';
  objective_ids: string[];
  intervention_ids: string[];
  family_members: FamilyMember[];
  client_present: boolean;
}

export function newValues(kind: 'individual' | 'family', format: NoteFormat, date: string): NoteValues {
  return {
    kind,
    appointment_id: '',
    format,
    sections: Object.fromEntries(SECTIONS[format].map((s) => [s.key, ''])),
    date,
    start: '',
    end: '',
    modality: kind === 'family' ? 'family_systems' : 'cbt',
    delivery: 'in_person',
    objective_ids: [],
    intervention_ids: [],
    family_members: kind === 'family' ? [{ name: '', relationship: '' }] : [],
    client_present: true,
  };
}

export function valuesFrom(n: Note, zone: string): NoteValues {
  const s = utcToZoned(n.start_at, zone);
  const e = utcToZoned(n.end_at, zone);
  const format = isFormat(n.format) ? n.format : 'DAP';
  return {
    kind: n.kind === 'family' ? 'family' : 'individual',
    appointment_id: n.appointment_id ?? '',
    format,
    sections: { ...Object.fromEntries(SECTIONS[format].map((x) => [x.key, ''])), ...sectionsOf(n.sections) },
    date: s.date,
    start: s.time,
    end: e.time,
    modality: n.modality ?? '',
    delivery: n.delivery === 'telehealth' ? 'telehealth' : 'in_person',
    objective_ids: [...(n.objective_ids ?? [])],
    intervention_ids: [...(n.intervention_ids ?? [])],
    family_members: (n.family_members ?? []).map((m) => ({ ...m })),
    client_present: (n as { client_present?: boolean }).client_present ?? true,
  };
}

/** The request body; times become UTC instants in the program's zone (an end before the start wraps to the next day). */
export function draftBody(v: NoteValues, zone: string): NoteDraft & { client_present: boolean } {
  const start = zonedToUtc(v.date, v.start, zone) ?? '';
  let end = zonedToUtc(v.date, v.end, zone) ?? '';
  if (start && end && Date.parse(end) <= Date.parse(start) && v.end < v.start) end = zonedToUtc(addDays(v.date, 1), v.end, zone) ?? end;
  return {
    kind: v.kind,
    appointment_id: v.appointment_id || undefined,
    format: v.format,
    sections: Object.fromEntries(SECTIONS[v.format].map((s) => [s.key, v.sections[s.key] ?? ''])),
    start_at: start,
    end_at: end,
    modality: v.modality,
    delivery: v.delivery,
    objective_ids: v.objective_ids,
    intervention_ids: v.intervention_ids,
    family_members: v.kind === 'family' ? v.family_members : [],
    client_present: v.kind === 'family' ? v.client_present : true,
  };
}

/** Minutes between start and end ("" when unknown). */
export function durationMinutes(v: Pick<NoteValues, 'start' | 'end'>): number | null {
  const a = /^(\d{1,2}):(\d{2})$/.exec(v.start);
  const b = /^(\d{1,2}):(\d{2})$/.exec(v.end);
  if (!a || !b) return null;
  let d = Number(b[1]) * 60 + Number(b[2]) - (Number(a[1]) * 60 + Number(a[2]));
  if (d <= 0) d += 1440;
  return d;
}
