import { Button, Container, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { organizationApi } from '../../api/endpoints';
import type { Organization, OrganizationDraft } from '../../api/types';
import { ErrorAlert, saveErrorTitle } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { splitFieldErrors } from '../../lib/formErrors';
import { browserTimeZone, timeZoneOptions } from './timeZones';

/** First-run set-up: shown while GET /api/v1/organization answers 404. */
export function FirstRun({ onCreated }: { onCreated: (o: Organization) => void }) {
  usePageTitle('Set up your organization');
  const form = useForm<OrganizationDraft>({
    initialValues: { name: '', time_zone: browserTimeZone() },
    validate: { name: (v) => (v.trim() ? null : 'Enter the organization’s name') },
  });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const split = splitFieldErrors(error, form.values);

  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    setError(null);
    try {
      onCreated(await organizationApi.create({ name: values.name.trim(), time_zone: values.time_zone }));
    } catch (e) {
      setError(e);
      form.setErrors(splitFieldErrors(e, values).byPath);
    } finally {
      setSaving(false);
    }
  });

  return (
    <>
      <header>
        <Container size="xs" pt="xl">
          <Text fw={700} size="xl" c="indigo.9">
            Stepwise
          </Text>
        </Container>
      </header>
      <main id="main" tabIndex={-1}>
        <Container size="xs" py="lg">
          <Paper withBorder p="lg">
            <form onSubmit={submit} noValidate>
              <Stack>
                <Title order={1} size="h2">
                  Set up your organization
                </Title>
                <Text size="sm">
                  Welcome. Name the organization that runs the program and choose the time zone its sessions are
                  scheduled in. You can change both later under Program set-up.
                </Text>
                <ErrorAlert title={saveErrorTitle(error)} error={error} otherFields={split.other} />
                <TextInput label="Organization name" required autoFocus {...form.getInputProps('name')} />
                <NativeSelect
                  label="Time zone"
                  required
                  data={timeZoneOptions(form.values.time_zone)}
                  {...form.getInputProps('time_zone')}
                />
                <Button type="submit" loading={saving}>
                  Create organization
                </Button>
              </Stack>
            </form>
          </Paper>
        </Container>
      </main>
    </>
  );
}
