import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One section of the chart: a labelled landmark with a level-2 heading and optional actions. */
export function ChartSection({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={`${id}-heading`} id={id}>
      <Group justify="space-between" mb="sm" align="center">
        <Title order={2} size="h3" id={`${id}-heading`}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
