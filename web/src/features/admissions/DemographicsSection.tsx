import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { clientsApi } from '../../api/endpoints';
import type { Client } from '../../api/types';
import { formatDate, labelFor, legalFullName } from '../../lib/format';
import { useMeta } from '../shell/AppContext';
import { ChartSection } from './ChartSection';
import { ClientForm } from './ClientForm';
import { clientToValues, valuesToDraft } from './clientFormValues';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value ? value : <Text span c="dimmed">Not recorded</Text>}</dd>
    </>
  );
}

function addressLines(c: Client): string {
  const a = c.address ?? {};
  const cityLine = [a.city, [a.state, a.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.line1, a.line2, cityLine].filter(Boolean).join('\n');
}

export function DemographicsSection({ client, onChange }: { client: Client; onChange: (c: Client) => void }) {
  const meta = useMeta();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const ec = client.emergency_contact ?? {};
  const emergency = [ec.name, ec.relationship && `(${ec.relationship})`, ec.phone].filter(Boolean).join(' ');

  return (
    <ChartSection
      id="demographics"
      title="Demographics & contacts"
      actions={
        !editing && (
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            Edit demographics
          </Button>
        )
      }
    >
      {editing ? (
        <ClientForm
          initialValues={clientToValues(client)}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          // The version sent is always the one of the record on screen; a reload after 412 updates it.
          save={async (values) => {
            const updated = await clientsApi.update(client.id, valuesToDraft(values, client.identifiers), client.version);
            onChange(updated);
            setEditing(false);
            setSaved(true);
          }}
          loadLatest={async () => {
            const latest = await clientsApi.get(client.id);
            onChange(latest);
            return clientToValues(latest);
          }}
        />
      ) : (
        <>
          {saved && (
            <Text size="sm" className="sw-ok" role="status" mb="sm">
              Changes saved.
            </Text>
          )}
          <dl className="sw-dl">
            <Row label="Legal name" value={legalFullName(client.legal_name)} />
            <Row label="Preferred name" value={client.preferred_name} />
            <Row label="Pronouns" value={client.pronouns} />
            <Row label="Date of birth" value={formatDate(client.birth_date)} />
            <Row label="Sex assigned at birth" value={labelFor(meta.sex_at_birth, client.sex_at_birth)} />
            <Row label="Gender identity" value={client.gender_identity} />
            <Row label="Phone" value={client.phone} />
            <Row label="Email" value={client.email} />
            <dt>Address</dt>
            <dd style={{ whiteSpace: 'pre-line' }}>{addressLines(client) || <Text span c="dimmed">Not recorded</Text>}</dd>
            <Row label="Emergency contact" value={emergency} />
            {client.identifiers?.map((i) => <Row key={`${i.system}:${i.value}`} label={`Identifier (${i.system})`} value={i.value} />)}
          </dl>
        </>
      )}
    </ChartSection>
  );
}
