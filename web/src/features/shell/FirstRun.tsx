import { Button, Divider, NativeSelect, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { organizationApi, sessionApi, setupApi } from '../../api/endpoints';
import type { Organization, OrganizationDraft, Session } from '../../api/types';
import { ErrorAlert, saveErrorTitle } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { splitFieldErrors } from '../../lib/formErrors';
import { PublicPage } from '../security/PublicPage';
import { passwordProblem } from '../security/passwords';
import { browserTimeZone, timeZoneOptions } from './timeZones';

interface SetupValues extends Record<string, unknown> {
  organization: OrganizationDraft;
  user: { display_name: string; username: string; password: string };
  confirm: string;
}

/**
 * First run, while no user exists (GET /api/v1/setup says `needs_first_user`): creates the organization
 * (when there is none yet) and the first administrator in one step, who is then signed in.
 */
export function FirstRun({ needsOrganization, onSignedIn }: { needsOrganization: boolean; onSignedIn: (s: Session) => void }) {
  usePageTitle('Set up Stepwise');
  const form = useForm<SetupValues>({
    initialValues: {
      organization: { name: '', time_zone: browserTimeZone() },
      user: { display_name: '', username: '', password: '' },
      confirm: '',
    },
    validate: {
      organization: { name: (v) => (needsOrganization && !v.trim() ? 'Enter the organization’s name' : null) },
      user: {
        display_name: (v) => (v.trim() ? null : 'Enter your name'),
        username: (v) => (v.trim() ? null : 'Choose a username'),
        password: (v) => passwordProblem(v),
      },
      confirm: (v, values) => (v === values.user.password ? null : 'The passwords do not match'),
    },
  });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const split = splitFieldErrors(error, form.values);

  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    setError(null);
    try {
      await setupApi.create({
        ...(needsOrganization ? { organization: { name: values.organization.name.trim(), time_zone: values.organization.time_zone } } : {}),
        user: { display_name: values.user.display_name.trim(), username: values.user.username.trim(), password: values.user.password },
      });
      onSignedIn(await sessionApi.current());
    } catch (e) {
      setError(e);
      form.setErrors(splitFieldErrors(e, values).byPath);
    } finally {
      setSaving(false);
    }
  });

  return (
    <PublicPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            Set up Stepwise
          </Title>
          <Text size="sm">
            Welcome. {needsOrganization ? 'Name the organization that runs the program, then create' : 'Create'} the
            first administrator account. You will set up two-step sign-in next.
          </Text>
          <ErrorAlert title={saveErrorTitle(error)} error={error} otherFields={split.other} />
          {needsOrganization && (
            <>
              <Title order={2} size="h4">
                Organization
              </Title>
              <TextInput label="Organization name" required autoFocus {...form.getInputProps('organization.name')} />
              <NativeSelect
                label="Time zone"
                required
                data={timeZoneOptions(form.values.organization.time_zone)}
                {...form.getInputProps('organization.time_zone')}
              />
              <Divider />
            </>
          )}
          <Title order={2} size="h4">
            Administrator
          </Title>
          <TextInput label="Your name" required autoComplete="name" autoFocus={!needsOrganization} {...form.getInputProps('user.display_name')} />
          <TextInput label="Username" required autoComplete="username" autoCapitalize="none" spellCheck={false} {...form.getInputProps('user.username')} />
          <PasswordInput
            label="Password"
            description="12 to 128 characters. A long phrase is easiest to remember."
            required
            autoComplete="new-password"
            {...form.getInputProps('user.password')}
          />
          <PasswordInput label="Confirm password" required autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Button type="submit" loading={saving}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}

/** Shown to a signed-in user when users exist but the organization does not (created on the command line). */
export function OrganizationFirstRun({ onCreated }: { onCreated: (o: Organization) => void }) {
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
    <PublicPage>
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
          <NativeSelect label="Time zone" required data={timeZoneOptions(form.values.time_zone)} {...form.getInputProps('time_zone')} />
          <Button type="submit" loading={saving}>
            Create organization
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
