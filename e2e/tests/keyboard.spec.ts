import { cardFrame } from './support/card-frame';
import { expect, test } from './support/test';
import { shownToken } from './support/token';

// The card element moves focus on by itself: a complete, valid number to the expiry, a complete, valid expiry to
// the security code (TesseraCardField's auto-advance). Tab is what a shopper presses only where nothing moves on.

test('a shopper pays with the keyboard alone, moving from the page into the iframe and back', async ({ page }) => {
  await page.goto('/');
  const frame = cardFrame(page);
  const number = frame.getByLabel('Card number');
  const expiry = frame.getByLabel('Expiration date');
  const cvc = frame.getByLabel('Security code');
  await expect(number).toBeVisible();

  // Start on the page's own field just before the card element, then only keys.
  await page.getByLabel(/Email/).focus();
  await page.keyboard.press('Tab');
  await expect(number).toBeFocused();
  await page.keyboard.type('4242424242424242');
  // No Tab: a complete number hands focus to the expiry, and the next keys land there.
  await expect(expiry).toBeFocused();
  await page.keyboard.type('1234');
  await expect(cvc).toBeFocused();
  await page.keyboard.type('123');
  await expect(number).toHaveValue('4242 4242 4242 4242');
  await expect(expiry).toHaveValue('12 / 34');
  await expect(cvc).toHaveValue('123');
  // A code never moves on: Tab leaves the iframe for the page's Pay button.
  await expect(cvc).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Pay' })).toBeFocused();
  await page.keyboard.press('Enter');

  await shownToken(page);
  await expect(page.getByText(/Visa\s*•+\s*4242/)).toBeVisible();
});

test('focus moves on only from a complete, valid input, and Backspace in an empty one goes back', async ({ page }) => {
  await page.goto('/');
  const frame = cardFrame(page);
  const number = frame.getByLabel('Card number');
  const expiry = frame.getByLabel('Expiration date');
  await number.focus();

  // 15 digits of a 16-digit Visa: not complete, focus stays.
  await page.keyboard.type('424242424242424');
  await expect(number).toHaveValue('4242 4242 4242 424');
  await expect(number).toBeFocused();
  await page.keyboard.type('2');
  await expect(expiry).toBeFocused();

  // A complete expiry in the past is an error: focus stays for the shopper to fix it.
  await page.keyboard.type('0120');
  await expect(expiry).toHaveValue('01 / 20');
  await expect(expiry).toBeFocused();
  await expect(frame.getByText(/in the past/i)).toBeVisible();

  // Backspace through the expiry, then once more in the empty input: back to the end of the number.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await expect(expiry).toHaveValue('');
  await page.keyboard.press('Backspace');
  await expect(number).toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(number).toHaveValue('4242 4242 4242 424');
});

test('every frame on the checkout has a title', async ({ page }) => {
  await page.goto('/');
  await expect(cardFrame(page).getByLabel('Card number')).toBeVisible();
  const titles = await page.locator('iframe').evaluateAll((frames) => frames.map((f) => f.getAttribute('title')));
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) expect(title?.trim()).toBeTruthy();
});
