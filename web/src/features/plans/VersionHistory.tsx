import { Anchor, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { plansApi, type DiffChange, type Plan, type PlanVersion } from '../../api/plans';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { STATUS_COLORS, STATUS_LABELS } from './planDraft';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const KIND_LABELS: Record<DiffChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** What changed from version `against` to version `no` (the server's diff, item by stable id). */
export function VersionDiff({ planId, no, against }: { planId: string; no: number; against: number }) {
  const state = useAsync((signal) => plansApi.diff(planId, no, against, signal), [planId, no, against]);
  if (state.error) return <ErrorAlert title="Could not load the changes" error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading label="Loading changes…" />;
  const changes = state.data.changes;
  if (changes.length === 0) return <Text size="sm">No changes from version {against}.</Text>;
  return (
    <Table verticalSpacing={4} fz="sm" aria-label={`Changes from version ${against} to version ${no}`} data-testid="version-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Change</Table.Th>
          <Table.Th scope="col">What</Table.Th>
          <Table.Th scope="col">Before</Table.Th>
          <Table.Th scope="col">After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c, i) => (
          <Table.Tr key={`${c.path}-${i}`} data-kind={c.kind}>
            <Table.Td>{KIND_LABELS[c.kind] ?? c.kind}</Table.Td>
            <Table.Td>{c.label || c.path}</Table.Td>
            <Table.Td>{c.kind === 'added' ? '' : show(c.before)}</Table.Td>
            <Table.Td>{c.kind === 'removed' ? '' : show(c.after)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** "New version": a draft copied from the active version, with the reason for the change (required). */
function NewVersionForm({ planId, onCreated }: { planId: string; onCreated: (v: PlanVersion) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  if (!open) {
    return (
      <Button variant="light" onClick={() => setOpen(true)}>
        New version…
      </Button>
    );
  }
  const submit = async () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await plansApi.newVersion(planId, reason.trim()));
      setOpen(false);
      setReason('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const serverReason = error instanceof ApiError ? error.fieldMessage('reason') : undefined;
  return (
    <form
      aria-label="New plan version"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label="Why does the plan change?"
          description="For example: the client starts working mornings and moves to the evening track. The signed version stays as it was."
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? 'Give the reason for the new version' : serverReason ? `Reason ${serverReason}` : undefined}
        />
        <ErrorAlert title="No new version was made" error={error} />
        <Group>
          <Button type="submit" loading={busy}>
            Start new version
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Every version with its status and reason; each can be opened, and its changes from the one before shown. */
export function VersionHistory({ plan, shownNo, clientId, canWrite, onCreated }: {
  plan: Plan;
  shownNo: number;
  clientId: string;
  canWrite: boolean;
  onCreated: (v: PlanVersion) => void;
}) {
  const [diffOf, setDiffOf] = useState<number | null>(null);
  const versions = [...(plan.versions ?? [])].sort((a, b) => b.no - a.no);
  const hasDraft = versions.some((v) => v.status === 'draft' || v.status === 'awaiting_signatures' || v.status === 'awaiting_cosign');
  const base = `/clients/${encodeURIComponent(clientId)}/plans/${encodeURIComponent(plan.id)}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-versions-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="plan-versions-heading">
          Versions
        </Title>
        <Table verticalSpacing={4} fz="sm" aria-label="Plan versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
              <Table.Th scope="col">Changes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.no} aria-current={v.no === shownNo ? 'true' : undefined}>
                <Table.Td>
                  {v.no === shownNo ? (
                    <Text fw={700} size="sm">
                      {v.no} (shown)
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`${base}?version=${v.no}`} size="sm">
                      Version {v.no}
                    </Anchor>
                  )}
                  <Text size="xs" c="dimmed">
                    {formatInstant(v.created_at)}
                    {v.created_by_name ? ` · ${v.created_by_name}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge color={STATUS_COLORS[v.status]}>{STATUS_LABELS[v.status] ?? v.status}</StatusBadge>
                </Table.Td>
                <Table.Td>{v.reason || (v.no === 1 ? 'Initial plan' : '—')}</Table.Td>
                <Table.Td>
                  {v.no > 1 && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setDiffOf(diffOf === v.no ? null : v.no)} aria-expanded={diffOf === v.no}>
                      {diffOf === v.no ? 'Hide' : `Show changes in ${v.no}`}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {diffOf !== null && <VersionDiff planId={plan.id} no={diffOf} against={diffOf - 1} />}
        {canWrite && !hasDraft && plan.active_version_no !== null && <NewVersionForm planId={plan.id} onCreated={onCreated} />}
      </Stack>
    </Paper>
  );
}
