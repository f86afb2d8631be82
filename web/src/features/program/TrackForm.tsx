import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { Track, TrackDraft } from '../../api/types';
import { FormStatus } from '../../components/FormStatus';
import { formatHours } from '../../lib/format';
import { useRecordForm } from '../../lib/useRecordForm';
import { useMeta } from '../shell/AppContext';

export interface TrackFormValues extends Record<string, unknown> {
  name: string;
  days: string[];
  start_time: string;
  end_time: string;
  capacity: number | string;
}

export function trackToValues(t: Track): TrackFormValues {
  return { name: t.name, days: [...t.days], start_time: t.start_time, end_time: t.end_time, capacity: t.capacity };
}

export function emptyTrackValues(): TrackFormValues {
  return { name: '', days: ['mon', 'wed', 'fri'], start_time: '09:00', end_time: '12:00', capacity: 12 };
}

export function valuesToTrackDraft(v: TrackFormValues): TrackDraft {
  return {
    name: v.name.trim(),
    days: v.days,
    start_time: v.start_time,
    end_time: v.end_time,
    capacity: typeof v.capacity === 'number' ? v.capacity : Number.parseInt(v.capacity, 10),
  };
}

function minutes(t: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The hours per week the form's values add up to (the server's hours_per_week is authoritative). */
export function estimateHours(v: TrackFormValues): number | null {
  const s = minutes(v.start_time);
  const e = minutes(v.end_time);
  if (s === null || e === null || e <= s) return null;
  return ((e - s) / 60) * v.days.length;
}

const LABELS: Record<string, string> = {
  name: 'Track name',
  days: 'Days',
  start_time: 'Start time',
  end_time: 'End time',
  capacity: 'Capacity',
};

interface TrackFormProps {
  initialValues: TrackFormValues;
  save: (v: TrackFormValues) => Promise<void>;
  loadLatest?: () => Promise<TrackFormValues>;
  submitLabel: string;
  onCancel: () => void;
  label: string;
}

export function TrackForm(p: TrackFormProps) {
  const meta = useMeta();
  const rf = useRecordForm<TrackFormValues>({
    initialValues: p.initialValues,
    save: p.save,
    loadLatest: p.loadLatest,
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name, such as “Morning track”'),
      days: (v) => (v.length ? null : 'Choose at least one day'),
      end_time: (v, values) => {
        const s = minutes(values.start_time);
        const e = minutes(v);
        return s !== null && e !== null && e <= s ? 'Must be after the start time' : null;
      },
      capacity: (v) => (v === '' || Number(v) < 1 ? 'Enter how many clients the track holds' : null),
    },
  });
  const { form } = rf;
  const hours = estimateHours(form.values);
  return (
    <form onSubmit={rf.onSubmit} noValidate aria-label={p.label}>
      <Stack gap="sm">
        <FormStatus {...rf} labels={LABELS} />
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <TextInput label="Track name" required {...form.getInputProps('name')} />
          <TextInput label="Start time" type="time" required {...form.getInputProps('start_time')} />
          <TextInput label="End time" type="time" required {...form.getInputProps('end_time')} />
          <NumberInput label="Capacity" required min={1} max={500} allowDecimal={false} {...form.getInputProps('capacity')} />
        </SimpleGrid>
        <Checkbox.Group label="Days" required {...form.getInputProps('days')}>
          <Group gap="md" mt={6}>
            {meta.weekdays.map((d) => (
              <Checkbox key={d.code} value={d.code} label={d.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {hours === null ? '' : `${formatHours(hours)} — adult IOP under ASAM is 9–19 hours a week.`}
        </Text>
        <Group>
          <Button type="submit" loading={rf.saving}>
            {p.submitLabel}
          </Button>
          <Button variant="default" onClick={p.onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
