import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '../../components/usePageTitle';
import { ExpiringConsentsCard } from '../consent/ExpiringConsentsCard';
import { PlansDueCard } from '../plans/PlansDueCard';
import { OpenAmendmentsCard } from '../records/OpenAmendmentsCard';
import { HoursWarningsCard } from '../schedule/HoursWarningsCard';
import { MyDayCard } from '../sessions/MyDayCard';
import { HomeRedirect } from '../security/RequirePermission';
import { usePermission, useSession } from '../security/sessionStore';
import { homePath } from '../shell/navigation';

/**
 * The home page for staff who work with clients: what needs doing soon. Each card loads its own data and
 * shows only to users whose role may read it (the server checks again and limits it to their caseload).
 */
export function Dashboard() {
  const session = useSession();
  const plans = usePermission('plans.read');
  const consents = usePermission('consents.read');
  const amendments = usePermission('amendments.read');
  const myDay = usePermission('notes.read');
  // The hours warnings are for whoever sets up the program (the director): program.write with the calendar.
  const hoursWarnings = usePermission('schedule.read') && usePermission('program.write');
  usePageTitle('Dashboard');
  const name = session.user.display_name || session.user.username;
  const cards = [
    myDay && <MyDayCard key="my-day" />,
    plans && <PlansDueCard key="plans-due" />,
    consents && <ExpiringConsentsCard key="consents-expiring" />,
    amendments && <OpenAmendmentsCard key="amendments-open" />,
    hoursWarnings && <HoursWarningsCard key="hours-warnings" />,
  ].filter(Boolean);
  return (
    <Stack gap="md" maw={1300}>
      <div>
        <Title order={1}>Dashboard</Title>
        <Text c="dimmed" size="sm">
          Signed in as {name}
        </Text>
      </div>
      {cards.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing to show here for your role. Use the navigation to find clients.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          {cards}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** The index route: the dashboard for staff with client access; everyone else goes to their first area. */
export function Home() {
  const session = useSession();
  return homePath(session.user.permissions ?? []) === '/' ? <Dashboard /> : <HomeRedirect />;
}
