// Treatment plans against the real binary, on SQLite and PostgreSQL: create → bad input naming fields →
// edit → sign as client, counselor (unlicensed) and supervisor → active → locked → new version with a
// reason → diff → review → the plans-due list; the PDF and a program's own catalog.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { api, cleanup, freshPostgresUrl, Session, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'plans.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const PASSWORD = 'correct horse battery staple 9';
const typed = (role, name) => ({ role, signer_name: name, method: 'typed' });

function content(trackId) {
  return {
    preferred_track_id: trackId,
    schedule_constraints: 'Works afternoons',
    problems: [{ id: 'p1', dimension: 5, description: 'Relapsed twice after 30 days sober' }],
    goals: [{ id: 'g1', problem_ids: ['p1'], text: 'I want to stay sober for my kids' }],
    objectives: [{ id: 'o1', goal_id: 'g1', text: 'Attend three groups a week', target_date: '2030-01-15', measure: 'attendance' }],
    interventions: [
      { id: 'i1', objective_ids: ['o1'], code: 'group_therapy', topic: 'Relapse prevention', minutes: 180, frequency: { count: 3, per: 'week' } },
      { id: 'i2', objective_ids: ['o1'], code: 'mutual_help', minutes: 60, frequency: { count: 2, per: 'week' } },
    ],
  };
}

for (const [engine, dbFor] of engines) {
  describe(`treatment plan API on ${engine}`, () => {
    let dir, server, base, setup, priya, lena, priyaStaff, client;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      const person = async (given, family, roles, credentials) => {
        const s = await api(base, 'POST', '/api/v1/staff', { body: { given_name: given, family_name: family, roles, credentials } });
        assert.equal(s.status, 201, s.text);
        const u = await api(base, 'POST', '/api/v1/users', {
          body: { username: given.toLowerCase(), display_name: `${given} ${family}`, password: PASSWORD, roles, staff_id: s.json.id },
        });
        assert.equal(u.status, 201, u.text);
        const session = new Session(base);
        assert.equal((await session.signIn(given.toLowerCase(), PASSWORD)).status, 200);
        return [s.json, session];
      };
      // Priya is a certified (not licensed) counselor; Lena a licensed social worker.
      [priyaStaff, priya] = await person('Priya', 'Shah', ['counselor'], [{ type: 'CADC', license_number: 'C-1', issuing_state: 'MN', expires_on: '2031-01-01' }]);
      [, lena] = await person('Lena', 'Ortiz', ['medical'], [{ type: 'LCSW', license_number: 'L-1', issuing_state: 'MN', expires_on: '2031-01-01' }]);
      const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given: 'Ana', family: 'Silva' }, birth_date: '1990-05-06', sex_at_birth: 'female' } });
      assert.equal(c.status, 201, c.text);
      client = c.json;
      const today = new Date().toISOString().slice(0, 10);
      const e = await api(base, 'POST', `/api/v1/clients/${client.id}/episodes`, {
        body: { program_id: setup.program.id, stage: 'treatment', level_of_care: '2.1', admission_date: today, track_id: setup.track.id, counselor_id: priyaStaff.id },
      });
      assert.equal(e.status, 201, e.text);
    });
    after(async () => { await server.stop(); cleanup(dir); });

    test('create, edit, sign three times, version with a reason, diff, review and the due list', async () => {
      const created = await priya.call('POST', `/api/v1/clients/${client.id}/plans`);
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.status, 'draft');
      assert.equal(created.json.part2, true);
      assert.equal(created.json.current_version_no, 1);
      assert.ok(created.json.initial_due);
      const pid = created.json.id;
      assert.equal((await priya.call('POST', `/api/v1/clients/${client.id}/plans`)).status, 409, 'one plan per episode');

      // The due list shows the initial plan before any version is active.
      const dueInitial = await priya.call('GET', '/api/v1/plans/due?within_days=14');
      assert.equal(dueInitial.status, 200, dueInitial.text);
      assert.deepEqual(dueInitial.json.items.map((i) => [i.client_id, i.kind]), [[client.id, 'initial']]);

      // Signing a plan with no goals names the fields and changes nothing.
      const empty = await priya.call('GET', `/api/v1/plans/${pid}/versions/1/preview`);
      const noGoals = await priya.call('POST', `/api/v1/plans/${pid}/versions/1/sign`, { body: { content_sha256: empty.json.content_sha256, signature: typed('client', 'Ana Silva') } });
      assert.equal(noGoals.status, 400, noGoals.text);
      assert.deepEqual(fieldsOf(noGoals), ['goals', 'interventions']);

      const v1 = await priya.call('GET', `/api/v1/plans/${pid}/versions/1`);
      assert.equal(v1.status, 200);
      assert.equal(v1.json.status, 'draft');
      const etag = v1.headers.get('etag');

      // Bad input: an objective without a target date, an impossible frequency, an unknown field.
      const badBody = content(setup.track.id);
      delete badBody.objectives[0].target_date;
      badBody.interventions[0].frequency = { count: 9, per: 'day' };
      badBody.colour = 'red';
      const bad = await priya.call('PUT', `/api/v1/plans/${pid}/versions/1`, { headers: { 'if-match': etag }, body: badBody });
      assert.equal(bad.status, 400, bad.text);
      assert.deepEqual(fieldsOf(bad), ['colour']);
      delete badBody.colour;
      const bad2 = await priya.call('PUT', `/api/v1/plans/${pid}/versions/1`, { headers: { 'if-match': etag }, body: badBody });
      assert.equal(bad2.status, 400, bad2.text);
      assert.deepEqual(fieldsOf(bad2), ['interventions[0].frequency.count', 'objectives[0].target_date']);
      assert.equal((await priya.call('GET', `/api/v1/plans/${pid}/versions/1`)).headers.get('etag'), etag, 'nothing changed');
      assert.equal((await priya.call('PUT', `/api/v1/plans/${pid}/versions/1`, { body: content(setup.track.id) })).status, 428);

      const saved = await priya.call('PUT', `/api/v1/plans/${pid}/versions/1`, { headers: { 'if-match': etag }, body: content(setup.track.id) });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.json.hours.per_week, 9, 'mutual-help meetings do not count');
      assert.equal(saved.json.hours.per_day.mon, 3);
      assert.equal(saved.json.hours.days_per_week, 3);
      const check = (code) => saved.json.checks.find((c) => c.code === code);
      assert.equal(check('asam_21_adult').ok, true);
      assert.equal(check('asam_21_adolescent').applies, false);
      assert.equal(check('h0015').ok, true);
      assert.equal(saved.json.interventions[0].label, 'Group therapy');

      // Client, then the counselor (unlicensed: awaiting a co-signature), then a licensed supervisor.
      const preview = await priya.call('GET', `/api/v1/plans/${pid}/versions/1/preview`);
      assert.equal(preview.status, 200);
      assert.match(preview.json.text, /I want to stay sober for my kids/);
      const sha = preview.json.content_sha256;
      const wrongSha = await priya.call('POST', `/api/v1/plans/${pid}/versions/1/sign`, { body: { content_sha256: 'f'.repeat(64), signature: typed('client', 'Ana Silva') } });
      assert.equal(wrongSha.status, 409);
      assert.deepEqual(fieldsOf(wrongSha), ['content_sha256']);
      const s1 = await priya.call('POST', `/api/v1/plans/${pid}/versions/1/sign`, { body: { content_sha256: sha, signature: typed('client', 'Ana Silva') } });
      assert.equal(s1.status, 200, s1.text);
      assert.equal(s1.json.status, 'awaiting_signatures');
      assert.equal(s1.json.locked, true);
      const locked = await priya.call('PUT', `/api/v1/plans/${pid}/versions/1`, { headers: ifMatch(s1.json.version), body: content(setup.track.id) });
      assert.equal(locked.status, 409);
      assert.deepEqual(fieldsOf(locked), ['version']);
      const s2 = await priya.call('POST', `/api/v1/plans/${pid}/versions/1/sign`, { body: { content_sha256: sha, signature: typed('counselor', 'Priya Shah') } });
      assert.equal(s2.status, 200, s2.text);
      assert.equal(s2.json.status, 'awaiting_cosign');
      assert.equal(s2.json.needs_cosign, true);
      const s3 = await lena.call('POST', `/api/v1/plans/${pid}/versions/1/sign`, { body: { content_sha256: sha, signature: typed('supervisor', 'Lena Ortiz') } });
      assert.equal(s3.status, 200, s3.text);
      assert.equal(s3.json.status, 'active');
      assert.deepEqual(s3.json.signatures.map((s) => s.role), ['client', 'counselor', 'supervisor']);
      assert.equal(s3.json.signatures[1].staff_id, priyaStaff.id);
      const active = await priya.call('GET', `/api/v1/plans/${pid}`);
      assert.equal(active.json.status, 'active');
      assert.equal(active.json.active_version_no, 1);
      assert.ok(active.json.next_review_due);

      // A new version needs a reason; it starts as a copy of the active one.
      assert.deepEqual(fieldsOf(await priya.call('POST', `/api/v1/plans/${pid}/versions`, { body: {} })), ['reason']);
      const v2 = await priya.call('POST', `/api/v1/plans/${pid}/versions`, { body: { reason: 'Started a job; evening hours' } });
      assert.equal(v2.status, 201, v2.text);
      assert.equal(v2.json.no, 2);
      assert.equal(v2.json.status, 'draft');
      const changed = content(setup.track.id);
      changed.objectives[0].target_date = '2030-03-01';
      changed.goals.push({ id: 'g2', problem_ids: ['p1'], text: 'Get my license back' });
      changed.objectives.push({ id: 'o2', goal_id: 'g2', text: 'Meet the probation officer monthly', target_date: '2030-06-01', measure: 'kept appointments' });
      const saved2 = await priya.call('PUT', `/api/v1/plans/${pid}/versions/2`, { headers: ifMatch(v2.json.version), body: changed });
      assert.equal(saved2.status, 200, saved2.text);
      const diff = await priya.call('GET', `/api/v1/plans/${pid}/versions/2/diff?against=1`);
      assert.equal(diff.status, 200, diff.text);
      assert.deepEqual(diff.json.changes.map((c) => [c.path, c.kind]), [
        ['goals.g2', 'added'], ['objectives.o1.target_date', 'changed'], ['objectives.o2', 'added'],
      ]);
      assert.equal(diff.json.changes[1].before, '2030-01-15');
      assert.equal(diff.json.changes[1].after, '2030-03-01');
      const plan = await priya.call('GET', `/api/v1/plans/${pid}`);
      assert.deepEqual(plan.json.versions.map((v) => [v.no, v.status, v.reason]), [[1, 'active', ''], [2, 'draft', 'Started a job; evening hours']]);

      // A review of the active version moves the next review date.
      const badReview = await priya.call('POST', `/api/v1/plans/${pid}/reviews`, { body: { objectives: [{ objective_id: 'o9', status: 'done' }], level_of_care: { direction: 'step_down' } } });
      assert.equal(badReview.status, 400);
      assert.deepEqual(fieldsOf(badReview), ['level_of_care.level', 'level_of_care.rationale', 'objectives[0].objective_id', 'objectives[0].status']);
      const review = await priya.call('POST', `/api/v1/plans/${pid}/reviews`, {
        body: { objectives: [{ objective_id: 'o1', status: 'progressing', note: 'Most weeks' }], client_view: 'Groups help',
          level_of_care: { direction: 'continue', level: '2.1', ratings: [{ dimension: 5, rating: 2 }], rationale: 'Still needs structure' } },
      });
      assert.equal(review.status, 201, review.text);
      assert.equal(review.json.version_no, 1);
      assert.equal(review.json.part2, true);
      assert.equal(review.json.next_review_due, active.json.next_review_due, 'reviewed on the day it became active: 30 days from today either way');
      const reviews = await priya.call('GET', `/api/v1/plans/${pid}/reviews`);
      assert.equal(reviews.json.items.length, 1);
      assert.equal(reviews.json.items[0].objectives[0].status, 'progressing');

      const due = await priya.call('GET', '/api/v1/plans/due?within_days=60');
      assert.equal(due.status, 200);
      assert.deepEqual(due.json.items.map((i) => [i.client_id, i.kind, i.plan_id, i.overdue]), [[client.id, 'review', pid, false]]);
      assert.equal(due.json.items[0].counselor_name, 'Priya Shah');
      assert.equal((await priya.call('GET', '/api/v1/plans/due?within_days=nope')).status, 400);

      const pdf = await priya.call('GET', `/api/v1/plans/${pid}/versions/1/pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.match(pdf.headers.get('content-disposition'), /plan-.*-v1\.pdf/);
      assert.ok(pdf.text.startsWith('%PDF'));
    });

    test("a program's own catalog, and plans need the permission", async () => {
      const catalog = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/plan-catalog`);
      assert.equal(catalog.status, 200, catalog.text);
      assert.equal(catalog.json.source, 'installation');
      assert.ok(catalog.json.interventions.some((i) => i.code === 'emdr'));
      const bad = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, { headers: ifMatch(0), body: { interventions: [{ code: 'x', label: 'X', staff: 'wizard' }] } });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['interventions[0].staff']);
      const put = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, {
        headers: ifMatch(0), body: { interventions: [{ code: 'walking_group', label: 'Walking group', default_minutes: 60, default_frequency: { count: 2, per: 'week' } }] },
      });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.json.source, 'program');
      assert.equal(put.json.version, 1);
      assert.equal((await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, { headers: ifMatch(0), body: {} })).status, 412);
      assert.equal((await priya.call('PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, { headers: ifMatch(1), body: {} })).status, 403);
      const settings = await api(base, 'GET', '/api/v1/plan-settings');
      assert.equal(settings.json.review_interval.days, 30);
      assert.equal(settings.json.intensity_checks.length, 4);
    });
  });
}

test('serve --treatment-plans FILE replaces the settings; a bad file stops start-up naming the field', async () => {
  const dir = tempDir();
  try {
    const settings = JSON.parse(readFileSync('config/treatment_plans.json', 'utf8'));
    settings.review_interval = { months: 1 };
    settings.initial_plan_due_days = 10;
    writeFileSync(join(dir, 'plans.json'), JSON.stringify(settings));
    const server = await startServer({ db: join(dir, 'a.db'), extraArgs: ['--treatment-plans', join(dir, 'plans.json')] });
    await setUpProgram(server.base);
    const got = await api(server.base, 'GET', '/api/v1/plan-settings');
    assert.deepEqual(got.json.review_interval, { months: 1 });
    assert.equal(got.json.initial_plan_due_days, 10);
    await server.stop();
    settings.interventions[0].staff = 'wizard';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(settings));
    await assert.rejects(startServer({ db: join(dir, 'b.db'), extraArgs: ['--treatment-plans', join(dir, 'bad.json')] }),
      /interventions\[0\]\.staff/);
  } finally {
    cleanup(dir);
  }
});
