// End-to-end test of the Stepwise web app in real Chromium (Debian's /usr/bin/chromium via playwright-core).
//
//   STEPWISE_URL=http://127.0.0.1:8080 node e2e/run.mjs
//
// Needs a running server with the demo data (`stepwise demo`), which includes a client named Maria Lopez
// and the demo sign-ins (password `northstar-demo-pass`; karen, linda and julia have TOTP pre-enrolled with
// the published demo secret). Signs in with username, password and a TOTP code computed here (RFC 6238,
// node:crypto), runs the checks signed in, and checks that signing out leaves nothing behind.
// Prints one line per check and ends with "N passed, M failed"; exits non-zero when any check fails.
// Never downloads a browser. Set CHROMIUM to use another binary, E2E_SEARCH to search for another name.
import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, request as apiRequest } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const baseUrl = (process.env.STEPWISE_URL ?? '').replace(/\/+$/, '');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const searchName = process.env.E2E_SEARCH ?? 'Maria Lopez';
const [searchGiven, searchFamily] = [searchName.split(' ')[0], searchName.split(' ').slice(-1)[0]];
const TIMEOUT = 15_000;
const PASSWORD = process.env.E2E_PASSWORD ?? 'northstar-demo-pass';
const TOTP_SECRET = process.env.E2E_TOTP_SECRET ?? 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

if (!baseUrl) {
  console.error('STEPWISE_URL is not set (for example STEPWISE_URL=http://127.0.0.1:8080)');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

let passed = 0;
let failed = 0;
const failures = [];

/** The page a failing check photographs (set once the browser is up). */
let currentPage = null;

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
    if (currentPage) {
      const shot = join(artifacts, `failure-${failures.length}.png`);
      await currentPage.screenshot({ path: shot, fullPage: true }).catch(() => {});
      console.log(`     screenshot: ${shot}`);
    }
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
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .join(' | ')}`,
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


// ---- TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) ----

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', key).update(msg).digest();
  const offset = h[h.length - 1] & 0x0f;
  const code = (h.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
}

// RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits). Guards the code generator itself.
if (hotp(Buffer.from('12345678901234567890'), Math.floor(59 / 30), 8) !== '94287082') {
  console.log('FAIL the TOTP generator does not match RFC 6238');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const usedSteps = new Map();
/**
 * A code for `secret` that this user has not used yet: the server refuses a code a second time, so wait
 * for the next 30-second step when needed (and when fewer than 3 s of the current one are left).
 */
async function freshTotp(user, secret) {
  for (;;) {
    const now = Date.now() / 1000;
    const step = Math.floor(now / 30);
    const left = 30 - (now % 30);
    if (usedSteps.get(user) !== step && left > 3) {
      usedSteps.set(user, step);
      return hotp(base32Decode(secret), step);
    }
    await new Promise((r) => setTimeout(r, (left + 0.2) * 1000));
  }
}

/** Fills the sign-in form (on the page or in the re-sign-in dialog) and, when asked, the TOTP code. */
async function signIn(page, username, { totp = false, within = page, screens } = {}) {
  const form = within;
  const user = form.getByLabel(/^Username/);
  await user.waitFor();
  await user.fill(username);
  await form.getByLabel(/^Password/).fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  if (totp) {
    await form.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    if (screens?.onMfa) await screens.onMfa();
    await form.getByLabel(/6-digit code/).fill(await freshTotp(username, TOTP_SECRET));
    await form.getByRole('button', { name: 'Verify', exact: true }).click();
  }
}

async function signOut(page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

/** What the browser keeps for the origin: web storage, IndexedDB databases and Cache Storage entries. */
async function browserStorage(page) {
  return page.evaluate(async () => {
    const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
    const cacheKeys = typeof caches !== 'undefined' ? await caches.keys() : [];
    return { local: localStorage.length, session: sessionStorage.length, dbs, cacheKeys };
  });
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
  currentPage = page;
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // The strict CSP (no inline styles without the page's nonce) must not block anything the app does.
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) pageErrors.push(`CSP: ${msg.text()}`);
  });

  let chartUrl = '';

  await check('signed out, the app shows the sign-in page, which passes the accessibility scan', async () => {
    const res = await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    assert(res && res.ok(), `GET /clients answered ${res?.status()}`);
    const csp = res.headers()['content-security-policy'] ?? '';
    assert(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), `the CSP is not strict: ${csp}`);
    assert(/style-src 'self' 'nonce-[0-9a-f]{32}'/.test(csp), `the page's CSP has no style nonce: ${csp}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const user = page.getByLabel(/^Username/);
    assert((await user.getAttribute('autocomplete')) === 'username', 'the username field lacks autocomplete=username');
    assert(
      (await page.getByLabel(/^Password/).getAttribute('autocomplete')) === 'current-password',
      'the password field lacks autocomplete=current-password',
    );
    assert(await user.evaluate((el) => el === document.activeElement), 'the username field is not focused');
    await axeScan(page, 'sign-in page');
  });

  await check('a wrong password gets one generic message', async () => {
    await page.getByLabel(/^Username/).fill('karen');
    await page.getByLabel(/^Password/).fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('The username or password is not correct.').waitFor();
  });

  await check('karen signs in with password and TOTP (the MFA page passes the accessibility scan)', async () => {
    await signIn(page, 'karen', {
      totp: true,
      screens: {
        onMfa: async () => {
          const code = page.getByLabel(/6-digit code/);
          assert((await code.getAttribute('autocomplete')) === 'one-time-code', 'the code field lacks autocomplete=one-time-code');
          await axeScan(page, 'MFA code page');
        },
      },
    });
    await page.getByRole('heading', { level: 1, name: 'All clients' }).waitFor();
  });

  await check('the session cookie is HttpOnly and SameSite=Strict, and no script can read it', async () => {
    const cookies = await context.cookies(baseUrl);
    const session = cookies.find((c) => /stepwise/i.test(c.name));
    assert(session, `no session cookie; cookies: ${cookies.map((c) => c.name).join(', ') || 'none'}`);
    assert(session.httpOnly, `${session.name} is not HttpOnly`);
    assert(session.sameSite === 'Strict', `${session.name} has SameSite=${session.sameSite}`);
    assert(session.path === '/', `${session.name} has Path=${session.path}`);
    const visible = await page.evaluate(() => document.cookie);
    assert(!visible.includes(session.value), 'the session id is readable from document.cookie');
  });

  await check('client list loads', async () => {
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
    await searchSettled(page);
    assert(!decodeURIComponent(page.url()).includes(searchFamily), `the search text is in the URL: ${page.url()}`);
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
    await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('searchbox', { name: 'Search clients' }).fill('Zzyzxqq');
    await page.getByText('No clients match “Zzyzxqq”').waitFor();
  });

  let otherChartUrl = '';
  await check('the program-wide list has clients of other counselors (for the emergency-access check)', async () => {
    const res = await page.request.get(`${baseUrl}/api/v1/clients?limit=200`);
    assert(res.ok(), `GET /api/v1/clients answered ${res.status()}`);
    const { items } = await res.json();
    // Not hers, and not on the morning track, whose process group she facilitates (her caseload too).
    const other = items.find(
      (c) => c.counselor_name && !c.counselor_name.includes('Priya') && c.stage !== 'discharged' && c.track_name !== 'Morning track',
    );
    assert(other, 'every client is in priya’s caseload');
    otherChartUrl = `${baseUrl}/clients/${other.id}`;
  });

  await check(`opening ${searchName}'s chart shows the name in the header`, async () => {
    await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(searchName);
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
    for (const title of ['Demographics & contacts', 'Episodes of care', 'Assessment', 'Treatment plan', 'Sessions', 'Medications', 'Drug testing', 'Recovery']) {
      await page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
    }
    const empties = await page.getByText('Not yet recorded', { exact: true }).count();
    assert(empties === 1, `expected 1 "Not yet recorded" section (Recovery), found ${empties}`);
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
    const sessionRes = await page.request.get(`${baseUrl}/api/v1/session`);
    assert(sessionRes.ok(), `GET /api/v1/session answered ${sessionRes.status()}`);
    const { csrf_token: csrf } = await sessionRes.json();
    const put = await page.request.put(`${baseUrl}/api/v1/clients/${id}`, {
      data: body,
      headers: { 'If-Match': `"${rec.version}"`, 'X-CSRF-Token': csrf, Origin: baseUrl },
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

  // Issue 4 journeys, one module each (web/e2e/<name>.mjs), with karen signed in on this page.
  const ctx = { page, context, baseUrl, check, assert, axeScan, signIn, signOut, freshTotp, artifacts };
  // One journey: the call recorded by the intake specialist becomes the client assessed and admitted.
  const fromInquiry = await (await import('./inquiries.mjs')).run(ctx);
  await (await import('./assessment.mjs')).run(ctx, fromInquiry);
  // Issue 5: the admitted client is oriented, signs the Part 2 notice on the tablet, and the admission is finalized.
  await (await import('./documents.mjs')).run(ctx, fromInquiry);
  await (await import('./plans.mjs')).run(ctx);
  await (await import('./consent.mjs')).run(ctx);
  await (await import('./amendments.mjs')).run(ctx);
  // Issue 7: set a client's availability, run the optimizer for next week, accept, see the client's week.
  await (await import('./schedule.mjs')).run(ctx);
  // Issue 8: roll call and batch notes for a full group, signed, and the attendee's chart.
  await (await import('./sessions.mjs')).run(ctx);
  // Issue 9: a collection, a cup result with an unexpected positive, the warning on the client's testing state.
  await (await import('./testing.mjs')).run(ctx);

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


  await check('my account page loads and passes the accessibility scan', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    const sessions = page.getByRole('region', { name: 'My sessions' });
    await sessions.getByText('This session').waitFor();
    await axeScan(page, 'my account');
  });

  await check('an API token is shown once', async () => {
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByRole('button', { name: 'New token' }).click();
    await tokens.getByLabel('Name', { exact: false }).first().fill('e2e script');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const shown = await tokens.getByTestId('new-token').innerText();
    assert(/^swt_/.test(shown.trim()), `the new token does not look like a token: ${shown}`);
    await tokens.getByText('You will not see it again').waitFor();
    await tokens.getByRole('button', { name: 'I have copied it' }).click();
    await tokens.getByRole('cell', { name: 'e2e script', exact: true }).waitFor();
    assert(!(await page.content()).includes(shown.trim()), 'the token is still on the page');
    // The token alone (no cookie) works for the API.
    const api = await apiRequest.newContext();
    try {
      const clients = await api.get(`${baseUrl}/api/v1/clients?limit=1`, { headers: { Authorization: `Bearer ${shown.trim()}` } });
      assert(clients.ok(), `a request with the new token answered ${clients.status()}`);
    } finally {
      await api.dispose();
    }
  });

  await check('after the session ends, signing in again over the page keeps a half-filled form', async () => {
    await page.goto(`${baseUrl}/clients/new`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByLabel('Legal given name').fill('Resume');
    await page.getByLabel('Legal family name').fill('Testcase');
    await page.getByLabel('Date of birth').fill('1990-05-06');
    // The server forgets the session (as after the idle timeout): end it through the API.
    const sessionRes = await page.request.get(`${baseUrl}/api/v1/session`);
    const { csrf_token: csrf } = await sessionRes.json();
    const del = await page.request.delete(`${baseUrl}/api/v1/session`, { headers: { 'X-CSRF-Token': csrf, Origin: baseUrl } });
    assert(del.status() === 204, `DELETE /api/v1/session answered ${del.status()}`);
    await page.getByRole('button', { name: 'Register client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    assert((await page.getByLabel('Legal given name').inputValue()) === 'Resume', 'the typed given name was lost');
    assert((await dialog.getByLabel(/^Username/).inputValue()) === 'karen', 'the dialog does not name the user');
    await signIn(page, 'karen', { totp: true, within: dialog });
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const header = page.getByRole('region', { name: 'Client summary' });
    await header.getByText('Testcase').waitFor();
  });

  await check('signing out leaves no data in the browser, and going back shows the sign-in page', async () => {
    await page.goto(chartUrl, { waitUntil: 'domcontentloaded' });
    await page.getByRole('region', { name: 'Client summary' }).waitFor();
    await signOut(page);
    const left = await browserStorage(page);
    assert(left.local === 0, `localStorage holds ${left.local} item(s)`);
    assert(left.session === 0, `sessionStorage holds ${left.session} item(s)`);
    assert(left.dbs.length === 0, `IndexedDB holds ${left.dbs.join(', ')}`);
    assert(left.cacheKeys.length === 0, `Cache Storage holds ${left.cacheKeys.join(', ')}`);
    assert(!(await page.content()).includes(searchFamily), `the page still shows "${searchFamily}"`);
    await page.goBack({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert((await page.getByRole('region', { name: 'Client summary' }).count()) === 0, 'the chart is still shown');
    await page.goto(chartUrl, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const old = await page.request.get(`${baseUrl}/api/v1/session`);
    assert(old.status() === 401, `GET /api/v1/session after sign-out answered ${old.status()}`);
  });

  await check('a counselor (priya) sees only her caseload', async () => {
    await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    await signIn(page, 'priya');
    await page.getByRole('heading', { level: 1, name: 'All clients' }).waitFor();
    await page.waitForFunction(() => {
      const t = document.querySelector('main table');
      return (t && t.getAttribute('aria-busy') !== 'true') || document.body.innerText.includes('No clients');
    });
    // Her clients, and the morning track's: she facilitates its process group.
    const counselors = await page.locator('main table tbody tr td:nth-child(6)').allInnerTexts();
    const tracks = await page.locator('main table tbody tr td:nth-child(5)').allInnerTexts();
    const outside = counselors.filter((c, i) => !c.includes('Priya') && !tracks[i]?.includes('Morning track'));
    assert(outside.length === 0, `clients outside her caseload are listed: ${[...new Set(outside)].join(', ')}`);
    const nav = page.getByRole('navigation', { name: 'Primary' });
    assert((await nav.getByRole('link', { name: 'Users and roles' }).count()) === 0, 'a counselor sees user administration');
    assert((await nav.getByRole('link', { name: 'Audit trail' }).count()) === 0, 'a counselor sees the audit trail');
    await page.goto(chartUrl, { waitUntil: 'domcontentloaded' });
    await Promise.race([
      page.getByRole('heading', { level: 1, name: 'Client not found' }).waitFor(),
      page.getByRole('region', { name: 'Client summary' }).waitFor(),
    ]);
    await signOut(page);
  });

  await check('linda (administrator) designates priya for emergency access; users, roles and audit pages pass the accessibility scan', async () => {
    await page.goto(`${baseUrl}/users`, { waitUntil: 'domcontentloaded' });
    await signIn(page, 'linda', { totp: true });
    await page.getByRole('heading', { level: 1, name: 'Users and roles' }).waitFor();
    await page.getByTestId('role-matrix').waitFor();
    await axeScan(page, 'users and roles');
    await page.getByRole('link', { name: 'priya', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'priya' }).waitFor();
    const emergency = page.getByRole('checkbox', { name: /May use emergency access/ });
    if (!(await emergency.isChecked())) await emergency.check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await axeScan(page, 'user edit');

    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByTestId('audit-table').waitFor();
    const time = page.getByRole('columnheader', { name: /Time/ });
    assert((await time.getAttribute('aria-sort')) === 'descending', 'time is not sorted newest first');
    await page.getByRole('button', { name: 'Action', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"]')?.textContent?.includes('Action'));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('The audit trail is intact').waitFor();
    await axeScan(page, 'audit trail');
    const csvHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await page.request.get(`${baseUrl}${csvHref}`);
    assert(csv.ok(), `the CSV export answered ${csv.status()}`);
    assert(/text\/csv/.test(csv.headers()['content-type'] ?? ''), `the CSV export is ${csv.headers()['content-type']}`);
    await signOut(page);
  });

  await check('priya must now set up two-step sign-in: QR code, key, code, recovery codes', async () => {
    await page.goto(`${baseUrl}/clients`, { waitUntil: 'domcontentloaded' });
    await signIn(page, 'priya');
    await page.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' }).waitFor();
    await page.getByRole('button', { name: 'Begin set-up' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await axeScan(page, 'MFA enrolment');
    const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
    assert(/^[A-Z2-7]{16,}$/.test(secret), `the key does not look like base32: ${secret}`);
    await page.getByLabel(/6-digit code from the app/).fill(await freshTotp('priya', secret));
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    assert((await codes.count()) === 10, `expected 10 recovery codes, found ${await codes.count()}`);
    await page.getByLabel('I have saved my recovery codes').check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'All clients' }).waitFor();
  });

  await check('emergency access: priya opens a chart outside her caseload with a written reason, and sees the banner', async () => {
    assert(otherChartUrl, 'no client outside priya’s caseload was found');
    await page.goto(otherChartUrl, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Client not found' }).waitFor();
    await page.getByRole('button', { name: 'Emergency access' }).click();
    const dialog = page.getByRole('dialog', { name: 'Emergency access' });
    await dialog.getByLabel(/^Reason/).fill('too short');
    await dialog.getByRole('button', { name: 'Open the record' }).click();
    await dialog.getByText(/Write at least 10 characters/).waitFor();
    await dialog.getByLabel(/^Reason/).fill('Client collapsed in group; need allergies and medications');
    await dialog.getByRole('button', { name: 'Open the record' }).click();
    await page.getByRole('region', { name: 'Client summary' }).waitFor();
    await page.getByTestId('emergency-banner').waitFor();
    await axeScan(page, 'chart under emergency access');
    await signOut(page);
  });

  await check('linda (privacy officer) sees the emergency-access alert and acknowledges it', async () => {
    await page.goto(`${baseUrl}/alerts`, { waitUntil: 'domcontentloaded' });
    await signIn(page, 'linda', { totp: true });
    await page.getByRole('heading', { level: 1, name: 'Privacy alerts' }).waitFor();
    await page.getByText(/priya opened a client record through emergency access/).first().waitFor();
    await axeScan(page, 'privacy alerts');
    const before = await page.getByRole('button', { name: 'Acknowledge' }).count();
    await page.getByRole('button', { name: 'Acknowledge' }).first().click();
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('main button')].filter((b) => b.textContent?.trim() === 'Acknowledge').length < n,
      before,
    );
    await signOut(page);
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
