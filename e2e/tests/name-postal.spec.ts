import { cardFrame } from './support/card-frame';
import { logMark, logOf, wholeLog } from './support/demo-log';
import { cardSecrets, findLeaks, merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';
import { expect, test } from './support/test';
import { shownToken } from './support/token';

// The name on the card and the postal code: inputs of the combined card (`fields`), and split fields of their own.
// They travel sealed with the card to the edge, which validates them; the merchant page sees neither, nor a digit.

const person = { name: 'Grace Hopper', postalCode: 'EC1A 1BB' };
// Whole words with their space: a random id in a log line cannot hold them by chance.
const nameSecrets = [/Grace Hopper/, /Hopper/, /EC1A 1BB/, /EC1A1BB/];

test('the combined card with name and postal code pays, and the merchant page sees none of it', async ({ page }) => {
  // A Discover no other test types.
  const card = { number: '6011111111111117', expiry: '0931', cvc: '719' };
  const secrets = [...cardSecrets(card.number, card.cvc), ...nameSecrets];
  const mark = logMark();
  await recordMerchantRealm(page);
  await page.goto('/?fields=name,postalCode');
  const frame = cardFrame(page);
  await expect(frame.getByLabel('Name on card')).toHaveAttribute('autocomplete', 'cc-name');
  await expect(frame.getByLabel('Postal code')).toHaveAttribute('autocomplete', 'billing postal-code');

  // Without a name or postal code nothing is tokenized: the first error, the name's, shows.
  await frame.getByLabel('Card number').pressSequentially(card.number);
  await frame.getByLabel('Expiration date').pressSequentially(card.expiry);
  await frame.getByLabel('Security code').pressSequentially(card.cvc);
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your cardholder name is incomplete.');

  await frame.getByLabel('Name on card').fill(person.name);
  await frame.getByLabel('Postal code').pressSequentially('EC1A 1B%');
  await expect(frame.getByText('Your postal code is invalid.')).toBeVisible();
  await frame.getByLabel('Postal code').fill(person.postalCode);
  await page.getByRole('button', { name: 'Pay' }).click();
  const token = await shownToken(page);

  const seen = await merchantRealmSnapshot(page);
  expect(findLeaks(seen, secrets)).toEqual([]);
  await logOf(mark, `paid ${token}`);
  expect(findLeaks(wholeLog(), secrets)).toEqual([]);
});

test('split name and postal code fields pay with the others, focus moving on, unseen by the page', async ({ page }) => {
  const card = { number: '5105105105105100', expiry: '0830', cvc: '515' };
  const secrets = [...cardSecrets(card.number, card.cvc), ...nameSecrets];
  await recordMerchantRealm(page);
  await page.goto('/split.html?fields=name,postalCode');
  await expect(page.locator('iframe')).toHaveCount(5);
  const field = (title: string, label: string) => page.frameLocator(`iframe[title="${title}"]`).getByLabel(label);
  const name = field('Secure cardholder name input frame', 'Name on card');
  const number = field('Secure card number input frame', 'Card number');
  const expiry = field('Secure expiration date input frame', 'Expiration date');
  const cvc = field('Secure CVC input frame', 'Security code');
  const postal = field('Secure postal code input frame', 'Postal code');
  await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();

  await name.pressSequentially(person.name);
  await number.focus();
  await page.keyboard.type(card.number);
  await expect(expiry).toBeFocused();
  await page.keyboard.type(card.expiry);
  await expect(cvc).toBeFocused();
  await page.keyboard.type(card.cvc);
  // A Mastercard code is whole at three digits: focus moves on to the postal code frame.
  await expect(postal).toBeFocused();
  await page.keyboard.type(person.postalCode);
  await page.getByRole('button', { name: 'Pay' }).click();
  await shownToken(page);
  await expect(page.getByText(/Mastercard\s*•+\s*5100/)).toBeVisible();

  const seen = await merchantRealmSnapshot(page);
  expect(findLeaks(seen, secrets)).toEqual([]);
  expect(seen.filter((l) => /"type":"(collect|collect:result)"/.test(l))).toEqual([]);
});
