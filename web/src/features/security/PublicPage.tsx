import { Container, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of the pages shown before the app: sign-in, two-step set-up, first run. */
export function PublicPage({ children, size = 'xs' }: { children: ReactNode; size?: 'xs' | 'sm' }) {
  return (
    <>
      <header>
        <Container size={size} pt="xl">
          <Text fw={700} size="xl" c="indigo.9">
            Stepwise
          </Text>
        </Container>
      </header>
      <main id="main" tabIndex={-1}>
        <Container size={size} py="lg">
          <Paper withBorder p="lg">
            {children}
          </Paper>
        </Container>
      </main>
    </>
  );
}
