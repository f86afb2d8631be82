import { Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { notesApi, type Addendum, type Note } from '../../api/sessions';
import { ErrorAlert } from '../../components/Feedback';
import { formatInstant } from '../../lib/format';

/**
 * The addenda of a signed note, oldest first, and the form to add one: a reason and the text, appended —
 * the signed note and its hash never change.
 */
export function AddendaPanel({ note, canWrite, onAdded }: { note: Note; canWrite: boolean; onAdded: (n: Note) => void }) {
  const [adding, setAdding] = useState(false);
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const addenda: Addendum[] = note.addenda ?? [];
  const fe = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await notesApi.addendum(note.id, reason.trim(), text.trim());
      setReason('');
      setText('');
      setAdding(false);
      onAdded(updated && 'id' in updated ? updated : await notesApi.get(note.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="addenda-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="addenda-heading">
            Addenda
          </Title>
          {canWrite && !adding && (
            <Button size="xs" variant="light" onClick={() => setAdding(true)}>
              Add addendum
            </Button>
          )}
        </Group>
        {addenda.length === 0 && (
          <Text size="sm" c="dimmed">
            No addenda.
          </Text>
        )}
        {addenda.map((a, i) => (
          <Paper key={a.id ?? i} p="xs" bg="gray.0" data-testid="addendum">
            <Text size="xs" c="dimmed">
              {formatInstant(a.created_at)}
              {a.author_name ? ` · ${a.author_name}` : ''} · Reason: {a.reason}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.text}
            </Text>
          </Paper>
        ))}
        {adding && (
          <form
            aria-label="New addendum"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack gap="xs">
              <TextInput label="Reason for the addendum" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fe('reason')} required />
              <Textarea label="Addendum" autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fe('text')} required />
              <ErrorAlert title="Addendum not added" error={error instanceof ApiError && (fe('reason') || fe('text')) ? null : error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAdding(false)}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy}>
                  Append addendum
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
