// E2E journey for issue 6's treatment plans, run from run.mjs with the signed-in page (karen: program
// director and licensed therapist, plans.read/write). For a demo client in treatment (or orientation)
// without a plan: start the plan from the chart, write a goal in the client's words with a dated objective,
// add group therapy from the catalog and watch the planned hours and intensity checks follow, sign on the
// tablet (the client draws; the staff password ends tablet mode; the counselor types), see the version locked, record a review,
// start a new version with a reason, and find the client on the dashboard's plans-due card. Axe scans of
// the editor, the signing screen, the review form and the dashboard.

import { drawSignature, unlock } from './signing.mjs';

function isoDate(daysFromNow) {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export async function run({ page, baseUrl, check, assert, axeScan }) {
  let clientId = '';
  let planUrl = '';

  await check('plans: the dashboard is the home page and lists plans due (overdue first)', async () => {
    await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const card = page.getByRole('region', { name: 'Plans due' });
    await card.waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes('Loading plans due'));
    const flags = await card.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-overdue')));
    const firstUpcoming = flags.indexOf('false');
    assert(firstUpcoming < 0 || !flags.slice(firstUpcoming).includes('true'), `an overdue row follows an upcoming one: ${flags.join(',')}`);
    await axeScan(page, 'dashboard');
  });

  await check('plans: a client in treatment without a plan starts one from the chart', async () => {
    for (const stage of ['treatment', 'orientation']) {
      const res = await page.request.get(`${baseUrl}/api/v1/clients?stage=${stage}&limit=100`);
      assert(res.ok(), `GET /api/v1/clients?stage=${stage} answered ${res.status()}`);
      for (const c of (await res.json()).items) {
        if (c.voided) continue;
        const plans = await page.request.get(`${baseUrl}/api/v1/clients/${c.id}/plans`);
        if (plans.ok() && (await plans.json()).items.length === 0) {
          clientId = c.id;
          break;
        }
      }
      if (clientId) break;
    }
    assert(clientId, 'no demo client in treatment or orientation is without a plan');
    await page.goto(`${baseUrl}/clients/${clientId}`, { waitUntil: 'domcontentloaded' });
    const section = page.getByRole('region', { name: 'Treatment plan' });
    await section.getByRole('button', { name: 'Start treatment plan' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\/plans\/[0-9a-f-]{36}$/);
    planUrl = page.url();
    await page.getByRole('heading', { level: 1, name: 'Treatment plan' }).waitFor();
    await page.getByRole('region', { name: 'Planned intensity' }).waitFor();
  });

  await check('plans: goal, dated objective and group therapy autosave; the hours and intensity checks follow', async () => {
    // Problems come from the assessment (dimensions rated 2 or more); add one when there were none.
    if ((await page.getByRole('textbox', { name: /^Problem \d+ in dimension/ }).count()) === 0) {
      await page.getByRole('button', { name: 'Add problem (dimension 5)' }).click();
      await page.getByRole('textbox', { name: 'Problem 1 in dimension 5' }).fill('Drinks daily after work; cravings in the evening');
    }
    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByLabel('Goal 1, in the client’s own words', { exact: true }).fill('I want to stay sober so I can keep my job');
    await page.getByRole('button', { name: 'Add objective to goal 1' }).click();
    await page.getByLabel('Objective 1.1', { exact: true }).fill('Attend three groups a week for four weeks');
    await page.getByTestId('incomplete-rows').getByText('objective 1.1 needs a target date').waitFor();
    await page.getByLabel(/Target date for objective 1.1/).fill(isoDate(28));
    await page.getByLabel('How objective 1.1 is measured', { exact: true }).fill('attendance log');
    const before = Number(await page.getByTestId('hours-per-week').innerText());

    const picker = page.getByLabel('Intervention', { exact: true });
    const groupValue = await picker.locator('option').evaluateAll((os) => os.find((o) => /group therapy/i.test(o.textContent ?? ''))?.value ?? '');
    assert(groupValue, 'the catalog has no group therapy');
    await picker.selectOption(groupValue);
    await page.getByRole('button', { name: 'Add intervention' }).click();
    const n = await page.locator('[data-testid^="intervention-"]').count();
    await page.getByLabel(new RegExp(`^Topic \\(${n}\\)`)).fill('Relapse prevention');
    await page.getByLabel(new RegExp(`^Minutes each time \\(${n}\\)`)).fill('180');
    await page.getByLabel(new RegExp(`^How many times \\(${n}\\)`)).fill('3');
    await page.getByLabel(new RegExp(`^How often \\(${n}\\)`)).selectOption('week');
    await page.getByTestId(`intervention-${n}`).getByRole('checkbox', { name: /^1\.1 Attend three groups/ }).check();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="hours-per-week"]')?.textContent) >= b + 9,
      before,
    );
    await page.getByTestId('intensity-checks').locator('li').first().waitFor();
    await axeScan(page, 'plan editor');
    // Reloading shows what was saved.
    await page.reload({ waitUntil: 'domcontentloaded' });
    const goal = page.getByLabel('Goal 1, in the client’s own words', { exact: true });
    await goal.waitFor();
    assert((await goal.inputValue()) === 'I want to stay sober so I can keep my job', 'the goal was not saved');
  });

  await check('plans: signing on the tablet — the client draws and hands back (staff password), the counselor signs; the version is locked', async () => {
    await page.getByRole('button', { name: 'Sign with the client (tablet)' }).click();
    await page.waitForURL(/\/tablet\/plans\/[0-9a-f-]{36}\/versions\/1$/);
    assert((await page.getByRole('navigation', { name: 'Primary' }).count()) === 0, 'tablet mode shows the app navigation');
    const text = page.getByTestId('plan-text');
    await text.waitFor();
    assert((await text.innerText()).includes('I want to stay sober so I can keep my job'), 'the plan text lacks the goal');
    await axeScan(page, 'plan signing on the tablet');
    const pad = page.getByTestId('signature-client');
    await drawSignature(page, pad.locator('canvas'));
    await pad.getByText('Signature drawn.').waitFor();
    await page.getByRole('button', { name: 'Sign my plan' }).click();
    await page.getByRole('heading', { name: 'Signed — please hand the tablet back' }).waitFor();
    // Any staff page leads back to the tablet page until the staff password is given.
    await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/tablet\/plans\//);
    await page.getByRole('heading', { name: 'Signed — please hand the tablet back' }).waitFor();
    await page.getByRole('button', { name: 'Staff: continue' }).click();
    await unlock(page);
    await page.waitForURL((u) => u.toString().split('?')[0] === planUrl);
    await page.getByTestId('next-signer').getByText('Next: counselor signature').waitFor();

    await page.getByRole('button', { name: 'Sign as counselor' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign the treatment plan' });
    await dialog.getByTestId('plan-text').waitFor();
    const staff = dialog.getByTestId('signature-counselor');
    await staff.getByRole('button', { name: 'Type name instead' }).click();
    await staff.getByRole('checkbox', { name: /sign with this typed name/ }).check();
    await dialog.getByRole('button', { name: 'Sign as counselor' }).click();
    await dialog.getByText(/The plan is active and locked/).waitFor();
    await dialog.getByRole('button', { name: 'Back to the plan' }).click();
    await page.getByTestId('locked-notice').waitFor();
    assert(await page.getByLabel('Goal 1, in the client’s own words', { exact: true }).isDisabled(), 'the signed version is still editable');
    await page.getByRole('img', { name: /Drawn signature of/ }).waitFor();
    const pdf = await page.request.get(`${baseUrl}${await page.getByRole('link', { name: 'Plan PDF' }).getAttribute('href')}`);
    assert(pdf.ok(), `the plan PDF answered ${pdf.status()}`);
    assert(/application\/pdf/.test(pdf.headers()['content-type'] ?? ''), `the plan PDF is ${pdf.headers()['content-type']}`);
  });

  await check('plans: a review records progress, the client’s view and the level of care', async () => {
    await page.getByRole('link', { name: 'Record a review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan review' }).waitFor();
    await page.getByTestId('review-objective-1.1').getByRole('radio', { name: 'Progressing', exact: true }).check();
    await page.getByLabel(/How the client sees their progress/).fill('Groups help; evenings are still hard');
    await page.getByRole('radio', { name: 'Continue at this level' }).check();
    for (const d of [1, 2, 3, 4, 5, 6]) await page.getByTestId(`review-dimension-${d}`).getByRole('radio', { name: d === 5 ? '2 moderate' : '1 mild' }).check();
    await axeScan(page, 'plan review');
    await page.getByRole('button', { name: 'Record review' }).click();
    await page.waitForURL((u) => u.toString().split('?')[0] === planUrl);
    await page.getByText('Review recorded').waitFor();
    await page.getByTestId('review-item').first().waitFor();
  });

  await check('plans: a new version needs a reason and opens as a draft', async () => {
    await page.getByRole('button', { name: 'New version…' }).click();
    const form = page.getByRole('form', { name: 'New plan version' });
    await form.getByRole('button', { name: 'Start new version' }).click();
    await form.getByText('Give the reason for the new version').waitFor();
    await form.getByLabel(/Why does the plan change/).fill('Client starts a day job; moves to the evening track');
    await form.getByRole('button', { name: 'Start new version' }).click();
    await page.waitForURL(/\?version=2$/);
    await page.getByText(/version 2 · Client starts a day job/).waitFor();
    assert(!(await page.getByLabel('Goal 1, in the client’s own words', { exact: true }).isDisabled()), 'the new draft is not editable');
    await page.getByRole('button', { name: 'Show changes in 2' }).click();
    await page.getByText('No changes from version 1.').waitFor();
  });
}
