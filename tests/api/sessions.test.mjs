// Session records against the real binary, on SQLite and PostgreSQL: a telehealth group met yesterday with three
// enrolled clients → roll call with bad input naming fields (nothing saved) → roll call and batch notes in one PUT
// → signing with the password (an unlicensed counselor's notes wait for a co-sign) → the co-sign queue and
// co-sign → no other attendee's name in a client's notes or timeline → an individual note signed, locked and
// amended (the hash kept) → attended hours, billing suggestions, unsigned lists, My day and settings.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, Session, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'sessions.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const PASSWORD = 'correct horse battery staple 9';
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

for (const [engine, dbFor] of engines) {
  describe(`session records API on ${engine}`, () => {
    let dir, server, base, setup, priya, lena, priyaStaff, clients, outsider, occ, groupVersion;
    const roll = () => ({
      shared_note: { summary: 'Urge surfing practice and a relapse-prevention worksheet.' },
      attendance: [
        { client_id: clients[0].id, status: 'present' },
        { client_id: clients[1].id, status: 'late', late_minutes: 15 },
        { client_id: clients[2].id, status: 'absent_excused', absence_reason: 'Court date' },
      ],
      notes: [
        { client_id: clients[0].id, participation: 'Shared a recent trigger.', mood_affect: 'Euthymic', risk: { level: 'none' }, client_quote: 'One day at a time', text: 'Engaged.' },
        { client_id: clients[1].id, participation: 'Arrived late, then engaged.', mood_affect: 'Anxious', risk: { level: 'low', observations: 'Poor sleep' }, text: '' },
      ],
    });

    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      const person = async (given, family, roles, credentials) => {
        const s = await api(base, 'POST', '/api/v1/staff', { body: { given_name: given, family_name: family, roles, credentials } });
        assert.equal(s.status, 201, s.text);
        const u = await api(base, 'POST', '/api/v1/users', {
          body: { username: given.toLowerCase(), display_name: `${given} ${family}`, password: PASSWORD, roles, staff_id: s.json.id },
        });
        assert.equal(u.status, 201, u.text);
        const session = new Session(base);
        assert.equal((await session.signIn(given.toLowerCase(), PASSWORD)).status, 200);
        return [s.json, session];
      };
      // Priya is a certified (not licensed) counselor; Lena a licensed therapist who co-signs.
      [priyaStaff, priya] = await person('Priya', 'Shah', ['counselor'], [{ type: 'CADC', license_number: 'C-1', issuing_state: 'MN', expires_on: '2031-01-01' }]);
      [, lena] = await person('Lena', 'Ortiz', ['therapist', 'medical'], [{ type: 'LCSW', license_number: 'L-1', issuing_state: 'MN', expires_on: '2031-01-01' }]);
      [, outsider] = await person('Omar', 'Price', ['counselor'], []);
      clients = [];
      for (const [given, family] of [['Ana', 'Silva'], ['Ben', 'Cole'], ['Cy', 'Diaz'], ['Dee', 'Eng']]) {
        const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family }, birth_date: '1990-05-06', sex_at_birth: 'female' } });
        assert.equal(c.status, 201, c.text);
        clients.push(c.json);
        const e = await api(base, 'POST', `/api/v1/clients/${c.json.id}/episodes`, {
          body: { program_id: setup.program.id, stage: 'treatment', level_of_care: '2.1', admission_date: day(-10), track_id: setup.track.id, counselor_id: priyaStaff.id },
        });
        assert.equal(e.status, 201, e.text);
      }
      for (const c of clients.slice(0, 3)) {
        const en = await api(base, 'POST', `/api/v1/clients/${c.id}/enrollments`, { body: { track_id: setup.track.id, starts_on: day(-9) } });
        assert.equal(en.status, 201, en.text);
      }
      const series = await api(base, 'POST', '/api/v1/group-series', {
        body: {
          track_id: setup.track.id, title: 'Relapse prevention', group_type: 'relapse_prevention', topic: 'Coping with cravings',
          curriculum_module: 'RP 3', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '09:00', end: '10:30',
          interval_weeks: 1, starts_on: day(-8), modality: 'telehealth', meeting_link: 'https://meet.example.org/rp',
          facilitator_staff_ids: [priyaStaff.id], required_credentials: [], size_limit: 12,
        },
      });
      assert.equal(series.status, 201, series.text);
      occ = `${series.json.id}:${day(-1)}`;
    });
    after(async () => { await server?.stop(); cleanup(dir); });

    test('the group record starts empty with its roster and templates', async () => {
      const r = await priya.call('GET', `/api/v1/group-sessions/${occ}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.record, null);
      assert.deepEqual(r.json.roster.map((x) => x.client_name).sort(), ['Ana Silva', 'Ben Cole', 'Cy Diaz']);
      assert.ok(r.json.templates.length > 0);
      assert.equal((await outsider.call('GET', `/api/v1/group-sessions/${occ}`)).status, 404);
      assert.equal((await priya.call('GET', `/api/v1/group-sessions/not-an-occurrence`)).status, 400);
    });

    test('bad roll call names the field and saves nothing', async () => {
      const offRoster = roll();
      offRoster.attendance.push({ client_id: clients[3].id, status: 'present' });
      let r = await priya.call('PUT', `/api/v1/group-sessions/${occ}`, { body: offRoster });
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(fieldsOf(r), ['attendance[3].client_id']);
      const tooLate = roll();
      tooLate.attendance[1].late_minutes = 90;
      r = await priya.call('PUT', `/api/v1/group-sessions/${occ}`, { body: tooLate });
      assert.deepEqual(fieldsOf(r), ['attendance[1].late_minutes']);
      const naming = roll();
      naming.notes[0].text = 'Supported ben when he talked about his job.';
      r = await priya.call('PUT', `/api/v1/group-sessions/${occ}`, { body: naming });
      assert.deepEqual(fieldsOf(r), ['notes[0].text']);
      assert.match(r.json.error.fields[0].message, /names another attendee/);
      r = await priya.call('GET', `/api/v1/group-sessions/${occ}`);
      assert.equal(r.json.record, null);
    });

    test('roll call and batch notes save in one request; the next save needs If-Match', async () => {
      const r = await priya.call('PUT', `/api/v1/group-sessions/${occ}`, { body: roll() });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('etag'), '"1"');
      const rec = r.json.record;
      assert.equal(rec.status, 'draft');
      assert.equal(rec.part2, true);
      assert.deepEqual(Object.fromEntries(rec.attendance.map((a) => [a.client_name, a.attended_minutes])), { 'Ana Silva': 90, 'Ben Cole': 75, 'Cy Diaz': 0 });
      assert.equal(rec.notes.length, 2);
      assert.equal((await priya.call('PUT', `/api/v1/group-sessions/${occ}`, { body: roll() })).status, 428);
      const again = await priya.call('PUT', `/api/v1/group-sessions/${occ}`, { headers: ifMatch(1), body: roll() });
      assert.equal(again.status, 200, again.text);
      groupVersion = again.json.record.version;
      const unsigned = await priya.call('GET', '/api/v1/notes/unsigned');
      assert.equal(unsigned.json.items.length, 3);
    });

    test('signing needs the password; an unlicensed author waits for a licensed co-sign', async () => {
      let r = await priya.call('POST', `/api/v1/group-sessions/${occ}/sign`, { body: { password: 'wrong password here' } });
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(fieldsOf(r), ['password']);
      r = await lena.call('POST', `/api/v1/group-sessions/${occ}/sign`, { body: { password: PASSWORD } });
      assert.equal(r.status, 403, r.text);
      assert.deepEqual(fieldsOf(r), ['author']);
      r = await priya.call('POST', `/api/v1/group-sessions/${occ}/sign`, { body: { password: PASSWORD } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.record.status, 'awaiting_cosign');
      assert.match(r.json.record.content_sha256, /^[0-9a-f]{64}$/);
      const locked = await priya.call('PUT', `/api/v1/group-sessions/${occ}`, { headers: ifMatch(r.json.record.version), body: roll() });
      assert.equal(locked.status, 409, locked.text);
      assert.equal((await priya.call('GET', '/api/v1/notes/cosign-queue')).status, 403);
      const queue = await lena.call('GET', '/api/v1/notes/cosign-queue');
      assert.equal(queue.status, 200, queue.text);
      assert.equal(queue.json.items.length, 3);
      r = await lena.call('POST', `/api/v1/group-sessions/${occ}/cosign`, { body: { password: PASSWORD } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.record.status, 'signed');
      assert.equal(r.json.record.cosigner_name, 'Lena Ortiz');
      assert.equal((await lena.call('GET', '/api/v1/notes/cosign-queue')).json.items.length, 0);
      assert.ok(groupVersion >= 2);
    });

    test("no other attendee's name reaches a client's notes or timeline", async () => {
      const notes = await priya.call('GET', `/api/v1/clients/${clients[0].id}/notes`);
      assert.equal(notes.status, 200, notes.text);
      assert.equal(notes.json.items.length, 1);
      assert.equal(notes.json.items[0].shared_note.summary, roll().shared_note.summary);
      assert.match(notes.json.items[0].signed_text, /Ana Silva/);
      const timeline = await priya.call('GET', `/api/v1/clients/${clients[0].id}/timeline?from=${day(-30)}&to=${day(0)}`);
      assert.equal(timeline.status, 200, timeline.text);
      assert.deepEqual(timeline.json.items.map((i) => i.type).sort(), ['attendance', 'group_session']);
      for (const text of [notes.text, timeline.text]) {
        for (const other of ['Ben', 'Cole', 'Diaz', 'Court date']) assert.ok(!text.includes(other), `${other} in Ana's chart`);
      }
    });

    test('an individual note signs once, locks, and takes addenda that keep its hash', async () => {
      const body = {
        kind: 'individual', format: 'BIRP', start_at: `${day(-1)}T18:00:00Z`, end_at: `${day(-1)}T18:50:00Z`, modality: 'cbt', delivery: 'in_person',
        sections: { behavior: 'Calm, engaged.', intervention: 'Cognitive restructuring.', response: 'Identified two automatic thoughts.', plan: 'Thought log daily.' },
      };
      const bad = await lena.call('POST', `/api/v1/clients/${clients[0].id}/notes`, { body: { ...body, sections: { data: 'x' }, family_members: [{ name: 'Rosa' }] } });
      assert.equal(bad.status, 400, bad.text);
      assert.deepEqual(fieldsOf(bad), ['family_members', 'sections.data']);
      const created = await lena.call('POST', `/api/v1/clients/${clients[0].id}/notes`, { body });
      assert.equal(created.status, 201, created.text);
      const id = created.json.id;
      assert.equal((await priya.call('POST', `/api/v1/notes/${id}/sign`, { body: { password: PASSWORD } })).status, 403);
      const signed = await lena.call('POST', `/api/v1/notes/${id}/sign`, { body: { password: PASSWORD } });
      assert.equal(signed.status, 200, signed.text);
      assert.equal(signed.json.status, 'signed');
      const hash = signed.json.content_sha256;
      const edit = await lena.call('PUT', `/api/v1/notes/${id}`, { headers: ifMatch(signed.json.version), body });
      assert.equal(edit.status, 409, edit.text);
      assert.match(edit.json.error.message, /addendum/);
      const add = await lena.call('POST', `/api/v1/notes/${id}/addenda`, { body: { reason: 'Clarify the plan', text: 'Thought log on weekdays.' } });
      assert.equal(add.status, 201, add.text);
      assert.equal(add.json.content_sha256, hash);
      assert.equal(add.json.addenda.length, 1);
      const billing = await priya.call('GET', `/api/v1/clients/${clients[0].id}/billing-suggestions?from=${day(-1)}&to=${day(-1)}`);
      assert.equal(billing.status, 200, billing.text);
      assert.deepEqual(billing.json.items.map((i) => i.code), [null, '90853', '90834']);
    });

    test('a family note lists only family members the client consented to involve', async () => {
      const body = {
        kind: 'family', format: 'DAP', start_at: `${day(-2)}T17:00:00Z`, end_at: `${day(-2)}T18:00:00Z`, modality: 'family_systems', delivery: 'in_person',
        sections: { data: 'Family session on communication at home.', assessment: 'Supportive, some conflict over curfew.', plan: 'Weekly family check-in.' },
        family_members: [{ name: 'Rosa Silva', relationship: 'mother' }],
      };
      const path = `/api/v1/clients/${clients[0].id}/notes`;
      const before = (await lena.call('GET', path)).json.items.length;
      const refused = await lena.call('POST', path, { body });
      assert.equal(refused.status, 400, refused.text);
      assert.deepEqual(fieldsOf(refused), ['family_members[0].name']);
      assert.equal((await lena.call('GET', path)).json.items.length, before, 'a refused family note was saved');

      const draft = await api(base, 'POST', `/api/v1/clients/${clients[0].id}/consents`, { body: { kind: 'specific' } });
      assert.equal(draft.status, 201, draft.text);
      const patched = await api(base, 'PATCH', `/api/v1/consents/${draft.json.id}`, {
        headers: ifMatch(1),
        body: {
          information: { categories: ['attendance', 'progress'], description: 'Attendance and progress for family sessions' },
          recipient: { kind: 'person', category: 'family', name: 'Rosa Silva', address: '4 Pine St', relationship: 'mother' },
          purpose: { code: 'family_involvement', text: 'So my mother can take part in family sessions' },
          expiration: { kind: 'date', date: `${new Date().getUTCFullYear() + 1}-06-30` },
        },
      });
      assert.equal(patched.status, 200, patched.text);
      const active = await api(base, 'POST', `/api/v1/consents/${draft.json.id}/activate`, {
        headers: ifMatch(2), body: { signature: { role: 'client', signer_name: 'Ana Silva', method: 'typed' }, signed_on: day(0) },
      });
      assert.equal(active.status, 200, active.text);

      const accepted = await lena.call('POST', path, { body: { ...body, family_members: [{ name: 'rosa silva', relationship: 'mother' }] } });
      assert.equal(accepted.status, 201, accepted.text);
      assert.deepEqual(accepted.json.family_members.map((m) => m.name), ['rosa silva']);
      const stranger = await lena.call('POST', path, { body: { ...body, family_members: [{ name: 'Rosa Silva' }, { name: 'Tom Silva', relationship: 'uncle' }] } });
      assert.equal(stranger.status, 400, stranger.text);
      assert.deepEqual(fieldsOf(stranger), ['family_members[1].name']);
    });

    test("My day links today's appointment to the note written for it", async () => {
      const lenaStaff = (await api(base, 'GET', '/api/v1/staff?limit=100')).json.items.find((x) => x.given_name === 'Lena');
      const localToday = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
      // A note documents a session that has started: open the program all day and book today's first minutes,
      // which have started whatever the hour the test runs.
      const hours = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/opening-hours`);
      const allDay = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/opening-hours`, { headers: ifMatch(hours.json.version), body: { open: '00:00', close: '24:00' } });
      assert.equal(allDay.status, 200, allDay.text);
      const appt = await api(base, 'POST', '/api/v1/appointments', {
        body: { kind: 'individual', client_id: clients[3].id, staff_id: lenaStaff.id, modality: 'telehealth', meeting_link: 'https://meet.example.org/dee', date: localToday, start: '00:00', end: '00:50' },
      });
      assert.equal(appt.status, 201, appt.text);
      const ofAppt = async () => (await lena.call('GET', '/api/v1/my-day')).json.appointments.find((a) => a.id === appt.json.id);
      assert.equal((await ofAppt()).note_id, null);
      const note = await lena.call('POST', `/api/v1/clients/${clients[3].id}/notes`, {
        body: { kind: 'individual', format: 'DAP', appointment_id: appt.json.id, modality: 'mi', sections: { data: 'Reviewed the week.', assessment: 'Ambivalent about the plan.', plan: 'Decisional balance next time.' } },
      });
      assert.equal(note.status, 201, note.text);
      assert.equal((await ofAppt()).note_id, note.json.id);
    });

    test('attended hours, My day, unsigned lists and settings', async () => {
      const hours = await priya.call('GET', `/api/v1/clients/${clients[1].id}/attended-hours?week_of=${day(-1)}`);
      assert.equal(hours.status, 200, hours.text);
      assert.equal(hours.json.per_week, 1.25);
      assert.ok(hours.json.checks.some((c) => c.code === 'asam_21_adult' && c.ok === false));
      const mine = await priya.call('GET', '/api/v1/my-day');
      assert.equal(mine.status, 200, mine.text);
      assert.equal(mine.json.groups.length, 1);
      // The group meets daily; today's (local) is yesterday's UTC date in a Chicago evening, then signed.
      const localToday = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
      assert.equal(mine.json.date, localToday);
      assert.equal(mine.json.groups[0].roll_call_status, localToday === day(-1) ? 'signed' : 'none');
      assert.equal((await priya.call('GET', '/api/v1/notes/unsigned?all=1')).status, 403);
      const all = await api(base, 'GET', '/api/v1/notes/unsigned?all=1');
      assert.equal(all.status, 200, all.text);
      const settings = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/session-settings`);
      assert.equal(settings.json.absences_for_outreach, 2);
      const bad = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/session-settings`, { body: { note_format: 'PIE' } });
      assert.deepEqual(fieldsOf(bad), ['note_format']);
      const ok = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/session-settings`, { body: { note_format: 'SOAP', absences_for_outreach: 3 } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.headers.get('etag'), '"1"');
    });
  });
}
