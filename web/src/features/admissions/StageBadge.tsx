import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  intake: 'blue',
  assessment: 'violet',
  orientation: 'cyan',
  treatment: 'teal',
  aftercare: 'lime',
  discharged: 'gray',
};

/** A care stage as a calm, high-contrast badge (dark text on a light tint). */
export function StageBadge({ stage, label }: { stage: string; label: string }) {
  const color = COLORS[stage] ?? 'gray';
  return (
    <Badge variant="light" color={color} c={`${color}.9`} radius="sm" tt="none" fw={600}>
      {label}
    </Badge>
  );
}
