import { cardFrame, typeCard } from './support/card-frame';
import { EDGE } from './support/origins';
import { expect, test } from './support/test';

test('a card typed into the edge iframe becomes a vaulted token that the merchant page shows', async ({ page }) => {
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url() === `${EDGE}/v1/tokens`) creates.push(r.frame().url());
  });
  await page.goto('/');
  const frame = cardFrame(page);
  await typeCard(page, { number: '4242424242424242', expiry: '1234', cvc: '123' });
  await expect(frame.getByLabel('Card number')).toHaveValue('4242 4242 4242 4242');
  await expect(frame.getByLabel('Expiration date')).toHaveValue('12 / 34');

  await page.getByRole('button', { name: 'Pay' }).click();
  const shown = page.getByText(/tok_[\w-]{16,}/);
  await expect(shown).toBeVisible();
  await expect(page.getByText(/Visa\s*•+\s*4242/)).toBeVisible();

  // The card went from the field page, same-origin, to the edge: never from the merchant page.
  expect(creates).toHaveLength(1);
  expect(new URL(creates[0] ?? '').origin).toBe(EDGE);

  // The token is real: the merchant's secret key reads its masked metadata; the other merchant's gets 404.
  const token = ((await shown.textContent()) ?? '').match(/tok_[\w-]+/)?.[0] ?? '';
  const mine = await fetch(`${EDGE}/v1/tokens/${token}`, { headers: { authorization: 'Bearer sk_test_demo_local' } });
  expect(mine.status).toBe(200);
  const body = await mine.text();
  expect(JSON.parse(body)).toMatchObject({
    id: token,
    card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
  });
  expect(body).not.toContain('4242424242424242');
  const theirs = await fetch(`${EDGE}/v1/tokens/${token}`, {
    headers: { authorization: 'Bearer sk_test_other_local' },
  });
  expect(theirs.status).toBe(404);
  expect(theirs.headers.get('content-type')).toContain('application/problem+json');
});
