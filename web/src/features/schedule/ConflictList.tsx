import { List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Conflict } from '../../api/schedule';
import type { CheckState } from './moves';

/** The live result of a conflict check, announced politely: checking, fits, or every named conflict. */
export function ConflictList({ state, idleText = '' }: { state: CheckState; idleText?: string }) {
  let body: ReactNode = idleText ? <Text size="sm" c="gray.7">{idleText}</Text> : null;
  if (state.status === 'checking') body = <Text size="sm">Checking for conflicts…</Text>;
  if (state.status === 'failed') body = <Text size="sm" c="red.9">Could not check: {state.message}</Text>;
  if (state.status === 'done' && state.result.ok) body = <Text size="sm" className="sw-ok" fw={600}>No conflicts: this time fits.</Text>;
  if (state.status === 'done' && !state.result.ok) body = <Conflicts conflicts={state.result.conflicts} />;
  return (
    <div role="status" aria-live="polite" data-testid="conflicts">
      {body}
    </div>
  );
}

export function Conflicts({ conflicts, title = 'Conflicts — not saved' }: { conflicts: Conflict[]; title?: string }) {
  return (
    <div>
      <Text size="sm" fw={700} c="red.9">
        {title}
      </Text>
      <List size="sm" spacing={2}>
        {conflicts.map((c, i) => (
          <List.Item key={`${c.field}-${c.code}-${i}`} c="red.9" data-code={c.code}>
            {c.message}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
