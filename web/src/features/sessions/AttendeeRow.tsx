import { Button, Chip, Group, Paper, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { memo } from 'react';
import type { AttendanceStatus, NoteTemplate } from '../../api/sessions';
import { StatusBadge } from '../../components/StatusBadge';
import { AttendeeNoteEditor } from './AttendeeNoteEditor';
import {
  attended,
  attendedMinutes,
  isAbsent,
  needsLateMinutes,
  needsLeftEarlyMinutes,
  noteHasContent,
  STATUS_OPTIONS,
  type RowDraft,
} from './rollCall';

const KIND_LABELS: Record<string, string> = { drop_in: 'Drop-in', make_up: 'Make-up', recorded: 'Not on roster' };

export function noteBadge(status: RowDraft['note_status'], hasContent: boolean) {
  if (status === 'signed') return <StatusBadge color="green">Note signed</StatusBadge>;
  if (status === 'awaiting_cosign') return <StatusBadge color="yellow">Awaiting co-sign</StatusBadge>;
  if (status === 'draft') return <StatusBadge color="blue">Note draft</StatusBadge>;
  return hasContent ? <StatusBadge color="blue">Note not saved</StatusBadge> : null;
}

const num = (s: string) => {
  const n = Number(s.trim() || '0');
  return Number.isFinite(n) ? n : 0;
};

/**
 * One roster row: quick attendance buttons, minutes and reason fields only when the status needs them, the
 * attended minutes, and this client's note (expandable). Server errors for the row show beside its fields.
 */
export const AttendeeRow = memo(function AttendeeRow({
  index,
  row,
  length,
  locked,
  expanded,
  templates,
  errors,
  warning,
  onChange,
  onToggle,
}: {
  index: number;
  row: RowDraft;
  length: number;
  locked: boolean;
  expanded: boolean;
  templates: NoteTemplate[];
  errors: Record<string, string> | undefined;
  warning: string | null;
  onChange: (clientId: string, next: RowDraft) => void;
  onToggle: (clientId: string) => void;
}) {
  const e = errors ?? {};
  const noteLocked = locked || row.note_status === 'signed' || row.note_status === 'awaiting_cosign';
  const minutes = attendedMinutes(row.status, num(row.late_minutes), num(row.left_early_minutes), length);
  const set = (patch: Partial<RowDraft>) => onChange(row.client_id, { ...row, ...patch });
  const noteId = `note-${index}`;
  const hasNoteErrors = Object.keys(e).some((k) => k.startsWith('note.'));
  const canNote = attended(row.status);

  return (
    <Paper
      withBorder
      p="xs"
      component="li"
      data-testid="attendee-row"
      data-client-id={row.client_id}
      aria-label={row.client_name}
      style={{ listStyle: 'none', borderColor: Object.keys(e).length ? 'var(--mantine-color-red-7)' : undefined }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            <Text fw={650}>{row.client_name}</Text>
            {KIND_LABELS[row.kind] && <StatusBadge color="gray">{KIND_LABELS[row.kind]}</StatusBadge>}
            {noteBadge(row.note_status, noteHasContent(row.note))}
          </Group>
          <Text size="sm" c="dimmed" data-testid="attended-minutes" aria-live="polite">
            {row.status === '' ? 'Not marked' : `Attended ${row.attended_minutes ?? minutes} of ${length} min`}
          </Text>
        </Group>
        <fieldset className="sw-fieldset" disabled={locked}>
          <VisuallyHidden component="legend">Attendance for {row.client_name}</VisuallyHidden>
          <Chip.Group value={row.status} onChange={(v) => set({ status: v as AttendanceStatus, attended_minutes: null })}>
            <Group gap={6} wrap="wrap">
              {STATUS_OPTIONS.map((o) => (
                <Chip key={o.value} value={o.value} size="sm" radius="sm" variant="outline">
                  {o.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </fieldset>
        {e.status && (
          <Text size="xs" c="red.9" role="alert">
            {e.status}
          </Text>
        )}
        {e.client_id && (
          <Text size="xs" c="red.9" role="alert">
            {e.client_id}
          </Text>
        )}
        {(needsLateMinutes(row.status) || needsLeftEarlyMinutes(row.status) || isAbsent(row.status)) && (
          <Group gap="xs" align="flex-start" wrap="wrap">
            {needsLateMinutes(row.status) && (
              <TextInput
                size="xs"
                w={150}
                label={`Minutes late (${row.client_name})`}
                inputMode="numeric"
                value={row.late_minutes}
                readOnly={locked}
                error={e.late_minutes}
                onChange={(ev) => set({ late_minutes: ev.currentTarget.value, attended_minutes: null })}
              />
            )}
            {needsLeftEarlyMinutes(row.status) && (
              <TextInput
                size="xs"
                w={170}
                label={`Minutes left early (${row.client_name})`}
                inputMode="numeric"
                value={row.left_early_minutes}
                readOnly={locked}
                error={e.left_early_minutes}
                onChange={(ev) => set({ left_early_minutes: ev.currentTarget.value, attended_minutes: null })}
              />
            )}
            {isAbsent(row.status) && (
              <TextInput
                size="xs"
                style={{ flex: 1, minWidth: 220 }}
                label={`Reason for absence (${row.client_name})`}
                value={row.absence_reason}
                readOnly={locked}
                error={e.absence_reason}
                onChange={(ev) => set({ absence_reason: ev.currentTarget.value })}
              />
            )}
          </Group>
        )}
        {canNote && (
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant={expanded ? 'light' : 'subtle'}
              aria-expanded={expanded}
              aria-controls={noteId}
              onClick={() => onToggle(row.client_id)}
              color={hasNoteErrors ? 'red' : undefined}
              aria-label={`${expanded ? 'Hide note' : noteHasContent(row.note) ? 'Edit note' : 'Write note'} for ${row.client_name}`}
            >
              {expanded ? 'Hide note' : noteHasContent(row.note) ? 'Edit note' : 'Write note'}
            </Button>
            {!expanded && hasNoteErrors && (
              <Text size="xs" c="red.9" role="alert">
                The note has a problem — open it.
              </Text>
            )}
            {!expanded && row.note.participation && (
              <Text size="xs" c="dimmed" lineClamp={1} style={{ flex: 1 }}>
                {row.note.participation}
              </Text>
            )}
          </Group>
        )}
        {canNote && expanded && (
          <div id={noteId}>
            <AttendeeNoteEditor
              name={row.client_name}
              note={row.note}
              templates={templates}
              readOnly={noteLocked}
              errors={e}
              warning={warning}
              onChange={(n) => set({ note: n })}
            />
          </div>
        )}
      </Stack>
    </Paper>
  );
});
