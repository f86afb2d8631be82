import type { CodeLabel, LegalName } from '../api/types';

export function legalFullName(n: LegalName): string {
  return [n.given, n.middle, n.family].filter((s) => s && s.trim()).join(' ');
}

/** The name to address a person by: preferred name (if any) with the legal family name. */
export function displayName(c: { legal_name: LegalName; preferred_name?: string; display_name?: string }): string {
  if (c.display_name) return c.display_name;
  const given = c.preferred_name?.trim() || c.legal_name.given;
  return `${given} ${c.legal_name.family}`.trim();
}

/** "Lopez, Maria A." for sorted lists. */
export function sortName(n: LegalName): string {
  const rest = [n.given, n.middle].filter((s) => s && s.trim()).join(' ');
  return rest ? `${n.family}, ${rest}` : n.family;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "1988-04-17" → "Apr 17, 1988" without any time-zone shift. */
export function formatDate(d: string | null | undefined): string {
  if (!d) return '';
  const m = DATE_RE.exec(d);
  if (!m) return d;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
}

export function labelFor(set: CodeLabel[] | undefined, code: string | null | undefined): string {
  if (!code) return '';
  return set?.find((c) => c.code === code)?.label ?? code;
}

export function formatHours(h: number): string {
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h/week`;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Drops empty strings and empty objects so optional fields are not sent as "". */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compact(v);
      if (c === '' || c === undefined) continue;
      if (typeof c === 'object' && c !== null && !Array.isArray(c) && Object.keys(c).length === 0) continue;
      out[k] = c;
    }
    return out as T;
  }
  return value;
}

/** A UTC instant shown in the browser's time zone: "Nov 22, 2026, 3:04 PM". */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '';
  const t = Date.parse(instant);
  if (!Number.isFinite(t)) return instant;
  return new Date(t).toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** Only the time of day: "3:04 PM". */
export function formatTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const t = Date.parse(instant);
  if (!Number.isFinite(t)) return instant;
  return new Date(t).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
}
