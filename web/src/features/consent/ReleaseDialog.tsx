// Release of information: everything leaving the program goes through the server's one disclosure service,
// which checks the consent (or court order), records the disclosure and attaches the Part 2 notice. A PDF or
// CSV is downloaded; "Preview as data" shows what the API channel sends. A refusal shows its reasons.
import { Alert, Button, Checkbox, Code, Group, List, Modal, NativeSelect, Radio, ScrollArea, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import {
  INFORMATION_CATEGORIES,
  PURPOSES,
  disclosuresApi,
  type Consent,
  type CourtOrder,
  type DisclosureChannel,
  type DisclosurePacket,
} from '../../api/consents';
import { ErrorAlert } from '../../components/Feedback';
import { downloadBlob } from '../../lib/browser';
import { formatDate } from '../../lib/format';
import { consentStatusLabel, recipientText } from './ConsentSummary';
import { refusalReasons } from './refusal';

interface Props {
  clientId: string;
  consents: Consent[];
  courtOrders: CourtOrder[];
  opened: boolean;
  onClose: () => void;
  /** A disclosure was recorded (the accounting and counts changed). */
  onReleased: () => void;
}

interface Form {
  consent_id: string;
  recipient_name: string;
  recipient_address: string;
  purpose: string;
  categories: string[];
  description: string;
  channel: DisclosureChannel;
  court_order_id: string;
}

const EMPTY: Form = {
  consent_id: '',
  recipient_name: '',
  recipient_address: '',
  purpose: '',
  categories: [],
  description: '',
  channel: 'pdf',
  court_order_id: '',
};

/** The form filled from a consent: its recipient, purpose and information. */
function fromConsent(form: Form, c: Consent | undefined): Form {
  if (!c) return { ...form, consent_id: '' };
  const tpo = c.kind === 'tpo';
  return {
    ...form,
    consent_id: c.id,
    recipient_name: tpo ? form.recipient_name : c.recipient.name,
    recipient_address: tpo ? form.recipient_address : c.recipient.address,
    purpose: c.purpose.code,
    categories: [...c.information.categories],
    description: c.information.description,
  };
}

function consentOption(c: Consent): string {
  return `${recipientText(c)} — ${consentStatusLabel(c.status)}${c.signed_on ? `, signed ${formatDate(c.signed_on)}` : ''}`;
}

export function ReleaseDialog({ clientId, consents, courtOrders, opened, onClose, onReleased }: Props) {
  const usable = consents.filter((c) => c.status !== 'draft');
  const [form, setForm] = useState<Form>(() => fromConsent(EMPTY, usable.find((c) => c.status === 'active')));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [packet, setPacket] = useState<DisclosurePacket | null>(null);
  const legal = PURPOSES.find((p) => p.code === form.purpose)?.courtOrder === true;
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDone(null);
    setPacket(null);
  };

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!form.consent_id && !legal) local.consent_id = 'Choose the consent this release relies on';
    if (!form.recipient_name.trim()) local.recipient_name = 'Name the recipient';
    if (!form.purpose) local.purpose = 'Choose the purpose';
    if (form.categories.length === 0) local.categories = 'Choose what is released';
    if (!form.description.trim()) local.description = 'Describe what is released (it goes into the accounting)';
    setErrors(local);
    setError(null);
    setDone(null);
    setPacket(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const result = await disclosuresApi.release(clientId, {
        consent_id: form.consent_id,
        recipient_name: form.recipient_name.trim(),
        recipient_address: form.recipient_address.trim() || undefined,
        purpose: form.purpose,
        categories: form.categories,
        description: form.description.trim(),
        channel: form.channel,
        ...(form.court_order_id ? { court_order_id: form.court_order_id } : {}),
      });
      if (result.kind === 'file') {
        downloadBlob(result.filename, result.blob);
        setDone(`Released and recorded. The file ${result.filename} was downloaded; it carries the Part 2 notice and a summary of the consent.`);
      } else {
        setPacket(result.packet);
        setDone('Released and recorded. This is what the API channel sends.');
      }
      onReleased();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reasons = refusalReasons(error);
  return (
    <Modal opened={opened} onClose={onClose} title="Release information" centered size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        aria-label="Release information"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">
            Under 42 CFR Part 2 nothing leaves the program without a valid consent (or, for legal proceedings, a court
            order). The release is recorded in the client's accounting of disclosures.
          </Text>
          <NativeSelect
            label="Consent"
            withAsterisk={!legal}
            data={[
              { value: '', label: usable.length ? (legal ? 'None — under the court order' : 'Choose…') : 'No signed consents' },
              ...usable.map((c) => ({ value: c.id, label: consentOption(c) })),
            ]}
            value={form.consent_id}
            onChange={(e) => set(fromConsent(form, usable.find((c) => c.id === e.currentTarget.value)))}
            error={errors.consent_id}
          />
          <Group grow align="flex-start">
            <TextInput label="Recipient" withAsterisk value={form.recipient_name} onChange={(e) => set({ recipient_name: e.currentTarget.value })} error={errors.recipient_name} />
            <TextInput label="Recipient address (if known)" value={form.recipient_address} onChange={(e) => set({ recipient_address: e.currentTarget.value })} error={errors.recipient_address} />
          </Group>
          <NativeSelect
            label="Purpose"
            withAsterisk
            data={[{ value: '', label: 'Choose…' }, ...PURPOSES.map((p) => ({ value: p.code, label: p.label }))]}
            value={form.purpose}
            onChange={(e) => set({ purpose: e.currentTarget.value })}
            error={errors.purpose}
          />
          {legal && (
            <NativeSelect
              label="Court order"
              description="Legal proceedings need a court order under 42 CFR 2.61–2.67; a subpoena alone is not enough."
              data={[
                { value: '', label: courtOrders.length ? 'Choose…' : 'No court order recorded' },
                ...courtOrders.map((o) => ({ value: o.id, label: `${o.court}, case ${o.case_number}, ${formatDate(o.order_date)}` })),
              ]}
              value={form.court_order_id}
              onChange={(e) => set({ court_order_id: e.currentTarget.value })}
              error={errors.court_order_id}
            />
          )}
          <Checkbox.Group label="Information released" withAsterisk value={form.categories} onChange={(categories) => set({ categories })} error={errors.categories}>
            <Group gap="md" mt="xs">
              {INFORMATION_CATEGORIES.map((c) => (
                <Checkbox key={c.code} value={c.code} label={c.label} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea
            label="Description of what is released"
            withAsterisk
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={errors.description}
          />
          <Radio.Group label="Form" value={form.channel} onChange={(v) => set({ channel: v as DisclosureChannel })}>
            <Group gap="md" mt="xs">
              <Radio value="pdf" label="PDF (to print or send)" />
              <Radio value="csv" label="CSV file" />
              <Radio value="api" label="Preview as data (API)" />
            </Group>
          </Radio.Group>
          {reasons ? (
            <Alert color="red" variant="light" role="alert" title="Not released" data-testid="release-refused">
              <Text size="sm">Nothing was released. The refusal is recorded.</Text>
              <List size="sm" mt="xs">
                {reasons.map((r) => (
                  <List.Item key={`${r.field}:${r.code}`}>
                    {r.text}
                    {r.detail && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        ({r.detail})
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <ErrorAlert title="Not released" error={error} otherFields={error instanceof ApiError ? error.fields.filter((f) => !(f.field in errors)) : []} />
          )}
          {done && (
            <Alert color="green" variant="light" role="status" title="Released">
              {done}
            </Alert>
          )}
          {packet && <PacketPreview packet={packet} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {done ? 'Done' : 'Cancel'}
            </Button>
            <Button type="submit" loading={busy}>
              Release
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PacketPreview({ packet }: { packet: DisclosurePacket }) {
  return (
    <Stack gap="xs" data-testid="packet-preview">
      <Title order={3} size="h5">
        Notice (version {packet.notice.version})
      </Title>
      <Text size="sm">{packet.notice.text}</Text>
      <Title order={3} size="h5">
        Consent summary
      </Title>
      <dl className="sw-facts">
        {packet.consent_summary.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <Title order={3} size="h5">
        Sections
      </Title>
      <ScrollArea.Autosize mah={240}>
        <Code block>{JSON.stringify(packet.sections, null, 2)}</Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}
