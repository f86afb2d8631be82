import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import type { CalendarItem, Room } from '../../api/schedule';
import { ErrorAlert } from '../../components/Feedback';
import { ConflictList } from './ConflictList';
import { placementOf, savePlacement, useConflictCheck, type Placement } from './moves';
import { dayLabel, rangeLabel } from './time';

export function itemTitle(item: CalendarItem): string {
  if (item.type === 'group') return item.title || 'Group';
  const kind = item.kind === 'family' ? 'Family session' : item.kind === 'drug_test_slot' ? 'Drug test collection' : 'Individual session';
  return item.client_name ? `${kind}: ${item.client_name}` : kind;
}

/**
 * The keyboard way to move an appointment or one group occurrence: date, times and room, checked live
 * against every conflict rule; Save is offered only when the new place fits. A group occurrence's move
 * needs a reason (it is a one-off change to the series).
 */
export function MoveDialog({
  item,
  initial,
  rooms,
  onClose,
  onSaved,
}: {
  item: CalendarItem;
  /** A place to start from (where it was dropped); defaults to where it is now. */
  initial?: Placement;
  rooms: Room[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [p, setP] = useState<Placement>(initial ?? placementOf(item));
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { state } = useConflictCheck(item, p);
  useEffect(() => setError(null), [p]);
  const unchanged = JSON.stringify(p) === JSON.stringify(placementOf(item));
  const isGroup = item.type === 'group';
  const fits = state.status === 'done' && state.result.ok;
  const conflictFor = (field: string) =>
    state.status === 'done' ? state.result.conflicts.filter((c) => c.field === field).map((c) => c.message).join('; ') || undefined : undefined;
  const serverField = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);
  const telehealth = item.modality === 'telehealth';

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await savePlacement(item, p, reason.trim());
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Move: ${itemTitle(item)}`} closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Now: {dayLabel(item.date, true)}, {rangeLabel(item.start, item.end)}
          {item.type === 'group' && item.room_name ? ` · ${item.room_name}` : ''}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Date" type="date" value={p.date} onChange={(e) => setP({ ...p, date: e.currentTarget.value })} error={conflictFor('date') ?? serverField('date')} required />
          <TextInput label="Start" type="time" step={900} value={p.start} onChange={(e) => setP({ ...p, start: e.currentTarget.value })} error={conflictFor('start') ?? serverField('start')} required />
          <TextInput label="End" type="time" step={900} value={p.end} onChange={(e) => setP({ ...p, end: e.currentTarget.value })} error={conflictFor('end') ?? serverField('end')} required />
        </SimpleGrid>
        {!telehealth && (
          <NativeSelect
            label="Room"
            value={p.room_id ?? ''}
            onChange={(e) => setP({ ...p, room_id: e.currentTarget.value || null })}
            data={[{ value: '', label: 'No room' }, ...rooms.filter((r) => r.active || r.id === p.room_id).map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` }))]}
            error={conflictFor('room_id') ?? serverField('room_id')}
          />
        )}
        {isGroup && (
          <TextInput
            label="Reason for moving this occurrence"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            error={serverField('reason')}
            description="Only this occurrence moves; the series stays as it is."
          />
        )}
        <ConflictList state={state} idleText={unchanged ? 'Choose a new date or time; it is checked for conflicts as you type.' : ''} />
        <ErrorAlert error={error} title="Not moved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={!fits || unchanged || (isGroup && !reason.trim())}>
            Save new time
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
