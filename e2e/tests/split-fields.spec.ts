import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { EDGE, LOG_FILE } from './support/origins';
import { cardSecrets, merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';

// The demo's split.html: number, expiry and CVC each in its own edge iframe. They gather the card among themselves
// on the edge origin; the merchant page only ever sees state, the token and the masked card.
const card = { number: '378282246310005', expiry: '1131', cvc: '7373' };
const secrets = cardSecrets(card.number, card.cvc);
const leaks = (lines: string[]) =>
  lines.filter((line) => secrets.some((s) => s.test(line))).map((line) => line.slice(0, 80));

test('split fields pay with three edge iframes, and the merchant realm never sees the card', async ({ page }) => {
  await recordMerchantRealm(page);
  const pageTraffic: string[] = [];
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.frame() === page.mainFrame()) pageTraffic.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`);
    if (r.method() === 'POST' && r.url() === `${EDGE}/v1/tokens`) creates.push(r.frame().url());
  });
  page.on('console', (m) => pageTraffic.push(`console ${m.text()}`));
  await page.goto('/split.html');

  const frames = page.locator('iframe');
  await expect(frames).toHaveCount(3);
  for (const src of await frames.evaluateAll((all) => all.map((f) => (f as HTMLIFrameElement).src))) {
    expect(new URL(src).origin).toBe(EDGE);
  }
  const number = page.frameLocator('iframe[title="Secure card number input frame"]');
  const expiry = page.frameLocator('iframe[title="Secure expiration date input frame"]');
  const cvc = page.frameLocator('iframe[title="Secure CVC input frame"]');
  const pay = page.getByRole('button', { name: 'Pay' });
  await expect(pay).toBeEnabled();

  await number.getByLabel('Card number').pressSequentially(card.number);
  await expect(number.getByLabel('Card number')).toHaveValue('3782 822463 10005');
  await expiry.getByLabel('Expiration date').pressSequentially(card.expiry);
  await expect(expiry.getByLabel('Expiration date')).toHaveValue('11 / 31');

  // Three digits are not enough for Amex: the brand went from the number frame to the CVC frame.
  await cvc.getByLabel('Security code').pressSequentially(card.cvc.slice(0, 3));
  await pay.click();
  await expect(page.getByRole('alert')).toContainText(/security code is incomplete/i);
  await expect(cvc.getByLabel('Security code')).toHaveAttribute('aria-invalid', 'true');
  expect(creates).toEqual([]);

  // Back in the code field (after Pay), the shopper goes to its end and types the last digit.
  await cvc.getByLabel('Security code').press('End');
  await cvc.getByLabel('Security code').pressSequentially(card.cvc.slice(3));
  await expect(cvc.getByLabel('Security code')).toHaveValue(card.cvc);
  await pay.click();
  const shown = page.getByText(/tok_[\w-]{16,}/);
  await expect(shown).toBeVisible();
  await expect(page.getByText(/American Express\s*•+\s*0005/)).toBeVisible();

  // One create, sent by the number frame on the edge origin.
  expect(creates).toHaveLength(1);
  expect(new URL(creates[0] ?? '').origin).toBe(EDGE);
  expect(new URL(creates[0] ?? '').searchParams.get('type')).toBe('cardNumber');

  // The token holds the number frame's number and the expiry frame's date (the unsealed CVC is checked in
  // packages/elements' split-fields test; the demo's merchant server may already have used and erased it).
  const token = ((await shown.textContent()) ?? '').match(/tok_[\w-]+/)?.[0] ?? '';
  const read = await fetch(`${EDGE}/v1/tokens/${token}`, { headers: { authorization: 'Bearer sk_test_demo_local' } });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ card: { brand: 'amex', last4: '0005', expMonth: 11, expYear: 2031 } });

  const seen = await merchantRealmSnapshot(page);
  expect(seen.some((l) => l.startsWith('message: ') && l.includes('"tessera":1'))).toBe(true);
  // Frame-to-frame messages never reach the merchant realm.
  expect(seen.filter((l) => /"type":"(collect|collect:result|brand|hello)"/.test(l))).toEqual([]);
  expect(leaks(seen)).toEqual([]);
  expect(leaks(pageTraffic)).toEqual([]);
  expect(existsSync(LOG_FILE)).toBe(true);
  expect(leaks(readFileSync(LOG_FILE, 'utf8').split('\n'))).toEqual([]);
});

test('split fields: a shopper pays with the keyboard alone, tabbing from frame to frame', async ({ page }) => {
  await page.goto('/split.html');
  const number = page.frameLocator('iframe[title="Secure card number input frame"]').getByLabel('Card number');
  const expiry = page.frameLocator('iframe[title="Secure expiration date input frame"]').getByLabel('Expiration date');
  const cvc = page.frameLocator('iframe[title="Secure CVC input frame"]').getByLabel('Security code');
  const pay = page.getByRole('button', { name: 'Pay' });
  await expect(pay).toBeEnabled();

  await page.getByLabel(/Email/).focus();
  await page.keyboard.press('Tab');
  await expect(number).toBeFocused();
  await page.keyboard.type('5555555555554444');
  await page.keyboard.press('Tab');
  await expect(expiry).toBeFocused();
  await page.keyboard.type('1234');
  await page.keyboard.press('Tab');
  await expect(cvc).toBeFocused();
  await page.keyboard.type('123');
  await page.keyboard.press('Tab');
  await expect(pay).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByText(/tok_[\w-]{16,}/)).toBeVisible();
  await expect(page.getByText(/Mastercard\s*•+\s*4444/)).toBeVisible();
});
