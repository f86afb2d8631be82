import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';

export function NotFound() {
  usePageTitle('Page not found');
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>
        There is no page at this address. <Anchor component={Link} to="/clients">Go to the client list</Anchor>.
      </Text>
    </Stack>
  );
}
