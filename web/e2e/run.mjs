// End-to-end test of the Stepwise web app in real Chromium (Debian's /usr/bin/chromium via playwright-core).
//
//   STEPWISE_URL=http://127.0.0.1:8080 node e2e/run.mjs
//
// Needs a running server with the demo data (`stepwise demo`), which includes a client named Maria Lopez.
// Prints one line per check and ends with "N passed, M failed"; exits non-zero when any check fails.
// Never downloads a browser. Set CHROMIUM to use another binary, E2E_SEARCH to search for another name.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const baseUrl = (process.env.STEPWISE_URL ?? '').replace(/\/+$/, '');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const searchName = process.env.E2E_SEARCH ?? 'Maria Lopez';
const [searchGiven, searchFamily] = [searchName.split(' ')[0], searchName.split(' ').slice(-1)[0]];
const TIMEOUT = 15_000;

if (!baseUrl) {
  console.error('STEPWISE_URL is not set (for example STEPWISE_URL=http://127.0.0.1:8080)');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

let passed = 0;
let failed = 0;
const failures = [];

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n     ') : String(e);
    failures.push(name);
    console.log(`FAIL ${name}\n     ${msg}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Runs axe (WCAG 2.x A/AA rules) and fails on serious or critical violations; prints the rest. */
async function axeScan(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of results.violations.filter((x) => !bad.includes(x))) {
    console.log(`     note (${label}): ${v.impact} ${v.id}: ${v.help} [${v.nodes.length} node(s)]`);
  }
  if (bad.length) {
    const lines = bad.map(
      (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
    );
    throw new Error(`${bad.length} serious/critical axe violation(s) on ${label}:\n${lines.join('\n')}`);
  }
}

/** Waits until the client table shows only rows for the searched family name and is not loading. */
async function searchSettled(page) {
  await page.waitForFunction(
    (family) => {
      const table = document.querySelector('main table');
      if (!table || table.getAttribute('aria-busy') === 'true') return false;
      const rows = [...table.querySelectorAll('tbody tr')];
      return rows.length > 0 && rows.every((r) => r.textContent.includes(family));
    },
    searchFamily,
    { timeout: TIMEOUT },
  );
}

mkdirSync(artifacts, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'stepwise-e2e-'));
let context;
const pageErrors = [];

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(err.message));

  let chartUrl = '';

  await check('client list loads', async () => {
    const res = await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    assert(res && res.ok(), `GET /clients answered ${res?.status()}`);
    await page.getByRole('heading', { level: 1, name: 'All clients' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    const rows = await page.locator('table tbody tr').count();
    assert(rows > 0, 'the client list shows no rows');
  });

  await check('shell has landmarks, skip link and care-stage navigation', async () => {
    assert((await page.locator('header').count()) > 0, 'no header landmark');
    assert((await page.locator('main#main').count()) === 1, 'no main landmark with id "main"');
    const nav = page.getByRole('navigation', { name: 'Primary' });
    for (const label of ['Intake', 'Assessment', 'Orientation', 'In treatment', 'Aftercare', 'Discharged', 'All clients', 'Staff', 'Program set-up']) {
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    }
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    assert(focused.includes('Skip to main content'), `first Tab focuses "${focused}", not the skip link`);
    const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    assert(box && box.y >= 0 && box.height > 0, 'the focused skip link is not visible');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert(outline && outline !== 'none', 'the focused skip link has no visible outline');
  });

  await check('accessibility scan of the client list (no serious or critical violations)', async () => {
    await axeScan(page, 'client list');
  });

  await check(`search finds ${searchName}`, async () => {
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(searchName);
    await page.waitForURL((u) => new URL(u).searchParams.get('q') === searchName);
    await searchSettled(page);
    const rows = await page.locator('table tbody tr').allInnerTexts();
    assert(rows.length >= 1, 'no result rows');
    assert(rows.every((r) => r.includes(searchFamily)), `rows not matching ${searchFamily}: ${rows.join(' | ')}`);
  });

  await check('stage filter narrows the list', async () => {
    await page.goto(`${baseUrl}/clients?stage=treatment`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: /In treatment/ }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    const stages = await page.locator('table tbody tr td:nth-child(4)').allInnerTexts();
    assert(stages.length > 0, 'no clients in treatment');
    assert(stages.every((s) => /treatment/i.test(s)), `rows not in treatment: ${stages.join(', ')}`);
  });

  await check('an unmatched search shows a clear empty state', async () => {
    await page.goto(`${baseUrl}/clients?q=Zzyzxqq`, { waitUntil: 'domcontentloaded' });
    await page.getByText('No clients match “Zzyzxqq”').waitFor();
  });

  await check(`opening ${searchName}'s chart shows the name in the header`, async () => {
    await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(searchName);
    await page.waitForURL((u) => new URL(u).searchParams.get('q') === searchName);
    await searchSettled(page);
    const link = page.locator('table tbody tr a', { hasText: searchFamily }).first();
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    chartUrl = page.url();
    const header = page.getByRole('region', { name: 'Client summary' });
    await header.getByRole('heading', { level: 1 }).waitFor();
    const text = await header.innerText();
    assert(text.includes(searchFamily), `chart header lacks "${searchFamily}": ${text}`);
    assert(text.includes(searchGiven), `chart header lacks "${searchGiven}": ${text}`);
    for (const label of ['Age', 'Pronouns', 'MRN', 'Stage', 'Track', 'Counselor']) {
      assert(text.toUpperCase().includes(label.toUpperCase()), `chart header lacks "${label}"`);
    }
  });

  await check('chart shows every section, later ones as "Not yet recorded"', async () => {
    for (const title of ['Demographics & contacts', 'Episodes of care', 'Assessment', 'Treatment plan', 'Sessions', 'Medication & testing', 'Recovery']) {
      await page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
    }
    const empties = await page.getByText('Not yet recorded', { exact: true }).count();
    assert(empties === 5, `expected 5 "Not yet recorded" sections, found ${empties}`);
    await page.locator('#episodes table tbody tr').first().waitFor();
  });

  await check('screenshot of the chart saved to e2e/artifacts/chart.png', async () => {
    await page.screenshot({ path: join(artifacts, 'chart.png'), fullPage: true });
  });

  await check('accessibility scan of the chart (no serious or critical violations)', async () => {
    await axeScan(page, 'chart');
  });

  await check('editing demographics saves with the record version', async () => {
    const phone = `555-01${String(Date.now() % 100).padStart(2, '0')}`;
    await page.getByRole('button', { name: 'Edit demographics' }).click();
    const form = page.getByRole('form', { name: 'Client demographics and contacts' });
    await form.getByLabel('Phone', { exact: true }).fill(phone);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('#demographics').getByText(phone).waitFor();
  });

  await check('a concurrent change gives "changed by someone else" and keeps the typed values', async () => {
    const id = chartUrl.split('/').pop();
    await page.getByRole('button', { name: 'Edit demographics' }).click();
    const form = page.getByRole('form', { name: 'Client demographics and contacts' });
    await form.getByLabel('Pronouns').fill('they/them');
    // Someone else saves the record meanwhile (straight through the API, as another browser would).
    const other = await page.request.get(`${baseUrl}/api/v1/clients/${id}`);
    const rec = await other.json();
    const body = {
      mrn: rec.mrn,
      legal_name: rec.legal_name,
      preferred_name: rec.preferred_name,
      pronouns: rec.pronouns,
      birth_date: rec.birth_date,
      sex_at_birth: rec.sex_at_birth || undefined,
      gender_identity: rec.gender_identity,
      phone: rec.phone,
      email: rec.email,
      address: rec.address,
      emergency_contact: rec.emergency_contact,
      identifiers: rec.identifiers,
    };
    body.email = 'changed.elsewhere@example.org';
    const put = await page.request.put(`${baseUrl}/api/v1/clients/${id}`, {
      data: body,
      headers: { 'If-Match': `"${rec.version}"` },
    });
    assert(put.ok(), `the concurrent PUT answered ${put.status()}`);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('This record was changed by someone else — reload').waitFor();
    assert((await form.getByLabel('Pronouns').inputValue()) === 'they/them', 'the typed pronouns were lost');
    await page.getByRole('button', { name: 'Reload latest version' }).click();
    await page.getByText('Loaded the latest version').waitFor();
    assert((await form.getByLabel('Pronouns').inputValue()) === 'they/them', 'the reload dropped the typed pronouns');
    assert(
      (await form.getByLabel('Email').inputValue()) === 'changed.elsewhere@example.org',
      'the reload did not bring in the other change',
    );
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.getByRole('region', { name: 'Client summary' }).getByText('they/them').waitFor();
  });

  await check('staff and program set-up pages load and pass the accessibility scan', async () => {
    await page.goto(`${baseUrl}/staff`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    await axeScan(page, 'staff list');
    await page.goto(`${baseUrl}/setup`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Program set-up' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Programs and tracks' }).waitFor();
    await page.getByText(/h\/week/).first().waitFor();
    await axeScan(page, 'program set-up');
  });

  await check('no uncaught errors in the page', async () => {
    assert(pageErrors.length === 0, pageErrors.join('\n'));
  });
} catch (e) {
  failed += 1;
  console.log(`FAIL browser session\n     ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) console.log(`failed checks: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
