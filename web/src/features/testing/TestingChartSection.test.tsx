import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { TestingChartSection } from './TestingChartSection';
import { collection, event } from './testData';

const READER = session({ permissions: ['clients.read', 'testing.read'] });

describe('TestingChartSection', { timeout: 40_000 }, () => {
  it('shows the step with its evidence, the contract, the share negative by week and the tests with analytes', async () => {
    mockFetch({
      'GET /api/v1/clients/client-1/testing-state': json({
        step: 2,
        action: 'behavioral_contract',
        events: [
          event({ status: 'decided', decision: 'warning_given', reason: 'Discussed', decided_by_name: 'Priya Shah' }),
          event({ id: 'ev-2', step: 2, action: 'behavioral_contract', kind: 'missed', collection_id: null, at: '2026-11-09' }),
        ],
        contract: { active: true, since: '2026-11-09', until: '2026-12-09', extra_tests_per_week: 1 },
        open_review: event({ id: 'ev-2', step: 2, action: 'behavioral_contract', kind: 'missed', at: '2026-11-09' }),
      }),
      'GET /api/v1/clients/client-1/drug-tests': json({
        items: [
          {
            date: '2026-11-02',
            type: 'collection',
            collection: collection({
              outcome: 'positive',
              interpretations: [
                { code: 'cocaine', label: 'Cocaine', status: 'confirmed_positive', expected: false, screening_value: 300, confirmation_value: 180, screening_cutoff: 150, confirmation_cutoff: 100 },
                { code: 'buprenorphine', label: 'Buprenorphine', status: 'confirmed_positive', expected: true, screening_value: 40, confirmation_value: 20, screening_cutoff: 10, confirmation_cutoff: 5 },
              ],
            }),
          },
        ],
        weeks: [{ week_of: '2026-10-26', tests: 2, negative: 1, positive: 1, missed: 0, refused: 0, share_negative: 0.5 }],
      }),
    });
    renderScreen(<TestingChartSection client={{ id: 'client-1' }} />, { session: READER });
    const section = screen.getByRole('region', { name: 'Drug testing' });
    expect(await within(section).findByTestId('testing-step', {}, { timeout: 10_000 })).toHaveTextContent('Step 2: Behavioral contract');
    expect(within(section).getByText(/with 1 extra test\(s\) a week/)).toBeInTheDocument();
    const events = within(section).getAllByTestId('policy-event');
    expect(events[0]).toHaveTextContent('decided: warning given (Discussed, Priya Shah)');
    expect(within(events[0]!).getByRole('link', { name: 'evidence' })).toHaveAttribute('href', '/testing/collections/col-1');
    const weeks = await within(section).findByRole('table', { name: 'Share negative by week' });
    expect(within(weeks).getByText('50%')).toBeInTheDocument();
    const row = within(section).getByTestId('test-row');
    expect(within(row).getByText('Unexpected positive')).toBeInTheDocument();
    expect(within(row).getByText('Buprenorphine (expected)')).toBeInTheDocument();
    expect(within(row).getByText('Cocaine')).toBeInTheDocument();
  });

  it('asks nothing of a role without testing.read', () => {
    const m = mockFetch({});
    renderScreen(<TestingChartSection client={{ id: 'client-1' }} />, { session: session({ permissions: ['clients.read'] }) });
    expect(screen.getByText('Your role does not include drug testing.')).toBeInTheDocument();
    expect(m.calls).toHaveLength(0);
  });
});
