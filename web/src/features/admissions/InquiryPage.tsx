import { Anchor, Badge, Button, Group, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { staffApi } from '../../api/endpoints';
import {
  CALLER_TYPES,
  inquiriesApi,
  SCHEDULES,
  stageLabel,
  substanceLabel,
  TEDS_REFERRAL_SOURCES,
  type Inquiry,
  type InquiryStage,
} from '../../api/inquiries';
import type { Staff } from '../../api/types';
import { Card } from '../../components/Card';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatInstant, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { trackLabel, useCatalog } from '../program/useCatalog';
import { usePermission } from '../security/sessionStore';
import { URGENCY_COLOR } from './AdmissionsBoard';
import { InquiryClientPanel } from './InquiryClientPanel';
import { ConfidentialityReminder } from './InquiryForm';

const label = (set: { value: string; label: string }[], v: string | null) => set.find((s) => s.value === v)?.label ?? '';

/** Runs one save at a time and keeps its error for the section that started it. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function StageActions({ inquiry, onChanged }: { inquiry: Inquiry; onChanged: (i: Inquiry) => void }) {
  const catalog = useCatalog();
  const moves = inquiry.next_stages;
  const [stage, setStage] = useState<InquiryStage | ''>('');
  const [reason, setReason] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [trackId, setTrackId] = useState('');
  const action = useAction();
  if (moves.length === 0) return null;
  const move = () =>
    action.run(async () => {
      if (!stage) return;
      const next = await inquiriesApi.move(
        inquiry.id,
        { stage, reason: reason || undefined, referred_to: referredTo || undefined, track_id: trackId || undefined },
        inquiry.version,
      );
      onChanged(next);
      setStage('');
    });
  const tracks = (catalog.data?.tracks ?? []).map((t) => ({ value: t.id, label: trackLabel(t, catalog.programs) }));
  return (
    <Stack gap="xs">
      <ErrorAlert error={action.error} title="Not moved" />
      <Group align="flex-end">
        <NativeSelect
          label="Move to"
          data={[{ value: '', label: 'Choose a stage' }, ...moves.map((m) => ({ value: m, label: stageLabel(m) }))]}
          value={stage}
          onChange={(e) => setStage(e.currentTarget.value as InquiryStage)}
        />
        {stage === 'closed' && <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
        {stage === 'referred' && (
          <TextInput label="Referred to" required value={referredTo} onChange={(e) => setReferredTo(e.currentTarget.value)} />
        )}
        {stage === 'waitlisted' && (
          <NativeSelect
            label="Track"
            required
            data={[{ value: '', label: 'Choose a track' }, ...tracks]}
            value={trackId}
            onChange={(e) => setTrackId(e.currentTarget.value)}
          />
        )}
        <Button onClick={() => void move()} disabled={!stage} loading={action.busy}>
          Move
        </Button>
      </Group>
    </Stack>
  );
}

/** Staff as select options, by the name they go by. */
function staffOptions(staff: Staff[] | undefined) {
  return (staff ?? []).filter((s) => !s.voided).map((s) => ({ value: s.id, label: `${s.preferred_name || s.given_name} ${s.family_name}` }));
}

function BookingForm({ inquiry, onChanged }: { inquiry: Inquiry; onChanged: (i: Inquiry) => void }) {
  const staff = useAsync((signal) => staffApi.list({ limit: 200 }, signal), []);
  const [at, setAt] = useState('');
  const [assessor, setAssessor] = useState(inquiry.assessor_id ?? '');
  const action = useAction();
  const book = () =>
    action.run(async () => {
      onChanged(await inquiriesApi.book(inquiry.id, new Date(at).toISOString(), assessor, inquiry.version));
    });
  const people = staffOptions(staff.data?.items);
  return (
    <Stack gap="xs">
      <ErrorAlert error={action.error} title="Not booked" />
      <Group align="flex-end">
        <TextInput label="Assessment time" type="datetime-local" required value={at} onChange={(e) => setAt(e.currentTarget.value)} />
        <NativeSelect
          label="Assessor"
          required
          data={[{ value: '', label: 'Choose a clinician' }, ...people]}
          value={assessor}
          onChange={(e) => setAssessor(e.currentTarget.value)}
        />
        <Button onClick={() => void book()} disabled={!at || !assessor} loading={action.busy} data-testid="book-assessment">
          {inquiry.assessment_at ? 'Rebook' : 'Book assessment'}
        </Button>
      </Group>
    </Stack>
  );
}

function FollowUps({ inquiry, onChanged }: { inquiry: Inquiry; onChanged: () => void }) {
  const tasks = useAsync((signal) => inquiriesApi.tasks(inquiry.id, signal), [inquiry.id, inquiry.version]);
  const canWrite = usePermission('admissions.write');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [assignee, setAssignee] = useState('');
  const canReadStaff = usePermission('staff.read');
  const staff = useAsync((signal) => (canReadStaff ? staffApi.list({ limit: 200 }, signal) : Promise.resolve(null)), [canReadStaff]);
  const people = staffOptions(staff.data?.items);
  const assigneeName = (id: string | null) => (id ? people.find((p) => p.value === id)?.label ?? '' : '');
  const action = useAction();
  const today = todayIso();
  const add = () =>
    action.run(async () => {
      await inquiriesApi.addTask(inquiry.id, { title, due_on: due, assigned_to: assignee || null });
      setTitle('');
      setDue('');
      setAssignee('');
      tasks.reload();
      onChanged();
    });
  const done = (id: string, version: number) =>
    action.run(async () => {
      await inquiriesApi.completeTask(id, version);
      tasks.reload();
      onChanged();
    });
  return (
    <Card id="follow-ups" title="Follow-ups">
      <Stack gap="sm">
        <ErrorAlert error={action.error ?? tasks.error} title="Not saved" />
        {(tasks.data?.items ?? []).length === 0 && <Text size="sm" c="dimmed">No follow-ups.</Text>}
        <List spacing={4}>
          {(tasks.data?.items ?? []).map((t) => {
            const late = t.status === 'open' && t.due_on < today;
            return (
              <List.Item key={t.id}>
                <Group gap="xs">
                  <Text size="sm" td={t.status === 'done' ? 'line-through' : undefined}>
                    {t.title} — due {formatDate(t.due_on)}
                    {assigneeName(t.assigned_to) ? ` · ${assigneeName(t.assigned_to)}` : ''}
                  </Text>
                  {late && <Badge color="red">Overdue</Badge>}
                  {t.status === 'open' && canWrite && (
                    <Button size="compact-xs" variant="light" onClick={() => void done(t.id, t.version)}>
                      Done
                    </Button>
                  )}
                </Group>
              </List.Item>
            );
          })}
        </List>
        {canWrite && (
          <Group align="flex-end">
            <TextInput label="New follow-up" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <TextInput label="Due" type="date" value={due} onChange={(e) => setDue(e.currentTarget.value)} />
            <NativeSelect
              label="Assign to"
              data={[{ value: '', label: 'Nobody in particular' }, ...people]}
              value={assignee}
              onChange={(e) => setAssignee(e.currentTarget.value)}
            />
            <Button variant="light" onClick={() => void add()} disabled={!title || !due} loading={action.busy}>
              Add
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function InquiryPage() {
  const { id = '' } = useParams();
  const canWrite = usePermission('admissions.write');
  const state = useAsync((signal) => inquiriesApi.get(id, signal), [id]);
  usePageTitle(state.data ? `Inquiry: ${state.data.display_name}` : 'Inquiry');
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const q = state.data;
  const bookable = ['inquiry', 'screening', 'assessment_booked', 'waitlisted'].includes(q.stage);
  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/admissions" size="sm">
        ← Back to admissions
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{q.display_name}</Title>
        <Group gap="xs">
          <Badge size="lg" data-testid="inquiry-stage">{stageLabel(q.stage)}</Badge>
          {q.urgency !== 'routine' && (
            <Badge size="lg" variant="filled" color={URGENCY_COLOR[q.urgency]}>
              {q.urgency}
            </Badge>
          )}
        </Group>
      </Group>
      <ConfidentialityReminder />
      <Card id="call" title="The call">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">Received {formatInstant(q.received_at)}</Text>
          <Text size="sm">
            Caller: {label(CALLER_TYPES, q.caller_type)}
            {q.caller_name ? ` — ${q.caller_name}${q.caller_relationship ? ` (${q.caller_relationship})` : ''}` : ''}
          </Text>
          <Text size="sm">Phone: {q.phone || q.caller_phone || '—'}{q.may_leave_message ? ' (may leave a message)' : ''}</Text>
          {q.birth_date && <Text size="sm">Born {formatDate(q.birth_date)}</Text>}
          <Text size="sm">Substances: {q.substances.map(substanceLabel).join(', ') || '—'}</Text>
          <Text size="sm">Referral: {label(TEDS_REFERRAL_SOURCES, q.referral_source) || '—'}{q.referrer_name ? ` — ${q.referrer_name}` : ''}</Text>
          <Text size="sm">Insurance: {[q.payer, q.member_id].filter(Boolean).join(', ') || '—'}</Text>
          <Text size="sm">Schedule: {label(SCHEDULES, q.preferred_schedule)}</Text>
        </SimpleGrid>
        {q.notes && <Text size="sm" mt="xs">{q.notes}</Text>}
      </Card>
      <Card id="pipeline" title="Pipeline">
        <Stack gap="sm">
          <Text size="sm">
            {stageLabel(q.stage)} since {formatInstant(q.stage_changed_at)}
            {q.stage_reason ? ` — ${q.stage_reason}` : ''}
            {q.stage === 'referred' && q.referred_to ? ` — to ${q.referred_to}` : ''}
            {q.stage === 'waitlisted' && q.track_name ? ` for ${q.track_name}` : ''}
          </Text>
          {q.assessment_at && (
            <Text size="sm" data-testid="booking">
              Assessment {formatInstant(q.assessment_at)}{q.assessor_name ? ` with ${q.assessor_name}` : ''}
            </Text>
          )}
          {canWrite && bookable && <BookingForm inquiry={q} onChanged={state.setData} />}
          {canWrite && <StageActions inquiry={q} onChanged={state.setData} />}
        </Stack>
      </Card>
      <FollowUps inquiry={q} onChanged={state.reload} />
      <InquiryClientPanel inquiry={q} onChanged={state.setData} />
    </Stack>
  );
}
