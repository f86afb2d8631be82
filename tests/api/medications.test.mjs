// Medications, prescriber referrals and adherence against the real binary on SQLite and PostgreSQL: the
// list with a stop and its reason, the expected drug-test analytes of each entry, a referral's follow-up
// task moving with its status, repeated non-adherence opening one adherence task, the weekly trend, and
// bad input naming the field and writing nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'medications.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
// The server's "today" is the UTC date; dates here are relative to it.
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

const buprenorphine = {
  name: 'Buprenorphine/naloxone sublingual film', dose: '8 mg/2 mg', route: 'sublingual', frequency: 'once daily',
  prescriber: 'Dr. Reyes', mat_kind: 'buprenorphine', source: 'prescriber', start_on: day(-20), rxnorm_code: '1819',
};

for (const [engine, dbFor] of engines) {
  describe(`medications API on ${engine}`, () => {
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

    test('a medication list with expected analytes; a stopped benzodiazepine keeps its reason and is no longer expected', async () => {
      const bup = await api(base, 'POST', `/api/v1/clients/${client.id}/medications`, { body: buprenorphine });
      assert.equal(bup.status, 201, bup.text);
      assert.equal(bup.json.category, 'addiction');
      assert.equal(bup.json.part2, true);
      assert.equal(bup.json.active, true);
      assert.deepEqual(bup.json.expected_analytes, ['buprenorphine', 'norbuprenorphine']);
      assert.equal(bup.headers.get('etag'), '"1"');

      const benzo = await api(base, 'POST', `/api/v1/clients/${client.id}/medications`, {
        body: { name: 'Clonazepam 0.5 mg', dose: '0.5 mg', route: 'oral', frequency: 'twice daily', category: 'psychiatric',
          source: 'client_report', start_on: day(-30) },
      });
      assert.equal(benzo.status, 201, benzo.text);
      assert.deepEqual(benzo.json.expected_analytes, ['benzodiazepines']);

      const noReason = await api(base, 'POST', `/api/v1/medications/${benzo.json.id}/stop`, {
        body: { stop_on: day(-1) }, headers: ifMatch(1),
      });
      assert.equal(noReason.status, 400);
      assert.deepEqual(fieldsOf(noReason), ['reason']);
      const stopped = await api(base, 'POST', `/api/v1/medications/${benzo.json.id}/stop`, {
        body: { stop_on: day(-1), reason: 'Tapered off with the prescriber' }, headers: ifMatch(1),
      });
      assert.equal(stopped.status, 200, stopped.text);
      assert.equal(stopped.json.active, false);
      assert.equal(stopped.json.stop_reason, 'Tapered off with the prescriber');
      const again = await api(base, 'POST', `/api/v1/medications/${benzo.json.id}/stop`, {
        body: { stop_on: day(0), reason: 'x' }, headers: ifMatch(2),
      });
      assert.equal(again.status, 409);

      const edit = await api(base, 'PUT', `/api/v1/medications/${bup.json.id}`, {
        body: { ...buprenorphine, dose: '12 mg/3 mg' }, headers: ifMatch(1),
      });
      assert.equal(edit.status, 200, edit.text);
      assert.equal(edit.json.dose, '12 mg/3 mg');
      const stale = await api(base, 'PUT', `/api/v1/medications/${bup.json.id}`, { body: buprenorphine, headers: ifMatch(1) });
      assert.equal(stale.status, 412);

      const list = await api(base, 'GET', `/api/v1/clients/${client.id}/medications`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.json.items.map((m) => [m.name, m.active]),
        [['Buprenorphine/naloxone sublingual film', true], ['Clonazepam 0.5 mg', false]]);
    });

    test('bad input names the field and writes nothing', async () => {
      const bad = await api(base, 'POST', `/api/v1/clients/${client.id}/medications`, {
        body: { ...buprenorphine, route: 'by mouth', mat_kind: 'heroin', rxnorm_code: 'abc', dose: '' },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['dose', 'mat_kind', 'route']);
      const wrongCategory = await api(base, 'POST', `/api/v1/clients/${client.id}/medications`, {
        body: { ...buprenorphine, category: 'psychiatric', rxnorm_code: 'abc' },
      });
      assert.deepEqual(fieldsOf(wrongCategory), ['category', 'rxnorm_code']);
      const unknown = await api(base, 'POST', `/api/v1/clients/${client.id}/medications`, { body: { ...buprenorphine, mg: 8 } });
      assert.deepEqual(fieldsOf(unknown), ['mg']);
      const list = await api(base, 'GET', `/api/v1/clients/${client.id}/medications`);
      assert.equal(list.json.items.length, 2);
      const craving = await api(base, 'POST', `/api/v1/clients/${client.id}/adherence`, {
        body: { taken_as_prescribed: true, craving: 11, checked_on: day(1) },
      });
      assert.equal(craving.status, 400);
      assert.deepEqual(fieldsOf(craving), ['craving']);
      const future = await api(base, 'POST', `/api/v1/clients/${client.id}/adherence`, {
        body: { taken_as_prescribed: true, checked_on: day(1) },
      });
      assert.deepEqual(fieldsOf(future), ['checked_on']);
      const none = await api(base, 'GET', `/api/v1/clients/${client.id}/adherence`);
      assert.deepEqual(none.json.items, []);
    });

    test('a referral opens a follow-up task that moves to the appointment and closes when seen', async () => {
      const sent = await api(base, 'POST', `/api/v1/clients/${client.id}/medication-referrals`, {
        body: { provider_name: 'Lakeside Family Medicine', reason: 'Evaluation for MOUD', sent_on: day(-3) },
      });
      assert.equal(sent.status, 201, sent.text);
      assert.equal(sent.json.status, 'sent');
      let tasks = await api(base, 'GET', `/api/v1/clients/${client.id}/tasks`);
      assert.equal(tasks.status, 200, tasks.text);
      let followUps = tasks.json.items.filter((t) => t.kind === 'referral_follow_up' && t.status === 'open');
      assert.equal(followUps.length, 1);
      assert.equal(followUps[0].due_on, day(4));

      const scheduled = await api(base, 'POST', `/api/v1/medication-referrals/${sent.json.id}/status`, {
        body: { status: 'scheduled', date: day(2) }, headers: ifMatch(1),
      });
      assert.equal(scheduled.status, 200, scheduled.text);
      assert.equal(scheduled.json.appointment_on, day(2));
      tasks = await api(base, 'GET', `/api/v1/clients/${client.id}/tasks`);
      followUps = tasks.json.items.filter((t) => t.kind === 'referral_follow_up' && t.status === 'open');
      assert.equal(followUps.length, 1);
      assert.equal(followUps[0].due_on, day(3));

      const backwards = await api(base, 'POST', `/api/v1/medication-referrals/${sent.json.id}/status`, {
        body: { status: 'scheduled', date: day(2) }, headers: ifMatch(2),
      });
      assert.deepEqual(fieldsOf(backwards), ['status']);
      const seen = await api(base, 'POST', `/api/v1/medication-referrals/${sent.json.id}/status`, {
        body: { status: 'seen', date: day(0), outcome: 'Started buprenorphine' }, headers: ifMatch(2),
      });
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.json.outcome, 'Started buprenorphine');
      tasks = await api(base, 'GET', `/api/v1/clients/${client.id}/tasks`);
      assert.equal(tasks.json.items.filter((t) => t.kind === 'referral_follow_up' && t.status === 'open').length, 0);
      const list = await api(base, 'GET', `/api/v1/clients/${client.id}/medication-referrals`);
      assert.deepEqual(list.json.items.map((r) => r.status), ['seen']);
    });

    test('two check-ins not as prescribed within 30 days open one adherence task; the trend counts by week', async () => {
      const meds = await api(base, 'GET', `/api/v1/clients/${client.id}/medications`);
      const bup = meds.json.items[0];
      const ok = await api(base, 'POST', `/api/v1/clients/${client.id}/adherence`, {
        body: { medication_id: bup.id, taken_as_prescribed: true, craving: 2, checked_on: day(-8) },
      });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.adherence_task_id, null);
      const first = await api(base, 'POST', `/api/v1/clients/${client.id}/adherence`, {
        body: { medication_id: bup.id, taken_as_prescribed: false, missed_doses: 2, craving: 6, side_effects: 'nausea', checked_on: day(-7) },
      });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.json.non_adherent, true);
      assert.equal(first.json.adherence_task_id, null);
      const second = await api(base, 'POST', `/api/v1/clients/${client.id}/adherence`, {
        body: { taken_as_prescribed: false, craving: 7 },
      });
      assert.equal(second.status, 201, second.text);
      assert.ok(second.json.adherence_task_id);
      const third = await api(base, 'POST', `/api/v1/clients/${client.id}/adherence`, {
        body: { taken_as_prescribed: false, craving: 7 },
      });
      assert.equal(third.json.adherence_task_id, second.json.adherence_task_id);
      const tasks = await api(base, 'GET', `/api/v1/clients/${client.id}/tasks`);
      assert.equal(tasks.json.items.filter((t) => t.kind === 'adherence' && t.status === 'open').length, 1);

      const trend = await api(base, 'GET', `/api/v1/clients/${client.id}/adherence/trend`);
      assert.equal(trend.status, 200, trend.text);
      assert.equal(trend.json.non_adherent_count, 2);
      const total = trend.json.weeks.reduce((n, w) => n + w.checkins, 0);
      assert.equal(total, 4);
      assert.equal(trend.json.weeks.reduce((n, w) => n + w.as_prescribed, 0), 1);

      const voided = await api(base, 'POST', `/api/v1/adherence/${third.json.id}/void`, {
        body: { reason: 'Entered twice' }, headers: ifMatch(1),
      });
      assert.equal(voided.status, 200, voided.text);
      assert.equal(voided.json.voided, true);
      const after = await api(base, 'GET', `/api/v1/clients/${client.id}/adherence/trend`);
      assert.equal(after.json.weeks.reduce((n, w) => n + w.checkins, 0), 3);
    });
  });
}
