import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import type { Client } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatDate, labelFor, legalFullName } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { AssessmentChartSection } from '../assessment/AssessmentChartSection';
import { SafetyBanner } from '../assessment/SafetyBanner';
import { AmendmentsSection } from '../records/AmendmentsSection';
import { usePermission } from '../security/sessionStore';
import { DocumentsSection } from '../documents/DocumentsSection';
import { OrientationSection } from '../documents/OrientationSection';
import { ConsentExpiryBanner, ConsentsChartSection } from '../consent/ConsentsChartSection';
import { PlanChartSection } from '../plans/PlanChartSection';
import { ClientScheduleSection } from '../schedule/ClientScheduleSection';
import { SessionsChartSection } from '../sessions/SessionsChartSection';
import { MedicationsChartSection } from '../medications/MedicationsChartSection';
import { TestingChartSection } from '../testing/TestingChartSection';
import { EmergencyAccessOffer, EmergencyBanner, useEmergencyGrants } from '../security/EmergencyAccess';
import { useMeta } from '../shell/AppContext';
import { DemographicsSection } from './DemographicsSection';
import { EpisodesSection } from './EpisodesSection';
import { ChartSection } from './ChartSection';
import { StageBadge } from './StageBadge';

/** Sections later capabilities fill; until then each says plainly that nothing is recorded. */
const LATER_SECTIONS: { id: string; title: string; text: string }[] = [
  { id: 'recovery', title: 'Recovery', text: 'No relapse-prevention plan or check-ins are recorded for this client.' },
];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ChartHeader({ client }: { client: Client }) {
  const meta = useMeta();
  const name = displayName(client);
  const legal = legalFullName(client.legal_name);
  const ep = client.current_episode;
  return (
    <Paper withBorder p="md" component="section" aria-label="Client summary">
      <Stack gap="sm">
        <div>
          <Group gap="sm" align="baseline">
            <Title order={1} data-testid="chart-name">
              {name}
            </Title>
            {client.voided && <Badge color="gray">Voided</Badge>}
          </Group>
          {legal !== name && (
            <Text size="sm" c="dimmed" data-testid="chart-legal-name">
              Legal name: {legal}
            </Text>
          )}
        </div>
        <dl className="sw-facts">
          <Fact label="Age">
            {client.age} <Text span size="sm" c="dimmed">(born {formatDate(client.birth_date)})</Text>
          </Fact>
          <Fact label="Pronouns">{client.pronouns || '—'}</Fact>
          <Fact label="MRN">
            <Text span ff="monospace">
              {client.mrn}
            </Text>
          </Fact>
          <Fact label="Stage">
            {ep ? <StageBadge stage={ep.stage} label={labelFor(meta.care_stages, ep.stage)} /> : 'No open episode'}
          </Fact>
          <Fact label="Track">{ep?.track_name || '—'}</Fact>
          <Fact label="Counselor">{ep?.counselor_name || '—'}</Fact>
        </dl>
      </Stack>
    </Paper>
  );
}

export function ClientChart() {
  const { id = '' } = useParams();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const state = useAsync((signal) => clientsApi.get(id, signal), [id]);
  const client = state.data;
  const emergency = useEmergencyGrants();
  const canAmend = usePermission('amendments.read');
  const grant = emergency.grants.find((g) => g.client_id === id);
  usePageTitle(client ? displayName(client) : 'Client');

  if (state.error && !client) {
    const notFound = state.error instanceof ApiError && state.error.isNotFound;
    const badId = state.error instanceof ApiError && state.error.status === 400;
    return (
      <Stack>
        <Anchor component={Link} to="/clients" size="sm">
          ← Back to clients
        </Anchor>
        <Title order={1}>{notFound || badId ? 'Client not found' : 'Could not load the chart'}</Title>
        {notFound ? (
          <Alert color="gray" variant="light" role="alert" title="No client you can open has this address">
            <Text size="sm">
              The client does not exist, or their record is outside your access (for example, not in your caseload).
            </Text>
          </Alert>
        ) : (
          <ErrorAlert error={state.error} onRetry={badId ? undefined : state.reload} />
        )}
        {notFound && emergency.allowed && (
          <EmergencyAccessOffer
            clientId={id}
            onGranted={() => {
              emergency.reload();
              state.reload();
            }}
          />
        )}
      </Stack>
    );
  }
  if (!client) return <Loading label="Loading chart…" />;

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/clients" size="sm">
        ← Back to clients
      </Anchor>
      {grant && <EmergencyBanner grant={grant} />}
      <SafetyBanner clientId={client.id} />
      <ConsentExpiryBanner clientId={client.id} />
      {justCreated && (
        <Alert color="green" variant="light" role="status" title="Client registered">
          Next: open an episode of care below.
        </Alert>
      )}
      <ChartHeader client={client} />
      <nav aria-label="Chart sections">
        <Group gap="md" wrap="wrap">
          {[
            ['demographics', 'Demographics & contacts'],
            ['episodes', 'Episodes of care'],
            ['assessment', 'Assessment'],
            ['orientation', 'Orientation'],
            ['documents', 'Documents'],
            ['consents', 'Consents'],
            ['treatment-plan', 'Treatment plan'],
            ['schedule', 'Schedule'],
            ['sessions', 'Sessions'],
            ['medications', 'Medications'],
            ['drug-testing', 'Drug testing'],
            ...(canAmend ? [['amendments', 'Amendment requests']] : []),
            ...LATER_SECTIONS.map((s) => [s.id, s.title]),
          ].map(([sid, t]) => (
            <Anchor key={sid} href={`#${sid}`} size="sm">
              {t}
            </Anchor>
          ))}
        </Group>
      </nav>
      <DemographicsSection client={client} onChange={state.setData} />
      <EpisodesSection client={client} onEpisodesChanged={state.reload} />
      <AssessmentChartSection client={client} />
      <OrientationSection client={client} onFinalized={state.reload} />
      <DocumentsSection client={client} />
      <ConsentsChartSection client={client} />
      <PlanChartSection client={client} />
      <ClientScheduleSection client={client} />
      <SessionsChartSection client={client} />
      <MedicationsChartSection client={client} />
      <TestingChartSection client={client} name={displayName(client)} />
      <AmendmentsSection client={client} />
      {LATER_SECTIONS.map((s) => (
        <ChartSection key={s.id} id={s.id} title={s.title}>
          <Text fw={600}>Not yet recorded</Text>
          <Text size="sm" c="dimmed">
            {s.text}
          </Text>
        </ChartSection>
      ))}
    </Stack>
  );
}
