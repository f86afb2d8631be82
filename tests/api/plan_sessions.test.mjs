// Which plan interventions the weekly schedule proposal books, against the real binary on SQLite and
// PostgreSQL: the catalog's "session" mark (ADR 0012). A program whose own catalog adds
// "trauma_focused_therapy" marked individual gets its sessions proposed for a client's active plan; a code
// without the mark is not proposed; a bad mark names interventions[i].session and changes nothing; a plan
// code no longer in the catalog is listed as not placed, and the program's own intensity checks judge hours.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, Session, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'plan_sessions.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
const PASSWORD = 'correct horse battery staple 9';
const typed = (role, name) => ({ role, signer_name: name, method: 'typed' });
const WEEK = '2026-11-30';  // a Monday

for (const [engine, dbFor] of engines) {
  describe(`schedule proposals from the plan catalog's session marks on ${engine}`, () => {
    let dir, server, base, setup, dana, danaStaff, client;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      // Dana is a licensed counselor: her signature makes the plan active without a co-signature.
      const s = await api(base, 'POST', '/api/v1/staff', {
        body: { given_name: 'Dana', family_name: 'Reyes', roles: ['counselor'], credentials: [{ type: 'LCSW', license_number: 'L-1', issuing_state: 'MN', expires_on: '2031-01-01' }] },
      });
      assert.equal(s.status, 201, s.text);
      danaStaff = s.json;
      const u = await api(base, 'POST', '/api/v1/users', {
        body: { username: 'dana', display_name: 'Dana Reyes', password: PASSWORD, roles: ['counselor'], staff_id: danaStaff.id },
      });
      assert.equal(u.status, 201, u.text);
      dana = new Session(base);
      assert.equal((await dana.signIn('dana', PASSWORD)).status, 200);
      const room = await api(base, 'POST', '/api/v1/rooms', { body: { site_id: setup.site.id, name: 'Office 3', capacity: 3 } });
      assert.equal(room.status, 201, room.text);
      const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given: 'Ana', family: 'Silva' }, birth_date: '1990-05-06', sex_at_birth: 'female' } });
      assert.equal(c.status, 201, c.text);
      client = c.json;
      const e = await api(base, 'POST', `/api/v1/clients/${client.id}/episodes`, {
        body: { program_id: setup.program.id, stage: 'treatment', level_of_care: '2.1', admission_date: new Date().toISOString().slice(0, 10), counselor_id: danaStaff.id },
      });
      assert.equal(e.status, 201, e.text);
    });
    after(async () => { await server?.stop(); cleanup(dir); });

    // A plan for `who` with these interventions, created by Dana, signed by the client and by Dana (licensed):
    // active. Returns the interventions' ids.
    const activePlan = async (who, signerName, interventions) => {
      const created = await dana.call('POST', `/api/v1/clients/${who.id}/plans`);
      assert.equal(created.status, 201, created.text);
      const pid = created.json.id;
      const v1 = await dana.call('GET', `/api/v1/plans/${pid}/versions/1`);
      const saved = await dana.call('PUT', `/api/v1/plans/${pid}/versions/1`, {
        headers: { 'if-match': v1.headers.get('etag') },
        body: {
          preferred_track_id: setup.track.id,
          schedule_constraints: '',
          problems: [{ id: 'p1', dimension: 3, description: 'Nightmares and flashbacks since the accident' }],
          goals: [{ id: 'g1', problem_ids: ['p1'], text: 'I want to sleep through the night' }],
          objectives: [{ id: 'o1', goal_id: 'g1', text: 'Fewer nightmares a week', target_date: '2030-01-15', measure: 'sleep diary' }],
          interventions,
        },
      });
      assert.equal(saved.status, 200, saved.text);
      const sha = (await dana.call('GET', `/api/v1/plans/${pid}/versions/1/preview`)).json.content_sha256;
      const s1 = await dana.call('POST', `/api/v1/plans/${pid}/versions/1/sign`, { body: { content_sha256: sha, signature: typed('client', signerName) } });
      assert.equal(s1.status, 200, s1.text);
      const s2 = await dana.call('POST', `/api/v1/plans/${pid}/versions/1/sign`, { body: { content_sha256: sha, signature: typed('counselor', 'Dana Reyes') } });
      assert.equal(s2.status, 200, s2.text);
      assert.equal(s2.json.status, 'active');
      return saved.json.interventions.map((i) => i.id);
    };

    test('the shipped catalog marks the six session codes; a bad mark names its path', async () => {
      const installed = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/plan-catalog`);
      assert.equal(installed.status, 200, installed.text);
      const sessionOf = (code) => installed.json.interventions.find((i) => i.code === code)?.session;
      assert.equal(sessionOf('individual_therapy'), 'individual');
      assert.equal(sessionOf('emdr'), 'individual');
      assert.equal(sessionOf('family_session'), 'family');
      assert.equal(sessionOf('group_therapy'), undefined);
      const bad = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, {
        headers: ifMatch(0),
        body: { interventions: [{ code: 'a', label: 'A', session: 'individual' }, { code: 'b', label: 'B', session: 'group' }] },
      });
      assert.equal(bad.status, 400, bad.text);
      assert.deepEqual(fieldsOf(bad), ['interventions[1].session']);
      assert.equal((await api(base, 'GET', `/api/v1/programs/${setup.program.id}/plan-catalog`)).json.source, 'installation', 'nothing stored');
    });

    test("a program's new code marked individual is proposed; a code without the mark is not", async () => {
      const put = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, {
        headers: ifMatch(0),
        body: {
          interventions: [
            { code: 'trauma_focused_therapy', label: 'Trauma-focused therapy', category: 'therapy', staff: 'licensed', session: 'individual',
              default_minutes: 50, default_frequency: { count: 1, per: 'week' } },
            { code: 'walking_group', label: 'Walking group', category: 'wellness', default_minutes: 60, default_frequency: { count: 1, per: 'week' } },
          ],
        },
      });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.json.source, 'program');
      const got = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/plan-catalog`);
      assert.deepEqual(got.json.interventions.map((i) => [i.code, i.session ?? null]), [['trauma_focused_therapy', 'individual'], ['walking_group', null]]);

      // Ana's plan, signed by Ana and by Dana (licensed): active.
      const [trauma, walking] = await activePlan(client, 'Ana Silva', [
        { id: 'i1', objective_ids: ['o1'], code: 'trauma_focused_therapy', minutes: 50, frequency: { count: 1, per: 'week' }, staff_id: danaStaff.id },
        { id: 'i2', objective_ids: ['o1'], code: 'walking_group', minutes: 60, frequency: { count: 1, per: 'week' } },
      ]);

      const p = await api(base, 'POST', '/api/v1/schedule/proposals', { body: { program_id: setup.program.id, week_of: WEEK, weeks: 1 } });
      assert.equal(p.status, 201, p.text);
      const sessions = p.json.items.filter((i) => i.action === 'create');
      assert.deepEqual(sessions.map((i) => [i.client_id, i.kind, i.plan_intervention_id, i.staff_id]),
        [[client.id, 'individual', trauma, danaStaff.id]], p.text);
      assert.ok(!p.json.items.some((i) => i.plan_intervention_id === walking), 'the walking group is not a session of one client');
      assert.equal(p.json.stats.requested, 1);
      assert.equal(p.json.stats.placed, 1);
      assert.ok(sessions[0].end_at > sessions[0].start_at);

      // Accepted, it is an appointment linked to the plan's intervention.
      const ok = await api(base, 'POST', `/api/v1/schedule/proposals/${p.json.id}/accept`, { body: {} });
      assert.equal(ok.status, 200, ok.text);
      const week = await api(base, 'GET', `/api/v1/appointments?from=${WEEK}&to=2026-12-06&client_id=${client.id}`);
      assert.deepEqual(week.json.items.map((a) => [a.kind, a.plan_intervention_id, a.source]), [['individual', trauma, 'optimizer']]);
    });

    test("a plan code dropped from the catalog is listed as not placed; the program's own checks judge the hours", async () => {
      const cur = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/plan-catalog`);
      const put = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, {
        headers: ifMatch(cur.json.version),
        body: {
          interventions: [{ code: 'walking_group', label: 'Walking group', category: 'wellness', default_minutes: 60, default_frequency: { count: 1, per: 'week' } }],
          intensity_checks: [{ code: 'state_12h', label: 'State rule: 12 h a week', kind: 'payer', min_hours_week: 12 }],
        },
      });
      assert.equal(put.status, 200, put.text);
      // A check for any level reads back without "level", and the catalog as read is accepted again.
      const got = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/plan-catalog`);
      assert.equal('level' in got.json.intensity_checks[0], false, got.text);
      const again = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, {
        headers: ifMatch(got.json.version),
        body: { interventions: got.json.interventions, intensity_checks: got.json.intensity_checks },
      });
      assert.equal(again.status, 200, again.text);

      const next = '2026-12-07';
      const p = await api(base, 'POST', '/api/v1/schedule/proposals', { body: { program_id: setup.program.id, week_of: next, weeks: 1 } });
      assert.equal(p.status, 201, p.text);
      assert.equal(p.json.stats.requested, 0);
      assert.deepEqual(p.json.unplaced.map((u) => [u.client_id, u.kind]), [[client.id, 'plan_intervention']], p.text);
      assert.match(p.json.unplaced[0].reason, /"trauma_focused_therapy" is not in the program's catalog/);

      const hours = await api(base, 'GET', `/api/v1/clients/${client.id}/scheduled-hours?week_of=${WEEK}`);
      assert.equal(hours.status, 200, hours.text);
      assert.deepEqual(hours.json.checks.map((c) => [c.code, c.applies, c.ok]), [['state_12h', true, false]], hours.text);
    });

    test('a session the catalog lets a credentialed counselor deliver is proposed, accepted and booked with one', async () => {
      const sam = await api(base, 'POST', '/api/v1/staff', {
        body: { given_name: 'Sam', family_name: 'Ortiz', roles: ['counselor'], credentials: [{ type: 'CADC', license_number: 'C-7', issuing_state: 'MN', expires_on: '2031-01-01' }] },
      });
      assert.equal(sam.status, 201, sam.text);
      const cur = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/plan-catalog`);
      const put = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/plan-catalog`, {
        headers: ifMatch(cur.json.version),
        body: { interventions: [{ code: 'counseling', label: 'Individual counseling', category: 'counseling', staff: 'credentialed', session: 'individual', default_minutes: 50, default_frequency: { count: 1, per: 'week' } }] },
      });
      assert.equal(put.status, 200, put.text);
      const c = await api(base, 'POST', '/api/v1/clients', { body: { legal_name: { given: 'Ben', family: 'Cole' }, birth_date: '1988-02-03', sex_at_birth: 'male' } });
      assert.equal(c.status, 201, c.text);
      const e = await api(base, 'POST', `/api/v1/clients/${c.json.id}/episodes`, {
        body: { program_id: setup.program.id, stage: 'treatment', level_of_care: '2.1', admission_date: new Date().toISOString().slice(0, 10), counselor_id: danaStaff.id },
      });
      assert.equal(e.status, 201, e.text);
      const [counseling] = await activePlan(c.json, 'Ben Cole', [
        { id: 'i1', objective_ids: ['o1'], code: 'counseling', minutes: 50, frequency: { count: 1, per: 'week' }, staff_id: sam.json.id },
      ]);

      const week = '2026-12-14';
      const p = await api(base, 'POST', '/api/v1/schedule/proposals', { body: { program_id: setup.program.id, week_of: week, weeks: 1 } });
      assert.equal(p.status, 201, p.text);
      const mine = p.json.items.filter((i) => i.action === 'create' && i.client_id === c.json.id);
      assert.deepEqual(mine.map((i) => [i.plan_intervention_id, i.staff_id]), [[counseling, sam.json.id]], p.text);
      const ok = await api(base, 'POST', `/api/v1/schedule/proposals/${p.json.id}/accept`, { body: { item_ids: [mine[0].item_id] } });
      assert.equal(ok.status, 200, ok.text);
      // Without the plan link the same clinician is refused: individual sessions need a licensed one.
      const byHand = await api(base, 'POST', '/api/v1/appointments', {
        body: { kind: 'individual', client_id: c.json.id, staff_id: sam.json.id, date: '2026-12-22', start: '15:00', end: '15:50', modality: 'telehealth', meeting_link: 'https://meet.example.org/x' },
      });
      assert.equal(byHand.status, 400, byHand.text);
      assert.deepEqual(fieldsOf(byHand), ['staff_id']);
    });
  });
}
