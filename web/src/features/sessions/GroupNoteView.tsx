import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PlanObjective } from '../../api/plans';
import type { Note } from '../../api/sessions';

const PROGRESS: Record<string, string> = { none: 'No progress', some: 'Some progress', met: 'Met' };

function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children == null || children === '') return null;
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

/**
 * One client's group note as their chart shows it: the group's shared note (topic, module, summary — never
 * the roster) and this client's own part. Read-only; corrections are addenda.
 */
export function GroupNoteView({ note, objectives }: { note: Note; objectives: PlanObjective[] }) {
  const shared = note.shared_note ?? {};
  const objText = (id: string) => {
    const i = objectives.findIndex((o) => o.id === id);
    return i >= 0 ? `Objective ${i + 1}: ${objectives[i]!.text}` : 'Objective';
  };
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="group-shared-heading">
        <Title order={2} size="h4" id="group-shared-heading" mb="xs">
          The group
        </Title>
        <Stack gap="xs">
          <Row label="Topic">{shared.topic}</Row>
          <Row label="Curriculum module">{shared.curriculum_module}</Row>
          <Row label="Summary">{shared.summary}</Row>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="group-own-heading" data-testid="group-note-own">
        <Title order={2} size="h4" id="group-own-heading" mb="xs">
          This client
        </Title>
        <Stack gap="xs">
          <Row label="Participation">{note.participation}</Row>
          {(note.objective_progress ?? []).length > 0 && (
            <Row label="Progress on plan objectives">
              {(note.objective_progress ?? []).map((p) => `${objText(p.objective_id)} — ${PROGRESS[p.progress] ?? p.progress}${p.comment ? ` (${p.comment})` : ''}`).join('\n')}
            </Row>
          )}
          <Row label="Mood and affect">{note.mood_affect}</Row>
          {note.risk && (note.risk.level !== 'none' || note.risk.observations) && (
            <Row label="Risk">{`${note.risk.level}${note.risk.observations ? ` — ${note.risk.observations}` : ''}`}</Row>
          )}
          <Row label="Client quote">{note.client_quote ? `“${note.client_quote}”` : ''}</Row>
          <Row label="Note">{note.text}</Row>
        </Stack>
      </Paper>
    </Stack>
  );
}
