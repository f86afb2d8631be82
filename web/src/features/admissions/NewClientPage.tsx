import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { clientsApi } from '../../api/endpoints';
import type { PossibleDuplicate } from '../../api/inquiries';
import { usePageTitle } from '../../components/usePageTitle';
import { ClientForm } from './ClientForm';
import { emptyClientValues, valuesToDraft } from './clientFormValues';
import { PossibleDuplicatesTable } from './PossibleDuplicatesTable';

/**
 * Registers a client. Existing clients who may be the same person (similar name and birth date, same
 * family name and birth date, same phone) are shown first; registering again with the same details
 * creates the new record anyway.
 */
export function NewClientPage() {
  usePageTitle('New client');
  const navigate = useNavigate();
  const [dups, setDups] = useState<PossibleDuplicate[]>([]);
  const checkedFor = useRef('');
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/clients" size="sm">
        ← Back to clients
      </Anchor>
      <Title order={1}>New client</Title>
      <Text size="sm" c="dimmed">
        Legal given and family name and date of birth are required; everything else can be added later.
      </Text>
      {dups.length > 0 && (
        <Alert color="yellow" title="Possible duplicates: is this one of these clients?" data-testid="possible-duplicates">
          <Stack gap="xs">
            <PossibleDuplicatesTable
              items={dups}
              action={(d) => (
                <Anchor component={Link} to={`/clients/${d.id}`}>
                  Open chart
                </Anchor>
              )}
            />
            <Text size="sm">If none of them is this person, register again to create the new client.</Text>
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md">
        <ClientForm
          initialValues={emptyClientValues()}
          mrnOptional
          submitLabel={dups.length > 0 ? 'Register as a new client' : 'Register client'}
          onCancel={() => navigate('/clients')}
          save={async (values) => {
            const draft = valuesToDraft(values);
            const person = {
              given: draft.legal_name.given,
              family: draft.legal_name.family,
              birth_date: draft.birth_date || undefined,
              phone: draft.phone || undefined,
            };
            const key = JSON.stringify(person);
            if (checkedFor.current !== key) {
              const found = await clientsApi.possibleDuplicates(person);
              checkedFor.current = key;
              setDups(found.items);
              if (found.items.length > 0) {
                throw new Error('Possible duplicates found: check them above before registering a new client.');
              }
            }
            const created = await clientsApi.create(draft);
            navigate(`/clients/${created.id}`, { state: { created: true } });
          }}
        />
      </Paper>
    </Stack>
  );
}
