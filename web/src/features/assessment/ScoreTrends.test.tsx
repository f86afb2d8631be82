import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ResponseSummary } from '../../api/assessments';
import { renderScreen } from '../../test/render';
import { ScoreTrends, trendsFrom } from './ScoreTrends';
import { PHQ9 } from './testData';

const r = (over: Partial<ResponseSummary>): ResponseSummary => ({
  id: 'r',
  instrument: 'PHQ9',
  status: 'complete',
  total: 0,
  band_code: '',
  band_label: '',
  flags: [],
  completed_at: '2026-03-01T15:00:00.000Z',
  ...over,
});

describe('score trends', () => {
  it('plots completed totals per instrument, oldest first, skipping drafts and unsummed instruments', () => {
    const trends = trendsFrom(
      [
        r({ id: 'a', total: 9, band_label: 'Mild', completed_at: '2026-03-15T15:00:00.000Z' }),
        r({ id: 'b', total: 16, band_label: 'Moderately severe', completed_at: '2026-03-01T15:00:00.000Z' }),
        r({ id: 'c', status: 'draft', total: 3, completed_at: null }),
        r({ id: 'd', instrument: 'CSSRS_SCREEN', total: null, band_label: 'Low' }),
        r({ id: 'e', instrument: 'GAD7', total: 7, completed_at: '2026-03-02T15:00:00.000Z' }),
      ],
      [PHQ9],
    );
    expect(trends.map((t) => t.instrument)).toEqual(['PHQ9', 'GAD7']);
    expect(trends[0]?.name).toBe('PHQ-9');
    expect(trends[0]?.points.map((p) => p.total)).toEqual([16, 9]);
  });

  it('gives each chart a caption and its values as a table', () => {
    const trends = trendsFrom([r({ id: 'a', total: 16, band_label: 'Moderately severe' }), r({ id: 'b', total: 9, band_label: 'Mild', completed_at: '2026-03-15T15:00:00.000Z' })], [PHQ9]);
    renderScreen(<ScoreTrends trends={trends} />);
    const fig = screen.getByRole('figure', { name: 'PHQ-9 total over time' });
    const table = within(fig).getByRole('table', { name: 'PHQ-9 results' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(table).toHaveTextContent('Moderately severe');
  });
});
