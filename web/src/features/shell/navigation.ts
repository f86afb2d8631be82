export interface NavItem {
  label: string;
  to: string;
  /** The `stage` filter this link sets on the client list (empty for all clients). */
  stage?: string;
}

/** Care stages in the order a client meets them; each is the client list filtered by stage. */
export const STAGE_NAV: NavItem[] = [
  { label: 'Intake', to: '/clients?stage=intake', stage: 'intake' },
  { label: 'Assessment', to: '/clients?stage=assessment', stage: 'assessment' },
  { label: 'Orientation', to: '/clients?stage=orientation', stage: 'orientation' },
  { label: 'In treatment', to: '/clients?stage=treatment', stage: 'treatment' },
  { label: 'Aftercare', to: '/clients?stage=aftercare', stage: 'aftercare' },
  { label: 'Discharged', to: '/clients?stage=discharged', stage: 'discharged' },
];

export const STAGE_TITLES: Record<string, string> = Object.fromEntries(
  STAGE_NAV.map((n) => [n.stage ?? '', n.label]),
);

/** A menu item shown only to users whose session holds `permission`. */
export interface PermittedItem {
  label: string;
  to: string;
  permission: string;
}

export const ORGANIZATION_NAV: PermittedItem[] = [
  { label: 'Staff', to: '/staff', permission: 'staff.read' },
  { label: 'Program set-up', to: '/setup', permission: 'program.read' },
  { label: 'Documents', to: '/setup/documents', permission: 'program.write' },
];

export const PRIVACY_NAV: PermittedItem[] = [
  { label: 'Users and roles', to: '/users', permission: 'users.admin' },
  { label: 'Audit trail', to: '/audit', permission: 'audit.read' },
  { label: 'Privacy alerts', to: '/alerts', permission: 'alerts.read' },
];

/** The navigation a user with these permissions sees (deny by default: no permission, no item). */
export function navSections(permissions: string[]) {
  const has = (p: string) => permissions.includes(p);
  return {
    /** The dashboard (home page) for staff who work with clients. */
    dashboard: has('clients.read'),
    /** "My day" (/my-day): today's groups, notes to sign, the co-sign queue and open tasks. */
    myDay: has('notes.read'),
    /** The open-task count beside "My day" (tasks are the notifications). */
    taskCount: has('tasks.read'),
    /** The co-sign queue (/notes/cosign) for supervisors. */
    cosign: has('notes.cosign'),
    /** The program calendar (/schedule). */
    calendar: has('schedule.read'),
    /** The drug-testing board (/testing). */
    testing: has('testing.read'),
    admissions: has('admissions.read'),
    clients: has('clients.read'),
    organization: ORGANIZATION_NAV.filter((n) => has(n.permission)),
    privacy: PRIVACY_NAV.filter((n) => has(n.permission)),
  };
}

/** The home page: the dashboard ("/") for staff with client access, else the first area the user may open. */
export function homePath(permissions: string[]): string {
  if (permissions.includes('clients.read')) return '/';
  const first = [...PRIVACY_NAV, ...ORGANIZATION_NAV].find((n) => permissions.includes(n.permission));
  return first?.to ?? '/account';
}
