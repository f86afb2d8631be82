// Three-way merge used after a 412 (the record changed under the user): keep what the user typed,
// take everything else from the latest version, and report the fields both sides changed.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface MergeConflict {
  path: string;
  mine: Json;
  theirs: Json;
}

export interface MergeResult<T> {
  merged: T;
  conflicts: MergeConflict[];
}

function isPlainObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function mergeAt(base: unknown, mine: unknown, theirs: unknown, path: string, conflicts: MergeConflict[]): unknown {
  if (isPlainObject(mine) && isPlainObject(theirs)) {
    const b = isPlainObject(base) ? base : {};
    const out: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(mine), ...Object.keys(theirs)]);
    for (const k of keys) {
      out[k] = mergeAt(b[k], mine[k], theirs[k], path ? `${path}.${k}` : k, conflicts);
    }
    return out;
  }
  // Leaves (and arrays, compared whole).
  if (same(mine, base)) return theirs === undefined ? mine : theirs;
  if (!same(theirs, base) && !same(theirs, mine)) {
    conflicts.push({ path, mine: (mine ?? null) as Json, theirs: (theirs ?? null) as Json });
  }
  return mine;
}

/**
 * base: the values the form started from; mine: the form now; theirs: the latest values from the server.
 * Only keys present in `mine` are kept in the result's objects (plus any new keys from `theirs`).
 */
export function threeWayMerge<T>(base: T, mine: T, theirs: T): MergeResult<T> {
  const conflicts: MergeConflict[] = [];
  const merged = mergeAt(base, mine, theirs, '', conflicts) as T;
  return { merged, conflicts };
}
