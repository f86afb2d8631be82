import { Alert, Anchor, Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import { notesApi, sessionSettingsApi, type Note, type NoteFormat } from '../../api/sessions';
import { ErrorAlert, Loading, saveErrorTitle } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useAppContext } from '../shell/AppContext';
import { usePermission, useSession } from '../security/sessionStore';
import { AddendaPanel } from './AddendaPanel';
import { GroupNoteView } from './GroupNoteView';
import { draftBody, durationMinutes, isFormat, MODALITIES, newValues, SECTIONS, todayIn, valuesFrom, type NoteValues } from './noteForm';
import { SignDialog } from './SignDialog';
import { usePlanItems } from './usePlanItems';

async function load(clientId: string, nid: string, signal: AbortSignal) {
  const client = await clientsApi.get(clientId, signal);
  const note = nid && nid !== 'new' ? await notesApi.get(nid, signal) : null;
  let format: NoteFormat = 'DAP';
  const programId = client.current_episode?.program_id;
  if (programId) {
    try {
      const s = await sessionSettingsApi.get(programId, signal);
      if (isFormat(s.note_format)) format = s.note_format;
    } catch {
      /* the default format */
    }
  }
  return { client, note, format };
}

export function noteStatusBadge(n: Pick<Note, 'status' | 'late_entry'>) {
  return (
    <Group gap={6}>
      {n.status === 'signed' && <StatusBadge color="green">Signed</StatusBadge>}
      {n.status === 'awaiting_cosign' && <StatusBadge color="yellow">Awaiting co-sign</StatusBadge>}
      {n.status === 'draft' && <StatusBadge color="blue">Draft</StatusBadge>}
      {n.late_entry && <StatusBadge color="orange">Late entry</StatusBadge>}
    </Group>
  );
}

/**
 * An individual or family session note (/clients/:id/notes/new?kind=&appointment=, /clients/:id/notes/:nid):
 * sections in the program's format (DAP, SOAP or BIRP), start and end, modality and delivery, the plan
 * objectives and interventions it addresses, family members present; Save draft, Sign (password), then
 * addenda only. A supervisor co-signs a note awaiting co-signature here. Group notes open read-only.
 */
export function NoteEditorPage() {
  const { id = '', nid = 'new' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { organization } = useAppContext();
  const zone = organization.time_zone || 'UTC';
  const session = useSession();
  const canWrite = usePermission('notes.write');
  const canCosign = usePermission('notes.cosign');
  const state = useAsync((signal) => load(id, nid, signal), [id, nid]);
  const [note, setNote] = useState<Note | null>(null);
  const [values, setValues] = useState<NoteValues | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [signing, setSigning] = useState<'sign' | 'cosign' | null>(null);
  const [notice, setNotice] = useState('');
  const plan = usePlanItems(id, true);

  useEffect(() => {
    if (!state.data) return;
    const n = state.data.note;
    setNote(n);
    if (n) setValues(valuesFrom(n, zone));
    else {
      const kind = params.get('kind') === 'family' ? 'family' : 'individual';
      const v = newValues(kind, state.data.format, todayIn(zone));
      v.appointment_id = params.get('appointment') ?? '';
      setValues(v);
    }
    setDirty(false);
  }, [state.data, zone, params]);

  const kindLabel = note?.kind === 'group' ? 'Group session note' : values?.kind === 'family' ? 'Family session note' : 'Individual session note';
  usePageTitle(kindLabel);
  const fe = useMemo(() => (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined), [error]);

  if (state.error && !state.data) {
    return (
      <Stack>
        <Anchor component={Link} to={`/clients/${encodeURIComponent(id)}#sessions`} size="sm">
          ← Back to the chart
        </Anchor>
        <Title order={1}>Could not open the note</Title>
        <ErrorAlert error={state.error} onRetry={state.reload} />
      </Stack>
    );
  }
  if (!state.data || !values) return <Loading label="Loading the note…" />;
  const client = state.data.client;
  const locked = !canWrite || (note != null && note.status !== 'draft');
  const isAuthor = !note?.author_staff_id || note.author_staff_id === session.user.staff_id;
  const set = (patch: Partial<NoteValues>) => {
    setValues({ ...values, ...patch });
    setDirty(true);
    setNotice('');
  };
  const minutes = durationMinutes(values);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = draftBody(values, zone);
      const saved = note ? await notesApi.save(note.id, body, note.version) : await notesApi.create(id, body);
      setNote(saved);
      setValues(valuesFrom(saved, zone));
      setDirty(false);
      setNotice('Draft saved.');
      if (!note) navigate(`/clients/${encodeURIComponent(id)}/notes/${encodeURIComponent(saved.id)}`, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const sign = async (password: string) => {
    if (!note) return;
    let signed: Note;
    try {
      signed = signing === 'cosign' ? await notesApi.cosign(note.id, password) : await notesApi.sign(note.id, password);
    } catch (e) {
      // Sections still to write are shown beside them, not in the dialog.
      if (e instanceof ApiError && e.fields.some((f) => f.field !== 'password')) {
        setSigning(null);
        setError(e);
        return;
      }
      throw e;
    }
    const fresh = signed && 'status' in signed ? signed : await notesApi.get(note.id);
    setNote(fresh);
    setValues(valuesFrom(fresh, zone));
    setNotice(signing === 'cosign' ? 'Co-signed.' : fresh.status === 'awaiting_cosign' ? 'Signed — waiting for a supervisor’s co-signature.' : 'Signed — the note is locked.');
    setSigning(null);
  };

  const sections = SECTIONS[values.format];
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to={`/clients/${encodeURIComponent(id)}#sessions`} size="sm">
        ← Back to {displayName(client)}'s chart
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{kindLabel}</Title>
          <Text size="sm" c="dimmed">
            {displayName(client)}
            {note?.author_name ? ` · written by ${note.author_name}` : ''}
            {note?.signed_at ? ` · signed ${formatInstant(note.signed_at)}` : ''}
            {note?.cosigned_at ? ` · co-signed ${formatInstant(note.cosigned_at)}${note.cosigner_name || note.cosigned_by_name ? ` by ${note.cosigner_name || note.cosigned_by_name}` : ''}` : ''}
          </Text>
        </div>
        <span data-testid="note-status">{note ? noteStatusBadge(note) : <StatusBadge color="gray">New</StatusBadge>}</span>
      </Group>
      {notice && (
        <Alert color="green" variant="light" role="status" title={notice} data-testid="note-notice">
          {note?.status !== 'draft' ? 'Changes from now on are addenda with a reason.' : ''}
        </Alert>
      )}
      {note && note.status !== 'draft' && !notice && (
        <Alert color="gray" variant="light" title="Signed notes are locked" data-testid="locked-notice">
          Corrections are addenda with a reason; the signed text
          {note.content_sha256 ? (
            <>
              {' '}
              (SHA-256 <code>{note.content_sha256.slice(0, 16)}…</code>)
            </>
          ) : null}{' '}
          never changes.
        </Alert>
      )}

      {note?.kind === 'group' ? (
        <GroupNoteView note={note} objectives={plan.items?.objectives ?? []} />
      ) : (
        <form
          aria-label={kindLabel}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className="sw-fieldset" disabled={locked}>
            <Stack gap="md">
              <Paper withBorder p="md">
                <Stack gap="sm">
                  {!note && (
                    <SegmentedControl
                      aria-label="Kind of session"
                      data={[
                        { value: 'individual', label: 'Individual' },
                        { value: 'family', label: 'Family' },
                      ]}
                      value={values.kind}
                      onChange={(k) =>
                        set({
                          kind: k as NoteValues['kind'],
                          family_members: k === 'family' && values.family_members.length === 0 ? [{ name: '', relationship: '' }] : values.family_members,
                        })
                      }
                    />
                  )}
                  <Group grow align="flex-start">
                    <TextInput label="Date" type="date" value={values.date} onChange={(e) => set({ date: e.currentTarget.value })} error={fe('start_at')} required />
                    <TextInput label="Start" type="time" value={values.start} onChange={(e) => set({ start: e.currentTarget.value })} required />
                    <TextInput label="End" type="time" value={values.end} onChange={(e) => set({ end: e.currentTarget.value })} error={fe('end_at')} required />
                  </Group>
                  {minutes != null && (
                    <Text size="sm" c="dimmed" data-testid="note-minutes">
                      {minutes} minutes ({zone})
                    </Text>
                  )}
                  <Group grow align="flex-start">
                    <Select label="Modality" data={MODALITIES} value={values.modality || null} onChange={(v) => set({ modality: v ?? '' })} error={fe('modality')} allowDeselect={false} />
                    <div>
                      <Text size="sm" fw={500} id="delivery-label">
                        Delivery
                      </Text>
                      <SegmentedControl
                        aria-labelledby="delivery-label"
                        data={[
                          { value: 'in_person', label: 'In person' },
                          { value: 'telehealth', label: 'Telehealth' },
                        ]}
                        value={values.delivery}
                        onChange={(v) => set({ delivery: v as NoteValues['delivery'] })}
                      />
                    </div>
                  </Group>
                </Stack>
              </Paper>

              {values.kind === 'family' && (
                <Paper withBorder p="md" component="section" aria-labelledby="family-heading">
                  <Title order={2} size="h4" id="family-heading" mb="xs">
                    Family members present
                  </Title>
                  <Text size="xs" c="dimmed" mb="xs">
                    Only people the client has consented to involve (an active consent naming them).
                  </Text>
                  <Stack gap="xs">
                    {values.family_members.map((m, i) => (
                      <Group key={i} align="flex-start" data-testid={`family-member-${i}`}>
                        <TextInput
                          label={`Name (${i + 1})`}
                          value={m.name}
                          error={fe(`family_members[${i}].name`)}
                          onChange={(e) => set({ family_members: values.family_members.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)) })}
                        />
                        <TextInput
                          label={`Relationship (${i + 1})`}
                          value={m.relationship}
                          error={fe(`family_members[${i}].relationship`)}
                          onChange={(e) => set({ family_members: values.family_members.map((x, j) => (j === i ? { ...x, relationship: e.currentTarget.value } : x)) })}
                        />
                        <Button
                          variant="subtle"
                          color="red"
                          mt={24}
                          aria-label={`Remove family member ${i + 1}`}
                          onClick={() => set({ family_members: values.family_members.filter((_, j) => j !== i) })}
                        >
                          Remove
                        </Button>
                      </Group>
                    ))}
                    {fe('family_members') && (
                      <Text size="xs" c="red.9" role="alert">
                        {fe('family_members')}
                      </Text>
                    )}
                    <Group>
                      <Button size="xs" variant="light" onClick={() => set({ family_members: [...values.family_members, { name: '', relationship: '' }] })}>
                        Add family member
                      </Button>
                      <Checkbox label="The client was present" checked={values.client_present} onChange={(e) => set({ client_present: e.currentTarget.checked })} />
                    </Group>
                  </Stack>
                </Paper>
              )}

              <Paper withBorder p="md" component="section" aria-labelledby="sections-heading">
                <Title order={2} size="h4" id="sections-heading" mb="xs">
                  {values.format} note
                </Title>
                <Stack gap="sm">
                  {sections.map((s) => (
                    <Textarea
                      key={s.key}
                      label={s.label}
                      description={s.hint}
                      autosize
                      minRows={3}
                      value={values.sections[s.key] ?? ''}
                      error={fe(`sections.${s.key}`)}
                      onChange={(e) => set({ sections: { ...values.sections, [s.key]: e.currentTarget.value } })}
                    />
                  ))}
                </Stack>
              </Paper>

              <Paper withBorder p="md" component="section" aria-labelledby="links-heading">
                <Title order={2} size="h4" id="links-heading" mb="xs">
                  Plan objectives and interventions addressed
                </Title>
                {plan.loading && <Loading label="Loading the plan…" />}
                <ErrorAlert title="Could not load the plan" error={plan.error} />
                {plan.items && plan.items.objectives.length === 0 && plan.items.interventions.length === 0 && (
                  <Text size="sm" c="dimmed">
                    The client has no plan with objectives yet.
                  </Text>
                )}
                <Stack gap={4}>
                  {plan.items?.objectives.map((o, i) => (
                    <Checkbox
                      key={o.id}
                      label={`Objective ${i + 1}: ${o.text}`}
                      checked={values.objective_ids.includes(o.id)}
                      onChange={(e) => set({ objective_ids: e.currentTarget.checked ? [...values.objective_ids, o.id] : values.objective_ids.filter((x) => x !== o.id) })}
                    />
                  ))}
                  {plan.items?.interventions.map((iv) => (
                    <Checkbox
                      key={iv.id}
                      label={`Intervention: ${iv.label}${iv.topic ? ` — ${iv.topic}` : ''}`}
                      checked={values.intervention_ids.includes(iv.id)}
                      onChange={(e) =>
                        set({ intervention_ids: e.currentTarget.checked ? [...values.intervention_ids, iv.id] : values.intervention_ids.filter((x) => x !== iv.id) })
                      }
                    />
                  ))}
                </Stack>
                {(fe('objective_ids') || fe('intervention_ids')) && (
                  <Text size="xs" c="red.9" role="alert">
                    {fe('objective_ids') ?? fe('intervention_ids')}
                  </Text>
                )}
              </Paper>
            </Stack>
          </fieldset>
          {!locked && (
            <Stack gap="xs" mt="md">
              {error != null && <ErrorAlert title={saveErrorTitle(error)} error={error} />}
              <Group justify="flex-end">
                <Text size="sm" role="status" aria-live="polite">
                  {busy ? 'Saving…' : dirty ? 'Unsaved changes' : ''}
                </Text>
                <Button type="submit" loading={busy} disabled={!dirty && note != null}>
                  Save draft
                </Button>
                <Button variant="outline" disabled={!note || dirty || !isAuthor} onClick={() => setSigning('sign')}>
                  Sign…
                </Button>
              </Group>
            </Stack>
          )}
        </form>
      )}

      {note?.status === 'awaiting_cosign' && canCosign && !isAuthor && (
        <Group justify="flex-end">
          <Button onClick={() => setSigning('cosign')}>Co-sign…</Button>
        </Group>
      )}
      {note && note.status !== 'draft' && <AddendaPanel note={note} canWrite={canWrite} onAdded={setNote} />}
      <SignDialog
        opened={signing != null}
        title={signing === 'cosign' ? 'Co-sign the note' : 'Sign the note'}
        action={signing === 'cosign' ? 'Co-sign' : 'Sign'}
        onClose={() => setSigning(null)}
        onSign={sign}
      />
    </Stack>
  );
}
