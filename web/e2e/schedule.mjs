// E2E journey for issue 7's program calendar, run from run.mjs with the signed-in page (karen: program
// director, schedule.read/write, program.write). A demo client in treatment without sessions next week gets a
// weekly individual session requirement (API set-up); then, in the browser: set the client's weekly
// availability on the chart (an overlap is refused beside the row it names), run the optimizer for next
// week, keep only this client's items and accept them, and find the new session in the client's week on the
// chart. Also: the calendar's views and the move dialog's live conflict check. Axe scans of the calendar,
// the availability dialog, the proposal and the chart's schedule section (the chart's part: only its Schedule
// section and dialog; the other sections are scanned by their own journeys).

import AxeBuilder from '@axe-core/playwright';

/**
 * Axe (the same rules as run.mjs) on one part of the page: the chart's Schedule section and its dialogs are
 * scanned here; the chart's other sections are scanned by their own journeys.
 */
async function axeWithin(page, selector, label) {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}`);
    throw new Error(`${bad.length} serious/critical axe violation(s) on ${label}:\n${lines.join('\n')}`);
  }
}

function iso(d) {
  return d.toISOString().slice(0, 10);
}

/** Today in the organization's zone, and the Monday of next week. */
function nextMonday(zone) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 7);
  return iso(d);
}

async function api(page, baseUrl, method, path, body) {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrf_token: csrf } = await session.json();
  const res = await page.request.fetch(`${baseUrl}/api/v1${path}`, {
    method,
    data: body,
    headers: { 'X-CSRF-Token': csrf, Origin: baseUrl },
  });
  return res;
}

export async function run({ page, baseUrl, check, assert, axeScan }) {
  let clientId = '';
  let programId = '';
  let monday = '';

  await check('schedule: the calendar shows my sessions, the room board and a track, and passes the accessibility scan', async () => {
    await page.goto(`${baseUrl}/schedule`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('region', { name: /^My sessions, Week of/ }).or(page.getByText('Your account is not linked to a staff record')).first().waitFor();
    await axeScan(page, 'calendar (my sessions)');
    await page.getByRole('tab', { name: 'Room board' }).click();
    await page.getByRole('region', { name: /^Room board, / }).waitFor();
    assert((await page.getByRole('region', { name: /^Room board, / }).getByRole('group').count()) >= 2, 'the room board has no rooms');
    await axeScan(page, 'calendar (room board)');
    await page.getByRole('tab', { name: 'Track groups' }).click();
    const track = page.getByLabel('Track', { exact: true });
    const first = await track.locator('option').evaluateAll((os) => os.find((o) => o.value)?.value ?? '');
    assert(first, 'no track to choose');
    await track.selectOption(first);
    const grid = page.getByRole('region', { name: /^Track groups, Week of/ });
    await grid.waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes('Loading the calendar'));
    const groups = grid.locator('.sw-event-group');
    if ((await groups.count()) === 0) await page.getByRole('button', { name: 'Next week' }).click();
    await groups.first().waitFor();
    await axeScan(page, 'calendar (track groups)');
  });

  await check('schedule: the move dialog checks a new time live and offers Save only when it fits', async () => {
    const grid = page.getByRole('region', { name: /^Track groups, Week of/ });
    await grid.locator('.sw-event-group.sw-event-movable').first().click();
    await page.getByRole('button', { name: 'Move…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Move: / });
    await dialog.waitFor();
    // 05:00 is before opening hours (07:00 by default): the check names it, and Save stays off.
    await dialog.getByLabel(/^Start/).fill('05:00');
    await dialog.getByLabel(/^End/).fill('06:00');
    const conflicts = dialog.getByTestId('conflicts');
    await conflicts.locator('li').first().waitFor();
    assert(await dialog.getByRole('button', { name: 'Save new time' }).isDisabled(), 'Save is offered for a conflicting time');
    await axeScan(page, 'move dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  await check('schedule: dragging a group occurrence checks each place live; the drop opens the move dialog or names the conflicts', async () => {
    const grid = page.getByRole('region', { name: /^Track groups, Week of/ });
    const event = grid.locator('.sw-event-group.sw-event-movable').first();
    await event.scrollIntoViewIfNeeded();
    const box = await event.boundingBox();
    assert(box, 'the group has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 25, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, box.y + 65, { steps: 4 });
    await grid.page().getByTestId('drag-ghost').waitFor();
    const status = page.getByTestId('move-status');
    await status.getByText(/No conflicts: this time fits\.|Conflicts — not saved/).waitFor();
    await page.mouse.up();
    const dialog = page.getByRole('dialog', { name: /^Move: / });
    const refused = page.getByRole('alert').filter({ hasText: /^Not moved to / });
    await dialog.or(refused).first().waitFor();
    if (await dialog.isVisible()) {
      await dialog.getByText('No conflicts: this time fits.').waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    } else {
      assert((await refused.locator('li').count()) > 0, 'the refused drop names no conflict');
    }
  });

  await check('schedule: my working hours save; rooms, group series and closures set-up adds and removes a closure', async () => {
    await page.goto(`${baseUrl}/schedule`, { waitUntil: 'domcontentloaded' });
    const hours = page.getByRole('link', { name: 'My working hours' });
    if ((await hours.count()) > 0) {
      await hours.click();
      await page.getByRole('heading', { level: 1, name: /^Working hours/ }).waitFor();
      await page.getByRole('button', { name: 'Save working hours' }).waitFor();
      await axeScan(page, 'staff working hours');
      await page.getByRole('button', { name: 'Save working hours' }).click();
      await page.getByText('The calendar and the optimizer use these hours from now on.').waitFor();
    }
    await page.goto(`${baseUrl}/schedule/setup`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Rooms, groups and closures' }).waitFor();
    await page.getByRole('table', { name: 'Rooms' }).waitFor();
    await page.getByRole('table', { name: 'Group series' }).waitFor();
    const closures = page.getByRole('region', { name: 'Holidays and closures' });
    await closures.getByRole('button', { name: 'Add closure' }).waitFor();
    await axeScan(page, 'schedule set-up');
    const day = iso(new Date(Date.now() + 300 * 86_400_000));
    await closures.getByLabel('Closed on').fill(day);
    await closures.getByLabel('Name', { exact: true }).fill('E2E staff retreat');
    await closures.getByRole('button', { name: 'Add closure' }).click();
    const row = closures.getByRole('row', { name: /E2E staff retreat/ });
    await row.waitFor();
    await row.getByRole('button', { name: /^Remove the closure on / }).click();
    await row.waitFor({ state: 'detached' });
  });

  await check('schedule: a client in treatment gets their weekly availability set on the chart (an overlap named beside its row)', async () => {
    const org = await (await page.request.get(`${baseUrl}/api/v1/organization`)).json();
    monday = nextMonday(org.time_zone);
    const sunday = iso(new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000));
    const res = await page.request.get(`${baseUrl}/api/v1/clients?stage=treatment&limit=100`);
    assert(res.ok(), `GET /clients answered ${res.status()}`);
    for (const c of (await res.json()).items) {
      if (c.voided) continue;
      const appts = await page.request.get(`${baseUrl}/api/v1/appointments?client_id=${c.id}&from=${monday}&to=${sunday}`);
      if (!appts.ok() || (await appts.json()).items.length > 0) continue;
      const full = await (await page.request.get(`${baseUrl}/api/v1/clients/${c.id}`)).json();
      if (!full.current_episode?.program_id) continue;
      clientId = c.id;
      programId = full.current_episode.program_id;
      break;
    }
    assert(clientId, 'no demo client in treatment is free of appointments next week');
    const req = await api(page, baseUrl, 'POST', `/clients/${clientId}/session-requirements`, { kind: 'individual', minutes: 50, count: 1, per: 'week' });
    assert(req.ok(), `POST session-requirements answered ${req.status()}: ${await req.text()}`);

    await page.goto(`${baseUrl}/clients/${clientId}#schedule`, { waitUntil: 'domcontentloaded' });
    const section = page.getByRole('region', { name: 'Schedule' });
    await section.getByRole('button', { name: 'Availability…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Client availability' });
    await dialog.getByRole('button', { name: 'Save availability' }).waitFor();
    while ((await dialog.getByRole('button', { name: /^Remove window \d+$/ }).count()) > 0) {
      await dialog.getByRole('button', { name: /^Remove window \d+$/ }).first().click();
    }
    const rows = [
      ['mon', '08:00', '12:00', 'work'],
      ['mon', '13:00', '19:00', 'available'],
      ['tue', '08:00', '19:00', 'available'],
      ['wed', '08:00', '19:00', 'available'],
      ['thu', '08:00', '19:00', 'available'],
      ['fri', '08:00', '19:00', 'available'],
      ['fri', '11:00', '12:00', 'childcare'],
    ];
    for (const [i, [day, from, to, kind]] of rows.entries()) {
      await dialog.getByRole('button', { name: 'Add window' }).click();
      await dialog.getByLabel(`Day (window ${i + 1})`, { exact: true }).selectOption(day);
      await dialog.getByLabel(`From (window ${i + 1})`, { exact: true }).fill(from);
      await dialog.getByLabel(`To (window ${i + 1})`, { exact: true }).fill(to);
      await dialog.getByLabel(`What (window ${i + 1})`, { exact: true }).selectOption(kind);
    }
    await axeWithin(page, '[role="dialog"]', 'client availability dialog');
    // Friday's childcare hour overlaps Friday's available window: refused, named beside row 7.
    await dialog.getByRole('button', { name: 'Save availability' }).click();
    const from7 = dialog.getByLabel('From (window 7)', { exact: true });
    await page.waitForFunction((el) => el?.getAttribute('aria-invalid') === 'true', await from7.elementHandle(), { timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Remove window 7' }).click();
    await dialog.getByRole('button', { name: 'Save availability' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await (await page.request.get(`${baseUrl}/api/v1/clients/${clientId}/availability`)).json();
    assert(saved.weekly.length === 6, `the server holds ${saved.weekly.length} windows, not 6`);
  });

  await check('schedule: the optimizer proposes next week as a diff; accepting only this client’s items saves them', async () => {
    await page.goto(`${baseUrl}/schedule/proposals`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Schedule optimizer' }).waitFor();
    const program = page.getByLabel('Program', { exact: true });
    await page.waitForFunction((el) => el && el.options.length > 0, await program.elementHandle());
    await program.selectOption(programId);
    await page.getByLabel('Week of (Monday)').fill(monday);
    await page.getByRole('button', { name: 'Propose a schedule' }).click();
    const proposal = page.getByTestId('proposal');
    await proposal.waitFor({ timeout: 30_000 });
    await page.getByTestId('proposal-stats').waitFor();
    const mine = proposal.locator(`tr[data-client="${clientId}"]`);
    assert((await mine.count()) > 0, `the proposal has nothing for the client: ${await proposal.innerText()}`);
    await axeScan(page, 'optimizer proposal');
    // Keep only this client's items.
    for (const row of await proposal.locator('tr[data-item]').all()) {
      const box = row.getByRole('checkbox');
      if ((await row.getAttribute('data-client')) === clientId) await box.check();
      else await box.uncheck();
    }
    const count = await mine.count();
    await page.getByRole('button', { name: `Accept selected (${count})` }).click();
    await page.getByText(/^(Accepted: the sessions are on the calendar|Saved)$/).waitFor();
    const sunday = iso(new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000));
    const appts = await page.request.get(`${baseUrl}/api/v1/appointments?client_id=${clientId}&from=${monday}&to=${sunday}`);
    assert(appts.ok(), `GET /appointments answered ${appts.status()}`);
    assert((await appts.json()).items.some((a) => a.source === 'optimizer'), 'no accepted session is saved for the client');
  });

  await check('schedule: the client’s week on the chart shows the new session and the scheduled hours checks', async () => {
    await page.goto(`${baseUrl}/clients/${clientId}#schedule`, { waitUntil: 'domcontentloaded' });
    const section = page.getByRole('region', { name: 'Schedule' });
    await section.getByTestId('schedule-week').waitFor();
    await section.getByRole('button', { name: 'Next week' }).click();
    const week = section.getByRole('table', { name: 'The client’s week' });
    await week.getByText(/Individual session \(placed by the optimizer\)/).first().waitFor();
    await section.getByTestId('scheduled-hours').waitFor();
    await axeWithin(page, '#schedule', 'chart schedule section');
  });
}
