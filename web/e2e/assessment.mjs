// E2E journey for issue 4's assessment screens, run from run.mjs with the signed-in page (karen, program
// director: assessments.read/write). For a demo client at the assessment stage: start an assessment, fill in
// substance use, give a PHQ-9 with item 9 above 0 (the chart's safety banner appears; record the response),
// let the client complete a GAD-7 in tablet mode (no app chrome; the staff password unlocks it), rate the six
// dimensions, see the recommendation with its rule trace, decide (an override without a reason is refused),
// and admit to IOP. Axe scans of the workspace, the instrument form and tablet mode.

/** Answers every unanswered visible item with its `pick(options)` option until none is left (skip logic may
 * reveal more items after a save). */
async function answerAll(page, pick) {
  for (let round = 0; round < 40; round += 1) {
    const groups = page.locator('main [role="radiogroup"]');
    const n = await groups.count();
    let clicked = false;
    for (let i = 0; i < n; i += 1) {
      const g = groups.nth(i);
      if ((await g.locator('[aria-checked="true"], input:checked').count()) > 0) continue;
      const options = g.getByRole('radio');
      await options.nth(pick(await options.count(), i)).click();
      clicked = true;
      break;
    }
    if (!clicked) return;
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
  }
  throw new Error('items kept appearing');
}

export async function run({ page, baseUrl, check, assert, axeScan }, fromInquiry = {}) {
  let clientUrl = '';
  let workspaceUrl = '';
  let clientId = '';

  await check('assessment: a client at the assessment stage starts an initial assessment from the chart', async () => {
    if (fromInquiry.clientId) {
      clientId = fromInquiry.clientId;  // the client the inquiry journey just registered
    } else {
      const res = await page.request.get(`${baseUrl}/api/v1/clients?stage=assessment&limit=50`);
      assert(res.ok(), `GET /api/v1/clients?stage=assessment answered ${res.status()}`);
      const { items } = await res.json();
      const target = items.find((c) => c.stage === 'assessment' && !c.voided);
      assert(target, 'no demo client at the assessment stage');
      clientId = target.id;
    }
    clientUrl = `${baseUrl}/clients/${clientId}`;
    await page.goto(clientUrl, { waitUntil: 'domcontentloaded' });
    const section = page.getByRole('region', { name: 'Assessment' });
    await section.getByRole('button', { name: 'Start assessment' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\/assessments\/[0-9a-f-]{36}$/);
    workspaceUrl = page.url();
    await page.getByRole('heading', { level: 1, name: 'Initial assessment' }).waitFor();
  });

  await check('assessment: substance use with DSM-5 criteria autosaves and shows severity and ICD-10-CM suggestions', async () => {
    await page.getByRole('button', { name: 'Add substance' }).click();
    const card = page.getByRole('group', { name: /^Substance 1/ });
    await card.getByLabel('Substance (TEDS)').selectOption({ label: 'Alcohol' });
    await card.getByLabel('Age of first use').fill('16');
    for (const n of [1, 2, 3, 4]) await card.getByRole('checkbox', { name: new RegExp(`^${n}\\. `) }).check();
    await page.getByTestId('severity-0').getByText('moderate', { exact: true }).waitFor();
    await card.getByLabel(/Diagnosis \(ICD-10-CM\)/).waitFor();
    await page.getByLabel('The client’s own goals, in their words').fill('Keep my job and be there for my kids');
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    // Reloading shows what was saved.
    await page.reload({ waitUntil: 'domcontentloaded' });
    const goals = page.getByLabel('The client’s own goals, in their words');
    await goals.waitFor();
    assert((await goals.inputValue()) === 'Keep my job and be there for my kids', 'the goals were not saved');
  });

  await check('assessment: accessibility scan of the workspace (no serious or critical violations)', async () => {
    await axeScan(page, 'assessment workspace');
  });

  await check('assessment: a PHQ-9 with item 9 above 0 shows live scores and the safety flag, and completes', async () => {
    const panel = page.getByRole('region', { name: 'Instruments' });
    await panel.getByLabel('Instrument').selectOption('PHQ9');
    await panel.getByRole('button', { name: 'Give instrument' }).click();
    await page.waitForURL(/\/instruments\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'PHQ-9' }).waitFor();
    await page.getByTestId('copyright').waitFor();
    // "Several days" (the second option) everywhere: total 9 with item 9 = 1.
    await answerAll(page, (count) => Math.min(1, count - 1));
    const total = await page.getByTestId('score-total').innerText();
    assert(total.trim() === '9', `the live total is ${total}, not 9`);
    const flags = await page.getByTestId('safety-flags').innerText();
    assert(/Safety alert will be raised/.test(flags), `no safety flag: ${flags}`);
    await axeScan(page, 'PHQ-9 form');
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByText('Safety alert raised', { exact: true }).first().waitFor();
  });

  await check('assessment: the chart shows the red safety banner until the safety response is recorded', async () => {
    await page.goto(clientUrl, { waitUntil: 'domcontentloaded' });
    const banner = page.getByTestId('safety-banner').first();
    await banner.waitFor();
    // The PHQ-9 just completed repeats every two weeks: the chart says when it is due again.
    await page.getByTestId('due-again').getByText(/PHQ-9\) on /).waitFor();
    // karen is on the program's on-call list: the header shows her open safety alerts.
    await page.getByTestId('safety-indicator').waitFor();
    await banner.getByRole('button', { name: 'Record safety response' }).click();
    const form = page.getByRole('form', { name: 'Safety response' });
    await form.getByRole('checkbox', { name: /Safety plan/ }).check();
    await form.getByRole('checkbox', { name: /988/ }).check();
    await form.getByRole('button', { name: 'Record safety response' }).click();
    await form.getByText(/is required/).waitFor(); // the note is required
    await form.getByLabel(/^Note/).fill('Passive ideation without plan or intent; safety plan made, 988 given, sister informed.');
    await form.getByRole('button', { name: 'Record safety response' }).click();
    await page.getByText('Safety response recorded.').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="safety-banner"]'));
    const trend = page.getByTestId('trend-PHQ9');
    await trend.waitFor();
  });

  await check('assessment: tablet mode for a client-completed GAD-7 has no app chrome, ends with the hand-back screen, and needs the staff password to leave', async () => {
    const section = page.getByRole('region', { name: 'Assessment' });
    await section.getByLabel('Instrument').selectOption('GAD7');
    await section.getByRole('radio', { name: 'Client, on a tablet' }).check();
    await section.getByRole('button', { name: 'Give instrument' }).click();
    await page.waitForURL(/\/tablet\/responses\/[0-9a-f-]{36}$/);
    const tabletUrl = page.url();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    assert((await page.getByRole('navigation').count()) === 0, 'tablet mode shows navigation');
    assert((await page.getByTestId('user-menu').count()) === 0, 'tablet mode shows the account menu');
    await axeScan(page, 'tablet mode');
    // Going to a staff page while locked leads back to the form.
    await page.goto(clientUrl, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(tabletUrl);
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    await answerAll(page, () => 0);
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('heading', { name: 'Done — please hand the tablet back' }).waitFor();
    await axeScan(page, 'tablet hand-back screen');
    await page.getByRole('button', { name: 'Staff: leave tablet mode' }).click();
    const dialog = page.getByRole('dialog', { name: 'Staff: leave tablet mode' });
    await dialog.getByLabel(/Your password/).fill('not-my-password-at-all');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await dialog.getByText(/is not your password/).waitFor();
    await dialog.getByLabel(/Your password/).fill(process.env.E2E_PASSWORD ?? 'northstar-demo-pass');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { level: 1, name: 'GAD-7' }).waitFor();
    await page.getByRole('navigation', { name: 'Primary' }).waitFor();
  });

  await check('assessment: the six dimension ratings bring a recommendation with its rule trace (local example policy)', async () => {
    await page.goto(workspaceUrl, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Initial assessment' }).waitFor();
    const ratings = { 1: '1 mild', 2: '1 mild', 3: '2 moderate', 4: '1 mild', 5: '2 moderate', 6: '1 mild' };
    for (const [n, label] of Object.entries(ratings)) {
      const dim = page.getByTestId(`dimension-${n}`);
      await dim.getByRole('radio', { name: label }).check();
      await dim.getByLabel(`Rationale for dimension ${n}`).fill(`Rated ${label} after the interview (dimension ${n}).`);
    }
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    const trace = page.getByTestId('rule-trace');
    await trace.waitFor();
    const fired = await trace.locator('li[data-fired="true"]').count();
    const idle = await trace.locator('li[data-fired="false"]').count();
    assert(fired >= 1 && idle >= 1, `the trace shows ${fired} fired and ${idle} idle rules`);
    const level = await page.getByTestId('recommended-level').innerText();
    assert(/Intensive outpatient/.test(level), `the recommendation is ${level}`);
    await page.getByTestId('example-policy').waitFor();
    await axeScan(page, 'assessment workspace with recommendation');
  });

  await check('assessment: an override without a reason is refused with the field named; accepting IOP is recorded', async () => {
    const form = page.getByRole('form', { name: 'Level-of-care decision' });
    await form.getByLabel('Decided level of care').selectOption('1.0');
    await form.getByRole('button', { name: 'Record decision (override)' }).click();
    await form.getByText(/is required when the decision differs/).first().waitFor();
    const reasonInvalid = await form.getByLabel(/Reason for a different level/).getAttribute('aria-invalid');
    assert(reasonInvalid === 'true', 'the reason field is not marked invalid');
    await form.getByLabel('Decided level of care').selectOption('2.1');
    await form.getByRole('button', { name: 'Accept recommendation' }).click();
    await page.getByTestId('decision').waitFor();
    const decided = await page.getByTestId('decision').innerText();
    assert(/Intensive outpatient/.test(decided), `decision: ${decided}`);
  });

  await check('assessment: admitting to IOP moves the episode to orientation', async () => {
    const admit = page.getByRole('form', { name: 'Admit to IOP' });
    await admit.waitFor();
    const tracks = admit.getByLabel('Track');
    const values = await tracks.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    if (values.length) await tracks.selectOption(values[0]);
    await admit.getByRole('button', { name: 'Admit to IOP' }).click();
    await page.getByTestId('outcome').getByText('Admitted to IOP').waitFor();
    await page.goto(clientUrl, { waitUntil: 'domcontentloaded' });
    const header = page.getByRole('region', { name: 'Client summary' });
    await header.getByText('Orientation').waitFor();
    const history = page.getByRole('table', { name: 'Assessment history' });
    await history.getByRole('link', { name: 'Initial assessment' }).first().waitFor();
  });

  if (fromInquiry.inquiryId) {
    await check('assessment: the admission settles the inquiry that started the journey (Admitted on its page)', async () => {
      await page.goto(`${baseUrl}/admissions/${fromInquiry.inquiryId}`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('inquiry-stage').getByText('Admitted').waitFor();
    });
  }
}
