import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { organizationApi, programsApi, sitesApi, tracksApi } from '../../api/endpoints';
import type { Program, Site, Track } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { FormStatus } from '../../components/FormStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { compact, formatHours, labelFor } from '../../lib/format';
import { useRecordForm } from '../../lib/useRecordForm';
import { SecuritySettingsCard } from '../security/SecuritySettingsCard';
import { usePermission } from '../security/sessionStore';
import { useAppContext, useMeta } from '../shell/AppContext';
import { timeZoneOptions } from '../shell/timeZones';
import { TrackForm, emptyTrackValues, trackToValues, valuesToTrackDraft } from './TrackForm';
import { Card } from '../../components/Card';
import { OnCallList } from './OnCallList';
import { useCatalog } from './useCatalog';

export function ProgramSetup() {
  usePageTitle('Program set-up');
  const catalog = useCatalog();
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>Program set-up</Title>
      <OrganizationCard />
      <SecuritySettingsCard />
      {catalog.error ? <ErrorAlert title="Could not load sites and programs" error={catalog.error} onRetry={catalog.reload} /> : null}
      {!catalog.data && !catalog.error && <Loading label="Loading sites and programs…" />}
      {catalog.data && (
        <>
          <SitesCard sites={catalog.data.sites} onChanged={catalog.reload} />
          <ProgramsCard
            sites={catalog.data.sites}
            programs={catalog.data.programs}
            tracks={catalog.data.tracks}
            onChanged={catalog.reload}
          />
        </>
      )}
    </Stack>
  );
}

// ---- Organization ----

interface OrgValues extends Record<string, unknown> {
  name: string;
  time_zone: string;
}

function OrganizationCard() {
  const { organization, setOrganization } = useAppContext();
  const canWrite = usePermission('organization.write');
  const [saved, setSaved] = useState(false);
  const rf = useRecordForm<OrgValues>({
    initialValues: { name: organization.name, time_zone: organization.time_zone },
    validate: { name: (v) => (v.trim() ? null : 'Enter the organization’s name') },
    save: async (v) => {
      setSaved(false);
      const updated = await organizationApi.update({ name: v.name.trim(), time_zone: v.time_zone }, organization.version);
      setOrganization(updated);
      setSaved(true);
    },
    loadLatest: async () => {
      const latest = await organizationApi.get();
      setOrganization(latest);
      return { name: latest.name, time_zone: latest.time_zone };
    },
  });
  return (
    <Card id="organization" title="Organization">
      <form onSubmit={rf.onSubmit} noValidate aria-label="Organization">
        <fieldset disabled={!canWrite} className="sw-fieldset">
        <Stack gap="sm">
          <FormStatus {...rf} labels={{ name: 'Name', time_zone: 'Time zone' }} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Organization name" required {...rf.form.getInputProps('name')} />
            <NativeSelect
              label="Time zone"
              description="Session times are in this zone"
              required
              data={timeZoneOptions(rf.form.values.time_zone)}
              {...rf.form.getInputProps('time_zone')}
            />
          </SimpleGrid>
          <Group>
            {canWrite && (
              <Button type="submit" loading={rf.saving}>
                Save organization
              </Button>
            )}
            {saved && (
              <Text size="sm" className="sw-ok" role="status">
                Saved.
              </Text>
            )}
          </Group>
        </Stack>
        </fieldset>
      </form>
    </Card>
  );
}

// ---- Sites ----

interface SiteValues extends Record<string, unknown> {
  name: string;
  phone: string;
  address: { line1: string; line2: string; city: string; state: string; postal_code: string };
}

function SiteForm({ onDone, onCancel }: { onDone: (s: Site) => void; onCancel: () => void }) {
  const rf = useRecordForm<SiteValues>({
    initialValues: { name: '', phone: '', address: { line1: '', line2: '', city: '', state: '', postal_code: '' } },
    validate: { name: (v) => (v.trim() ? null : 'Enter the site’s name') },
    save: async (v) => {
      const draft = compact({ name: v.name.trim(), phone: v.phone.trim(), address: v.address });
      onDone(await sitesApi.create({ ...draft, name: v.name.trim() }));
    },
  });
  const f = rf.form;
  return (
    <form onSubmit={rf.onSubmit} noValidate aria-label="Add a site">
      <Stack gap="sm">
        <FormStatus {...rf} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Site name" required {...f.getInputProps('name')} />
          <TextInput label="Phone" type="tel" {...f.getInputProps('phone')} />
          <TextInput label="Address line 1" {...f.getInputProps('address.line1')} />
          <TextInput label="Address line 2" {...f.getInputProps('address.line2')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="City" {...f.getInputProps('address.city')} />
          <TextInput label="State" maxLength={2} {...f.getInputProps('address.state')} />
          <TextInput label="ZIP code" {...f.getInputProps('address.postal_code')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={rf.saving}>
            Add site
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SitesCard({ sites, onChanged }: { sites: Site[]; onChanged: () => void }) {
  const canWrite = usePermission('program.write');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  return (
    <Card
      id="sites"
      title="Sites"
      actions={
        !adding && canWrite && (
          <Button size="xs" variant="default" onClick={() => { setNotice(''); setAdding(true); }}>
            Add site
          </Button>
        )
      }
    >
      {notice && <Text size="sm" className="sw-ok" role="status" mb="sm">{notice}</Text>}
      {adding && (
        <Paper withBorder p="sm" mb="md" bg="gray.0">
          <SiteForm
            onCancel={() => setAdding(false)}
            onDone={(s) => {
              setAdding(false);
              setNotice(`Added ${s.name}.`);
              onChanged();
            }}
          />
        </Paper>
      )}
      {sites.length === 0 ? (
        <EmptyState title="No sites yet">Add the place where the program meets.</EmptyState>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Phone</Table.Th>
              <Table.Th scope="col">Address</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sites.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td fw={600}>{s.name}</Table.Td>
                <Table.Td>{s.phone || '—'}</Table.Td>
                <Table.Td>
                  {[s.address?.line1, s.address?.city, [s.address?.state, s.address?.postal_code].filter(Boolean).join(' ')]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

// ---- Programs and tracks ----

interface ProgramValues extends Record<string, unknown> {
  site_id: string;
  name: string;
  level_of_care: string;
}

function ProgramForm({ sites, onDone, onCancel }: { sites: Site[]; onDone: (p: Program) => void; onCancel: () => void }) {
  const meta = useMeta();
  const rf = useRecordForm<ProgramValues>({
    initialValues: { site_id: sites[0]?.id ?? '', name: '', level_of_care: '2.1' },
    validate: {
      site_id: (v) => (v ? null : 'Choose a site'),
      name: (v) => (v.trim() ? null : 'Enter the program’s name'),
    },
    save: async (v) => onDone(await programsApi.create({ site_id: v.site_id, name: v.name.trim(), level_of_care: v.level_of_care })),
  });
  const f = rf.form;
  return (
    <form onSubmit={rf.onSubmit} noValidate aria-label="Add a program">
      <Stack gap="sm">
        <FormStatus {...rf} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect label="Site" required data={sites.map((s) => ({ value: s.id, label: s.name }))} {...f.getInputProps('site_id')} />
          <TextInput label="Program name" required {...f.getInputProps('name')} />
          <NativeSelect
            label="Level of care"
            required
            data={meta.levels_of_care.map((l) => ({ value: l.code, label: l.label }))}
            {...f.getInputProps('level_of_care')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={rf.saving}>
            Add program
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ProgramsCard(p: { sites: Site[]; programs: Program[]; tracks: Track[]; onChanged: () => void }) {
  const canWrite = usePermission('program.write');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  return (
    <Card
      id="programs"
      title="Programs and tracks"
      actions={
        !adding && canWrite && (
          <Button size="xs" variant="default" onClick={() => { setNotice(''); setAdding(true); }} disabled={p.sites.length === 0}>
            Add program
          </Button>
        )
      }
    >
      {notice && <Text size="sm" className="sw-ok" role="status" mb="sm">{notice}</Text>}
      {adding && (
        <Paper withBorder p="sm" mb="md" bg="gray.0">
          <ProgramForm
            sites={p.sites}
            onCancel={() => setAdding(false)}
            onDone={(program) => {
              setAdding(false);
              setNotice(`Added ${program.name}. Add its tracks below.`);
              p.onChanged();
            }}
          />
        </Paper>
      )}
      {p.sites.length === 0 && <Text size="sm">Add a site first; every program meets at a site.</Text>}
      {p.programs.length === 0 ? (
        <EmptyState title="No programs yet">A program runs at a site at one level of care, for example 2.1 Intensive outpatient.</EmptyState>
      ) : (
        <Stack gap="md">
          {p.programs.map((program) => (
            <ProgramPanel
              key={program.id}
              program={program}
              site={p.sites.find((s) => s.id === program.site_id)}
              tracks={p.tracks.filter((t) => t.program_id === program.id)}
              onChanged={p.onChanged}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}

type TrackMode = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; track: Track };

function ProgramPanel({ program, site, tracks, onChanged }: { program: Program; site?: Site; tracks: Track[]; onChanged: () => void }) {
  const meta = useMeta();
  const canWrite = usePermission('program.write');
  const [mode, setMode] = useState<TrackMode>({ kind: 'none' });
  const [notice, setNotice] = useState('');
  const headingId = `program-${program.id}`;
  const finish = (msg: string) => {
    setMode({ kind: 'none' });
    setNotice(msg);
    onChanged();
  };
  const days = (t: Track) => t.days.map((d) => labelFor(meta.weekdays, d).slice(0, 3)).join(', ');

  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={3} size="h4" id={headingId}>
            {program.name}
          </Title>
          <Text size="sm" c="dimmed">
            {site?.name ?? 'Unknown site'} · {labelFor(meta.levels_of_care, program.level_of_care)}
          </Text>
        </div>
        {mode.kind === 'none' && canWrite && (
          <Button size="xs" variant="default" onClick={() => { setNotice(''); setMode({ kind: 'add' }); }} aria-label={`Add track to ${program.name}`}>
            Add track
          </Button>
        )}
      </Group>
      {notice && <Text size="sm" className="sw-ok" role="status" mb="xs">{notice}</Text>}
      {mode.kind === 'add' && (
        <Paper withBorder p="sm" mb="sm" bg="gray.0">
          <TrackForm
            label={`Add a track to ${program.name}`}
            initialValues={emptyTrackValues()}
            submitLabel="Add track"
            onCancel={() => setMode({ kind: 'none' })}
            save={async (v) => {
              const t = await tracksApi.create(program.id, valuesToTrackDraft(v));
              finish(`Added ${t.name} (${formatHours(t.hours_per_week)}).`);
            }}
          />
        </Paper>
      )}
      {mode.kind === 'edit' && (
        <Paper withBorder p="sm" mb="sm" bg="gray.0">
          <TrackForm
            label={`Edit ${mode.track.name}`}
            initialValues={trackToValues(mode.track)}
            submitLabel="Save track"
            onCancel={() => setMode({ kind: 'none' })}
            save={async (v) => {
              const t = await tracksApi.update(mode.track.id, valuesToTrackDraft(v), mode.track.version);
              finish(`Saved ${t.name} (${formatHours(t.hours_per_week)}).`);
            }}
            loadLatest={async () => {
              const latest = await tracksApi.get(mode.track.id);
              setMode({ kind: 'edit', track: latest });
              return trackToValues(latest);
            }}
          />
        </Paper>
      )}
      {tracks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tracks yet. A track is a recurring schedule, such as mornings Monday, Wednesday and Friday.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Track</Table.Th>
                <Table.Th scope="col">Days</Table.Th>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Capacity</Table.Th>
                <Table.Th scope="col">Hours per week</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tracks.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td fw={600}>{t.name}</Table.Td>
                  <Table.Td>{days(t)}</Table.Td>
                  <Table.Td>
                    {t.start_time}–{t.end_time}
                  </Table.Td>
                  <Table.Td>{t.capacity}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" c="gray.9" tt="none">
                      {formatHours(t.hours_per_week)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {mode.kind === 'none' && canWrite && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => { setNotice(''); setMode({ kind: 'edit', track: t }); }}
                        aria-label={`Edit ${t.name}`}
                      >
                        Edit
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <OnCallList programId={program.id} programName={program.name} />
    </Paper>
  );
}
