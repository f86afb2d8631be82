// Recording a client's revocation of a consent: how it was given (in writing, or spoken and written down
// here), when, and a note. It takes effect at once: every later disclosure under the consent is refused;
// what was already disclosed stays in the accounting.
import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { consentsApi, type Consent } from '../../api/consents';
import { ErrorAlert } from '../../components/Feedback';
import { todayIso } from '../../lib/format';
import { recipientText } from './ConsentSummary';

interface Props {
  consent: Consent;
  opened: boolean;
  onClose: () => void;
  onRevoked: (c: Consent) => void;
}

export function RevokeConsentDialog({ consent, opened, onClose, onRevoked }: Props) {
  const [method, setMethod] = useState<'written' | 'oral' | ''>('');
  const [note, setNote] = useState('');
  const [revokedOn, setRevokedOn] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!method) local.method = 'Choose how the client revoked the consent';
    if (method === 'oral' && !note.trim()) local.note = 'Write down what the client said, and when';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const c = await consentsApi.revoke(consent.id, { method: method as 'written' | 'oral', note: note.trim(), revoked_on: revokedOn }, consent.version);
      onRevoked(c);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length > 0) {
        setErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const otherFields = error instanceof ApiError ? error.fields.filter((f) => !['method', 'note', 'revoked_on'].includes(f.field)) : [];
  return (
    <Modal opened={opened} onClose={onClose} title="Revoke consent" centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        aria-label="Revoke consent"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">
            Consent to share with <strong>{recipientText(consent)}</strong>.
          </Text>
          <Alert color="orange" variant="light" title="Takes effect at once">
            <Text size="sm">
              Nothing more will be released under this consent. What was already released stays listed in the client's
              accounting of disclosures.
            </Text>
          </Alert>
          <ErrorAlert
            title={error instanceof ApiError && error.isStale ? 'Someone else changed this consent — reload the page' : 'The consent was not revoked'}
            error={error}
            otherFields={otherFields}
          />
          <Radio.Group label="How did the client revoke it?" withAsterisk value={method} onChange={(v) => setMethod(v as 'written' | 'oral')} error={errors.method}>
            <Stack gap="xs" mt="xs">
              <Radio value="written" label="In writing (keep the signed revocation with the record)" />
              <Radio value="oral" label="Spoken, written down here by staff" />
            </Stack>
          </Radio.Group>
          <TextInput type="date" label="Revoked on" withAsterisk value={revokedOn} max={todayIso()} onChange={(e) => setRevokedOn(e.currentTarget.value)} error={errors.revoked_on} maw={240} />
          <Textarea
            label="Note"
            description={method === 'oral' ? 'What the client said, and who heard it' : 'Optional: where the written revocation is kept'}
            withAsterisk={method === 'oral'}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red.9" loading={busy}>
              Revoke consent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
