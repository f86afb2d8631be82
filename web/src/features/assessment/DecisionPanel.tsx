import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { staffApi } from '../../api/endpoints';
import { assessmentsApi, type Assessment, type LevelOfCarePolicy } from '../../api/assessments';
import type { Staff } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { formatDate, formatInstant, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { trackLabel, useCatalog } from '../program/useCatalog';
import { levelLabel } from './RecommendationPanel';

type Run = (action: (version: number) => Promise<Assessment>) => Promise<Assessment>;

const CLINICAL_ROLES = new Set(['counselor', 'therapist']);

async function loadCounselors(signal: AbortSignal): Promise<Staff[]> {
  const page = await staffApi.list({ limit: 200 }, signal);
  return page.items.filter((s) => !s.voided && s.roles.some((r) => CLINICAL_ROLES.has(r)));
}

const staffName = (s: Staff) => s.display_name ?? `${s.preferred_name || s.given_name} ${s.family_name}`;

/** Field messages of an error, for the fields this form shows. */
function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) for (const f of e.fields) out[f.field] = out[f.field] ? `${out[f.field]}; ${f.message}` : f.message;
  return out;
}

function DecisionForm({ assessment, policy, run, onErrors }: { assessment: Assessment; policy: LevelOfCarePolicy; run: Run; onErrors: (e: unknown) => void }) {
  const rec = assessment.recommendation;
  const [level, setLevel] = useState(assessment.decision?.level ?? rec?.level ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const differs = Boolean(rec && level && level !== rec.level);
  const errs = fieldErrors(error);

  const decide = async () => {
    setBusy(true);
    setError(null);
    try {
      if (assessment.status === 'draft') await run((v) => assessmentsApi.complete(assessment.id, v));
      await run((v) => assessmentsApi.decide(assessment.id, { level, reason }, v));
      setReason('');
    } catch (e) {
      setError(e);
      onErrors(e);
    } finally {
      setBusy(false);
    }
  };

  const shownElsewhere = (f: string) => f === 'reason' || f === 'level' || f.startsWith('dimensions[');
  const other = error instanceof ApiError ? error.fields.filter((f) => !shownElsewhere(f.field)) : [];
  return (
    <form
      aria-label="Level-of-care decision"
      onSubmit={(e) => {
        e.preventDefault();
        void decide();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <NativeSelect
            label="Decided level of care"
            value={level}
            data={[{ value: '', label: '—' }, ...policy.levels.map((l) => ({ value: l.code, label: l.label }))]}
            onChange={(e) => setLevel(e.currentTarget.value)}
            error={errs.level}
          />
        </SimpleGrid>
        <Textarea
          label="Reason for a different level"
          description={differs ? 'Required: the decision differs from the recommendation.' : 'Needed only when the decision differs from the recommendation.'}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errs.reason}
          withAsterisk={differs}
        />
        {error instanceof ApiError && error.fields.some((f) => f.field.startsWith('dimensions[')) && (
          <Alert color="red" variant="light" role="alert" title="The assessment is not complete">
            Rate every dimension and give each a rationale (marked above), then record the decision.
          </Alert>
        )}
        <ErrorAlert title="The decision was not recorded" error={error} otherFields={other} />
        <Group>
          <Button type="submit" loading={busy} disabled={!level}>
            {differs ? 'Record decision (override)' : 'Accept recommendation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AdmitForm({ assessment, run }: { assessment: Assessment; run: Run }) {
  const catalog = useCatalog();
  const counselors = useAsync(loadCounselors, []);
  const [date, setDate] = useState(todayIso());
  // Without an episode of care (e.g. the client was registered for the assessment only) the program is needed.
  const needsProgram = !assessment.episode_id;
  const [program, setProgram] = useState('');
  const [track, setTrack] = useState('');
  const [counselor, setCounselor] = useState(assessment.assessor_id ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error);
  const admit = async () => {
    setBusy(true);
    setError(null);
    try {
      await run((v) =>
        assessmentsApi.admit(
          assessment.id,
          {
            admission_date: date,
            ...(track ? { track_id: track } : {}),
            ...(counselor ? { counselor_id: counselor } : {}),
            ...(needsProgram && program ? { program_id: program } : {}),
          },
          v,
        ),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const tracks = catalog.data?.tracks.filter((t) => !t.voided) ?? [];
  const staff = counselors.data ?? [];
  return (
    <form
      aria-label="Admit to IOP"
      onSubmit={(e) => {
        e.preventDefault();
        void admit();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {needsProgram && (
            <NativeSelect
              label="Program"
              required
              value={program}
              data={[{ value: '', label: '—' }, ...(catalog.data?.programs.filter((p) => !p.voided) ?? []).map((p) => ({ value: p.id, label: p.name }))]}
              onChange={(e) => setProgram(e.currentTarget.value)}
              error={errs.program_id}
            />
          )}
          <TextInput type="date" label="Admission date" required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errs.admission_date} />
          <NativeSelect
            label="Track"
            description="Or leave it to scheduling"
            value={track}
            data={[{ value: '', label: 'Choose later' }, ...tracks.map((t) => ({ value: t.id, label: trackLabel(t, catalog.programs) }))]}
            onChange={(e) => setTrack(e.currentTarget.value)}
            error={errs.track_id}
          />
          <NativeSelect
            label="Counselor"
            value={counselor}
            data={[{ value: '', label: 'Not chosen yet' }, ...staff.map((s) => ({ value: s.id, label: staffName(s) }))]}
            onChange={(e) => setCounselor(e.currentTarget.value)}
            error={errs.counselor_id}
          />
        </SimpleGrid>
        <ErrorAlert title="Not admitted" error={error} otherFields={error instanceof ApiError ? error.fields.filter((f) => !(f.field in { admission_date: 1, track_id: 1, counselor_id: 1, program_id: 1 })) : []} />
        <Group>
          <Button type="submit" loading={busy}>
            Admit to IOP
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReferForm({ assessment, run }: { assessment: Assessment; run: Run }) {
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error);
  const refer = async () => {
    setBusy(true);
    setError(null);
    try {
      await run((v) => assessmentsApi.refer(assessment.id, { referred_to: to, ...(note ? { note } : {}) }, v));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      aria-label="Refer elsewhere"
      onSubmit={(e) => {
        e.preventDefault();
        void refer();
      }}
    >
      <Stack gap="sm">
        <TextInput label="Referred to" description="The service or provider, and its level of care" required value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errs.referred_to} />
        <Textarea label="Note" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errs.note} />
        <ErrorAlert title="Not referred" error={error} otherFields={error instanceof ApiError ? error.fields.filter((f) => f.field !== 'referred_to' && f.field !== 'note') : []} />
        <Group>
          <Button type="submit" loading={busy} variant="outline">
            Refer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const OUTCOME_TITLES: Record<string, string> = {
  admitted: 'Admitted to IOP',
  referred: 'Referred',
  level_changed: 'Level of care changed',
  continued: 'Continued stay at the same level',
};

/**
 * The decision (with an override reason when it differs), then admission to IOP or a referral. A
 * continued-stay review's decision sets the episode's level itself (step down, continue or step up).
 */
export function DecisionPanel({ assessment, policy, run, onErrors }: { assessment: Assessment; policy: LevelOfCarePolicy; run: Run; onErrors: (e: unknown) => void }) {
  const [referInstead, setReferInstead] = useState(false);
  const d = assessment.decision;
  const o = assessment.outcome;
  if (assessment.status === 'voided') return <Text c="dimmed">This assessment was voided.</Text>;
  if (!assessment.recommendation && !d) return <Text c="dimmed">The decision follows the recommendation: rate the dimensions first.</Text>;
  const decidedIop = Boolean(d && policy.levels.find((l) => l.code === d.level)?.iop);
  return (
    <Stack gap="md">
      {d && (
        <Paper withBorder p="sm" bg="gray.0" data-testid="decision">
          <Text>
            Decided: <strong>{levelLabel(policy, d.level)}</strong> by {d.decided_by_name}, {formatInstant(d.decided_at)}
          </Text>
          {d.reason && <Text size="sm">Reason: {d.reason}</Text>}
        </Paper>
      )}
      {!o && <DecisionForm key={d ? `${d.level}-${d.decided_at}` : 'new'} assessment={assessment} policy={policy} run={run} onErrors={onErrors} />}
      {o && (
        <Alert color="green" variant="light" title={OUTCOME_TITLES[o.kind] ?? 'Outcome recorded'} data-testid="outcome">
          {o.kind === 'admitted' && `Admission date ${formatDate(o.admission_date)}. The episode of care moved to orientation.`}
          {o.kind === 'referred' && `Referred to ${o.referred_to ?? ''}.${o.note ? ` ${o.note}` : ''}`}
          {o.kind === 'level_changed' &&
            `The episode of care moved from ${levelLabel(policy, o.previous_level ?? '')} to ${levelLabel(policy, d?.level ?? '')}.`}
          {o.kind === 'continued' && `The client continues at ${levelLabel(policy, d?.level ?? '')}.`}
        </Alert>
      )}
      {d && !o && (
        <Paper withBorder p="sm">
          <Title order={3} size="h4" mb="xs">
            {decidedIop && !referInstead ? 'Admit to IOP' : 'Refer'}
          </Title>
          {decidedIop && !referInstead ? <AdmitForm assessment={assessment} run={run} /> : <ReferForm assessment={assessment} run={run} />}
          {decidedIop && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => setReferInstead((r) => !r)}>
              {referInstead ? 'Admit to IOP instead' : 'Refer elsewhere instead'}
            </Button>
          )}
        </Paper>
      )}
    </Stack>
  );
}
