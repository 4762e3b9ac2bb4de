import { expect, test } from '@playwright/test';
import { cardFrame, typeCard } from './support/card-frame';
import { EDGE } from './support/origins';

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
