// Amendment requests against the real binary on SQLite and PostgreSQL: a request is recorded with its
// 60-day due date, answered once (the correction or the denial is appended), the record it is about is
// not changed, and bad input names the field and writes nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'amendments.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();

for (const [engine, dbFor] of engines) {
  describe(`amendment API on ${engine}`, () => {
    let dir, server, base, client;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      await setUpProgram(base);
      const c = await api(base, 'POST', '/api/v1/clients', {
        body: { legal_name: { given: 'Ana', family: 'Reyes' }, birth_date: '1990-05-06', sex_at_birth: 'female' },
      });
      assert.equal(c.status, 201, c.text);
      client = c.json;
    });
    after(async () => {
      await server.stop();
      cleanup(dir);
    });

    test('a request is recorded, denied with a reason, and the client adds a disagreement; the record is unchanged', async () => {
      const before = await api(base, 'GET', `/api/v1/clients/${client.id}`);
      const created = await api(base, 'POST', `/api/v1/clients/${client.id}/amendments`, {
        body: {
          record_type: 'client',
          record_id: client.id,
          record_description: 'Demographics',
          requested_change: 'Birth date is 1990-06-05',
          received_on: '2026-11-20',
        },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.status, 'pending');
      assert.equal(created.json.due_on, '2027-01-19');
      assert.equal(created.json.part2, true);

      const open = await api(base, 'GET', '/api/v1/amendments/open');
      assert.equal(open.status, 200);
      assert.deepEqual(open.json.items.map((a) => [a.id, a.client_name]), [[created.json.id, 'Ana Reyes']]);

      const noVersion = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/decide`, {
        body: { decision: 'denied', denial_reason: 'accurate' },
      });
      assert.equal(noVersion.status, 428);
      const missing = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/decide`, {
        body: { decision: 'denied' },
        headers: ifMatch(1),
      });
      assert.equal(missing.status, 400);
      assert.deepEqual(fieldsOf(missing), ['denial_reason']);

      const denied = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/decide`, {
        body: { decision: 'denied', denial_reason: 'The information is accurate and complete' },
        headers: ifMatch(1),
      });
      assert.equal(denied.status, 200, denied.text);
      assert.equal(denied.json.status, 'denied');
      const again = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/decide`, {
        body: { decision: 'accepted', amendment_text: 'x' },
        headers: ifMatch(2),
      });
      assert.equal(again.status, 409);
      const statement = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/disagreement`, {
        body: { statement: 'My passport says June.' },
        headers: ifMatch(2),
      });
      assert.equal(statement.status, 200, statement.text);

      const list = await api(base, 'GET', `/api/v1/clients/${client.id}/amendments`);
      assert.equal(list.json.items.length, 1);
      assert.equal(list.json.items[0].disagreement, 'My passport says June.');
      assert.equal(list.json.items[0].denial_reason, 'The information is accurate and complete');
      const after = await api(base, 'GET', `/api/v1/clients/${client.id}`);
      assert.equal(after.json.birth_date, before.json.birth_date);
      assert.equal(after.json.version, before.json.version);
      assert.equal((await api(base, 'GET', '/api/v1/amendments/open')).json.items.length, 0);
    });

    test('an extension is once, at most 30 days, with a reason; bad input names fields and writes nothing', async () => {
      const bad = await api(base, 'POST', `/api/v1/clients/${client.id}/amendments`, {
        body: { record_type: 'diary', requested_change: '' },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['record_description', 'record_type', 'requested_change']);
      const count = (await api(base, 'GET', `/api/v1/clients/${client.id}/amendments`)).json.items.length;

      const created = await api(base, 'POST', `/api/v1/clients/${client.id}/amendments`, {
        body: { record_type: 'other', record_description: 'Intake call notes', requested_change: 'I was referred by my employer', received_on: '2026-11-01' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal((await api(base, 'GET', `/api/v1/clients/${client.id}/amendments`)).json.items.length, count + 1);
      const tooFar = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/extend`, {
        body: { extended_to: '2027-02-01', reason: 'records requested' },
        headers: ifMatch(1),
      });
      assert.equal(tooFar.status, 400);
      assert.deepEqual(fieldsOf(tooFar), ['extended_to']);
      const extended = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/extend`, {
        body: { extended_to: '2027-01-30', reason: 'records requested from the hospital' },
        headers: ifMatch(1),
      });
      assert.equal(extended.status, 200, extended.text);
      assert.equal(extended.json.due_on, '2027-01-30');
      const accepted = await api(base, 'POST', `/api/v1/amendments/${created.json.id}/decide`, {
        body: { decision: 'accepted', amendment_text: 'Referral source corrected: employer (EAP).' },
        headers: ifMatch(2),
      });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.json.amendment_text, 'Referral source corrected: employer (EAP).');
    });
  });
}
