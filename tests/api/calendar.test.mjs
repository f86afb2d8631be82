// The calendar core against the real binary, on SQLite and PostgreSQL: rooms, closures, group series with
// their checks (bad input naming fields, double-booking naming the other group and date), occurrences over
// New York's March daylight-saving week (09:00 local, the UTC instant moves), one-occurrence changes that
// keep the series and the occurrence id, enrollments with capacity, the roster with a make-up, audit, and (issue
// 7) a size limit or a track's capacity that cannot drop below the clients enrolled, a moved meeting that may
// not bring in more clients than its size limit, a room's capacity that cannot drop below the size limit of a
// group meeting in it, and a drop-in that must fit the meeting's room.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'calendar.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const messageOf = (r, field) => (r.json?.error?.fields ?? []).find((f) => f.field === field)?.message ?? '';

for (const [engine, dbFor] of engines) {
  describe(`calendar API on ${engine}`, () => {
    let dir, server, base, setup, dana, lee, roomA, smallRoom, evening, morningSeries, clients;
    const series = (over = {}) => ({
      track_id: setup.track.id, title: 'Relapse prevention', group_type: 'relapse_prevention', topic: 'Coping with cravings',
      curriculum_module: 'RP 3', days: ['mon', 'wed', 'thu'], start: '09:00', end: '12:00', interval_weeks: 1,
      starts_on: '2026-03-02', room_id: roomA.id, modality: 'in_person', facilitator_staff_ids: [dana.id],
      required_credentials: ['LADC'], size_limit: 12, ...over,
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
      dana = await staff('Dana', [{ type: 'LADC', license_number: 'L-1', issuing_state: 'MN', expires_on: '2031-01-01' }]);
      lee = await staff('Lee', []);
      const t = await api(base, 'POST', `/api/v1/programs/${setup.program.id}/tracks`, {
        body: { name: 'Evening', days: ['tue', 'thu', 'sat'], start_time: '18:00', end_time: '21:00', capacity: 2 },
      });
      evening = t.json;
      clients = [];
      for (const [given, family] of [['Ana', 'Silva'], ['Ben', 'Cole'], ['Cy', 'Diaz']]) {
        const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family }, birth_date: '1990-05-06', sex_at_birth: 'female' } });
        assert.equal(c.status, 201, c.text);
        clients.push(c.json);
      }
    });
    after(async () => { await server?.stop(); cleanup(dir); });

    test('rooms and group types', async () => {
      const bad = await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Room A', capacity: 0 } });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['capacity']);
      const r = await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Room A', capacity: 14 } });
      assert.equal(r.status, 201, r.text);
      roomA = r.json;
      const s = await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Small room', capacity: 4 } });
      smallRoom = s.json;
      const upd = await api(base, 'PUT', `/api/v1/rooms/${smallRoom.id}`, { headers: ifMatch(1), body: { site_id: setup.site.id, name: 'Small room', capacity: 6 } });
      assert.equal(upd.status, 200, upd.text);
      assert.equal(upd.json.capacity, 6);
      const list = await api(base, 'GET', '/api/v1/rooms');
      assert.deepEqual(list.json.items.map((x) => x.name), ['Room A', 'Small room']);
      const meta = await api(base, 'GET', '/api/v1/meta');
      assert.ok(meta.json.group_types.some((g) => g.code === 'relapse_prevention'));
    });

    test('impossible recurrences and bad series name their fields, and nothing is saved', async () => {
      const impossible = await api(base, 'POST', '/api/v1/group-series', {
        body: series({ days: [], end: '08:00', interval_weeks: 0, ends_on: '2026-02-01' }),
      });
      assert.equal(impossible.status, 400, impossible.text);
      assert.deepEqual(fieldsOf(impossible), ['days', 'end', 'ends_on', 'interval_weeks']);
      const tele = await api(base, 'POST', '/api/v1/group-series', { body: series({ modality: 'telehealth', room_id: null, meeting_link: 'zoom me' }) });
      assert.deepEqual(fieldsOf(tele), ['meeting_link']);
      const noCred = await api(base, 'POST', '/api/v1/group-series', { body: series({ facilitator_staff_ids: [lee.id] }) });
      assert.equal(noCred.status, 400);
      assert.deepEqual(fieldsOf(noCred), ['facilitator_staff_ids']);
      assert.match(messageOf(noCred, 'facilitator_staff_ids'), /LADC/);
      const small = await api(base, 'POST', '/api/v1/group-series', { body: series({ room_id: smallRoom.id }) });
      assert.deepEqual(fieldsOf(small), ['room_id']);
      const unknownRoom = await api(base, 'POST', '/api/v1/group-series', { body: series({ room_id: '01a20000-0000-7000-8000-00000000abcd' }) });
      assert.deepEqual(fieldsOf(unknownRoom), ['room_id']);
      const late = await api(base, 'POST', '/api/v1/group-series', { body: series({ start: '20:00', end: '22:00' }) });
      assert.deepEqual(fieldsOf(late), ['end']);
      assert.match(messageOf(late, 'end'), /07:00–21:00/);
      const list = await api(base, 'GET', `/api/v1/group-series?track_id=${setup.track.id}`);
      assert.equal(list.json.items.length, 0);
    });

    test('a series meets at 09:00 local across the March change; the UTC instant moves', async () => {
      const r = await api(base, 'POST', '/api/v1/group-series', { body: series() });
      assert.equal(r.status, 201, r.text);
      morningSeries = r.json;
      assert.equal(r.headers.get('etag'), '"1"');
      const week = await api(base, 'GET', '/api/v1/occurrences?from=2026-03-05&to=2026-03-11');
      assert.equal(week.status, 200, week.text);
      const items = week.json.items;
      assert.deepEqual(items.map((o) => [o.date, o.start, o.start_at]), [
        ['2026-03-05', '09:00', '2026-03-05T14:00:00Z'],
        ['2026-03-09', '09:00', '2026-03-09T13:00:00Z'],
        ['2026-03-11', '09:00', '2026-03-11T13:00:00Z'],
      ]);
      assert.equal(items[1].id, `${morningSeries.id}:2026-03-09`);
      assert.equal(items[1].room_name, 'Room A');
      assert.deepEqual(items[1].facilitator_names, ['Dana Staff']);
      assert.equal(items[1].status, 'scheduled');
      const nov = await api(base, 'GET', '/api/v1/occurrences?from=2026-10-29&to=2026-11-02');
      assert.deepEqual(nov.json.items.map((o) => o.start_at), ['2026-10-29T13:00:00Z', '2026-11-02T14:00:00Z']);
      const tooLong = await api(base, 'GET', '/api/v1/occurrences?from=2026-03-01&to=2026-06-01');
      assert.deepEqual(fieldsOf(tooLong), ['to']);
      const badDate = await api(base, 'GET', '/api/v1/occurrences?from=2026-02-30&to=2026-03-01');
      assert.deepEqual(fieldsOf(badDate), ['from']);
    });

    test('double-booking another series names the other group and the date', async () => {
      const clash = await api(base, 'POST', '/api/v1/group-series', {
        body: series({ track_id: evening.id, title: 'Process group', group_type: 'process', days: ['thu'], start: '11:00', end: '12:30', starts_on: '2026-03-04' }),
      });
      assert.equal(clash.status, 409, clash.text);
      assert.deepEqual(fieldsOf(clash), ['facilitator_staff_ids', 'room_id']);
      assert.equal(messageOf(clash, 'room_id'), 'Room A is booked for Relapse prevention (Morning) on 2026-03-05 09:00–12:00');
      const ok = await api(base, 'POST', '/api/v1/group-series', {
        body: series({ track_id: evening.id, title: 'Process group', group_type: 'process', days: ['tue', 'thu'], start: '18:00', end: '21:00', starts_on: '2026-03-03', size_limit: 10 }),
      });
      assert.equal(ok.status, 201, ok.text);
    });

    test('one-occurrence changes leave the series alone; a moved occurrence keeps its id', async () => {
      const id = `${morningSeries.id}:2026-03-09`;
      const move = await api(base, 'POST', `/api/v1/occurrences/${id}/change`, {
        body: { action: 'move', reason: 'Room painted', date: '2026-03-10', start: '13:00', end: '16:00' },
      });
      assert.equal(move.status, 200, move.text);
      assert.equal(move.json.id, id);
      assert.equal(move.json.date, '2026-03-10');
      assert.equal(move.json.original_date, '2026-03-09');
      assert.equal(move.json.start_at, '2026-03-10T17:00:00Z');
      assert.equal(move.json.moved, true);
      const stale = await api(base, 'POST', `/api/v1/occurrences/${id}/change`, {
        headers: ifMatch(0), body: { action: 'cancel', reason: 'x' },
      });
      assert.equal(stale.status, 412);
      const outside = await api(base, 'POST', `/api/v1/occurrences/${id}/change`, { body: { action: 'move', reason: 'x', start: '06:00' } });
      assert.deepEqual(fieldsOf(outside), ['start']);
      const noReason = await api(base, 'POST', `/api/v1/occurrences/${morningSeries.id}:2026-03-11/change`, { body: { action: 'cancel' } });
      assert.deepEqual(fieldsOf(noReason), ['reason']);
      const cancel = await api(base, 'POST', `/api/v1/occurrences/${morningSeries.id}:2026-03-11/change`, { body: { action: 'cancel', reason: 'Snow day' } });
      assert.equal(cancel.status, 200, cancel.text);
      assert.equal(cancel.json.status, 'cancelled');
      const sub = await api(base, 'POST', `/api/v1/occurrences/${morningSeries.id}:2026-03-12/change`, {
        body: { action: 'substitute', reason: 'Dana away', facilitator_staff_ids: [lee.id] },
      });
      assert.deepEqual(fieldsOf(sub), ['facilitator_staff_ids']);  // Lee holds no LADC
      const room = await api(base, 'POST', `/api/v1/occurrences/${morningSeries.id}:2026-03-12/change`, {
        body: { action: 'room', reason: 'Bigger room booked', room_id: smallRoom.id },
      });
      assert.deepEqual(fieldsOf(room), ['room_id']);  // holds 6, the group 12
      const notAnOccurrence = await api(base, 'GET', `/api/v1/occurrences/${morningSeries.id}:2026-03-10`);
      assert.equal(notAnOccurrence.status, 404);
      const badId = await api(base, 'GET', '/api/v1/occurrences/nonsense');
      assert.deepEqual(fieldsOf(badId), ['id']);

      const week = await api(base, 'GET', '/api/v1/occurrences?from=2026-03-09&to=2026-03-11');
      const mine = week.json.items.filter((o) => o.series_id === morningSeries.id);
      assert.deepEqual(mine.map((o) => [o.id.slice(-10), o.date, o.status]), [
        ['2026-03-09', '2026-03-10', 'scheduled'],
        ['2026-03-11', '2026-03-11', 'cancelled'],
      ]);
      const s = await api(base, 'GET', `/api/v1/group-series/${morningSeries.id}`);
      assert.equal(s.json.version, 1);
      assert.equal(s.json.start, '09:00');
    });

    test('closures cancel their day; moving onto one is refused', async () => {
      const c = await api(base, 'POST', '/api/v1/closures', { body: { date: '2026-03-16', name: 'Staff training' } });
      assert.equal(c.status, 201, c.text);
      assert.equal(c.json.program_id, null);
      const day = await api(base, 'GET', '/api/v1/occurrences?from=2026-03-16&to=2026-03-16');
      assert.equal(day.json.items[0].status, 'cancelled');
      assert.equal(day.json.items[0].cancel_reason, 'Closed: Staff training');
      const onto = await api(base, 'POST', `/api/v1/occurrences/${morningSeries.id}:2026-03-18/change`, { body: { action: 'move', reason: 'x', date: '2026-03-16' } });
      assert.deepEqual(fieldsOf(onto), ['date']);
      const v = await api(base, 'POST', `/api/v1/closures/${c.json.id}/void`, { headers: ifMatch(1), body: { reason: 'Training moved' } });
      assert.equal(v.status, 200, v.text);
      const again = await api(base, 'GET', '/api/v1/occurrences?from=2026-03-16&to=2026-03-16');
      assert.equal(again.json.items[0].status, 'scheduled');
      const list = await api(base, 'GET', '/api/v1/closures?from=2026-03-01&to=2026-03-31');
      assert.equal(list.json.items.length, 0);
    });

    test('enrollments respect capacity and one active enrollment per client; the roster takes a make-up', async () => {
      const enroll = (client, track, starts_on) => api(base, 'POST', `/api/v1/clients/${client.id}/enrollments`, { body: { track_id: track.id, starts_on } });
      const ana = await enroll(clients[0], evening, '2026-03-02');
      assert.equal(ana.status, 201, ana.text);
      assert.equal(ana.json.track_name, 'Evening');
      assert.equal(ana.json.part2, true);
      assert.equal((await enroll(clients[1], evening, '2026-03-03')).status, 201);
      const full = await enroll(clients[2], evening, '2026-03-05');  // capacity 2
      assert.equal(full.status, 409, full.text);
      assert.deepEqual(fieldsOf(full), ['track_id']);
      const twice = await enroll(clients[0], { id: setup.track.id }, '2026-03-09');
      assert.equal(twice.status, 409);
      assert.deepEqual(fieldsOf(twice), ['track_id']);
      const badDates = await api(base, 'POST', `/api/v1/clients/${clients[2].id}/enrollments`, { body: { track_id: evening.id, starts_on: '2026-03-09', planned_end_on: '2026-03-01' } });
      assert.deepEqual(fieldsOf(badDates), ['planned_end_on']);
      const end = await api(base, 'POST', `/api/v1/enrollments/${ana.json.id}/end`, { headers: ifMatch(1), body: { ended_on: '2026-03-09', reason: 'Moved to mornings' } });
      assert.equal(end.status, 200, end.text);
      assert.equal((await enroll(clients[2], evening, '2026-03-09')).status, 201);
      const list = await api(base, 'GET', `/api/v1/clients/${clients[0].id}/enrollments`);
      assert.deepEqual(list.json.items.map((e) => [e.track_name, e.ended_on]), [['Evening', '2026-03-09']]);

      const evSeries = (await api(base, 'GET', `/api/v1/group-series?track_id=${evening.id}`)).json.items[0];
      const occ = `${evSeries.id}:2026-03-10`;
      const before = await api(base, 'GET', `/api/v1/occurrences/${occ}`);
      assert.equal(before.status, 200, before.text);
      assert.deepEqual(before.json.roster.map((r) => [r.client_name, r.kind]), [['Ben Cole', 'enrolled'], ['Cy Diaz', 'enrolled']]);
      const add = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster`, { body: { client_id: clients[0].id, kind: 'make_up' } });
      assert.equal(add.status, 201, add.text);
      assert.deepEqual(add.json.roster.map((r) => [r.client_name, r.kind]), [['Ana Silva', 'make_up'], ['Ben Cole', 'enrolled'], ['Cy Diaz', 'enrolled']]);
      assert.equal(add.json.enrolled_count, 3);
      const dup = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster`, { body: { client_id: clients[0].id, kind: 'drop_in' } });
      assert.equal(dup.status, 409);
      assert.deepEqual(fieldsOf(dup), ['client_id']);
      const kind = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster`, { body: { client_id: clients[0].id, kind: 'guest' } });
      assert.deepEqual(fieldsOf(kind), ['kind']);
      const day = await api(base, 'GET', `/api/v1/occurrences?from=2026-03-10&to=2026-03-10&track_id=${evening.id}`);
      assert.equal(day.json.items[0].enrolled_count, 3);

      // A make-up added by mistake comes off with a reason; an enrolled client does not (ending the enrollment does).
      const noReason = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster/remove`, { body: { client_id: clients[0].id } });
      assert.equal(noReason.status, 400, noReason.text);
      assert.deepEqual(fieldsOf(noReason), ['reason']);
      const enrolled = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster/remove`, { body: { client_id: clients[1].id, reason: 'mistake' } });
      assert.equal(enrolled.status, 409, enrolled.text);
      assert.deepEqual(fieldsOf(enrolled), ['client_id']);
      const removed = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster/remove`, { body: { client_id: clients[0].id, reason: 'Added to the wrong evening' } });
      assert.equal(removed.status, 200, removed.text);
      assert.deepEqual(removed.json.roster.map((r) => r.client_name), ['Ben Cole', 'Cy Diaz']);
      const again = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster/remove`, { body: { client_id: clients[0].id, reason: 'again' } });
      assert.equal(again.status, 400, again.text);
      assert.deepEqual(fieldsOf(again), ['client_id']);
      const readd = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster`, { body: { client_id: clients[0].id, kind: 'make_up' } });
      assert.equal(readd.status, 201, readd.text);

      // Reading the roster and the enrollments left audit events naming the clients.
      const audit = await api(base, 'GET', `/api/v1/audit-events?client_id=${clients[0].id}&limit=100`);
      assert.equal(audit.status, 200, audit.text);
      const types = new Set(audit.json.items.map((e) => `${e.action}:${e.resource_type}`));
      for (const t of ['create:enrollment', 'end:enrollment', 'read:enrollment', 'create:roster_addition', 'void:roster_addition']) {
        assert.ok(types.has(t), `missing audit event ${t}: ${[...types].join(', ')}`);
      }
      const ben = await api(base, 'GET', `/api/v1/audit-events?client_id=${clients[1].id}&limit=100`);
      assert.ok(ben.json.items.some((e) => e.action === 'read' && e.resource_type === 'group_roster' && e.resource_id === occ));
    });

    test('opening hours are per program and versioned', async () => {
      const h = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/opening-hours`);
      assert.deepEqual([h.json.open, h.json.close, h.json.default], ['07:00', '21:00', true]);
      const bad = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/opening-hours`, { headers: ifMatch(0), body: { open: '10:00', close: '09:00' } });
      assert.deepEqual(fieldsOf(bad), ['close']);
      const ok = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/opening-hours`, { headers: ifMatch(0), body: { open: '06:00', close: '22:00' } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.version, 1);
      const late = await api(base, 'POST', '/api/v1/group-series', {
        body: series({ title: 'Late yoga', group_type: 'yoga', days: ['fri'], start: '20:30', end: '21:30', required_credentials: [] }),
      });
      assert.equal(late.status, 201, late.text);
    });

    test('a size limit below the clients enrolled is refused naming size_limit, and nothing is saved (issue 7)', async () => {
      const t = await api(base, 'POST', `/api/v1/programs/${setup.program.id}/tracks`, {
        body: { name: 'Afternoon', days: ['tue', 'fri'], start_time: '13:00', end_time: '15:00', capacity: 12 },
      });
      assert.equal(t.status, 201, t.text);
      const afternoon = t.json;
      const group = (over) => series({
        track_id: afternoon.id, title: 'Art therapy', group_type: 'art_therapy', days: ['fri'], start: '13:00', end: '15:00',
        room_id: smallRoom.id, facilitator_staff_ids: [lee.id], required_credentials: [], size_limit: 3, ...over,
      });
      const created = await api(base, 'POST', '/api/v1/group-series', { body: group() });
      assert.equal(created.status, 201, created.text);
      const id = created.json.id;
      const enrollments = [];
      for (const [given, family] of [['Dee', 'Fox'], ['Eli', 'Gray'], ['Fay', 'Hunt']]) {
        const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family }, birth_date: '1988-02-03', sex_at_birth: 'female' } });
        assert.equal(c.status, 201, c.text);
        const e = await api(base, 'POST', `/api/v1/clients/${c.json.id}/enrollments`, { body: { track_id: afternoon.id, starts_on: '2026-03-02' } });
        assert.equal(e.status, 201, e.text);
        enrollments.push(e.json);
      }

      const lowered = await api(base, 'PUT', `/api/v1/group-series/${id}`, { headers: ifMatch(1), body: group({ size_limit: 2 }) });
      assert.equal(lowered.status, 409, lowered.text);
      assert.deepEqual(fieldsOf(lowered), ['size_limit']);
      assert.equal(messageOf(lowered, 'size_limit'), '3 clients are enrolled; the limit cannot be below that');
      const kept = await api(base, 'GET', `/api/v1/group-series/${id}`);
      assert.deepEqual([kept.json.size_limit, kept.json.version], [3, 1]);
      const another = await api(base, 'POST', '/api/v1/group-series', { body: group({ title: 'Yoga', group_type: 'yoga', days: ['tue'], size_limit: 2 }) });
      assert.equal(another.status, 409, another.text);
      assert.deepEqual(fieldsOf(another), ['size_limit']);
      // The room still has to hold the limit.
      const tooBig = await api(base, 'PUT', `/api/v1/group-series/${id}`, { headers: ifMatch(1), body: group({ size_limit: 8 }) });
      assert.equal(tooBig.status, 400, tooBig.text);
      assert.deepEqual(fieldsOf(tooBig), ['room_id']);
      assert.equal(messageOf(tooBig, 'room_id'), 'Small room holds 6; the group\'s size limit is 8');

      // Once one enrollment has ended, two remain and the lower limit fits.
      const end = await api(base, 'POST', `/api/v1/enrollments/${enrollments[0].id}/end`, { headers: ifMatch(1), body: { ended_on: '2026-03-09', reason: 'Completed' } });
      assert.equal(end.status, 200, end.text);
      const fits = await api(base, 'PUT', `/api/v1/group-series/${id}`, { headers: ifMatch(1), body: group({ size_limit: 2 }) });
      assert.equal(fits.status, 200, fits.text);
      assert.deepEqual([fits.json.size_limit, fits.json.version], [2, 2]);
    });

    test('a track\'s capacity below the clients enrolled is refused naming capacity, and nothing is saved (issue 7)', async () => {
      // Ben and Cy are enrolled in Evening (capacity 2) from March on, with no end.
      const body = (capacity) => ({ name: 'Evening', days: ['tue', 'thu', 'sat'], start_time: '18:00', end_time: '21:00', capacity });
      const lowered = await api(base, 'PUT', `/api/v1/tracks/${evening.id}`, { headers: ifMatch(evening.version), body: body(1) });
      assert.equal(lowered.status, 409, lowered.text);
      assert.deepEqual(fieldsOf(lowered), ['capacity']);
      assert.equal(messageOf(lowered, 'capacity'), '2 clients are enrolled; the capacity cannot be below that');
      const kept = await api(base, 'GET', `/api/v1/tracks/${evening.id}`);
      assert.deepEqual([kept.json.capacity, kept.json.version], [2, evening.version]);
      const stale = await api(base, 'PUT', `/api/v1/tracks/${evening.id}`, { headers: ifMatch(evening.version + 5), body: body(1) });
      assert.equal(stale.status, 412, stale.text);
      const raised = await api(base, 'PUT', `/api/v1/tracks/${evening.id}`, { headers: ifMatch(evening.version), body: body(3) });
      assert.equal(raised.status, 200, raised.text);
      const back = await api(base, 'PUT', `/api/v1/tracks/${evening.id}`, { headers: ifMatch(raised.json.version), body: body(2) });
      assert.equal(back.status, 200, back.text);
      assert.equal(back.json.capacity, 2);
    });

    test('a moved meeting may not bring in more clients than its size limit; a move can change the room (issue 7)', async () => {
      const t = await api(base, 'POST', `/api/v1/programs/${setup.program.id}/tracks`, {
        body: { name: 'Weekend', days: ['sat', 'sun'], start_time: '10:00', end_time: '12:00', capacity: 12 },
      });
      assert.equal(t.status, 201, t.text);
      const weekend = t.json;
      const created = await api(base, 'POST', '/api/v1/group-series', {
        body: series({ track_id: weekend.id, title: 'Family education', group_type: 'family_education', days: ['sat'], start: '10:00', end: '12:00',
          starts_on: '2026-03-07', facilitator_staff_ids: [lee.id], required_credentials: [], size_limit: 2 }),
      });
      assert.equal(created.status, 201, created.text);
      const id = created.json.id;
      const people = [];
      for (const given of ['Gus', 'Hal', 'Ivy', 'Jo']) {
        const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family: 'Weekend' }, birth_date: '1985-04-05', sex_at_birth: 'female' } });
        assert.equal(c.status, 201, c.text);
        people.push(c.json);
      }
      const [gus, hal, ivy, jo] = people;
      const enroll = (client) => api(base, 'POST', `/api/v1/clients/${client.id}/enrollments`, { body: { track_id: weekend.id, starts_on: client === gus ? '2026-03-02' : '2026-03-16' } });
      const g = await enroll(gus);
      assert.equal(g.status, 201, g.text);
      const end = await api(base, 'POST', `/api/v1/enrollments/${g.json.id}/end`, { headers: ifMatch(1), body: { ended_on: '2026-03-16', reason: 'Completed' } });
      assert.equal(end.status, 200, end.text);
      for (const c of [hal, ivy]) assert.equal((await enroll(c)).status, 201);
      const occ = `${id}:2026-03-14`;
      const drop = await api(base, 'POST', `/api/v1/occurrences/${occ}/roster`, { body: { client_id: jo.id, kind: 'drop_in' } });
      assert.equal(drop.status, 201, drop.text);

      // On 22 March Hal and Ivy are enrolled: with Jo that is three for a group of two.
      const move = (over) => api(base, 'POST', `/api/v1/occurrences/${occ}/change`, { body: { action: 'move', reason: 'Building closed Saturday', start: '10:00', end: '12:00', ...over } });
      const check = await api(base, 'POST', '/api/v1/schedule/check', { body: { occurrence_id: occ, date: '2026-03-22', start: '10:00', end: '12:00', room_id: roomA.id } });
      assert.equal(check.status, 200, check.text);
      assert.equal(check.json.ok, false);
      assert.deepEqual(check.json.conflicts.map((c) => [c.field, c.code]), [['date', 'group_full']]);
      const full = await move({ date: '2026-03-22' });
      assert.equal(full.status, 409, full.text);
      assert.deepEqual(fieldsOf(full), ['date']);
      assert.equal(messageOf(full, 'date'), '3 clients would be on the roster of 2026-03-22 (2 enrolled then, 1 drop-in or make-up); the group\'s size limit is 2');
      const kept = await api(base, 'GET', `/api/v1/occurrences/${occ}`);
      assert.deepEqual([kept.json.date, kept.json.moved, kept.json.version], ['2026-03-14', false, 0]);

      // Sunday 15 March has the same clients (Gus and Jo): fine, checked and saved.
      const sameCheck = await api(base, 'POST', '/api/v1/schedule/check', { body: { occurrence_id: occ, date: '2026-03-15', start: '10:00', end: '12:00', room_id: roomA.id } });
      assert.equal(sameCheck.json.ok, true, sameCheck.text);
      // A move that brings a room is checked as a room change: a booth for one cannot hold a group of two.
      const booth = await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Booth', capacity: 1 } });
      assert.equal(booth.status, 201, booth.text);
      const tooSmall = await move({ date: '2026-03-15', room_id: booth.json.id });
      assert.equal(tooSmall.status, 400, tooSmall.text);
      assert.deepEqual(fieldsOf(tooSmall), ['room_id']);
      assert.equal(messageOf(tooSmall, 'room_id'), 'Booth holds 1; the group\'s size limit is 2');
      const roomOnly = await api(base, 'POST', `/api/v1/occurrences/${occ}/change`, { body: { action: 'room', reason: 'Room A booked', room_id: booth.json.id } });
      assert.deepEqual(fieldsOf(roomOnly), ['room_id']);
      const moved = await move({ date: '2026-03-15', room_id: smallRoom.id });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual([moved.json.date, moved.json.room_id, moved.json.room_name, moved.json.version], ['2026-03-15', smallRoom.id, 'Small room', 1]);
      assert.deepEqual(moved.json.roster.map((r) => r.client_name).sort(), ['Gus Weekend', 'Jo Weekend']);
    });

    test('a room\'s capacity cannot drop below a group meeting in it, nor a size limit rise above a moved meeting\'s room (issue 7)', async () => {
      const t = await api(base, 'POST', `/api/v1/programs/${setup.program.id}/tracks`, {
        body: { name: 'Sunday', days: ['sun'], start_time: '14:00', end_time: '16:00', capacity: 12 },
      });
      assert.equal(t.status, 201, t.text);
      const room = async (name, capacity) => {
        const r = await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name, capacity } });
        assert.equal(r.status, 201, r.text);
        return r.json;
      };
      const studio = await room('Studio', 10);
      const nook = await room('Nook', 2);
      const resize = (r, capacity, version = 1) =>
        api(base, 'PUT', `/api/v1/rooms/${r.id}`, { headers: ifMatch(version), body: { site_id: setup.site.id, name: r.name, capacity } });
      const group = (over) => series({
        track_id: t.json.id, title: 'Mindfulness', group_type: 'mindfulness', days: ['sun'], start: '14:00', end: '16:00',
        starts_on: '2026-03-01', room_id: studio.id, facilitator_staff_ids: [lee.id], required_credentials: [], size_limit: 2, ...over,
      });
      const created = await api(base, 'POST', '/api/v1/group-series', { body: group() });
      assert.equal(created.status, 201, created.text);
      const id = created.json.id;
      // A Sunday at least three days ahead, whatever the server's zone: its meeting moves into the Nook.
      const day = new Date(Date.now() + 3 * 86400000);
      while (day.getUTCDay() !== 0) day.setUTCDate(day.getUTCDate() + 1);
      const sunday = day.toISOString().slice(0, 10);
      const occ = `${id}:${sunday}`;
      const into = await api(base, 'POST', `/api/v1/occurrences/${occ}/change`, { body: { action: 'room', reason: 'Studio booked', room_id: nook.id } });
      assert.equal(into.status, 200, into.text);

      const studioSmall = await resize(studio, 1);
      assert.equal(studioSmall.status, 409, studioSmall.text);
      assert.deepEqual(fieldsOf(studioSmall), ['capacity']);
      assert.equal(messageOf(studioSmall, 'capacity'), 'Mindfulness (Sunday) meets here with a size limit of 2; the room would hold 1');
      const nookSmall = await resize(nook, 1);
      assert.equal(nookSmall.status, 409, nookSmall.text);
      assert.deepEqual(fieldsOf(nookSmall), ['capacity']);
      assert.equal(messageOf(nookSmall, 'capacity'), `Mindfulness (Sunday) meets here on ${sunday} with a size limit of 2; the room would hold 1`);
      const rooms = await api(base, 'GET', '/api/v1/rooms');
      const stored = (r) => rooms.json.items.find((x) => x.id === r.id);
      assert.deepEqual([stored(studio).capacity, stored(studio).version, stored(nook).capacity, stored(nook).version], [10, 1, 2, 1]);
      const stale = await resize(nook, 1, 9);
      assert.equal(stale.status, 412, stale.text);
      const studioFits = await resize(studio, 2);
      assert.equal(studioFits.status, 200, studioFits.text);
      assert.equal(studioFits.json.capacity, 2);

      // The limit cannot rise to 4 while that meeting is in the Nook, which holds 2: 409 naming size_limit, nothing
      // saved (the Studio again holds 10).
      assert.equal((await resize(studioFits.json, 10, 2)).status, 200);
      const refused = await api(base, 'PUT', `/api/v1/group-series/${id}`, { headers: ifMatch(1), body: group({ size_limit: 4 }) });
      assert.equal(refused.status, 409, refused.text);
      assert.deepEqual(fieldsOf(refused), ['size_limit']);
      assert.equal(messageOf(refused, 'size_limit'), `the meeting of ${sunday} was moved to Nook, which holds 2`);
      assert.equal((await api(base, 'GET', `/api/v1/group-series/${id}`)).json.size_limit, 2);
      const people = [];
      for (const given of ['Kim', 'Lou', 'Max']) {
        const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family: 'Sunday' }, birth_date: '1987-06-07', sex_at_birth: 'male' } });
        assert.equal(c.status, 201, c.text);
        people.push(c.json);
      }
      const add = (client, o = occ) => api(base, 'POST', `/api/v1/occurrences/${o}/roster`, { body: { client_id: client.id, kind: 'drop_in' } });
      for (const c of people.slice(0, 2)) {
        const r = await add(c);
        assert.equal(r.status, 201, r.text);
      }
      const full = await add(people[2]);
      assert.equal(full.status, 409, full.text);
      assert.deepEqual(fieldsOf(full), ['client_id']);
      const kept = await api(base, 'GET', `/api/v1/occurrences/${occ}`);
      assert.equal(kept.json.roster.length, 2);
      // Back in the Studio, that meeting no longer holds the limit down: raised to 4, the next Sunday takes three.
      const back = await api(base, 'POST', `/api/v1/occurrences/${occ}/change`, { body: { action: 'room', reason: 'Studio free again', room_id: studio.id } });
      assert.equal(back.status, 200, back.text);
      const raised = await api(base, 'PUT', `/api/v1/group-series/${id}`, { headers: ifMatch(1), body: group({ size_limit: 4 }) });
      assert.equal(raised.status, 200, raised.text);
      const next = new Date(day.getTime() + 7 * 86400000).toISOString().slice(0, 10);
      for (const c of people) {
        const r = await add(c, `${id}:${next}`);
        assert.equal(r.status, 201, r.text);
      }
    });
  });
}
