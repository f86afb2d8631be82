// The line chart itself, loaded on demand (recharts is large): see ScoreTrends.
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import type { TrendPoint } from './ScoreTrends';

export default function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  return (
    <LineChart h={160} data={points} dataKey="date" series={[{ name: 'total', label, color: 'indigo.6' }]} curveType="linear" withDots withLegend={false} />
  );
}
