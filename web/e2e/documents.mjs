// E2E journey for issue 5's orientation and signed documents, run from run.mjs with karen signed in (program
// director: documents.read/write, program.write). For the client the assessment journey admitted (stage
// orientation), or any demo client in orientation: tick the orientation items on the chart, see "Finalize
// admission" refused with what blocks it, sign the 42 CFR Part 2 notice on the tablet (server text, drawn
// signature, hand back with the staff password, delivery method), sign the other required documents with a
// typed name (a staff witness where the template asks for one), verify a document's hash and download its
// PDF, finalize the admission, edit a template (preview, new version), and see a signature on a version that
// changed meanwhile refused and explained. Axe scans of the chart sections, tablet signing and the admin page.

import { drawSignature, unlock } from './signing.mjs';

/**
 * After a failed check the device may still be locked to a tablet page, which would send every later check
 * there: leave tablet mode the way staff do, or, failing that, drop the lock (test clean-up only).
 */
async function ensureUnlocked(page) {
  const locked = await page.evaluate(() => sessionStorage.getItem('stepwise.tablet-lock')).catch(() => null);
  if (!locked) return;
  try {
    await page.getByRole('button', { name: /^Staff: (leave tablet mode|continue)$/ }).first().click({ timeout: 5000 });
    await unlock(page);
  } catch {
    // fall through
  }
  if (await page.evaluate(() => sessionStorage.getItem('stepwise.tablet-lock')).catch(() => null)) {
    await page.evaluate(() => sessionStorage.removeItem('stepwise.tablet-lock'));
    await page.reload({ waitUntil: 'domcontentloaded' });
  }
}

/** Signs with a typed name inside `scope` (a signature pad), by keyboard where it matters. */
async function typedSignature(scope, name) {
  // A pad already in typed mode (e.g. signing again after a refusal) keeps it.
  const toTyped = scope.getByRole('button', { name: 'Type name instead' });
  if (await toTyped.count()) await toTyped.click();
  const field = scope.getByLabel(/Full name of the signer/);
  if (!(await field.inputValue())) await field.fill(name);
  await scope.getByRole('checkbox', { name: /sign with this typed name/ }).check();
  await scope.getByText('Typed signature ready.').waitFor();
}

export async function run(ctx, fromInquiry = {}) {
  const { page } = ctx;
  try {
    await journey(ctx, fromInquiry);
  } finally {
    await ensureUnlocked(page);
  }
}

async function journey({ page, baseUrl, check: runCheck, assert, axeScan, artifacts }, fromInquiry) {
  // Each check starts unlocked and with no dialog open, so one failure does not spoil the later checks; a
  // failing check leaves a screenshot (e2e/artifacts/documents-failure-<n>.png).
  let failures = 0;
  const check = (name, fn) =>
    runCheck(name, async () => {
      await ensureUnlocked(page);
      if (await page.getByRole('dialog').count()) await page.keyboard.press('Escape');
      try {
        await fn();
      } catch (e) {
        failures += 1;
        await page.screenshot({ path: `${artifacts}/documents-failure-${failures}.png`, fullPage: true }).catch(() => {});
        throw e;
      }
    });
  let clientId = '';
  let clientUrl = '';
  const api = async (path) => {
    const res = await page.request.get(`${baseUrl}/api/v1${path}`);
    assert(res.ok(), `GET ${path} answered ${res.status()}`);
    return res.json();
  };
  const orientationSection = () => page.getByRole('region', { name: 'Orientation' });

  /** From the chart: signs one document item on the tablet; the client types, staff finish as asked. */
  async function signOnTablet(label, { draw = false } = {}) {
    await orientationSection().getByRole('button', { name: `Sign on tablet: ${label}` }).click();
    await page.waitForURL(/\/tablet\/documents\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    await page.getByTestId('document-text').waitFor();
    const pad = page.getByTestId(/^signature-(client|guardian)$/);
    if (draw) {
      await drawSignature(page, pad.locator('canvas'));
      await pad.getByText('Signature drawn.').waitFor();
    } else {
      await typedSignature(pad, 'Test Client');
    }
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const handback = page.getByRole('heading', { name: 'Thank you — please hand the tablet back' });
    const done = page.getByRole('heading', { name: 'Signed — please hand the tablet back' });
    await Promise.race([handback.waitFor(), done.waitFor()]);
    if (await done.isVisible()) {
      await page.getByRole('button', { name: 'Staff: leave tablet mode' }).click();
      await unlock(page);
    } else {
      await page.getByRole('button', { name: 'Staff: continue' }).click();
      await unlock(page);
      await page.getByRole('heading', { level: 1, name: /^Finish:/ }).waitFor();
      const witness = page.getByTestId('signature-witness');
      if (await witness.count()) await typedSignature(witness, 'Karen Olson');
      await page.getByRole('button', { name: 'Save signed document' }).click();
    }
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}(#.*)?$/);
    await orientationSection().getByRole('list', { name: 'Orientation checklist' }).waitFor();
  }

  await check('documents: the chart of a client in orientation shows the orientation checklist with what is still open', async () => {
    if (fromInquiry.clientId) {
      clientId = fromInquiry.clientId;
    } else {
      const { items } = await api('/clients?stage=orientation&limit=50');
      const target = items.find((c) => !c.voided);
      assert(target, 'no demo client in orientation');
      clientId = target.id;
    }
    clientUrl = `${baseUrl}/clients/${clientId}`;
    await page.goto(`${clientUrl}#orientation`, { waitUntil: 'domcontentloaded' });
    await orientationSection().getByRole('list', { name: 'Orientation checklist' }).waitFor();
    await page.getByTestId('orientation-readiness').getByText(/Still open before the admission can be finalized/).waitFor();
    await page.getByRole('region', { name: 'Documents' }).waitFor();
    await axeScan(page, 'chart with orientation and documents');
  });

  await check('documents: staff tick the orientation items, and each shows who did it and when', async () => {
    const status = await api(`/clients/${clientId}/orientation`);
    const open = status.items.filter((i) => !i.document_kind && !i.done);
    assert(open.length > 0 || status.items.some((i) => !i.document_kind), 'the checklist has no items staff tick off');
    for (const item of open) {
      await orientationSection().getByRole('checkbox', { name: item.label, exact: true }).check();
      await page.getByTestId(`orientation-${item.code}`).getByText(/Done by .+ on /).waitFor();
    }
    const after = await api(`/clients/${clientId}/orientation`);
    const stillOpen = after.items.filter((i) => !i.document_kind && !i.done).map((i) => i.code);
    assert(stillOpen.length === 0, `items still open after ticking: ${stillOpen.join(', ')}`);
  });

  await check('documents: "Finalize admission" is refused while the Part 2 notice is not signed, and says so', async () => {
    await orientationSection().getByRole('button', { name: 'Finalize admission' }).click();
    const blockers = page.getByTestId('finalize-blockers');
    await blockers.waitFor();
    const text = await blockers.innerText();
    assert(/Part 2/i.test(text), `the blockers do not name the Part 2 notice: ${text}`);
    const { current_episode: ep } = await api(`/clients/${clientId}`);
    assert(ep?.stage === 'orientation', `the episode moved to ${ep?.stage}`);
  });

  await check('documents: the Part 2 notice is signed on the tablet — server text, drawn signature, hand back, delivery method', async () => {
    const status = await api(`/clients/${clientId}/orientation`);
    const notice = status.items.find((i) => i.document_kind === 'part2_notice');
    assert(notice, 'the checklist has no Part 2 notice item');
    await orientationSection().getByRole('button', { name: `Sign on tablet: ${notice.label}` }).click();
    await page.waitForURL(/\/tablet\/documents\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const tabletUrl = page.url();
    const text = await page.getByTestId('document-text').innerText();
    assert(/42 CFR Part 2/.test(text), 'the document text does not mention 42 CFR Part 2');
    assert((await page.getByRole('navigation').count()) === 0, 'tablet signing shows navigation');
    await axeScan(page, 'tablet signing');
    // While locked, a staff address leads back to the document.
    await page.goto(clientUrl, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(tabletUrl);
    const pad = page.getByTestId('signature-client');
    const sign = page.getByRole('button', { name: 'Sign', exact: true });
    assert(await sign.isDisabled(), 'Sign is enabled before anything was signed');
    await drawSignature(page, pad.locator('canvas'));
    await pad.getByText('Signature drawn.').waitFor();
    await sign.click();
    await page.getByRole('heading', { name: 'Thank you — please hand the tablet back' }).waitFor();
    await axeScan(page, 'tablet signing hand-back');
    await page.getByRole('button', { name: 'Staff: continue' }).click();
    await unlock(page);
    await page.getByRole('heading', { level: 1, name: /^Finish:/ }).waitFor();
    await page.getByRole('radio', { name: /^In person/ }).check();
    await axeScan(page, 'tablet signing staff step');
    await page.getByRole('button', { name: 'Save signed document' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}(#.*)?$/);
    await page.getByTestId('orientation-part2_notice').getByText('Signed', { exact: true }).waitFor();
    const docs = await api(`/clients/${clientId}/documents`);
    const signed = docs.items.find((d) => d.kind === 'part2_notice');
    assert(signed, 'no signed Part 2 notice');
    assert(signed.delivery_method === 'in_person', `delivery method ${signed.delivery_method}`);
    assert(/^[0-9a-f]{64}$/.test(signed.content_sha256), `hash ${signed.content_sha256}`);
    assert(signed.signatures[0]?.method === 'drawn' && signed.signatures[0].image.strokes.length > 0, 'the drawn strokes were not stored');
  });

  await check('documents: the other required documents are signed with a typed name (with a staff witness where required)', async () => {
    const status = await api(`/clients/${clientId}/orientation`);
    const docs = status.items.filter((i) => i.document_kind && i.required && !i.done);
    for (const item of docs) {
      await signOnTablet(item.label);
      await page.getByTestId(`orientation-${item.code}`).getByText('Signed', { exact: true }).waitFor();
    }
    const after = await api(`/clients/${clientId}/orientation`);
    assert(after.ready, `still blocking: ${after.blocking.join(', ')}`);
  });

  await check('documents: the Documents section verifies the hash and the PDF downloads', async () => {
    const section = page.getByRole('region', { name: 'Documents' });
    await page.reload({ waitUntil: 'domcontentloaded' });
    const table = section.getByRole('table', { name: 'Signed documents' });
    await table.waitFor();
    const verify = table.getByRole('button', { name: /^Verify .*Part 2/ }).first();
    await verify.click();
    await table.getByText('Unchanged').first().waitFor();
    const href = await table.getByRole('link', { name: /^PDF of .*Part 2/ }).first().getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    assert(pdf.ok(), `the PDF answered ${pdf.status()}`);
    assert(/application\/pdf/.test(pdf.headers()['content-type'] ?? ''), `the PDF is ${pdf.headers()['content-type']}`);
    assert((await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'the PDF does not start with %PDF-');
    await section.getByRole('button', { name: /Part 2/ }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('img', { name: /^Drawn signature of/ }).waitFor();
    await axeScan(page, 'signed document details');
    await page.keyboard.press('Escape');
  });

  await check('documents: finalizing the admission moves the client to treatment', async () => {
    await orientationSection().getByRole('button', { name: 'Finalize admission' }).click();
    await page.getByText('The client is now in treatment.').waitFor();
    const { current_episode: ep } = await api(`/clients/${clientId}`);
    assert(ep?.stage === 'treatment', `the episode is at ${ep?.stage}`);
  });

  await check('documents: an administrator edits a template with a preview and saves a new version', async () => {
    await page.goto(`${baseUrl}/setup/documents`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Documents and orientation' }).waitFor();
    const table = page.getByRole('table', { name: 'Document templates' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'Program rules' }).first();
    const before = Number(await row.getByRole('cell').nth(2).innerText());
    await row.getByRole('button').first().click();
    const form = page.getByRole('form', { name: /^Edit / });
    const body = form.getByLabel(/^Body/);
    await body.fill(`${await body.inputValue()}\n\n# Phones\nPhones stay off during groups at {{program_name}}.`);
    await form.getByTestId('template-preview').getByText(/Phones stay off during groups at (?!\{\{)/).waitFor();
    await axeScan(page, 'document template admin');
    await form.getByRole('button', { name: `Save as version ${before + 1}` }).click();
    await page.getByText(`is now version ${before + 1}.`).waitFor();
    await page.getByRole('form', { name: 'Orientation checklist items' }).waitFor();
  });

  await check('documents: a signature on a version that changed meanwhile is refused (409) and explained; the new version is signed', async () => {
    const { items } = await api('/document-templates');
    const rules = items.find((t) => t.kind === 'program_rules' && t.active);
    assert(rules, 'no program rules template');
    await page.goto(`${clientUrl}#documents`, { waitUntil: 'domcontentloaded' });
    const section = page.getByRole('region', { name: 'Documents' });
    await section.getByLabel('Sign a document').selectOption(rules.id);
    await section.getByRole('button', { name: 'Hand the tablet to the client' }).click();
    await page.getByTestId('document-text').waitFor();
    // Someone saves a new version of the template while the client reads.
    const session = await (await page.request.get(`${baseUrl}/api/v1/session`)).json();
    const put = await page.request.put(`${baseUrl}/api/v1/document-templates/${rules.id}`, {
      data: { title: rules.title, body: `${rules.body}\n\nA sentence added while the client was reading.`, requires_witness: rules.requires_witness, active: true },
      headers: { 'If-Match': `"${rules.version}"`, 'X-CSRF-Token': session.csrf_token, Origin: baseUrl },
    });
    assert(put.ok(), `the concurrent template PUT answered ${put.status()}`);
    const pad = page.getByTestId('signature-client');
    await typedSignature(pad, 'Test Client');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const stale = page.getByRole('alert').filter({ hasText: 'The document changed — nothing was signed' });
    await stale.waitFor();
    await stale.getByRole('button', { name: 'Show the new version' }).click();
    await page.getByTestId('document-text').getByText(/A sentence added while the client was reading/).waitFor();
    await typedSignature(page.getByTestId('signature-client'), 'Test Client');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByRole('heading', { name: /please hand the tablet back/ }).waitFor();
    if (await page.getByRole('button', { name: 'Staff: continue' }).count()) {
      await page.getByRole('button', { name: 'Staff: continue' }).click();
      await unlock(page);
      await page.getByRole('button', { name: 'Save signed document' }).click();
    } else {
      await page.getByRole('button', { name: 'Staff: leave tablet mode' }).click();
      await unlock(page);
    }
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}(#.*)?$/);
    const docs = await api(`/clients/${clientId}/documents`);
    const signedRules = docs.items.filter((d) => d.kind === 'program_rules');
    assert(signedRules.length === 1, `expected one signed program rules document, found ${signedRules.length}`);
    assert(signedRules[0].text.includes('A sentence added while the client was reading'), 'the signed text is not the new version');
  });
}
