import { Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Weekday } from '../../api/plans';
import type { WindowKind } from '../../api/schedule';
import { useMeta } from '../shell/AppContext';

export const WINDOW_KINDS: { value: WindowKind; label: string }[] = [
  { value: 'available', label: 'Available' },
  { value: 'work', label: 'Work' },
  { value: 'school', label: 'School' },
  { value: 'childcare', label: 'Childcare' },
  { value: 'other', label: 'Other commitment' },
];

export interface WindowRow {
  day: Weekday;
  start: string;
  end: string;
  kind?: WindowKind;
  note?: string;
}
export interface RangeRow {
  from_date: string;
  to_date: string;
  reason: string;
}

// Mantine's form type over any values holding these lists at `path`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyForm = UseFormReturnType<any>;

/**
 * Weekly time windows (one row each: day, from, to, and for clients what the time is), editable as a list.
 * Errors from the server (`weekly[2].start`) show beside the row's input.
 */
export function WeeklyRows({ form, path, legend, withKind, noun }: { form: AnyForm; path: string; legend: string; withKind: boolean; noun: string }) {
  const meta = useMeta();
  const rows = (form.getValues()[path] ?? []) as WindowRow[];
  const days = meta.weekdays.map((d) => ({ value: d.code, label: d.label }));
  return (
    <Fieldset legend={legend}>
      <Stack gap="xs">
        {rows.length === 0 && (
          <Text size="sm" c="gray.7">
            No {noun}s yet.
          </Text>
        )}
        {rows.map((_, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="wrap" data-testid={`${path}-row-${i}`}>
            <NativeSelect label={`Day (${noun} ${i + 1})`} data={days} {...form.getInputProps(`${path}.${i}.day`)} w={130} />
            <TextInput label={`From (${noun} ${i + 1})`} type="time" step={900} {...form.getInputProps(`${path}.${i}.start`)} w={140} />
            <TextInput label={`To (${noun} ${i + 1})`} type="time" step={900} {...form.getInputProps(`${path}.${i}.end`)} w={140} />
            {withKind && (
              <>
                <NativeSelect label={`What (${noun} ${i + 1})`} data={WINDOW_KINDS} {...form.getInputProps(`${path}.${i}.kind`)} w={170} />
                <TextInput label={`Note (${noun} ${i + 1})`} {...form.getInputProps(`${path}.${i}.note`)} w={180} />
              </>
            )}
            <Button variant="subtle" color="gray" size="xs" mt={26} onClick={() => form.removeListItem(path, i)} aria-label={`Remove ${noun} ${i + 1}`}>
              Remove
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => {
              const last = rows.at(-1);
              const next: WindowRow = { day: last?.day ?? 'mon', start: last?.start ?? '09:00', end: last?.end ?? '17:00' };
              if (withKind) Object.assign(next, { kind: last?.kind ?? 'work', note: '' });
              form.insertListItem(path, next);
            }}
          >
            Add {noun}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Date ranges (absences, time off): from, to, reason. */
export function RangeRows({ form, path, legend, noun }: { form: AnyForm; path: string; legend: string; noun: string }) {
  const rows = (form.getValues()[path] ?? []) as RangeRow[];
  return (
    <Fieldset legend={legend}>
      <Stack gap="xs">
        {rows.length === 0 && (
          <Text size="sm" c="gray.7">
            None recorded.
          </Text>
        )}
        {rows.map((_, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="wrap" data-testid={`${path}-row-${i}`}>
            <TextInput label={`From date (${noun} ${i + 1})`} type="date" {...form.getInputProps(`${path}.${i}.from_date`)} w={170} />
            <TextInput label={`To date (${noun} ${i + 1})`} type="date" {...form.getInputProps(`${path}.${i}.to_date`)} w={170} />
            <TextInput label={`Reason (${noun} ${i + 1})`} {...form.getInputProps(`${path}.${i}.reason`)} w={220} />
            <Button variant="subtle" color="gray" size="xs" mt={26} onClick={() => form.removeListItem(path, i)} aria-label={`Remove ${noun} ${i + 1}`}>
              Remove
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="light" size="xs" onClick={() => form.insertListItem(path, { from_date: '', to_date: '', reason: '' })}>
            Add {noun}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
