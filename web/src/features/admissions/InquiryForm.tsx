import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CALLER_TYPES,
  inquiriesApi,
  SCHEDULES,
  TEDS_REFERRAL_SOURCES,
  TEDS_SUBSTANCES,
  URGENCIES,
  type CallerType,
  type InquiryDraft,
  type PreferredSchedule,
  type Urgency,
} from '../../api/inquiries';
import { FormStatus } from '../../components/FormStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { compact } from '../../lib/format';
import { useRecordForm } from '../../lib/useRecordForm';

export interface InquiryFormValues extends Record<string, unknown> {
  caller_type: CallerType;
  caller_name: string;
  caller_relationship: string;
  caller_phone: string;
  may_leave_message: boolean;
  given_name: string;
  family_name: string;
  birth_date: string;
  phone: string;
  email: string;
  referral_source: string;
  referrer_name: string;
  substances: string[];
  urgency: Urgency;
  payer: string;
  member_id: string;
  preferred_schedule: PreferredSchedule;
  notes: string;
}

export function emptyInquiryValues(): InquiryFormValues {
  return {
    caller_type: 'self',
    caller_name: '',
    caller_relationship: '',
    caller_phone: '',
    may_leave_message: false,
    given_name: '',
    family_name: '',
    birth_date: '',
    phone: '',
    email: '',
    referral_source: '',
    referrer_name: '',
    substances: [],
    urgency: 'routine',
    payer: '',
    member_id: '',
    preferred_schedule: 'unknown',
    notes: '',
  };
}

export function valuesToInquiry(v: InquiryFormValues): InquiryDraft {
  const draft = compact({ ...v, substances: undefined, may_leave_message: undefined }) as InquiryDraft;
  draft.substances = v.substances;
  draft.may_leave_message = v.may_leave_message;
  return draft;
}

const LABELS: Record<string, string> = {
  given_name: 'First name',
  phone: 'Phone',
  caller_phone: 'Caller phone',
};

/** The 42 CFR Part 2 reminder shown wherever a call is taken. */
export function ConfidentialityReminder() {
  return (
    <Alert color="indigo" variant="light" title="Confidentiality (42 CFR Part 2)">
      Do not confirm to a caller whether someone is or was a client here. Take the details and offer a call back.
    </Alert>
  );
}

/** Recording a phone call: one screen, the few required fields first, everything else optional. */
export function InquiryForm() {
  usePageTitle('New inquiry');
  const navigate = useNavigate();
  const rf = useRecordForm<InquiryFormValues>({
    initialValues: emptyInquiryValues(),
    validate: {
      given_name: (v) => (v.trim() ? null : 'Enter the first name of the person the call is about'),
      phone: (v, values) => (v.trim() || values.caller_phone.trim() ? null : 'Enter a phone number to call back'),
    },
    save: async (values) => {
      const created = await inquiriesApi.create(valuesToInquiry(values));
      navigate(`/admissions/${created.id}`, { state: { created: true } });
    },
  });
  const { form } = rf;
  const caller = form.values.caller_type;
  // The call starts with the name: focus it once the shell has finished moving focus to the new page.
  const firstName = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const t = setTimeout(() => firstName.current?.focus(), 0);
    return () => clearTimeout(t);
  }, []);

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/admissions" size="sm">
        ← Back to admissions
      </Anchor>
      <Title order={1}>New inquiry</Title>
      <ConfidentialityReminder />
      <Paper withBorder p="md">
        <form onSubmit={rf.onSubmit} noValidate aria-label="Record an inquiry">
          <Stack gap="md">
            <FormStatus {...rf} labels={LABELS} />
            <Fieldset legend="Who is calling">
              <Stack gap="sm">
                <SegmentedControl
                  aria-label="Caller"
                  data={CALLER_TYPES}
                  {...form.getInputProps('caller_type')}
                />
                {caller !== 'self' && (
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <TextInput label="Caller name" autoComplete="off" {...form.getInputProps('caller_name')} />
                    <TextInput label="Relationship" autoComplete="off" {...form.getInputProps('caller_relationship')} />
                    <TextInput label="Caller phone" type="tel" autoComplete="off" {...form.getInputProps('caller_phone')} />
                  </SimpleGrid>
                )}
              </Stack>
            </Fieldset>
            <Fieldset legend="The person the call is about">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label="First name" required ref={firstName} autoComplete="off" {...form.getInputProps('given_name')} />
                <TextInput label="Last name" autoComplete="off" {...form.getInputProps('family_name')} />
                <TextInput label="Date of birth" type="date" {...form.getInputProps('birth_date')} />
                <TextInput
                  label="Phone"
                  type="tel"
                  required={caller === 'self'}
                  description={caller === 'self' ? undefined : 'Or the caller’s phone'}
                  autoComplete="off"
                  {...form.getInputProps('phone')}
                />
                <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
                <Checkbox
                  mt="lg"
                  label="May leave a message"
                  {...form.getInputProps('may_leave_message', { type: 'checkbox' })}
                />
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend="Concern and referral">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MultiSelect
                  label="Substances of concern"
                  data={TEDS_SUBSTANCES}
                  searchable
                  clearable
                  comboboxProps={{ withinPortal: false }}
                  {...form.getInputProps('substances')}
                />
                <NativeSelect label="Urgency" data={URGENCIES} {...form.getInputProps('urgency')} />
                <NativeSelect
                  label="Referral source"
                  data={[{ value: '', label: 'Not asked' }, ...TEDS_REFERRAL_SOURCES]}
                  {...form.getInputProps('referral_source')}
                />
                <TextInput label="Referrer name" autoComplete="off" {...form.getInputProps('referrer_name')} />
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend="Insurance and schedule">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label="Payer" autoComplete="off" {...form.getInputProps('payer')} />
                <TextInput label="Member id" autoComplete="off" {...form.getInputProps('member_id')} />
                <NativeSelect label="Preferred schedule" data={SCHEDULES} {...form.getInputProps('preferred_schedule')} />
              </SimpleGrid>
            </Fieldset>
            <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                Required: the first name and a phone number to call back.
              </Text>
              <Group>
                <Button variant="default" onClick={() => navigate('/admissions')}>
                  Cancel
                </Button>
                <Button type="submit" loading={rf.saving}>
                  Save inquiry
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
