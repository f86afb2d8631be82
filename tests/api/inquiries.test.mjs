// The admissions pipeline against the real binary, on SQLite and PostgreSQL: recording a call, bad input
// naming fields, version conflicts, stage moves, booking, follow-ups, the waitlist, the duplicate check
// and creating the client with an assessment episode, and that every read is audited.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'inquiries.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const call = {
  caller_type: 'family', caller_name: 'Luis Reyes', caller_relationship: 'brother', caller_phone: '612-555-0199',
  given_name: 'Dana', family_name: 'Reyes', birth_date: '1990-05-06', phone: '612-555-0101',
  referral_source: '1', substances: ['2', '10'], urgency: 'soon', payer: 'Medica', member_id: 'M123',
  preferred_schedule: 'evenings', notes: 'Works days; asks about evening groups.',
};
const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();

for (const [engine, dbFor] of engines) {
  describe(`admissions pipeline API on ${engine}`, () => {
    let dir, server, base, setup, assessor;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      assessor = (await api(base, 'POST', '/api/v1/staff', {
        body: { given_name: 'Priya', family_name: 'Shah', roles: ['counselor'] },
      })).json;
    });
    after(async () => { await server.stop(); cleanup(dir); });

    test('a call is recorded with few fields; bad input names every field and writes nothing', async () => {
      const quick = await api(base, 'POST', '/api/v1/inquiries', { body: { caller_type: 'self', given_name: 'Sam', phone: '651-555-0142' } });
      assert.equal(quick.status, 201, quick.text);
      assert.equal(quick.json.stage, 'inquiry');
      assert.equal(quick.json.version, 1);
      assert.equal(quick.headers.get('etag'), '"1"');
      assert.match(quick.headers.get('location'), /\/api\/v1\/inquiries\//);

      const bad = await api(base, 'POST', '/api/v1/inquiries', {
        body: { caller_type: 'neighbour', substances: ['2', '42'], referral_source: '9', birth_date: '1990-02-30', surprise: 1 },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['birth_date', 'caller_type', 'given_name', 'referral_source', 'substances[1]', 'surprise']);
      const noWayBack = await api(base, 'POST', '/api/v1/inquiries', { body: { caller_type: 'self', given_name: 'Kim' } });
      assert.equal(noWayBack.status, 400);
      assert.deepEqual(fieldsOf(noWayBack), ['phone']);
      const list = await api(base, 'GET', '/api/v1/inquiries');
      assert.equal(list.json.items.filter((i) => i.display_name === 'Kim').length, 0);
    });

    test('the board lists inquiries with counts per stage, finds names and flags overdue follow-ups', async () => {
      const dana = (await api(base, 'POST', '/api/v1/inquiries', { body: call })).json;
      const task = await api(base, 'POST', `/api/v1/inquiries/${dana.id}/tasks`, { body: { title: 'Call back about insurance', due_on: '2020-01-01' } });
      assert.equal(task.status, 201, task.text);
      const badTask = await api(base, 'POST', `/api/v1/inquiries/${dana.id}/tasks`, { body: { due_on: 'soon' } });
      assert.deepEqual(fieldsOf(badTask), ['due_on', 'title']);

      const board = await api(base, 'GET', '/api/v1/inquiries');
      assert.equal(board.status, 200);
      assert.ok(board.json.counts.inquiry >= 2);
      assert.equal(board.json.counts.admitted, 0);
      const card = board.json.items.find((i) => i.id === dana.id);
      assert.equal(card.display_name, 'Dana Reyes');
      assert.equal(card.overdue, true);
      assert.equal(card.next_follow_up_on, '2020-01-01');
      assert.equal(card.phone, undefined, 'the board carries no contact details');

      const overdue = await api(base, 'GET', '/api/v1/inquiries?overdue=true');
      assert.deepEqual(overdue.json.items.map((i) => i.id), [dana.id]);
      const found = await api(base, 'GET', '/api/v1/inquiries?q=rey');
      assert.deepEqual(found.json.items.map((i) => i.id), [dana.id]);
      assert.equal((await api(base, 'GET', '/api/v1/inquiries?stage=nowhere')).json.error.fields[0].field, 'stage');

      const due = await api(base, 'GET', '/api/v1/inquiry-tasks?due_before=2026-01-01');
      assert.equal(due.json.items[0].inquiry_name, 'Dana Reyes');
      const done = await api(base, 'POST', `/api/v1/inquiry-tasks/${task.json.id}/done`, { headers: ifMatch(task.json.version) });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.json.status, 'done');
      const again = await api(base, 'POST', `/api/v1/inquiry-tasks/${task.json.id}/done`, { headers: ifMatch(done.json.version) });
      assert.equal(again.status, 409, 'done once only');
    });

    test('updates need the current version; stage moves need what the stage needs', async () => {
      const r = (await api(base, 'POST', '/api/v1/inquiries', { body: { ...call, given_name: 'Marcus', family_name: 'Bell' } })).json;
      const noVersion = await api(base, 'PUT', `/api/v1/inquiries/${r.id}`, { body: { ...call, received_at: r.received_at } });
      assert.equal(noVersion.status, 428);
      const upd = await api(base, 'PUT', `/api/v1/inquiries/${r.id}`, { headers: ifMatch(1), body: { ...call, given_name: 'Marcus', family_name: 'Bell', received_at: r.received_at, notes: 'Prefers text' } });
      assert.equal(upd.status, 200, upd.text);
      assert.equal(upd.json.notes, 'Prefers text');
      const stale = await api(base, 'PUT', `/api/v1/inquiries/${r.id}`, { headers: ifMatch(1), body: { ...call, received_at: r.received_at } });
      assert.equal(stale.status, 412);

      const close = await api(base, 'POST', `/api/v1/inquiries/${r.id}/stage`, { headers: ifMatch(2), body: { stage: 'closed' } });
      assert.equal(close.status, 400);
      assert.deepEqual(fieldsOf(close), ['reason']);
      const refer = await api(base, 'POST', `/api/v1/inquiries/${r.id}/stage`, { headers: ifMatch(2), body: { stage: 'referred' } });
      assert.deepEqual(fieldsOf(refer), ['referred_to']);
      const skip = await api(base, 'POST', `/api/v1/inquiries/${r.id}/stage`, { headers: ifMatch(2), body: { stage: 'admitted' } });
      assert.deepEqual(fieldsOf(skip), ['stage']);
      const wait = await api(base, 'POST', `/api/v1/inquiries/${r.id}/stage`, { headers: ifMatch(2), body: { stage: 'waitlisted' } });
      assert.deepEqual(fieldsOf(wait), ['track_id']);
      const waitlisted = await api(base, 'POST', `/api/v1/inquiries/${r.id}/stage`, { headers: ifMatch(2), body: { stage: 'waitlisted', track_id: setup.track.id } });
      assert.equal(waitlisted.status, 200, waitlisted.text);
      assert.equal(waitlisted.json.track_name, 'Morning');

      const waitlist = await api(base, 'GET', '/api/v1/waitlist');
      const morning = waitlist.json.tracks.find((t) => t.track_id === setup.track.id);
      assert.equal(morning.capacity, 12);
      assert.equal(morning.open_places, 12 - morning.enrolled);
      assert.deepEqual(morning.entries.map((e) => [e.name, e.position]), [['Marcus Bell', 1]]);

      const voided = await api(base, 'POST', `/api/v1/inquiries/${r.id}/void`, { headers: ifMatch(3), body: { reason: 'entered twice' } });
      assert.equal(voided.status, 200, voided.text);
      assert.equal(voided.json.voided, true);
      assert.equal((await api(base, 'GET', '/api/v1/waitlist')).json.tracks.find((t) => t.track_id === setup.track.id).entries.length, 0);
    });

    test('booking, the duplicate check and creating the client open an assessment episode for the assessor', async () => {
      const existing = await api(base, 'POST', '/api/v1/clients', {
        body: { legal_name: { given: 'Daniela', family: 'Ortiz' }, birth_date: '1985-03-03', phone: '(763) 555-0177' },
      });
      assert.equal(existing.status, 201, existing.text);
      const r = (await api(base, 'POST', '/api/v1/inquiries', {
        body: { caller_type: 'self', given_name: 'Daniela', family_name: 'Ortiz', birth_date: '1985-03-03', phone: '763-555-0177', program_id: setup.program.id },
      })).json;
      assert.equal(r.client_id, null, 'a new inquiry never names a client');
      assert.deepEqual(r.next_stages, ['screening', 'referred', 'waitlisted', 'closed'], 'the moves the page offers come from the server');
      const read = await api(base, 'GET', `/api/v1/inquiries/${r.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.json.program_name, 'Adult IOP');
      assert.deepEqual(read.json.substances, []);

      const early = await api(base, 'POST', `/api/v1/inquiries/${r.id}/client`, { headers: ifMatch(1), body: { client_id: existing.json.id } });
      assert.equal(early.status, 409);
      const badBooking = await api(base, 'POST', `/api/v1/inquiries/${r.id}/book-assessment`, { headers: ifMatch(1), body: { at: 'tomorrow', assessor_id: setup.program.id } });
      assert.equal(badBooking.status, 400);
      assert.deepEqual(fieldsOf(badBooking), ['at']);
      const wrongStaff = await api(base, 'POST', `/api/v1/inquiries/${r.id}/book-assessment`, { headers: ifMatch(1), body: { at: '2030-01-15T15:00:00Z', assessor_id: setup.program.id } });
      assert.deepEqual(fieldsOf(wrongStaff), ['assessor_id']);
      const booked = await api(base, 'POST', `/api/v1/inquiries/${r.id}/book-assessment`, { headers: ifMatch(1), body: { at: '2030-01-15T15:00:00Z', assessor_id: assessor.id } });
      assert.equal(booked.status, 200, booked.text);
      assert.equal(booked.json.stage, 'assessment_booked');
      assert.equal(booked.json.assessor_name, 'Priya Shah');
      assert.equal(booked.json.assessment_at, '2030-01-15T15:00:00.000Z');

      const dups = await api(base, 'GET', `/api/v1/inquiries/${r.id}/possible-duplicates`);
      assert.equal(dups.status, 200, dups.text);
      assert.equal(dups.json.items.length, 1);
      assert.equal(dups.json.items[0].id, existing.json.id);
      assert.deepEqual(dups.json.items[0].why, ['same family name and birth date', 'same phone number']);
      // The same check before registering anyone from the client list: a POST, so no name or date sits in a URL.
      const direct = await api(base, 'POST', '/api/v1/clients/possible-duplicates', { body: { given: 'Daniela', family: 'Ortiz', birth_date: '1985-03-03' } });
      assert.equal(direct.status, 200, direct.text);
      assert.deepEqual(direct.json.items.map((c) => c.id), [existing.json.id]);
      const noFamily = await api(base, 'POST', '/api/v1/clients/possible-duplicates', { body: { given: 'Daniela', birth_date: 'soon' } });
      assert.equal(noFamily.status, 400);
      assert.deepEqual(fieldsOf(noFamily), ['birth_date', 'family']);
      const nobody = await api(base, 'POST', '/api/v1/clients/possible-duplicates', { body: { given: 'Zed', family: 'Nobody', phone: '000' } });
      assert.deepEqual(nobody.json.items, []);

      const badClient = await api(base, 'POST', `/api/v1/inquiries/${r.id}/client`, { headers: ifMatch(2), body: { client: { legal_name: { given: 'Daniela' }, birth_date: '2090-01-01' } } });
      assert.equal(badClient.status, 400);
      assert.deepEqual(fieldsOf(badClient), ['client.legal_name.family']);
      const stale = await api(base, 'POST', `/api/v1/inquiries/${r.id}/client`, { headers: ifMatch(1), body: { client_id: existing.json.id } });
      assert.equal(stale.status, 412);
      const linked = await api(base, 'POST', `/api/v1/inquiries/${r.id}/client`, { headers: ifMatch(2), body: { client_id: existing.json.id } });
      assert.equal(linked.status, 200, linked.text);
      assert.equal(linked.json.client_id, existing.json.id);
      assert.equal(linked.json.episode.stage, 'assessment');
      assert.equal(linked.json.episode.counselor_id, assessor.id);
      const chart = await api(base, 'GET', `/api/v1/clients/${existing.json.id}`);
      assert.equal(chart.json.current_episode.stage, 'assessment');
      assert.equal(chart.json.current_episode.counselor_name, 'Priya Shah');

      const fresh = (await api(base, 'POST', '/api/v1/inquiries', { body: { caller_type: 'self', given_name: 'Noor', family_name: 'Haddad', phone: '952-555-0123', program_id: setup.program.id } })).json;
      await api(base, 'POST', `/api/v1/inquiries/${fresh.id}/book-assessment`, { headers: ifMatch(1), body: { at: '2030-01-16T15:00:00Z', assessor_id: assessor.id } });
      const created = await api(base, 'POST', `/api/v1/inquiries/${fresh.id}/client`, { headers: ifMatch(2), body: { client: { legal_name: { given: 'Noor', family: 'Haddad' }, birth_date: '1999-09-09', phone: '952-555-0123' } } });
      assert.equal(created.status, 200, created.text);
      const client = await api(base, 'GET', `/api/v1/clients/${created.json.client_id}`);
      assert.equal(client.json.display_name, 'Noor Haddad');
      assert.match(client.json.mrn, /^SW-/);
    });

    test('reads and the duplicate check are audited under admissions', async () => {
      const items = [];
      for (const action of ['create', 'update', 'void', 'query', 'read']) {
        const r = await api(base, 'GET', `/api/v1/audit-events?action=${action}&sort=occurred_at&order=desc&limit=200`);
        assert.equal(r.status, 200, r.text);
        items.push(...r.json.items.filter((e) => e.data_category === 'admissions'));
      }
      const kinds = new Set(items.map((e) => `${e.action}:${e.resource_type}`));
      for (const k of ['create:inquiry', 'update:inquiry', 'void:inquiry', 'query:inquiry', 'read:inquiry', 'create:inquiry_task', 'query:waitlist']) {
        assert.ok(kinds.has(k), `missing ${k} in ${[...kinds]}`);
      }
      const events = { json: { items } };
      assert.ok(events.json.items.some((e) => e.action === 'read' && /duplicate check/.test(e.reason ?? '')));
    });
  });
}
