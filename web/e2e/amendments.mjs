// E2E journey for amendment requests (HIPAA 164.526), run from run.mjs with karen signed in (program
// director: amendments.read/write). On the chart of a demo client in treatment: record a client's request,
// see its 60-day due date, deny it with a basis, append the client's statement of disagreement, and see the
// original request, the denial and the statement together. Axe scan of the section.

export async function run({ page, baseUrl, check, assert, axeScan }) {
  let clientId = '';
  const section = () => page.getByRole('region', { name: 'Amendment requests' });

  await check('amendments: a client in treatment has an amendment requests section on the chart', async () => {
    const res = await page.request.get(`${baseUrl}/api/v1/clients?stage=treatment&limit=5`);
    assert(res.ok(), `client list answered ${res.status()}`);
    const list = await res.json();
    assert(list.items.length > 0, 'the demo has clients in treatment');
    clientId = list.items[list.items.length - 1].id;
    await page.goto(`${baseUrl}/clients/${clientId}#amendments`);
    await section().waitFor();
  });

  await check('amendments: staff record a request and it is due in 60 days', async () => {
    await section().getByRole('button', { name: 'Record a request' }).click();
    const form = section().getByRole('form', { name: 'Record an amendment request' });
    await form.getByLabel(/Which entry/).fill('Intake call notes, referral source');
    await form.getByLabel(/What the client asks to change/).fill('I was referred by my employer, not the court');
    await form.getByRole('button', { name: 'Record request' }).click();
    const card = section().getByTestId('amendment').first();
    await card.getByText('Asked to change: I was referred by my employer, not the court').waitFor();
    await card.getByText(/Answer due/).waitFor();
  });

  await check('amendments: a denial with its basis, then the client statement, are appended beside the request', async () => {
    const card = section().getByTestId('amendment').first();
    await card.getByRole('button', { name: 'Deny…' }).click();
    await card.getByRole('button', { name: 'Deny', exact: true }).click();
    await card.getByText(/Denied: The information is accurate and complete/).waitFor();
    await card.getByRole('button', { name: /statement of disagreement/ }).click();
    await card.getByLabel(/The client's statement/).fill('My employer sent me; the court was not involved.');
    await card.getByRole('button', { name: 'Append statement' }).click();
    await card.getByText(/Client's statement of disagreement: My employer sent me/).waitFor();
    await card.getByText('Asked to change: I was referred by my employer, not the court').waitFor();
    await axeScan(page, 'amendment requests');
  });
}
