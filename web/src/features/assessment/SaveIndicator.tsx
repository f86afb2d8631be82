import { Button, Group, Text } from '@mantine/core';
import { ApiError, errorMessage } from '../../api/client';
import type { SaveStatus } from './serialSaver';

/** "Saving…", "Saved" or the reason a save failed, announced politely to screen readers. */
export function SaveIndicator({ status, error, onRetry }: { status: SaveStatus; error: unknown; onRetry?: () => void }) {
  let text = '';
  if (status === 'pending' || status === 'saving') text = 'Saving…';
  else if (status === 'saved') text = 'Saved';
  else if (status === 'error') {
    const stale = error instanceof ApiError && error.isStale;
    text = stale ? 'Not saved: someone else changed this record — reload the page' : `Not saved: ${errorMessage(error)}`;
  }
  return (
    <Group gap="xs" wrap="nowrap" data-testid="save-status">
      <Text size="sm" c={status === 'error' ? 'red.8' : 'dimmed'} role="status" aria-live="polite">
        {text}
      </Text>
      {status === 'error' && onRetry && (
        <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Group>
  );
}
