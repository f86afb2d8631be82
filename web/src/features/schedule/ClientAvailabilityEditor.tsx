import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { availabilityApi, type ClientAvailability } from '../../api/schedule';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { FormStatus } from '../../components/FormStatus';
import { useAsync } from '../../lib/useAsync';
import { useRecordForm } from '../../lib/useRecordForm';
import { RangeRows, WeeklyRows } from './AvailabilityRows';

interface Values extends Record<string, unknown> {
  weekly: ClientAvailability['weekly'];
  absences: ClientAvailability['absences'];
}

function toValues(a: ClientAvailability): Values {
  return {
    weekly: a.weekly.map((w) => ({ ...w, note: w.note ?? '' })),
    absences: a.absences.map((x) => ({ ...x, reason: x.reason ?? '' })),
  };
}

function Form({ clientId, record, onSaved, onCancel }: { clientId: string; record: ClientAvailability; onSaved: (a: ClientAvailability) => void; onCancel: () => void }) {
  const current = useRef(record);
  const f = useRecordForm<Values>({
    initialValues: toValues(record),
    save: async (v) => {
      const saved = await availabilityApi.saveClient(clientId, { weekly: v.weekly, absences: v.absences }, current.current.version);
      current.current = saved;
      onSaved(saved);
    },
    loadLatest: async () => {
      current.current = await availabilityApi.client(clientId);
      return toValues(current.current);
    },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          When the client can come, and what else fills their week (work, school, childcare). The optimizer places individual and family sessions
          only in “Available” windows and never over the other kinds. Times are in the program’s time zone.
        </Text>
        <FormStatus
          error={f.error}
          otherFields={f.otherFields}
          stale={f.stale}
          reloadLatest={f.reloadLatest}
          reloading={f.reloading}
          conflicts={f.conflicts}
          reloaded={f.reloaded}
        />
        <WeeklyRows form={f.form} path="weekly" legend="Weekly availability and commitments" withKind noun="window" />
        <RangeRows form={f.form} path="absences" legend="Absences (vacation, court, medical)" noun="absence" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={f.saving}>
            Save availability
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The client's weekly availability (with what each window is) and absences, in a dialog. */
export function ClientAvailabilityDialog({ clientId, onClose, onSaved }: { clientId: string; onClose: () => void; onSaved: () => void }) {
  const state = useAsync((signal) => availabilityApi.client(clientId, signal), [clientId]);
  return (
    <Modal opened onClose={onClose} title="Client availability" size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      {state.error ? <ErrorAlert title="Could not load the availability" error={state.error} onRetry={state.reload} /> : null}
      {!state.data && !state.error && <Loading label="Loading availability…" />}
      {state.data && (
        <Form
          clientId={clientId}
          record={state.data}
          onCancel={onClose}
          onSaved={() => {
            onSaved();
            onClose();
          }}
        />
      )}
    </Modal>
  );
}
