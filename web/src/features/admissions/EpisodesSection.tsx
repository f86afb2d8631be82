import { Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { episodesApi, staffApi } from '../../api/endpoints';
import type { Client, Episode, Staff } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate, labelFor } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useCatalog } from '../program/useCatalog';
import { useMeta } from '../shell/AppContext';
import { ChartSection } from './ChartSection';
import { EpisodeForm, episodeToValues, newEpisodeValues, valuesToEpisodeDraft } from './EpisodeForm';
import { StageBadge } from './StageBadge';

const CLINICAL_ROLES = new Set(['counselor', 'therapist']);

async function loadCounselors(signal: AbortSignal): Promise<Staff[]> {
  const page = await staffApi.list({ limit: 200 }, signal);
  return page.items.filter((s) => s.roles.some((r) => CLINICAL_ROLES.has(r)));
}

function staffName(s: Staff): string {
  return s.display_name ?? `${s.preferred_name || s.given_name} ${s.family_name}`;
}

type Mode = { kind: 'list' } | { kind: 'open' } | { kind: 'edit'; episode: Episode };

export function EpisodesSection({ client, onEpisodesChanged }: { client: Client; onEpisodesChanged: () => void }) {
  const meta = useMeta();
  const episodes = useAsync((signal) => episodesApi.list(client.id, signal), [client.id]);
  const catalog = useCatalog();
  const counselors = useAsync(loadCounselors, []);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState('');

  const items = episodes.data?.items ?? [];
  const hasOpen = items.some((e) => !e.voided && e.stage !== 'discharged');
  const staff = counselors.data ?? [];
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const programs = catalog.data?.programs ?? [];
  const tracks = catalog.data?.tracks ?? [];
  const refsReady = Boolean(catalog.data && counselors.data);

  const done = (message: string) => {
    setMode({ kind: 'list' });
    setNotice(message);
    episodes.reload();
    onEpisodesChanged();
  };

  const actions =
    mode.kind === 'list' && !hasOpen && episodes.data ? (
      <Button size="xs" onClick={() => { setNotice(''); setMode({ kind: 'open' }); }} disabled={!refsReady}>
        Open episode
      </Button>
    ) : null;

  return (
    <ChartSection id="episodes" title="Episodes of care" actions={actions}>
      {episodes.error ? <ErrorAlert title="Could not load episodes" error={episodes.error} onRetry={episodes.reload} /> : null}
      {catalog.error ? <ErrorAlert title="Could not load programs and tracks" error={catalog.error} onRetry={catalog.reload} /> : null}
      {counselors.error ? <ErrorAlert title="Could not load counselors" error={counselors.error} onRetry={counselors.reload} /> : null}
      {notice && (
        <Text size="sm" className="sw-ok" role="status" mb="sm">
          {notice}
        </Text>
      )}

      {mode.kind === 'open' && refsReady && (
        <Paper withBorder p="sm" mb="md" bg="gray.0">
          <Title order={3} size="h4" mb="xs">
            Open an episode of care
          </Title>
          {programs.length === 0 ? (
            <Text size="sm">Create a program under Program set-up first.</Text>
          ) : (
            <EpisodeForm
              label="Open an episode of care"
              initialValues={newEpisodeValues(programs)}
              programs={programs}
              tracks={tracks}
              counselors={staff}
              submitLabel="Open episode"
              onCancel={() => setMode({ kind: 'list' })}
              save={async (v) => {
                await episodesApi.open(client.id, valuesToEpisodeDraft(v));
                done('Episode opened.');
              }}
            />
          )}
        </Paper>
      )}

      {mode.kind === 'edit' && refsReady && (
        <Paper withBorder p="sm" mb="md" bg="gray.0">
          <Title order={3} size="h4" mb="xs">
            Update episode
          </Title>
          <EpisodeForm
            label="Update episode"
            initialValues={episodeToValues(mode.episode)}
            programs={programs}
            tracks={tracks}
            counselors={staff}
            submitLabel="Save episode"
            onCancel={() => setMode({ kind: 'list' })}
            save={async (v) => {
              await episodesApi.update(mode.episode.id, valuesToEpisodeDraft(v), mode.episode.version);
              done('Episode updated.');
            }}
            loadLatest={async () => {
              const latest = await episodesApi.get(mode.episode.id);
              setMode({ kind: 'edit', episode: latest });
              return episodeToValues(latest);
            }}
          />
        </Paper>
      )}

      {episodes.loading && !episodes.data && <Loading label="Loading episodes…" />}
      {episodes.data && items.length === 0 && mode.kind !== 'open' && (
        <EmptyState title="No episodes of care">
          An episode starts at first contact. Open one to place the client in a program and stage.
        </EmptyState>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Stage</Table.Th>
                <Table.Th scope="col">Program</Table.Th>
                <Table.Th scope="col">Level of care</Table.Th>
                <Table.Th scope="col">Track</Table.Th>
                <Table.Th scope="col">Counselor</Table.Th>
                <Table.Th scope="col">Admitted</Table.Th>
                <Table.Th scope="col">Discharged</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => {
                const counselor = e.counselor_id ? staffById.get(e.counselor_id) : undefined;
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <StageBadge stage={e.stage} label={labelFor(meta.care_stages, e.stage)} />
                    </Table.Td>
                    <Table.Td>{catalog.programs.get(e.program_id)?.name ?? '—'}</Table.Td>
                    <Table.Td>{labelFor(meta.levels_of_care, e.level_of_care)}</Table.Td>
                    <Table.Td>{(e.track_id && catalog.tracks.get(e.track_id)?.name) || '—'}</Table.Td>
                    <Table.Td>{counselor ? staffName(counselor) : e.counselor_id ? 'Assigned' : '—'}</Table.Td>
                    <Table.Td>{formatDate(e.admission_date) || '—'}</Table.Td>
                    <Table.Td>{formatDate(e.discharge_date) || '—'}</Table.Td>
                    <Table.Td>
                      {mode.kind === 'list' && !e.voided && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          disabled={!refsReady}
                          onClick={() => {
                            setNotice('');
                            setMode({ kind: 'edit', episode: e });
                          }}
                          aria-label={`Update ${labelFor(meta.care_stages, e.stage)} episode`}
                        >
                          Update
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {hasOpen && mode.kind === 'list' && (
        <Text size="xs" c="dimmed" mt="xs">
          A client has one open episode at a time; update its stage as they move through the program.
        </Text>
      )}
    </ChartSection>
  );
}
