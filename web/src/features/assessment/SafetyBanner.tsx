import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { levelOfCareApi, safetyAlertsApi, type SafetyAlert } from '../../api/assessments';
import { ErrorAlert } from '../../components/Feedback';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';

function RespondForm({ alert, onDone, onCancel }: { alert: SafetyAlert; onDone: () => void; onCancel: () => void }) {
  // The actions a clinician can record are the server's list (GET /assessment-options, safety_actions).
  const options = useAsync((signal) => levelOfCareApi.options(signal), []);
  const choices = options.data?.safety_actions ?? [];
  const [actions, setActions] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const noteError = error instanceof ApiError ? error.fieldMessage('note') : undefined;
  const actionsError = error instanceof ApiError ? error.fieldMessage('actions') : undefined;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await safetyAlertsApi.respond(alert.id, actions, note);
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Paper p="sm" radius="sm" bg="white" c="dark">
      <form
        aria-label="Safety response"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <ErrorAlert title="Could not load the safety actions" error={options.error} onRetry={options.reload} />
          <Checkbox.Group label="Actions taken" value={actions} onChange={setActions} error={actionsError}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing={4} mt={6}>
              {choices.map((a) => (
                <Checkbox key={a.code} value={a.code} label={a.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea
            label="Note"
            description="What you assessed and what was agreed with the client"
            withAsterisk
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError ? `Note ${noteError}` : undefined}
          />
          <ErrorAlert title="The safety response was not recorded" error={error} otherFields={error instanceof ApiError ? error.fields.filter((f) => f.field !== 'note' && f.field !== 'actions') : []} />
          <Group>
            <Button type="submit" color="red" loading={busy}>
              Record safety response
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * A red banner at the top of the chart for every open safety alert, until a clinician records the safety
 * response (actions taken and a note).
 */
export function SafetyBanner({ clientId }: { clientId: string }) {
  const canRead = usePermission('assessments.read');
  const canRespond = usePermission('assessments.write');
  const alerts = useAsync((signal) => (canRead ? safetyAlertsApi.forClient(clientId, signal) : Promise.resolve({ items: [] })), [clientId, canRead]);
  const [responding, setResponding] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const open = (alerts.data?.items ?? []).filter((a) => a.status === 'open');
  if (!canRead) return null;
  return (
    <>
      {alerts.error ? <ErrorAlert title="Could not load safety alerts" error={alerts.error} onRetry={alerts.reload} /> : null}
      {notice && (
        <Text size="sm" className="sw-ok" role="status">
          {notice}
        </Text>
      )}
      {open.map((a, i) => (
        <Alert key={a.id} color="red" variant="filled" role="alert" title={`Safety alert: ${a.label}`} data-testid="safety-banner" id={i === 0 ? 'safety' : undefined} styles={{ title: { color: 'var(--mantine-color-white)' } }}>
          <Stack gap="xs">
            <Text size="sm">
              Raised {formatInstant(a.raised_at)}
              {a.assigned_to_name ? ` for ${a.assigned_to_name}` : ''} and the on-call list. It stays here until a clinician records the safety
              response.
            </Text>
            {canRespond && responding !== a.id && (
              <Group>
                <Button size="xs" variant="white" color="red" onClick={() => setResponding(a.id)}>
                  Record safety response
                </Button>
              </Group>
            )}
            {responding === a.id && (
              <RespondForm
                alert={a}
                onCancel={() => setResponding(null)}
                onDone={() => {
                  setResponding(null);
                  setNotice('Safety response recorded.');
                  alerts.reload();
                }}
              />
            )}
          </Stack>
        </Alert>
      ))}
    </>
  );
}
