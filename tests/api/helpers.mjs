// Starts the real stepwise binary on 127.0.0.1 and talks to it over HTTP.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import https from 'node:https';

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

const dbOfBase = new Map();
const children = new Set();
// After the last test of a file, kill the servers a failed test left running, so the file ends.
after(() => { for (const c of children) c.kill('SIGKILL'); });

let pgCounter = 0;
// A fresh PostgreSQL database on the test server started by scripts/test.sh, or null without one.
export function freshPostgresUrl() {
  const admin = process.env.STEPWISE_TEST_PG_ADMIN;
  if (!admin) return null;
  const name = `sw_api_${process.pid}_${pgCounter++}`;
  execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`]);
  return admin.replace(/\/postgres(\?|$)/, `/${name}$1`);
}

// GET over HTTPS trusting `ca` (a PEM certificate); without `ca`, any certificate (start-up probes only).
export function httpsGet(url, { ca, headers = {} } = {}) {
  return new Promise((ok, fail) => {
    const req = https.get(url, { ca, rejectUnauthorized: Boolean(ca), headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body, socket: res.socket }));
    });
    req.on('error', fail);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

// `tokenOf`: sign requests with the token created for another database (a restored copy of it).
// `scheme: 'https'`: the server serves TLS (pass --tls-cert/--tls-key in extraArgs); probes over HTTPS.
export async function startServer({ db, extraArgs = [], env = {}, port: fixedPort, listenFlag = true, tokenOf, scheme = 'http' }) {
  const port = fixedPort ?? await freePort();
  const logs = [];
  const child = spawn(BIN, ['serve', '--db', db, ...(listenFlag ? ['--listen', `127.0.0.1:${port}`] : []), ...extraArgs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => logs.push(d.toString()));
  child.stderr.on('data', (d) => logs.push(d.toString()));
  // A failed assertion must not leave the test process waiting on a server (see the after() hook).
  children.add(child);
  child.on('exit', () => children.delete(child));
  const base = `${scheme}://127.0.0.1:${port}`;
  dbOfBase.set(base, db);
  if (tokensByDb.has(tokenOf ?? db)) tokens.set(base, tokensByDb.get(tokenOf ?? db));
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${logs.join('')}`);
    try {
      const r = scheme === 'https' ? await httpsGet(`${base}/readyz`) : await fetch(`${base}/readyz`);
      if (r.ok || r.status === 200) break;
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

// Bearer tokens by server base URL and by database, so a restarted server keeps its signed-in caller.
const tokens = new Map();
const tokensByDb = new Map();

export async function api(base, method, path, { body, headers = {}, raw, auth = true } = {}) {
  const init = { method, headers: { ...headers } };
  if (auth && !init.headers.authorization && !init.headers.cookie && tokens.has(base)) {
    init.headers.authorization = `Bearer ${tokens.get(base)}`;
  }
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

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it.
export function totp(secret, unixSeconds = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// A browser-like session: the cookie and CSRF token, sent on every call.
export class Session {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async call(method, path, options = {}) {
    const headers = { ...(options.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const r = await api(this.base, method, path, { ...options, headers, auth: false });
    const set = r.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0].endsWith('=') ? '' : set.split(';')[0];
    if (r.json?.session?.csrf_token) this.csrf = r.json.session.csrf_token;
    return r;
  }
  async signIn(username, password, secret) {
    let r = await this.call('POST', '/api/v1/session', { body: { username, password } });
    if (r.json?.status === 'mfa_required') r = await this.call('POST', '/api/v1/session/mfa', { body: { code: totp(secret) } });
    return r;
  }
}

export const ADMIN = { username: 'admin', password: 'correct horse battery staple 7' };

// First run through the real API: creates the organization and the first administrator, enrols MFA,
// gives the administrator the director and privacy-officer roles too (program-wide client access),
// and creates an API token that later api() calls to `base` use. Returns the session and MFA secret.
export async function bootstrap(base, db) {
  const s = new Session(base);
  const setup = await s.call('POST', '/api/v1/setup', {
    body: { organization: { name: 'Test Clinic', time_zone: 'America/Chicago' },
      user: { username: ADMIN.username, display_name: 'Ada Admin', password: ADMIN.password } },
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${setup.text}`);
  const enroll = await s.call('POST', '/api/v1/me/mfa/enroll');
  const confirm = await s.call('POST', '/api/v1/me/mfa/confirm', { body: { code: totp(enroll.json.secret) } });
  if (confirm.status !== 200) throw new Error(`MFA confirm failed: ${confirm.text}`);
  const me = setup.json.session.user;
  const user = await s.call('GET', `/api/v1/users/${me.id}`);
  const upd = await s.call('PUT', `/api/v1/users/${me.id}`, {
    headers: { 'if-match': `"${user.json.version}"` },
    body: { display_name: 'Ada Admin', roles: ['administrator', 'program_director', 'privacy_officer'] },
  });
  if (upd.status !== 200) throw new Error(`role update failed: ${upd.text}`);
  const token = await s.call('POST', '/api/v1/me/tokens', { body: { name: 'api tests', expires_in_days: 30 } });
  if (token.status !== 201) throw new Error(`token failed: ${token.text}`);
  tokens.set(base, token.json.token);
  if (db) tokensByDb.set(db, token.json.token);
  return { session: s, secret: enroll.json.secret, userId: me.id, token: token.json.token };
}

// Sets up an organization, site, program and a morning track; returns their ids.
export async function setUpProgram(base) {
  if (!tokens.has(base)) await bootstrap(base, dbOfBase.get(base));
  const org = await api(base, 'GET', '/api/v1/organization');
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
