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
