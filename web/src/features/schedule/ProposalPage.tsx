import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { programsApi } from '../../api/endpoints';
import { proposalsApi, type Proposal } from '../../api/schedule';
import { ErrorAlert } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { useAsync } from '../../lib/useAsync';
import { useAppContext } from '../shell/AppContext';
import { ProposalDiff, type ItemErrors } from './ProposalDiff';
import { addDays, dayLabel, mondayOf, todayIn } from './time';

/**
 * Which items a failed accept named: the server keys each conflict `item_ids[k]`, k indexing the ids sent
 * (or, when none were sent, the proposal's items in order).
 */
export function itemErrorsOf(error: unknown, sent: string[]): ItemErrors {
  const out: ItemErrors = {};
  if (!(error instanceof ApiError)) return out;
  for (const f of error.fields) {
    const m = /^item_ids\[(\d+)\]/.exec(f.field);
    const id = m ? sent[Number(m[1])] : undefined;
    if (id) out[id] = out[id] ? `${out[id]}; ${f.message}` : f.message;
  }
  return out;
}

const STATUS: Record<Proposal['status'], [string, string]> = {
  open: ['blue', 'Open'],
  accepted: ['green', 'Accepted'],
  partly_accepted: ['teal', 'Partly accepted'],
  discarded: ['gray', 'Discarded'],
};

/** The optimizer (/schedule/proposals): run it for a program and week, review the diff, accept all or part. */
export function ProposalPage() {
  const { organization } = useAppContext();
  usePageTitle('Schedule optimizer');
  const programs = useAsync((signal) => programsApi.list(signal), []);
  const [programId, setProgramId] = useState('');
  const [weekOf, setWeekOf] = useState(addDays(mondayOf(todayIn(organization.time_zone)), 7));
  const [weeks, setWeeks] = useState('1');
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<unknown>(null);
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<unknown>(null);
  const [itemErrors, setItemErrors] = useState<ItemErrors>({});
  const program = programId || programs.data?.items[0]?.id || '';
  const runField = (f: string) => (runError instanceof ApiError ? runError.fieldMessage(f) : undefined);

  const run = async () => {
    setRunning(true);
    setRunError(null);
    setAcceptError(null);
    setItemErrors({});
    try {
      const p = await proposalsApi.create({ program_id: program, week_of: mondayOf(weekOf), weeks: Number(weeks) });
      setProposal(p);
      setSelected(new Set(p.items.map((i) => i.item_id)));
    } catch (e) {
      setRunError(e);
    } finally {
      setRunning(false);
    }
  };

  const accept = async (all: boolean) => {
    if (!proposal) return;
    const ids = all ? proposal.items.map((i) => i.item_id) : proposal.items.filter((i) => selected.has(i.item_id)).map((i) => i.item_id);
    setAccepting(true);
    setAcceptError(null);
    setItemErrors({});
    try {
      setProposal(await proposalsApi.accept(proposal.id, all ? undefined : ids));
    } catch (e) {
      setAcceptError(e);
      setItemErrors(itemErrorsOf(e, ids));
    } finally {
      setAccepting(false);
    }
  };

  const toggle = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const open = proposal?.status === 'open';
  const count = proposal ? proposal.items.filter((i) => selected.has(i.item_id)).length : 0;
  const named = acceptError instanceof ApiError ? acceptError.fields : [];

  return (
    <Stack gap="md" maw={1200}>
      <Anchor component={Link} to="/schedule" size="sm">
        ← Back to the calendar
      </Anchor>
      <div>
        <Title order={1}>Schedule optimizer</Title>
        <Text size="sm" c="gray.7">
          Places each client’s individual and family sessions where the client, a clinician and a room are all free, and proposes a track for
          clients without one. It first places as many sessions as it can, then prefers last week’s time, the usual clinician, days next to
          group days and balanced caseloads. Pinned sessions stay. Nothing changes until you accept.
        </Text>
      </div>
      <Paper withBorder p="md" component="section" aria-label="Run the optimizer">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label="Program"
            value={program}
            onChange={(e) => setProgramId(e.currentTarget.value)}
            data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            error={runField('program_id')}
          />
          <TextInput label="Week of (Monday)" type="date" value={weekOf} onChange={(e) => setWeekOf(e.currentTarget.value)} error={runField('week_of')} />
          <NativeSelect
            label="Weeks"
            value={weeks}
            onChange={(e) => setWeeks(e.currentTarget.value)}
            data={['1', '2', '3', '4']}
            error={runField('weeks')}
          />
          <Button onClick={() => void run()} loading={running} disabled={!program || !weekOf}>
            Propose a schedule
          </Button>
        </Group>
        {weekOf && mondayOf(weekOf) !== weekOf && (
          <Text size="xs" c="gray.7" mt={4}>
            The week starts on Monday, {dayLabel(mondayOf(weekOf))}.
          </Text>
        )}
        <ErrorAlert error={runError} title="The optimizer did not run" />
        {programs.error ? <ErrorAlert title="Could not load the programs" error={programs.error} onRetry={programs.reload} /> : null}
      </Paper>

      {proposal && (
        <Paper withBorder p="md" component="section" aria-label="Proposal" data-testid="proposal">
          <Stack gap="md">
            <Group gap="sm" align="center">
              <StatusBadge color={STATUS[proposal.status][0]}>{STATUS[proposal.status][1]}</StatusBadge>
              <Text size="sm" data-testid="proposal-stats">
                {proposal.stats.placed} of {proposal.stats.requested} requested sessions placed · solved in {proposal.stats.solve_ms} ms
              </Text>
            </Group>
            {!open && (
              <Alert color="green" variant="light" role="status" title={proposal.status === 'accepted' ? 'Accepted: the sessions are on the calendar' : 'Saved'}>
                <Anchor component={Link} to={`/schedule?date=${proposal.week_of ?? weekOf}`}>
                  Open the calendar for that week
                </Anchor>
              </Alert>
            )}
            {acceptError ? (
              <Alert color="red" variant="light" role="alert" title="Nothing was accepted">
                <Stack gap={4}>
                  <Text size="sm">{acceptError instanceof Error ? acceptError.message : 'The accept failed.'} Every item was checked again; fix or unselect the ones named below.</Text>
                  {named.length > 0 && (
                    <List size="sm" data-testid="accept-conflicts">
                      {named.map((f, k) => {
                        const m = /^item_ids\[(\d+)\]/.exec(f.field);
                        const ids = proposal.items.filter((i) => Object.keys(itemErrors).includes(i.item_id));
                        const item = m ? ids.find((i) => itemErrors[i.item_id]?.includes(f.message)) : undefined;
                        return (
                          <List.Item key={`${f.field}-${k}`}>
                            {item ? `${item.client_name}: ` : ''}
                            {f.message}
                          </List.Item>
                        );
                      })}
                    </List>
                  )}
                </Stack>
              </Alert>
            ) : null}
            <ProposalDiff proposal={proposal} selected={selected} onToggle={toggle} errors={itemErrors} disabled={!open || accepting} />
            {open && (
              <Group>
                <Button onClick={() => void accept(false)} loading={accepting} disabled={count === 0}>
                  Accept selected ({count})
                </Button>
                <Button variant="default" onClick={() => void accept(true)} loading={accepting} disabled={proposal.items.length === 0}>
                  Accept all ({proposal.items.length})
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
