import { typeCard } from './support/card-frame';
import { fieldFrame, mainFrameTraffic } from './support/field-frame';
import { MERCHANT } from './support/origins';
import { cardSecrets, findLeaks, merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';
import { expect, test } from './support/test';

// <tessera-card> on the demo (http://localhost:5173) with the real edge (http://127.0.0.1:8787): a form-associated
// element, in a plain form and in a closed shadow root. Each test types an Amex no other test types, with a 4-digit
// code, so that a leak found is this test's and neither turns up by chance in a token id.

test('a plain form with <tessera-card> submits the token, never the card, and the page never sees a digit', async ({
  page,
}) => {
  const card = { number: '375260181590834', expiry: '1130', cvc: '8264' };
  const secrets = cardSecrets(card.number, card.cvc);
  await recordMerchantRealm(page);
  const traffic = mainFrameTraffic(page);
  await page.goto('/tessera-card.html');
  await fieldFrame(page);
  const element = page.locator('tessera-card');

  // The form knows there is no card yet: the element is :invalid and holds the form back.
  expect(await element.evaluate((el: HTMLElement) => el.matches(':invalid'))).toBe(true);
  expect(await page.locator('form').evaluate((form: HTMLFormElement) => form.checkValidity())).toBe(false);
  await typeCard(page, card);
  await expect.poll(() => element.evaluate((el: HTMLElement) => el.matches(':valid'))).toBe(true);
  const beforeSubmit = await merchantRealmSnapshot(page);

  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(/\/tessera-card-paid\.html/);
  await expect(page.getByText(/American Express\s*•+\s*0834/)).toBeVisible();
  const token = ((await page.getByText(/^token tok_/).textContent()) ?? '').replace('token ', '');
  expect(token).toMatch(/^tok_[\w-]+$/);

  // The browser submitted the form itself, and the form held the token alone.
  const submitted = traffic
    .map((line) => line.split(' ')[1] ?? '')
    .filter((url) => url.startsWith(`${MERCHANT}/tessera-card-paid.html?`));
  expect(submitted).toHaveLength(1);
  expect([...new URL(submitted[0] ?? '').searchParams]).toEqual([['tessera_token', token]]);

  const afterSubmit = await merchantRealmSnapshot(page);
  // The spy works: it saw the field page's state messages, and the paid page's call to the merchant server.
  expect(beforeSubmit.some((l) => l.startsWith('message: ') && l.includes('"tessera":1'))).toBe(true);
  expect(afterSubmit.some((l) => l.startsWith('fetch: ') && l.includes(token))).toBe(true);
  expect(findLeaks([...beforeSubmit, ...afterSubmit, ...traffic], secrets)).toEqual([]);
});

test('<tessera-card> in a closed shadow root pays with the keyboard alone, and the page never sees a digit', async ({
  page,
}) => {
  const card = { number: '370166131860919', expiry: '1029', cvc: '5071' };
  const secrets = cardSecrets(card.number, card.cvc);
  await recordMerchantRealm(page);
  const traffic = mainFrameTraffic(page);
  await page.goto('/tessera-card-shadow.html');
  // Nothing of the page reaches into the component: the frame is found among the page's frames.
  expect(await page.locator('tessera-card').count()).toBe(0);
  const frame = await fieldFrame(page);

  await frame.getByLabel('Card number').pressSequentially(card.number);
  await expect(frame.getByLabel('Expiration date')).toBeFocused();
  await page.keyboard.type(card.expiry);
  await expect(frame.getByLabel('Security code')).toBeFocused();
  await page.keyboard.type(card.cvc);
  await expect(frame.getByLabel('Security code')).toHaveValue(card.cvc);
  // Tab leaves the iframe for the component's Pay button, inside the same closed shadow root; Enter submits.
  await page.keyboard.press('Tab');
  // Enter goes to the Pay button only once focus has left the frame (under load that takes a moment).
  await expect(frame.getByLabel('Security code')).not.toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByText(/American Express\s*•+\s*0919/)).toBeVisible();
  const token = ((await page.getByText(/^token tok_/).textContent()) ?? '').replace('token ', '');
  expect(token).toMatch(/^tok_[\w-]+$/);
  const seen = await merchantRealmSnapshot(page);
  expect(seen.some((l) => l.startsWith('fetch: ') && l.includes(token))).toBe(true);
  expect(findLeaks([...seen, ...traffic], secrets)).toEqual([]);
});
