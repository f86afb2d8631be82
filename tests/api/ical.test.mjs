// Calendar feeds against the real binary: a client's and a staff member's feed parsed with ical.js (a real
// RFC 5545 parser, web/node_modules): every event is an "Appointment" with its UTC time and place or link,
// UIDs stable across reads, lines folded at 75 octets with CRLF, no clinical word anywhere; revoked or
// unknown tokens are 404.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { api, cleanup, setUpProgram, startServer, tempDir } from './helpers.mjs';

const icalPath = resolve('web/node_modules/ical.js/dist/ical.js');
if (!existsSync(icalPath)) throw new Error(`ical.js is missing at ${icalPath}: run (cd web && npm ci)`);
const { default: ICAL } = await import(pathToFileURL(icalPath).href);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
// The next Monday after today (the feed covers four weeks back and twelve ahead of the server's clock).
function nextMonday() {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}
const CLINICAL = /process|group|therap|individual|family|relapse|drug|test|substance|addiction|counsel|IOP|Silva|Reyes|Adult/i;

function parse(text) {
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('calendar feeds', () => {
  let dir, server, base, setup, dana, roomA, ana, monday, appointment;

  before(async () => {
    dir = tempDir();
    server = await startServer({ db: join(dir, 'ical.db') });
    base = server.base;
    setup = await setUpProgram(base);
    const org = await api(base, 'GET', '/api/v1/organization');
    await api(base, 'PUT', '/api/v1/organization', { headers: ifMatch(org.json.version), body: { name: org.json.name, time_zone: 'America/New_York' } });
    const s = await api(base, 'POST', '/api/v1/staff', {
      body: { given_name: 'Dana', family_name: 'Reyes', roles: ['therapist'], credentials: [{ type: 'LCSW', license_number: 'L-1', issuing_state: 'MN', expires_on: '2031-01-01' }] },
    });
    dana = s.json;
    roomA = (await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Room A, east wing', capacity: 14 } })).json;
    const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given: 'Ana', family: 'Silva' }, birth_date: '1990-05-06', sex_at_birth: 'female' } });
    ana = c.json;
    await api(base, 'POST', `/api/v1/clients/${ana.id}/episodes`, {
      body: { program_id: setup.program.id, stage: 'treatment', level_of_care: '2.1', admission_date: '2026-01-05', counselor_id: dana.id },
    });
    monday = nextMonday();
    const series = await api(base, 'POST', '/api/v1/group-series', {
      body: { track_id: setup.track.id, title: 'Relapse prevention group', group_type: 'relapse_prevention', topic: 'Cravings',
        days: ['mon', 'wed', 'fri'], start: '09:00', end: '12:00', interval_weeks: 1, starts_on: monday, room_id: roomA.id,
        modality: 'in_person', facilitator_staff_ids: [dana.id], required_credentials: [], size_limit: 12 },
    });
    assert.equal(series.status, 201, series.text);
    const en = await api(base, 'POST', `/api/v1/clients/${ana.id}/enrollments`, { body: { track_id: setup.track.id, starts_on: monday } });
    assert.equal(en.status, 201, en.text);
    const a = await api(base, 'POST', '/api/v1/appointments', {
      body: { kind: 'family', client_id: ana.id, staff_id: dana.id, modality: 'telehealth', meeting_link: 'https://meet.example.org/room/ana;x=1',
        date: monday, start: '13:00', end: '14:00', family_members: ['Mother'] },
    });
    assert.equal(a.status, 201, a.text);
    appointment = a.json;
  });
  after(async () => { await server?.stop(); cleanup(dir); });

  test('a client feed parses and reveals only time and place', async () => {
    const created = await api(base, 'POST', '/api/v1/calendar-feeds', { body: { owner_type: 'client', owner_id: ana.id } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.url, /^\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(base + created.json.url);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type'), /^text\/calendar/);
    const text = await feed.text();
    for (const line of text.split('\r\n').slice(0, -1)) {
      assert.ok(Buffer.byteLength(line) <= 75, `line longer than 75 octets: ${line}`);
      assert.ok(!line.includes('\n'), 'bare LF');
    }
    assert.doesNotMatch(text.replace(/UID:.*\r\n/g, ''), CLINICAL);
    assert.doesNotMatch(text, /DESCRIPTION/);
    const events = parse(text);
    assert.ok(events.length >= 4, text);  // the appointment and the week's groups
    for (const e of events) {
      assert.equal(e.summary, 'Appointment');
      assert.ok(e.uid.endsWith('@stepwise'));
      assert.equal(e.startDate.zone.tzid, 'UTC');
    }
    const session = events.find((e) => e.uid === `${appointment.id}@stepwise`);
    assert.ok(session, text);
    assert.equal(session.startDate.toJSDate().toISOString(), appointment.start_at.replace('Z', '.000Z'));
    assert.equal(session.location, 'https://meet.example.org/room/ana;x=1');  // escaped in the text, whole when parsed
    const group = events.find((e) => e.uid.includes(`:${monday}@`));
    assert.equal(group.location, 'Room A, east wing');
    assert.ok([13, 14].includes(group.startDate.toJSDate().getUTCHours()), 'group at 09:00 New York time in UTC');
    // Stable UIDs across reads.
    const again = parse(await (await fetch(base + created.json.url)).text());
    assert.deepEqual(again.map((e) => e.uid).sort(), events.map((e) => e.uid).sort());

    const revoke = await api(base, 'POST', `/api/v1/calendar-feeds/${created.json.id}/revoke`);
    assert.equal(revoke.status, 200, revoke.text);
    assert.equal(revoke.json.revoked, true);
    assert.equal((await fetch(base + created.json.url)).status, 404);
    assert.equal((await fetch(`${base}/ical/${'A'.repeat(43)}.ics`)).status, 404);
  });

  test('a staff feed lists their groups and sessions; listing never shows the token', async () => {
    const created = await api(base, 'POST', '/api/v1/calendar-feeds', { body: { owner_type: 'staff', owner_id: dana.id } });
    assert.equal(created.status, 201, created.text);
    const events = parse(await (await fetch(base + created.json.url)).text());
    assert.ok(events.some((e) => e.uid === `${appointment.id}@stepwise`));
    assert.ok(events.some((e) => e.location === 'Room A, east wing'));
    const list = await api(base, 'GET', `/api/v1/calendar-feeds?owner_type=staff&owner_id=${dana.id}`);
    assert.equal(list.json.items.length, 1);
    assert.equal(list.json.items[0].url, undefined);
    assert.ok(!list.text.includes(created.json.url.slice(6, 30)));
  });
});
