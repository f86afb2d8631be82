import { Alert, Anchor, Button, Group, NativeSelect, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { levelOfCareApi } from '../../api/assessments';
import { ApiError } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import { plansApi, type CareDirection, type ObjectiveProgress, type Plan, type ReviewDraft } from '../../api/plans';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatDate, formatInstant, labelFor } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useMeta } from '../shell/AppContext';

export const PROGRESS: { value: ObjectiveProgress; label: string }[] = [
  { value: 'met', label: 'Met' },
  { value: 'progressing', label: 'Progressing' },
  { value: 'not_progressing', label: 'Not progressing' },
  { value: 'revised', label: 'Revised' },
];

export const DIRECTIONS: { value: CareDirection; label: string }[] = [
  { value: 'continue', label: 'Continue at this level' },
  { value: 'step_down', label: 'Step down' },
  { value: 'step_up', label: 'Step up' },
];

const RATINGS = ['0 none', '1 mild', '2 moderate', '3 significant', '4 severe'];

const reviewPath = (clientId: string, planId: string) => `/clients/${encodeURIComponent(clientId)}/plans/${encodeURIComponent(planId)}/review`;

/** Past reviews of a plan (newest first), and the way to record the next one. */
export function ReviewsList({ plan, clientId, canWrite }: { plan: Plan; clientId: string; canWrite: boolean }) {
  const meta = useMeta();
  const state = useAsync((signal) => plansApi.reviews(plan.id, signal), [plan.id]);
  const reviews = [...(state.data?.items ?? [])].sort((a, b) => (b.reviewed_on ?? b.created_at ?? '').localeCompare(a.reviewed_on ?? a.created_at ?? ''));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-reviews-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="plan-reviews-heading">
          Reviews
        </Title>
        {plan.next_review_due && <Text size="sm">Next review due {formatDate(plan.next_review_due)}</Text>}
        <ErrorAlert title="Could not load the reviews" error={state.error} onRetry={state.reload} />
        {state.data && reviews.length === 0 && (
          <Text size="sm" c="dimmed">
            No reviews yet.
          </Text>
        )}
        {reviews.map((r) => (
          <Text key={r.id} size="sm" data-testid="review-item">
            {r.reviewed_on ? formatDate(r.reviewed_on) : formatInstant(r.created_at)} · {r.reviewer_name || r.reviewed_by_name || '—'} ·{' '}
            {DIRECTIONS.find((d) => d.value === r.level_of_care?.direction)?.label ?? r.level_of_care?.direction}
            {r.level_of_care?.level ? ` (${labelFor(meta.levels_of_care, r.level_of_care.level)})` : ''}
          </Text>
        ))}
        {canWrite && plan.active_version_no !== null && (
          <Group>
            <Button component={Link} to={reviewPath(clientId, plan.id)} variant="light">
              Record a review
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

async function load(clientId: string, planId: string, signal: AbortSignal) {
  const [plan, client, dimensions] = await Promise.all([
    plansApi.get(planId, signal),
    clientsApi.get(clientId, signal),
    levelOfCareApi.policy(signal).then((p) => p.dimensions, () => [] as { number: number; name: string }[]),
  ]);
  if (plan.active_version_no === null) throw new Error('This plan has no active (signed) version to review yet.');
  const version = await plansApi.version(planId, plan.active_version_no, signal);
  return { plan, client, version, dimensions };
}

type Loaded = Awaited<ReturnType<typeof load>>;

function ReviewForm({ data }: { data: Loaded }) {
  const { plan, client, version, dimensions } = data;
  const meta = useMeta();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ReviewDraft>(() => ({
    objectives: version.objectives.map((o) => ({ objective_id: o.id, status: '', note: '' })),
    client_view: '',
    level_of_care: {
      direction: 'continue',
      level: client.current_episode?.level_of_care ?? '',
      ratings: [1, 2, 3, 4, 5, 6].map((d) => ({ dimension: d, rating: null })),
      rationale: '',
    },
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const err = (path: string) => (error instanceof ApiError ? error.fieldMessage(path) : undefined);
  const loc = draft.level_of_care;
  const setLoc = (patch: Partial<ReviewDraft['level_of_care']>) => setDraft({ ...draft, level_of_care: { ...loc, ...patch } });
  const setObjective = (i: number, patch: Partial<ReviewDraft['objectives'][number]>) =>
    setDraft({ ...draft, objectives: draft.objectives.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  const name = displayName(client);
  usePageTitle(`Plan review — ${name}`);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const rated = loc.ratings.filter((r) => r.rating !== null);
      await plansApi.review(plan.id, { ...draft, level_of_care: { ...loc, ratings: rated } });
      navigate(`/clients/${client.id}/plans/${plan.id}`, { state: { reviewed: true } });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  // Field errors on ratings name the index in the rated list that was sent; map back to the dimension.
  const rated = loc.ratings.filter((r) => r.rating !== null);
  const ratingError = (dimension: number) => {
    const i = rated.findIndex((r) => r.dimension === dimension);
    return i >= 0 ? err(`level_of_care.ratings[${i}].rating`) ?? err(`level_of_care.ratings[${i}]`) : undefined;
  };
  let goalNo = 0;
  const tags = new Map<string, string>();
  for (const g of version.goals) {
    goalNo += 1;
    version.objectives.filter((o) => o.goal_id === g.id).forEach((o, k) => tags.set(o.id, `${goalNo}.${k + 1}`));
  }

  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to={`/clients/${client.id}/plans/${plan.id}`} size="sm">
        ← Back to the plan
      </Anchor>
      <div>
        <Title order={1}>Plan review</Title>
        <Text c="dimmed" size="sm">
          {name} · plan version {version.no}
          {plan.next_review_due ? ` · due ${formatDate(plan.next_review_due)}` : ''}
        </Text>
      </div>
      <form
        aria-label="Plan review"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Paper withBorder p="md" component="section" aria-labelledby="review-objectives">
            <Title order={2} size="h3" id="review-objectives" mb="sm">
              Progress on each objective
            </Title>
            {version.objectives.length === 0 && <EmptyState title="The plan has no objectives" />}
            <Stack gap="sm">
              {version.objectives.map((o, i) => {
                const tag = tags.get(o.id) ?? String(i + 1);
                return (
                  <Paper key={o.id} withBorder p="sm" bg="gray.0" data-testid={`review-objective-${tag}`}>
                    <Radio.Group
                      label={`Objective ${tag}: ${o.text}`}
                      description={o.target_date ? `Target ${formatDate(o.target_date)}` : undefined}
                      value={draft.objectives[i]?.status || null}
                      onChange={(v) => setObjective(i, { status: v as ObjectiveProgress })}
                      error={err(`objectives[${i}].status`)}
                      withAsterisk
                    >
                      <Group gap="md" mt={6}>
                        {PROGRESS.map((p) => (
                          <Radio key={p.value} value={p.value} label={p.label} />
                        ))}
                      </Group>
                    </Radio.Group>
                    <Textarea
                      mt="xs"
                      label={`Note on objective ${tag}`}
                      autosize
                      minRows={1}
                      value={draft.objectives[i]?.note ?? ''}
                      onChange={(e) => setObjective(i, { note: e.currentTarget.value })}
                      error={err(`objectives[${i}].note`)}
                    />
                  </Paper>
                );
              })}
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="review-client-view">
            <Title order={2} size="h3" id="review-client-view" mb="sm">
              The client’s view
            </Title>
            <Textarea
              label="How the client sees their progress, in their words"
              withAsterisk
              autosize
              minRows={2}
              value={draft.client_view}
              onChange={(e) => setDraft({ ...draft, client_view: e.currentTarget.value })}
              error={err('client_view')}
            />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="review-level">
            <Title order={2} size="h3" id="review-level" mb="sm">
              Level of care
            </Title>
            <Stack gap="sm">
              <Radio.Group
                label="Decision"
                value={loc.direction}
                onChange={(v) => setLoc({ direction: v as CareDirection })}
                error={err('level_of_care.direction')}
                withAsterisk
              >
                <Group gap="md" mt={6}>
                  {DIRECTIONS.map((d) => (
                    <Radio key={d.value} value={d.value} label={d.label} />
                  ))}
                </Group>
              </Radio.Group>
              <NativeSelect
                label="Level of care after the review"
                data={[{ value: '', label: 'Choose' }, ...meta.levels_of_care.map((l) => ({ value: l.code, label: l.label }))]}
                value={loc.level}
                onChange={(e) => setLoc({ level: e.currentTarget.value })}
                error={err('level_of_care.level')}
              />
              <Text fw={600} size="sm">
                Dimension ratings behind the decision (0 none – 4 severe)
              </Text>
              {loc.ratings.map((r) => {
                const dname = dimensions.find((d) => d.number === r.dimension)?.name;
                return (
                  <Radio.Group
                    key={r.dimension}
                    label={`Dimension ${r.dimension}${dname ? `: ${dname}` : ''}`}
                    value={r.rating === null ? null : String(r.rating)}
                    onChange={(v) => setLoc({ ratings: loc.ratings.map((x) => (x.dimension === r.dimension ? { ...x, rating: Number(v) } : x)) })}
                    error={ratingError(r.dimension)}
                    data-testid={`review-dimension-${r.dimension}`}
                  >
                    <Group gap="md" mt={4}>
                      {RATINGS.map((label, n) => (
                        <Radio key={n} value={String(n)} label={label} />
                      ))}
                    </Group>
                  </Radio.Group>
                );
              })}
              {err('level_of_care.ratings') && (
                <Text size="sm" c="red.8">
                  {err('level_of_care.ratings')}
                </Text>
              )}
              <Textarea
                label="Rationale"
                description="Required for a step up or down: what in the ratings calls for the change"
                withAsterisk={loc.direction !== 'continue'}
                autosize
                minRows={2}
                value={loc.rationale}
                onChange={(e) => setLoc({ rationale: e.currentTarget.value })}
                error={err('level_of_care.rationale')}
              />
            </Stack>
          </Paper>
          <ErrorAlert title="The review was not recorded" error={error} />
          <Group>
            <Button type="submit" loading={busy}>
              Record review
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The review form at /clients/:id/plans/:pid/review: progress per objective, the client's view, level of care. */
export function ReviewPage() {
  const { id = '', pid = '' } = useParams();
  const state = useAsync((signal) => load(id, pid, signal), [id, pid]);
  if (state.error && !state.data) {
    return (
      <Stack>
        <Anchor component={Link} to={`/clients/${id}/plans/${pid}`} size="sm">
          ← Back to the plan
        </Anchor>
        {state.error instanceof ApiError ? (
          <ErrorAlert title="Could not open the review" error={state.error} onRetry={state.reload} />
        ) : (
          <Alert color="gray" variant="light" title="Nothing to review yet">
            {(state.error as Error).message}
          </Alert>
        )}
      </Stack>
    );
  }
  if (!state.data) return <Loading label="Loading the plan…" />;
  return <ReviewForm data={state.data} />;
}
