import { Paper, SimpleGrid, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { InstrumentDefinition, ResponseSummary } from '../../api/assessments';
import { formatInstant } from '../../lib/format';
import { instrumentName } from './InstrumentsPanel';

export interface TrendPoint {
  /** "Mar 1" — the x-axis label. */
  date: string;
  at: string;
  total: number;
  band: string;
}

export interface Trend {
  instrument: string;
  name: string;
  points: TrendPoint[];
}

const TrendChart = lazy(() => import('./TrendChart'));

const shortDate = (instant: string) => new Date(instant).toLocaleDateString('en-US', { month: 'short', day: 'numeric' });

/** Completed responses with a total, per instrument, oldest first; instruments in order of their latest use. */
export function trendsFrom(responses: ResponseSummary[], defs: InstrumentDefinition[]): Trend[] {
  const by = new Map<string, TrendPoint[]>();
  for (const r of responses) {
    if (r.status !== 'complete' || r.total === null || r.total === undefined || !r.completed_at) continue;
    const list = by.get(r.instrument) ?? [];
    list.push({ date: shortDate(r.completed_at), at: r.completed_at, total: r.total, band: r.band_label });
    by.set(r.instrument, list);
  }
  return [...by.entries()]
    .map(([instrument, points]) => ({ instrument, name: instrumentName(defs, instrument), points: points.sort((a, b) => a.at.localeCompare(b.at)) }))
    .sort((a, b) => (b.points.at(-1)?.at ?? '').localeCompare(a.points.at(-1)?.at ?? ''));
}

/** One small line chart per instrument (totals over time), each with its values as a table for screen readers. */
export function ScoreTrends({ trends }: { trends: Trend[] }) {
  if (trends.length === 0) return <Text c="dimmed">No completed instruments with a total yet.</Text>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {trends.map((t) => (
        <Paper key={t.instrument} withBorder p="sm" component="figure" m={0} aria-labelledby={`trend-${t.instrument}`} data-testid={`trend-${t.instrument}`}>
          <Title order={3} size="h5" id={`trend-${t.instrument}`} component="figcaption" mb="xs">
            {t.name} total over time
          </Title>
          {t.points.length > 1 ? (
            <div aria-hidden="true">
              <Suspense fallback={<Text size="sm" c="dimmed">Loading chart…</Text>}>
                <TrendChart points={t.points} label={t.name} />
              </Suspense>
            </div>
          ) : (
            <Text size="sm" c="dimmed" aria-hidden="true">
              One result so far: {t.points[0]?.total} ({t.points[0]?.band}).
            </Text>
          )}
          <VisuallyHidden>
            <Table>
              <caption>{t.name} results</caption>
              <thead>
                <tr>
                  <th scope="col">Completed</th>
                  <th scope="col">Total</th>
                  <th scope="col">Band</th>
                </tr>
              </thead>
              <tbody>
                {t.points.map((p) => (
                  <tr key={p.at}>
                    <td>{formatInstant(p.at)}</td>
                    <td>{p.total}</td>
                    <td>{p.band}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </VisuallyHidden>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
