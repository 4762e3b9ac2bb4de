import { cardFrame, typeCard } from './support/card-frame';
import { logMark, logOf, wholeLog } from './support/demo-log';
import { MERCHANT } from './support/origins';
import { cardSecrets, findLeaks } from './support/recorder';
import { expect, test } from './support/test';
import { receivedWebhooks, shownToken, shownWebhook } from './support/token';

// A merchant testing its failure path: with `?charge` the checkout page charges at the mock processor, whose test
// card 4000 0000 0000 9995 always declines for insufficient funds. The decline travels processor → edge (forward)
// → merchant server (402) → page, which shows the processor's message and code; the same page then takes a good card.
const declining = { number: '4000000000009995', expiry: '1133', cvc: '737' };
const approved = { number: '4242424242424242', expiry: '1133', cvc: '737' };

test('a declined card shows the processor’s answer on the page, and a good card still pays', async ({ page }) => {
  const mark = logMark();
  await page.goto('/?charge');
  await typeCard(page, declining);
  const charged = page.waitForResponse((r) => r.url() === `${MERCHANT}/api/charge`);
  await page.getByRole('button', { name: 'Pay' }).click();

  const decline = await charged;
  expect(decline.status()).toBe(402);
  const answer = await decline.text();
  expect(JSON.parse(answer)).toEqual({
    error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  });
  await expect(page.getByRole('alert')).toHaveText(
    'Payment declined: Your card has insufficient funds. (insufficient_funds)',
  );
  await expect(page.locator('#receipt')).toBeHidden();
  const token = JSON.parse(decline.request().postData() ?? '{}').token as string;
  expect(token).toMatch(/^tok_/);
  // A declined payment is webhooks too: the token was created, and the forward failed (the processor said 402).
  await expect(shownWebhook(page, 'token.created')).toBeVisible();
  await expect(shownWebhook(page, 'forward.failed')).toBeVisible();
  expect((await receivedWebhooks(token)).map((event) => [event.type, event.verified])).toEqual(
    expect.arrayContaining([
      ['token.created', true],
      ['forward.failed', true],
    ]),
  );

  // The same page, the number corrected: the shopper pays, and the charge goes through.
  const number = cardFrame(page).getByLabel('Card number');
  await number.click();
  await number.press('ControlOrMeta+a');
  await number.press('Backspace');
  await number.pressSequentially(approved.number);
  await page.getByRole('button', { name: 'Pay' }).click();
  const paid = await shownToken(page);
  await expect(page.getByText(/Visa\s*•+\s*4242/)).toBeVisible();
  await expect(page.getByText(/charge ch_[a-z]{16}/)).toBeVisible();
  // The page shows this payment's webhooks only: the declined token's forward.failed is gone.
  await expect(shownWebhook(page, 'forward.succeeded')).toBeVisible();
  await expect(shownWebhook(page, 'forward.failed')).toHaveCount(0);
  await expect(page.getByRole('alert')).toBeHidden();

  // Each step logged, by token, codes and last four only; no line of the run holds either number. (A 3-digit code is
  // looked for only in the answer: the whole log holds timings it could match; the log scan catches `cvc: 737`.)
  await logOf(
    mark,
    `charge ${token}: processor answered 402 card_declined insufficient_funds`,
    'charge refused: 402 card_declined',
    `charged ${paid} visa 4242`,
  );
  expect(findLeaks([answer], cardSecrets(declining.number, declining.cvc))).toEqual([]);
  const numbers = [declining, approved].flatMap((card) => cardSecrets(card.number, card.cvc).slice(0, -1));
  expect(findLeaks(wholeLog(), numbers)).toEqual([]);
});
