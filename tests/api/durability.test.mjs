// Durability: kill -9 during a stream of writes loses nothing acknowledged and leaves nothing
// half-written; an online backup taken under write load is consistent and restores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, api, cleanup, setUpProgram, startServer, tempDir } from './helpers.mjs';

function client(i) {
  return {
    mrn: `CRASH-${i}`,
    legal_name: { given: `Given${i}`, family: `Family${i}` },
    birth_date: '1980-01-01',
    identifiers: [{ system: 'medicaid', value: `MA-${i}` }],
  };
}

// Writes clients one after another from several concurrent writers until `stop()` says so.
function writeStream(base, writers = 4) {
  const acknowledged = [];
  let running = true;
  let next = 0;
  const loops = Array.from({ length: writers }, async () => {
    while (running && next < 5000) {
      const i = next++;
      try {
        const r = await api(base, 'POST', '/api/v1/clients', { body: client(i) });
        if (r.status === 201) acknowledged.push({ i, id: r.json.id });
      } catch {
        return;  // the server went away
      }
    }
  });
  return { acknowledged, stop: async () => { running = false; await Promise.all(loops); } };
}

test('kill -9 during writes: every acknowledged write survives whole', async () => {
  const dir = tempDir();
  const db = join(dir, 'crash.db');
  let server = await startServer({ db });
  await setUpProgram(server.base);
  const stream = writeStream(server.base);
  await new Promise((r) => setTimeout(r, 1500));
  server.child.kill('SIGKILL');
  await stream.stop();
  await new Promise((r) => server.child.exitCode !== null || server.child.signalCode ? r() : server.child.on('exit', r));
  assert.ok(stream.acknowledged.length > 20, `only ${stream.acknowledged.length} writes before the crash`);

  server = await startServer({ db });
  for (const { i, id } of stream.acknowledged) {
    const r = await api(server.base, 'GET', `/api/v1/clients/${id}`);
    assert.equal(r.status, 200, `acknowledged client ${i} is missing`);
    assert.equal(r.json.mrn, `CRASH-${i}`);
    assert.equal(r.json.identifiers.length, 1, `client ${i} lost its identifier`);
    const found = await api(server.base, 'GET', `/api/v1/clients?q=family${i}`);
    assert.ok(found.json.items.some((c) => c.id === id), `client ${i} lost its search terms`);
  }
  // Nothing half-written: every stored client is complete.
  let cursor = '';
  for (;;) {
    const page = await api(server.base, 'GET', `/api/v1/clients?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    for (const c of page.json.items) {
      const full = await api(server.base, 'GET', `/api/v1/clients/${c.id}`);
      assert.equal(full.json.identifiers.length, 1, `${c.mrn} is half-written`);
    }
    if (!page.json.next_cursor) break;
    cursor = page.json.next_cursor;
  }
  await server.stop();
  cleanup(dir);
});

test('backup under write load is consistent, verified and restores', async () => {
  const dir = tempDir();
  const db = join(dir, 'live.db');
  const server = await startServer({ db });
  await setUpProgram(server.base);
  const stream = writeStream(server.base, 2);
  await new Promise((r) => setTimeout(r, 700));
  const before = stream.acknowledged.length;
  const backup = spawnSync(BIN, ['backup', '--db', db, '--to', join(dir, 'copy.db')], { encoding: 'utf8' });
  const after = stream.acknowledged.length;
  await new Promise((r) => setTimeout(r, 300));
  await stream.stop();
  assert.equal(backup.status, 0, backup.stderr);
  assert.match(backup.stdout, /integrity ok/);
  const again = spawnSync(BIN, ['backup', '--db', db, '--to', join(dir, 'copy.db')], { encoding: 'utf8' });
  assert.notEqual(again.status, 0, 'a backup never overwrites an existing file');
  await server.stop();

  const restored = join(dir, 'restored.db');
  const r = spawnSync(BIN, ['restore', '--from', join(dir, 'copy.db'), '--db', restored], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(restored));
  const copy = await startServer({ db: restored, tokenOf: db });
  let count = 0;
  let cursor = '';
  for (;;) {
    const page = await api(copy.base, 'GET', `/api/v1/clients?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    for (const c of page.json.items) {
      const full = await api(copy.base, 'GET', `/api/v1/clients/${c.id}`);
      assert.equal(full.json.identifiers.length, 1, `${c.mrn} is half-copied`);
      count++;
    }
    if (!page.json.next_cursor) break;
    cursor = page.json.next_cursor;
  }
  assert.ok(count >= before && count <= after + 2, `backup holds ${count}, acknowledged ${before}..${after}`);
  await copy.stop();
  cleanup(dir);
});

test('SIGTERM finishes in-flight requests and exits cleanly', async () => {
  const dir = tempDir();
  const server = await startServer({ db: join(dir, 'term.db') });
  await setUpProgram(server.base);
  const inflight = Array.from({ length: 20 }, (_, i) => api(server.base, 'POST', '/api/v1/clients', { body: client(i) }));
  const code = server.stop('SIGTERM');
  const results = await Promise.allSettled(inflight);
  assert.equal(await code, 0);
  for (const r of results) {
    if (r.status === 'fulfilled') assert.ok([201, 409].includes(r.value.status) || r.value.status === 503, String(r.value.status));
  }
  assert.ok(server.logs.join('').includes('shutdown_complete'));
  cleanup(dir);
});

test('PostgreSQL going away gives a clear 503 and the server keeps running', async () => {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('scripts/pg-temp.sh', ['start'], { encoding: 'utf8' });
  const vars = Object.fromEntries(out.trim().split('\n').map((l) => l.replace('export ', '').split('=')));
  const admin = vars.STEPWISE_TEST_PG_ADMIN;
  const dir = tempDir();
  try {
    const server = await startServer({ db: admin });
    await setUpProgram(server.base);
    assert.equal((await api(server.base, 'GET', '/api/v1/clients')).status, 200);
    const pgData = `${vars.STEPWISE_TEST_PG_DIR}/data`;
    const asPg = process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--']] : [null, []];
    const pgCtl = '/usr/lib/postgresql/15/bin/pg_ctl';
    const run = (args) => (asPg[0] ? execFileSync(asPg[0], [...asPg[1], pgCtl, ...args]) : execFileSync(pgCtl, args));
    run(['-D', pgData, '-m', 'immediate', '-w', 'stop']);
    const down = await api(server.base, 'GET', '/api/v1/clients');
    assert.equal(down.status, 503, down.text);
    assert.equal(down.json.error.code, 'unavailable');
    const write = await api(server.base, 'POST', '/api/v1/clients', { body: client(1) });
    assert.equal(write.status, 503);
    assert.equal((await api(server.base, 'GET', '/readyz')).status, 503);
    assert.equal((await api(server.base, 'GET', '/healthz')).status, 200);
    await server.stop();
  } finally {
    execFileSync('scripts/pg-temp.sh', ['stop', vars.STEPWISE_TEST_PG_DIR]);
    cleanup(dir);
  }
});
