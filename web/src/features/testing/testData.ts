import type { Board, Collection, TestingEvent, TestingPolicy } from '../../api/testing';

export const POLICY: TestingPolicy = {
  program_id: 'prog-1',
  source: 'default',
  version: 1,
  observed: 'after_dilute',
  missed_counts_as_positive: true,
  refused_counts_as_positive: true,
  validity: {},
  panels: [
    {
      code: 'cup12',
      label: '12-panel cup',
      specimen: 'urine',
      analytes: [
        { code: 'thc', label: 'THC', unit: 'ng/mL', screening_cutoff: 50, confirmation_cutoff: 15 },
        { code: 'cocaine', label: 'Cocaine', unit: 'ng/mL', screening_cutoff: 150, confirmation_cutoff: 100 },
        { code: 'buprenorphine', label: 'Buprenorphine', unit: 'ng/mL', screening_cutoff: 10, confirmation_cutoff: 5 },
      ],
    },
  ],
};

export function event(over: Partial<TestingEvent> = {}): TestingEvent {
  return {
    id: 'ev-1',
    version: 1,
    client_id: 'client-1',
    client_name: 'Maria Lopez',
    program_id: 'prog-1',
    at: '2026-11-02',
    kind: 'positive',
    step: 1,
    action: 'warning',
    collection_id: 'col-1',
    selected_id: null,
    result_ids: ['res-1'],
    task_id: 'task-1',
    status: 'open',
    decision: null,
    reason: null,
    decided_by_name: null,
    decided_at: null,
    ...over,
  };
}

export function collection(over: Partial<Collection> = {}): Collection {
  return {
    id: 'col-1',
    version: 1,
    client_id: 'client-1',
    client_name: 'Maria Lopez',
    program_id: 'prog-1',
    collected_at: '2026-11-02T15:00:00Z',
    date: '2026-11-02',
    collector_name: 'Julia Novak',
    specimen: 'urine',
    temperature_f: null,
    temperature_in_range: true,
    observed: false,
    chain_of_custody_id: null,
    lab: null,
    panel_code: 'cup12',
    refused: false,
    outcome: 'pending',
    validity_status: 'valid',
    interpretations: [],
    billing: [],
    event: null,
    ...over,
  };
}

export const BOARD: Board = {
  date: '2026-11-02',
  selected: [
    { selected_id: 's-1', client_id: 'client-1', client_name: 'Maria Lopez', program_id: 'prog-1', reason: 'random', observed: false, status: 'to_collect', collection_id: null, result_status: null },
    { selected_id: 's-2', client_id: 'client-2', client_name: 'James Carter', program_id: 'prog-1', reason: 'contract', observed: true, status: 'collected', collection_id: 'col-2', result_status: 'pending' },
  ],
  pending_results: [{ collection_id: 'col-2', client_id: 'client-2', client_name: 'James Carter', collected_at: '2026-11-02T14:00:00Z', panel_code: 'cup12', lab: null }],
  needs_review: [event()],
};
