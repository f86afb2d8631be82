// When instruments given on a schedule (PHQ-9 every two weeks, PCL-5 monthly, …) are due again for a client:
// from each definition's interval and the client's last completed response.
import type { InstrumentDefinition, ResponseSummary } from '../../api/assessments';

export interface DueInstrument {
  code: string;
  name: string;
  lastCompleted: string;  // UTC instant
  due: string;            // YYYY-MM-DD
  overdue: boolean;       // due before `today`
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * For every instrument with a repeat interval that the client has completed at least once: when it is next
 * due. Sorted by due date; `today` is YYYY-MM-DD in the user's time zone.
 */
export function dueInstruments(responses: ResponseSummary[], defs: InstrumentDefinition[], today: string): DueInstrument[] {
  const out: DueInstrument[] = [];
  for (const def of defs) {
    if (!def.interval_days || def.interval_days <= 0) continue;
    const last = responses
      .filter((r) => r.instrument === def.code && r.status === 'complete' && r.completed_at)
      .map((r) => r.completed_at as string)
      .sort()
      .pop();
    if (!last) continue;
    const due = new Date(Date.parse(last) + def.interval_days * DAY_MS).toISOString().slice(0, 10);
    out.push({ code: def.code, name: def.name, lastCompleted: last, due, overdue: due < today });
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}
