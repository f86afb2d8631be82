// E2E journey for issue 5's Part 2 consents, run from run.mjs with the signed-in page (karen, program
// director: consents.read/write, disclosures.read/write). For a demo client in treatment: the consent wizard
// refuses to go on while an element is missing, then every 2.31 element is filled, the client draws a
// signature and the consent is active; the chart shows it with days left and the expiry banner, and the
// dashboard lists it; a release under it downloads a PDF, and the API preview carries the Part 2 notice;
// after revocation the same release is refused with the reason in plain words; the accounting of
// disclosures still lists the release and offers the client a PDF. Axe scans of the wizard, the consent,
// the release dialog and the accounting page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawSignature } from './signing.mjs';

function isoDate(daysFromNow) {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return d.toISOString().slice(0, 10);
}

const RECIPIENT = 'Jane Whitfield';

export async function run({ page, baseUrl, check, assert, axeScan, artifacts }) {
  let clientId = '';
  let clientName = '';
  let chartUrl = '';

  const consentsSection = () => page.getByRole('region', { name: 'Consents' });

  await check('consent: the wizard will not go on while an element is missing', async () => {
    const res = await page.request.get(`${baseUrl}/api/v1/clients?stage=treatment&limit=50`);
    assert(res.ok(), `GET /api/v1/clients?stage=treatment answered ${res.status()}`);
    const target = (await res.json()).items.find((c) => !c.voided);
    assert(target, 'no demo client in treatment');
    clientId = target.id;
    clientName = target.legal_name.family;
    chartUrl = `${baseUrl}/clients/${clientId}`;
    await page.goto(chartUrl, { waitUntil: 'domcontentloaded' });
    await consentsSection().getByRole('link', { name: 'New consent' }).click();
    await page.waitForURL(/\/consents\/new$/);
    await page.getByRole('heading', { level: 1, name: 'Consent to share information' }).waitFor();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('Fill in the marked fields to go on.').waitFor();
    await page.getByText('Choose the kind of consent').waitFor();
    await axeScan(page, 'consent wizard');
  });

  await check('consent: every 2.31 element, one step each, saved as a draft as it goes', async () => {
    const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
    const heading = (text) => page.getByRole('heading', { level: 2, name: new RegExp(text) }).waitFor();
    await page.getByRole('radio', { name: 'To a named person or organization' }).check();
    await next();
    await heading('What may be shared');
    await page.getByRole('checkbox', { name: 'Attendance' }).check();
    await page.getByRole('checkbox', { name: 'Progress in treatment' }).check();
    await page.getByLabel('Specific description of the information').fill('Attendance dates and a summary of progress in treatment');
    await next();
    await heading('Who may receive it');
    await page.getByRole('radio', { name: 'A named person' }).check();
    await page.getByLabel('Kind of recipient').selectOption('family');
    await page.getByLabel('Name of the person').fill(RECIPIENT);
    await page.getByLabel('Relationship to the client').fill('sister');
    await next();
    await heading('Why it is shared');
    await page.getByLabel('Purpose of sharing').selectOption('family_involvement');
    await page.getByLabel('Why, in plain words').fill('So my sister can help me keep my appointments');
    await next();
    await heading('How to take it back');
    await next();
    await heading('When it ends');
    await page.getByRole('radio', { name: 'On a date' }).check();
    await page.getByLabel('End date').fill(isoDate(20));
    await next();
    await heading('Plain-language summary and signature');
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();
    // The draft is on the server with what was typed.
    const list = await page.request.get(`${baseUrl}/api/v1/clients/${clientId}/consents`);
    const draft = (await list.json()).items.find((c) => c.status === 'draft' && c.recipient?.name === RECIPIENT);
    assert(draft, 'the draft was not saved');
    assert(draft.information.categories.includes('progress'), `the draft's categories are ${draft.information.categories}`);
  });

  await check('consent: the plain-language summary, then the client signs and the consent is active', async () => {
    const summary = page.getByTestId('plain-language');
    await page.waitForFunction(() => document.querySelector('[data-testid="plain-language"]')?.textContent?.includes('Whitfield'));
    assert((await summary.innerText()).includes('You allow'), `the summary reads: ${await summary.innerText()}`);
    const sign = page.getByRole('button', { name: 'Sign and activate' });
    assert(await sign.isDisabled(), 'the consent could be signed without a signature');
    await drawSignature(page, page.getByRole('img', { name: /Client signature: drawing area/ }));
    await page.getByTestId('signature-status').getByText('Signature drawn.').waitFor();
    await axeScan(page, 'consent signing step');
    await sign.click();
    await page.getByText('Consent signed and active').waitFor();
    await page.getByTestId('signature-view').waitFor();
    await axeScan(page, 'signed consent');
    const pdfHref = await page.getByRole('link', { name: 'PDF of the signed consent' }).getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${pdfHref}`);
    assert(pdf.ok(), `the consent PDF answered ${pdf.status()}`);
    assert((await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'the consent PDF is not a PDF');
  });

  await check('consent: the chart lists it active with days left, the banner warns it ends soon, and so does the dashboard', async () => {
    await page.goto(chartUrl, { waitUntil: 'domcontentloaded' });
    const row = consentsSection().getByRole('row', { name: new RegExp(RECIPIENT) });
    await row.getByText('Active').waitFor();
    await row.getByText(/(19|20) days left/).waitFor();
    await page.getByTestId('consent-expiry-banner').getByText(new RegExp(`share with ${RECIPIENT}`)).waitFor();
    await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
    const card = page.getByRole('region', { name: 'Consents ending soon' });
    await card.getByRole('cell', { name: new RegExp(RECIPIENT) }).first().waitFor();
    await page.goto(chartUrl, { waitUntil: 'domcontentloaded' });
  });

  await check('consent: a release under the consent downloads a PDF; the API preview carries the Part 2 notice', async () => {
    await consentsSection().getByRole('button', { name: 'Release information…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Release information' });
    await dialog.waitFor();
    const chosen = await dialog.getByLabel('Consent').inputValue();
    assert(chosen, 'no consent was preselected');
    await axeScan(page, 'release dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Release', exact: true }).click()]);
    const file = join(artifacts, 'consent-release.pdf');
    await download.saveAs(file);
    assert(readFileSync(file).subarray(0, 5).toString() === '%PDF-', 'the release is not a PDF');
    await dialog.getByText(/Released and recorded/).waitFor();
    await dialog.getByRole('radio', { name: 'Preview as data (API)' }).check();
    await dialog.getByRole('button', { name: 'Release', exact: true }).click();
    const preview = dialog.getByTestId('packet-preview');
    await preview.waitFor();
    const text = await preview.innerText();
    assert(/42 CFR part 2/i.test(text), `the API packet has no Part 2 notice: ${text.slice(0, 200)}`);
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();
    await consentsSection().getByRole('row', { name: new RegExp(RECIPIENT) }).getByRole('cell', { name: '2', exact: true }).waitFor();
  });

  await check('consent: after revocation the same release is refused, with the reason in plain words', async () => {
    await consentsSection().getByRole('row', { name: new RegExp(RECIPIENT) }).getByRole('button', { name: 'Revoke…' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke consent' });
    await revoke.getByRole('radio', { name: /In writing/ }).check();
    await revoke.getByLabel('Note').fill('Signed revocation letter scanned to the record');
    await axeScan(page, 'revoke dialog');
    await revoke.getByRole('button', { name: 'Revoke consent' }).click();
    await revoke.waitFor({ state: 'detached' });
    await consentsSection().getByRole('row', { name: new RegExp(RECIPIENT) }).getByText('Revoked').waitFor();
    await consentsSection().getByRole('button', { name: 'Release information…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Release information' });
    const consentSelect = dialog.getByLabel('Consent');
    const option = consentSelect.locator('option', { hasText: RECIPIENT });
    await consentSelect.selectOption(await option.first().getAttribute('value'));
    await dialog.getByRole('button', { name: 'Release', exact: true }).click();
    const refused = dialog.getByTestId('release-refused');
    await refused.waitFor();
    const text = await refused.innerText();
    assert(text.includes('The client revoked this consent'), `the refusal reads: ${text}`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  await check('consent: the accounting of disclosures still lists the releases, with a PDF for the client', async () => {
    await consentsSection().getByRole('link', { name: 'Accounting of disclosures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounting of disclosures' }).waitFor();
    const table = page.getByRole('table', { name: 'Disclosures' });
    await table.waitFor();
    const rows = table.locator('tbody tr', { hasText: RECIPIENT });
    assert((await rows.count()) >= 2, `expected 2 releases to ${RECIPIENT}, found ${await rows.count()}`);
    await rows.first().getByRole('link', { name: 'Consent (revoked now)' }).waitFor();
    await page.getByText('Last 6 years').click();
    await page.waitForFunction(() => document.querySelector('a[href*="report.pdf?years=6"]'));
    const href = await page.getByRole('link', { name: 'PDF for the client' }).getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    assert(pdf.ok(), `the accounting PDF answered ${pdf.status()}`);
    assert(/application\/pdf/.test(pdf.headers()['content-type'] ?? ''), `the accounting PDF is ${pdf.headers()['content-type']}`);
    await axeScan(page, 'accounting of disclosures');
    assert(!(page.url().includes(clientName)), 'the client name is in the URL');
  });
}
