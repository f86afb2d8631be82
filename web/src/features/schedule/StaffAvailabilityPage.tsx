import { Alert, Anchor, Button, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { staffApi } from '../../api/endpoints';
import { availabilityApi, type StaffAvailability } from '../../api/schedule';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { FormStatus } from '../../components/FormStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { useAsync } from '../../lib/useAsync';
import { useRecordForm } from '../../lib/useRecordForm';
import { RangeRows, WeeklyRows } from './AvailabilityRows';

interface Values extends Record<string, unknown> {
  working: StaffAvailability['working'];
  time_off: StaffAvailability['time_off'];
  caseload_limit: number | string;
  max_sessions_per_week: number | string;
}

function toValues(a: StaffAvailability): Values {
  return {
    working: a.working.map((w) => ({ day: w.day, start: w.start, end: w.end })),
    time_off: a.time_off.map((x) => ({ ...x, reason: x.reason ?? '' })),
    caseload_limit: a.caseload_limit ?? '',
    max_sessions_per_week: a.max_sessions_per_week ?? '',
  };
}

const limit = (v: number | string): number | null => (v === '' || v === null || v === undefined ? null : Number(v));

function StaffAvailabilityForm({ staffId, record }: { staffId: string; record: StaffAvailability }) {
  const current = useRef(record);
  const [saved, setSaved] = useState(false);
  const f = useRecordForm<Values>({
    initialValues: toValues(record),
    save: async (v) => {
      setSaved(false);
      current.current = await availabilityApi.saveStaff(
        staffId,
        { working: v.working, time_off: v.time_off, caseload_limit: limit(v.caseload_limit), max_sessions_per_week: limit(v.max_sessions_per_week) },
        current.current.version,
      );
      setSaved(true);
    },
    loadLatest: async () => {
      current.current = await availabilityApi.staff(staffId);
      return toValues(current.current);
    },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate>
      <Stack gap="md">
        <FormStatus
          error={f.error}
          otherFields={f.otherFields}
          stale={f.stale}
          reloadLatest={f.reloadLatest}
          reloading={f.reloading}
          conflicts={f.conflicts}
          reloaded={f.reloaded}
        />
        {saved && (
          <Alert color="green" variant="light" role="status" title="Saved">
            The calendar and the optimizer use these hours from now on.
          </Alert>
        )}
        <WeeklyRows form={f.form} path="working" legend="Working hours" withKind={false} noun="shift" />
        <RangeRows form={f.form} path="time_off" legend="Time off" noun="time off" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={520}>
          <NumberInput label="Caseload limit (clients)" min={0} allowDecimal={false} {...f.form.getInputProps('caseload_limit')} />
          <NumberInput label="Most sessions per week" min={0} allowDecimal={false} {...f.form.getInputProps('max_sessions_per_week')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={f.saving}>
            Save working hours
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A staff member's working hours, time off and caseload limit (/schedule/staff/:id/availability). */
export function StaffAvailabilityPage() {
  const { id = '' } = useParams();
  const staff = useAsync((signal) => staffApi.get(id, signal), [id]);
  const avail = useAsync((signal) => availabilityApi.staff(id, signal), [id]);
  const name = staff.data?.display_name ?? '';
  usePageTitle(name ? `Working hours — ${name}` : 'Working hours');
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to="/schedule" size="sm">
        ← Back to the calendar
      </Anchor>
      <div>
        <Title order={1}>Working hours{name ? `: ${name}` : ''}</Title>
        <Text size="sm" c="gray.7">
          Sessions are only placed inside working hours and never on time off; times are in the program’s time zone.
        </Text>
      </div>
      {avail.error ? <ErrorAlert title="Could not load the working hours" error={avail.error} onRetry={avail.reload} /> : null}
      {!avail.data && !avail.error && <Loading label="Loading working hours…" />}
      {avail.data && <StaffAvailabilityForm staffId={id} record={avail.data} />}
    </Stack>
  );
}
