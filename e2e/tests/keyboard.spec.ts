import { expect, test } from '@playwright/test';
import { cardFrame } from './support/card-frame';

test('a shopper pays with the keyboard alone, moving from the page into the iframe and back', async ({ page }) => {
  await page.goto('/');
  const frame = cardFrame(page);
  await expect(frame.getByLabel('Card number')).toBeVisible();

  // Start on the page's own field just before the card element, then only keys.
  await page.getByLabel(/Email/).focus();
  await page.keyboard.press('Tab');
  await expect(frame.getByLabel('Card number')).toBeFocused();
  await page.keyboard.type('4242424242424242');
  // A complete number moves focus on; Tab must land in the same place when it does not.
  if (
    !(await frame
      .getByLabel('Expiration date')
      .evaluate((el) => el === (el.getRootNode() as ShadowRoot | Document).activeElement))
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(frame.getByLabel('Expiration date')).toBeFocused();
  await page.keyboard.type('1234');
  if (
    !(await frame
      .getByLabel('Security code')
      .evaluate((el) => el === (el.getRootNode() as ShadowRoot | Document).activeElement))
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(frame.getByLabel('Security code')).toBeFocused();
  await page.keyboard.type('123');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Pay' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByText(/tok_[\w-]{16,}/)).toBeVisible();
  await expect(page.getByText(/Visa\s*•+\s*4242/)).toBeVisible();
});

test('every frame on the checkout has a title', async ({ page }) => {
  await page.goto('/');
  await expect(cardFrame(page).getByLabel('Card number')).toBeVisible();
  const titles = await page.locator('iframe').evaluateAll((frames) => frames.map((f) => f.getAttribute('title')));
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) expect(title?.trim()).toBeTruthy();
});
