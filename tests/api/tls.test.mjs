// TLS in the server (--tls-cert/--tls-key), the reverse-proxy mode (--behind-proxy) and the start-up rule
// that keeps plain HTTP on loopback (privacy-security items 10 and 12; ADR 0008).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import https from 'node:https';
import tls from 'node:tls';
import {
  BIN, startServer, tempDir, cleanup, freePort, httpsGet, api, bootstrap, ADMIN,
} from './helpers.mjs';

const HSTS = 'max-age=31536000; includeSubDomains';

// A throwaway self-signed certificate for 127.0.0.1 and localhost, and a second key that matches nothing.
function makeCertificates(dir) {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const otherKey = join(dir, 'other-key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKey],
    { stdio: 'ignore' });
  return { cert, key, otherKey, ca: readFileSync(cert) };
}

// A raw TLS handshake with the given client options; resolves with the socket's protocol and cipher, or
// rejects with the handshake error.
function handshake(port, options) {
  return new Promise((ok, fail) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () => {
      const result = { protocol: socket.getProtocol(), cipher: socket.getCipher(), socket };
      ok(result);
    });
    socket.on('error', fail);
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
  });
}

// Runs `serve` expecting it to refuse to start; returns { status, stderr }. A server that does start is
// killed after a few seconds (the assertion on status then fails).
function refusedServe(args) {
  return spawnSync(BIN, ['serve', ...args], { encoding: 'utf8', timeout: 8000 });
}

// Starts `serve` with its own --listen (not the helper's 127.0.0.1) and waits for the "serving" line.
async function serveUntilListening(args) {
  const child = spawn(BIN, ['serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  for (let i = 0; i < 200 && !/Stepwise is serving on/.test(out) && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  await new Promise((ok) => (child.exitCode !== null ? ok() : child.on('exit', ok)));
  return out;
}

describe('serve over TLS', () => {
  let dir;
  let certs;
  let server;
  before(async () => {
    dir = tempDir();
    certs = makeCertificates(dir);
    server = await startServer({ db: join(dir, 'tls.db'), scheme: 'https',
      extraArgs: ['--tls-cert', certs.cert, '--tls-key', certs.key] });
  });
  after(async () => {
    await server?.stop();
    cleanup(dir);
  });

  test('says https in its start-up line', () => {
    assert.match(server.logs.join(''), new RegExp(`Stepwise is serving on https://127\\.0\\.0\\.1:${server.port}/`));
  });

  test('GET /healthz over TLS answers 200 with HSTS and the other security headers', async () => {
    const r = await httpsGet(`${server.base}/healthz`, { ca: certs.ca });
    assert.equal(r.status, 200);
    assert.equal(r.headers['strict-transport-security'], HSTS);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.match(r.headers['content-security-policy'], /frame-ancestors 'none'/);
    assert.equal(r.headers['cache-control'], 'no-store');
  });

  test('HSTS on every response over TLS: API errors and non-API paths too', async () => {
    const missing = await httpsGet(`${server.base}/api/v1/nothing-here`, { ca: certs.ca });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['strict-transport-security'], HSTS);
    const denied = await httpsGet(`${server.base}/api/v1/clients`, { ca: certs.ca });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers['strict-transport-security'], HSTS);
    const page = await httpsGet(`${server.base}/some/page`, { ca: certs.ca });
    assert.equal(page.headers['strict-transport-security'], HSTS);
  });

  test('keep-alive: many requests on one TLS connection', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: certs.ca });
    const sockets = new Set();
    for (let i = 0; i < 20; i++) {
      const status = await new Promise((ok, fail) => {
        https.get(`${server.base}/healthz`, { agent }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on('end', () => ok(res.statusCode));
        }).on('error', fail);
      });
      assert.equal(status, 200);
    }
    assert.equal(sockets.size, 1);
    agent.destroy();
  });

  test('a body over the limit gets 413 over TLS too, and the client reads it', async () => {
    const status = await new Promise((ok, fail) => {
      const req = https.request(`${server.base}/api/v1/session`, { method: 'POST', ca: certs.ca, agent: false,
        headers: { 'content-type': 'application/json', 'content-length': 2 * 1024 * 1024 } }, (res) => {
        res.resume();
        ok(res.statusCode);
      });
      req.on('error', fail);
      req.write(Buffer.alloc(256 * 1024, 0x20));
    });
    assert.equal(status, 413);
  });

  test('handlers on a worker pool answer over TLS; SIGTERM with TLS keep-alive connections open exits 0', async () => {
    const pooled = await startServer({ db: join(dir, 'pool.db'), scheme: 'https',
      extraArgs: ['--tls-cert', certs.cert, '--tls-key', certs.key, '--handler-threads', '2', '--io-threads', '2'] });
    const agent = new https.Agent({ keepAlive: true, maxSockets: 4, ca: certs.ca });
    const get = () => new Promise((ok, fail) => {
      https.get(`${pooled.base}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => ok(res));
      }).on('error', fail);
    });
    const results = await Promise.all(Array.from({ length: 40 }, get));
    assert.ok(results.every((r) => r.statusCode === 200 && r.headers['strict-transport-security'] === HSTS));
    assert.equal(await pooled.stop('SIGTERM'), 0);
    agent.destroy();
  });

  test('a plain-HTTP request to the TLS port gets no answer', async () => {
    await assert.rejects(fetch(`http://127.0.0.1:${server.port}/healthz`));
  });

  test('TLS 1.2 negotiates an ECDHE cipher with AEAD; TLS 1.3 works', async () => {
    const t12 = await handshake(server.port, { ca: certs.ca, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    assert.equal(t12.protocol, 'TLSv1.2');
    assert.match(t12.cipher.name, /^ECDHE-.*(GCM|CHACHA20)/);
    t12.socket.destroy();
    const t13 = await handshake(server.port, { ca: certs.ca, minVersion: 'TLSv1.3' });
    assert.equal(t13.protocol, 'TLSv1.3');
    t13.socket.destroy();
  });

  test('TLS 1.1 and 1.0 are refused by the server', async () => {
    // SECLEVEL=0 lets this client offer the old versions at all; the refusal must come from the server.
    for (const version of ['TLSv1.1', 'TLSv1']) {
      await assert.rejects(
        handshake(server.port, { ca: certs.ca, minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' }),
        // Alert 70 (protocol_version) is sent by the server.
        (e) => e.code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
      );
    }
  });

  test('weak TLS 1.2 ciphers (no forward secrecy, CBC) are refused', async () => {
    await assert.rejects(
      handshake(server.port, { ca: certs.ca, maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:AES256-SHA:AES128-GCM-SHA256' }),
      (e) => e.code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    );
    await assert.rejects(
      handshake(server.port, { ca: certs.ca, maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA' }),
      (e) => e.code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    );
  });

  test('client-initiated renegotiation is refused', async () => {
    const c = await handshake(server.port, { ca: certs.ca, maxVersion: 'TLSv1.2' });
    const err = await new Promise((ok) => {
      c.socket.on('error', (e) => ok(e));
      c.socket.on('close', () => ok(new Error('closed')));
      const accepted = c.socket.renegotiate({ rejectUnauthorized: false }, (e) => ok(e ?? null));
      if (accepted === false) ok(new Error('renegotiate not started'));
      // Something must flow for the server to see the renegotiation request.
      c.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    });
    assert.ok(err instanceof Error, 'renegotiation must not succeed');
    assert.match(err.message, /no renegotiation/);
    c.socket.destroy();
  });
});

describe('serve start-up rules for TLS and listening beyond loopback', () => {
  let dir;
  let certs;
  before(() => {
    dir = tempDir();
    certs = makeCertificates(dir);
  });
  after(() => cleanup(dir));

  test('a non-loopback listener without TLS or --behind-proxy is refused, naming listen and both ways', () => {
    const db = join(dir, 'refused.db');
    const r = refusedServe(['--db', db, '--listen', '0.0.0.0:0']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /listen: /);
    assert.match(r.stderr, /loopback/);
    assert.match(r.stderr, /--tls-cert/);
    assert.match(r.stderr, /--behind-proxy/);
    assert.equal(existsSync(db), false, 'refused before the database is created');
  });

  test('a non-loopback listener starts with TLS, or with --behind-proxy', async () => {
    const port = await freePort();
    const withTls = await serveUntilListening(['--db', join(dir, 'any-tls.db'), '--listen', `0.0.0.0:${port}`,
      '--tls-cert', certs.cert, '--tls-key', certs.key]);
    assert.match(withTls, new RegExp(`Stepwise is serving on https://0\\.0\\.0\\.0:${port}/`));
    const proxied = await serveUntilListening(['--db', join(dir, 'any-proxy.db'), '--listen', `0.0.0.0:${port}`,
      '--behind-proxy', 'true']);
    assert.match(proxied, new RegExp(`Stepwise is serving on http://0\\.0\\.0\\.0:${port}/ \\(behind a TLS-terminating proxy\\)`));
  });

  test('--behind-proxy works as a bare flag', async () => {
    const out = await serveUntilListening(['--db', join(dir, 'bare.db'), '--listen', `127.0.0.1:${await freePort()}`,
      '--behind-proxy']);
    assert.match(out, /behind a TLS-terminating proxy/);
  });

  test('tls_cert and tls_key come together; each alone is named', () => {
    const onlyCert = refusedServe(['--db', join(dir, 'x.db'), '--tls-cert', certs.cert]);
    assert.equal(onlyCert.status, 2);
    assert.match(onlyCert.stderr, /tls_key: is required with tls_cert/);
    const onlyKey = refusedServe(['--db', join(dir, 'x.db'), '--tls-key', certs.key]);
    assert.equal(onlyKey.status, 2);
    assert.match(onlyKey.stderr, /tls_cert: is required with tls_key/);
    // The same rule through the environment.
    const env = spawnSync(BIN, ['serve', '--db', join(dir, 'x.db')], { encoding: 'utf8', timeout: 8000,
      env: { ...process.env, STEPWISE_TLS_CERT: certs.cert } });
    assert.match(env.stderr, /tls_key: is required/);
  });

  test('an unreadable certificate or key stops start-up with a message naming it', () => {
    const db = join(dir, 'unreadable.db');
    const noCert = refusedServe(['--db', db, '--tls-cert', join(dir, 'missing.pem'), '--tls-key', certs.key]);
    assert.equal(noCert.status, 2);
    assert.match(noCert.stderr, /tls_cert: cannot read .*missing\.pem/);
    const noKey = refusedServe(['--db', db, '--tls-cert', certs.cert, '--tls-key', join(dir, 'missing-key.pem')]);
    assert.equal(noKey.status, 2);
    assert.match(noKey.stderr, /tls_key: cannot read .*missing-key\.pem/);
    const notPem = join(dir, 'not-a-cert.pem');
    writeFileSync(notPem, 'hello\n');
    const garbage = refusedServe(['--db', db, '--tls-cert', notPem, '--tls-key', certs.key]);
    assert.equal(garbage.status, 2);
    assert.match(garbage.stderr, /tls_cert: .*not a PEM certificate/);
    const garbageKey = refusedServe(['--db', db, '--tls-cert', certs.cert, '--tls-key', notPem]);
    assert.equal(garbageKey.status, 2);
    assert.match(garbageKey.stderr, /tls_key: .*not an unencrypted PEM private key/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.pem');
      writeFileSync(locked, readFileSync(certs.key));
      chmodSync(locked, 0o000);
      const r = refusedServe(['--db', db, '--tls-cert', certs.cert, '--tls-key', locked]);
      assert.match(r.stderr, /tls_key: cannot read .*Permission denied/);
    }
    assert.equal(existsSync(db), false, 'refused before the database is created');
  });

  test('an encrypted key is refused, not prompted for', () => {
    const encrypted = join(dir, 'encrypted-key.pem');
    execFileSync('openssl', ['pkey', '-in', certs.key, '-aes256', '-passout', 'pass:secret', '-out', encrypted]);
    const r = refusedServe(['--db', join(dir, 'enc.db'), '--tls-cert', certs.cert, '--tls-key', encrypted]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /tls_key: .*not an unencrypted PEM private key/);
  });

  test('a key that does not match the certificate stops start-up', () => {
    const db = join(dir, 'mismatch.db');
    const r = refusedServe(['--db', db, '--tls-cert', certs.cert, '--tls-key', certs.otherKey]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /tls_key: .*does not match the certificate/);
    assert.equal(existsSync(db), false);
  });
});

describe('--behind-proxy', () => {
  let dir;
  let proxied;
  let direct;
  before(async () => {
    dir = tempDir();
    proxied = await startServer({ db: join(dir, 'proxied.db'), extraArgs: ['--behind-proxy', 'true'] });
    direct = await startServer({ db: join(dir, 'direct.db') });
  });
  after(async () => {
    await proxied?.stop();
    await direct?.stop();
    cleanup(dir);
  });

  test('honours X-Forwarded-Proto: https (HSTS) and only https', async () => {
    const https = await fetch(`${proxied.base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(https.headers.get('strict-transport-security'), HSTS);
    const plain = await fetch(`${proxied.base}/healthz`, { headers: { 'x-forwarded-proto': 'http' } });
    assert.equal(plain.headers.get('strict-transport-security'), null);
    const none = await fetch(`${proxied.base}/healthz`);
    assert.equal(none.headers.get('strict-transport-security'), null);
  });

  test('without --behind-proxy, X-Forwarded-Proto is ignored', async () => {
    const r = await fetch(`${direct.base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('strict-transport-security'), null);
  });

  test('X-Forwarded-Proto decides the Origin a state-changing request must come from', async () => {
    // Behind the proxy the browser is on https://host; a sign-in from that origin passes the CSRF check.
    const body = JSON.stringify({ username: 'nobody', password: 'wrong password here' });
    const post = (base, headers) => fetch(`${base}/api/v1/session`, { method: 'POST', body,
      headers: { 'content-type': 'application/json', origin: base.replace('http:', 'https:'), ...headers } });
    const viaProxy = await post(proxied.base, { 'x-forwarded-proto': 'https' });
    assert.equal(viaProxy.status, 401, await viaProxy.text());
    assert.equal((await post(proxied.base, {})).status, 403);
    assert.equal((await post(direct.base, { 'x-forwarded-proto': 'https' })).status, 403);
  });

  test('the first X-Forwarded-For address is the source address in audit events; without the flag it is ignored',
    async () => {
      await bootstrap(proxied.base, join(dir, 'proxied.db'));
      await bootstrap(direct.base, join(dir, 'direct.db'));
      const failedSignIn = (base, forwardedFor) => fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: ADMIN.username, password: 'not the password at all' }),
      });
      assert.equal((await failedSignIn(proxied.base, '203.0.113.7, 10.0.0.2')).status, 401);
      assert.equal((await failedSignIn(proxied.base, 'not-an-address')).status, 401);
      assert.equal((await failedSignIn(proxied.base, '2001:db8::5')).status, 401);
      assert.equal((await failedSignIn(direct.base, '198.51.100.9')).status, 401);
      const sources = async (base) => {
        const r = await api(base, 'GET', '/api/v1/audit-events?from=2000-01-01&to=2999-01-01&limit=500');
        assert.equal(r.status, 200, r.text);
        return r.json.items.map((e) => e.source_address).filter(Boolean);
      };
      const proxiedSources = await sources(proxied.base);
      assert.ok(proxiedSources.includes('203.0.113.7'), JSON.stringify(proxiedSources));
      assert.ok(!proxiedSources.includes('10.0.0.2'));
      assert.ok(proxiedSources.includes('2001:db8::5'), JSON.stringify(proxiedSources));
      assert.ok(proxiedSources.every((s) => ['203.0.113.7', '2001:db8::5', '127.0.0.1'].includes(s)),
        JSON.stringify(proxiedSources));
      const directSources = await sources(direct.base);
      assert.ok(!directSources.includes('198.51.100.9'), JSON.stringify(directSources));
      assert.ok(directSources.includes('127.0.0.1'));
    });
});

// The nginx set-up of docs/operations.md, for real: nginx terminates TLS and forwards to `serve
// --behind-proxy` on loopback. Skipped where nginx is not installed.
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
describe('behind nginx as documented', { skip: NGINX ? false : 'nginx is not installed' }, () => {
  let dir;
  let certs;
  let server;
  let nginx;
  let port;
  before(async () => {
    dir = tempDir();
    certs = makeCertificates(dir);
    server = await startServer({ db: join(dir, 'nginx.db'), extraArgs: ['--behind-proxy'] });
    port = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, `
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${certs.cert};
    ssl_certificate_key ${certs.key};
    ssl_protocols TLSv1.2 TLSv1.3;
    location / {
      proxy_pass http://127.0.0.1:${server.port};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }
}
`);
    nginx = spawn(NGINX, ['-p', dir, '-e', join(dir, 'nginx-error.log'), '-c', conf], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        await httpsGet(`https://127.0.0.1:${port}/healthz`, { ca: certs.ca });
        break;
      } catch { await new Promise((r) => setTimeout(r, 50)); }
    }
  });
  after(async () => {
    nginx?.kill('SIGTERM');
    await server?.stop();
    cleanup(dir);
  });

  test('HTTPS through nginx: HSTS from Stepwise, and the browser origin passes the CSRF check', async () => {
    const r = await httpsGet(`https://127.0.0.1:${port}/healthz`, { ca: certs.ca });
    assert.equal(r.status, 200);
    assert.equal(r.headers['strict-transport-security'], HSTS);
    const signIn = await new Promise((ok, fail) => {
      const req = https.request(`https://127.0.0.1:${port}/api/v1/session`, {
        method: 'POST', ca: certs.ca, agent: false,
        headers: { 'content-type': 'application/json', origin: `https://127.0.0.1:${port}` },
      }, (res) => { res.resume(); res.on('end', () => ok(res.statusCode)); });
      req.on('error', fail);
      req.end(JSON.stringify({ username: 'nobody', password: 'wrong password here' }));
    });
    assert.equal(signIn, 401);
  });
});
