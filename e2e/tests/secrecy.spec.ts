import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { typeCard } from './support/card-frame';
import { LOG_FILE } from './support/origins';
import { cardSecrets, merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';

// An Amex with a 4-digit code, so that neither can turn up by chance in a token id or a price.
const card = { number: '378282246310005', expiry: '1131', cvc: '7373' };
const secrets = cardSecrets(card.number, card.cvc);

function leaks(lines: string[]): string[] {
  return lines.filter((line) => secrets.some((s) => s.test(line))).map((line) => line.slice(0, 80));
}

test('the merchant page never sees the card number or security code, nor do its requests or the logs', async ({
  page,
}) => {
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
  await expect(page.getByText(/tok_[\w-]{16,}/)).toBeVisible();
  await expect(page.getByText(/•+\s*0005/)).toBeVisible();

  const seen = await merchantRealmSnapshot(page);
  // The recorder works: it saw the field page's messages and the merchant server call.
  expect(seen.some((l) => l.startsWith('message: ') && l.includes('"tessera":1'))).toBe(true);
  expect(seen.some((l) => l.startsWith('fetch: ') && l.includes('tok_'))).toBe(true);
  expect(leaks(seen)).toEqual([]);
  expect(leaks(pageTraffic)).toEqual([]);

  // Every log line of the edge, the merchant server and the page server during the run.
  expect(existsSync(LOG_FILE)).toBe(true);
  const logs = readFileSync(LOG_FILE, 'utf8').split('\n');
  expect(logs.some((l) => l.includes('tok_'))).toBe(true);
  expect(leaks(logs)).toEqual([]);
});
