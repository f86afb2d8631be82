// Part 2 consents and disclosures against the real binary, on SQLite and PostgreSQL: a draft that names every
// missing element on activation, activation with a drawn signature, releases as PDF, CSV and API (each with
// the 2024 notice), revocation then refusal with its reason, the legal-proceedings refusal with its privacy
// alert, a court order, and the accounting of disclosures with its PDF.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'consents.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const NOTICE_START = 'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).';
const today = new Date().toISOString().slice(0, 10);
const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
const signature = {
  role: 'client', signer_name: 'Rosa Reyes', method: 'drawn',
  image: { width: 600, height: 200, strokes: [[[10, 100], [60, 80], [120, 120]], [[200, 90], [260, 95]]] },
};

for (const [engine, dbFor] of engines) {
  describe(`consent and disclosure API on ${engine}`, () => {
    let dir, server, base, client;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      await setUpProgram(base);
      const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given: 'Rosa', family: 'Reyes' }, birth_date: '1990-05-06' } });
      assert.equal(c.status, 201, c.text);
      client = c.json;
      assert.equal(client.part2, true);  // Part 2 provenance on the records the program creates
    });
    after(async () => { await server.stop(); cleanup(dir); });

    const release = (consentId, extra = {}) => api(base, 'POST', `/api/v1/clients/${client.id}/disclosures`, {
      body: { consent_id: consentId, recipient_name: 'Jane Smith', recipient_address: '12 Elm St', purpose: 'family_involvement',
        categories: ['demographics'], description: 'Contact details for the family session', channel: 'pdf', ...extra },
    });

    test('create → activate → disclose as PDF, CSV and API → revoke → refused → accounting', async () => {
      const draft = await api(base, 'POST', `/api/v1/clients/${client.id}/consents`, { body: { kind: 'specific' } });
      assert.equal(draft.status, 201, draft.text);
      assert.equal(draft.json.status, 'draft');
      assert.equal(draft.json.part2, true);
      assert.equal(draft.json.discloser, 'Test Clinic');

      const incomplete = await api(base, 'POST', `/api/v1/consents/${draft.json.id}/activate`, { headers: ifMatch(1), body: {} });
      assert.equal(incomplete.status, 400, incomplete.text);
      assert.deepEqual(fieldsOf(incomplete), ['expiration.kind', 'information.categories', 'information.description', 'purpose.code',
        'recipient.category', 'recipient.kind', 'recipient.name', 'signature', 'signed_on']);

      const patched = await api(base, 'PATCH', `/api/v1/consents/${draft.json.id}`, {
        headers: ifMatch(1),
        body: {
          information: { categories: ['demographics', 'attendance'], description: 'Contact details and attendance dates' },
          recipient: { kind: 'person', category: 'family', name: 'Jane Smith', address: '12 Elm St', relationship: 'sister' },
          purpose: { code: 'family_involvement', text: 'So my sister can support my recovery' },
          expiration: { kind: 'date', date: nextYear },
        },
      });
      assert.equal(patched.status, 200, patched.text);
      assert.match(patched.json.plain_language, /^You allow Test Clinic to share .* with Jane Smith \(sister\)/);

      const active = await api(base, 'POST', `/api/v1/consents/${draft.json.id}/activate`, { headers: ifMatch(2), body: { signature, signed_on: today } });
      assert.equal(active.status, 200, active.text);
      assert.equal(active.json.status, 'active');
      assert.equal(active.json.signature.signer_name, 'Rosa Reyes');
      assert.equal(active.json.signature.content_sha256.length, 64);
      const id = active.json.id;

      const pdf = await release(id);
      assert.equal(pdf.status, 200, pdf.text);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('cache-control'), 'no-store');
      assert.match(pdf.headers.get('content-disposition'), /^attachment; filename="disclosure-[0-9a-f-]+\.pdf"$/);
      assert.ok(pdf.text.startsWith('%PDF-'));

      const csv = await release(id, { channel: 'csv' });
      assert.equal(csv.status, 200, csv.text);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      assert.ok(csv.text.startsWith(`notice_version,2024\r\nnotice,"${NOTICE_START}`));
      assert.ok(csv.text.includes('authority,Patient,Rosa Reyes'));

      const json = await release(id, { channel: 'api' });
      assert.equal(json.status, 201, json.text);
      assert.equal(json.json.notice.version, '2024');
      assert.ok(json.json.notice.text.startsWith(NOTICE_START));
      assert.deepEqual(json.json.consent_summary[0], { label: 'Patient', value: 'Rosa Reyes' });
      assert.equal(json.json.sections[0].category, 'demographics');
      assert.equal(json.json.disclosure.consent_id, id);

      const wrong = await release(id, { recipient_name: 'John Smith' });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.json.error.code, 'permission_denied');
      assert.equal(wrong.json.error.fields[0].field, 'recipient_name');
      assert.match(wrong.json.error.fields[0].message, /^recipient_not_covered: /);

      const shown = await api(base, 'GET', `/api/v1/consents/${id}`);
      assert.equal(shown.json.disclosure_count, 3);
      const consentPdf = await api(base, 'GET', `/api/v1/consents/${id}/pdf`);
      assert.equal(consentPdf.status, 200);
      assert.ok(consentPdf.text.startsWith('%PDF-'));

      const revoked = await api(base, 'POST', `/api/v1/consents/${id}/revoke`, { headers: ifMatch(shown.json.version), body: { method: 'written', note: 'Letter received' } });
      assert.equal(revoked.status, 200, revoked.text);
      assert.equal(revoked.json.status, 'revoked');
      assert.equal(revoked.json.revocation.method, 'written');

      const refused = await release(id);
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.fields[0].field, 'consent_id');
      assert.match(refused.json.error.fields[0].message, /^consent_revoked: /);

      const accounting = await api(base, 'GET', `/api/v1/clients/${client.id}/disclosures?years=3`);
      assert.equal(accounting.status, 200, accounting.text);
      assert.equal(accounting.json.items.length, 3);
      for (const item of accounting.json.items) {
        assert.equal(item.consent_id, id);
        assert.equal(item.consent_status_now, 'revoked');
        assert.equal(item.recipient_name, 'Jane Smith');
        assert.equal(item.purpose_label, 'Family involvement in treatment');
        assert.equal(item.user_name, 'Ada Admin');
      }
      assert.deepEqual(accounting.json.items.map((i) => i.channel).sort(), ['api', 'csv', 'pdf']);
      const six = await api(base, 'GET', `/api/v1/clients/${client.id}/disclosures?years=6`);
      assert.equal(six.json.items.length, 3);
      assert.equal((await api(base, 'GET', `/api/v1/clients/${client.id}/disclosures?years=5`)).status, 400);
      const report = await api(base, 'GET', `/api/v1/clients/${client.id}/disclosures/report.pdf?years=6`);
      assert.equal(report.status, 200);
      assert.equal(report.headers.get('content-type'), 'application/pdf');
    });

    test('legal proceedings are refused without a court order and raise a privacy alert', async () => {
      const refused = await release(null, { purpose: 'legal_proceedings', recipient_name: 'County Court', consent_id: undefined });
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.json.error.fields[0].field, 'court_order_id');
      assert.match(refused.json.error.fields[0].message, /^court_order_required: /);
      const alerts = await api(base, 'GET', '/api/v1/alerts');
      assert.ok(alerts.json.items.some((a) => a.kind === 'legal_disclosure_refused' && a.client_id === client.id), alerts.text);

      const order = await api(base, 'POST', `/api/v1/clients/${client.id}/court-orders`, {
        body: { court: 'Springfield County Court', case_number: '2026-CR-101', judge: 'Hon. A. Park', order_date: today, description: 'Attendance records for the hearing' },
      });
      assert.equal(order.status, 201, order.text);
      assert.equal(order.json.part2, true);
      const allowed = await release(undefined, { purpose: 'legal_proceedings', recipient_name: 'County Court', court_order_id: order.json.id, categories: ['attendance'], channel: 'api' });
      assert.equal(allowed.status, 201, allowed.text);
      assert.equal(allowed.json.consent_summary[1].label, 'Court order');
      const orders = await api(base, 'GET', `/api/v1/clients/${client.id}/court-orders`);
      assert.equal(orders.json.items.length, 1);
    });

    test('bad input names its fields; a TPO consent cannot authorize other purposes; drafts are voided, not active ones', async () => {
      const bad = await api(base, 'POST', `/api/v1/clients/${client.id}/consents`, { body: { kind: 'specific', information: { categories: ['horoscope'] }, colour: 'red' } });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['colour', 'information.categories[0]']);
      const tpoForWork = await api(base, 'POST', `/api/v1/clients/${client.id}/consents`, { body: { kind: 'tpo', purpose: { code: 'employment' } } });
      assert.equal(tpoForWork.status, 400);
      assert.deepEqual(fieldsOf(tpoForWork), ['purpose.code']);

      const tpo = await api(base, 'POST', `/api/v1/clients/${client.id}/consents`, {
        body: { kind: 'tpo', information: { categories: ['all_records'], description: 'All of my treatment records' } },
      });
      assert.equal(tpo.status, 201, tpo.text);
      assert.equal(tpo.json.recipient.kind, 'tpo_class');
      assert.ok(tpo.json.tpo_statements.redisclosure.length > 20);
      const on = await api(base, 'POST', `/api/v1/consents/${tpo.json.id}/activate`, { headers: ifMatch(1), body: { signature: { role: 'client', signer_name: 'Rosa Reyes', method: 'typed' }, signed_on: today } });
      assert.equal(on.status, 200, on.text);
      const nonTpo = await release(tpo.json.id, { purpose: 'employment', recipient_name: 'Acme Corp' });
      assert.equal(nonTpo.status, 403);
      assert.match(nonTpo.json.error.fields[0].message, /^tpo_purpose_only: /);
      const payment = await release(tpo.json.id, { purpose: 'payment', recipient_name: 'Blue Plan', categories: ['attendance'], channel: 'api' });
      assert.equal(payment.status, 201, payment.text);
      assert.equal((await api(base, 'POST', `/api/v1/consents/${tpo.json.id}/void`, { headers: ifMatch(2), body: { reason: 'entered in error' } })).status, 409);

      const draft = await api(base, 'POST', `/api/v1/clients/${client.id}/consents`, { body: { kind: 'specific' } });
      const voided = await api(base, 'POST', `/api/v1/consents/${draft.json.id}/void`, { headers: ifMatch(1), body: { reason: 'entered in error' } });
      assert.equal(voided.status, 200, voided.text);
      assert.equal(voided.json.voided, true);
      assert.equal((await api(base, 'PATCH', `/api/v1/consents/${tpo.json.id}`, { body: {} })).status, 428);

      const list = await api(base, 'GET', `/api/v1/clients/${client.id}/consents`);
      assert.equal(list.status, 200);
      assert.ok(list.json.items.length >= 3);
      const expiring = await api(base, 'GET', '/api/v1/consents/expiring?within_days=365');
      assert.equal(expiring.status, 200);
      assert.ok(expiring.json.items.every((c) => c.status === 'active' && c.client_name));
    });
  });
}
