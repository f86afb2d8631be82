// Starts the real stepwise binary on 127.0.0.1 and talks to it over HTTP.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

export const BIN = resolve(process.env.STEPWISE_BIN ?? 'build/stepwise');

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'stepwise-api-'));
}

export async function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

let pgCounter = 0;
// A fresh PostgreSQL database on the test server started by scripts/test.sh, or null without one.
export function freshPostgresUrl() {
  const admin = process.env.STEPWISE_TEST_PG_ADMIN;
  if (!admin) return null;
  const name = `sw_api_${process.pid}_${pgCounter++}`;
  execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`]);
  return admin.replace(/\/postgres(\?|$)/, `/${name}$1`);
}

export async function startServer({ db, extraArgs = [], env = {}, port: fixedPort, listenFlag = true }) {
  const port = fixedPort ?? await freePort();
  const logs = [];
  const child = spawn(BIN, ['serve', '--db', db, ...(listenFlag ? ['--listen', `127.0.0.1:${port}`] : []), ...extraArgs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => logs.push(d.toString()));
  child.stderr.on('data', (d) => logs.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${logs.join('')}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, child, logs, port,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return new Promise((ok) => child.on('exit', (code, sig) => ok(code ?? sig)));
    },
  };
}

export async function api(base, method, path, { body, headers = {}, raw } = {}) {
  const init = { method, headers: { ...headers } };
  if (raw !== undefined) {
    init.body = raw;
    init.headers['content-type'] = 'application/json';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: res.status, headers: res.headers, json, text };
}

// Sets up an organization, site, program and a morning track; returns their ids.
export async function setUpProgram(base) {
  const org = await api(base, 'POST', '/api/v1/organization', { body: { name: 'Test Clinic', time_zone: 'America/Chicago' } });
  const site = await api(base, 'POST', '/api/v1/sites', { body: { name: 'Main' } });
  const program = await api(base, 'POST', '/api/v1/programs', { body: { site_id: site.json.id, name: 'Adult IOP', level_of_care: '2.1' } });
  const track = await api(base, 'POST', `/api/v1/programs/${program.json.id}/tracks`, {
    body: { name: 'Morning', days: ['mon', 'wed', 'fri'], start_time: '09:00', end_time: '12:00', capacity: 12 },
  });
  return { org: org.json, site: site.json, program: program.json, track: track.json };
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
}
