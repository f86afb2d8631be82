import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition, ResponseSummary } from '../../api/assessments';
import { dueInstruments } from './repeats';

const def = (code: string, interval_days: number) => ({ code, name: code, interval_days }) as InstrumentDefinition;
const done = (instrument: string, completed_at: string, status: ResponseSummary['status'] = 'complete') =>
  ({ id: `${instrument}-${completed_at}`, instrument, status, total: 1, band_code: '', band_label: '', completed_at }) as ResponseSummary;

describe('instruments due again', () => {
  it('adds the interval to the last completed response, marks overdue ones and sorts by due date', () => {
    const due = dueInstruments(
      [done('PHQ9', '2026-11-01T15:00:00.000Z'), done('PHQ9', '2026-11-10T15:00:00.000Z'), done('GAD7', '2026-11-01T15:00:00.000Z')],
      [def('PHQ9', 14), def('GAD7', 14), def('AUDIT', 0)],
      '2026-11-20',
    );
    expect(due).toEqual([
      { code: 'GAD7', name: 'GAD7', lastCompleted: '2026-11-01T15:00:00.000Z', due: '2026-11-15', overdue: true },
      { code: 'PHQ9', name: 'PHQ9', lastCompleted: '2026-11-10T15:00:00.000Z', due: '2026-11-24', overdue: false },
    ]);
  });

  it('ignores drafts, voided responses, instruments without an interval and ones never given', () => {
    const due = dueInstruments(
      [done('PHQ9', '2026-11-01T15:00:00.000Z', 'draft'), done('PCL5', '2026-10-01T15:00:00.000Z', 'voided'), done('AUDIT', '2026-10-01T15:00:00.000Z')],
      [def('PHQ9', 14), def('PCL5', 30), def('AUDIT', 0), def('GAD7', 14)],
      '2026-11-20',
    );
    expect(due).toEqual([]);
  });
});
