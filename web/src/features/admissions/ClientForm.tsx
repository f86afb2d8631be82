import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { FormStatus } from '../../components/FormStatus';
import { useRecordForm } from '../../lib/useRecordForm';
import { useMeta } from '../shell/AppContext';
import { CLIENT_FIELD_LABELS, type ClientFormValues } from './clientFormValues';

interface ClientFormProps {
  initialValues: ClientFormValues;
  save: (values: ClientFormValues) => Promise<void>;
  loadLatest?: () => Promise<ClientFormValues>;
  submitLabel: string;
  onCancel?: () => void;
  /** Whether the MRN may be left empty (the server assigns one on create). */
  mrnOptional?: boolean;
}

const required = (label: string) => (v: string) => (v.trim() ? null : `Enter the ${label}`);

/** Demographics and contacts of a client, for registration and for edits. */
export function ClientForm({ initialValues, save, loadLatest, submitLabel, onCancel, mrnOptional }: ClientFormProps) {
  const meta = useMeta();
  const rf = useRecordForm<ClientFormValues>({
    initialValues,
    save,
    loadLatest,
    validate: {
      legal_name: { given: required('legal given name'), family: required('legal family name') },
      birth_date: (v) => (v ? null : 'Enter the date of birth'),
      mrn: (v) => (mrnOptional || v.trim() ? null : 'Enter the MRN'),
    },
  });
  const { form } = rf;
  const sexOptions = [{ value: '', label: 'Not recorded' }, ...meta.sex_at_birth.map((s) => ({ value: s.code, label: s.label }))];

  return (
    <form onSubmit={rf.onSubmit} noValidate aria-label="Client demographics and contacts">
      <Stack gap="md">
        <FormStatus {...rf} labels={CLIENT_FIELD_LABELS} />
        <Fieldset legend="Name">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Legal given name" required autoComplete="off" {...form.getInputProps('legal_name.given')} />
            <TextInput label="Legal middle name" autoComplete="off" {...form.getInputProps('legal_name.middle')} />
            <TextInput label="Legal family name" required autoComplete="off" {...form.getInputProps('legal_name.family')} />
            <TextInput
              label="Preferred name"
              description="Used to address the client"
              autoComplete="off"
              {...form.getInputProps('preferred_name')}
            />
            <TextInput label="Pronouns" description="For example she/her, they/them" autoComplete="off" {...form.getInputProps('pronouns')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Identity">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Date of birth" type="date" required {...form.getInputProps('birth_date')} />
            <NativeSelect label="Sex assigned at birth" data={sexOptions} {...form.getInputProps('sex_at_birth')} />
            <TextInput label="Gender identity" autoComplete="off" {...form.getInputProps('gender_identity')} />
            <TextInput
              label="MRN"
              required={!mrnOptional}
              description={mrnOptional ? 'Leave empty to assign the next number' : undefined}
              autoComplete="off"
              {...form.getInputProps('mrn')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Contact">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
            <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label="Address line 1" autoComplete="off" {...form.getInputProps('address.line1')} />
            <TextInput label="Address line 2" autoComplete="off" {...form.getInputProps('address.line2')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
            <TextInput label="City" autoComplete="off" {...form.getInputProps('address.city')} />
            <TextInput label="State" maxLength={2} autoComplete="off" {...form.getInputProps('address.state')} />
            <TextInput label="ZIP code" autoComplete="off" {...form.getInputProps('address.postal_code')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Emergency contact">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Emergency contact name" autoComplete="off" {...form.getInputProps('emergency_contact.name')} />
            <TextInput label="Relationship" autoComplete="off" {...form.getInputProps('emergency_contact.relationship')} />
            <TextInput label="Emergency contact phone" type="tel" autoComplete="off" {...form.getInputProps('emergency_contact.phone')} />
          </SimpleGrid>
        </Fieldset>
        <Group>
          <Button type="submit" loading={rf.saving}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
