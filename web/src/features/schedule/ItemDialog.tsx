import { Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { appointmentsApi, type CalendarItem } from '../../api/schedule';
import { ErrorAlert } from '../../components/Feedback';
import { labelFor } from '../../lib/format';
import { useMeta } from '../shell/AppContext';
import { itemTitle } from './MoveDialog';
import { dayLabel, rangeLabel } from './time';

/** What one calendar item is (local date and time, place, people), with "Move…" when the user may move it. */
export function ItemDialog({ item, canMove, onMove, onClose, onChanged }: { item: CalendarItem; canMove: boolean; onMove: () => void; onClose: () => void; onChanged: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancel = async () => {
    if (item.type !== 'appointment') return;
    setBusy(true);
    setError(null);
    try {
      await appointmentsApi.cancel(item.id, reason.trim(), item.version);
      onChanged();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const meta = useMeta() as ReturnType<typeof useMeta> & { group_types?: { code: string; label: string }[] };
  const facts: [string, string][] = [['When', `${dayLabel(item.date, true)}, ${rangeLabel(item.start, item.end)}`]];
  if (item.modality === 'telehealth') facts.push(['Where', `Telehealth${item.meeting_link ? ` (${item.meeting_link})` : ''}`]);
  else facts.push(['Room', item.room_name || '—']);
  if (item.type === 'group') {
    facts.push(['Track', item.track_name || '—']);
    facts.push(['Type', labelFor(meta.group_types, item.group_type) || item.group_type]);
    if (item.topic) facts.push(['Topic', item.topic]);
    facts.push(['Facilitators', item.facilitator_names?.join(', ') || '—']);
    facts.push(['Enrolled', `${item.enrolled_count} of ${item.size_limit}`]);
    if (item.moved) facts.push(['Moved', `from ${dayLabel(item.original_date)}`]);
  } else {
    facts.push(['Clinician', item.staff_name || '—']);
    if (item.pinned) facts.push(['Pinned', 'Yes — the optimizer keeps it where it is']);
    if (item.source === 'optimizer') facts.push(['Placed by', 'the optimizer (accepted proposal)']);
  }
  if (item.status === 'cancelled') facts.push(['Status', `Cancelled${item.cancel_reason ? `: ${item.cancel_reason}` : ''}`]);
  return (
    <Modal opened onClose={onClose} title={itemTitle(item)} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <dl className="sw-dl">
          {facts.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        {item.type === 'appointment' && item.client_id && (
          <Anchor component={Link} to={`/clients/${encodeURIComponent(item.client_id)}#schedule`} size="sm">
            Open the client’s chart
          </Anchor>
        )}
        {!canMove && item.status === 'scheduled' && (
          <Text size="sm" c="gray.7">
            Your role cannot move this.
          </Text>
        )}
        {cancelling && (
          <Group align="flex-end" gap="xs">
            <TextInput label="Reason for cancelling" value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button onClick={() => void cancel()} loading={busy} disabled={!reason.trim()}>
              Cancel this session
            </Button>
          </Group>
        )}
        <ErrorAlert error={error} title="Not cancelled" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          {canMove && item.type === 'appointment' && !cancelling && (
            <Button variant="default" onClick={() => setCancelling(true)}>
              Cancel session…
            </Button>
          )}
          {canMove && <Button onClick={onMove}>Move…</Button>}
        </Group>
      </Stack>
    </Modal>
  );
}
