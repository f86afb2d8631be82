import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled section of a page (a level-2 heading names it for assistive technology). */
export function Card({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={`${id}-heading`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id={`${id}-heading`}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
