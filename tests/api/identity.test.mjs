// Sign-in, sessions, MFA, throttling, tokens, record-level access and read auditing through the real
// binary, on the demo program (its users share one password; MFA users share one TOTP secret).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, Session, api, cleanup, startServer, tempDir, totp } from './helpers.mjs';

const PASSWORD = 'northstar-demo-pass';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let dir, server, base;

before(async () => {
  dir = tempDir();
  const demo = spawnSync(BIN, ['demo', '--db', join(dir, 'demo.db'), '--today', '2026-11-02'], { encoding: 'utf8' });
  assert.equal(demo.status, 0, demo.stderr);
  server = await startServer({ db: join(dir, 'demo.db') });
  base = server.base;
});
after(async () => {
  await server.stop();
  cleanup(dir);
});

// Waits for the next 30-second TOTP step so a code is fresh and unused.
async function nextStep() {
  const ms = 30_000 - (Date.now() % 30_000) + 200;
  await new Promise((r) => setTimeout(r, ms));
}

test('first run is closed once users exist', async () => {
  const setup = await api(base, 'GET', '/api/v1/setup', { auth: false });
  assert.deepEqual(setup.json, { needs_first_user: false, needs_organization: false });
  const again = await api(base, 'POST', '/api/v1/setup', { auth: false,
    body: { user: { username: 'mallory', display_name: 'M', password: 'a long enough password' } } });
  assert.equal(again.status, 409);
});

test('the session cookie is __Host-, HttpOnly, Secure, SameSite=Strict and new at every sign-in', async () => {
  const s = new Session(base);
  s.cookie = '__Host-stepwise=attacker-chosen-value';
  const r = await s.call('POST', '/api/v1/session', { body: { username: 'priya', password: PASSWORD } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'signed_in');
  const set = r.headers.get('set-cookie');
  assert.match(set, /^__Host-stepwise=[A-Za-z0-9_-]{43};/);
  for (const attr of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']) assert.ok(set.includes(attr), attr);
  assert.notEqual(s.cookie, '__Host-stepwise=attacker-chosen-value');
  const other = new Session(base);
  await other.signIn('priya', PASSWORD);
  assert.notEqual(other.cookie, s.cookie);
  assert.equal(r.json.session.user.client_scope, 'caseload');
  assert.equal(r.json.session.idle_timeout_seconds, 900);
  const fixed = await api(base, 'GET', '/api/v1/session', { auth: false, headers: { cookie: '__Host-stepwise=attacker-chosen-value' } });
  assert.equal(fixed.status, 401);
});

test('wrong passwords and unknown users get the same answer, then a delay', async () => {
  const tries = async (username) => {
    const out = [];
    for (let i = 0; i < 6; i++) {
      out.push(await api(base, 'POST', '/api/v1/session', { auth: false, body: { username, password: 'not the password!' } }));
    }
    return out;
  };
  const known = await tries('tom');
  const unknown = await tries('no-such-user');
  for (const list of [known, unknown]) {
    for (const r of list.slice(0, 5)) {
      assert.equal(r.status, 401);
      assert.deepEqual(r.json, { error: { code: 'unauthenticated', message: 'wrong username or password', fields: [] } });
    }
    assert.equal(list[5].status, 429);
    assert.ok(Number(list[5].headers.get('retry-after')) >= 1);
  }
  const bad = await api(base, 'POST', '/api/v1/session', { auth: false, body: { username: 'tom' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.fields[0].field, 'password');
});

test('MFA: a pending sign-in is not a session, a code works once, and the session can be ended', async () => {
  await nextStep();
  const s = new Session(base);
  const first = await s.call('POST', '/api/v1/session', { body: { username: 'karen', password: PASSWORD } });
  assert.equal(first.json.status, 'mfa_required');
  assert.equal((await s.call('GET', '/api/v1/clients')).status, 401);
  const code = totp(SECRET);
  const done = await s.call('POST', '/api/v1/session/mfa', { body: { code } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, 'signed_in');
  assert.equal((await s.call('GET', '/api/v1/clients?q=maria')).status, 200);

  const replay = new Session(base);
  await replay.call('POST', '/api/v1/session', { body: { username: 'karen', password: PASSWORD } });
  const reused = await replay.call('POST', '/api/v1/session/mfa', { body: { code } });
  assert.equal(reused.status, 401);
  assert.match(reused.json.error.message, /already used/);

  const sessions = await s.call('GET', '/api/v1/me/sessions');
  assert.ok(sessions.json.items.some((x) => x.current));
  const out = await s.call('DELETE', '/api/v1/session');
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  const old = await api(base, 'GET', '/api/v1/clients', { auth: false, headers: { cookie: done.headers.get('set-cookie').split(';')[0] } });
  assert.equal(old.status, 401, 'the old cookie is dead after sign-out');
});

test('a counselor sees only their caseload; another client is 404 and the refusal is audited', async () => {
  const priya = new Session(base);
  await priya.signIn('priya', PASSWORD);
  const mine = await priya.call('GET', '/api/v1/clients?limit=200');
  assert.ok(mine.json.items.length > 0);
  // Her clients, and those of the morning track, whose process group she facilitates (and stands in for once).
  assert.ok(mine.json.items.some((c) => c.counselor_name === 'Priya Shah'));
  assert.ok(mine.json.items.every((c) => c.counselor_name === 'Priya Shah' || c.track_name === 'Morning track'));
  const karen = new Session(base);
  await nextStep();
  await karen.signIn('karen', PASSWORD, SECRET);
  const all = await karen.call('GET', '/api/v1/clients?limit=200');
  const seen = new Set(mine.json.items.map((c) => c.id));
  const theirs = all.json.items.find((c) => c.counselor_name && c.counselor_name !== 'Priya Shah' && !seen.has(c.id));
  const denied = await priya.call('GET', `/api/v1/clients/${theirs.id}`);
  assert.equal(denied.status, 404);
  const read = await priya.call('GET', `/api/v1/clients/${mine.json.items[0].id}`);
  assert.equal(read.status, 200);

  const linda = new Session(base);
  await nextStep();
  const signed = await linda.signIn('linda', PASSWORD, SECRET);
  assert.equal(signed.json.status, 'signed_in', signed.text);
  const userId = priya.csrf && (await priya.call('GET', '/api/v1/session')).json.user.id;
  const events = await linda.call('GET', `/api/v1/audit-events?user_id=${userId}&limit=500`);
  assert.equal(events.status, 200, events.text);
  const readEvent = events.json.items.find((e) => e.action === 'read' && e.client_id === mine.json.items[0].id);
  assert.ok(readEvent, 'the read is audited');
  assert.equal(readEvent.outcome, 'success');
  assert.equal(readEvent.source_address, '127.0.0.1');
  assert.equal(readEvent.role, 'counselor');
  assert.ok(events.json.items.some((e) => e.action === 'read' && e.client_id === theirs.id && e.outcome === 'denied'));
  assert.ok(events.json.items.some((e) => e.action === 'query'));
  assert.ok(events.json.items.some((e) => e.action === 'sign_in' && e.outcome === 'success'));
  const forbidden = await priya.call('GET', '/api/v1/audit-events');
  assert.equal(forbidden.status, 403);

  // The same trail as FHIR R4 AuditEvent resources (IHE BALP shape).
  const fhir = await linda.call('GET', `/api/v1/audit-events.fhir?user_id=${userId}`);
  assert.equal(fhir.status, 200, fhir.text);
  assert.match(fhir.headers.get('content-type'), /application\/fhir\+json/);
  assert.equal(fhir.json.resourceType, 'Bundle');
  const resources = fhir.json.entry.map((x) => x.resource);
  assert.ok(resources.every((r) => r.resourceType === 'AuditEvent' && r.recorded && r.agent[0].requestor === true));
  const fhirRead = resources.find((r) => r.subtype?.[0]?.code === 'read' && r.outcome === '0');
  assert.ok(fhirRead, 'a read as a RESTful AuditEvent');
  assert.equal(fhirRead.action, 'R');
  // BALP: the client agent (DCM 110152) carries the browser's address; the user agent is the requestor.
  const clientAgent = fhirRead.agent.find((a) => a.type?.coding?.some((c) => c.code === '110152'));
  assert.equal(clientAgent?.network?.address, '127.0.0.1', JSON.stringify(fhirRead.agent));
  assert.ok(fhirRead.entity.some((en) => en.what?.reference?.startsWith('Patient/') && en.role?.code === '1'));
  assert.ok(resources.some((r) => r.outcome === "4"), 'the refused read is a minor failure');
  assert.ok(resources.some((r) => r.type.code === "110114"), 'sign-ins are user authentication events');
});

test('a counselor who facilitates a group sees its clients, and loses them when she stops facilitating', async () => {
  const priya = new Session(base);
  await priya.signIn('priya', PASSWORD);
  const staffId = (await priya.call('GET', '/api/v1/session')).json.user.staff_id;
  const karen = new Session(base);
  await nextStep();
  await karen.signIn('karen', PASSWORD, SECRET);
  const ids = async (s) => new Set((await s.call('GET', '/api/v1/clients?limit=200')).json.items.map((c) => c.id));
  const before = await ids(priya);
  const all = (await karen.call('GET', '/api/v1/clients?limit=200')).json.items;
  // An evening-track client in treatment, not Priya's: she cannot open the chart yet.
  const client = all.find((c) => c.track_name === 'Evening track' && c.stage === 'treatment' && !before.has(c.id));
  assert.ok(client, 'an evening-track client outside her caseload');
  assert.equal((await priya.call('GET', `/api/v1/clients/${client.id}`)).status, 404);
  const enrollments = (await karen.call('GET', `/api/v1/clients/${client.id}/enrollments`)).json.items;
  const trackId = enrollments.find((e) => !e.ended_on)?.track_id;
  assert.ok(trackId, 'the client is enrolled in the evening track');

  // Karen puts Priya in charge of a new Friday afternoon group on that track (telehealth: no room).
  const today = new Date().toISOString().slice(0, 10);
  const created = await karen.call('POST', '/api/v1/group-series', {
    body: {
      track_id: trackId, title: 'Friday check-in', group_type: 'process', days: ['fri'], start: '14:00', end: '15:00',
      starts_on: today, modality: 'telehealth', meeting_link: 'https://meet.example.org/friday',
      facilitator_staff_ids: [staffId], required_credentials: [], size_limit: 12,
    },
  });
  assert.equal(created.status, 201, created.text);
  const chart = await priya.call('GET', `/api/v1/clients/${client.id}`);
  assert.equal(chart.status, 200, chart.text);
  assert.ok((await ids(priya)).has(client.id), 'the client list agrees with the chart');

  // Someone else takes the group over: the client is out of reach again, in the list and the chart.
  const tomStaff = (await karen.call('GET', '/api/v1/staff?limit=200')).json.items.find((s) => s.family_name === 'Becker');
  const { id, version, voided, void_reason, created_at, updated_at, ...series } = created.json;
  const moved = await karen.call('PUT', `/api/v1/group-series/${id}`, {
    headers: { 'if-match': `"${version}"` },
    body: { ...series, facilitator_staff_ids: [tomStaff.id] },
  });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await priya.call('GET', `/api/v1/clients/${client.id}`)).status, 404);
  assert.ok(!(await ids(priya)).has(client.id));
});

test('GET /roles labels every role as GET /meta does', async () => {
  const linda = new Session(base);
  await nextStep();
  assert.equal((await linda.signIn('linda', PASSWORD, SECRET)).json.status, 'signed_in');
  const roles = await linda.call('GET', '/api/v1/roles');
  assert.equal(roles.status, 200, roles.text);
  const meta = (await api(base, 'GET', '/api/v1/meta')).json;
  const labels = new Map(meta.roles.map((r) => [r.code, r.label]));
  assert.ok(roles.json.roles.length >= 8);
  for (const r of roles.json.roles) assert.equal(r.label, labels.get(r.code), r.code);
  assert.equal(roles.json.roles.find((r) => r.code === 'therapist').label, 'Licensed therapist');
});

test('API tokens act as their user, are shown once, and stop when revoked', async () => {
  const s = new Session(base);
  await s.signIn('diego', PASSWORD);
  const created = await s.call('POST', '/api/v1/me/tokens', { body: { name: 'intake export', expires_in_days: 7 } });
  assert.equal(created.status, 201);
  const bearer = { authorization: `Bearer ${created.json.token}` };
  assert.equal((await api(base, 'GET', '/api/v1/clients', { headers: bearer })).status, 200);
  assert.equal((await api(base, 'GET', '/api/v1/users', { headers: bearer })).status, 403, 'never more than the user');
  const listed = await s.call('GET', '/api/v1/me/tokens');
  assert.ok(!JSON.stringify(listed.json).includes(created.json.token), 'the secret is shown only at creation');
  assert.equal((await s.call('POST', `/api/v1/me/tokens/${created.json.id}/revoke`)).status, 204);
  assert.equal((await api(base, 'GET', '/api/v1/clients', { headers: bearer })).status, 401);
  assert.equal((await api(base, 'GET', '/api/v1/clients', { headers: { authorization: 'Basic abc' } })).status, 401);
  const noCsrf = await api(base, 'POST', '/api/v1/me/tokens', { auth: false, headers: { cookie: s.cookie }, body: { name: 'x', expires_in_days: 1 } });
  assert.equal(noCsrf.status, 403);
});

test('a password change can sign out the other sessions', async () => {
  const a = new Session(base);
  const b = new Session(base);
  await a.signIn('renee', PASSWORD);
  await b.signIn('renee', PASSWORD);
  const weak = await a.call('POST', '/api/v1/me/password', { body: { current_password: PASSWORD, new_password: 'password1234', end_other_sessions: true } });
  assert.equal(weak.status, 400);
  assert.equal(weak.json.error.fields[0].field, 'new_password');
  const ok = await a.call('POST', '/api/v1/me/password', { body: { current_password: PASSWORD, new_password: 'a brand new passphrase here', end_other_sessions: true } });
  assert.equal(ok.status, 204, ok.text);
  assert.equal((await a.call('GET', '/api/v1/session')).status, 200);
  assert.equal((await b.call('GET', '/api/v1/session')).status, 401);
});

test('a signed-in user can confirm their own password (leaving tablet mode); a wrong one names the field', async () => {
  const s = new Session(base);
  await s.signIn('tom', PASSWORD);
  const wrong = await s.call('POST', '/api/v1/me/verify-password', { body: { password: 'not my password at all' } });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.error.fields[0].field, 'password');
  assert.equal((await s.call('GET', '/api/v1/session')).status, 200, 'a wrong confirmation does not end the session');
  const ok = await s.call('POST', '/api/v1/me/verify-password', { body: { password: PASSWORD } });
  assert.equal(ok.status, 204, ok.text);
  const anonymous = await new Session(base).call('POST', '/api/v1/me/verify-password', { body: { password: PASSWORD } });
  assert.equal(anonymous.status, 401);
});

test('no password, token, cookie or client name reaches the server log', async () => {
  const logs = server.logs.join('');
  assert.ok(logs.length > 1000, 'the server logged its requests');
  for (const canary of [PASSWORD, 'a brand new passphrase here', 'swt_', '__Host-stepwise', 'Maria', 'Lopez', SECRET]) {
    assert.ok(!logs.includes(canary), `the log contains ${canary}`);
  }
});
