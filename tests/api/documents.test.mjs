// Document templates, signing, PDFs, hash verification and orientation against the real binary, on SQLite and
// PostgreSQL: preview → sign → pdf → verify; a stale hash is a 409 and writes nothing; witnesses; a template
// edit keeps earlier documents on their version; orientation items → finalize, refused while anything is open
// (through the finalize call and through the episode update).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, Session, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'documents.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const drawn = (role, name) => ({ role, signer_name: name, method: 'drawn', image: { width: 600, height: 200, strokes: [[[10, 20], [30, 40], [50, 35]], [[60, 60], [90, 80]]] } });
const typed = (role, name) => ({ role, signer_name: name, method: 'typed' });

for (const [engine, dbFor] of engines) {
  describe(`documents and orientation API on ${engine}`, () => {
    let dir, server, base, setup, priya, client, episode, templates;
    const byKind = (kind) => templates.find((t) => t.kind === kind);
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      const staff = (await api(base, 'POST', '/api/v1/staff', { body: { given_name: 'Priya', family_name: 'Shah', roles: ['counselor'] } })).json;
      const user = await api(base, 'POST', '/api/v1/users', {
        body: { username: 'priya', display_name: 'Priya Shah', password: 'correct horse battery staple 9', roles: ['counselor'], staff_id: staff.id },
      });
      assert.equal(user.status, 201, user.text);
      priya = new Session(base);
      assert.equal((await priya.signIn('priya', 'correct horse battery staple 9')).status, 200);
      client = (await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given: 'Ann', family: 'Smith' }, birth_date: '1990-05-06' } })).json;
      episode = (await api(base, 'POST', `/api/v1/clients/${client.id}/episodes`, {
        body: { program_id: setup.program.id, counselor_id: staff.id, stage: 'orientation', level_of_care: '2.1' },
      })).json;
      const list = await api(base, 'GET', '/api/v1/document-templates');
      assert.equal(list.status, 200, list.text);
      templates = list.json.items;
    });
    after(async () => { await server.stop(); cleanup(dir); });

    const preview = async (kind) => {
      const p = await priya.call('GET', `/api/v1/clients/${client.id}/documents/preview?template_id=${byKind(kind).id}`);
      assert.equal(p.status, 200, p.text);
      return p.json;
    };
    const sign = (p, signatures, extra = {}) => priya.call('POST', `/api/v1/clients/${client.id}/documents`, {
      headers: { 'user-agent': 'Tablet test' },
      body: { template_id: p.template_id, template_version_no: p.template_version_no, content_sha256: p.content_sha256, signatures, ...extra },
    });

    test('the default templates are there, the Part 2 notice with its header', async () => {
      assert.deepEqual(templates.map((t) => t.kind).sort(), ['consent_to_treatment', 'drug_testing_agreement', 'financial_agreement',
        'hipaa_npp_ack', 'part2_notice', 'program_rules', 'telehealth_consent']);
      assert.ok(templates.every((t) => t.version_no === 1));
      assert.equal(byKind('consent_to_treatment').requires_witness, true);
      assert.equal(byKind('part2_notice').requires_delivery_method, true);
      const notice = await preview('part2_notice');
      assert.match(notice.text, /Notice of Privacy Practices of Adult IOP/);
      assert.match(notice.text, /HOW HEALTH INFORMATION ABOUT YOU MAY BE USED AND DISCLOSED/);
      assert.match(notice.text, /42 CFR Part 2/);
      assert.match(notice.text, /Ann Smith/);
    });

    test('preview → sign → pdf → verify; the signed document never changes', async () => {
      const p = await preview('program_rules');
      assert.match(p.content_sha256, /^[0-9a-f]{64}$/);
      const signed = await sign(p, [drawn('client', 'Ann Smith')]);
      assert.equal(signed.status, 201, signed.text);
      const d = signed.json;
      assert.equal(d.content_sha256, p.content_sha256);
      assert.equal(d.text, p.text);
      assert.equal(d.episode_id, episode.id);
      assert.equal(d.part2, true);
      assert.equal(d.signatures[0].content_sha256, p.content_sha256);
      assert.equal(d.signatures[0].image.strokes.length, 2);

      const got = await priya.call('GET', `/api/v1/documents/${d.id}`);
      assert.equal(got.json.content_sha256, d.content_sha256);
      const pdf = await priya.call('GET', `/api/v1/documents/${d.id}/pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('content-disposition'), `attachment; filename="document-${d.id}.pdf"`);
      assert.equal(pdf.headers.get('cache-control'), 'no-store');
      assert.ok(pdf.text.startsWith('%PDF-'));
      const verify = await priya.call('GET', `/api/v1/documents/${d.id}/verify`);
      assert.equal(verify.status, 200, verify.text);
      assert.deepEqual(verify.json, { content_sha256: d.content_sha256, recomputed: d.content_sha256, rerendered_matches: true, signatures_match: true, matches: true });
      // No route changes or deletes it.
      assert.equal((await priya.call('PUT', `/api/v1/documents/${d.id}`, { headers: ifMatch(1), body: {} })).status, 405);
      assert.equal((await priya.call('DELETE', `/api/v1/documents/${d.id}`)).status, 405);
      const list = await priya.call('GET', `/api/v1/clients/${client.id}/documents`);
      assert.deepEqual(list.json.items.map((i) => i.id), [d.id]);
    });

    test('a stale hash is a 409 and writes nothing; bad input names the field', async () => {
      const before = (await priya.call('GET', `/api/v1/clients/${client.id}/documents`)).json.items.length;
      const p = await preview('telehealth_consent');
      const stale = await sign({ ...p, content_sha256: 'f'.repeat(64) }, [typed('client', 'Ann Smith')]);
      assert.equal(stale.status, 409, stale.text);
      assert.deepEqual(fieldsOf(stale), ['content_sha256']);
      const bad = await sign(p, [{ role: 'client', signer_name: 'Ann Smith', method: 'drawn' }, { role: 'pilot', signer_name: 'X', method: 'typed' }]);
      assert.equal(bad.status, 400, bad.text);
      assert.ok(fieldsOf(bad).includes('signatures[0].image'), bad.text);
      assert.ok(fieldsOf(bad).includes('signatures[1].role'), bad.text);
      const noNotice = await sign(await preview('part2_notice'), [typed('client', 'Ann Smith')]);
      assert.equal(noNotice.status, 400);
      assert.deepEqual(fieldsOf(noNotice), ['delivery_method']);
      assert.equal((await priya.call('GET', `/api/v1/clients/${client.id}/documents`)).json.items.length, before);
    });

    test('a witness signs where the template says; template edits make a new version', async () => {
      const p = await preview('consent_to_treatment');
      const alone = await sign(p, [typed('client', 'Ann Smith')]);
      assert.equal(alone.status, 400);
      assert.deepEqual(fieldsOf(alone), ['signatures']);
      const witnessed = await sign(p, [drawn('client', 'Ann Smith'), typed('witness', 'Priya Shah')]);
      assert.equal(witnessed.status, 201, witnessed.text);
      assert.ok(witnessed.json.signatures[1].staff_id);

      const t = byKind('consent_to_treatment');
      const forbidden = await priya.call('PUT', `/api/v1/document-templates/${t.id}`, { headers: ifMatch(t.version), body: { title: t.title, body: 'x' } });
      assert.equal(forbidden.status, 403);
      const edited = await api(base, 'PUT', `/api/v1/document-templates/${t.id}`, {
        headers: ifMatch(t.version), body: { title: t.title, body: `${t.body}\n\n# Added\nA new section for {{client_name}}.`, requires_witness: true },
      });
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.json.version_no, 2);
      const staleEdit = await api(base, 'PUT', `/api/v1/document-templates/${t.id}`, { headers: ifMatch(t.version), body: { title: t.title, body: 'y' } });
      assert.equal(staleEdit.status, 412);
      const badEdit = await api(base, 'PUT', `/api/v1/document-templates/${t.id}`, { headers: ifMatch(edited.json.version), body: { title: 'T', body: 'Hi {{ssn}}' } });
      assert.deepEqual(fieldsOf(badEdit), ['body']);
      const versions = await api(base, 'GET', `/api/v1/document-templates/${t.id}/versions`);
      assert.deepEqual(versions.json.items.map((v) => v.version_no), [1, 2]);
      // The old preview no longer signs; the earlier document keeps version 1 and its text.
      const stale = await sign(p, [drawn('client', 'Ann Smith'), typed('witness', 'Priya Shah')]);
      assert.equal(stale.status, 409);
      assert.deepEqual(fieldsOf(stale), ['template_version_no']);
      const old = (await priya.call('GET', `/api/v1/documents/${witnessed.json.id}`)).json;
      assert.equal(old.template_version_no, 1);
      assert.equal(old.text, witnessed.json.text);
      assert.ok(!old.text.includes('A new section'));
      assert.equal((await priya.call('GET', `/api/v1/documents/${old.id}/verify`)).json.matches, true);
      templates = (await api(base, 'GET', '/api/v1/document-templates')).json.items;
      assert.match((await preview('consent_to_treatment')).text, /A new section for Ann Smith\./);
    });

    test('orientation items → finalize, refused while a required item is open or the Part 2 notice is missing', async () => {
      let o = await priya.call('GET', `/api/v1/clients/${client.id}/orientation`);
      assert.equal(o.status, 200, o.text);
      assert.equal(o.json.episode_id, episode.id);
      assert.equal(o.json.ready, false);
      assert.equal(o.json.items.find((i) => i.code === 'consent_to_treatment').done, true);
      assert.ok(o.json.blocking.includes('part2_notice'));

      const refused = await priya.call('POST', `/api/v1/clients/${client.id}/orientation/finalize`);
      assert.equal(refused.status, 409, refused.text);
      assert.deepEqual(fieldsOf(refused), ['items.drug_testing_agreement', 'items.emergency_contacts', 'items.grievance', 'items.modalities',
        'items.part2_notice', 'items.rules_expectations', 'items.schedule_track']);

      for (const code of ['schedule_track', 'rules_expectations', 'modalities', 'grievance', 'emergency_contacts']) {
        const r = await priya.call('POST', `/api/v1/clients/${client.id}/orientation/items/${code}`, { body: { done: true, note: 'covered' } });
        assert.equal(r.status, 200, r.text);
      }
      assert.deepEqual(fieldsOf(await priya.call('POST', `/api/v1/clients/${client.id}/orientation/items/nope`, { body: { done: true } })), ['code']);
      assert.deepEqual(fieldsOf(await priya.call('POST', `/api/v1/clients/${client.id}/orientation/items/part2_notice`, { body: { done: true } })), ['code']);
      const drug = await preview('drug_testing_agreement');
      assert.equal((await sign(drug, [drawn('client', 'Ann Smith'), typed('witness', 'Priya Shah')])).status, 201);

      // Only the notice is missing: both ways to finalize refuse.
      const onlyNotice = await priya.call('POST', `/api/v1/clients/${client.id}/orientation/finalize`);
      assert.deepEqual(fieldsOf(onlyNotice), ['items.part2_notice']);
      const ep = (await api(base, 'GET', `/api/v1/episodes/${episode.id}`)).json;
      const put = await api(base, 'PUT', `/api/v1/episodes/${episode.id}`, {
        headers: ifMatch(ep.version),
        body: { program_id: ep.program_id, counselor_id: ep.counselor_id, stage: 'treatment', level_of_care: '2.1', admission_date: '2026-01-05' },
      });
      assert.equal(put.status, 409, put.text);
      assert.deepEqual(fieldsOf(put), ['items.part2_notice']);

      const notice = await sign(await preview('part2_notice'), [typed('client', 'Ann Smith')], { delivery_method: 'in_person' });
      assert.equal(notice.status, 201, notice.text);
      assert.equal(notice.json.delivery_method, 'in_person');
      o = await priya.call('GET', `/api/v1/clients/${client.id}/orientation`);
      assert.equal(o.json.ready, true);
      assert.equal(o.json.items.find((i) => i.code === 'grievance').completed_by_name, 'Priya Shah');
      const done = await priya.call('POST', `/api/v1/clients/${client.id}/orientation/finalize`);
      assert.equal(done.status, 200, done.text);
      assert.equal(done.json.stage, 'treatment');
      assert.ok(done.json.admission_date);
    });

    test('a program keeps its own checklist', async () => {
      const path = `/api/v1/programs/${setup.program.id}/orientation-checklist`;
      const c = await api(base, 'GET', path);
      assert.equal(c.json.is_default, true);
      assert.equal(c.json.items.length, 10);
      const items = [{ code: 'tour', label: 'Building tour', required: true }, { code: 'part2_notice', label: 'Part 2 notice', required: true, document_kind: 'part2_notice' }];
      assert.equal((await api(base, 'PUT', path, { body: { items } })).status, 428);
      const saved = await api(base, 'PUT', path, { headers: ifMatch(0), body: { items } });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.json.version, 1);
      assert.equal(saved.json.is_default, false);
      const bad = await api(base, 'PUT', path, { headers: ifMatch(1), body: { items: [{ code: 'Bad Code', label: 'x', document_kind: 'poem' }] } });
      assert.deepEqual(fieldsOf(bad), ['items[0].code', 'items[0].document_kind'].sort());
      assert.equal((await priya.call('PUT', path, { headers: ifMatch(1), body: { items } })).status, 403);
    });
  });
}
