// The HTTP API end to end, on SQLite and on PostgreSQL, against the real binary.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'api.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

for (const [engine, dbFor] of engines) {
  describe(`API on ${engine}`, () => {
    let dir, server, base, setup;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
    });
    after(async () => {
      await server.stop();
      cleanup(dir);
    });

    const maria = {
      legal_name: { given: 'Maria', family: 'Lopez' }, preferred_name: 'Mari', pronouns: 'she/her',
      birth_date: '1988-04-17', sex_at_birth: 'female', phone: '(612) 555-0101',
      address: { line1: '1 Main St', city: 'Minneapolis', state: 'MN', postal_code: '55401' },
      identifiers: [{ system: 'medicaid', value: 'MA123' }],
    };
    const count = async () => (await api(base, 'GET', '/api/v1/clients?include_voided=true&limit=200')).json.items.length;

    test('set-up is readable and tracks report their weekly hours', async () => {
      assert.equal(setup.org.name, 'Test Clinic');
      const program = await api(base, 'GET', `/api/v1/programs/${setup.program.id}`);
      assert.equal(program.status, 200);
      assert.equal(program.json.tracks.length, 1);
      assert.equal(program.json.tracks[0].hours_per_week, 9);
      const again = await api(base, 'POST', '/api/v1/organization', { body: { name: 'X', time_zone: 'UTC' } });
      assert.equal(again.status, 409);
    });

    test('a client is registered, found by name, MRN and date of birth, and read with an ETag', async () => {
      const created = await api(base, 'POST', '/api/v1/clients', { body: maria });
      assert.equal(created.status, 201, created.text);
      assert.match(created.json.mrn, /^SW-\d{6}$/);
      assert.equal(created.headers.get('etag'), '"1"');
      assert.equal(created.headers.get('location'), `/api/v1/clients/${created.json.id}`);
      for (const q of ['mar', 'mari lop', created.json.mrn.toLowerCase(), '04/17/1988', '1988-04-17']) {
        const found = await api(base, 'GET', `/api/v1/clients?q=${encodeURIComponent(q)}`);
        assert.equal(found.status, 200);
        assert.deepEqual(found.json.items.map((c) => c.id), [created.json.id], q);
      }
      const read = await api(base, 'GET', `/api/v1/clients/${created.json.id}`);
      assert.equal(read.json.identifiers[0].value, 'MA123');
      assert.equal(read.json.current_episode, null);
    });

    test('updates need If-Match: 428 without, 412 when stale, nothing overwritten', async () => {
      const c = (await api(base, 'POST', '/api/v1/clients', { body: { ...maria, legal_name: { given: 'Ana', family: 'Silva' } } })).json;
      const body = { ...maria, legal_name: { given: 'Ana', family: 'Silva' }, mrn: c.mrn, pronouns: 'they/them' };
      assert.equal((await api(base, 'PUT', `/api/v1/clients/${c.id}`, { body })).status, 428);
      const ok = await api(base, 'PUT', `/api/v1/clients/${c.id}`, { body, headers: { 'if-match': '"1"' } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.headers.get('etag'), '"2"');
      const stale = await api(base, 'PUT', `/api/v1/clients/${c.id}`, { body: { ...body, pronouns: 'he/him' }, headers: { 'if-match': '"1"' } });
      assert.equal(stale.status, 412);
      assert.equal(stale.json.error.code, 'stale_version');
      assert.equal((await api(base, 'GET', `/api/v1/clients/${c.id}`)).json.pronouns, 'they/them');
    });

    test('bad input is refused naming the field, and nothing is written', async () => {
      const before = await count();
      const cases = [
        [{ raw: '{"legal_name": ' }, 'body'],
        [{ raw: '[1]' }, 'body'],
        [{ body: { ...maria, birth_date: '2023-02-29' } }, 'birth_date'],
        [{ body: { ...maria, birth_date: 19880417 } }, 'birth_date'],
        [{ body: { ...maria, legal_name: { given: 'Maria' } } }, 'legal_name.family'],
        [{ body: { ...maria, favourite_color: 'blue' } }, 'favourite_color'],
        [{ body: { ...maria, sex_at_birth: 'm' } }, 'sex_at_birth'],
        [{ body: { ...maria, identifiers: [{ system: 'medicaid' }] } }, 'identifiers[0].value'],
        [{ body: { ...maria, email: 'nope' } }, 'email'],
      ];
      for (const [req, field] of cases) {
        const r = await api(base, 'POST', '/api/v1/clients', req);
        assert.equal(r.status, 400, `${field}: ${r.text}`);
        assert.equal(r.json.error.code, 'invalid_argument');
        assert.ok(r.json.error.fields.some((f) => f.field === field), `${field} in ${r.text}`);
      }
      const big = await api(base, 'POST', '/api/v1/clients', { raw: JSON.stringify({ ...maria, notes: 'x'.repeat(2 * 1024 * 1024) }) });
      assert.equal(big.status, 413);
      const badId = await api(base, 'GET', '/api/v1/clients/not-an-id');
      assert.equal(badId.status, 400);
      assert.equal(badId.json.error.fields[0].field, 'id');
      const missing = await api(base, 'GET', '/api/v1/clients/0192f3a4-5b6c-7d8e-9f01-23456789abcd');
      assert.equal(missing.status, 404);
      assert.equal(await count(), before);
    });

    test('a duplicate MRN in the organization is a 409', async () => {
      const first = await api(base, 'POST', '/api/v1/clients', { body: { ...maria, mrn: 'EXT-77' } });
      assert.equal(first.status, 201, first.text);
      const dup = await api(base, 'POST', '/api/v1/clients', { body: { ...maria, mrn: 'ext-77' } });
      assert.equal(dup.status, 409);
      assert.equal(dup.json.error.fields[0].field, 'mrn');
    });

    test('episodes move a client along the pathway; stage filters and the chart header follow', async () => {
      const c = (await api(base, 'POST', '/api/v1/clients', { body: { ...maria, legal_name: { given: 'Jordan', family: 'Rivera' } } })).json;
      const staff = await api(base, 'POST', '/api/v1/staff', {
        body: { given_name: 'Priya', family_name: 'Shah', roles: ['counselor'], credentials: [{ type: 'LADC', license_number: 'L-1', issuing_state: 'MN', expires_on: '2027-06-30' }] },
      });
      assert.equal(staff.status, 201, staff.text);
      const ep = await api(base, 'POST', `/api/v1/clients/${c.id}/episodes`, {
        body: { program_id: setup.program.id, track_id: setup.track.id, counselor_id: staff.json.id, stage: 'treatment', level_of_care: '2.1', admission_date: '2026-10-01' },
      });
      assert.equal(ep.status, 201, ep.text);
      const chart = (await api(base, 'GET', `/api/v1/clients/${c.id}`)).json;
      assert.equal(chart.current_episode.stage, 'treatment');
      assert.equal(chart.current_episode.track_name, 'Morning');
      assert.equal(chart.current_episode.counselor_name, 'Priya Shah');
      const inTreatment = await api(base, 'GET', `/api/v1/clients?stage=treatment&track_id=${setup.track.id}`);
      assert.deepEqual(inTreatment.json.items.map((i) => i.id), [c.id]);
      const second = await api(base, 'POST', `/api/v1/clients/${c.id}/episodes`, { body: { program_id: setup.program.id, stage: 'intake', level_of_care: '2.1' } });
      assert.equal(second.status, 409);
      const badStage = await api(base, 'GET', '/api/v1/clients?stage=nowhere');
      assert.equal(badStage.status, 400);
    });

    test('voiding needs a reason and hides the record from lists', async () => {
      const c = (await api(base, 'POST', '/api/v1/clients', { body: { ...maria, legal_name: { given: 'Void', family: 'Me' } } })).json;
      const noReason = await api(base, 'POST', `/api/v1/clients/${c.id}/void`, { body: {}, headers: { 'if-match': '"1"' } });
      assert.equal(noReason.status, 400);
      const voided = await api(base, 'POST', `/api/v1/clients/${c.id}/void`, { body: { reason: 'registered twice' }, headers: { 'if-match': '"1"' } });
      assert.equal(voided.status, 200);
      assert.equal(voided.json.voided, true);
      assert.equal((await api(base, 'GET', '/api/v1/clients?q=void')).json.items.length, 0);
      assert.equal((await api(base, 'GET', '/api/v1/clients?q=void&include_voided=true')).json.items.length, 1);
    });

    test('lists page with a cursor', async () => {
      for (let i = 0; i < 5; i++) {
        await api(base, 'POST', '/api/v1/clients', { body: { ...maria, legal_name: { given: `Page${i}`, family: 'Zimmer' } } });
      }
      const first = await api(base, 'GET', '/api/v1/clients?q=zimmer&limit=2');
      assert.equal(first.json.items.length, 2);
      const second = await api(base, 'GET', `/api/v1/clients?q=zimmer&limit=2&cursor=${first.json.next_cursor}`);
      const third = await api(base, 'GET', `/api/v1/clients?q=zimmer&limit=2&cursor=${second.json.next_cursor}`);
      const all = [...first.json.items, ...second.json.items, ...third.json.items].map((c) => c.legal_name.given);
      assert.deepEqual(all, ['Page0', 'Page1', 'Page2', 'Page3', 'Page4']);
      assert.equal(third.json.next_cursor, null);
      assert.equal((await api(base, 'GET', '/api/v1/clients?limit=0')).status, 400);
    });

    test('every response has a request id and the security headers; unknown routes 404, wrong methods 405', async () => {
      const r = await api(base, 'GET', '/api/v1/meta');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
      assert.ok(r.json.care_stages.some((s) => s.code === 'treatment'));
      assert.equal((await api(base, 'GET', '/api/v1/nope')).status, 404);
      assert.equal((await api(base, 'DELETE', '/api/v1/clients')).status, 405);
    });

    test('keep-alive serves many requests on one connection', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => api(base, 'GET', '/healthz')));
      assert.ok(results.every((r) => r.status === 200));
    });
  });
}

test('serve refuses a plain-HTTP non-loopback listener without --behind-proxy, and bad configuration', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN } = await import('./helpers.mjs');
  const dir = tempDir();
  const r = spawnSync(BIN, ['serve', '--db', join(dir, 'x.db'), '--listen', '0.0.0.0:8080'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /loopback/);
  const bad = spawnSync(BIN, ['serve', '--db', join(dir, 'x.db'), '--io-threads', 'many'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /io_threads/);
  const unknownEnv = spawnSync(BIN, ['serve', '--db', join(dir, 'x.db')], { encoding: 'utf8', env: { ...process.env, STEPWISE_COLOUR: 'x' } });
  assert.notEqual(unknownEnv.status, 0);
  assert.match(unknownEnv.stderr, /STEPWISE_COLOUR/);
  cleanup(dir);
});

test('configuration: flags beat environment beats the config file; unknown keys are named', async () => {
  const { writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { BIN, freePort } = await import('./helpers.mjs');
  const dir = tempDir();
  const conf = join(dir, 'stepwise.conf');
  writeFileSync(conf, '# test\nlisten = 127.0.0.1:1\ndb = ' + join(dir, 'file.db') + '\n');
  // The file says port 1; the environment says another port; serve must use the environment's.
  const envPort = await freePort();
  const server = await startServer({ db: join(dir, 'flag.db'), extraArgs: ['--config', conf], port: envPort,
    listenFlag: false, env: { STEPWISE_LISTEN: `127.0.0.1:${envPort}` } });
  assert.equal((await api(server.base, 'GET', '/healthz')).status, 200);
  await server.stop();
  // A flag beats the environment.
  const flagged = await startServer({ db: join(dir, 'flag.db'), extraArgs: ['--config', conf],
    env: { STEPWISE_LISTEN: '127.0.0.1:1' } });
  assert.equal((await api(flagged.base, 'GET', '/healthz')).status, 200);
  await flagged.stop();
  writeFileSync(conf, 'colour = blue\n');
  const bad = spawnSync(BIN, ['serve', '--config', conf], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unknown configuration key 'colour'/);
  writeFileSync(conf, 'body_limit = lots\n');
  const badValue = spawnSync(BIN, ['serve', '--config', conf], { encoding: 'utf8' });
  assert.match(badValue.stderr, /body_limit/);
  cleanup(dir);
});
