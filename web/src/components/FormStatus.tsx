import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import type { Json, MergeConflict } from '../lib/merge';
import { ErrorAlert, saveErrorTitle } from './Feedback';

export const STALE_MESSAGE = 'This record was changed by someone else — reload';

interface FormStatusProps {
  error: unknown;
  otherFields: { field: string; message: string }[];
  stale: boolean;
  reloadLatest?: () => Promise<void>;
  reloading: boolean;
  conflicts: MergeConflict[];
  reloaded: boolean;
  /** Human labels for form paths, for the conflict list. */
  labels?: Record<string, string>;
}

function show(v: Json): string {
  if (v === null || v === '') return '(empty)';
  if (Array.isArray(v) || typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The alerts above a record form: errors, the version-conflict prompt, and what a reload merged. */
export function FormStatus(p: FormStatusProps) {
  if (p.stale) {
    return (
      <Alert color="orange" variant="light" role="alert" title={STALE_MESSAGE}>
        <Stack gap="xs">
          <Text size="sm">
            Nothing was saved. Your typed values are still in the form. Reload to bring in the latest version:
            your changes are kept on top of it, and you can review them before saving again.
          </Text>
          {p.reloadLatest && (
            <Group>
              <Button size="xs" color="orange" loading={p.reloading} onClick={() => void p.reloadLatest?.()}>
                Reload latest version
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    );
  }
  return (
    <>
      <ErrorAlert title={saveErrorTitle(p.error)} error={p.error} otherFields={p.otherFields} />
      {p.reloaded && (
        <Alert color="blue" variant="light" role="status" title="Loaded the latest version">
          {p.conflicts.length === 0 ? (
            <Text size="sm">Your changes were kept on top of it. Review and save again.</Text>
          ) : (
            <Stack gap={4}>
              <Text size="sm">
                Your changes were kept on top of it, but someone else also changed these fields. Your value is in the
                form; theirs is shown here. Check before saving again.
              </Text>
              <List size="sm">
                {p.conflicts.map((c) => (
                  <List.Item key={c.path}>
                    <strong>{p.labels?.[c.path] ?? c.path}</strong>: yours “{show(c.mine)}”, theirs “{show(c.theirs)}”
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </Alert>
      )}
    </>
  );
}
