import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

/** A small status label with dark text on a light tint, so it keeps WCAG AA contrast in every colour. */
export function StatusBadge({ color = 'gray', children }: { color?: string; children: ReactNode }) {
  return (
    <Badge variant="light" color={color} c="gray.9" tt="none" fw={600} style={{ border: `1px solid var(--mantine-color-${color}-4)` }}>
      {children}
    </Badge>
  );
}
