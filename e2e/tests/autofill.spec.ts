import { chromiumArgs, chromiumPath, loopbackOnlyArg } from '../../scripts/chromium.mjs';
import { cardSecrets, findLeaks, merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';
import { expect, test } from './support/test';
import { shownToken } from './support/token';

// Autofill into split fields, in Chromium with the `autofill` permissions policy on (Chromium's policy for autofill
// across frames, today behind this feature flag).
//
// What this proves: the SDK delegates `autofill` to every split frame (allow="autofill"), the delegation reaches the
// field page's own document (the edge's Permissions-Policy header does not take it back), each input carries the
// autocomplete token Chromium fills saved cards by, and values put into the inputs at once, as autofill puts them
// (the whole number without spaces, the expiry as MM/YY, an `input` event each, no keystrokes), are taken by every
// frame and tokenize as one card, without the merchant page seeing any of it.
//
// What it cannot prove: that Chromium offers the saved card and fills all five frames from one choice. Autofill's
// suggestion popup is browser UI that no headless test can open or click, and its decision to fill across frames
// (FormForest, by origin and this policy) happens in the browser process, out of reach of page scripts; manual
// checks in a desktop Chromium remain the proof of that.
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, loopbackOnlyArg, '--enable-features=AutofillPolicyControlledFeatureAutofill'],
  },
});

const TITLES = {
  name: 'Secure cardholder name input frame',
  number: 'Secure card number input frame',
  expiry: 'Secure expiration date input frame',
  cvc: 'Secure CVC input frame',
  postalCode: 'Secure postal code input frame',
} as const;
const TOKENS = {
  name: 'cc-name',
  number: 'cc-number',
  expiry: 'cc-exp',
  cvc: 'cc-csc',
  postalCode: 'billing postal-code',
} as const;

test('saved card data put into the split fields at once is taken by each frame and pays as one card', async ({
  page,
}) => {
  // What a saved card fills: an Amex no other test types.
  const saved = {
    name: 'Katherine Johnson',
    number: '374245455400126',
    expiry: '07/33',
    cvc: '4431',
    postalCode: 'K1A 0B1',
  };
  await recordMerchantRealm(page);
  await page.goto('/split.html?fields=name,postalCode');
  await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();

  for (const [field, title] of Object.entries(TITLES) as [keyof typeof TITLES, string][]) {
    const iframe = page.locator(`iframe[title="${title}"]`);
    await expect(iframe).toHaveAttribute('allow', 'autofill');
    const frame = await (await iframe.elementHandle())?.contentFrame();
    expect(
      await frame?.evaluate(() =>
        (document as unknown as { featurePolicy: { allowsFeature(f: string): boolean } }).featurePolicy.allowsFeature(
          'autofill',
        ),
      ),
    ).toBe(true);
    const input = page.frameLocator(`iframe[title="${title}"]`).locator('input');
    await expect(input).toHaveAttribute('autocomplete', TOKENS[field]);
    // Playwright's fill sets the whole value and fires `input`, as autofill does.
    await input.fill(saved[field]);
  }
  await expect(page.frameLocator(`iframe[title="${TITLES.number}"]`).locator('input')).toHaveValue('3742 454554 00126');
  await expect(page.frameLocator(`iframe[title="${TITLES.expiry}"]`).locator('input')).toHaveValue('07 / 33');

  await page.getByRole('button', { name: 'Pay' }).click();
  await shownToken(page);
  await expect(page.getByText(/American Express\s*•+\s*0126/)).toBeVisible();
  const seen = await merchantRealmSnapshot(page);
  expect(findLeaks(seen, [...cardSecrets(saved.number, saved.cvc), /Katherine Johnson/, /K1A 0B1/])).toEqual([]);
});
