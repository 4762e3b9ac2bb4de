import { typeCard } from './support/card-frame';
import { logMark, logOf, wholeLog } from './support/demo-log';
import { cardSecrets, findLeaks, merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';
import { expect, test } from './support/test';
import { shownToken } from './support/token';

// An Amex with a 4-digit code, so that neither can turn up by chance in a token id or a price. No other test
// types it, so a leak found here is this test's.
const card = { number: '378282246310005', expiry: '1131', cvc: '7373' };
const secrets = cardSecrets(card.number, card.cvc);

test('the merchant page never sees the card number or security code, nor do its requests or the logs', async ({
  page,
}) => {
  const mark = logMark();
  await recordMerchantRealm(page);
  const pageTraffic: string[] = [];
  page.on('request', (r) => {
    if (r.frame() === page.mainFrame()) pageTraffic.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`);
  });
  page.on('console', (m) => pageTraffic.push(`console ${m.text()}`));
  await page.goto('/');

  // A failed attempt first (error path), then the same card completed and paid.
  await typeCard(page, { ...card, cvc: card.cvc.slice(0, 2) });
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await typeCard(page, { number: '', expiry: '', cvc: card.cvc.slice(2) });
  await page.getByRole('button', { name: 'Pay' }).click();
  const token = await shownToken(page);
  await expect(page.getByText(/•+\s*0005/)).toBeVisible();

  const seen = await merchantRealmSnapshot(page);
  // The recorder works: it saw the field page's messages and the merchant server call.
  expect(seen.some((l) => l.startsWith('message: ') && l.includes('"tessera":1'))).toBe(true);
  expect(seen.some((l) => l.startsWith('fetch: ') && l.includes(token))).toBe(true);
  expect(findLeaks(seen, secrets)).toEqual([]);
  expect(findLeaks(pageTraffic, secrets)).toEqual([]);

  // Every log line of the edge, the merchant server and the page server, once this payment's lines are in: the
  // merchant server's for this token, and the edge's for the create.
  const lines = await logOf(mark, `paid ${token}`, '"route":"/v1/tokens"');
  expect(lines.some((l) => l.includes('"method":"POST"') && l.includes('"route":"/v1/tokens"'))).toBe(true);
  expect(findLeaks(wholeLog(), secrets)).toEqual([]);
});
