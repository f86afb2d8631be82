import { Alert, Button, Center, Group, List, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import type { FieldErrorItem } from '../api/types';

/** A loading indicator that screen readers announce. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden="true" />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  /** Field errors that no input on screen shows. */
  otherFields?: FieldErrorItem[];
  onRetry?: () => void;
  children?: ReactNode;
}

/** The alert title for a failed save: honest about whether anything could have been written. */
export function saveErrorTitle(error: unknown): string {
  if (error instanceof ApiError && error.status === 0) return 'Could not reach the server — check whether it was saved';
  return 'Not saved';
}

/** Shows an API error: its message, field errors not shown elsewhere, and the request id to quote. */
export function ErrorAlert({ error, title = 'Something went wrong', otherFields, onRetry, children }: ErrorAlertProps) {
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : null;
  const fields = otherFields ?? [];
  const fieldsBeside = error instanceof ApiError && error.fields.length > fields.length;
  return (
    <Alert color="red" title={title} role="alert" variant="light">
      <Stack gap="xs">
        <Text size="sm">
          {errorMessage(error)}
          {fieldsBeside && ' — check the fields marked below.'}
        </Text>
        {fields.length > 0 && (
          <List size="sm">
            {fields.map((f) => (
              <List.Item key={`${f.field}:${f.message}`}>
                <strong>{f.field}</strong>: {f.message}
              </List.Item>
            ))}
          </List>
        )}
        {children}
        {requestId && (
          <Text size="xs" c="dimmed">
            Request id: <code>{requestId}</code>
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="outline" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** A short, honest empty state. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack gap={4} py="md">
      <Text fw={600}>{title}</Text>
      {children && (
        <Text size="sm" c="dimmed">
          {children}
        </Text>
      )}
    </Stack>
  );
}
