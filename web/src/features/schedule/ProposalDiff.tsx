import { Checkbox, List, Stack, Table, Text, Title } from '@mantine/core';
import type { Proposal, ProposalItem } from '../../api/schedule';
import { dayLabel, rangeLabel } from './time';

export function kindLabel(kind: string): string {
  if (kind === 'individual') return 'Individual session';
  if (kind === 'family') return 'Family session';
  if (kind === 'drug_test_slot') return 'Drug test';
  if (kind === 'track') return 'Track';
  if (kind === 'plan_intervention') return 'Plan intervention';
  return kind;
}

/** Per item: the message of a failed accept that named it (`item_ids[k]`). */
export type ItemErrors = Record<string, string>;

function when(i: ProposalItem): string {
  return i.date && i.start && i.end ? `${dayLabel(i.date)}, ${rangeLabel(i.start, i.end)}` : '—';
}

function ItemTable({
  label,
  items,
  selected,
  onToggle,
  errors,
  disabled,
  track,
}: {
  label: string;
  items: ProposalItem[];
  selected: Set<string>;
  onToggle: (ids: string[], on: boolean) => void;
  errors: ItemErrors;
  disabled: boolean;
  track: boolean;
}) {
  const all = items.length > 0 && items.every((i) => selected.has(i.item_id));
  const some = items.some((i) => selected.has(i.item_id));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table fz="sm" verticalSpacing={4} aria-label={label} data-testid={track ? 'proposal-tracks' : 'proposal-sessions'}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={40}>
              <Checkbox
                aria-label={`Select every row of ${label.toLowerCase()}`}
                checked={all}
                indeterminate={some && !all}
                disabled={disabled}
                onChange={(e) => onToggle(items.map((i) => i.item_id), e.currentTarget.checked)}
              />
            </Table.Th>
            <Table.Th scope="col">Client</Table.Th>
            {track ? (
              <Table.Th scope="col">Track</Table.Th>
            ) : (
              <>
                <Table.Th scope="col">Session</Table.Th>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Clinician</Table.Th>
                <Table.Th scope="col">Room</Table.Th>
              </>
            )}
            <Table.Th scope="col">Why here</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.item_id} data-item={i.item_id} data-client={i.client_id} data-selected={selected.has(i.item_id)} bg={errors[i.item_id] ? 'red.0' : undefined}>
              <Table.Td>
                <Checkbox
                  aria-label={`Include ${track ? 'the track assignment' : kindLabel(i.kind).toLowerCase()} for ${i.client_name}${track ? '' : `, ${when(i)}`}`}
                  checked={selected.has(i.item_id)}
                  disabled={disabled}
                  onChange={(e) => onToggle([i.item_id], e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>{i.client_name}</Table.Td>
              {track ? (
                <Table.Td>+ {i.track_name || 'Track'}</Table.Td>
              ) : (
                <>
                  <Table.Td>+ {kindLabel(i.kind)}</Table.Td>
                  <Table.Td>{when(i)}</Table.Td>
                  <Table.Td>{i.staff_name || '—'}</Table.Td>
                  <Table.Td>{i.room_name || (i.room_id ? 'Room' : 'Telehealth / none')}</Table.Td>
                </>
              )}
              <Table.Td>
                {i.reason}
                {i.accepted && (
                  <Text size="xs" fw={600} className="sw-ok">
                    Accepted
                  </Text>
                )}
                {errors[i.item_id] && (
                  <Text size="sm" fw={600} c="red.9" role="note">
                    Conflict: {errors[i.item_id]}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The optimizer's proposal as a diff against the calendar: sessions it would add and track assignments it
 * would make (each selectable), then the requests it could not place, with reasons.
 */
export function ProposalDiff({
  proposal,
  selected,
  onToggle,
  errors,
  disabled,
}: {
  proposal: Proposal;
  selected: Set<string>;
  onToggle: (ids: string[], on: boolean) => void;
  errors: ItemErrors;
  disabled: boolean;
}) {
  const sessions = proposal.items.filter((i) => i.action === 'create');
  const tracks = proposal.items.filter((i) => i.action === 'assign_track');
  return (
    <Stack gap="md">
      <section aria-labelledby="proposal-sessions-heading">
        <Title order={2} size="h4" id="proposal-sessions-heading" mb="xs">
          New sessions ({sessions.length})
        </Title>
        {sessions.length === 0 ? (
          <Text size="sm">No new sessions.</Text>
        ) : (
          <ItemTable label="New sessions" items={sessions} selected={selected} onToggle={onToggle} errors={errors} disabled={disabled} track={false} />
        )}
      </section>
      {tracks.length > 0 && (
        <section aria-labelledby="proposal-tracks-heading">
          <Title order={2} size="h4" id="proposal-tracks-heading" mb="xs">
            Track assignments ({tracks.length})
          </Title>
          <ItemTable label="Track assignments" items={tracks} selected={selected} onToggle={onToggle} errors={errors} disabled={disabled} track />
        </section>
      )}
      <section aria-labelledby="proposal-unplaced-heading">
        <Title order={2} size="h4" id="proposal-unplaced-heading" mb="xs">
          Not placed ({proposal.unplaced.length})
        </Title>
        {proposal.unplaced.length === 0 ? (
          <Text size="sm">Every requested session found a place.</Text>
        ) : (
          <List size="sm" spacing={2} data-testid="proposal-unplaced">
            {proposal.unplaced.map((u, k) => (
              <List.Item key={`${u.client_id}-${u.kind}-${k}`}>
                <strong>{u.client_name}</strong> — {kindLabel(u.kind)}: {u.reason}
              </List.Item>
            ))}
          </List>
        )}
      </section>
    </Stack>
  );
}
