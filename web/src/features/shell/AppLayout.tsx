import { AppShell, Burger, Button, Divider, Group, Menu, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useClientSearch } from '../admissions/clientSearch';
import { SafetyAlertIndicator } from '../assessment/SafetyAlertIndicator';
import { useSession } from '../security/sessionStore';
import { signOut } from '../security/signOut';
import { useAppContext } from './AppContext';
import { navSections, STAGE_NAV } from './navigation';
import { MyDayNavLink } from '../sessions/MyDayNavLink';

function SectionLabel({ id, children }: { id: string; children: string }) {
  return (
    <Text id={id} component="h2" size="xs" fw={700} tt="uppercase" c="gray.7" px="sm" pt="md" pb={4} m={0}>
      {children}
    </Text>
  );
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { organization } = useAppContext();
  const session = useSession();
  const navigate = useNavigate();
  const permissions = session.user.permissions ?? [];
  const sections = navSections(permissions);
  const userName = session.user.display_name || session.user.username;
  // A care-stage link starts a fresh list (the search text is kept in memory, not in the URL).
  const { setQ } = useClientSearch();
  const clearSearch = () => setQ('');
  const location = useLocation();
  const [params] = useSearchParams();
  const path = location.pathname;
  const stage = params.get('stage') ?? '';
  const onClientList = path === '/clients';

  // Close the mobile menu after navigating.
  useEffect(() => close(), [location.key, close]);

  // On a move to another page, put keyboard and screen-reader focus at the start of the new content
  // (filter changes on the same page keep focus where it is).
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo?.(0, 0);
    document.getElementById('main')?.focus();
  }, [path]);

  const link = (label: string, to: string, active: boolean, onClick?: () => void) => (
    <NavLink
      key={to}
      component={Link}
      to={to}
      onClick={onClick}
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
    />
  );

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={opened}
                aria-controls="primary-navigation"
              />
              <Text component={Link} to="/" fw={750} size="lg" c="indigo.9" style={{ textDecoration: 'none' }}>
                Stepwise
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" c="dimmed" truncate visibleFrom="sm">
                {organization.name}
              </Text>
              <SafetyAlertIndicator />
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="subtle" size="sm" aria-label={`Account menu for ${userName}`} data-testid="user-menu">
                    {userName} ▾
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>Signed in as {session.user.username}</Menu.Label>
                  <Menu.Item component={Link} to="/account">
                    My account
                  </Menu.Item>
                  <Menu.Item
                    onClick={() => {
                      void signOut().then(() => navigate('/', { replace: true }));
                    }}
                  >
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="xs" id="primary-navigation" aria-label="Primary">
          <ScrollArea type="auto">
            {sections.dashboard && link('Dashboard', '/', path === '/')}
            {sections.myDay && <MyDayNavLink active={path === '/my-day'} countTasks={sections.taskCount} refreshKey={location.key} />}
            {sections.cosign && link('Co-sign queue', '/notes/cosign', path === '/notes/cosign')}
            {sections.calendar && link('Calendar', '/schedule', path.startsWith('/schedule'))}
            {sections.testing && link('Testing', '/testing', path.startsWith('/testing'))}
            {sections.admissions && (
              <>
                <SectionLabel id="nav-admissions">Admissions</SectionLabel>
                <div role="group" aria-labelledby="nav-admissions">
                  {link('Admissions', '/admissions', path.startsWith('/admissions'))}
                </div>
                {sections.clients && <Divider my="sm" />}
              </>
            )}
            {sections.clients && (
              <>
                <SectionLabel id="nav-clients">Clients by care stage</SectionLabel>
                <div role="group" aria-labelledby="nav-clients">
                  {STAGE_NAV.map((n) => link(n.label, n.to, onClientList && stage === n.stage, clearSearch))}
                  {link('All clients', '/clients', (onClientList && !stage) || path.startsWith('/clients/'), clearSearch)}
                </div>
              </>
            )}
            {sections.organization.length > 0 && (
              <>
                {sections.clients && <Divider my="sm" />}
                <SectionLabel id="nav-org">Organization</SectionLabel>
                <div role="group" aria-labelledby="nav-org">
                  {sections.organization.map((n) => link(n.label, n.to, path.startsWith(n.to)))}
                </div>
              </>
            )}
            {sections.privacy.length > 0 && (
              <>
                <Divider my="sm" />
                <SectionLabel id="nav-privacy">Security and privacy</SectionLabel>
                <div role="group" aria-labelledby="nav-privacy">
                  {sections.privacy.map((n) => link(n.label, n.to, path.startsWith(n.to)))}
                </div>
              </>
            )}
          </ScrollArea>
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
