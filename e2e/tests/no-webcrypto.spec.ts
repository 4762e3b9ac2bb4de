import { typeCard } from './support/card-frame';
import { fieldFrame, mainFrameTraffic } from './support/field-frame';
import { EDGE } from './support/origins';
import { cardSecrets, findLeaks, merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';
import { expect, test } from './support/test';
import { shownToken } from './support/token';

/**
 * Runs in every frame before its own scripts; in the field frames (edge origin) it takes WebCrypto away, as an http
 * page on a LAN address has none: `crypto.getRandomValues` stays, `crypto.subtle` is gone.
 */
function withoutWebCrypto(edge: string): void {
  if (location.origin !== edge) return;
  const native = globalThis.crypto;
  const insecure = Object.create(native) as Crypto;
  Object.defineProperty(insecure, 'subtle', { value: undefined });
  Object.defineProperty(insecure, 'getRandomValues', { value: native.getRandomValues.bind(native) });
  Object.defineProperty(globalThis, 'crypto', { value: insecure, configurable: true, writable: true });
}

/** Every request for webcrypto-liner, by the address of the frame that made it. */
function linerRequests(page: import('@playwright/test').Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('webcrypto-liner')) seen.push(request.frame().url());
  });
  return seen;
}

test('without crypto.subtle in the frame, the field page loads webcrypto-liner once and still pays', async ({
  page,
}) => {
  // An Amex no other test types, with a 4-digit code: a leak found is this test's.
  const card = { number: '373909960308246', expiry: '0831', cvc: '3190' };
  const secrets = cardSecrets(card.number, card.cvc);
  await page.addInitScript(withoutWebCrypto, EDGE);
  const liner = linerRequests(page);
  await recordMerchantRealm(page);
  const traffic = mainFrameTraffic(page);
  await page.goto('/');
  const frame = await fieldFrame(page);

  // The page took the liner in place of the missing WebCrypto before the shopper typed anything.
  await expect.poll(() => liner.length).toBe(1);
  expect(new URL(liner[0] ?? '').origin).toBe(EDGE);
  // The request is seen as it starts; the liner installs itself once it has run.
  await expect.poll(() => frame.evaluate(() => typeof globalThis.crypto.subtle?.encrypt)).toBe('function');

  await typeCard(page, card);
  await page.getByRole('button', { name: 'Pay' }).click();
  const token = await shownToken(page);
  await expect(page.getByText(/American Express\s*•+\s*8246/)).toBeVisible();
  // Sealed by the liner, opened by the edge's own WebCrypto: the token holds the card as typed.
  const read = await fetch(`${EDGE}/v1/tokens/${token}`, { headers: { authorization: 'Bearer sk_test_demo_local' } });
  expect(await read.json()).toMatchObject({ card: { brand: 'amex', last4: '8246', expMonth: 8, expYear: 2031 } });
  expect(liner).toHaveLength(1);

  const seen = await merchantRealmSnapshot(page);
  expect(seen.some((l) => l.startsWith('fetch: ') && l.includes(token))).toBe(true);
  expect(findLeaks([...seen, ...traffic], secrets)).toEqual([]);
});

test('with WebCrypto, paying never downloads webcrypto-liner', async ({ page }) => {
  const liner = linerRequests(page);
  await page.goto('/');
  await typeCard(page, { number: '4242424242424242', expiry: '1234', cvc: '123' });
  await page.getByRole('button', { name: 'Pay' }).click();
  await shownToken(page);
  expect(liner).toEqual([]);
});
