import { Alert, Button, Group, Menu, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { AttendeeNoteContent, NoteTemplate, Progress, RiskLevel } from '../../api/sessions';
import { ErrorAlert } from '../../components/Feedback';
import { applyTemplate } from './rollCall';
import { usePlanItems } from './usePlanItems';

const PROGRESS: { value: Progress | ''; label: string }[] = [
  { value: '', label: 'Not addressed' },
  { value: 'none', label: 'No progress' },
  { value: 'some', label: 'Some' },
  { value: 'met', label: 'Met' },
];

const RISK: { value: RiskLevel; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'low', label: 'Low' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'high', label: 'High' },
];

/**
 * One attendee's short note inside the roll-call screen: participation, progress on this client's own plan
 * objectives, mood and affect, risk, a quote and free text, with templates. Only this client's plan is read.
 */
export function AttendeeNoteEditor({
  name,
  note,
  templates,
  readOnly,
  errors,
  warning,
  onChange,
}: {
  name: string;
  note: AttendeeNoteContent;
  templates: NoteTemplate[];
  readOnly: boolean;
  /** Field (`note.text`, …) → message from the server. */
  errors: Record<string, string>;
  /** Shown when the note seems to name another attendee. */
  warning: string | null;
  onChange: (n: AttendeeNoteContent) => void;
}) {
  const plan = usePlanItems(note.client_id, true);
  const set = <K extends keyof AttendeeNoteContent>(k: K, v: AttendeeNoteContent[K]) => onChange({ ...note, [k]: v });
  const progressOf = (oid: string) => note.objective_progress.find((p) => p.objective_id === oid);
  const setProgress = (oid: string, progress: Progress | '', comment?: string) => {
    const rest = note.objective_progress.filter((p) => p.objective_id !== oid);
    if (progress === '') return set('objective_progress', rest);
    const prev = progressOf(oid);
    set('objective_progress', [...rest, { objective_id: oid, progress, comment: comment ?? prev?.comment ?? '' }]);
  };
  const objectiveError = errors['note.objective_progress'];

  return (
    <Stack gap="xs">
      {!readOnly && templates.length > 0 && (
        <Group gap="xs">
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="light" aria-label={`Templates for ${name}'s note`}>
                Templates ▾
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {templates.map((t) => (
                <Menu.Item key={t.code} onClick={() => onChange(applyTemplate(note, t))}>
                  {t.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Text size="xs" c="dimmed">
            A template fills participation and mood; edit it for this client.
          </Text>
        </Group>
      )}
      <Textarea
        label="Participation"
        autosize
        minRows={1}
        maxRows={4}
        value={note.participation}
        readOnly={readOnly}
        error={errors['note.participation']}
        onChange={(e) => set('participation', e.currentTarget.value)}
      />
      <div>
        <Text size="sm" fw={500} id={`obj-${note.client_id}`}>
          Progress on {name}'s plan objectives
        </Text>
        {plan.loading && (
          <Text size="xs" c="dimmed" role="status">
            Loading the plan…
          </Text>
        )}
        <ErrorAlert title="Could not load the plan's objectives" error={plan.error} />
        {plan.items && plan.items.objectives.length === 0 && (
          <Text size="xs" c="dimmed">
            No active plan objectives.
          </Text>
        )}
        <Stack gap={6} mt={4} aria-labelledby={`obj-${note.client_id}`} role="group">
          {plan.items?.objectives.map((o, i) => {
            const p = progressOf(o.id);
            return (
              <div key={o.id} data-testid={`objective-${o.id}`}>
                <Text size="xs">
                  {i + 1}. {o.text}
                </Text>
                <Group gap="xs" wrap="wrap">
                  <SegmentedControl
                    size="xs"
                    aria-label={`Progress on objective ${i + 1}`}
                    data={PROGRESS}
                    value={p?.progress ?? ''}
                    readOnly={readOnly}
                    onChange={(v) => !readOnly && setProgress(o.id, v as Progress | '')}
                  />
                  {p && (
                    <TextInput
                      size="xs"
                      aria-label={`Comment on objective ${i + 1}`}
                      placeholder="Comment"
                      value={p.comment}
                      readOnly={readOnly}
                      onChange={(e) => setProgress(o.id, p.progress, e.currentTarget.value)}
                      style={{ flex: 1, minWidth: 160 }}
                    />
                  )}
                </Group>
              </div>
            );
          })}
        </Stack>
        {objectiveError && (
          <Text size="xs" c="red.9" role="alert">
            {objectiveError}
          </Text>
        )}
      </div>
      <TextInput
        label="Mood and affect"
        value={note.mood_affect}
        readOnly={readOnly}
        error={errors['note.mood_affect']}
        onChange={(e) => set('mood_affect', e.currentTarget.value)}
      />
      <Group gap="xs" align="flex-end" wrap="wrap">
        <div>
          <Text size="sm" fw={500} id={`risk-${note.client_id}`}>
            Risk
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={`risk-${note.client_id}`}
            data={RISK}
            value={note.risk.level}
            readOnly={readOnly}
            onChange={(v) => !readOnly && set('risk', { ...note.risk, level: v as RiskLevel })}
          />
        </div>
        <TextInput
          label="Risk observations"
          value={note.risk.observations}
          readOnly={readOnly}
          error={errors['note.risk']}
          onChange={(e) => set('risk', { ...note.risk, observations: e.currentTarget.value })}
          style={{ flex: 1, minWidth: 200 }}
        />
      </Group>
      <TextInput
        label="Client quote"
        value={note.client_quote}
        readOnly={readOnly}
        error={errors['note.client_quote']}
        onChange={(e) => set('client_quote', e.currentTarget.value)}
      />
      <Textarea
        label="Note"
        autosize
        minRows={2}
        maxRows={8}
        value={note.text}
        readOnly={readOnly}
        error={errors['note.text']}
        onChange={(e) => set('text', e.currentTarget.value)}
      />
      {warning && (
        <Alert color="orange" variant="light" title="Names another attendee">
          This note seems to name {warning}. A client's note must not reveal who else was in the group.
        </Alert>
      )}
    </Stack>
  );
}
