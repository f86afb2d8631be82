import { Button, Menu, Text } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { safetyAlertsApi } from '../../api/assessments';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';

const POLL_MS = 60_000;

/**
 * The header's safety-alert indicator: the signed-in user's open alerts (as assessing clinician or on the
 * program's on-call list), each linking to the client's chart. Refreshed on every page change and each minute.
 */
export function SafetyAlertIndicator() {
  const allowed = usePermission('assessments.read');
  const { pathname } = useLocation();
  const state = useAsync((signal) => (allowed ? safetyAlertsApi.mine('open', signal) : Promise.resolve({ items: [] })), [allowed, pathname]);
  const { reload } = state;
  useEffect(() => {
    if (!allowed) return;
    const t = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(t);
  }, [allowed, reload]);
  const open = (state.data?.items ?? []).filter((a) => a.status === 'open');
  if (!allowed || open.length === 0) return null;
  const label = open.length === 1 ? '1 open safety alert' : `${open.length} open safety alerts`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="sm" color="red" variant="filled" data-testid="safety-indicator">
          {open.length === 1 ? '1 safety alert' : `${open.length} safety alerts`}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{label}</Menu.Label>
        {open.map((a) => (
          <Menu.Item key={a.id} component={Link} to={`/clients/${a.client_id}#safety`}>
            <Text size="sm" fw={600}>
              {a.client_name}
            </Text>
            <Text size="xs">
              {a.label} · {formatInstant(a.raised_at)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
