import { Button, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { onCallApi } from '../../api/assessments';
import { staffApi } from '../../api/endpoints';
import type { Staff } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';

const staffName = (s: Staff) => s.display_name || `${s.preferred_name || s.given_name} ${s.family_name}`;

/**
 * The program's on-call list: staff who receive its urgent safety alerts (PHQ-9 item 9, C-SSRS high risk)
 * besides the clinician who gave the instrument.
 */
export function OnCallList({ programId, programName }: { programId: string; programName: string }) {
  const canWrite = usePermission('program.write');
  const state = useAsync(
    async (signal) => {
      const [list, staff] = await Promise.all([onCallApi.get(programId, signal), staffApi.list({ limit: 200 }, signal)]);
      return { ids: list.staff_ids, staff: staff.items.filter((s) => !s.voided) };
    },
    [programId],
  );
  const [editing, setEditing] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  if (state.error) return <ErrorAlert title="Could not load the on-call list" error={state.error} onRetry={state.reload} />;
  if (!state.data) return null;
  const { ids, staff } = state.data;
  const names = ids.map((id) => staff.find((s) => s.id === id)).filter((s): s is Staff => Boolean(s)).map(staffName);

  const save = async () => {
    if (editing === null) return;
    setSaving(true);
    setError(null);
    try {
      await onCallApi.set(programId, editing);
      setEditing(null);
      setNotice('On-call list saved.');
      state.reload();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap={4} mt="sm" data-testid="on-call">
      <Group gap="xs" justify="space-between">
        <Text size="sm">
          <strong>On call for safety alerts:</strong> {names.length ? names.join(', ') : 'nobody yet — alerts go only to the clinician who gave the form'}
        </Text>
        {canWrite && editing === null && (
          <Button size="compact-xs" variant="subtle" onClick={() => { setNotice(''); setEditing(ids); }} aria-label={`Change the on-call list of ${programName}`}>
            Change
          </Button>
        )}
      </Group>
      {notice && <Text size="sm" className="sw-ok" role="status">{notice}</Text>}
      {editing !== null && (
        <Group align="flex-end" gap="xs">
          <MultiSelect
            label={`On call for ${programName}`}
            data={staff.map((s) => ({ value: s.id, label: staffName(s) }))}
            value={editing}
            onChange={setEditing}
            searchable
            clearable
            w={420}
          />
          <Button size="xs" onClick={() => void save()} loading={saving}>
            Save
          </Button>
          <Button size="xs" variant="default" onClick={() => setEditing(null)}>
            Cancel
          </Button>
        </Group>
      )}
      <ErrorAlert title="The on-call list was not saved" error={error} />
    </Stack>
  );
}
