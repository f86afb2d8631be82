import type { AuditQuery, AuditSort } from '../../api/types';

export interface AuditFilters {
  /** YYYY-MM-DD, the first day shown (from local midnight). */
  from: string;
  /** YYYY-MM-DD, the last day shown (inclusive; sent as the next local midnight, since `to` is exclusive). */
  to: string;
  user_id: string;
  client_id: string;
  action: string;
  outcome: string;
}

export const NO_FILTERS: AuditFilters = { from: '', to: '', user_id: '', client_id: '', action: '', outcome: '' };

export const AUDIT_PAGE_SIZE = 100;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a YYYY-MM-DD day (plus `addDays`) as a UTC instant. */
export function localMidnightUtc(day: string, addDays = 0): string | undefined {
  const m = DATE_RE.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays, 0, 0, 0, 0);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The API query for the filters and sort on screen (empty filters are left out). */
export function buildAuditQuery(f: AuditFilters, sort: AuditSort, order: 'asc' | 'desc'): AuditQuery {
  const q: AuditQuery = { sort, order, limit: AUDIT_PAGE_SIZE };
  const from = localMidnightUtc(f.from);
  const to = localMidnightUtc(f.to, 1);
  if (from) q.from = from;
  if (to) q.to = to;
  if (f.user_id.trim()) q.user_id = f.user_id.trim();
  if (f.client_id.trim()) q.client_id = f.client_id.trim();
  if (f.action.trim()) q.action = f.action.trim();
  if (f.outcome) q.outcome = f.outcome;
  return q;
}

/** Clicking a header: the same column flips the order; a new column starts newest/highest first for time, A→Z otherwise. */
export function nextSort(current: { sort: AuditSort; order: 'asc' | 'desc' }, column: AuditSort): { sort: AuditSort; order: 'asc' | 'desc' } {
  if (current.sort === column) return { sort: column, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: column, order: column === 'occurred_at' ? 'desc' : 'asc' };
}
