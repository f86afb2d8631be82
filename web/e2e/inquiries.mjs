// E2E journey for issue 4's admissions pipeline, run from run.mjs. In a browser context of its own (karen
// stays signed in on the main page), the demo intake specialist diego records a phone call through the
// inquiry form, finds it on the admissions board, books the assessment, runs the duplicate check and creates
// the client, landing on the chart at the assessment stage. Axe scans of the board, the form and the page.
// Returns the new client and the inquiry, so the assessment journey (assessment.mjs) carries on with them.

export async function run({ context, baseUrl, check, assert, axeScan, signIn }) {
  const browser = context.browser();
  assert(browser, 'the e2e context has no browser');
  const diego = await browser.newContext({ baseURL: baseUrl });
  const page = await diego.newPage();
  const stamp = Date.now().toString(36).slice(-4);
  const given = 'Avery';
  const family = `Quinn${stamp.replace(/\d/g, 'x')}`;
  const name = `${given} ${family}`;
  let inquiryUrl = '';
  let clientId = '';

  try {
    await check('admissions: the intake specialist signs in and opens the board from the navigation', async () => {
      await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
      await signIn(page, 'diego');
      const nav = page.getByRole('navigation', { name: 'Primary' });
      await nav.getByRole('link', { name: 'Admissions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Admissions' }).waitFor();
      await page.getByTestId('column-inquiry').getByTestId('inquiry-card').first().waitFor();
      await page.getByRole('region', { name: /Overdue follow-ups/ }).waitFor();
      await page.getByTestId('waitlist-track').first().waitFor();
      await axeScan(page, 'admissions board');
    });

    await check('admissions: a phone call is recorded through the one-screen form', async () => {
      await page.getByTestId('new-inquiry').click();
      await page.getByRole('heading', { level: 1, name: 'New inquiry' }).waitFor();
      await page.getByText(/Do not confirm to a caller/).waitFor();
      const first = page.getByLabel(/^First name/);
      assert(await first.evaluate((el) => el === document.activeElement), 'the first-name field has focus');
      await axeScan(page, 'inquiry form');
      await first.fill(given);
      await page.getByLabel('Last name').fill(family);
      await page.getByLabel(/^Phone/).fill('(651) 555-0188');
      const substances = page.getByRole('textbox', { name: 'Substances of concern' });
      await substances.click();
      await substances.fill('Alco');
      await page.getByRole('option', { name: 'Alcohol', exact: true }).click();
      await page.keyboard.press('Escape');
      await page.getByRole('combobox', { name: 'Urgency' }).selectOption('soon');
      await page.getByRole('combobox', { name: 'Preferred schedule' }).selectOption('evenings');
      await page.getByRole('button', { name: 'Save inquiry' }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByTestId('inquiry-stage').getByText('Inquiry').waitFor();
      await page.getByText('Substances: Alcohol').waitFor();
      inquiryUrl = page.url();
    });

    await check('admissions: the new inquiry is on the board in the Inquiry column', async () => {
      await page.getByRole('link', { name: '← Back to admissions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Admissions' }).waitFor();
      await page.getByTestId('column-inquiry').getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      assert(page.url() === inquiryUrl, `opened ${page.url()}, expected ${inquiryUrl}`);
    });

    await check('admissions: booking the assessment with a clinician moves it to "Assessment booked"', async () => {
      const tomorrow = new Date(Date.now() + 86_400_000);
      const p = (n) => String(n).padStart(2, '0');
      const local = `${tomorrow.getFullYear()}-${p(tomorrow.getMonth() + 1)}-${p(tomorrow.getDate())}T10:00`;
      await page.getByLabel(/^Assessment time/).fill(local);
      await page.getByRole('combobox', { name: /^Assessor/ }).selectOption({ label: 'Priya Shah' });
      await page.getByTestId('book-assessment').click();
      await page.getByTestId('booking').getByText(/with Priya Shah/).waitFor();
      await page.getByTestId('inquiry-stage').getByText('Assessment booked').waitFor();
      await axeScan(page, 'inquiry page');
    });

    await check('admissions: a follow-up is added with a due date and assigned to a colleague', async () => {
      const followUps = page.getByRole('region', { name: 'Follow-ups' });
      await followUps.getByLabel('New follow-up').fill('Send the intake paperwork');
      await followUps.getByLabel('Due').fill('2030-01-10');
      await followUps.getByRole('combobox', { name: 'Assign to' }).selectOption({ label: 'Priya Shah' });
      await followUps.getByRole('button', { name: 'Add' }).click();
      await followUps.getByText(/Send the intake paperwork — due .* · Priya Shah/).waitFor();
    });

    await check('admissions: the duplicate check runs before the client is created, and creating opens the chart', async () => {
      await page.getByTestId('check-duplicates').click();
      await page.getByText('No possible duplicates found by name, date of birth or phone.').waitFor();
      await page.getByLabel(/^Date of birth/).fill('1991-07-14');
      await page.getByTestId('create-client').click();
      await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: new RegExp(`${given}.*${family}`) }).waitFor();
      const id = page.url().split('/').pop();
      clientId = id;
      const res = await page.request.get(`${baseUrl}/api/v1/clients/${id}`);
      assert(res.ok(), `GET the new client answered ${res.status()}`);
      const chart = await res.json();
      assert(chart.current_episode?.stage === 'assessment', `episode stage ${chart.current_episode?.stage}`);
      assert(chart.current_episode?.counselor_name === 'Priya Shah', `counselor ${chart.current_episode?.counselor_name}`);
    });
  } finally {
    await diego.close();
  }
  // The assessment journey continues with this client: inquiry → assessment → recommendation → admission.
  return { clientId, inquiryId: inquiryUrl.split('/').pop() };
}
