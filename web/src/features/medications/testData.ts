import type { Medication, Referral } from '../../api/medications';

export function medication(over: Partial<Medication> = {}): Medication {
  return {
    id: 'med-1',
    version: 1,
    voided: false,
    void_reason: null,
    client_id: 'client-1',
    name: 'Buprenorphine/naloxone film',
    rxnorm_code: null,
    dose: '8 mg/2 mg',
    route: 'sublingual',
    frequency: 'once daily',
    prescriber: 'Dr. Adeyemi',
    start_on: '2026-10-01',
    stop_on: null,
    stop_reason: null,
    category: 'addiction',
    mat_kind: 'buprenorphine',
    source: 'prescriber',
    note: null,
    active: true,
    expected_analytes: ['buprenorphine', 'norbuprenorphine'],
    created_at: '2026-10-01T15:00:00Z',
    updated_at: '2026-10-01T15:00:00Z',
    ...over,
  };
}

export function referral(over: Partial<Referral> = {}): Referral {
  return {
    id: 'ref-1',
    version: 1,
    client_id: 'client-1',
    provider_name: 'Lakeside Family Medicine',
    provider_contact: null,
    reason: 'Evaluation for MOUD',
    status: 'sent',
    sent_on: '2026-10-28',
    appointment_on: null,
    seen_on: null,
    closed_on: null,
    outcome: null,
    ...over,
  };
}
