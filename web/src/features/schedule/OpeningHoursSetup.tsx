import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { programsApi } from '../../api/endpoints';
import { openingHoursApi } from '../../api/schedule';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useAction } from '../../lib/useAction';
import { useAsync } from '../../lib/useAsync';

/** Each program's opening hours: groups and appointments outside them are refused with the hours named. */
export function OpeningHoursSetup() {
  const programs = useAsync((signal) => programsApi.list(signal), []);
  const [programId, setProgramId] = useState('');
  const chosen = programId || programs.data?.items[0]?.id || '';
  const hours = useAsync((signal) => (chosen ? openingHoursApi.get(chosen, signal) : Promise.resolve(null)), [chosen]);
  // What the user typed, over the hours read: the fields show the stored hours on the first render that has them
  // (copying them into state after rendering showed empty fields for a moment). New hours read drop the edit.
  const [edit, setEdit] = useState<{ open: string; close: string } | null>(null);
  const { busy, error, setError, run } = useAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => setEdit(null), [hours.data]);
  const open = edit?.open ?? hours.data?.open ?? '';
  const close = edit?.close ?? hours.data?.close ?? '';
  const setOpen = (value: string) => setEdit({ open: value, close });
  const setClose = (value: string) => setEdit({ open, close: value });
  const field = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const changed = hours.data != null && (open !== hours.data.open || close !== hours.data.close);

  const save = async () => {
    const current = hours.data;
    if (!current) return;
    setSaved(false);
    await run(
      () => openingHoursApi.set(chosen, { open, close }, current.version),
      () => {
        hours.reload();
        setSaved(true);
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="hours-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="hours-heading">
          Opening hours
        </Title>
        <Text size="sm" c="gray.7">
          Groups and appointments must fit inside a program’s opening hours.
        </Text>
        {programs.error ? <ErrorAlert title="Could not load the programs" error={programs.error} onRetry={programs.reload} /> : null}
        {hours.error ? <ErrorAlert title="Could not load the opening hours" error={hours.error} onRetry={hours.reload} /> : null}
        {chosen && !hours.data && !hours.error && <Loading label="Loading the opening hours…" />}
        {(programs.data?.items.length ?? 0) > 1 && (
          <NativeSelect
            label="Program"
            value={chosen}
            onChange={(e) => {
              setProgramId(e.currentTarget.value);
              setSaved(false);
              setError(null);
            }}
            data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            w={280}
          />
        )}
        {hours.data && (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput label="Opens" type="time" step={900} value={open} onChange={(e) => { setOpen(e.currentTarget.value); setSaved(false); }} error={field('open')} />
            <TextInput label="Closes" type="time" step={900} value={close} onChange={(e) => { setClose(e.currentTarget.value); setSaved(false); }} error={field('close')} />
            <Button loading={busy} disabled={!changed || !open || !close} onClick={() => void save()}>
              Save hours
            </Button>
            <Text size="sm" role="status" aria-live="polite" data-testid="hours-status">
              {saved ? 'Saved' : hours.data.default ? 'The default hours apply' : ''}
            </Text>
          </Group>
        )}
        <ErrorAlert error={error} title="Not saved" otherFields={error instanceof ApiError ? error.fields.filter((f) => !['open', 'close'].includes(f.field)) : []} />
      </Stack>
    </Paper>
  );
}
