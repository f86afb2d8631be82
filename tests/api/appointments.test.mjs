// Appointments against the real binary, on SQLite and PostgreSQL: creating in local time, bad input and
// every conflict named as a field error, the live check that saves nothing, the merged calendar, moves
// with If-Match and cancellations, availability editors (overlaps name the entry), an optimizer proposal
// (track assignment and a session) accepted all or nothing, scheduled hours and the director's warnings.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'appointments.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const messages = (r) => (r.json?.error?.fields ?? []).map((f) => f.message);
// 2026-11-09 is a Monday after New York's November change (13:00 local = 18:00Z).
const MONDAY = '2026-11-09';

for (const [engine, dbFor] of engines) {
  describe(`appointments API on ${engine}`, () => {
    let dir, server, base, setup, dana, lee, roomA, office, ana, ben;
    const individual = (over = {}) => ({
      kind: 'individual', client_id: ben.id, staff_id: dana.id, room_id: office.id, modality: 'in_person',
      date: MONDAY, start: '13:00', end: '13:50', ...over,
    });

    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      const org = await api(base, 'GET', '/api/v1/organization');
      const tz = await api(base, 'PUT', '/api/v1/organization', { headers: ifMatch(org.json.version), body: { name: org.json.name, time_zone: 'America/New_York' } });
      assert.equal(tz.status, 200, tz.text);
      const staff = async (given, credentials) => {
        const s = await api(base, 'POST', '/api/v1/staff', { body: { given_name: given, family_name: 'Staff', roles: ['counselor'], credentials } });
        assert.equal(s.status, 201, s.text);
        return s.json;
      };
      dana = await staff('Dana', [{ type: 'LCSW', license_number: 'L-1', issuing_state: 'MN', expires_on: '2031-01-01' }]);
      lee = await staff('Lee', []);
      roomA = (await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Room A', capacity: 14 } })).json;
      office = (await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Office 3', capacity: 3 } })).json;
      const people = [];
      for (const [given, family] of [['Ana', 'Silva'], ['Ben', 'Cole']]) {
        const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family }, birth_date: '1990-05-06', sex_at_birth: 'female' } });
        assert.equal(c.status, 201, c.text);
        const e = await api(base, 'POST', `/api/v1/clients/${c.json.id}/episodes`, {
          body: { program_id: setup.program.id, stage: 'treatment', level_of_care: '2.1', admission_date: '2026-10-01', counselor_id: dana.id },
        });
        assert.equal(e.status, 201, e.text);
        people.push(c.json);
      }
      [ana, ben] = people;
      const series = await api(base, 'POST', '/api/v1/group-series', {
        body: { track_id: setup.track.id, title: 'Process group', group_type: 'process', topic: 'Check-in', days: ['mon', 'wed', 'fri'],
          start: '09:00', end: '12:00', interval_weeks: 1, starts_on: '2026-10-05', room_id: roomA.id, modality: 'in_person',
          facilitator_staff_ids: [dana.id], required_credentials: [], size_limit: 12 },
      });
      assert.equal(series.status, 201, series.text);
      const en = await api(base, 'POST', `/api/v1/clients/${ana.id}/enrollments`, { body: { track_id: setup.track.id, starts_on: '2026-10-05' } });
      assert.equal(en.status, 201, en.text);
    });
    after(async () => { await server?.stop(); cleanup(dir); });

    test('bad input names its fields and saves nothing', async () => {
      const bad = await api(base, 'POST', '/api/v1/appointments', {
        body: { kind: 'individual', staff_id: dana.id, modality: 'telehealth', meeting_link: 'zoom me', date: MONDAY, start: '25:00', end: '13:00' },
      });
      assert.equal(bad.status, 400, bad.text);
      assert.deepEqual(fieldsOf(bad), ['start']);
      const shape = await api(base, 'POST', '/api/v1/appointments', { body: individual({ client_id: null, modality: 'telehealth', meeting_link: 'zoom me', end: '12:00' }) });
      assert.equal(shape.status, 400, shape.text);
      assert.deepEqual(fieldsOf(shape), ['client_id', 'end', 'meeting_link']);
      const unknownRoom = await api(base, 'POST', '/api/v1/appointments', { body: individual({ room_id: dana.id }) });
      assert.equal(unknownRoom.status, 400, unknownRoom.text);
      assert.deepEqual(fieldsOf(unknownRoom), ['room_id']);
      const early = await api(base, 'POST', '/api/v1/appointments', { body: individual({ start: '06:00', end: '06:50' }) });
      assert.equal(early.status, 400);
      assert.match(messages(early)[0], /outside opening hours 07:00.21:00/);
      const list = await api(base, 'GET', `/api/v1/appointments?from=${MONDAY}&to=${MONDAY}`);
      assert.deepEqual(list.json.items, []);
    });

    test('create, conflicts named, live check, calendar, move and cancel', async () => {
      const a = await api(base, 'POST', '/api/v1/appointments', { body: individual() });
      assert.equal(a.status, 201, a.text);
      assert.equal(a.json.start_at, '2026-11-09T18:00:00Z');
      assert.equal(a.json.client_name, 'Ben Cole');
      assert.equal(a.json.part2, true);
      assert.equal(a.headers.get('etag'), '"1"');

      const clash = await api(base, 'POST', '/api/v1/appointments', { body: individual({ client_id: ana.id, room_id: roomA.id, start: '10:00', end: '11:00' }) });
      assert.equal(clash.status, 400, clash.text);
      assert.deepEqual(messages(clash), [
        'Ana Silva is booked 09:00\u201312:00 (Process group)',
        'Dana Staff is booked 09:00\u201312:00 (Process group)',
        'Room A is booked 09:00\u201312:00 (Process group)',
      ]);
      const unlicensed = await api(base, 'POST', '/api/v1/appointments', { body: individual({ client_id: ana.id, staff_id: lee.id, start: '15:00', end: '16:00' }) });
      assert.equal(unlicensed.status, 400);
      assert.deepEqual(fieldsOf(unlicensed), ['staff_id']);
      const crowded = await api(base, 'POST', '/api/v1/appointments', {
        body: individual({ kind: 'family', client_id: ana.id, start: '15:00', end: '16:00', family_members: ['Mother', 'Father', 'Sister'] }),
      });
      assert.equal(crowded.status, 400);
      assert.deepEqual(fieldsOf(crowded), ['room_id']);

      const check = await api(base, 'POST', '/api/v1/schedule/check', { body: individual({ client_id: ana.id, start: '13:30', end: '14:30' }) });
      assert.equal(check.status, 200, check.text);
      assert.equal(check.json.ok, false);
      assert.deepEqual(check.json.conflicts.map((c) => c.code), ['staff_busy', 'room_busy']);
      const moveCheck = await api(base, 'POST', '/api/v1/schedule/check', { body: individual({ appointment_id: a.json.id, start: '13:30', end: '14:20' }) });
      assert.equal(moveCheck.json.ok, true, moveCheck.text);

      const cal = await api(base, 'GET', `/api/v1/calendar?from=${MONDAY}&to=${MONDAY}`);
      assert.equal(cal.status, 200, cal.text);
      assert.deepEqual(cal.json.items.map((i) => i.type), ['group', 'appointment']);
      const mine = await api(base, 'GET', `/api/v1/calendar?from=${MONDAY}&to=${MONDAY}&client_id=${ana.id}`);
      assert.deepEqual(mine.json.items.map((i) => i.title ?? i.kind), ['Process group']);

      const noVersion = await api(base, 'PUT', `/api/v1/appointments/${a.json.id}`, { body: individual({ start: '14:00', end: '14:50' }) });
      assert.equal(noVersion.status, 428);
      const moved = await api(base, 'PUT', `/api/v1/appointments/${a.json.id}`, { headers: ifMatch(1), body: individual({ start: '14:00', end: '14:50' }) });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.json.start, '14:00');
      const stale = await api(base, 'PUT', `/api/v1/appointments/${a.json.id}`, { headers: ifMatch(1), body: individual() });
      assert.equal(stale.status, 412);
      const cancelled = await api(base, 'POST', `/api/v1/appointments/${a.json.id}/cancel`, { headers: ifMatch(2), body: { reason: 'client is ill' } });
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.equal(cancelled.json.status, 'cancelled');
      const again = await api(base, 'POST', '/api/v1/appointments', { body: individual({ client_id: ana.id, start: '14:00', end: '14:50' }) });
      assert.equal(again.status, 201, again.text);
    });

    test('availability: overlaps name the entry; work hours and time off are conflicts', async () => {
      const overlap = await api(base, 'PUT', `/api/v1/clients/${ben.id}/availability`, {
        headers: ifMatch(0),
        body: { weekly: [{ day: 'tue', start: '08:00', end: '17:00', kind: 'work' }, { day: 'tue', start: '16:00', end: '18:00', kind: 'childcare' }], absences: [] },
      });
      assert.equal(overlap.status, 400, overlap.text);
      assert.deepEqual(fieldsOf(overlap), ['weekly[1].start']);
      const saved = await api(base, 'PUT', `/api/v1/clients/${ben.id}/availability`, {
        headers: ifMatch(0),
        body: { weekly: [{ day: 'tue', start: '08:00', end: '17:00', kind: 'work', note: 'warehouse' }], absences: [{ from_date: '2026-11-12', to_date: '2026-11-12', reason: 'court' }] },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.json.version, 1);
      const read = await api(base, 'GET', `/api/v1/clients/${ben.id}/availability`);
      assert.deepEqual(read.json.weekly, [{ day: 'tue', start: '08:00', end: '17:00', kind: 'work', note: 'warehouse' }]);
      const atWork = await api(base, 'POST', '/api/v1/appointments', { body: individual({ date: '2026-11-10' }) });
      assert.equal(atWork.status, 400);
      assert.match(messages(atWork)[0], /Ben Cole has work tue 08:00/);

      const staffAv = await api(base, 'PUT', `/api/v1/staff/${dana.id}/availability`, {
        headers: ifMatch(0), body: { working: [{ day: 'tue', start: '08:00', end: '20:00' }], time_off: [], caseload_limit: 30, max_sessions_per_week: 20 },
      });
      assert.equal(staffAv.status, 200, staffAv.text);
      const wednesday = await api(base, 'POST', '/api/v1/appointments', { body: individual({ date: '2026-11-11', start: '13:00', end: '13:50' }) });
      assert.equal(wednesday.status, 400);
      assert.match(messages(wednesday)[0], /Dana Staff does not work wed/);
      const evening = await api(base, 'POST', '/api/v1/appointments', { body: individual({ date: '2026-11-10', start: '17:30', end: '18:20' }) });
      assert.equal(evening.status, 201, evening.text);
    });

    test('a proposal assigns a track and places a session; accept is all or nothing', async () => {
      const req = await api(base, 'POST', `/api/v1/clients/${ben.id}/session-requirements`, { body: { kind: 'individual', minutes: 50, count: 1, per: 'week', staff_id: dana.id } });
      assert.equal(req.status, 201, req.text);
      const week = '2026-11-16';
      const notMonday = await api(base, 'POST', '/api/v1/schedule/proposals', { body: { program_id: setup.program.id, week_of: '2026-11-17' } });
      assert.equal(notMonday.status, 400);
      assert.deepEqual(fieldsOf(notMonday), ['week_of']);
      const p = await api(base, 'POST', '/api/v1/schedule/proposals', { body: { program_id: setup.program.id, week_of: week, weeks: 1 } });
      assert.equal(p.status, 201, p.text);
      assert.equal(p.json.status, 'open');
      const actions = p.json.items.map((i) => i.action);
      assert.ok(actions.includes('assign_track'), p.text);
      const session = p.json.items.find((i) => i.action === 'create');
      assert.ok(session, p.text);
      assert.equal(session.client_id, ben.id);
      assert.equal(p.json.stats.placed, p.json.stats.requested);

      // Book Dana at the proposed time: accepting fails naming the item, and nothing is saved.
      const other = session.room_id === roomA.id ? office.id : roomA.id;
      const blocker = await api(base, 'POST', '/api/v1/appointments', {
        body: { kind: 'drug_test_slot', staff_id: dana.id, room_id: other, modality: 'in_person', date: session.date, start: session.start, end: session.end },
      });
      assert.equal(blocker.status, 201, blocker.text);
      const k = p.json.items.findIndex((i) => i.item_id === session.item_id);
      const refused = await api(base, 'POST', `/api/v1/schedule/proposals/${p.json.id}/accept`, { body: {} });
      assert.equal(refused.status, 400, refused.text);
      assert.deepEqual(fieldsOf(refused), [`item_ids[${k}].start`]);
      const enrollments = await api(base, 'GET', `/api/v1/clients/${ben.id}/enrollments`);
      assert.deepEqual(enrollments.json.items, []);
      await api(base, 'POST', `/api/v1/appointments/${blocker.json.id}/cancel`, { headers: ifMatch(1), body: { reason: 'freed' } });
      const ok = await api(base, 'POST', `/api/v1/schedule/proposals/${p.json.id}/accept`, { body: {} });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.status, 'accepted');
      const after = await api(base, 'GET', `/api/v1/appointments?from=${week}&to=2026-11-22&client_id=${ben.id}`);
      assert.equal(after.json.items.filter((a) => a.status === 'scheduled').length, 1);
      assert.equal(after.json.items[0].source, 'optimizer');
      assert.equal((await api(base, 'GET', `/api/v1/clients/${ben.id}/enrollments`)).json.items.length, 1);
    });

    test('manual session requirements are listed and voided with a reason; a voided one is no longer proposed', async () => {
      const list = await api(base, 'GET', `/api/v1/clients/${ben.id}/session-requirements`);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.json.items.length, 1);
      const r = list.json.items[0];
      assert.deepEqual([r.kind, r.minutes, r.count, r.per, r.staff_id], ['individual', 50, 1, 'week', dana.id]);
      const week = '2026-11-23';
      const before = await api(base, 'POST', '/api/v1/schedule/proposals', { body: { program_id: setup.program.id, week_of: week, weeks: 1 } });
      assert.equal(before.status, 201, before.text);
      assert.ok(before.json.items.some((i) => i.action === 'create' && i.client_id === ben.id), before.text);
      const noReason = await api(base, 'POST', `/api/v1/session-requirements/${r.id}/void`, { headers: ifMatch(r.version), body: {} });
      assert.equal(noReason.status, 400, noReason.text);
      assert.deepEqual(fieldsOf(noReason), ['reason']);
      const stale = await api(base, 'POST', `/api/v1/session-requirements/${r.id}/void`, { headers: ifMatch(r.version + 5), body: { reason: 'x' } });
      assert.ok([409, 412].includes(stale.status), stale.text);
      assert.equal((await api(base, 'GET', `/api/v1/clients/${ben.id}/session-requirements`)).json.items.length, 1);
      const voided = await api(base, 'POST', `/api/v1/session-requirements/${r.id}/void`, { headers: ifMatch(r.version), body: { reason: 'Now covered by the plan' } });
      assert.equal(voided.status, 200, voided.text);
      assert.equal(voided.json.voided, true);
      assert.deepEqual((await api(base, 'GET', `/api/v1/clients/${ben.id}/session-requirements`)).json.items, []);
      const after = await api(base, 'POST', '/api/v1/schedule/proposals', { body: { program_id: setup.program.id, week_of: week, weeks: 1 } });
      assert.equal(after.status, 201, after.text);
      assert.ok(!after.json.items.some((i) => i.action === 'create' && i.client_id === ben.id), after.text);
      assert.equal((await api(base, 'POST', `/api/v1/session-requirements/${dana.id}/void`, { headers: ifMatch(1), body: { reason: 'x' } })).status, 404);
    });

    test('scheduled hours against the configured checks, and the director warnings', async () => {
      const hours = await api(base, 'GET', `/api/v1/clients/${ana.id}/scheduled-hours?week_of=${MONDAY}`);
      assert.equal(hours.status, 200, hours.text);
      assert.ok(hours.json.per_day.mon > 3, hours.text);  // the group and the 14:00 session
      assert.ok(hours.json.per_week >= 9, hours.text);
      assert.ok(hours.json.checks.some((c) => c.code === 'asam_21_adult' && c.applies && c.ok), hours.text);
      const warnings = await api(base, 'GET', `/api/v1/schedule/hours-warnings?week_of=${MONDAY}`);
      assert.equal(warnings.status, 200, warnings.text);
      assert.deepEqual(warnings.json.items.map((w) => w.client_id), [ben.id]);
      const bad = await api(base, 'GET', `/api/v1/clients/${ana.id}/scheduled-hours?week_of=2026-11-10`);
      assert.equal(bad.status, 400);
    });
  });
}
