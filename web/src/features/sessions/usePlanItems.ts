import { useEffect, useState } from 'react';
import { isAbort } from '../../api/client';
import { plansApi, type PlanIntervention, type PlanObjective } from '../../api/plans';

export interface PlanItems {
  objectives: PlanObjective[];
  interventions: PlanIntervention[];
}

/** The objectives and interventions of the client's active plan (else the newest version); empty without a plan. */
export async function loadPlanItems(clientId: string, signal?: AbortSignal): Promise<PlanItems> {
  const plans = await plansApi.forClient(clientId, signal);
  const plan = plans.items.find((p) => p.active_version_no != null) ?? plans.items[0];
  if (!plan) return { objectives: [], interventions: [] };
  const no = plan.active_version_no ?? plan.current_version_no;
  const v = await plansApi.version(plan.id, no, signal);
  return { objectives: v.objectives ?? [], interventions: v.interventions ?? [] };
}

/**
 * A client's plan objectives and interventions, loaded when `enabled` turns true (an attendee's note is
 * opened) — a 12-client group asks for the plans it needs, not all of them up front.
 */
export function usePlanItems(clientId: string, enabled = true) {
  const [items, setItems] = useState<PlanItems | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!enabled || !clientId) return;
    const ac = new AbortController();
    loadPlanItems(clientId, ac.signal).then(
      (v) => !ac.signal.aborted && setItems(v),
      (e: unknown) => !ac.signal.aborted && !isAbort(e) && setError(e),
    );
    return () => ac.abort();
  }, [clientId, enabled]);
  return { items, error, loading: enabled && !items && !error };
}
