// A refused disclosure in plain words. The server answers 403 with fields whose messages are
// "<reason_code>: <explanation>" (docs/api.md "Disclosure"); each code gets a sentence a counselor can
// say to the person asking, and the server's own explanation follows it.
import { ApiError } from '../../api/client';

const PLAIN: Record<string, string> = {
  consent_not_found: 'There is no consent on record for this release.',
  consent_incomplete: 'The consent is missing elements the law requires, so it cannot be used.',
  consent_not_active: 'The consent has not been signed and activated.',
  consent_expired: 'The consent has expired.',
  consent_revoked: 'The client revoked this consent. Nothing more may be released under it.',
  client_mismatch: 'The consent belongs to a different client.',
  recipient_not_covered: 'The consent does not name this recipient.',
  purpose_not_covered: 'The consent does not allow this purpose.',
  information_not_covered: 'The consent does not cover this information.',
  tpo_purpose_only: 'A treatment, payment and operations (TPO) consent allows only those purposes.',
  court_order_required: 'Use in legal proceedings needs a court order recorded on the chart; a subpoena alone is not enough. The privacy officer has been alerted.',
};

export interface RefusalReason {
  code: string;
  field: string;
  /** The plain sentence for the code. */
  text: string;
  /** The server's explanation (may be empty). */
  detail: string;
}

/** The reasons of a refused disclosure, or null when the error is not a refusal with reasons. */
export function refusalReasons(error: unknown): RefusalReason[] | null {
  if (!(error instanceof ApiError) || error.status !== 403 || error.fields.length === 0) return null;
  return error.fields.map((f) => {
    const m = /^([a-z_]+):\s*(.*)$/s.exec(f.message);
    const code = m?.[1] ?? '';
    const detail = (m ? (m[2] ?? '') : f.message).trim();
    return { code, field: f.field, text: PLAIN[code] ?? detail, detail: PLAIN[code] ? detail : '' };
  });
}
