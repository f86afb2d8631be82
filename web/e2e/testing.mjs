// E2E journey for issue 9's drug testing, run from run.mjs with the signed-in page (karen: program director,
// testing.read/write/review/decide). A client in treatment with no step on the consequences ladder is chosen
// through the API; in the browser: the testing board (axe), a collection recorded on the tablet form (from the
// board when the client is selected today, otherwise "Record a collection" on the chart) (axe on the dialog),
// a cup result with one unexpected positive (cocaine) entered with the toggles (axe), the warning shown on
// saving, and the client's chart showing step 1, a warning, with the result as its evidence (axe).

async function getJson(page, url) {
  const res = await page.request.get(url);
  if (!res.ok()) throw new Error(`GET ${url} answered ${res.status()}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

export async function run({ page, baseUrl, check, assert, axeScan }) {
  const api = `${baseUrl}/api/v1`;
  let client = null;
  let collectionUrl = '';

  await check('testing: set-up — a client in treatment with no step on the testing ladder (today’s board first)', async () => {
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const board = await getJson(page, `${api}/testing/board?date=${iso}`);
    const onBoard = board.selected.filter((e) => e.status === 'to_collect').map((e) => e.client_id);
    const list = await getJson(page, `${api}/clients?stage=treatment&limit=50`);
    const candidates = [...list.items].sort((a, b) => Number(onBoard.includes(b.id)) - Number(onBoard.includes(a.id)));
    for (const c of candidates) {
      const state = await getJson(page, `${api}/clients/${c.id}/testing-state`);
      if (state.step === 0 && !state.open_review) {
        client = c;
        break;
      }
    }
    assert(client, 'no client in treatment without a testing step');
  });
  if (!client) return;
  const name = client.display_name ?? `${client.legal_name.given} ${client.legal_name.family}`;

  await check('testing: the board lists the day and passes the accessibility scan', async () => {
    await page.goto(`${baseUrl}/testing`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Testing board' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Selected today/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Pending results/ }).waitFor();
    await axeScan(page, 'testing board');
  });

  await check('testing: a collection is recorded on the tablet form and opens the result entry', async () => {
    const onBoard = page.getByRole('button', { name: `Collect from ${name}`, exact: true });
    if ((await onBoard.count()) > 0) {
      await onBoard.click();
    } else {
      await page.goto(`${baseUrl}/clients/${client.id}#drug-testing`, { waitUntil: 'domcontentloaded' });
      const section = page.getByRole('region', { name: 'Drug testing' });
      await section.getByRole('button', { name: 'Record a collection' }).click();
    }
    const dialog = page.getByRole('dialog', { name: `Collection: ${name}` });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Panel' }).waitFor();
    await page.waitForFunction(() => {
      const input = [...document.querySelectorAll('[role=dialog] input')].find((i) => i.closest('.mantine-Select-root'));
      return input && input.value.length > 0;
    });
    await axeScan(page, 'collection dialog');
    await dialog.getByRole('button', { name: 'Save collection' }).click();
    await page.waitForURL(/\/testing\/collections\/[0-9a-f-]+$/);
    collectionUrl = page.url();
    await page.getByRole('heading', { level: 1, name: `Result: ${name}` }).waitFor();
  });

  await check('testing: a cup result with an unexpected positive shows the step-1 warning', async () => {
    if (!collectionUrl) throw new Error('no collection');
    const table = page.getByRole('table', { name: /^Analytes of / });
    await table.waitFor();
    const cocaine = table.getByTestId('analyte-cocaine');
    await cocaine.getByText('Positive', { exact: true }).click();
    await axeScan(page, 'result entry');
    await page.getByRole('button', { name: 'Save result' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Step 1: Warning' });
    await alert.waitFor();
    const interpretation = page.getByRole('table', { name: 'Interpretation' });
    await interpretation.getByText('Presumptive positive').first().waitFor();
  });

  await check('testing: the client’s chart shows the warning with the result as its evidence', async () => {
    await page.goto(`${baseUrl}/clients/${client.id}#drug-testing`, { waitUntil: 'domcontentloaded' });
    const section = page.getByRole('region', { name: 'Drug testing' });
    const step = section.getByTestId('testing-step');
    await step.waitFor();
    const text = await step.innerText();
    assert(/Step 1: Warning/.test(text), `testing state shows "${text}"`);
    const evidence = section.getByTestId('policy-event').first().getByRole('link', { name: 'evidence' });
    const href = await evidence.getAttribute('href');
    assert(collectionUrl.endsWith(href ?? '-'), `evidence links to ${href}, the result was ${collectionUrl}`);
    await section.getByRole('table', { name: 'Drug tests' }).getByText('Unexpected positive').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await axeScan(page, 'chart drug testing');
  });
}
