import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { groupSessionsApi, type GroupSession, type SharedNote } from '../../api/sessions';
import { ErrorAlert, Loading, saveErrorTitle } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { AttendeeRow } from './AttendeeRow';
import {
  attended,
  DEFAULT_TEMPLATES,
  draftFrom,
  isAbsent,
  mergeRoster,
  namesAnotherAttendee,
  placeErrors,
  recordOf,
  saveRequest,
  sessionMinutes,
  type Draft,
  type RowDraft,
  type SaveRequest,
} from './rollCall';
import { RosterAdditions } from './RosterAdditions';
import { SignDialog } from './SignDialog';

export function recordStatusBadge(status: string | undefined) {
  if (status === 'signed') return <StatusBadge color="green">Signed</StatusBadge>;
  if (status === 'awaiting_cosign') return <StatusBadge color="yellow">Awaiting co-sign</StatusBadge>;
  if (status === 'draft') return <StatusBadge color="blue">Draft saved</StatusBadge>;
  return <StatusBadge color="gray">Roll call not taken</StatusBadge>;
}

const MODALITIES = [
  { value: 'in_person', label: 'In person' },
  { value: 'telehealth', label: 'Telehealth' },
];

/**
 * Roll call and batch notes for one group occurrence (/groups/:occurrenceId), on one screen: the shared group
 * note at the top, then each roster row with quick attendance buttons and an expandable short note. One Save
 * sends everything in one request; Sign asks for the password and locks the notes.
 */
export function RollCallPage() {
  const { occurrenceId = '' } = useParams();
  const state = useAsync((signal) => groupSessionsApi.get(occurrenceId, signal), [occurrenceId]);
  const canWrite = usePermission('notes.write');
  const canSchedule = usePermission('schedule.write');
  const [gs, setGs] = useState<GroupSession | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [sent, setSent] = useState<SaveRequest | null>(null);
  const [saved, setSaved] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signedNow, setSignedNow] = useState(false);
  usePageTitle(gs ? `Roll call: ${gs.occurrence.title}` : 'Roll call');

  const adopt = useCallback((next: GroupSession) => {
    setGs(next);
    setDraft(draftFrom(next));
    setDirty(false);
  }, []);
  useEffect(() => {
    if (state.data) adopt(state.data);
  }, [state.data, adopt]);

  // Unsaved roll call: ask before the tab closes.
  useEffect(() => {
    if (!dirty) return;
    const h = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, [dirty]);

  const onRowChange = useCallback((clientId: string, next: RowDraft) => {
    setDraft((d) => (d ? { ...d, rows: d.rows.map((r) => (r.client_id === clientId ? next : r)) } : d));
    setDirty(true);
    setSaved(false);
  }, []);
  const onToggle = useCallback((clientId: string) => {
    setExpanded((s) => {
      const n = new Set(s);
      if (n.has(clientId)) n.delete(clientId);
      else n.add(clientId);
      return n;
    });
  }, []);

  const errors = useMemo(() => placeErrors(saveError, sent), [saveError, sent]);
  const warnings = useMemo(() => {
    const w: Record<string, string | null> = {};
    for (const r of draft?.rows ?? []) w[r.client_id] = attended(r.status) ? namesAnotherAttendee(r.note, draft?.rows ?? []) : null;
    return w;
  }, [draft]);

  if (state.error && !gs) {
    const notFound = state.error instanceof ApiError && state.error.isNotFound;
    return (
      <Stack>
        <Anchor component={Link} to="/my-day" size="sm">
          ← Back to My day
        </Anchor>
        <Title order={1}>{notFound ? 'Group session not found' : 'Could not load the group session'}</Title>
        <ErrorAlert error={state.error} onRetry={notFound ? undefined : state.reload} />
      </Stack>
    );
  }
  if (!gs || !draft) return <Loading label="Loading the group…" />;

  const o = gs.occurrence;
  const rec = gs.record;
  const locked = !canWrite || (rec != null && rec.status !== 'draft');
  const length = sessionMinutes(o);
  const templates = gs.templates?.length ? gs.templates : DEFAULT_TEMPLATES;
  const unmarked = draft.rows.filter((r) => r.status === '').length;
  const present = draft.rows.filter((r) => attended(r.status)).length;
  const absent = draft.rows.filter((r) => isAbsent(r.status)).length;
  const setShared = (patch: Partial<SharedNote>) => {
    setDraft({ ...draft, shared: { ...draft.shared, ...patch } });
    setDirty(true);
    setSaved(false);
  };
  const markRestPresent = () => {
    setDraft({ ...draft, rows: draft.rows.map((r) => (r.status === '' ? { ...r, status: 'present', attended_minutes: null } : r)) });
    setDirty(true);
    setSaved(false);
  };
  const save = async () => {
    const req = saveRequest(draft);
    setSaving(true);
    setSaveError(null);
    setSent(req);
    try {
      const answer = await groupSessionsApi.save(o.id, req.body, rec?.version);
      const record = recordOf(answer);
      const next = 'occurrence' in answer ? answer : { ...gs, record };
      adopt(next);
      setSaved(true);
    } catch (e) {
      setSaveError(e);
      // Open the notes the server complained about, so the message is in view.
      if (e instanceof ApiError) {
        const bad = placeErrors(e, req);
        setExpanded((s) => new Set([...s, ...Object.entries(bad.rows).filter(([, f]) => Object.keys(f).some((k) => k.startsWith('note.'))).map(([id]) => id)]));
      }
    } finally {
      setSaving(false);
    }
  };
  const sign = async (password: string) => {
    await groupSessionsApi.sign(o.id, password);
    setSigning(false);
    setSignedNow(true);
    const fresh = await groupSessionsApi.get(o.id);
    adopt(fresh);
  };
  const stale = saveError instanceof ApiError && saveError.isStale;
  const signBlocked = dirty
    ? 'Save first.'
    : !rec
      ? 'Save the roll call first.'
      : unmarked > 0
        ? `${unmarked} not marked.`
        : rec.status === 'draft' && !draft.shared.summary.trim()
          ? 'Write the group note’s content summary first.'
          : '';

  return (
    <Stack gap="md" maw={1100} pb={96}>
      <Anchor component={Link} to="/my-day" size="sm">
        ← Back to My day
      </Anchor>
      <Paper withBorder p="md" component="section" aria-labelledby="group-heading">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1} id="group-heading">
              {o.title}
            </Title>
            <Text size="sm" c="dimmed">
              {formatDate(o.date)} · {o.start}–{o.end} ({length} min) · {o.track_name}
              {o.room_name ? ` · ${o.room_name}` : ''}
              {o.modality === 'telehealth' ? ' · Telehealth' : ''}
            </Text>
            {o.facilitator_names?.length > 0 && <Text size="sm">Facilitators: {o.facilitator_names.join(', ')}</Text>}
          </div>
          <span data-testid="record-status">{recordStatusBadge(rec?.status)}</span>
        </Group>
        {o.status === 'cancelled' && (
          <Alert color="gray" variant="light" mt="sm" title="This occurrence was cancelled">
            {o.cancel_reason}
          </Alert>
        )}
      </Paper>

      {locked && rec && rec.status !== 'draft' && (
        <Alert color="green" variant="light" role="status" title={signedNow ? 'Signed — the notes are locked' : 'Signed and locked'} data-testid="locked-notice">
          Roll call and notes can no longer be edited. Corrections are addenda on each client's note, with a reason.
        </Alert>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="shared-note-heading">
        <Title order={2} size="h3" id="shared-note-heading" mb="xs">
          Group note (shared)
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          Rendered into each attendee's chart without the roster: write about the group, never about another client.
        </Text>
        <fieldset className="sw-fieldset" disabled={locked}>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <TextInput label="Topic" value={draft.shared.topic} error={errors.shared.topic} onChange={(e) => setShared({ topic: e.currentTarget.value })} />
              <TextInput
                label="Curriculum module"
                value={draft.shared.curriculum_module}
                error={errors.shared.curriculum_module}
                onChange={(e) => setShared({ curriculum_module: e.currentTarget.value })}
              />
              <Select
                label="Modality"
                data={MODALITIES}
                value={draft.shared.modality}
                allowDeselect={false}
                error={errors.shared.modality}
                onChange={(v) => v && setShared({ modality: v })}
              />
            </Group>
            <Textarea
              label="Content summary"
              autosize
              minRows={2}
              maxRows={6}
              value={draft.shared.summary}
              error={errors.shared.summary}
              onChange={(e) => setShared({ summary: e.currentTarget.value })}
            />
          </Stack>
        </fieldset>
      </Paper>

      <section aria-labelledby="roster-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3" id="roster-heading">
            Roll call ({draft.rows.length})
          </Title>
          <Text size="sm" data-testid="roll-call-counts">
            {present} attending · {absent} absent · {unmarked} not marked
          </Text>
        </Group>
        {draft.rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one is enrolled in this group.
          </Text>
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} aria-label="Roster">
            {draft.rows.map((r, i) => (
              <AttendeeRow
                key={r.client_id}
                index={i}
                row={r}
                length={length}
                locked={locked}
                expanded={expanded.has(r.client_id)}
                templates={templates}
                errors={errors.rows[r.client_id]}
                warning={warnings[r.client_id] ?? null}
                onChange={onRowChange}
                onToggle={onToggle}
              />
            ))}
          </Stack>
        )}
      </section>

      {!locked && canSchedule && o.status !== 'cancelled' && (
        <RosterAdditions
          occurrenceId={o.id}
          rows={draft.rows}
          full={draft.rows.filter((r) => r.kind !== 'recorded').length >= o.size_limit}
          onChanged={async () => {
            const fresh = await groupSessionsApi.get(o.id);
            setGs(fresh);
            setDraft((d) => (d ? mergeRoster(d, fresh) : draftFrom(fresh)));
          }}
        />
      )}

      {!locked && (
        <Paper
          withBorder
          shadow="sm"
          p="sm"
          component="section"
          aria-label="Save and sign"
          style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
        >
          <Stack gap="xs">
            {saveError != null && (
              <ErrorAlert title={stale ? 'Changed by someone else' : saveErrorTitle(saveError)} error={saveError} otherFields={errors.other}>
                {stale && (
                  <Button size="xs" variant="outline" onClick={state.reload}>
                    Reload the latest version
                  </Button>
                )}
              </ErrorAlert>
            )}
            <Group justify="space-between" wrap="wrap">
              <Group gap="xs">
                {unmarked > 0 && (
                  <Button variant="default" onClick={markRestPresent}>
                    Mark the rest present
                  </Button>
                )}
                <Text size="sm" role="status" aria-live="polite" data-testid="save-status">
                  {saving ? 'Saving…' : dirty ? 'Unsaved changes' : saved ? 'Saved' : rec ? 'All changes saved' : ''}
                </Text>
              </Group>
              <Group gap="xs">
                <Button onClick={() => void save()} loading={saving} disabled={!dirty && rec != null}>
                  Save
                </Button>
                <Button variant="outline" onClick={() => setSigning(true)} disabled={signBlocked !== ''} aria-describedby={signBlocked ? 'sign-blocked' : undefined}>
                  Sign…
                </Button>
                {signBlocked && (
                  <Text size="xs" c="dimmed" id="sign-blocked">
                    {signBlocked}
                  </Text>
                )}
              </Group>
            </Group>
          </Stack>
        </Paper>
      )}
      <SignDialog opened={signing} title="Sign the group notes" onClose={() => setSigning(false)} onSign={sign}>
        <Text size="sm">
          You sign the shared group note and the {rec?.notes.length ?? 0} attendee note{rec?.notes.length === 1 ? '' : 's'} you wrote for {o.title}.
        </Text>
      </SignDialog>
    </Stack>
  );
}
