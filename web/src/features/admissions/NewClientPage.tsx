import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { clientsApi } from '../../api/endpoints';
import { usePageTitle } from '../../components/usePageTitle';
import { ClientForm } from './ClientForm';
import { emptyClientValues, valuesToDraft } from './clientFormValues';

export function NewClientPage() {
  usePageTitle('New client');
  const navigate = useNavigate();
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/clients" size="sm">
        ← Back to clients
      </Anchor>
      <Title order={1}>New client</Title>
      <Text size="sm" c="dimmed">
        Legal given and family name and date of birth are required; everything else can be added later.
      </Text>
      <Paper withBorder p="md">
        <ClientForm
          initialValues={emptyClientValues()}
          mrnOptional
          submitLabel="Register client"
          onCancel={() => navigate('/clients')}
          save={async (values) => {
            const created = await clientsApi.create(valuesToDraft(values));
            navigate(`/clients/${created.id}`, { state: { created: true } });
          }}
        />
      </Paper>
    </Stack>
  );
}
