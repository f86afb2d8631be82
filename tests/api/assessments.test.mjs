// Instruments, responses, safety alerts and assessments against the real binary, on SQLite and PostgreSQL:
// the journey from an inquiry to an admission, bad input naming fields, version conflicts, the caseload
// 404 and the level-of-care policy and options the web app reads.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, Session, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'assessments.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const phq9 = (q9) => ({ q1: '1', q2: '1', q3: '2', q4: '1', q5: '0', q6: '1', q7: '0', q8: '0', q9 });
const ratings = (d3) => [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, rating: n === 3 ? d3 : 1, rationale: `D${n} reason` }));

for (const [engine, dbFor] of engines) {
  describe(`assessment API on ${engine}`, () => {
    let dir, server, base, setup, karen, julia;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      karen = (await api(base, 'POST', '/api/v1/staff', { body: { given_name: 'Karen', family_name: 'Lindqvist', roles: ['therapist'] } })).json;
      julia = (await api(base, 'POST', '/api/v1/staff', { body: { given_name: 'Julia', family_name: 'Novak', roles: ['medical'] } })).json;
    });
    after(async () => { await server.stop(); cleanup(dir); });

    const newClient = async (given) => {
      const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given, family: 'Reyes' }, birth_date: '1990-05-06', sex_at_birth: 'female' } });
      assert.equal(c.status, 201, c.text);
      return c.json;
    };

    test('instruments, the policy and the options are readable; a score preview stores nothing', async () => {
      const list = await api(base, 'GET', '/api/v1/instruments');
      assert.equal(list.status, 200);
      const codes = list.json.items.map((d) => d.code);
      for (const c of ['PHQ9', 'PHQ2', 'GAD7', 'AUDIT', 'AUDITC', 'DAST10', 'CAGEAID', 'CSSRS_SCREEN', 'BAMR', 'PCL5']) assert.ok(codes.includes(c), c);
      const phq = list.json.items.find((d) => d.code === 'PHQ9');
      assert.equal(phq.items.length, 10);
      assert.ok(phq.copyright);

      const preview = await api(base, 'POST', '/api/v1/instruments/PHQ9/score', { body: { answers: phq9('2') } });
      assert.equal(preview.status, 200, preview.text);
      assert.equal(preview.json.total, 8);
      assert.equal(preview.json.complete, true);
      assert.ok(preview.json.flags.some((f) => f.code === 'phq9_item9' && f.safety));
      const bad = await api(base, 'POST', '/api/v1/instruments/PHQ9/score', { body: { answers: { q1: '9', q42: '1' } } });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['answers.q1', 'answers.q42']);
      assert.equal((await api(base, 'POST', '/api/v1/instruments/NOPE/score', { body: { answers: {} } })).status, 404);

      const policy = await api(base, 'GET', '/api/v1/level-of-care/policy');
      assert.equal(policy.json.example, true);
      assert.equal(policy.json.iop_level, '2.1');
      assert.equal(policy.json.dimensions.length, 6);
      assert.ok(policy.json.flags.some((f) => f.code === 'cssrs_high'));
      assert.ok(policy.json.rules.length > 5);
      const options = await api(base, 'GET', '/api/v1/assessment-options');
      assert.equal(options.json.dsm5_criteria.length, 11);
      assert.ok(options.json.teds_substances.length >= 19);
      assert.ok(options.json.icd10.some((i) => i.teds_code === 2 && i.severity === 'moderate' && i.code === 'F10.20'));
    });

    test('a response autosaves, refuses to complete with items missing, completes and raises a safety alert to the clinician and on call', async () => {
      const onCall = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/on-call`, { body: { staff_ids: [julia.id] } });
      assert.equal(onCall.status, 200, onCall.text);
      assert.deepEqual((await api(base, 'GET', `/api/v1/programs/${setup.program.id}/on-call`)).json.staff_ids, [julia.id]);
      assert.deepEqual(fieldsOf(await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/on-call`, { body: { staff_ids: ['x'] } })), ['staff_ids[0]']);

      const client = await newClient('Dana');
      await api(base, 'POST', `/api/v1/clients/${client.id}/episodes`, { body: { program_id: setup.program.id, stage: 'assessment', level_of_care: '2.1' } });
      const { q1, ...rest } = phq9('1');
      const started = await api(base, 'POST', `/api/v1/clients/${client.id}/instrument-responses`, { body: { instrument: 'PHQ9', answers: rest } });
      assert.equal(started.status, 201, started.text);
      assert.equal(started.json.status, 'draft');
      assert.equal(started.json.client_first_name, 'Dana');
      assert.equal(started.json.scoring.complete, false);
      assert.deepEqual(started.json.scoring.missing, ['q1']);
      const rid = started.json.id;
      const incomplete = await api(base, 'POST', `/api/v1/instrument-responses/${rid}/complete`, { headers: ifMatch(1) });
      assert.equal(incomplete.status, 400);
      assert.deepEqual(fieldsOf(incomplete), ['answers.q1']);
      assert.equal((await api(base, 'GET', `/api/v1/instrument-responses/${rid}`)).json.status, 'draft');
      // No alert for a draft.
      assert.equal((await api(base, 'GET', `/api/v1/clients/${client.id}/safety-alerts`)).json.items.length, 0);

      const badCode = await api(base, 'PATCH', `/api/v1/instrument-responses/${rid}`, { headers: ifMatch(1), body: { answers: { q1: 'often' } } });
      assert.equal(badCode.status, 400);
      assert.deepEqual(fieldsOf(badCode), ['answers.q1']);
      const noVersion = await api(base, 'PATCH', `/api/v1/instrument-responses/${rid}`, { body: { answers: { q1: '1' } } });
      assert.equal(noVersion.status, 428);
      const saved = await api(base, 'PATCH', `/api/v1/instrument-responses/${rid}`, { headers: ifMatch(1), body: { answers: { q1: '3', q5: null } } });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.headers.get('etag'), '"2"');
      assert.equal(saved.json.answers.q1, '3');
      assert.equal(saved.json.answers.q5, undefined);
      const stale = await api(base, 'PATCH', `/api/v1/instrument-responses/${rid}`, { headers: ifMatch(1), body: { answers: { q5: '0' } } });
      assert.equal(stale.status, 412);
      await api(base, 'PATCH', `/api/v1/instrument-responses/${rid}`, { headers: ifMatch(2), body: { answers: { q5: '0' } } });
      const done = await api(base, 'POST', `/api/v1/instrument-responses/${rid}/complete`, { headers: ifMatch(3) });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.json.status, 'complete');
      assert.equal(done.json.scoring.total, 9);
      assert.equal(Object.keys(done.json.answers).length, 9);

      const chart = await api(base, 'GET', `/api/v1/clients/${client.id}/safety-alerts`);
      assert.equal(chart.json.items.length, 1);
      const alert = chart.json.items[0];
      assert.equal(alert.kind, 'phq9_item9');
      assert.equal(alert.status, 'open');
      assert.deepEqual(alert.recipients, [julia.id]);
      const listed = await api(base, 'GET', `/api/v1/clients/${client.id}/instrument-responses?instrument=PHQ9`);
      assert.equal(listed.json.items[0].total, 9);
      assert.ok(listed.json.items[0].flags.some((f) => f.code === 'phq9_item9'));

      // The administering user sees it as their own.
      const mine = await api(base, 'GET', '/api/v1/safety-alerts?status=open');
      assert.deepEqual(mine.json.items.map((a) => a.id), [alert.id]);
      assert.equal(mine.json.items[0].client_name, 'Dana Reyes');
      const noNote = await api(base, 'POST', `/api/v1/safety-alerts/${alert.id}/respond`, { body: { actions: ['safety_plan'] } });
      assert.equal(noNote.status, 400);
      assert.deepEqual(fieldsOf(noNote), ['note']);
      const badAction = await api(base, 'POST', `/api/v1/safety-alerts/${alert.id}/respond`, { body: { actions: ['pray'], note: 'x' } });
      assert.deepEqual(fieldsOf(badAction), ['actions[0]']);
      const resolved = await api(base, 'POST', `/api/v1/safety-alerts/${alert.id}/respond`, { body: { actions: ['safety_plan', 'crisis_line_988'], note: 'Safety plan made; 988 given.' } });
      assert.equal(resolved.status, 200, resolved.text);
      assert.equal(resolved.json.status, 'resolved');
      assert.ok(resolved.json.responded_at);
      assert.deepEqual(resolved.json.actions, ['safety_plan', 'crisis_line_988']);
      assert.equal((await api(base, 'GET', '/api/v1/safety-alerts?status=open')).json.items.length, 0);
      assert.equal((await api(base, 'POST', `/api/v1/safety-alerts/${alert.id}/respond`, { body: { note: 'again' } })).status, 409);

      // Every read and change of the client's clinical records left a trace naming the client.
      const trail = await api(base, 'GET', `/api/v1/audit-events?client_id=${client.id}&limit=200`);
      assert.equal(trail.status, 200, trail.text);
      const seen = new Set(trail.json.items.map((e) => `${e.action} ${e.resource_type}`));
      for (const want of ['create instrument_response', 'update instrument_response', 'read instrument_response',
        'query instrument_response', 'create safety_alert', 'update safety_alert', 'query safety_alert']) {
        assert.ok(seen.has(want), want);
      }
      assert.ok(trail.json.items.filter((e) => e.resource_type === 'instrument_response').every((e) => e.data_category === 'clinical'));
      const voided = await api(base, 'POST', `/api/v1/instrument-responses/${rid}/void`, { headers: ifMatch(4), body: { reason: 'entered for the wrong client' } });
      assert.equal(voided.status, 200, voided.text);
      assert.equal(voided.json.status, 'voided');
    });

    test('from an inquiry to an admission: assessment autosave, completion, recommendation, decision and admit in one step', async () => {
      const inquiry = (await api(base, 'POST', '/api/v1/inquiries', { body: { caller_type: 'self', given_name: 'Noor', family_name: 'Haddad', phone: '952-555-0123' } })).json;
      const booked = await api(base, 'POST', `/api/v1/inquiries/${inquiry.id}/book-assessment`, { headers: ifMatch(1), body: { at: '2030-01-16T15:00:00Z', assessor_id: karen.id } });
      assert.equal(booked.status, 200, booked.text);
      const linked = await api(base, 'POST', `/api/v1/inquiries/${inquiry.id}/client`, { headers: ifMatch(booked.json.version), body: { client: { legal_name: { given: 'Noor', family: 'Haddad' }, birth_date: '1999-09-09', sex_at_birth: 'female' } } });
      assert.equal(linked.status, 200, linked.text);
      const clientId = linked.json.client_id;

      const badStart = await api(base, 'POST', `/api/v1/clients/${clientId}/assessments`, { body: { kind: 'weekly', inquiry_id: 'x' } });
      assert.deepEqual(fieldsOf(badStart), ['inquiry_id', 'kind']);
      // No inquiry named: the initial assessment belongs to the inquiry linked to this client.
      const created = await api(base, 'POST', `/api/v1/clients/${clientId}/assessments`, { body: { kind: 'initial' } });
      assert.equal(created.json.inquiry_id, inquiry.id);
      assert.equal(created.status, 201, created.text);
      const a = created.json;
      assert.equal(a.status, 'draft');
      assert.equal(a.dimensions.length, 6);
      assert.equal(a.recommendation, null);
      assert.equal(a.episode_id, linked.json.episode.id);

      const badSave = await api(base, 'PATCH', `/api/v1/assessments/${a.id}`, {
        headers: ifMatch(1),
        body: { sections: { horoscope: {} }, dimensions: [{ number: 1, rating: 5 }], flags: ['bogus'], substances: [{ teds_code: 2, criteria: ['12'] }] },
      });
      assert.equal(badSave.status, 400);
      assert.deepEqual(fieldsOf(badSave), ['dimensions[0].rating', 'flags[0]', 'sections.horoscope', 'substances[0].criteria[0]']);
      const saved = await api(base, 'PATCH', `/api/v1/assessments/${a.id}`, {
        headers: ifMatch(1),
        body: {
          sections: { readiness: { ruler: 7 }, schedule_constraints: { work_hours: '8-4 weekdays', telehealth_ok: true } },
          substances: [{ teds_code: 2, age_first_use: 16, route: '1', frequency_30d: '3', criteria: ['1', '2', '4', '7', '9'] }],
          dimensions: ratings(2).slice(0, 5),
        },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.json.sections.readiness.ruler, 7);
      assert.equal(saved.json.substances[0].severity, 'moderate');
      assert.deepEqual(saved.json.substances[0].suggested_icd10.map((s) => s.code), ['F10.20']);
      assert.equal(saved.json.recommendation.level, '2.1', 'a fresh recommendation while rating');
      assert.ok(saved.json.recommendation.trace.length > 5);
      const stale = await api(base, 'PATCH', `/api/v1/assessments/${a.id}`, { headers: ifMatch(1), body: { flags: [] } });
      assert.equal(stale.status, 412);

      const incomplete = await api(base, 'POST', `/api/v1/assessments/${a.id}/complete`, { headers: ifMatch(2) });
      assert.equal(incomplete.status, 400);
      assert.deepEqual(fieldsOf(incomplete), ['dimensions[5].rating', 'dimensions[5].rationale']);
      await api(base, 'PATCH', `/api/v1/assessments/${a.id}`, { headers: ifMatch(2), body: { dimensions: ratings(2).slice(5) } });
      const completed = await api(base, 'POST', `/api/v1/assessments/${a.id}/complete`, { headers: ifMatch(3) });
      assert.equal(completed.status, 200, completed.text);
      assert.equal(completed.json.status, 'complete');
      assert.equal(completed.json.recommendation.level, '2.1');
      assert.equal((await api(base, 'GET', `/api/v1/inquiries/${inquiry.id}`)).json.stage, 'assessed');

      const noReason = await api(base, 'POST', `/api/v1/assessments/${a.id}/decision`, { headers: ifMatch(4), body: { level: '2.5' } });
      assert.equal(noReason.status, 400);
      assert.deepEqual(fieldsOf(noReason), ['reason']);
      const early = await api(base, 'POST', `/api/v1/assessments/${a.id}/admit`, { headers: ifMatch(4), body: { admission_date: '2026-01-05' } });
      assert.equal(early.status, 409);
      assert.deepEqual(fieldsOf(early), ['decision']);
      const decided = await api(base, 'POST', `/api/v1/assessments/${a.id}/decision`, { headers: ifMatch(4), body: { level: '2.1' } });
      assert.equal(decided.status, 200, decided.text);
      assert.equal(decided.json.decision.level, '2.1');
      const badAdmit = await api(base, 'POST', `/api/v1/assessments/${a.id}/admit`, { headers: ifMatch(5), body: { admission_date: 'monday' } });
      assert.deepEqual(fieldsOf(badAdmit), ['admission_date']);
      const admitted = await api(base, 'POST', `/api/v1/assessments/${a.id}/admit`, { headers: ifMatch(5), body: { admission_date: '2026-01-05', track_id: setup.track.id } });
      assert.equal(admitted.status, 200, admitted.text);
      assert.equal(admitted.json.outcome.kind, 'admitted');
      const chart = (await api(base, 'GET', `/api/v1/clients/${clientId}`)).json;
      assert.equal(chart.current_episode.stage, 'orientation');
      assert.equal(chart.current_episode.level_of_care, '2.1');
      assert.equal(chart.current_episode.track_id, setup.track.id);
      assert.equal(chart.current_episode.admission_date, '2026-01-05');
      assert.equal((await api(base, 'GET', `/api/v1/inquiries/${inquiry.id}`)).json.stage, 'admitted');
      const history = await api(base, 'GET', `/api/v1/clients/${clientId}/assessments`);
      assert.deepEqual(history.json.items.map((i) => [i.status, i.recommended_level, i.decided_level, i.outcome_kind]), [['complete', '2.1', '2.1', 'admitted']]);
    });

    test('an exclusion from a linked C-SSRS leads to a referral; the pre-admission episode closes', async () => {
      const client = await newClient('Sam');
      await api(base, 'POST', `/api/v1/clients/${client.id}/episodes`, { body: { program_id: setup.program.id, stage: 'assessment', level_of_care: '2.1' } });
      const a = (await api(base, 'POST', `/api/v1/clients/${client.id}/assessments`, { body: {} })).json;
      const r = await api(base, 'POST', `/api/v1/clients/${client.id}/instrument-responses`, {
        body: { instrument: 'CSSRS_SCREEN', assessment_id: a.id, completed_by: 'client', answers: { q1: 'yes', q2: 'yes', q3: 'yes', q4: 'yes', q5: 'no', q6: 'no' } },
      });
      assert.equal(r.status, 201, r.text);
      assert.equal((await api(base, 'POST', `/api/v1/instrument-responses/${r.json.id}/complete`, { headers: ifMatch(1) })).status, 200);
      await api(base, 'PATCH', `/api/v1/assessments/${a.id}`, { headers: ifMatch(1), body: { dimensions: ratings(1) } });
      const done = await api(base, 'POST', `/api/v1/assessments/${a.id}/complete`, { headers: ifMatch(2) });
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(done.json.instrument_flags, ['cssrs_high']);
      assert.equal(done.json.recommendation.iop_excluded, true);
      assert.equal(done.json.responses.length, 1);
      const level = done.json.recommendation.level;
      await api(base, 'POST', `/api/v1/assessments/${a.id}/decision`, { headers: ifMatch(3), body: { level } });
      const noPlace = await api(base, 'POST', `/api/v1/assessments/${a.id}/refer`, { headers: ifMatch(4), body: {} });
      assert.deepEqual(fieldsOf(noPlace), ['referred_to']);
      const referred = await api(base, 'POST', `/api/v1/assessments/${a.id}/refer`, { headers: ifMatch(4), body: { referred_to: 'Regional crisis unit', note: 'Escorted' } });
      assert.equal(referred.status, 200, referred.text);
      assert.equal(referred.json.outcome.kind, 'referred');
      assert.equal(referred.json.outcome.referred_to, 'Regional crisis unit');
      assert.equal((await api(base, 'GET', `/api/v1/clients/${client.id}`)).json.current_episode.stage, 'discharged');
    });

    test('a counselor outside the caseload gets 404 for the client\'s assessments, responses and alerts', async () => {
      const tom = (await api(base, 'POST', '/api/v1/staff', { body: { given_name: 'Tom', family_name: 'Becker', roles: ['counselor'] } })).json;
      const user = await api(base, 'POST', '/api/v1/users', {
        body: { username: 'tom', display_name: 'Tom Becker', password: 'correct horse battery staple 9', roles: ['counselor'], staff_id: tom.id },
      });
      assert.equal(user.status, 201, user.text);
      const s = new Session(base);
      assert.equal((await s.signIn('tom', 'correct horse battery staple 9')).status, 200);
      const client = await newClient('Lee');
      const a = (await api(base, 'POST', `/api/v1/clients/${client.id}/assessments`, { body: {} })).json;
      const r = (await api(base, 'POST', `/api/v1/clients/${client.id}/instrument-responses`, { body: { instrument: 'GAD7' } })).json;
      for (const path of [`/api/v1/assessments/${a.id}`, `/api/v1/clients/${client.id}/assessments`, `/api/v1/instrument-responses/${r.id}`,
        `/api/v1/clients/${client.id}/instrument-responses`, `/api/v1/clients/${client.id}/safety-alerts`]) {
        assert.equal((await s.call('GET', path)).status, 404, path);
      }
      assert.equal((await s.call('PATCH', `/api/v1/assessments/${a.id}`, { headers: ifMatch(1), body: { flags: [] } })).status, 404);
      assert.equal((await s.call('GET', '/api/v1/safety-alerts')).json.items.length, 0);
    });
  });
}

describe('serve --instruments DIR and --level-of-care FILE', () => {
  test('a program adds an instrument and replaces the policy without a release; a bad file stops start-up', async () => {
    const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
    const dir = tempDir();
    try {
      const defs = join(dir, 'instruments');
      mkdirSync(defs);
      const phq2 = JSON.parse(readFileSync('config/instruments/phq2.json', 'utf8'));
      writeFileSync(join(defs, 'local.json'), JSON.stringify({ ...phq2, code: 'LOCAL2', name: 'Local two-item screen' }));
      const policyFile = join(dir, 'loc.txt');
      writeFileSync(policyFile, readFileSync('config/level_of_care.txt', 'utf8')
        .replace(/^policy "[^"]*"/m, 'policy "Northstar reviewed policy"'));
      const server = await startServer({ db: join(dir, 'x.db'), extraArgs: ['--instruments', defs, '--level-of-care', policyFile] });
      try {
        await setUpProgram(server.base);
        const codes = (await api(server.base, 'GET', '/api/v1/instruments')).json.items.map((d) => d.code);
        assert.ok(codes.includes('LOCAL2') && codes.includes('PHQ9'));
        assert.equal((await api(server.base, 'GET', '/api/v1/level-of-care/policy')).json.name, 'Northstar reviewed policy');
      } finally {
        await server.stop();
      }
      writeFileSync(policyFile, 'policy "broken"\nlevel 3 2.1 "IOP" intensity=oops\n');
      await assert.rejects(startServer({ db: join(dir, 'y.db'), extraArgs: ['--level-of-care', policyFile] }), /line/);
    } finally {
      cleanup(dir);
    }
  });
});
