// A consent's status badge, its expiry in words, and every element as a read-only list.
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  EXPIRATION_EVENTS,
  RECIPIENT_CATEGORIES,
  TPO_CLASS_TEXT,
  categoryLabel,
  purposeLabel,
  type Consent,
  type ConsentStatus,
} from '../../api/consents';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, labelFor } from '../../lib/format';
import type { ConsentValues } from './consentRules';

const STATUS: Record<ConsentStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  active: { label: 'Active', color: 'green' },
  revoked: { label: 'Revoked', color: 'red' },
  expired: { label: 'Expired', color: 'orange' },
};

export function ConsentStatusBadge({ status }: { status: ConsentStatus }) {
  const s = STATUS[status] ?? { label: status, color: 'gray' };
  return <StatusBadge color={s.color}>{s.label}</StatusBadge>;
}

export function consentStatusLabel(status: string): string {
  return STATUS[status as ConsentStatus]?.label ?? status;
}

/** "Jane Smith (sister)", "Valley Clinic", or the TPO class. */
export function recipientText(c: Pick<Consent, 'kind' | 'recipient'> | ConsentValues): string {
  const r = c.recipient;
  if (c.kind === 'tpo' || r.kind === 'tpo_class') return TPO_CLASS_TEXT;
  const extra = [r.relationship, r.organization].filter((s) => s && s.trim()).join(', ');
  return extra ? `${r.name} (${extra})` : r.name;
}

/** When the consent ends, in words. */
export function expiryText(c: Pick<Consent, 'expiration'> | ConsentValues): string {
  const x = c.expiration;
  if (x.kind === 'date') return x.date ? formatDate(x.date) : '';
  if (x.kind === 'event') return labelFor(EXPIRATION_EVENTS, x.event) || x.event || '';
  if (x.kind === 'none') return 'No end date (until revoked)';
  return '';
}

/** "12 days left", "ends today", "expired" (for an active consent with an end date). */
export function daysLeftText(c: Pick<Consent, 'status' | 'days_to_expiry'>): string {
  if (c.status !== 'active' || c.days_to_expiry === null || c.days_to_expiry === undefined) return '';
  if (c.days_to_expiry < 0) return 'expired';
  if (c.days_to_expiry === 0) return 'ends today';
  return c.days_to_expiry === 1 ? '1 day left' : `${c.days_to_expiry} days left`;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children || <Text span c="red.9">Missing</Text>}</dd>
    </div>
  );
}

/** Every 2.31 element of a consent (stored, or the wizard's working copy). */
export function ConsentElements({ consent, clientName }: { consent: ConsentValues | Consent; clientName: string }) {
  const c = consent;
  return (
    <dl className="sw-facts" data-testid="consent-elements">
      <Row label="Client">{clientName}</Row>
      <Row label="Kind">{c.kind === 'tpo' ? 'Treatment, payment and operations (TPO)' : c.kind === 'specific' ? 'Named recipient' : ''}</Row>
      <Row label="Who may disclose">{c.discloser}</Row>
      <Row label="Information">
        {c.information.categories.length > 0 && c.information.description
          ? `${c.information.categories.map(categoryLabel).join('; ')} — ${c.information.description}`
          : ''}
      </Row>
      <Row label="Recipient">
        {recipientText(c)}
        {c.kind !== 'tpo' && c.recipient.category ? ` · ${labelFor(RECIPIENT_CATEGORIES, c.recipient.category)}` : ''}
      </Row>
      <Row label="Purpose">{c.purpose.code ? `${purposeLabel(c.purpose.code)}${c.purpose.text ? ` — ${c.purpose.text}` : ''}` : ''}</Row>
      <Row label="Right to revoke">{c.revocation_statement}</Row>
      <Row label="Ends">{expiryText(c)}</Row>
    </dl>
  );
}
