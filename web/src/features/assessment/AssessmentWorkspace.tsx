import { Anchor, Box, Grid, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import {
  assessmentsApi,
  instrumentsApi,
  levelOfCareApi,
  type Assessment,
  type AssessmentOptions,
  type AssessmentPatch,
  type InstrumentDefinition,
  type LevelOfCarePolicy,
  type SectionValues,
} from '../../api/assessments';
import type { Client } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { VoidRecord } from '../../components/VoidRecord';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { DecisionPanel } from './DecisionPanel';
import { DimensionsSection, FlagsSection } from './DimensionsSection';
import { rebaseAssessmentPatch, toDraft, type Draft } from './assessmentDraft';
import { InstrumentsPanel } from './InstrumentsPanel';
import { RecommendationPanel } from './RecommendationPanel';
import { SaveIndicator } from './SaveIndicator';
import { SectionFields } from './SectionFields';
import { SECTIONS, SUBSTANCE_NOTES_SECTION } from './sections';
import { useSerialSaver } from './serialSaver';
import { SubstancesSection } from './SubstancesSection';

/** Field messages by the server's JSON path. */
function fieldMap(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) for (const f of e.fields) out[f.field] = out[f.field] ? `${out[f.field]}; ${f.message}` : f.message;
  return out;
}

interface Loaded {
  assessment: Assessment;
  policy: LevelOfCarePolicy;
  options: AssessmentOptions;
  defs: InstrumentDefinition[];
  client: Client;
}

async function load(clientId: string, aid: string, signal: AbortSignal): Promise<Loaded> {
  const [assessment, policy, options, defs, client] = await Promise.all([
    assessmentsApi.get(aid, signal),
    levelOfCareApi.policy(signal),
    levelOfCareApi.options(signal),
    instrumentsApi.list(signal),
    clientsApi.get(clientId, signal),
  ]);
  return { assessment, policy, options, defs: defs.items, client };
}

const NO_VALUES: SectionValues = {};

const NAV: [string, string][] = [
  ['substance-use', 'Substance use'],
  ...SECTIONS.map((s): [string, string] => [`section-${s.key}`, s.title]),
  ['instruments', 'Instruments'],
  ['dimensions', 'ASAM dimensions'],
  ['flags', 'Flags'],
  ['recommendation', 'Recommendation'],
  ['decision', 'Decision and outcome'],
];

function Workspace({ data }: { data: Loaded }) {
  const { policy, options, defs, client } = data;
  const [record, setRecord] = useState(data.assessment);
  const baseRef = useRef(data.assessment);  // the last version read from or saved to the server
  const [draft, setDraft] = useState<Draft>(() => toDraft(data.assessment));
  const draftRef = useRef(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { saver, status, error } = useSerialSaver<AssessmentPatch, Assessment>(data.assessment.id, {
    version: data.assessment.version,
    delayMs: 800,
    save: (patch, version, keepalive) => assessmentsApi.save(data.assessment.id, patch, version, keepalive),
    merge: (older, newer) => ({ ...older, ...newer }),
    onSaved: (saved) => {
      baseRef.current = saved;
      setRecord(saved);
    },
    // Someone saved meanwhile: send this user's edits on top of their version, unless both changed the same part.
    rebase: async (patch) => {
      const latest = await assessmentsApi.get(data.assessment.id);
      const rebased = rebaseAssessmentPatch(patch, baseRef.current, latest);
      baseRef.current = latest;
      return { version: latest.version, patch: rebased };
    },
  });
  useEffect(() => {
    if (status === 'error') setErrors(fieldMap(error));
    // A successful save clears the save's field errors; completion errors stay until their field changes.
    else if (status === 'saved') setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k.startsWith('dimensions['))));
  }, [status, error]);

  const editable = record.status === 'draft';
  const canWrite = usePermission('assessments.write');
  const change = useCallback(
    <K extends keyof Draft>(key: K, value: Draft[K]) => {
      const next = { ...draftRef.current, [key]: value };
      draftRef.current = next;
      setDraft(next);
      setErrors((e) => (Object.keys(e).some((k) => k.startsWith(key)) ? Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(key))) : e));
      saver.queue({ [key]: value } as AssessmentPatch);
    },
    [saver],
  );
  const changeSection = useCallback(
    (key: string, values: SectionValues) => change('sections', { ...draftRef.current.sections, [key]: values }),
    [change],
  );
  const run = (action: (version: number) => Promise<Assessment>) => saver.run(action);
  const flush = () => saver.flush();
  const kind = record.kind === 'continued_stay' ? 'Continued-stay review' : 'Initial assessment';
  usePageTitle(`${kind} — ${displayName(client)}`);

  return (
    <Stack gap="md" maw={1200}>
      <Anchor component={Link} to={`/clients/${client.id}`} size="sm">
        ← Back to the chart
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>{kind}</Title>
          <Text c="dimmed" size="sm">
            {displayName(client)} · {record.assessor_name || 'assessor not recorded'} · started {formatInstant(record.started_at ?? record.created_at)}
          </Text>
        </div>
        <Group gap="sm">
          <StatusBadge color={record.status === 'draft' ? 'yellow' : record.status === 'complete' ? 'green' : 'gray'}>
            {record.status === 'draft' ? 'Draft' : record.status === 'complete' ? 'Complete' : 'Voided'}
          </StatusBadge>
          <SaveIndicator status={status} error={error} onRetry={() => void flush().catch(() => {})} />
          {canWrite && record.status !== 'voided' && (
            <VoidRecord what="assessment" onVoid={(reason) => run((v) => assessmentsApi.void(record.id, reason, v))} />
          )}
        </Group>
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Box component="nav" aria-label="Assessment sections" pos="sticky" top={70}>
            <Stack gap={2}>
              {NAV.map(([sid, t]) => (
                <Anchor key={sid} href={`#${sid}`} size="sm">
                  {t}
                </Anchor>
              ))}
            </Stack>
          </Box>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="md">
            <ChartSection id="substance-use" title="Substance use">
              <SubstancesSection
                substances={draft.substances}
                saved={record.substances ?? []}
                options={options}
                onChange={(v) => change('substances', v)}
                errors={errors}
                updating={status === 'pending' || status === 'saving'}
                disabled={!editable}
              />
              <Textarea
                mt="md"
                label="Substance use history notes"
                autosize
                minRows={2}
                value={String(draft.sections[SUBSTANCE_NOTES_SECTION]?.notes ?? '')}
                onChange={(e) => changeSection(SUBSTANCE_NOTES_SECTION, { ...(draftRef.current.sections[SUBSTANCE_NOTES_SECTION] ?? {}), notes: e.currentTarget.value })}
                disabled={!editable}
              />
            </ChartSection>
            {SECTIONS.map((s) => (
              <ChartSection key={s.key} id={`section-${s.key}`} title={s.title}>
                <SectionFields def={s} values={draft.sections[s.key] ?? NO_VALUES} onChange={changeSection} errors={errors} disabled={!editable} />
              </ChartSection>
            ))}
            <ChartSection id="instruments" title="Instruments">
              <InstrumentsPanel clientId={client.id} assessmentId={record.id} responses={record.responses ?? []} defs={defs} beforeLeave={flush} readOnly={!editable} />
            </ChartSection>
            <ChartSection id="dimensions" title="ASAM dimensions">
              <DimensionsSection policy={policy} dimensions={draft.dimensions} onChange={(v) => change('dimensions', v)} errors={errors} disabled={!editable} />
            </ChartSection>
            <ChartSection id="flags" title="Flags">
              <FlagsSection
                policy={policy}
                flags={draft.flags}
                instrumentFlags={record.instrument_flags ?? []}
                onChange={(v) => change('flags', v)}
                error={errors.flags}
                disabled={!editable}
              />
            </ChartSection>
            <ChartSection id="recommendation" title="Recommendation">
              <RecommendationPanel assessment={record} policy={policy} />
            </ChartSection>
            <ChartSection id="decision" title="Decision and outcome">
              <DecisionPanel assessment={record} policy={policy} run={run} onErrors={(e) => setErrors(fieldMap(e))} />
            </ChartSection>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The assessment workspace at /clients/:id/assessments/:aid: every section on one screen, saved as typed. */
export function AssessmentWorkspace() {
  const { id = '', aid = '' } = useParams();
  const state = useAsync((signal) => load(id, aid, signal), [id, aid]);
  if (state.error && !state.data) return <ErrorAlert title="Could not open the assessment" error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading label="Loading assessment…" />;
  return <Workspace key={state.data.assessment.id} data={state.data} />;
}
