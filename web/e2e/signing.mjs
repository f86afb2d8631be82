// What the signing journeys (documents, consents, plans) share: drawing on a signature pad and handing
// the tablet back to staff.

export const PASSWORD = process.env.E2E_PASSWORD ?? 'northstar-demo-pass';

/** Draws a short zig-zag in a signature canvas with the mouse (pointer events, as a finger or stylus would). */
export async function drawSignature(page, canvas) {
  // A long document puts the pad below the fold: mouse events only reach what is in the viewport.
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature canvas is not visible');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.15, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i += 1) {
    await page.mouse.move(box.x + box.width * (0.15 + i * 0.05), y + (i % 2 ? -18 : 18), { steps: 3 });
  }
  await page.mouse.up();
}

/** Confirms the staff password in the tablet unlock dialog ("Staff: leave tablet mode"). */
export async function unlock(page) {
  const dialog = page.getByRole('dialog', { name: 'Staff: leave tablet mode' });
  await dialog.getByLabel(/Your password/).fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await dialog.waitFor({ state: 'hidden' });
}
