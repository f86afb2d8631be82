import { Anchor, Button, Group, Modal, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { TASK_KIND_LABELS, tasksApi, type Task } from '../../api/tasks';
import { EmptyState, ErrorAlert } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { usePermission } from '../security/sessionStore';
import { taskCountStore } from './taskCount';

/** Open tasks first, overdue before the rest, then by due date (no date last). */
export function sortTasks(items: Task[]): Task[] {
  const rank = (t: Task) => (t.status !== 'open' ? 2 : t.overdue ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || (a.due_on ?? '9999').localeCompare(b.due_on ?? '9999'));
}

function CompleteDialog({ task, onClose, onDone }: { task: Task | null; onClose: () => void; onDone: (t: Task) => void }) {
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = error instanceof ApiError ? error.fieldMessage('outcome') : undefined;
  const submit = async () => {
    if (!task) return;
    if (!outcome.trim()) {
      setError(new ApiError(400, 'invalid', 'Write the outcome', [{ field: 'outcome', message: 'Write what happened (for example: reached the client, next group Monday).' }]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const done = await tasksApi.complete(task, outcome.trim());
      setOutcome('');
      onDone(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={task != null} onClose={onClose} title="Complete task" centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        aria-label="Complete task"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm" fw={600}>
            {task?.title}
          </Text>
          <Textarea label="Outcome" autosize minRows={2} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={fieldError} data-autofocus withAsterisk />
          {!fieldError && <ErrorAlert title="Not completed" error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Complete
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * A list of tasks with "Complete" (an outcome is required). `showClient` adds the client column (My day);
 * the chart's list leaves it out.
 */
export function TaskList({ tasks, showClient = true, label, onChanged }: { tasks: Task[]; showClient?: boolean; label: string; onChanged: (t: Task) => void }) {
  const canWrite = usePermission('tasks.write');
  const [completing, setCompleting] = useState<Task | null>(null);
  const sorted = sortTasks(tasks);
  if (sorted.length === 0) return <EmptyState title="No open tasks">Outreach and follow-ups assigned to you show here.</EmptyState>;
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Task</Table.Th>
              {showClient && <Table.Th scope="col">Client</Table.Th>}
              <Table.Th scope="col">Due</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Action</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((t) => (
              <Table.Tr key={t.id} data-testid="task-row" data-status={t.status}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {TASK_KIND_LABELS[t.kind] ?? t.kind}
                    {t.detail ? ` · ${t.detail}` : ''}
                    {t.status === 'done' && t.outcome ? ` · Outcome: ${t.outcome}` : ''}
                  </Text>
                </Table.Td>
                {showClient && (
                  <Table.Td>
                    {t.client_id ? (
                      <Anchor component={Link} to={`/clients/${encodeURIComponent(t.client_id)}#sessions`} size="sm">
                        {t.client_name || 'Open chart'}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  {t.status !== 'open' ? (
                    <StatusBadge color="gray">{t.status === 'done' ? 'Done' : 'Cancelled'}</StatusBadge>
                  ) : t.overdue ? (
                    <StatusBadge color="red">Overdue {t.due_on ? formatDate(t.due_on) : ''}</StatusBadge>
                  ) : (
                    <Text size="sm">{formatDate(t.due_on) || '—'}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {t.status === 'open' && canWrite && (
                    <Button size="compact-sm" variant="light" onClick={() => setCompleting(t)} aria-label={`Complete: ${t.title}`}>
                      Complete
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CompleteDialog
        task={completing}
        onClose={() => setCompleting(null)}
        onDone={(t) => {
          setCompleting(null);
          onChanged(t);
          void taskCountStore.refresh();
        }}
      />
    </>
  );
}
