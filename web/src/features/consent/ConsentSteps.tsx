// The element steps of the consent wizard (42 CFR 2.31), one component each. Each shows the errors for its
// own fields: the wizard's own check once the user tried to move on, or the server's on activation.
import { Alert, Checkbox, NativeSelect, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import {
  EXPIRATION_EVENTS,
  INFORMATION_CATEGORIES,
  PURPOSES,
  RECIPIENT_CATEGORIES,
  TPO_CLASS_TEXT,
  type ConsentRecipient,
  type ExpirationKind,
} from '../../api/consents';
import { todayIso } from '../../lib/format';
import { withKind, type ConsentValues, type ExpirationValues } from './consentRules';

export interface StepProps {
  values: ConsentValues;
  onChange: (next: ConsentValues) => void;
  /** Error text by JSON path (`recipient.name`). */
  errors: Record<string, string>;
  clientName: string;
}

export function KindStep({ values, onChange, errors, clientName }: StepProps) {
  return (
    <Stack gap="md">
      <Text size="sm">
        Consent of <strong>{clientName}</strong> to share records of their substance use treatment, which federal law
        (42 CFR Part 2) keeps confidential.
      </Text>
      <Radio.Group
        label="Kind of consent"
        withAsterisk
        value={values.kind}
        onChange={(k) => onChange(withKind(values, k as 'tpo' | 'specific'))}
        error={errors.kind}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="specific"
            label="To a named person or organization"
            description="A family member, a referral provider, an employer, a court or probation officer, a payer…"
          />
          <Radio
            value="tpo"
            label="Single consent for treatment, payment and health care operations (TPO)"
            description="To the client's treating providers, health plans and payers, and people who help run the program. Only these purposes."
          />
        </Stack>
      </Radio.Group>
      <TextInput
        label="Who may disclose"
        description="The program or person allowed to share the information"
        withAsterisk
        value={values.discloser}
        onChange={(e) => onChange({ ...values, discloser: e.currentTarget.value })}
        error={errors.discloser}
        maw={520}
      />
    </Stack>
  );
}

export function InformationStep({ values, onChange, errors }: StepProps) {
  const info = values.information;
  return (
    <Stack gap="md">
      <Checkbox.Group
        label="Kinds of information that may be shared"
        withAsterisk
        value={info.categories}
        onChange={(categories) => onChange({ ...values, information: { ...info, categories } })}
        error={errors['information.categories']}
      >
        <Stack gap={6} mt="xs">
          {INFORMATION_CATEGORIES.map((c) => (
            <Checkbox key={c.code} value={c.code} label={c.label} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Textarea
        label="Specific description of the information"
        description="Say exactly what may be shared, e.g. “attendance dates and a summary of progress from March to June”. “All records” alone is not specific enough for most recipients."
        withAsterisk
        autosize
        minRows={3}
        value={info.description}
        onChange={(e) => onChange({ ...values, information: { ...info, description: e.currentTarget.value } })}
        error={errors['information.description']}
      />
    </Stack>
  );
}

export function RecipientStep({ values, onChange, errors }: StepProps) {
  const r = values.recipient;
  const set = (patch: Partial<ConsentRecipient>) => onChange({ ...values, recipient: { ...r, ...patch } });
  if (values.kind === 'tpo') {
    return (
      <Alert color="blue" variant="light" title="Recipients of a TPO consent">
        <Text size="sm">The consent names this class of recipients, as the regulation allows:</Text>
        <Text size="sm" fs="italic" mt="xs" data-testid="tpo-class">
          “{TPO_CLASS_TEXT}”
        </Text>
      </Alert>
    );
  }
  const org = r.kind === 'organization';
  return (
    <Stack gap="md">
      <Radio.Group
        label="The recipient is"
        withAsterisk
        value={r.kind}
        onChange={(k) => set({ kind: k as 'person' | 'organization' })}
        error={errors['recipient.kind']}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="person" label="A named person" />
          <Radio value="organization" label="An organization" />
        </Stack>
      </Radio.Group>
      <NativeSelect
        label="Kind of recipient"
        withAsterisk
        data={[{ value: '', label: 'Choose…' }, ...RECIPIENT_CATEGORIES.map((c) => ({ value: c.code, label: c.label }))]}
        value={r.category}
        onChange={(e) => set({ category: e.currentTarget.value })}
        error={errors['recipient.category']}
        maw={420}
      />
      <TextInput
        label={org ? 'Name of the organization' : 'Name of the person'}
        withAsterisk
        value={r.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors['recipient.name']}
        maw={520}
      />
      {!org && (
        <TextInput
          label="Relationship to the client"
          description="e.g. sister, probation officer"
          value={r.relationship}
          onChange={(e) => set({ relationship: e.currentTarget.value })}
          error={errors['recipient.relationship']}
          maw={520}
        />
      )}
      <TextInput
        label={org ? 'Department or contact person (optional)' : 'Organization (optional)'}
        value={r.organization}
        onChange={(e) => set({ organization: e.currentTarget.value })}
        error={errors['recipient.organization']}
        maw={520}
      />
      <Textarea
        label="Address (if known)"
        autosize
        minRows={2}
        value={r.address}
        onChange={(e) => set({ address: e.currentTarget.value })}
        error={errors['recipient.address']}
        maw={520}
      />
    </Stack>
  );
}

export function PurposeStep({ values, onChange, errors }: StepProps) {
  const p = values.purpose;
  const options = PURPOSES.filter((o) => (values.kind === 'tpo' ? o.tpo : !o.courtOrder));
  return (
    <Stack gap="md">
      {values.kind === 'tpo' && (
        <Text size="sm" c="dimmed">
          A TPO consent allows only treatment, payment and health care operations.
        </Text>
      )}
      <NativeSelect
        label="Purpose of sharing"
        withAsterisk
        data={[{ value: '', label: 'Choose…' }, ...options.map((o) => ({ value: o.code, label: o.label }))]}
        value={p.code}
        onChange={(e) => onChange({ ...values, purpose: { ...p, code: e.currentTarget.value } })}
        error={errors['purpose.code']}
        maw={520}
      />
      <Textarea
        label="Why, in plain words"
        description="e.g. “So my sister can help me keep my appointments.” Required when the purpose is Other."
        withAsterisk={p.code === 'other'}
        autosize
        minRows={2}
        value={p.text}
        onChange={(e) => onChange({ ...values, purpose: { ...p, text: e.currentTarget.value } })}
        error={errors['purpose.text']}
      />
      <Text size="xs" c="dimmed">
        Use in court or other legal proceedings is not a consent purpose: it needs a court order, recorded on the chart.
      </Text>
    </Stack>
  );
}

export function RevocationStep({ values, onChange, errors }: StepProps) {
  return (
    <Stack gap="md">
      <Text size="sm">
        The client may revoke the consent at any time, in writing; revocation stops every later disclosure but cannot
        undo what was already shared. Tell the client how to do it.
      </Text>
      <Textarea
        label="Statement of the right to revoke"
        withAsterisk
        autosize
        minRows={3}
        value={values.revocation_statement}
        onChange={(e) => onChange({ ...values, revocation_statement: e.currentTarget.value })}
        error={errors.revocation_statement}
      />
    </Stack>
  );
}

/** The radio value for a described event (never stored: the description is). */
const OTHER_EVENT = '__other__';

export function ExpirationStep({ values, onChange, errors }: StepProps) {
  const x = values.expiration;
  const set = (patch: Partial<ExpirationValues>) => onChange({ ...values, expiration: { ...x, ...patch } });
  const known = EXPIRATION_EVENTS.some((e) => e.code === x.event);
  return (
    <Stack gap="md">
      <Radio.Group
        label="The consent ends"
        withAsterisk
        value={x.kind}
        onChange={(k) => set({ kind: k as ExpirationKind, ...(k === 'event' && !x.event ? { event: 'end_of_treatment' } : {}) })}
        error={errors['expiration.kind']}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="date" label="On a date" />
          <Radio value="event" label="When something happens" />
          {values.kind === 'tpo' && <Radio value="none" label="Never (until revoked) — allowed for a TPO consent" />}
        </Stack>
      </Radio.Group>
      {x.kind === 'date' && (
        <TextInput
          type="date"
          label="End date"
          withAsterisk
          min={todayIso()}
          value={x.date}
          onChange={(e) => set({ date: e.currentTarget.value })}
          error={errors['expiration.date']}
          maw={240}
        />
      )}
      {x.kind === 'event' && (
        <Radio.Group
          label="Ending event"
          withAsterisk
          value={known ? x.event : OTHER_EVENT}
          onChange={(v) => set({ event: v === OTHER_EVENT ? '' : v })}
        >
          <Stack gap="xs" mt="xs">
            {EXPIRATION_EVENTS.map((e) => (
              <Radio key={e.code} value={e.code} label={e.label} />
            ))}
            <Radio value={OTHER_EVENT} label="Another event" />
          </Stack>
        </Radio.Group>
      )}
      {x.kind === 'event' && !known && (
        <TextInput
          label="Describe the event"
          description="e.g. “the final disposition of my court case”. The program cannot observe it: the consent then lasts until it is revoked."
          withAsterisk
          value={x.event}
          onChange={(e) => set({ event: e.currentTarget.value })}
          error={errors['expiration.event']}
          maw={560}
        />
      )}
    </Stack>
  );
}
