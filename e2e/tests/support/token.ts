import { expect, type Page } from '@playwright/test';

/** Waits for the token the checkout page shows after a payment, and returns its id. */
export async function shownToken(page: Page): Promise<string> {
  const shown = page.getByText(/tok_[\w-]{16,}/);
  await expect(shown).toBeVisible();
  const token = ((await shown.textContent()) ?? '').match(/tok_[\w-]+/)?.[0];
  expect(token, 'the page shows a token id').toBeDefined();
  return token ?? '';
}
