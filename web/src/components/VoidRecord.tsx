import { Button, Group, Paper, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { ErrorAlert } from './Feedback';

/**
 * "Void…" for a clinical record entered in error: records are never deleted, they are voided with a
 * reason (kept in the record and the audit trail). `onVoid` sends the reason; its errors are shown.
 */
export function VoidRecord({ what, onVoid }: { what: string; onVoid: (reason: string) => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return (
      <Button size="xs" variant="subtle" color="gray" onClick={() => setOpen(true)}>
        Void {what}…
      </Button>
    );
  }
  const reasonError = error instanceof ApiError ? error.fieldMessage('reason') : undefined;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onVoid(reason.trim());
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" w="100%">
      <form
        aria-label={`Void ${what}`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="xs">
          <Textarea
            label="Why is it void?"
            description="For example: entered for the wrong client. The record stays, marked void, with this reason."
            withAsterisk
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError ? `Reason ${reasonError}` : undefined}
          />
          <ErrorAlert title={`The ${what} was not voided`} error={error} otherFields={error instanceof ApiError ? error.fields.filter((f) => f.field !== 'reason') : []} />
          <Group>
            <Button type="submit" color="red" size="xs" loading={busy}>
              Void {what}
            </Button>
            <Button variant="default" size="xs" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
