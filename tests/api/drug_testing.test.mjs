// Drug testing against the real binary on SQLite and PostgreSQL: a program's own policy (versioned, checked),
// the day's selection recorded once, the board, a collection and a positive cup giving a warning with a task,
// bad results naming the field, the lab CSV (dry run, a bad row imports nothing, the same file twice → 409),
// closing the day (an uncollected client is missed), the review decision, the chart's tests and trend.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { api, cleanup, freshPostgresUrl, setUpProgram, startServer, tempDir } from './helpers.mjs';

const engines = [['sqlite', (dir) => join(dir, 'testing.db')]];
if (process.env.STEPWISE_TEST_PG_ADMIN) engines.push(['postgres', () => freshPostgresUrl()]);

const ifMatch = (v) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r) => (r.json?.error?.fields ?? []).map((f) => f.field).sort();
// The program's local date (the organization is in America/Chicago).
const localDay = (offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date(Date.now() + offset * 86400000));

for (const [engine, dbFor] of engines) {
  describe(`drug testing API on ${engine}`, () => {
    let dir, server, base, setup, ana, ben;
    before(async () => {
      dir = tempDir();
      server = await startServer({ db: dbFor(dir) });
      base = server.base;
      setup = await setUpProgram(base);
      const admit = async (given, family) => {
        const c = await api(base, 'POST', '/api/v1/clients', {
          body: { legal_name: { given, family }, birth_date: '1990-05-06', sex_at_birth: 'female' },
        });
        assert.equal(c.status, 201, c.text);
        const e = await api(base, 'POST', `/api/v1/clients/${c.json.id}/episodes`, {
          body: { program_id: setup.program.id, stage: 'treatment', level_of_care: '2.1', admission_date: localDay(-40), track_id: setup.track.id },
        });
        assert.equal(e.status, 201, e.text);
        return c.json;
      };
      ana = await admit('Ana', 'Silva');
      ben = await admit('Ben', 'Okafor');
    });
    after(async () => {
      await server.stop();
      cleanup(dir);
    });

    test("the program's policy: installation default, then its own versions, checked field by field", async () => {
      const def = await api(base, 'GET', `/api/v1/programs/${setup.program.id}/testing-policy`);
      assert.equal(def.status, 200, def.text);
      assert.equal(def.json.source, 'installation');
      assert.equal(def.json.version, 0);
      const morphine = def.json.panels.find((p) => p.code === 'lab_definitive').analytes.find((a) => a.code === 'morphine');
      assert.equal(morphine.confirmation_cutoff, 2000);
      assert.match(morphine.note, /\[conflict\]/);
      assert.equal(def.json.validity.ph_low, 4);
      // Every day a collection day and a rate that selects everyone, so the test does not depend on the weekday.
      const mine = { ...def.json, random: { rate_per_week: 7, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] } };
      const put = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/testing-policy`, { body: mine, headers: ifMatch(0) });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.json.source, 'program');
      assert.equal(put.json.version, 1);
      const stale = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/testing-policy`, { body: mine, headers: ifMatch(0) });
      assert.equal(stale.status, 412);
      const bad = await api(base, 'PUT', `/api/v1/programs/${setup.program.id}/testing-policy`, {
        body: { ...mine, observed: 'sometimes', colour: 'red' }, headers: ifMatch(1),
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad), ['colour', 'observed']);
    });

    test('selection once a day, the board, a positive cup → a warning with a task, bad results refused', async () => {
      const early = await api(base, 'POST', '/api/v1/testing/selection', { body: { program_id: setup.program.id, date: localDay(2) } });
      assert.equal(early.status, 400);
      assert.deepEqual(fieldsOf(early), ['date']);
      const sel = await api(base, 'POST', '/api/v1/testing/selection', { body: { program_id: setup.program.id, date: localDay() } });
      assert.equal(sel.status, 201, sel.text);
      assert.equal(sel.json.seed_fingerprint.length, 64);
      assert.deepEqual(sel.json.selected.map((s) => s.client_name).sort(), ['Ana Silva', 'Ben Okafor']);
      const again = await api(base, 'POST', '/api/v1/testing/selection', { body: { program_id: setup.program.id, date: localDay() } });
      assert.equal(again.status, 200);
      assert.equal(again.json.created, false);
      assert.equal(again.json.id, sel.json.id);

      const col = await api(base, 'POST', `/api/v1/clients/${ana.id}/collections`, {
        body: { panel_code: 'cup12', specimen: 'urine', temperature_f: 97.2, observed: false, chain_of_custody_id: 'COC-API-1', lab: 'Northland' },
      });
      assert.equal(col.status, 201, col.text);
      assert.equal(col.json.outcome, 'pending');
      assert.equal(col.json.temperature_in_range, true);
      assert.equal(col.json.part2, true);
      let board = await api(base, 'GET', `/api/v1/testing/board?date=${localDay()}`);
      assert.equal(board.status, 200, board.text);
      const anaRow = board.json.selected.find((s) => s.client_id === ana.id);
      assert.equal(anaRow.status, 'collected');
      assert.equal(anaRow.result_status, 'pending');
      assert.ok(board.json.pending_results.some((p) => p.collection_id === col.json.id));

      const res = await api(base, 'POST', `/api/v1/collections/${col.json.id}/results`, {
        body: { method: 'poc_cup', analytes: [{ code: 'cocaine', reading: 'positive' }, { code: 'thc', reading: 'negative' }] },
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.outcome, 'positive');
      const cocaine = res.json.interpretations.find((i) => i.code === 'cocaine');
      assert.equal(cocaine.status, 'presumptive_positive');
      assert.equal(cocaine.screening_cutoff, 150);
      assert.equal(res.json.event.step, 1);
      assert.equal(res.json.event.action, 'warning');
      assert.deepEqual(res.json.billing.map((b) => b.code), ['80305']);

      const state = await api(base, 'GET', `/api/v1/clients/${ana.id}/testing-state`);
      assert.equal(state.status, 200, state.text);
      assert.equal(state.json.step, 1);
      assert.equal(state.json.open_review.collection_id, col.json.id);
      assert.deepEqual(state.json.events[0].result_ids, [res.json.results[0].id]);
      const tasks = await api(base, 'GET', `/api/v1/clients/${ana.id}/tasks`);
      assert.equal(tasks.status, 200, tasks.text);
      assert.ok(tasks.json.items.some((t) => t.kind === 'drug_test_review' && t.source_id === res.json.event.id));
      const queue = await api(base, 'GET', '/api/v1/testing/review-queue');
      assert.equal(queue.status, 200);
      assert.equal(queue.json.items.length, 1);
      assert.equal(queue.json.items[0].client_name, 'Ana Silva');

      const unknown = await api(base, 'POST', `/api/v1/collections/${col.json.id}/results`, {
        body: { method: 'lab', analytes: [{ code: 'unobtainium', value: 3, unit: 'ng/mL' }, { code: 'thc', value: 0.1, unit: 'mg/L' }] },
      });
      assert.equal(unknown.status, 400);
      assert.deepEqual(fieldsOf(unknown), ['analytes[0].code', 'analytes[1].unit']);
      const nowhere = await api(base, 'POST', '/api/v1/collections/01a20000-0000-7000-8000-00000000abcd/results', {
        body: { method: 'poc_cup', analytes: [{ code: 'thc', reading: 'negative' }] },
      });
      assert.equal(nowhere.status, 404);
    });

    test('the lab CSV: a dry run reports, a bad row imports nothing, a good file once, the same file → 409', async () => {
      const header = 'chain_of_custody_id,analyte,stage,value,unit,creatinine,specific_gravity,ph,nitrite\n';
      const bad = `${header}COC-API-1,cocaine,confirmation,180,ng/mL,85,1.018,6.2,0\nCOC-API-1,unobtainium,confirmation,1,ng/mL,,,,\nCOC-NONE,thc,confirmation,20,ng/mL,,,,\nCOC-API-1,thc,confirmation,0.02,mg/mL,,,,\n`;
      const dry = await api(base, 'POST', '/api/v1/testing/lab-import?dry_run=1', { raw: bad, headers: { 'content-type': 'text/csv' } });
      assert.equal(dry.status, 200, dry.text);
      assert.deepEqual(dry.json.errors.map((e) => [e.row, e.field]), [[3, 'analyte'], [4, 'chain_of_custody_id'], [5, 'unit']]);
      assert.equal(dry.json.imported, false);
      const refused = await api(base, 'POST', '/api/v1/testing/lab-import', { raw: bad });
      assert.equal(refused.status, 400);
      assert.deepEqual(fieldsOf(refused), ['rows[3].analyte', 'rows[4].chain_of_custody_id', 'rows[5].unit']);
      const good = `${header}COC-API-1,cocaine,confirmation,180,ng/mL,85,1.018,6.2,0\n`;
      const imported = await api(base, 'POST', '/api/v1/testing/lab-import', { raw: good });
      assert.equal(imported.status, 201, imported.text);
      assert.equal(imported.json.imported, true);
      assert.equal(imported.json.result_ids.length, 1);
      const col = await api(base, 'GET', `/api/v1/collections/${imported.json.collection_ids[0]}`);
      assert.equal(col.status, 200);
      assert.equal(col.json.results.length, 2, 'only the good file was imported');
      assert.equal(col.json.interpretations.find((i) => i.code === 'cocaine').status, 'confirmed_positive');
      assert.equal(col.json.validity.status, 'valid');
      assert.deepEqual(col.json.billing.map((b) => b.code), ['80305', 'G0480']);
      assert.equal(col.json.event.status, 'open');
      const twice = await api(base, 'POST', '/api/v1/testing/lab-import', { raw: good });
      assert.equal(twice.status, 409);
      const dryTwice = await api(base, 'POST', '/api/v1/testing/lab-import?dry_run=1', { raw: good });
      assert.equal(dryTwice.json.duplicate, true);
    });

    test('closing the day records the uncollected client as missed; the review is decided with a reason', async () => {
      const closed = await api(base, 'POST', '/api/v1/testing/close-day', { body: { date: localDay() } });
      assert.equal(closed.status, 200, closed.text);
      assert.equal(closed.json.missed, 1);
      assert.equal(closed.json.events[0].kind, 'missed');
      assert.equal(closed.json.events[0].client_id, ben.id);
      const board = await api(base, 'GET', `/api/v1/testing/board?date=${localDay()}`);
      assert.equal(board.json.selected.find((s) => s.client_id === ben.id).status, 'missed');

      const state = await api(base, 'GET', `/api/v1/clients/${ana.id}/testing-state`);
      const review = state.json.open_review;
      const noReason = await api(base, 'POST', `/api/v1/testing/reviews/${review.id}/decide`, { body: { decision: 'warning_given' } });
      assert.equal(noReason.status, 400);
      assert.deepEqual(fieldsOf(noReason), ['reason']);
      const decided = await api(base, 'POST', `/api/v1/testing/reviews/${review.id}/decide`, {
        body: { decision: 'warning_given', reason: 'Discussed the result; relapse-prevention plan updated' }, headers: ifMatch(review.version),
      });
      assert.equal(decided.status, 200, decided.text);
      assert.equal(decided.json.status, 'decided');
      const twice = await api(base, 'POST', `/api/v1/testing/reviews/${review.id}/decide`, { body: { decision: 'warning_given', reason: 'x' } });
      assert.equal(twice.status, 409);

      const tests = await api(base, 'GET', `/api/v1/clients/${ana.id}/drug-tests`);
      assert.equal(tests.status, 200, tests.text);
      assert.equal(tests.json.items.length, 1);
      assert.equal(tests.json.items[0].type, 'collection');
      assert.equal(tests.json.weeks.length, 1);
      assert.equal(tests.json.weeks[0].share_negative, 0);
      const benTests = await api(base, 'GET', `/api/v1/clients/${ben.id}/drug-tests`);
      assert.equal(benTests.json.items[0].type, 'missed');
    });
  });
}
