import { ActionIcon, Anchor, Button, Checkbox, Fieldset, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useParams, Link } from 'react-router';
import { ApiError } from '../../api/client';
import { staffApi } from '../../api/endpoints';
import type { Staff, StaffDraft } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { FormStatus } from '../../components/FormStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { useAsync } from '../../lib/useAsync';
import { useRecordForm } from '../../lib/useRecordForm';
import { useMeta } from '../shell/AppContext';
import { staffDisplayName } from './StaffList';

export interface CredentialValues extends Record<string, unknown> {
  type: string;
  license_number: string;
  issuing_state: string;
  expires_on: string;
}

export interface StaffFormValues extends Record<string, unknown> {
  given_name: string;
  family_name: string;
  preferred_name: string;
  email: string;
  phone: string;
  roles: string[];
  credentials: CredentialValues[];
}

export function emptyStaffValues(): StaffFormValues {
  return { given_name: '', family_name: '', preferred_name: '', email: '', phone: '', roles: [], credentials: [] };
}

export function staffToValues(s: Staff): StaffFormValues {
  return {
    given_name: s.given_name,
    family_name: s.family_name,
    preferred_name: s.preferred_name ?? '',
    email: s.email ?? '',
    phone: s.phone ?? '',
    roles: [...s.roles],
    credentials: s.credentials.map((c) => ({
      type: c.type,
      license_number: c.license_number ?? '',
      issuing_state: c.issuing_state ?? '',
      expires_on: c.expires_on ?? '',
    })),
  };
}

export function valuesToStaffDraft(v: StaffFormValues): StaffDraft {
  const draft: StaffDraft = {
    given_name: v.given_name.trim(),
    family_name: v.family_name.trim(),
    roles: v.roles,
    credentials: v.credentials.map((c) => {
      const out: StaffDraft['credentials'][number] = { type: c.type };
      if (c.license_number.trim()) out.license_number = c.license_number.trim();
      if (c.issuing_state.trim()) out.issuing_state = c.issuing_state.trim().toUpperCase();
      if (c.expires_on) out.expires_on = c.expires_on;
      return out;
    }),
  };
  if (v.preferred_name.trim()) draft.preferred_name = v.preferred_name.trim();
  if (v.email.trim()) draft.email = v.email.trim();
  if (v.phone.trim()) draft.phone = v.phone.trim();
  return draft;
}

const LABELS: Record<string, string> = {
  given_name: 'Given name',
  family_name: 'Family name',
  preferred_name: 'Preferred name',
  email: 'Email',
  phone: 'Phone',
  roles: 'Roles',
  credentials: 'Credentials',
};

interface StaffFormProps {
  initialValues: StaffFormValues;
  save: (v: StaffFormValues) => Promise<void>;
  loadLatest?: () => Promise<StaffFormValues>;
  submitLabel: string;
  onCancel: () => void;
}

export function StaffForm(p: StaffFormProps) {
  const meta = useMeta();
  const rf = useRecordForm<StaffFormValues>({
    initialValues: p.initialValues,
    save: p.save,
    loadLatest: p.loadLatest,
    validate: {
      given_name: (v) => (v.trim() ? null : 'Enter the given name'),
      family_name: (v) => (v.trim() ? null : 'Enter the family name'),
      roles: (v) => (v.length ? null : 'Choose at least one role'),
      credentials: {
        issuing_state: (v) => (v && !/^[A-Za-z]{2}$/.test(v.trim()) ? 'Use the two-letter state code' : null),
      },
    },
  });
  const { form } = rf;
  const credTypes = meta.credential_types.map((c) => ({ value: c.code, label: `${c.code} — ${c.label}` }));

  return (
    <form onSubmit={rf.onSubmit} noValidate aria-label="Staff member">
      <Stack gap="md">
        <FormStatus {...rf} labels={LABELS} />
        <Fieldset legend="Name and contact">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Given name" required autoComplete="off" {...form.getInputProps('given_name')} />
            <TextInput label="Family name" required autoComplete="off" {...form.getInputProps('family_name')} />
            <TextInput label="Preferred name" autoComplete="off" {...form.getInputProps('preferred_name')} />
            <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          </SimpleGrid>
        </Fieldset>
        <Checkbox.Group label="Roles" description="Every role this person holds" required {...form.getInputProps('roles')}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt={6}>
            {meta.roles.map((r) => (
              <Checkbox key={r.code} value={r.code} label={r.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Fieldset legend="Credentials">
          <Stack gap="sm">
            {form.values.credentials.length === 0 && (
              <Text size="sm" c="dimmed">
                No credentials recorded.
              </Text>
            )}
            {form.values.credentials.map((_, i) => (
              <Group key={i} align="flex-end" gap="sm" wrap="wrap" role="group" aria-label={`Credential ${i + 1}`}>
                <NativeSelect
                  label="Type"
                  required
                  data={credTypes}
                  style={{ flex: '2 1 14rem' }}
                  {...form.getInputProps(`credentials.${i}.type`)}
                />
                <TextInput label="License number" style={{ flex: '1 1 9rem' }} {...form.getInputProps(`credentials.${i}.license_number`)} />
                <TextInput label="Issuing state" maxLength={2} style={{ flex: '0 1 6rem' }} {...form.getInputProps(`credentials.${i}.issuing_state`)} />
                <TextInput label="Expiry date" type="date" style={{ flex: '1 1 10rem' }} {...form.getInputProps(`credentials.${i}.expires_on`)} />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mb={2}
                  onClick={() => form.removeListItem('credentials', i)}
                  aria-label={`Remove credential ${i + 1}`}
                  title="Remove credential"
                >
                  <span aria-hidden="true">✕</span>
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() =>
                  form.insertListItem('credentials', { type: meta.credential_types[0]?.code ?? 'other', license_number: '', issuing_state: '', expires_on: '' })
                }
              >
                Add credential
              </Button>
            </Group>
          </Stack>
        </Fieldset>
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

function BackToStaff() {
  return (
    <Anchor component={Link} to="/staff" size="sm">
      ← Back to staff
    </Anchor>
  );
}

function NewStaff() {
  usePageTitle('New staff member');
  const navigate = useNavigate();
  return (
    <Stack maw={960}>
      <BackToStaff />
      <Title order={1}>New staff member</Title>
      <Paper withBorder p="md">
        <StaffForm
          initialValues={emptyStaffValues()}
          submitLabel="Add staff member"
          onCancel={() => navigate('/staff')}
          save={async (v) => {
            await staffApi.create(valuesToStaffDraft(v));
            navigate('/staff');
          }}
        />
      </Paper>
    </Stack>
  );
}

function EditStaff({ id }: { id: string }) {
  const navigate = useNavigate();
  const state = useAsync((signal) => staffApi.get(id, signal), [id]);
  const staff = state.data;
  usePageTitle(staff ? staffDisplayName(staff) : 'Staff member');

  if (state.error && !staff) {
    const notFound = state.error instanceof ApiError && (state.error.isNotFound || state.error.status === 400);
    return (
      <Stack>
        <BackToStaff />
        <Title order={1}>{notFound ? 'Staff member not found' : 'Could not load the staff member'}</Title>
        <ErrorAlert error={state.error} onRetry={notFound ? undefined : state.reload} />
      </Stack>
    );
  }
  if (!staff) return <Loading label="Loading staff member…" />;

  return (
    <Stack maw={960}>
      <BackToStaff />
      <Title order={1}>{staffDisplayName(staff)}</Title>
      <Paper withBorder p="md">
        <StaffForm
          initialValues={staffToValues(staff)}
          submitLabel="Save changes"
          onCancel={() => navigate('/staff')}
          save={async (v) => {
            await staffApi.update(staff.id, valuesToStaffDraft(v), staff.version);
            navigate('/staff');
          }}
          loadLatest={async () => {
            const latest = await staffApi.get(staff.id);
            state.setData(latest);
            return staffToValues(latest);
          }}
        />
      </Paper>
    </Stack>
  );
}

/** /staff/new and /staff/:id */
export function StaffEditPage() {
  const { id } = useParams();
  return id ? <EditStaff id={id} /> : <NewStaff />;
}
