import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { clientsApi } from '../../api/endpoints';
import { instrumentsApi, responsesApi, type InstrumentResponse } from '../../api/assessments';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { InstrumentForm } from './InstrumentForm';
import { tabletLock, tabletPath } from './tabletLock';

async function load(clientId: string, rid: string, signal: AbortSignal) {
  const [response, defs, client] = await Promise.all([
    responsesApi.get(rid, signal),
    instrumentsApi.list(signal),
    clientsApi.get(clientId, signal),
  ]);
  const definition = defs.items.find((d) => d.code === response.instrument);
  if (!definition) throw new Error(`The instrument ${response.instrument} is not in the catalog.`);
  return { response, definition, client };
}

/** A clinician gives an instrument (or reviews one) at /clients/:id/instruments/:rid. */
export function InstrumentResponsePage() {
  const { id = '', rid = '' } = useParams();
  const navigate = useNavigate();
  const state = useAsync((signal) => load(id, rid, signal), [id, rid]);
  const [response, setResponse] = useState<InstrumentResponse | null>(null);
  useEffect(() => {
    if (state.data) setResponse(state.data.response);
  }, [state.data]);
  usePageTitle(state.data ? `${state.data.definition.name} — ${displayName(state.data.client)}` : 'Instrument');

  if (state.error) return <ErrorAlert title="Could not open the instrument" error={state.error} onRetry={state.reload} />;
  if (!state.data || !response) return <Loading label="Loading instrument…" />;
  const { definition, client } = state.data;
  const back = response.assessment_id ? `/clients/${id}/assessments/${response.assessment_id}` : `/clients/${id}`;

  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to={back} size="sm">
        {response.assessment_id ? '← Back to the assessment' : '← Back to the chart'}
      </Anchor>
      <div>
        <Title order={1}>{definition.name}</Title>
        <Text c="dimmed" size="sm">
          {displayName(client)} · started {formatInstant(response.started_at)} by {response.administered_by_name || 'a clinician'} ·{' '}
          {response.completed_by === 'client' ? 'completed by the client' : 'completed by the clinician'}
        </Text>
      </div>
      {response.status === 'draft' && response.completed_by === 'client' && (
        <Group>
          <Button
            variant="light"
            onClick={() => {
              tabletLock.lock(response.id);
              navigate(tabletPath(response.id));
            }}
          >
            Hand to the client (tablet mode)
          </Button>
          <Text size="sm" c="dimmed">
            The screen shows only the questions and the client’s first name; your password unlocks it again.
          </Text>
        </Group>
      )}
      <InstrumentForm definition={definition} response={response} onResponse={setResponse} />
    </Stack>
  );
}
