import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { inquiriesApi, type Inquiry, type PossibleDuplicate } from '../../api/inquiries';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/Feedback';
import type { ClientDraft } from '../../api/types';
import { compact } from '../../lib/format';
import { PossibleDuplicatesTable } from './PossibleDuplicatesTable';
import { usePermission } from '../security/sessionStore';

const LINKABLE = ['assessment_booked', 'assessed', 'waitlisted'];

/**
 * The duplicate check and creating or linking the client record. Nothing here says whether the person is
 * a client until a user who may read client records asks for the check (which the server audits).
 */
export function InquiryClientPanel({ inquiry, onChanged }: { inquiry: Inquiry; onChanged: (i: Inquiry) => void }) {
  const navigate = useNavigate();
  const canReadClients = usePermission('clients.read');
  const canWrite = usePermission('admissions.write') && usePermission('clients.write');
  const [dups, setDups] = useState<PossibleDuplicate[] | null>(null);
  const [birthDate, setBirthDate] = useState(inquiry.birth_date ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (inquiry.client_id) {
    return (
      <Card id="client" title="Client record">
        <Anchor component={Link} to={`/clients/${inquiry.client_id}`}>
          Open the client chart
        </Anchor>
      </Card>
    );
  }
  if (!canReadClients) return null;
  const linkable = LINKABLE.includes(inquiry.stage);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const check = () =>
    run(async () => {
      setDups((await inquiriesApi.possibleDuplicates(inquiry.id)).items);
    });
  const link = (body: Parameters<typeof inquiriesApi.linkClient>[1]) =>
    run(async () => {
      const linked = await inquiriesApi.linkClient(inquiry.id, body, inquiry.version);
      onChanged(linked);
      navigate(`/clients/${linked.client_id}`, { state: { created: true } });
    });
  const createNew = () =>
    link({
      client: compact({
        legal_name: { given: inquiry.given_name, family: inquiry.family_name },
        birth_date: birthDate,
        phone: inquiry.phone,
        email: inquiry.email,
      }) as ClientDraft,
    });

  return (
    <Card id="client" title="Client record">
      <Stack gap="sm">
        {!linkable && (
          <Text size="sm" c="dimmed">
            Book the assessment first; then check for an existing record and create or link the client.
          </Text>
        )}
        <ErrorAlert error={error} title="Not done" />
        <Group>
          <Button variant="light" onClick={() => void check()} loading={busy && dups === null} data-testid="check-duplicates">
            Check for existing clients
          </Button>
        </Group>
        {dups !== null && dups.length === 0 && (
          <Alert color="green" variant="light" role="status">
            No possible duplicates found by name, date of birth or phone.
          </Alert>
        )}
        {dups !== null && dups.length > 0 && (
          <PossibleDuplicatesTable
            items={dups}
            action={(d) =>
              canWrite &&
              linkable && (
                <Button size="xs" variant="outline" disabled={busy} onClick={() => void link({ client_id: d.id })}>
                  Link this client
                </Button>
              )
            }
          />
        )}
        {dups !== null && canWrite && linkable && (
          <Group align="flex-end">
            <TextInput
              label="Date of birth"
              type="date"
              required
              value={birthDate}
              onChange={(e) => setBirthDate(e.currentTarget.value)}
            />
            <Button onClick={() => void createNew()} disabled={!birthDate || busy} data-testid="create-client">
              Create new client
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
