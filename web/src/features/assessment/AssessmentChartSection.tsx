import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { assessmentsApi, instrumentsApi, responsesApi } from '../../api/assessments';
import type { Client } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate, formatInstant, labelFor, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { useMeta } from '../shell/AppContext';
import { GiveInstrument, ResponseResult, instrumentName } from './InstrumentsPanel';
import { dueInstruments } from './repeats';
import { ScoreTrends, trendsFrom } from './ScoreTrends';

const IN_PROGRAM = new Set(['orientation', 'treatment', 'aftercare']);

async function load(clientId: string, signal: AbortSignal) {
  const [assessments, responses, defs] = await Promise.all([
    assessmentsApi.list(clientId, signal),
    responsesApi.list(clientId, undefined, signal),
    instrumentsApi.list(signal),
  ]);
  return { assessments: assessments.items, responses: responses.items, defs: defs.items };
}

/** The chart's assessment section: history, instruments with score trends, and the actions to start them. */
export function AssessmentChartSection({ client }: { client: Client }) {
  const meta = useMeta();
  const navigate = useNavigate();
  const canRead = usePermission('assessments.read');
  const canWrite = usePermission('assessments.write');
  const state = useAsync((signal) => (canRead ? load(client.id, signal) : Promise.resolve(null)), [client.id, canRead]);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const ep = client.current_episode;
  const continued = Boolean(ep && IN_PROGRAM.has(ep.stage));

  if (!canRead) {
    return (
      <ChartSection id="assessment" title="Assessment">
        <Text size="sm" c="dimmed">
          Your role does not include reading assessments.
        </Text>
      </ChartSection>
    );
  }

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const a = await assessmentsApi.start(client.id, { kind: continued ? 'continued_stay' : 'initial', ...(ep ? { episode_id: ep.id } : {}) });
      navigate(`/clients/${client.id}/assessments/${a.id}`);
    } catch (e) {
      setStartError(e);
      setStarting(false);
    }
  };

  const data = state.data;
  const actions = canWrite ? (
    <Button size="xs" onClick={() => void start()} loading={starting}>
      {continued ? 'Start continued-stay review' : 'Start assessment'}
    </Button>
  ) : null;

  return (
    <ChartSection id="assessment" title="Assessment" actions={actions}>
      <Stack gap="md">
        <ErrorAlert title="Could not start the assessment" error={startError} />
        {state.error ? <ErrorAlert title="Could not load assessments" error={state.error} onRetry={state.reload} /> : null}
        {!data && !state.error && <Loading label="Loading assessments…" />}
        {data && (
          <>
            {data.assessments.length === 0 ? (
              <EmptyState title="No assessment recorded">Start one to record the biopsychosocial assessment and the level of care.</EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="xs" aria-label="Assessment history">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Assessment</Table.Th>
                      <Table.Th scope="col">Status</Table.Th>
                      <Table.Th scope="col">Assessor</Table.Th>
                      <Table.Th scope="col">Started</Table.Th>
                      <Table.Th scope="col">Recommended</Table.Th>
                      <Table.Th scope="col">Decided</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.assessments.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/clients/${client.id}/assessments/${a.id}`}>
                            {a.kind === 'continued_stay' ? 'Continued-stay review' : 'Initial assessment'}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{a.status === 'draft' ? 'Draft' : a.status === 'complete' ? 'Complete' : 'Voided'}</Table.Td>
                        <Table.Td>{a.assessor_name || '—'}</Table.Td>
                        <Table.Td>{formatInstant(a.started_at)}</Table.Td>
                        <Table.Td>{labelFor(meta.levels_of_care, a.recommended_level) || '—'}</Table.Td>
                        <Table.Td>{labelFor(meta.levels_of_care, a.decided_level) || '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <div>
              <Title order={3} size="h4" mb="xs">
                Instruments
              </Title>
              {data.responses.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No instruments given yet.
                </Text>
              ) : (
                <Stack gap={4} mb="sm">
                  {data.responses.slice(0, 8).map((r) => (
                    <Group key={r.id} gap="sm" wrap="wrap">
                      <Anchor component={Link} to={`/clients/${client.id}/instruments/${r.id}`} size="sm">
                        {instrumentName(data.defs, r.instrument)}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {r.status === 'draft' ? 'draft' : formatInstant(r.completed_at)}
                      </Text>
                      <ResponseResult r={r} />
                    </Group>
                  ))}
                </Stack>
              )}
              <DueAgain due={dueInstruments(data.responses, data.defs, todayIso())} />
              {canWrite && <GiveInstrument clientId={client.id} defs={data.defs} />}
            </div>
            <div>
              <Title order={3} size="h4" mb="xs">
                Score trends
              </Title>
              <ScoreTrends trends={trendsFrom(data.responses, data.defs)} />
            </div>
          </>
        )}
      </Stack>
    </ChartSection>
  );
}

/** Instruments given on a schedule and when each is due again (overdue ones in red). */
function DueAgain({ due }: { due: ReturnType<typeof dueInstruments> }) {
  if (due.length === 0) return null;
  return (
    <Text size="sm" mb="sm" data-testid="due-again">
      Due again:{' '}
      {due.map((d, i) => (
        <Text span key={d.code} c={d.overdue ? 'red.8' : undefined} fw={d.overdue ? 600 : undefined}>
          {i > 0 && ' · '}
          {d.name} {d.overdue ? `overdue since ${formatDate(d.due)}` : `on ${formatDate(d.due)}`}
        </Text>
      ))}
    </Text>
  );
}
