import { typeCard } from './support/card-frame';
import { logMark, logOf, wholeLog } from './support/demo-log';
import { EDGE, MERCHANT_SERVER, PROCESSOR } from './support/origins';
import { cardSecrets, findLeaks } from './support/recorder';
import { expect, test } from './support/test';
import { shownToken } from './support/token';

// The demo's whole charge path, for real: the page pays (token), the merchant server's POST /api/charge forwards
// the charge through the edge's POST /v1/forward, the edge fills the card in and the mock processor charges it.
// An Amex no other test types, with a 4-digit code, so a leak found here is this test's.
const card = { number: '378734493671000', expiry: '0830', cvc: '8315' };
const secrets = cardSecrets(card.number, card.cvc);

const readToken = async (token: string) => {
  const response = await fetch(`${EDGE}/v1/tokens/${token}`, {
    headers: { authorization: 'Bearer sk_test_demo_local' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { cvc: string };
};

const charge = async (token: string) => {
  const response = await fetch(`${MERCHANT_SERVER}/api/charge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return { status: response.status, text: await response.text() };
};

test('a paid token is charged through the edge: the processor gets the real card, the merchant never does', async ({
  page,
}) => {
  const mark = logMark();
  await page.goto('/');
  await typeCard(page, card);
  await page.getByRole('button', { name: 'Pay' }).click();
  const token = await shownToken(page);
  await expect(page.getByText(/American Express\s*•+\s*1000/)).toBeVisible();
  expect((await readToken(token)).cvc).toBe('present');

  const charged = await charge(token);
  expect(charged.status, charged.text).toBe(200);
  const answer = JSON.parse(charged.text);
  expect(answer).toEqual({
    token,
    card: { brand: 'amex', last4: '1000', expMonth: 8, expYear: 2030 },
    charge: { id: expect.stringMatching(/^ch_[a-z]{16}$/), status: 'succeeded' },
  });
  expect(findLeaks([charged.text], secrets)).toEqual([]);

  // What the processor received: the edge filled in this card, whole (its first six, last four, length and Luhn)
  // with its 4-digit code, which only the vault held.
  const receipt = await fetch(`${PROCESSOR}/charges/${answer.charge.id}`);
  expect(receipt.status).toBe(200);
  expect(await receipt.json()).toEqual({
    id: answer.charge.id,
    amount: 1999,
    currency: 'usd',
    card: {
      bin: '378734',
      last4: '1000',
      length: 15,
      luhnValid: true,
      expMonth: 8,
      expYear: 2030,
      cvc: { present: true, length: 4 },
    },
  });

  // The first forward erased the code; a retried charge answers the first charge instead of charging again.
  expect((await readToken(token)).cvc).toBe('absent');
  const retried = await charge(token);
  expect(retried.status, retried.text).toBe(200);
  expect(JSON.parse(retried.text).charge).toEqual(answer.charge);

  // The merchant server, the mock processor and the edge logged this charge, and no log line holds the card.
  await logOf(mark, `paid ${token}`, `charged ${token}`, `charge ${answer.charge.id} succeeded`, '"/v1/forward"');
  expect(findLeaks(wholeLog(), secrets)).toEqual([]);
});
