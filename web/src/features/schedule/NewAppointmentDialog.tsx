import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { staffApi } from '../../api/endpoints';
import { appointmentsApi, calendarApi, roomsApi, type AppointmentDraft } from '../../api/schedule';
import { ErrorAlert } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { staffDisplayName } from '../program/StaffList';
import { ConflictList } from './ConflictList';
import type { CheckState } from './moves';

/**
 * A new individual or family session for a client (the clinician, date, times, room or telehealth link),
 * checked for conflicts as it is filled in; Save is offered only when it fits.
 */
export function NewAppointmentDialog({ clientId, date, staffId, onClose, onSaved }: { clientId: string; date: string; staffId?: string | null; onClose: () => void; onSaved: () => void }) {
  const staff = useAsync((signal) => staffApi.list({ limit: 200 }, signal), []);
  const rooms = useAsync((signal) => roomsApi.list(signal), []);
  const [draft, setDraft] = useState<AppointmentDraft>({
    kind: 'individual',
    client_id: clientId,
    staff_id: staffId ?? '',
    room_id: null,
    modality: 'in_person',
    meeting_link: null,
    date,
    start: '10:00',
    end: '10:50',
    pinned: false,
    family_members: [],
  });
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<AppointmentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const ready = Boolean(draft.staff_id && draft.date && draft.start && draft.end && (draft.modality === 'telehealth' ? draft.meeting_link : draft.room_id));

  useEffect(() => {
    setError(null);
    if (!ready) {
      setCheck({ status: 'idle' });
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      setCheck({ status: 'checking' });
      calendarApi.check(draft).then(
        (result) => live && setCheck({ status: 'done', result }),
        (e: unknown) => live && setCheck({ status: 'failed', message: errorMessage(e) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [JSON.stringify(draft), ready]); // eslint-disable-line react-hooks/exhaustive-deps

  const conflictFor = (field: string) => {
    const fromCheck = check.status === 'done' ? check.result.conflicts.filter((c) => c.field === field).map((c) => c.message) : [];
    const fromSave = error instanceof ApiError ? error.fields.filter((f) => f.field === field).map((f) => f.message) : [];
    return [...fromCheck, ...fromSave].join('; ') || undefined;
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await appointmentsApi.create(draft);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="New session" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Kind"
            value={draft.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as AppointmentDraft['kind'] })}
            data={[
              { value: 'individual', label: 'Individual session' },
              { value: 'family', label: 'Family session' },
            ]}
            error={conflictFor('kind')}
          />
          <NativeSelect
            label="Clinician"
            value={draft.staff_id}
            onChange={(e) => set({ staff_id: e.currentTarget.value })}
            data={[{ value: '', label: 'Choose…' }, ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: staffDisplayName(s) }))]}
            error={conflictFor('staff_id')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Date" type="date" value={draft.date} onChange={(e) => set({ date: e.currentTarget.value })} error={conflictFor('date')} />
          <TextInput label="Start" type="time" step={900} value={draft.start} onChange={(e) => set({ start: e.currentTarget.value })} error={conflictFor('start')} />
          <TextInput label="End" type="time" step={900} value={draft.end} onChange={(e) => set({ end: e.currentTarget.value })} error={conflictFor('end')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Where"
            value={draft.modality}
            onChange={(e) => set({ modality: e.currentTarget.value as AppointmentDraft['modality'], room_id: null, meeting_link: null })}
            data={[
              { value: 'in_person', label: 'In person' },
              { value: 'telehealth', label: 'Telehealth' },
            ]}
            error={conflictFor('modality')}
          />
          {draft.modality === 'in_person' ? (
            <NativeSelect
              label="Room"
              value={draft.room_id ?? ''}
              onChange={(e) => set({ room_id: e.currentTarget.value || null })}
              data={[{ value: '', label: 'Choose…' }, ...(rooms.data?.items ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` }))]}
              error={conflictFor('room_id')}
            />
          ) : (
            <TextInput label="Meeting link" placeholder="https://" value={draft.meeting_link ?? ''} onChange={(e) => set({ meeting_link: e.currentTarget.value || null })} error={conflictFor('meeting_link')} />
          )}
        </SimpleGrid>
        <Checkbox label="Pinned (the optimizer keeps it where it is)" checked={draft.pinned ?? false} onChange={(e) => set({ pinned: e.currentTarget.checked })} />
        <ConflictList state={check} idleText={ready ? '' : 'Choose the clinician and the room (or link); the time is then checked for conflicts.'} />
        <ErrorAlert error={error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={!(check.status === 'done' && check.result.ok)}>
            Save session
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
