import { ApiError } from '../api/client';
import type { FieldErrorItem } from '../api/types';

/** `credentials[1].expires_on` (server JSON path) → `credentials.1.expires_on` (form path). */
export function toFormPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/** Every leaf path of a values object, in form-path notation. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    const out: string[] = prefix ? [prefix] : [];
    value.forEach((v, i) => out.push(...leafPaths(v, prefix ? `${prefix}.${i}` : String(i))));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: string[] = prefix ? [prefix] : [];
    for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, prefix ? `${prefix}.${k}` : k));
    return out;
  }
  return prefix ? [prefix] : [];
}

export interface SplitErrors {
  /** Errors keyed by form path, for inputs on the form. */
  byPath: Record<string, string>;
  /** Errors that no input on the form shows (listed in the alert instead). */
  other: FieldErrorItem[];
}

/** Splits a server error's field list into errors shown beside inputs and the rest. */
export function splitFieldErrors(error: unknown, values: unknown, aliases: Record<string, string> = {}): SplitErrors {
  const byPath: Record<string, string> = {};
  const other: FieldErrorItem[] = [];
  if (!(error instanceof ApiError)) return { byPath, other };
  const known = new Set(leafPaths(values));
  for (const f of error.fields) {
    const path = aliases[f.field] ?? toFormPath(f.field);
    if (known.has(path)) byPath[path] = byPath[path] ? `${byPath[path]}; ${f.message}` : f.message;
    else other.push(f);
  }
  return { byPath, other };
}
