// The audit report API against the real binary, on SQLite and PostgreSQL: filters, every sort column in
// both orders, keyset pages, range bounds, CSV export (RFC 4180, formula neutralising, itself audited),
// chain verification and bad parameters naming the parameter.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'audit.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const FIELDS = ['seq', 'id', 'occurred_at', 'user_id', 'username', 'role', 'action', 'resource_type', 'resource_id',
  'client_id', 'data_category', 'source_address', 'outcome', 'reason', 'request_id', 'hash'];
const SORTS = ['occurred_at', 'user_id', 'role', 'action', 'resource_type', 'client_id', 'data_category',
  'source_address', 'outcome'];
const FORMULA = '=HYPERLINK("http://x.example"), "duplicate"';

// RFC 4180: fields separated by commas, records by CRLF, quoted fields double their quotes.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [engine, dbFor] of engines) {
  describe(`audit API on ${engine}`, () => {
    let dir, server, base, clients = [], until;
    const q = (params) => new URLSearchParams({ to: until, ...params }).toString();

    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      await setUpProgram(base);
      for (const [given, family] of [['Maria', 'Lopez'], ['James', 'Carter'], ['Ana', 'Silva']]) {
        const r = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family }, birth_date: '1988-04-17' } });
        assert.equal(r.status, 201, r.text);
        clients.push(r.json);
      }
      const voided = await api(base, 'POST', `/api/v1/clients/${clients[2].id}/void`,
        { body: { reason: FORMULA }, headers: { 'if-match': '"1"' } });
      assert.equal(voided.status, 200, voided.text);
      await api(base, 'GET', `/api/v1/clients/${clients[0].id}`);
      await sleep(5);
      until = new Date().toISOString();  // events after this (the report's own) stay out of the comparisons
      await sleep(5);
    });
    after(async () => {
      await server.stop();
      cleanup(dir);
    });

    async function all(params) {
      const items = [];
      let cursor = null;
      for (let guard = 0; guard < 200; guard++) {
        const r = await api(base, 'GET', `/api/v1/audit-events?${q({ ...params, ...(cursor ? { cursor } : {}) })}`);
        assert.equal(r.status, 200, r.text);
        items.push(...r.json.items);
        cursor = r.json.next_cursor;
        if (!cursor) return items;
        assert.equal(typeof cursor, 'string');
      }
      throw new Error('pagination did not end');
    }

    test('lists events newest first in the documented shape', async () => {
      const r = await api(base, 'GET', `/api/v1/audit-events?${q({})}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length >= 5);
      assert.ok('next_cursor' in r.json);
      for (const e of r.json.items) {
        assert.deepEqual(Object.keys(e).sort(), [...FIELDS].sort());
        assert.match(e.hash, /^[0-9a-f]{64}$/);
        assert.ok(e.occurred_at < until);
      }
      const times = r.json.items.map((e) => e.occurred_at);
      assert.deepEqual(times, [...times].sort().reverse());
      const creates = r.json.items.filter((e) => e.action === 'create' && e.resource_type === 'client');
      assert.equal(creates.length, 3);
      for (const e of creates) {
        assert.equal(e.data_category, 'demographics');
        assert.equal(e.outcome, 'success');
        assert.equal(e.client_id, e.resource_id);
      }
    });

    test('every column sorts both ways, and keyset pages cover every event once', async () => {
      const everything = await all({ limit: '500' });
      assert.ok(everything.length >= 5);
      for (const sort of SORTS) {
        for (const order of ['asc', 'desc']) {
          const items = await all({ sort, order, limit: '2' });
          assert.equal(items.length, everything.length, `${sort} ${order}`);
          assert.equal(new Set(items.map((e) => e.seq)).size, items.length, `${sort} ${order}: a row came twice`);
          const keys = items.map((e) => [e[sort] ?? '', e.seq]);
          for (let i = 1; i < keys.length; i++) {
            const [a, sa] = keys[i - 1], [b, sb] = keys[i];
            const cmp = a < b ? -1 : a > b ? 1 : sa - sb;
            assert.ok(order === 'asc' ? cmp < 0 : cmp > 0, `${sort} ${order}: ${a}/${sa} then ${b}/${sb}`);
          }
        }
      }
    });

    test('filters by client, action, outcome and user', async () => {
      const byClient = await all({ client_id: clients[2].id });
      assert.deepEqual(byClient.map((e) => e.action).sort(), ['create', 'void']);
      const voided = byClient.find((e) => e.action === 'void');
      assert.equal(voided.reason, FORMULA);
      const creates = await all({ action: 'create' });
      assert.ok(creates.length >= 3 && creates.every((e) => e.action === 'create'));
      assert.ok((await all({ outcome: 'success' })).length >= 5);
      assert.deepEqual(await all({ outcome: 'denied', action: 'void' }), []);
      const someone = creates[0].user_id;
      const byUser = await all({ user_id: someone });
      assert.ok(byUser.length >= 1 && byUser.every((e) => e.user_id === someone));
      assert.deepEqual(await all({ user_id: 'nobody-at-all' }), []);
    });

    test('from is inclusive, to is exclusive, dates mean midnight UTC', async () => {
      const everything = await all({ order: 'asc', limit: '500' });
      const pivot = everything[Math.floor(everything.length / 2)].occurred_at;
      const from = await all({ from: pivot, limit: '500' });
      const to = await all({ to: pivot, limit: '500' });
      assert.ok(from.length > 0 && from.every((e) => e.occurred_at >= pivot));
      assert.ok(to.every((e) => e.occurred_at < pivot));
      assert.equal(from.length + to.length, everything.length);
      assert.equal((await all({ from: '2000-01-01' })).length, everything.length);
      assert.deepEqual(await all({ to: '2000-01-01' }), []);
      const today = until.slice(0, 10);
      const r = await api(base, 'GET', `/api/v1/audit-events?from=${today}&to=2999-01-01&limit=500`);
      assert.equal(r.status, 200);
      assert.ok(r.json.items.length >= everything.length);
    });

    test('CSV export: every matching row, RFC 4180, formulas neutralised, and the export is audited', async () => {
      const r = await api(base, 'GET', `/api/v1/audit-events.csv?${q({ client_id: clients[2].id, sort: 'action', order: 'asc' })}`);
      assert.equal(r.status, 200, r.text);
      assert.match(r.headers.get('content-type'), /^text\/csv/);
      assert.match(r.headers.get('content-disposition') ?? '', /attachment/);
      assert.ok(r.text.endsWith('\r\n'));
      const rows = parseCsv(r.text);
      assert.deepEqual(rows[0], ['seq', ...FIELDS.slice(1)]);
      assert.equal(rows.length, 3);
      assert.deepEqual(rows.slice(1).map((row) => row[FIELDS.indexOf('action')]), ['create', 'void']);
      assert.equal(rows[2][FIELDS.indexOf('reason')], `'${FORMULA}`);
      for (const row of rows.slice(1)) assert.equal(row.length, FIELDS.length);

      const exports = await api(base, 'GET', `/api/v1/audit-events?action=export&client_id=${clients[2].id}`);
      assert.equal(exports.status, 200);
      assert.equal(exports.json.items.length, 1);
      assert.equal(exports.json.items[0].data_category, 'audit');
      assert.equal(exports.json.items[0].resource_type, 'audit_event');

      const everything = await all({ limit: '500' });
      const csv = parseCsv((await api(base, 'GET', `/api/v1/audit-events.csv?${q({})}`)).text);
      assert.equal(csv.length - 1, everything.length);
    });

    test('verify reports an intact chain', async () => {
      const r = await api(base, 'GET', '/api/v1/audit/verify');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.ok, true);
      assert.ok(r.json.events_checked >= 5);
      assert.equal(r.json.first_broken_seq, null);
      assert.equal(r.json.problem, null);
      const again = await api(base, 'GET', '/api/v1/audit/verify');
      assert.ok(again.json.events_checked > r.json.events_checked, 'verifying is itself audited');
    });

    test('bad parameters are refused naming the parameter', async () => {
      const cases = [
        ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=ten', 'limit'], ['limit=', 'limit'],
        ['sort=hash', 'sort'], ['sort=seq;drop', 'sort'], ['order=up', 'order'],
        ['from=2026-13-01', 'from'], ['from=yesterday', 'from'], ['to=2026-02-30', 'to'],
        ['from=2026-03-02&to=2026-03-01', 'to'], ['client_id=not-a-uuid', 'client_id'],
        ['outcome=maybe', 'outcome'], ['action=DROP%20TABLE', 'action'], ['cursor=-1', 'cursor'],
        ['cursor=abc', 'cursor'], ['cursor=999999999', 'cursor'], ['user_id=' + 'x'.repeat(201), 'user_id'],
        ['colour=blue', 'colour'],
      ];
      for (const [query, field] of cases) {
        const r = await api(base, 'GET', `/api/v1/audit-events?${query}`);
        assert.equal(r.status, 400, `${query}: ${r.text}`);
        assert.equal(r.json.error.code, 'invalid_argument');
        assert.equal(r.json.error.fields[0].field, field, query);
      }
      for (const [query, field] of [['cursor=5', 'cursor'], ['limit=5', 'limit'], ['sort=nope', 'sort']]) {
        const r = await api(base, 'GET', `/api/v1/audit-events.csv?${query}`);
        assert.equal(r.status, 400, `csv ${query}`);
        assert.equal(r.json.error.fields[0].field, field);
      }
      const v = await api(base, 'GET', '/api/v1/audit/verify?deep=1');
      assert.equal(v.status, 400);
      assert.equal(v.json.error.fields[0].field, 'deep');
      for (const method of ['POST', 'PUT', 'DELETE']) {
        assert.equal((await api(base, method, '/api/v1/audit-events')).status, 405, method);
      }
    });
  });
}
