// E2E journey for issue 8's roll call and batch notes, run from run.mjs with the signed-in page (karen:
// program director and licensed therapist, notes.read/write/cosign). Set-up through the API: a recent group
// occurrence without a session record, filled to a full group of 12 with drop-ins. Then, in the browser, on
// ONE screen: roll call for all 12 (late with minutes, an excused absence with its reason, left early, the
// rest present), short notes for attendees (a template, the client's own plan objective, a quote), one Save
// (one request), a note naming another attendee refused beside its row, Sign with the password, the notes
// locked; the first attendee's chart shows their own group note and no other attendee's name. Axe scans of
// My day, the roll-call screen with a note open, the sign dialog, the chart's Sessions section and the note.

import { PASSWORD } from './signing.mjs';

function iso(d) {
  return d.toISOString().slice(0, 10);
}

async function api(page, baseUrl, method, path, body) {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrf_token: csrf } = await session.json();
  return page.request.fetch(`${baseUrl}/api/v1${path}`, { method, data: body, headers: { 'X-CSRF-Token': csrf, Origin: baseUrl } });
}

async function getJson(page, url) {
  const res = await page.request.get(url);
  if (!res.ok()) throw new Error(`GET ${url} answered ${res.status()}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

export async function run({ page, baseUrl, check, assert, axeScan }) {
  const api1 = `${baseUrl}/api/v1`;
  let occ = null;
  let roster = [];

  await check('sessions: My day lists today’s groups, notes to sign and tasks, and passes the accessibility scan', async () => {
    await page.goto(`${baseUrl}/my-day`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    await page.getByRole('region', { name: 'Groups today' }).waitFor();
    await page.getByRole('region', { name: 'Open tasks' }).waitFor();
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: /^My day/ }).waitFor();
    await axeScan(page, 'My day');
  });

  await check('sessions: set-up — a recent group occurrence without a record, filled to 12 with drop-ins', async () => {
    const today = new Date();
    const from = iso(new Date(today.getTime() - 13 * 86_400_000));
    const { items } = await getJson(page, `${api1}/occurrences?from=${from}&to=${iso(today)}`);
    const candidates = items
      .filter((o) => o.status === 'scheduled' && Date.parse(o.end_at) < Date.now() && o.size_limit >= 12)
      .sort((a, b) => b.enrolled_count - a.enrolled_count);
    for (const o of candidates) {
      const gs = await getJson(page, `${api1}/group-sessions/${encodeURIComponent(o.id)}`);
      if (gs.record === null) {
        occ = gs.occurrence;
        roster = gs.roster;
        break;
      }
    }
    assert(occ, `no past group occurrence without a record among ${candidates.length} in the last two weeks`);
    const on = new Set(roster.map((r) => r.client_id));
    const clients = [];
    for (const stage of ['treatment', 'orientation', 'assessment']) {
      const { items: cs } = await getJson(page, `${api1}/clients?stage=${stage}&limit=100`);
      clients.push(...cs.filter((c) => !c.voided && !on.has(c.id)));
    }
    const refusals = [];
    for (const c of clients) {
      if (roster.length >= 12) break;
      const res = await api(page, baseUrl, 'POST', `/occurrences/${encodeURIComponent(occ.id)}/roster`, { client_id: c.id, kind: 'drop_in' });
      if (res.ok()) roster = (await getJson(page, `${api1}/occurrences/${encodeURIComponent(occ.id)}`)).roster;
      else refusals.push(`${res.status()} ${(await res.text()).slice(0, 120)}`);
    }
    assert(roster.length >= 12, `the roster has ${roster.length} clients; drop-ins refused: ${refusals.slice(0, 3).join(' | ')}`);
  });

  const rowOf = (name) => page.getByRole('main').getByRole('listitem', { name, exact: true });

  await check('sessions: roll call and notes for the full group on one screen, saved in one request', async () => {
    assert(occ, 'no occurrence from the set-up');
    await page.goto(`${baseUrl}/groups/${encodeURIComponent(occ.id)}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: occ.title }).waitFor();
    const rows = page.getByTestId('attendee-row');
    await rows.first().waitFor();
    const n = await rows.count();
    assert(n === roster.length && n >= 12, `the screen shows ${n} rows for a roster of ${roster.length}`);
    const [a, b, c, d] = roster.map((r) => r.client_name);

    await rowOf(a).getByText('Late', { exact: true }).click();
    await rowOf(a).getByLabel(/^Minutes late/).fill('10');
    const length = Math.round((Date.parse(occ.end_at) - Date.parse(occ.start_at)) / 60000);
    await rowOf(a).getByTestId('attended-minutes').getByText(`Attended ${length - 10} of ${length} min`).waitFor();
    await rowOf(b).getByText('Absent, excused', { exact: true }).click();
    await rowOf(b).getByLabel(/^Reason for absence/).fill('Medical appointment');
    assert((await rowOf(b).getByRole('button', { name: /note for/ }).count()) === 0, 'an absent client offers a note');
    await rowOf(c).getByText('Left early', { exact: true }).click();
    await rowOf(c).getByLabel(/^Minutes left early/).fill('20');
    await page.getByRole('button', { name: 'Mark the rest present' }).click();
    await page.getByTestId('roll-call-counts').getByText(`${n - 1} attending · 1 absent · 0 not marked`).waitFor();

    await page.getByLabel('Content summary').fill('Members named one trigger from the weekend and a coping skill for it.');
    await rowOf(a).getByRole('button', { name: `Write note for ${a}` }).click();
    await rowOf(a).getByRole('button', { name: `Templates for ${a}'s note` }).click();
    await page.getByRole('menuitem').first().click();
    const participation = rowOf(a).getByLabel('Participation', { exact: true });
    assert((await participation.inputValue()).length > 10, 'the template filled nothing');
    await rowOf(a).getByLabel('Client quote').fill('One day at a time');
    await rowOf(a).getByLabel('Mood and affect').fill('Euthymic, full range');
    // The client's own plan objectives, when the plan has any.
    await page.waitForFunction((name) => {
      const li = [...document.querySelectorAll('[data-testid="attendee-row"]')].find((x) => x.getAttribute('aria-label') === name);
      return li && !li.textContent.includes('Loading the plan');
    }, a);
    const progress = rowOf(a).getByRole('radiogroup', { name: 'Progress on objective 1' });
    if (await progress.count()) await progress.getByText('Some', { exact: true }).click();

    // A note naming another attendee: refused by the server, shown beside that row.
    await rowOf(d).getByRole('button', { name: `Write note for ${d}` }).click();
    await rowOf(d).getByLabel('Note', { exact: true }).fill(`Gave feedback to ${a} about the weekend plan.`);
    await rowOf(d).getByText(/Names another attendee/).first().waitFor();
    await axeScan(page, 'roll call with notes open');
    const puts = [];
    const onRequest = (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/v1/group-sessions/')) puts.push(r.url());
    };
    page.on('request', onRequest);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Not saved', { exact: true }).waitFor();
    await rowOf(d).getByText(/^names another attendee/).waitFor();
    assert((await getJson(page, `${api1}/group-sessions/${encodeURIComponent(occ.id)}`)).record === null, 'the refused save wrote a record');
    await rowOf(d).getByLabel('Note', { exact: true }).fill('Gave peers feedback about weekend plans; identified one coping skill.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    page.off('request', onRequest);
    assert(puts.length === 2, `expected one PUT per save (2), saw ${puts.length}`);
    const saved = await getJson(page, `${api1}/group-sessions/${encodeURIComponent(occ.id)}`);
    assert(saved.record && saved.record.attendance.length === n, `the record has ${saved.record?.attendance.length} attendance rows`);
    const lateRow = saved.record.attendance.find((x) => x.client_id === roster[0].client_id);
    assert(lateRow.status === 'late' && lateRow.attended_minutes === length - 10, `late row stored as ${JSON.stringify(lateRow)}`);
    assert(saved.record.notes.length === 2, `expected 2 attendee notes, found ${saved.record.notes.length}`);
  });

  await check('sessions: sign with the password; the notes lock', async () => {
    await page.getByRole('button', { name: 'Sign…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign the group notes' });
    await dialog.getByLabel(/Your password/).fill('not-the-password');
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await dialog.getByText(/Password|not correct|Not signed/).first().waitFor();
    await axeScan(page, 'sign dialog');
    await dialog.getByLabel(/Your password/).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByTestId('locked-notice').waitFor();
    await page.getByTestId('record-status').getByText(/Signed|Awaiting co-sign/).waitFor();
    assert(await rowOf(roster[0].client_name).getByRole('radio', { name: 'Present' }).isDisabled(), 'roll call is still editable after signing');
    assert((await page.getByRole('button', { name: 'Save', exact: true }).count()) === 0, 'Save is still offered after signing');
  });

  await check('sessions: the attendee’s chart shows their own group note and no other attendee’s name', async () => {
    const me = roster[0];
    const others = roster.slice(1).map((r) => r.client_name);
    await page.goto(`${baseUrl}/clients/${me.client_id}#sessions`, { waitUntil: 'domcontentloaded' });
    const section = page.getByRole('region', { name: 'Sessions' });
    await section.waitFor();
    const notes = section.getByRole('table', { name: 'Session notes' });
    await notes.waitFor();
    await page.waitForFunction(() => !document.querySelector('#sessions')?.textContent?.includes('Loading'));
    const text = await section.innerText();
    const leaked = others.filter((name) => text.includes(name));
    assert(leaked.length === 0, `the chart's Sessions section names other attendees: ${leaked.join(', ')}`);
    await section.scrollIntoViewIfNeeded();
    await axeScan(page, 'chart sessions section');
    // This group's note for this client (the chart lists older demo notes too).
    const record = (await getJson(page, `${api1}/group-sessions/${encodeURIComponent(occ.id)}`)).record;
    const own = record.notes.find((x) => x.client_id === me.client_id);
    assert(own?.note_id, `the signed record has no note for ${me.client_name}`);
    await notes.locator(`a[href$="/notes/${encodeURIComponent(own.note_id)}"]`).click();
    await page.getByRole('heading', { level: 1, name: 'Group session note' }).waitFor();
    await page.getByTestId('group-note-own').getByText('One day at a time', { exact: false }).waitFor();
    await page.getByTestId('note-status').getByText(/Signed|Awaiting co-sign/).waitFor();
    const noteText = await page.getByRole('main').innerText();
    const leakedInNote = others.filter((name) => noteText.includes(name));
    assert(leakedInNote.length === 0, `the group note names other attendees: ${leakedInNote.join(', ')}`);
    await axeScan(page, 'group note in the chart');
  });
}
