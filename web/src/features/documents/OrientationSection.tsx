import { Alert, Anchor, Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { orientationApi, templatesApi, type OrientationItem, type OrientationStatus } from '../../api/documents';
import type { Client } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { startSigning } from './TabletSigningPage';
import './documents.css';

async function load(clientId: string, signal: AbortSignal) {
  const [status, templates] = await Promise.all([orientationApi.get(clientId, signal), templatesApi.list(signal)]);
  // The template to sign for each document kind: the active one (the newest version is what the server serves).
  const templateFor: Record<string, string> = {};
  for (const t of templates.items) if (t.active && !templateFor[t.kind]) templateFor[t.kind] = t.id;
  return { status, templateFor };
}

/** The labels of the items a list of codes names (codes without an item, e.g. part2_notice, as themselves). */
function labelsOf(status: OrientationStatus, codes: string[]): string[] {
  return codes.map((c) => status.items.find((i) => i.code === c)?.label ?? (c === 'part2_notice' ? '42 CFR Part 2 patient notice' : c));
}

function Completed({ item }: { item: OrientationItem }) {
  if (!item.done) return null;
  const who = item.completed_by_name ? ` by ${item.completed_by_name}` : '';
  const when = item.completed_at ? ` on ${formatInstant(item.completed_at)}` : '';
  return (
    <Text size="xs" c="dimmed">
      {item.document_kind ? 'Signed' : 'Done'}
      {who}
      {when}
      {item.note ? ` — ${item.note}` : ''}
    </Text>
  );
}

/**
 * The chart's orientation checklist: staff tick items (who and when are recorded), document items are done
 * by signing on the tablet, and "Finalize admission" moves the episode to treatment once nothing required is
 * open (the server decides and names what blocks it).
 */
export function OrientationSection({ client, onFinalized }: { client: Client; onFinalized: () => void }) {
  const navigate = useNavigate();
  const canRead = usePermission('documents.read');
  const canWrite = usePermission('documents.write');
  const state = useAsync((signal) => (canRead ? load(client.id, signal) : Promise.resolve(null)), [client.id, canRead]);
  // The item being saved and the state it is being set to (shown at once; the server's answer replaces it).
  const [marking, setMarking] = useState<{ code: string; done: boolean } | null>(null);
  const [markError, setMarkError] = useState<unknown>(null);
  const [finalizing, setFinalizing] = useState(false);
  const [finalizeError, setFinalizeError] = useState<unknown>(null);
  const [finalized, setFinalized] = useState(false);
  const stage = client.current_episode?.stage;

  if (!canRead) {
    return (
      <ChartSection id="orientation" title="Orientation">
        <Text size="sm" c="dimmed">
          Your role does not include reading orientation and documents.
        </Text>
      </ChartSection>
    );
  }

  const data = state.data;
  const noEpisode = state.error instanceof ApiError && (state.error.isNotFound || state.error.status === 409);

  const mark = async (item: OrientationItem, done: boolean) => {
    if (!data) return;
    setMarking({ code: item.code, done });
    setMarkError(null);
    try {
      const status = await orientationApi.mark(client.id, item.code, done);
      state.setData({ ...data, status });
    } catch (e) {
      setMarkError(e);
    } finally {
      setMarking(null);
    }
  };

  const finalize = async () => {
    setFinalizing(true);
    setFinalizeError(null);
    try {
      await orientationApi.finalize(client.id);
      setFinalized(true);
      onFinalized();
      state.reload();
    } catch (e) {
      setFinalizeError(e);
      state.reload();
    } finally {
      setFinalizing(false);
    }
  };

  const blockers = finalizeError instanceof ApiError ? finalizeError.fields.filter((f) => f.field.startsWith('items.')) : [];
  const actions =
    canWrite && data && stage === 'orientation' ? (
      <Button size="xs" onClick={() => void finalize()} loading={finalizing}>
        Finalize admission
      </Button>
    ) : null;

  return (
    <ChartSection id="orientation" title="Orientation" actions={actions}>
      <Stack gap="sm">
        {finalized && (
          <Alert color="green" variant="light" role="status" title="Admission finalized">
            The client is now in treatment.
          </Alert>
        )}
        {finalizeError && data ? (
          <Alert color="orange" variant="light" role="alert" title="The admission cannot be finalized yet" data-testid="finalize-blockers">
            {blockers.length > 0 ? (
              <List size="sm">
                {blockers.map((f) => (
                  <List.Item key={f.field}>
                    <strong>{labelsOf(data.status, [f.field.slice('items.'.length)])[0]}</strong>: {f.message}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">{finalizeError instanceof Error ? finalizeError.message : 'Something went wrong.'}</Text>
            )}
          </Alert>
        ) : null}
        <ErrorAlert title="Not saved" error={markError} />
        {noEpisode ? (
          <Text size="sm" c="dimmed">
            No open episode: the orientation checklist starts when the client is admitted.
          </Text>
        ) : state.error ? (
          <ErrorAlert title="Could not load the orientation checklist" error={state.error} onRetry={state.reload} />
        ) : null}
        {!data && !state.error && <Loading label="Loading orientation…" />}
        {data && (
          <>
            <ul className="sw-checklist" aria-label="Orientation checklist">
              {data.status.items.map((item) => (
                <li key={item.code} data-testid={`orientation-${item.code}`}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start" py={6}>
                    <Stack gap={2}>
                      {item.document_kind ? (
                        <Group gap="xs">
                          <StatusBadge color={item.done ? 'green' : 'gray'}>{item.done ? 'Signed' : 'Not signed'}</StatusBadge>
                          <Text size="sm">{item.label}</Text>
                        </Group>
                      ) : (
                        <Checkbox
                          label={item.label}
                          checked={marking?.code === item.code ? marking.done : item.done}
                          disabled={!canWrite || marking !== null}
                          onChange={(e) => void mark(item, e.currentTarget.checked)}
                        />
                      )}
                      <Completed item={item} />
                    </Stack>
                    <Group gap="xs" wrap="nowrap">
                      {!item.required && (
                        <Text size="xs" c="dimmed">
                          Optional
                        </Text>
                      )}
                      {item.document_kind && item.done && item.document_id && (
                        <Anchor href="#documents" size="sm">
                          View
                        </Anchor>
                      )}
                      {item.document_kind && !item.done && canWrite && data.templateFor[item.document_kind] && (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`Sign on tablet: ${item.label}`}
                          onClick={() => startSigning(navigate, client.id, data.templateFor[item.document_kind ?? ''] ?? '')}
                        >
                          Sign on tablet
                        </Button>
                      )}
                    </Group>
                  </Group>
                </li>
              ))}
            </ul>
            <Text size="sm" data-testid="orientation-readiness" className={data.status.ready ? 'sw-ok' : undefined}>
              {data.status.ready
                ? 'Every required item is done: the admission can be finalized.'
                : `Still open before the admission can be finalized: ${labelsOf(data.status, data.status.blocking).join('; ')}.`}
            </Text>
          </>
        )}
      </Stack>
    </ChartSection>
  );
}
