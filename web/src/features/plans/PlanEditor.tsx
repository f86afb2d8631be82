import { Alert, Anchor, Box, Grid, Group, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { levelOfCareApi } from '../../api/assessments';
import { ApiError } from '../../api/client';
import { clientsApi, staffApi, tracksApi } from '../../api/endpoints';
import { plansApi, type CatalogIntervention, type Plan, type PlanContent, type PlanVersion } from '../../api/plans';
import type { Client, Staff, Track } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { SaveIndicator } from '../assessment/SaveIndicator';
import { useSerialSaver } from '../assessment/serialSaver';
import { usePermission, useSession } from '../security/sessionStore';
import { HoursPanel } from './HoursPanel';
import { InterventionsSection, type StaffOption } from './InterventionsSection';
import { errorsOnScreen, rebasePlanContent, savableContent, STATUS_COLORS, STATUS_LABELS, toContent } from './planDraft';
import { GoalsSection, ProblemsSection } from './ProblemsGoalsSection';
import { ReviewsList } from './ReviewPage';
import { SigningPanel } from './SigningPanel';
import { VersionHistory } from './VersionHistory';

interface Loaded {
  plan: Plan;
  version: PlanVersion;
  client: Client;
  catalog: CatalogIntervention[];
  catalogError: unknown;
  staff: Staff[];
  tracks: Track[];
  dimensions: { number: number; name: string }[];
}

async function load(clientId: string, planId: string, wanted: number | null, signal: AbortSignal): Promise<Loaded> {
  const [plan, client] = await Promise.all([plansApi.get(planId, signal), clientsApi.get(clientId, signal)]);
  const programId = client.current_episode?.program_id;
  let catalogError: unknown = null;
  const [version, catalog, staff, tracks, dimensions] = await Promise.all([
    plansApi.version(planId, wanted ?? plan.current_version_no, signal),
    programId
      ? plansApi.catalog(programId, signal).then(
          (c) => c.interventions ?? [],
          (e: unknown) => {
            catalogError = e;
            return [] as CatalogIntervention[];
          },
        )
      : Promise.resolve([] as CatalogIntervention[]),
    staffApi.list({ limit: 200 }, signal).then((p) => p.items, () => [] as Staff[]),
    programId ? tracksApi.list(programId, signal).then((p) => p.items, () => [] as Track[]) : Promise.resolve([] as Track[]),
    levelOfCareApi.policy(signal).then((p) => p.dimensions, () => []),
  ]);
  return { plan, version, client, catalog, catalogError, staff, tracks, dimensions };
}

function staffOptions(staff: Staff[]): StaffOption[] {
  return staff.filter((s) => !s.voided).map((s) => ({ value: s.id, label: s.display_name || `${s.preferred_name || s.given_name} ${s.family_name}` }));
}

function fieldErrors(e: unknown): { field: string; message: string }[] {
  return e instanceof ApiError ? e.fields : [];
}

function Editor({ data, onPlan }: { data: Loaded; onPlan: () => void }) {
  const { plan, client, catalog, staff, tracks, dimensions } = data;
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const reviewed = (location.state as { reviewed?: boolean } | null)?.reviewed === true;
  const clientSigned = (location.state as { clientSigned?: boolean } | null)?.clientSigned === true;
  const canWrite = usePermission('plans.write');
  const [record, setRecord] = useState(data.version);
  const baseRef = useRef(data.version);  // the last version read from or saved to the server
  const [content, setContent] = useState<PlanContent>(() => toContent(data.version));
  const contentRef = useRef(content);
  const sentRef = useRef<PlanContent>(toContent(data.version));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { saver, status, error } = useSerialSaver<PlanContent, PlanVersion>(`${plan.id}/${data.version.no}`, {
    version: data.version.version,
    delayMs: 600,
    save: (c, version, keepalive) => {
      sentRef.current = c;
      return plansApi.save(plan.id, data.version.no, c, version, keepalive);
    },
    // The whole editable content is sent each time: the newer content replaces the older.
    merge: (_older, newer) => newer,
    onSaved: (saved) => {
      baseRef.current = saved;
      setRecord(saved);
    },
    rebase: async (mine) => {
      const latest = await plansApi.version(plan.id, data.version.no);
      const rebased = rebasePlanContent(mine, baseRef.current, latest);
      baseRef.current = latest;
      return { version: latest.version, patch: rebased };
    },
  });
  useEffect(() => {
    if (status === 'error') setErrors(errorsOnScreen(fieldErrors(error), sentRef.current, contentRef.current));
    else if (status === 'saved') setErrors({});
  }, [status, error]);

  const editable = canWrite && record.status === 'draft';
  const incomplete = useMemo(() => savableContent(content, catalog).incomplete, [content, catalog]);
  const change = useCallback(
    (next: PlanContent) => {
      contentRef.current = next;
      setContent(next);
      saver.queue(savableContent(next, catalog).content);
    },
    [saver, catalog],
  );
  const sign = (body: { content_sha256: string; signature: unknown }) =>
    saver
      .run((version) => plansApi.sign(plan.id, record.no, body, version))
      .catch((e: unknown) => {
        setErrors(errorsOnScreen(fieldErrors(e), baseRef.current, contentRef.current));
        throw e;
      });
  const name = displayName(client);
  usePageTitle(`Treatment plan — ${name}`);
  const updating = status === 'pending' || status === 'saving';
  const trackData = [{ value: '', label: 'No preference' }, ...tracks.filter((t) => !t.voided).map((t) => ({ value: t.id, label: t.name }))];
  const planPath = `/clients/${client.id}/plans/${plan.id}`;

  return (
    <Stack gap="md" maw={1300}>
      <Anchor component={Link} to={`/clients/${client.id}`} size="sm">
        ← Back to the chart
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>Treatment plan</Title>
          <Text c="dimmed" size="sm">
            {name} · version {record.no}
            {record.reason ? ` · ${record.reason}` : ''}
          </Text>
        </div>
        <Group gap="sm">
          <StatusBadge color={STATUS_COLORS[record.status]}>{STATUS_LABELS[record.status] ?? record.status}</StatusBadge>
          {editable && <SaveIndicator status={status} error={error} onRetry={() => void saver.flush().catch(() => {})} />}
          <Anchor href={plansApi.pdfUrl(plan.id, record.no)} target="_blank" rel="noopener" size="sm">
            Plan PDF
          </Anchor>
        </Group>
      </Group>
      {clientSigned && record.status !== 'active' && (
        <Alert color="green" variant="light" role="status" title="The client signed">
          Next: sign as counselor.
        </Alert>
      )}
      {reviewed && (
        <Alert color="green" variant="light" role="status" title="Review recorded">
          The next review date is updated.
        </Alert>
      )}
      {record.status !== 'draft' && (
        <Alert color="gray" variant="light" title="This version is locked" data-testid="locked-notice">
          {record.status === 'superseded'
            ? 'A later version replaced it. It is kept as it was signed.'
            : 'Signing has started, so the content can no longer change. To change the plan, start a new version with a reason.'}
        </Alert>
      )}
      {editable && incomplete.length > 0 && (
        <Alert color="yellow" variant="light" title="Not saved yet" data-testid="incomplete-rows">
          <List size="sm">
            {incomplete.map((t) => (
              <List.Item key={t}>{t}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {data.catalogError ? <ErrorAlert title="Could not load the intervention catalog" error={data.catalogError} /> : null}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <ChartSection id="plan-schedule" title="Schedule">
              <Group grow align="flex-start">
                <NativeSelect
                  label="Preferred track"
                  data={trackData}
                  value={content.preferred_track_id ?? ''}
                  onChange={(e) => change({ ...contentRef.current, preferred_track_id: e.currentTarget.value || null })}
                  error={errors.preferred_track_id}
                  disabled={!editable}
                />
                <Textarea
                  label="Schedule constraints"
                  description="Work, childcare, transport, other appointments"
                  autosize
                  minRows={1}
                  value={content.schedule_constraints}
                  onChange={(e) => change({ ...contentRef.current, schedule_constraints: e.currentTarget.value })}
                  error={errors.schedule_constraints}
                  disabled={!editable}
                />
              </Group>
            </ChartSection>
            <ChartSection id="plan-problems" title="Problems by ASAM dimension">
              <ProblemsSection content={content} onChange={change} errors={errors} disabled={!editable} dimensions={dimensions} />
            </ChartSection>
            <ChartSection id="plan-goals" title="Goals and objectives">
              <GoalsSection content={content} onChange={change} errors={errors} disabled={!editable} />
            </ChartSection>
            <ChartSection id="plan-interventions" title="Interventions">
              <InterventionsSection
                content={content}
                onChange={change}
                errors={errors}
                disabled={!editable}
                catalog={catalog}
                staff={staffOptions(staff)}
                defaultStaffId={session.user.staff_id ?? null}
              />
            </ChartSection>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Box pos="sticky" top={70} style={{ zIndex: 1 }}>
              <HoursPanel
                hours={record.hours}
                checks={record.checks ?? []}
                updating={editable && updating}
                basis={[record.level_of_care ? `level ${record.level_of_care}` : '', record.population ?? ''].filter(Boolean).join(', ')}
              />
            </Box>
            <SigningPanel
              planId={plan.id}
              record={record}
              canWrite={canWrite}
              sign={sign}
              beforeTablet={() => saver.flush()}
              incomplete={editable ? incomplete : []}
              onClosed={onPlan}
            />
            <VersionHistory
              plan={plan}
              shownNo={record.no}
              clientId={client.id}
              canWrite={canWrite}
              onCreated={(v) => navigate(`${planPath}?version=${v.no}`)}
            />
            <ReviewsList plan={plan} clientId={client.id} canWrite={canWrite} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The plan editor at /clients/:id/plans/:pid (?version=N shows another version): saved as the counselor types. */
export function PlanEditor() {
  const { id = '', pid = '' } = useParams();
  const [params] = useSearchParams();
  const wanted = params.get('version') ? Number(params.get('version')) : null;
  const state = useAsync((signal) => load(id, pid, wanted, signal), [id, pid, wanted]);
  const [plan, setPlan] = useState<Plan | null>(null);
  useEffect(() => setPlan(state.data?.plan ?? null), [state.data]);
  const reloadPlan = useCallback(() => {
    plansApi.get(pid).then(setPlan, () => {});
  }, [pid]);
  if (state.error && !state.data) return <ErrorAlert title="Could not open the treatment plan" error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading label="Loading treatment plan…" />;
  const data = plan ? { ...state.data, plan } : state.data;
  return <Editor key={`${data.version.no}-${pid}`} data={data} onPlan={reloadPlan} />;
}
