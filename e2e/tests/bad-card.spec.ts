import { cardFrame, fieldPageFrame, typeCard } from './support/card-frame';
import { logMark, logOf, wholeLog } from './support/demo-log';
import { EDGE } from './support/origins';
import { cardSecrets, findLeaks } from './support/recorder';
import { sealAndPostCard } from './support/seal-in-page';
import { expect, test } from './support/test';

const cases = [
  {
    name: 'a number that fails Luhn',
    card: { number: '4242424242424241', expiry: '1234', cvc: '123' },
    label: 'Card number',
    error: /card number is invalid/i,
  },
  {
    name: 'an expiry in the past',
    card: { number: '4242424242424242', expiry: '0120', cvc: '123' },
    label: 'Expiration date',
    error: /in the past/i,
  },
  {
    name: 'a short security code',
    card: { number: '4242424242424242', expiry: '1234', cvc: '12' },
    label: 'Security code',
    error: /security code is incomplete/i,
  },
] as const;

for (const { name, card, label, error } of cases) {
  test(`${name} shows an error in its field and creates nothing`, async ({ page }) => {
    const creates: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().startsWith(`${EDGE}/v1/tokens`)) creates.push(r.url());
    });
    await page.goto('/');
    await typeCard(page, card);
    await page.getByRole('button', { name: 'Pay' }).click();

    const frame = cardFrame(page);
    const input = frame.getByLabel(label);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(frame.getByText(error)).toBeVisible();
    // The merchant page learns only that it failed, as a value it can show.
    await expect(page.getByRole('alert')).toContainText(error);
    await expect(page.getByText(/tok_[\w-]{16,}/)).toHaveCount(0);
    expect(creates).toEqual([]);
  });
}

// The field page refuses a bad card before sealing it, so the cases above never reach the edge. These do: each is
// sealed inside the real field page frame (the edge's origin, its publishable key) and POSTed from there, as a
// field page that skipped its own checks would, so the edge's own card rules are what refuse it.
const sealedAtEdge = [
  {
    name: 'a number that fails Luhn',
    card: { number: '371449635398432', expMonth: 12, expYear: 2034, cvc: '5190' },
    code: 'invalid_card_number',
    param: 'number',
  },
  {
    name: 'an expiry in the past',
    card: { number: '370000000000002', expMonth: 1, expYear: 2020, cvc: '2718' },
    code: 'invalid_expiry',
    param: 'expYear',
  },
] as const;

for (const { name, card, code, param } of sealedAtEdge) {
  test(`the edge refuses ${name} sealed by its own field page: 400 ${code}, no echo, no log`, async ({ page }) => {
    const mark = logMark();
    const field = await fieldPageFrame(page);
    const key = new URL(field.url()).searchParams.get('key') ?? '';
    expect(key).toMatch(/^pk_test_/);

    // The same sealing makes a token of a good card: the refusal below is the card's, not the seal's.
    const control = await field.evaluate(sealAndPostCard, {
      key,
      card: { number: '340000000000009', expMonth: 12, expYear: 2034, cvc: '3141' },
    });
    expect(control.status, control.body).toBe(200);
    expect(JSON.parse(control.body)).toMatchObject({ card: { brand: 'amex', last4: '0009' } });

    const answer = await field.evaluate(sealAndPostCard, { key, card });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain('application/problem+json');
    const { instance, ...told } = JSON.parse(answer.body);
    expect(told).toMatchObject({ status: 400, code, param });
    expect(instance).toMatch(/^req_[\w-]+$/);
    // Nothing of the card comes back: not its number or code, not the refused expiry, not the sealed blob.
    const secrets = cardSecrets(card.number, card.cvc);
    expect(findLeaks([answer.body], secrets)).toEqual([]);
    expect(JSON.stringify(told)).not.toContain(String(card.expYear));
    expect(answer.body).not.toContain(answer.sealed.split('.')[0]);

    // The edge logged the refusal (its request id), and no line of the demo's log holds the card.
    await logOf(mark, instance);
    expect(findLeaks(wholeLog(), secrets)).toEqual([]);
  });
}
