import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { securitySettingsApi } from '../../api/endpoints';
import type { SecuritySettings } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { FormStatus } from '../../components/FormStatus';
import { useAsync } from '../../lib/useAsync';
import { useRecordForm } from '../../lib/useRecordForm';
import { Card } from '../../components/Card';
import { usePermission } from './sessionStore';

interface Values extends Record<string, unknown> {
  require_mfa_for_all: boolean;
  idle_timeout_minutes: number | string;
  emergency_minutes: number | string;
}

const toValues = (s: SecuritySettings): Values => ({
  require_mfa_for_all: s.require_mfa_for_all,
  idle_timeout_minutes: s.idle_timeout_minutes,
  emergency_minutes: s.emergency_minutes,
});

/** The organization's security settings (on Program set-up); editable with organization.write. */
export function SecuritySettingsCard() {
  const canRead = usePermission('organization.read');
  const state = useAsync(async (signal) => (canRead ? securitySettingsApi.get(signal) : null), [canRead]);
  if (!canRead) return null;
  return (
    <Card id="security-settings" title="Security settings">
      <ErrorAlert title="Could not load the security settings" error={state.error} onRetry={state.reload} />
      {state.data === undefined && !state.error && <Loading label="Loading security settings…" />}
      {state.data && <SettingsForm initial={state.data} />}
    </Card>
  );
}

function between(min: number, max: number) {
  return (v: number | string) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= min && n <= max ? null : `Between ${min} and ${max} minutes`;
  };
}

function SettingsForm({ initial }: { initial: SecuritySettings }) {
  const canWrite = usePermission('organization.write');
  const [settings, setSettings] = useState(initial);
  const [saved, setSaved] = useState(false);
  const rf = useRecordForm<Values>({
    initialValues: toValues(initial),
    validate: { idle_timeout_minutes: between(1, 15), emergency_minutes: between(5, 240) },
    save: async (v) => {
      setSaved(false);
      const next = await securitySettingsApi.update(
        { require_mfa_for_all: v.require_mfa_for_all, idle_timeout_minutes: Number(v.idle_timeout_minutes), emergency_minutes: Number(v.emergency_minutes) },
        settings.version,
      );
      setSettings(next);
      setSaved(true);
    },
    loadLatest: async () => {
      const latest = await securitySettingsApi.get();
      setSettings(latest);
      return toValues(latest);
    },
  });
  const f = rf.form;
  return (
    <form onSubmit={rf.onSubmit} noValidate aria-label="Security settings">
      <fieldset disabled={!canWrite} className="sw-fieldset">
        <Stack gap="sm">
          <FormStatus
            {...rf}
            labels={{ require_mfa_for_all: 'Two-step sign-in for everyone', idle_timeout_minutes: 'Idle timeout', emergency_minutes: 'Emergency access length' }}
          />
          <Checkbox
            label="Require two-step sign-in for everyone"
            description="Administrators, program directors, privacy officers and emergency-access users always need it"
            {...f.getInputProps('require_mfa_for_all', { type: 'checkbox' })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Sign out after inactivity (minutes)"
              description="1 to 15"
              min={1}
              max={15}
              allowDecimal={false}
              {...f.getInputProps('idle_timeout_minutes')}
            />
            <NumberInput
              label="Emergency access lasts (minutes)"
              description="5 to 240"
              min={5}
              max={240}
              allowDecimal={false}
              {...f.getInputProps('emergency_minutes')}
            />
          </SimpleGrid>
          {canWrite ? (
            <Group>
              <Button type="submit" loading={rf.saving}>
                Save security settings
              </Button>
              {saved && (
                <Text size="sm" className="sw-ok" role="status">
                  Saved.
                </Text>
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Only a program director or administrator can change these.
            </Text>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
